package hooks_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/dishpatch/dishpatch/hooks/stmtcache"
)

// Extra promo codes of the cart tests, next to the fixture's WELCOME10.
var cartPromos = []recordSpec{
	{"promo_codes", "promoinactive00", map[string]any{"code": "SLEEPY", "kind": "percent", "value": 10, "is_active": false}},
	{"promo_codes", "promoexpired000", map[string]any{"code": "OLD", "kind": "fixed", "value": 500, "is_active": true,
		"ends_at": types.NowDateTime().Add(-24 * time.Hour)}},
	{"promo_codes", "promofuture0000", map[string]any{"code": "SOON", "kind": "fixed", "value": 500, "is_active": true,
		"starts_at": types.NowDateTime().Add(24 * time.Hour)}},
	{"promo_codes", "promoexhausted0", map[string]any{"code": "GONE", "kind": "fixed", "value": 500, "is_active": true,
		"max_redemptions": 3, "redemptions": 3}},
	{"promo_codes", "promootherrest0", map[string]any{"code": "BURGER5", "kind": "fixed", "value": 500, "is_active": true,
		"restaurant": restB}},
	{"promo_codes", "promominimum000", map[string]any{"code": "BIG", "kind": "fixed", "value": 1000, "is_active": true,
		"min_subtotal": 5000}},
	{"promo_codes", "promofreedeliv0", map[string]any{"code": "FREEDEL", "kind": "free_delivery", "is_active": true}},
}

// cartApp is the fixture plus cartPromos.
func cartApp(t testing.TB) *tests.TestApp {
	app := newApp(t)
	for _, s := range cartPromos {
		if err := save(app, s); err != nil {
			t.Fatal(err)
		}
	}
	return app
}

// fixtureCartK is cart K as seeded: 2 × Margherita large (1200) at A, no
// location: service 5 % = 120 (cap 300), tax 7 % included = 157.
var fixtureCartK = cartWant{subtotal: 2400, total: 2520, itemCount: 2, serviceFee: 120, tax: 157, lines: 1}

type cartWant struct {
	subtotal, discount, deliveryFee, serviceFee, smallOrderFee, tax, total, itemCount int
	lines                                                                             int
	blockers                                                                          []string
	promo                                                                             string
}

// expectCart asserts the stored state of a cart after a scenario.
func expectCart(id string, want cartWant) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		t.Helper()
		c, err := app.FindRecordById("carts", id)
		if err != nil {
			t.Fatalf("cart %s: %v", id, err)
		}
		got := cartWant{
			subtotal: c.GetInt("subtotal"), discount: c.GetInt("discount"), deliveryFee: c.GetInt("delivery_fee"),
			serviceFee: c.GetInt("service_fee"), smallOrderFee: c.GetInt("small_order_fee"), tax: c.GetInt("tax"),
			total: c.GetInt("total"), itemCount: c.GetInt("item_count"), promo: c.GetString("promo_code"),
		}
		lines, err := app.FindAllRecords("cart_items", dbxCart(id))
		if err != nil {
			t.Fatal(err)
		}
		got.lines = len(lines)
		var blockers []struct{ Code string }
		if err := c.UnmarshalJSONField("blockers", &blockers); err != nil {
			t.Fatal(err)
		}
		for _, b := range blockers {
			got.blockers = append(got.blockers, b.Code)
		}
		if want.blockers == nil {
			want.blockers = []string{"missing_delivery_location"}
		}
		if strings.Join(got.blockers, ",") != strings.Join(want.blockers, ",") {
			t.Errorf("cart blockers: got %v; want %v", got.blockers, want.blockers)
		}
		got.blockers, want.blockers = nil, nil
		if got.lines != want.lines || got.subtotal != want.subtotal || got.discount != want.discount ||
			got.deliveryFee != want.deliveryFee || got.serviceFee != want.serviceFee ||
			got.smallOrderFee != want.smallOrderFee || got.tax != want.tax || got.total != want.total ||
			got.itemCount != want.itemCount || got.promo != want.promo {
			t.Errorf("cart:\n got %+v\nwant %+v", got, want)
		}
	}
}

// cartScenario is one request against cart K and what it must leave.
type cartScenario struct {
	name    string
	who     string
	method  string
	url     string
	body    string
	status  int
	content []string
	cart    cartWant
	before  func(t testing.TB, app *tests.TestApp)
}

const (
	itemsURL = "/api/collections/cart_items/records"
	cartKURL = "/api/collections/carts/records/" + cartK
)

var cartScenarios = []cartScenario{
	// Bad input: a 400 naming the field, and the stored cart unchanged.
	{name: "item of another restaurant", who: alice, method: "POST", url: itemsURL,
		body: `{"cart":"` + cartK + `","menu_item":"` + itemB1 + `","quantity":1}`, status: 400,
		content: []string{`"menu_item":{"code":"other_restaurant"`}, cart: fixtureCartK},
	{name: "unavailable item", who: alice, method: "POST", url: itemsURL,
		body: `{"cart":"` + cartK + `","menu_item":"` + itemA2 + `","quantity":1}`, status: 400,
		content: []string{`"menu_item":{"code":"item_unavailable"`}, cart: fixtureCartK},
	{name: "unknown menu item", who: alice, method: "POST", url: itemsURL,
		body: `{"cart":"` + cartK + `","menu_item":"nosuchitem00000","quantity":1}`, status: 400,
		content: []string{`"menu_item":{`}, cart: fixtureCartK},
	{name: "quantity 0", who: alice, method: "POST", url: itemsURL,
		body: `{"cart":"` + cartK + `","menu_item":"` + itemA1 + `","quantity":0,"options":{"size":["m"]}}`, status: 400,
		content: []string{`"quantity":{`}, cart: fixtureCartK},
	{name: "quantity 100", who: alice, method: "POST", url: itemsURL,
		body: `{"cart":"` + cartK + `","menu_item":"` + itemA1 + `","quantity":100,"options":{"size":["m"]}}`, status: 400,
		content: []string{`"quantity":{`}, cart: fixtureCartK},
	{name: "negative quantity", who: alice, method: "POST", url: itemsURL,
		body: `{"cart":"` + cartK + `","menu_item":"` + itemA1 + `","quantity":-2,"options":{"size":["m"]}}`, status: 400,
		content: []string{`"quantity":{`}, cart: fixtureCartK},
	{name: "fractional quantity", who: alice, method: "POST", url: itemsURL,
		body: `{"cart":"` + cartK + `","menu_item":"` + itemA1 + `","quantity":1.5,"options":{"size":["m"]}}`, status: 400,
		content: []string{`"quantity":{`}, cart: fixtureCartK},
	{name: "quantity raised to 100", who: alice, method: "PATCH", url: itemsURL + "/" + lineK1,
		body: `{"quantity":100}`, status: 400, content: []string{`"quantity":{`}, cart: fixtureCartK},
	{name: "unknown option id", who: alice, method: "POST", url: itemsURL,
		body: `{"cart":"` + cartK + `","menu_item":"` + itemA1 + `","quantity":1,"options":{"size":["xl"]}}`, status: 400,
		content: []string{`"options":{"code":"invalid_options"`}, cart: fixtureCartK},
	{name: "unknown option group", who: alice, method: "POST", url: itemsURL,
		body: `{"cart":"` + cartK + `","menu_item":"` + itemA1 + `","quantity":1,"options":{"size":["m"],"sauce":["bbq"]}}`, status: 400,
		content: []string{`"options":{"code":"invalid_options"`}, cart: fixtureCartK},
	{name: "required group left out (min)", who: alice, method: "POST", url: itemsURL,
		body: `{"cart":"` + cartK + `","menu_item":"` + itemA1 + `","quantity":1}`, status: 400,
		content: []string{`"options":{"code":"invalid_options"`}, cart: fixtureCartK},
	{name: "too many options (max)", who: alice, method: "POST", url: itemsURL,
		body: `{"cart":"` + cartK + `","menu_item":"` + itemA1 + `","quantity":1,"options":{"size":["m","l"]}}`, status: 400,
		content: []string{`"options":{"code":"invalid_options"`}, cart: fixtureCartK},
	{name: "options not an object", who: alice, method: "POST", url: itemsURL,
		body: `{"cart":"` + cartK + `","menu_item":"` + itemA1 + `","quantity":1,"options":["l"]}`, status: 400,
		content: []string{`"options":{`}, cart: fixtureCartK},
	{name: "options changed to invalid", who: alice, method: "PATCH", url: itemsURL + "/" + lineK1,
		body: `{"options":{"size":[]}}`, status: 400, content: []string{`"options":{"code":"invalid_options"`}, cart: fixtureCartK},
	{name: "someone else's cart", who: bob, method: "POST", url: itemsURL,
		body: `{"cart":"` + cartK + `","menu_item":"` + itemA1 + `","quantity":1,"options":{"size":["m"]}}`, status: 400,
		content: []string{`"cart":{"code":"unknown_cart"`}, cart: fixtureCartK},
	{name: "note over 200 characters", who: alice, method: "POST", url: itemsURL,
		body:   `{"cart":"` + cartK + `","menu_item":"` + itemA1 + `","quantity":1,"options":{"size":["m"]},"note":"` + strings.Repeat("x", 201) + `"}`,
		status: 400, content: []string{`"note":{`}, cart: fixtureCartK},
	{name: "unknown promo code", who: alice, method: "PATCH", url: cartKURL, body: `{"promo_code":"NOPE"}`, status: 400,
		content: []string{`"promo_code":{"code":"unknown_promo_code"`}, cart: fixtureCartK},
	{name: "inactive promo code", who: alice, method: "PATCH", url: cartKURL, body: `{"promo_code":"sleepy"}`, status: 400,
		content: []string{`"promo_code":{"code":"promo_code_unusable"`}, cart: fixtureCartK},
	{name: "expired promo code", who: alice, method: "PATCH", url: cartKURL, body: `{"promo_code":"OLD"}`, status: 400,
		content: []string{`"promo_code":{"code":"promo_code_unusable"`, `expired`}, cart: fixtureCartK},
	{name: "not yet valid promo code", who: alice, method: "PATCH", url: cartKURL, body: `{"promo_code":"SOON"}`, status: 400,
		content: []string{`"promo_code":{"code":"promo_code_unusable"`}, cart: fixtureCartK},
	{name: "exhausted promo code", who: alice, method: "PATCH", url: cartKURL, body: `{"promo_code":"GONE"}`, status: 400,
		content: []string{`"promo_code":{"code":"promo_code_unusable"`}, cart: fixtureCartK},
	{name: "other restaurant's promo code", who: alice, method: "PATCH", url: cartKURL, body: `{"promo_code":"BURGER5"}`, status: 400,
		content: []string{`"promo_code":{"code":"promo_code_unusable"`}, cart: fixtureCartK},
	{name: "delivery location out of range", who: alice, method: "PATCH", url: cartKURL,
		body: `{"delivery_location":{"lon":13.4,"lat":95}}`, status: 400, content: []string{`"delivery_location":{`}, cart: fixtureCartK},

	// Happy paths with exact amounts.
	{name: "add a medium Margherita", who: alice, method: "POST", url: itemsURL,
		body:    `{"cart":"` + cartK + `","menu_item":"` + itemA1 + `","quantity":1,"options":{"size":["m"]},"note":"well done"}`,
		status:  200,
		content: []string{`"name":"Margherita"`, `"unit_price":900`, `"line_total":900`},
		// 3300 subtotal; service 5 % = 165; tax 7 % included = round(3300×700/10700) = 216.
		cart: cartWant{subtotal: 3300, serviceFee: 165, tax: 216, total: 3465, itemCount: 3, lines: 2}},
	{name: "raise the quantity", who: alice, method: "PATCH", url: itemsURL + "/" + lineK1, body: `{"quantity":5}`, status: 200,
		content: []string{`"unit_price":1200`, `"line_total":6000`},
		// 6000 subtotal; service capped at 300; tax round(6000×700/10700) = 393.
		cart: cartWant{subtotal: 6000, serviceFee: 300, tax: 393, total: 6300, itemCount: 5, lines: 1}},
	{name: "remove the last line", who: alice, method: "DELETE", url: itemsURL + "/" + lineK1, status: 204,
		cart: cartWant{lines: 0, blockers: []string{"empty_cart", "missing_delivery_location"}}},
	{name: "promo code and location", who: alice, method: "PATCH", url: cartKURL,
		body:    `{"promo_code":"  welcome10 ","delivery_location":{"lon":13.41,"lat":52.52}}`,
		status:  200,
		content: []string{`"promo_code":"WELCOME10"`, `"distance_km":0.34`},
		// 338 m: fee 199 + round(50×338/1000) = 216; discount 10 % = 240;
		// tax included on 2160 = 141; total 2400 − 240 + 216 + 120 = 2496.
		cart: cartWant{subtotal: 2400, discount: 240, deliveryFee: 216, serviceFee: 120, tax: 141, total: 2496,
			itemCount: 2, lines: 1, promo: "WELCOME10", blockers: []string{}}},
	{name: "a promo code of spaces is no code", who: alice, method: "PATCH", url: cartKURL, body: `{"promo_code":"   "}`,
		status: 200, content: []string{`"promo_code":""`}, cart: fixtureCartK},
	{name: "free delivery promo", who: alice, method: "PATCH", url: cartKURL,
		body:   `{"promo_code":"freedel","delivery_location":{"lon":13.41,"lat":52.52}}`,
		status: 200,
		// discount = delivery fee 216; tax on the subtotal 2400 = 157.
		cart: cartWant{subtotal: 2400, discount: 216, deliveryFee: 216, serviceFee: 120, tax: 157, total: 2520,
			itemCount: 2, lines: 1, promo: "FREEDEL", blockers: []string{}}},
	{name: "promo below its minimum is a blocker, not an error", who: alice, method: "PATCH", url: cartKURL,
		body: `{"promo_code":"BIG"}`, status: 200,
		cart: cartWant{subtotal: 2400, serviceFee: 120, tax: 157, total: 2520, itemCount: 2, lines: 1, promo: "BIG",
			blockers: []string{"missing_delivery_location", "promo_ineligible"}}},
	{name: "outside the delivery area", who: alice, method: "PATCH", url: cartKURL,
		body: `{"delivery_location":{"lon":13.5,"lat":52.6}}`, status: 200,
		// 10 971 m away: fee 199 + round(50×10971/1000) = 199 + 549 = 748.
		cart: cartWant{subtotal: 2400, deliveryFee: 748, serviceFee: 120, tax: 157, total: 3268, itemCount: 2, lines: 1,
			blockers: []string{"outside_delivery_area"}}},
	{name: "the cart's own code resent in another spelling is kept as stored", who: alice, method: "PATCH", url: cartKURL,
		body: `{"promo_code":" welcome10 "}`, status: 200, content: []string{`"promo_code":"WELCOME10"`},
		before: func(t testing.TB, app *tests.TestApp) { setCartPromo(t, app, "WELCOME10") },
		// Discount 10 % = 240; tax included on 2160 = 141; total 2400 − 240 + 120 = 2280.
		cart: cartWant{subtotal: 2400, discount: 240, serviceFee: 120, tax: 141, total: 2280, itemCount: 2, lines: 1,
			promo: "WELCOME10", blockers: []string{"missing_delivery_location"}}},
	{name: "the cart's used-up code resent stays, with its blocker", who: alice, method: "PATCH", url: cartKURL,
		body: `{"promo_code":"gone"}`, status: 200, content: []string{`"promo_code":"GONE"`},
		before: func(t testing.TB, app *tests.TestApp) {
			// Entered while it had a redemption left; the last one went since.
			setRedemptions(t, app, "promoexhausted0", 2)
			setCartPromo(t, app, "GONE")
			setRedemptions(t, app, "promoexhausted0", 3)
		},
		cart: cartWant{subtotal: 2400, serviceFee: 120, tax: 157, total: 2520, itemCount: 2, lines: 1, promo: "GONE",
			blockers: []string{"missing_delivery_location", "promo_ineligible"}}},
	{name: "remove the promo code", who: alice, method: "PATCH", url: cartKURL, body: `{"promo_code":""}`, status: 200,
		before: func(t testing.TB, app *tests.TestApp) { setCartPromo(t, app, "WELCOME10") },
		cart:   fixtureCartK},

	// The cart follows its restaurant and its menu items.
	{name: "restaurant drops its fees", who: admin, method: "PATCH", url: "/api/collections/restaurants/records/" + restA,
		body: `{"service_fee_bps":0,"tax_rate_bps":1900,"prices_include_tax":false}`, status: 200,
		// Exclusive 19 %: 456 added.
		cart: cartWant{subtotal: 2400, tax: 456, total: 2856, itemCount: 2, lines: 1}},
	{name: "restaurant deactivated", who: admin, method: "PATCH", url: "/api/collections/restaurants/records/" + restA,
		body: `{"is_active":false}`, status: 200,
		cart: cartWant{subtotal: 2400, serviceFee: 120, tax: 157, total: 2520, itemCount: 2, lines: 1,
			blockers: []string{"missing_delivery_location", "restaurant_inactive"}}},
	{name: "restaurant closed all week", who: sam, method: "PATCH", url: "/api/collections/restaurants/records/" + restA,
		body: `{"opening_hours":{"tz":"Europe/Berlin"}}`, status: 200,
		cart: cartWant{subtotal: 2400, serviceFee: 120, tax: 157, total: 2520, itemCount: 2, lines: 1,
			blockers: []string{"missing_delivery_location", "restaurant_closed"}}},
	{name: "menu price rises", who: sam, method: "PATCH", url: "/api/collections/menu_items/records/" + itemA1,
		body: `{"price":1000}`, status: 200,
		// 2 × (1000 + 300) = 2600; service 130; tax round(2600×700/10700) = 170.
		cart: cartWant{subtotal: 2600, serviceFee: 130, tax: 170, total: 2730, itemCount: 2, lines: 1}},
	{name: "menu item sold out", who: sam, method: "PATCH", url: "/api/collections/menu_items/records/" + itemA1,
		body: `{"is_available":false}`, status: 200,
		cart: cartWant{subtotal: 2400, serviceFee: 120, tax: 157, total: 2520, itemCount: 2, lines: 1,
			blockers: []string{"missing_delivery_location", "item_unavailable"}}},
	{name: "chosen option withdrawn", who: sam, method: "PATCH", url: "/api/collections/menu_items/records/" + itemA1,
		body:   `{"option_groups":[{"id":"size","name":"Size","min":1,"max":1,"options":[{"id":"m","name":"Medium","price":0}]}]}`,
		status: 200,
		// The large option no longer exists: priced at 900, and blocked.
		cart: cartWant{subtotal: 1800, serviceFee: 90, tax: 118, total: 1890, itemCount: 2, lines: 1,
			blockers: []string{"missing_delivery_location", "item_unavailable"}}},
	{name: "menu item deleted", who: sam, method: "DELETE", url: "/api/collections/menu_items/records/" + itemA1, status: 204,
		cart: cartWant{lines: 0, blockers: []string{"empty_cart", "missing_delivery_location"}}},
}

func TestCartScenarios(t *testing.T) {
	for _, c := range cartScenarios {
		s := tests.ApiScenario{
			Name:           c.name,
			Method:         c.method,
			URL:            c.url,
			Headers:        auth(c.who),
			ExpectedStatus: c.status,
			TestAppFactory: cartApp,
			AfterTestFunc:  expectCart(cartK, c.cart),
		}
		if c.body != "" {
			s.Body = strings.NewReader(c.body)
		}
		if c.before != nil {
			before := c.before
			s.BeforeTestFunc = func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) { before(t, app) }
		}
		s.ExpectedContent = c.content
		if c.status >= 400 {
			s.ExpectedContent = append([]string{`"status":400`}, c.content...)
		} else if c.status == 200 && len(s.ExpectedContent) == 0 {
			s.ExpectedContent = []string{`"id":`}
		}
		s.Test(t)
	}
}

func setRedemptions(t testing.TB, app core.App, promoID string, n int) {
	p, err := app.FindRecordById("promo_codes", promoID)
	if err != nil {
		t.Fatal(err)
	}
	p.Set("redemptions", n)
	if err := app.Save(p); err != nil {
		t.Fatal(err)
	}
}

func setCartPromo(t testing.TB, app core.App, code string) {
	c, err := app.FindRecordById("carts", cartK)
	if err != nil {
		t.Fatal(err)
	}
	c.Set("promo_code", code)
	if err := app.Save(c); err != nil {
		t.Fatal(err)
	}
}

// PocketBase's create-rule query is rewritten to one cached statement (see
// hooks/stmtcache): this checks that PocketBase still writes it in the
// shape the rewrite knows, and that the rule still decides.
func TestCreateRuleQueryIsCached(t *testing.T) {
	app := cartApp(t)
	srv := serve(t, app)
	before := stmtcache.CreateRulesRewritten()
	for i := range 3 {
		status, body := call(t, srv, alice, "POST", "/api/collections/cart_items/records",
			fmt.Sprintf(`{"cart":%q,"menu_item":%q,"quantity":%d,"options":{"size":["m"]}}`, cartK, itemA1, i+1))
		if status != http.StatusOK {
			t.Fatalf("add item %d: %d %v", i, status, body)
		}
	}
	if n := stmtcache.CreateRulesRewritten() - before; n < 3 {
		t.Errorf("%d create-rule queries rewritten for 3 creates", n)
	}
	// The rule (@request.auth.id != "") still refuses a guest.
	status, body := call(t, srv, "", "POST", "/api/collections/cart_items/records",
		fmt.Sprintf(`{"cart":%q,"menu_item":%q,"quantity":1,"options":{"size":["m"]}}`, cartK, itemA1))
	if status != http.StatusBadRequest {
		t.Errorf("guest add item: %d %v", status, body)
	}
	expectCart(cartK, cartWant{subtotal: 2400 + 6*900, total: 2400 + 6*900 + 300, itemCount: 8, serviceFee: 300,
		tax: 510, lines: 4})(t, app, nil) // tax included: 7800 × 700 / 10700 = 510.28
}
