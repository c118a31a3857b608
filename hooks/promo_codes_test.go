package hooks_test

import (
	"slices"
	"testing"

	"github.com/pocketbase/pocketbase/core"
)

// expectDiscount checks a cart's stored discount and whether it carries the promo_ineligible blocker.
func expectDiscount(t testing.TB, app core.App, cartID string, discount int, ineligible bool) {
	t.Helper()
	c := mustFind(t, app, "carts", cartID)
	var blockers []struct{ Code string }
	if err := c.UnmarshalJSONField("blockers", &blockers); err != nil {
		t.Fatal(err)
	}
	got := slices.ContainsFunc(blockers, func(b struct{ Code string }) bool { return b.Code == "promo_ineligible" })
	if c.GetInt("discount") != discount || got != ineligible {
		t.Errorf("cart %s: got discount %d, promo_ineligible %t; want %d, %t",
			cartID, c.GetInt("discount"), got, discount, ineligible)
	}
}

// TestCartsFollowPromoCode: when an admin deactivates, reactivates, edits or deletes a promo code, the
// carts that carry it are requoted at once, without being touched themselves.
func TestCartsFollowPromoCode(t *testing.T) {
	app := cartApp(t)
	defer app.Cleanup()
	setCartField(t, app, cartK, "promo_code", "welcome10")
	expectDiscount(t, app, cartK, 240, false) // 10 % of 2400

	mustUpdate(t, app, "promo_codes", promoP, map[string]any{"is_active": false})
	expectDiscount(t, app, cartK, 0, true)
	mustUpdate(t, app, "promo_codes", promoP, map[string]any{"is_active": true})
	expectDiscount(t, app, cartK, 240, false)
	mustUpdate(t, app, "promo_codes", promoP, map[string]any{"value": 25})
	expectDiscount(t, app, cartK, 600, false)
	mustUpdate(t, app, "promo_codes", promoP, map[string]any{"min_subtotal": 5000})
	expectDiscount(t, app, cartK, 0, true)

	if err := app.Delete(mustFind(t, app, "promo_codes", promoP)); err != nil {
		t.Fatal(err)
	}
	expectDiscount(t, app, cartK, 0, true)
	if got := mustFind(t, app, "carts", cartK).GetString("promo_code"); got != "WELCOME10" {
		t.Errorf("promo_code: got %q; want the code kept, so the customer sees why it no longer applies", got)
	}
}

// TestLastRedemptionRequotesOtherCarts: the checkout that takes a code's last redemption requotes the
// other carts that carry it, in its transaction.
func TestLastRedemptionRequotesOtherCarts(t *testing.T) {
	app := checkoutApp(t) // LAST: max 2, 1 used, fixed 500
	defer app.Cleanup()
	other := newCart(t, app, bob, restA, plainItemA(t, app), 2)
	setCartField(t, app, other, "promo_code", "LAST")
	setCartField(t, app, cartK, "promo_code", "LAST")
	expectDiscount(t, app, other, 500, false)

	srv := serve(t, app)
	if status, body := as(alice).do(t, srv, "POST", "/api/carts/"+cartK+"/checkout", "", nil); status != 200 {
		t.Fatalf("checkout: got %d %v; want 200", status, body)
	}
	expectDiscount(t, app, other, 0, true)
}
