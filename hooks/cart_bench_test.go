package hooks_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/dishpatch/dishpatch/bench/stock"
)

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
	if status, out := call(b, srv, admin, http.MethodPost, "/api/collections", stock.CartItems); status != 200 {
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
