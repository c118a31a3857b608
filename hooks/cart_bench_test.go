package hooks_test

import (
	"fmt"
	"net/http"
	"testing"
)

// stockCartItems is a plain collection with cart_items' fields and rules but
// none of Dishpatch's hooks: what stock PocketBase does for the same write.
const stockCartItems = `{"name":"stock_cart_items","type":"base",
	"listRule":"@request.auth.id != \"\" && cart.user = @request.auth.id","viewRule":"@request.auth.id != \"\" && cart.user = @request.auth.id",
	"createRule":"@request.auth.id != \"\" && cart.user = @request.auth.id","updateRule":"@request.auth.id != \"\" && cart.user = @request.auth.id",
	"deleteRule":"@request.auth.id != \"\" && cart.user = @request.auth.id",
	"fields":[{"name":"cart","type":"relation","collectionId":"pbc_carts","maxSelect":1,"required":true},
	{"name":"menu_item","type":"relation","collectionId":"pbc_menu_items","maxSelect":1,"required":true},
	{"name":"quantity","type":"number","onlyInt":true,"min":1,"max":99,"required":true},
	{"name":"options","type":"json","maxSize":8192},{"name":"note","type":"text","max":200},
	{"name":"name","type":"text","max":120},{"name":"unit_price","type":"number","onlyInt":true,"min":0},
	{"name":"line_total","type":"number","onlyInt":true,"min":0}]}`

// BenchmarkCartItemCycle is one add + change quantity + remove of a cart
// line through the HTTP API: three requests per op, each recomputing the
// cart in its transaction. Compare with BenchmarkStockCycle.
func BenchmarkCartItemCycle(b *testing.B) {
	benchCycle(b, "cart_items")
}

// BenchmarkStockCycle is the same three requests on stock_cart_items.
func BenchmarkStockCycle(b *testing.B) {
	benchCycle(b, "stock_cart_items")
}

func benchCycle(b *testing.B, collection string) {
	app := newApp(b)
	defer app.Cleanup()
	srv := serve(b, app)
	if status, out := call(b, srv, admin, http.MethodPost, "/api/collections", stockCartItems); status != 200 {
		b.Fatal(status, out)
	}
	url := "/api/collections/" + collection + "/records"
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		status, out := call(b, srv, alice, http.MethodPost, url,
			fmt.Sprintf(`{"cart":%q,"menu_item":%q,"quantity":1,"options":{"size":["l"]}}`, cartK, itemA1))
		if status != 200 {
			b.Fatal(status, out)
		}
		id, _ := out["id"].(string)
		if status, out := call(b, srv, alice, http.MethodPatch, url+"/"+id, `{"quantity":3}`); status != 200 {
			b.Fatal(status, out)
		}
		if status, out := call(b, srv, alice, http.MethodDelete, url+"/"+id, ``); status != 204 {
			b.Fatal(status, out)
		}
	}
}
