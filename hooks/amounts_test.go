package hooks_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/dishpatch/dishpatch/internal/money"
)

// TestAmountLimits: amounts above money's limits are a 400 naming the field, and a cart line that would
// take its cart past money.MaxSubtotal is a 400 on quantity that leaves the cart as it was.
func TestAmountLimits(t *testing.T) {
	app := newApp(t)
	defer app.Cleanup()
	srv := serve(t, app)
	for _, c := range []struct {
		who, method, url, body string
		status                 int
		field                  string
	}{
		{admin, "POST", "/api/collections/menu_items/records",
			fmt.Sprintf(`{"restaurant":%q,"name":"Gold","price":%d}`, restA, int64(money.MaxAmount)+1), 400, "price"},
		{admin, "POST", "/api/collections/menu_items/records",
			fmt.Sprintf(`{"restaurant":%q,"name":"Gold","price":9e18}`, restA), 400, "price"},
		{sam, "PATCH", "/api/collections/restaurants/records/" + restA,
			fmt.Sprintf(`{"delivery_fee_per_km":%d}`, int64(money.MaxPerKm)+1), 400, "delivery_fee_per_km"},
		{sam, "PATCH", "/api/collections/restaurants/records/" + restA,
			fmt.Sprintf(`{"delivery_fee_base":%d}`, int64(money.MaxAmount)+1), 400, "delivery_fee_base"},
		{admin, "POST", "/api/collections/promo_codes/records",
			fmt.Sprintf(`{"code":"HUGE","kind":"fixed","value":%d,"is_active":true}`, int64(money.MaxAmount)+1), 400, "value"},
		{sam, "PATCH", "/api/collections/restaurants/records/" + restA,
			fmt.Sprintf(`{"delivery_fee_per_km":%d}`, int64(money.MaxPerKm)), 200, ""},
	} {
		status, body := as(c.who).do(t, srv, c.method, c.url, c.body, nil)
		data, _ := body["data"].(map[string]any)
		if status != c.status || c.field != "" && data[c.field] == nil {
			t.Errorf("%s %s %s: got %d %v; want %d naming %q", c.who, c.method, c.body, status, body, c.status, c.field)
		}
	}

	// A line at the largest price: 99 of them fit in a cart (2400 + 99 × 10^12 ≤ 10^14), 99 more do not.
	status, gold := as(admin).do(t, srv, "POST", "/api/collections/menu_items/records",
		fmt.Sprintf(`{"restaurant":%q,"name":"Gold","price":%d,"is_available":true}`, restA, int64(money.MaxAmount)), nil)
	if status != 200 {
		t.Fatalf("gold item: got %d %v", status, gold)
	}
	line := fmt.Sprintf(`{"cart":%q,"menu_item":%q,"quantity":99}`, cartK, gold["id"])
	if status, body := as(alice).do(t, srv, "POST", itemsURL, line, nil); status != 200 ||
		body["line_total"] != float64(99*money.MaxAmount) {
		t.Fatalf("first gold line: got %d %v; want 200 with line_total %d", status, body, int64(99*money.MaxAmount))
	}
	before := mustFind(t, app, "carts", cartK)
	status, body := as(alice).do(t, srv, "POST", itemsURL, line, nil)
	if data, _ := body["data"].(map[string]any); status != http.StatusBadRequest ||
		!strings.Contains(fmt.Sprint(data["quantity"]), "cart_too_large") {
		t.Errorf("second gold line: got %d %v; want 400 cart_too_large on quantity", status, body)
	}
	after := mustFind(t, app, "carts", cartK)
	for _, f := range []string{"subtotal", "total", "item_count", "updated"} {
		if fmt.Sprint(after.Get(f)) != fmt.Sprint(before.Get(f)) {
			t.Errorf("cart %s changed: %v → %v", f, before.Get(f), after.Get(f))
		}
	}
	if got := after.GetInt("subtotal"); got != 2400+99*money.MaxAmount || after.GetInt("total") > money.MaxExact {
		t.Errorf("cart: subtotal %d, total %d; want %d and at most 2^53 − 1", got, after.GetInt("total"), 2400+99*money.MaxAmount)
	}
}
