package hooks_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/dishpatch/dishpatch/bench/stock"
)

// BenchmarkCheckout is one checkout of a 5-line cart through the HTTP API,
// with an Idempotency-Key; building the cart is not timed. Compare with
// BenchmarkStockCreate.
func BenchmarkCheckout(b *testing.B) {
	app := checkoutApp(b)
	defer app.Cleanup()
	srv := serve(b, app)
	item := plainItemA(b, app)
	// One cart per restaurant and user: b.N customers, each with a cart at A.
	carts := make([]string, b.N)
	callers := make([]caller, b.N)
	for i := range carts {
		var user string
		user, callers[i] = newUser(b, app, fmt.Sprint("bench", i))
		carts[i] = newCart(b, app, user, restA, item, 1)
		for j := 2; j <= 5; j++ {
			line := core.NewRecord(mustCollection(app, "cart_items"))
			line.Load(map[string]any{"cart": carts[i], "menu_item": itemA1, "quantity": j, "options": map[string]any{"size": []string{"l"}}})
			if err := app.Save(line); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		status, out := callers[i].do(b, srv, http.MethodPost, "/api/carts/"+carts[i]+"/checkout", `{"delivery_address":"Main St 1"}`,
			keyHeader(fmt.Sprint("bench-", i)))
		if status != 200 {
			b.Fatal(status, out)
		}
	}
}

// BenchmarkStockCreate creates one order-shaped record on stock_orders.
func BenchmarkStockCreate(b *testing.B) {
	app := checkoutApp(b)
	defer app.Cleanup()
	srv := serve(b, app)
	if status, out := call(b, srv, admin, http.MethodPost, "/api/collections", stock.Orders); status != 200 {
		b.Fatal(status, out)
	}
	body := fmt.Sprintf(`{"customer":%q,"restaurant":%q,"status":"placed","items":[{"name":"Pizza","quantity":2,"unit_price":1250}],
		"subtotal":2500,"delivery_fee":199,"service_fee":125,"tax":175,"total":2824,"currency":"EUR",
		"delivery_location":{"lon":13.41,"lat":52.52},"delivery_address":"Main St 1"}`, alice, restA)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if status, out := call(b, srv, alice, http.MethodPost, "/api/collections/stock_orders/records", body); status != 200 {
			b.Fatal(status, out)
		}
	}
}
