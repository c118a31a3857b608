package hooks_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/core"
)

// stockOrders is a plain collection of an order's shape with no Dishpatch
// hooks, as bench/checkout creates it: what stock PocketBase does to create
// one record.
const stockOrders = `{"name":"stock_orders","type":"base",
	"listRule":"customer = @request.auth.id","viewRule":"customer = @request.auth.id",
	"createRule":"@request.auth.id != \"\" && customer = @request.auth.id",
	"fields":[{"name":"customer","type":"relation","collectionId":"_pb_users_auth_","maxSelect":1,"required":true},
	{"name":"restaurant","type":"relation","collectionId":"pbc_restaurants","maxSelect":1,"required":true},
	{"name":"status","type":"select","maxSelect":1,"values":["placed","accepted"]},
	{"name":"items","type":"json","maxSize":262144},
	{"name":"subtotal","type":"number","onlyInt":true,"min":0},{"name":"delivery_fee","type":"number","onlyInt":true,"min":0},
	{"name":"service_fee","type":"number","onlyInt":true,"min":0},{"name":"tax","type":"number","onlyInt":true,"min":0},
	{"name":"total","type":"number","onlyInt":true,"min":0},{"name":"currency","type":"text","max":3},
	{"name":"delivery_location","type":"geoPoint"},{"name":"delivery_address","type":"text","max":500},
	{"name":"created","type":"autodate","onCreate":true},{"name":"updated","type":"autodate","onCreate":true,"onUpdate":true}],
	"indexes":["CREATE INDEX idx_stock_orders_customer ON stock_orders (customer, created)"]}`

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
	if status, out := call(b, srv, admin, http.MethodPost, "/api/collections", stockOrders); status != 200 {
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
