package hooks_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/tests"
)

// expectCartK checks cart K's stored subtotal, item count and number of lines after a batch.
func expectCartK(subtotal, items, lines int) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		t.Helper()
		c := mustFind(t, app, "carts", cartK)
		if c.GetInt("subtotal") != subtotal || c.GetInt("item_count") != items {
			t.Errorf("cart K: subtotal %d, item_count %d; want %d, %d", c.GetInt("subtotal"), c.GetInt("item_count"), subtotal, items)
		}
		if n := countRecords(t, app, "cart_items", dbx.HashExp{"cart": cartK}); n != lines {
			t.Errorf("cart K has %d lines; want %d", n, lines)
		}
	}
}

// TestBatch: a request in POST /api/batch goes through the same checks and hooks as on its own: cart
// lines are priced and their cart recomputed in the batch's transaction, a refused request rolls back
// the whole batch, and a value of the wrong type is a 400 there too (PocketBase alone would store 0).
func TestBatch(t *testing.T) {
	line := func(item, size string, quantity string) string {
		return `{"method":"POST","url":"/api/collections/cart_items/records","body":{"cart":"` + cartK +
			`","menu_item":"` + item + `","quantity":` + quantity + `,"options":{"size":["` + size + `"]}}}`
	}
	batch := func(requests ...string) string { return `{"requests":[` + strings.Join(requests, ",") + `]}` }
	// Cart K starts with 2 × A1 large (2 × 1200).
	for _, s := range []struct {
		name, who, body string
		status          int
		content         []string
		after           func(testing.TB, *tests.TestApp, *http.Response)
	}{
		{"two lines in one batch", alice, batch(line(itemA1, "m", "1"), line(itemA1, "l", "3")), 200,
			[]string{`"unit_price":900`, `"line_total":3600`}, expectCartK(2400+900+3600, 6, 3)},
		{"a line of another restaurant rolls the batch back", alice, batch(line(itemA1, "m", "1"), line(itemB1, "m", "1")), 400,
			[]string{`"menu_item":{"code":`}, expectCartK(2400, 2, 1)},
		{"a quantity in words", alice, batch(line(itemA1, "m", `"abc"`)), 400,
			[]string{`"quantity":{"code":"invalid_type"`}, expectCartK(2400, 2, 1)},
		{"a line in someone else's cart", bob, batch(line(itemA1, "m", "1")), 400, nil, expectCartK(2400, 2, 1)},
		{"a server field", alice, batch(`{"method":"PATCH","url":"/api/collections/cart_items/records/` + lineK1 + `","body":{"line_total":1}}`), 400,
			[]string{`"line_total":{"code":"server_field"`}, expectCartK(2400, 2, 1)},
		{"a delivery point in words", alice, batch(`{"method":"PATCH","url":"/api/collections/carts/records/` + cartK + `","body":{"delivery_location":"abc"}}`), 400,
			[]string{`"delivery_location":{"code":"invalid_type"`}, nil},
		{"a number in words", "admin", batch(`{"method":"PATCH","url":"/api/collections/restaurants/records/` + restA + `","body":{"min_order":"abc"}}`), 400,
			[]string{`"min_order":{"code":"invalid_type"`}, storedIs("restaurants", restA, "min_order", 1500.0)},
		{"a bool in words", "admin", batch(`{"method":"PATCH","url":"/api/collections/restaurants/records/` + restA + `","body":{"is_active":"maybe"}}`), 400,
			[]string{`"is_active":{"code":"invalid_type"`}, storedIs("restaurants", restA, "is_active", true)},
		{"a price in words on create", "admin", batch(`{"method":"POST","url":"/api/collections/menu_items/records","body":{"restaurant":"` + restA + `","name":"Free?","price":"abc"}}`), 400,
			[]string{`"price":{"code":"invalid_type"`}, nil},
		{"numbers that are numbers", "admin", batch(`{"method":"PATCH","url":"/api/collections/restaurants/records/` + restA + `","body":{"min_order":"1600","is_active":"false"}}`), 200,
			nil, storedIs("restaurants", restA, "min_order", 1600.0)},
	} {
		(&tests.ApiScenario{
			Name:            "batch: " + s.name,
			Method:          http.MethodPost,
			URL:             "/api/batch",
			Body:            strings.NewReader(s.body),
			Headers:         auth(s.who),
			ExpectedStatus:  s.status,
			ExpectedContent: append([]string{`"status":`}, s.content...),
			TestAppFactory:  newApp,
			AfterTestFunc:   s.after,
		}).Test(t)
	}
}
