package hooks_test

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/dishpatch/dishpatch/internal/cart"
	"github.com/dishpatch/dishpatch/internal/geo"
	"github.com/dishpatch/dishpatch/internal/promo"
)

type genItem struct {
	id     string
	price  int64
	large  int64 // price of the "l" size option; 0 = the item has no options
	cheese int64
}

type genRestaurant struct {
	id    string
	terms cart.Restaurant
	items []genItem
}

// TestCartTotalsProperty drives 1,000 random carts through the HTTP API and
// checks that the stored totals equal cart.Compute on the same inputs and
// satisfy the contract's identities.
func TestCartTotalsProperty(t *testing.T) {
	app := newApp(t)
	defer app.Cleanup()
	srv := serve(t, app)
	rng := rand.New(rand.NewPCG(20261124, 7))
	center := geo.Point{Lon: 13.405, Lat: 52.52}

	restaurants := make([]genRestaurant, 20)
	for i := range restaurants {
		r := &restaurants[i]
		r.id = fmt.Sprintf("propresto%06d", i)
		r.terms = cart.Restaurant{
			ID: r.id, DeliveryFeeBase: rng.Int64N(500), DeliveryFeePerKm: rng.Int64N(200), MinOrder: rng.Int64N(3000),
			SmallOrderFee: rng.Int64N(300), ServiceFeeBps: rng.Int64N(1200), ServiceFeeMax: rng.Int64N(2) * rng.Int64N(500),
			TaxRateBps: []int64{0, 700, 1900, 2500}[rng.IntN(4)], PricesIncludeTax: rng.IntN(2) == 0,
			DeliveryRadiusKm: float64(1 + rng.IntN(8)),
			Location:         geo.Point{Lon: center.Lon + (rng.Float64()-0.5)*0.2, Lat: center.Lat + (rng.Float64()-0.5)*0.1},
			Active:           true, Open: true,
		}
		tm := r.terms
		mustSave(t, app, "restaurants", r.id, map[string]any{
			"name": "Property " + r.id, "is_active": true, "currency": "EUR",
			"location":           types.GeoPoint{Lon: tm.Location.Lon, Lat: tm.Location.Lat},
			"delivery_radius_km": tm.DeliveryRadiusKm, "delivery_fee_base": tm.DeliveryFeeBase,
			"delivery_fee_per_km": tm.DeliveryFeePerKm, "min_order": tm.MinOrder, "small_order_fee": tm.SmallOrderFee,
			"service_fee_bps": tm.ServiceFeeBps, "service_fee_max": tm.ServiceFeeMax, "tax_rate_bps": tm.TaxRateBps,
			"prices_include_tax": tm.PricesIncludeTax,
		})
		for j := 0; j < 5; j++ {
			it := genItem{id: fmt.Sprintf("propitem%02d%05d", j, i), price: rng.Int64N(3000)}
			fields := map[string]any{"restaurant": r.id, "name": "Dish " + it.id, "price": it.price, "is_available": true}
			if rng.IntN(2) == 0 {
				it.large, it.cheese = rng.Int64N(500), rng.Int64N(200)
				fields["option_groups"] = fmt.Sprintf(`[{"id":"size","name":"Size","min":1,"max":1,"options":[{"id":"m","name":"M","price":0},{"id":"l","name":"L","price":%d}]},`+
					`{"id":"extra","name":"Extras","min":0,"max":1,"options":[{"id":"cheese","name":"Cheese","price":%d}]}]`, it.large, it.cheese)
			}
			mustSave(t, app, "menu_items", it.id, fields)
			r.items = append(r.items, it)
		}
	}
	promos := map[string]promo.Code{
		"":     {},
		"PCT":  {Code: "PCT", Kind: promo.Percent, Value: 1 + rng.Int64N(100), MaxDiscount: 700, IsActive: true},
		"PCT2": {Code: "PCT2", Kind: promo.Percent, Value: 15, IsActive: true},
		"FIX":  {Code: "FIX", Kind: promo.Fixed, Value: 1500, IsActive: true},
		"FREE": {Code: "FREE", Kind: promo.FreeDelivery, IsActive: true},
		"MIN":  {Code: "MIN", Kind: promo.Fixed, Value: 500, MinSubtotal: 4000, IsActive: true},
	}
	for code, p := range promos {
		if code == "" {
			continue
		}
		mustSave(t, app, "promo_codes", "", map[string]any{"code": code, "kind": string(p.Kind), "value": p.Value,
			"max_discount": p.MaxDiscount, "min_subtotal": p.MinSubtotal, "is_active": true})
	}
	users := make([]string, 50)
	for i := range users {
		id := fmt.Sprintf("propuser%07d", i)
		mustSave(t, app, "users", id, map[string]any{"email": id + "@dishpatch.test", "password": "password123"})
		u, err := app.FindRecordById("users", id)
		if err != nil {
			t.Fatal(err)
		}
		if tokens[id], err = u.NewAuthToken(); err != nil {
			t.Fatal(err)
		}
		users[i] = id
	}

	codes := []string{"", "", "PCT", "PCT2", "FIX", "FREE", "MIN"}
	for n := 0; n < 1000; n++ {
		user, r := users[n%50], restaurants[n/50]
		in := cart.Input{Restaurant: r.terms, Now: time.Now()}
		body := `{"restaurant":"` + r.id + `"}`
		if rng.IntN(5) > 0 {
			p := geo.Point{Lon: r.terms.Location.Lon + (rng.Float64()-0.5)*0.15, Lat: r.terms.Location.Lat + (rng.Float64()-0.5)*0.1}
			in.Delivery = &p
			body = fmt.Sprintf(`{"restaurant":"%s","delivery_location":{"lon":%v,"lat":%v}}`, r.id, p.Lon, p.Lat)
		}
		status, created := call(t, srv, user, http.MethodPost, "/api/collections/carts/records", body)
		if status != 200 {
			t.Fatalf("cart %d: create got %d (%v); want 200", n, status, created)
		}
		cartID, _ := created["id"].(string)
		for k := rng.IntN(5); k > 0; k-- {
			it := r.items[rng.IntN(len(r.items))]
			qty := 1 + rng.Int64N(6)
			line := cart.Line{MenuItem: it.id, UnitPrice: it.price, Quantity: qty, Available: true}
			options := `{}`
			if it.large > 0 || it.cheese > 0 {
				size, extra := "m", `[]`
				if rng.IntN(2) == 0 {
					size, line.UnitPrice = "l", line.UnitPrice+it.large
				}
				if rng.IntN(2) == 0 {
					extra, line.UnitPrice = `["cheese"]`, line.UnitPrice+it.cheese
				}
				options = `{"size":["` + size + `"],"extra":` + extra + `}`
			}
			status, out := call(t, srv, user, http.MethodPost, "/api/collections/cart_items/records",
				fmt.Sprintf(`{"cart":"%s","menu_item":"%s","quantity":%d,"options":%s}`, cartID, it.id, qty, options))
			if status != 200 {
				t.Fatalf("cart %d: add item got %d (%v); want 200", n, status, out)
			}
			in.Lines = append(in.Lines, line)
		}
		if code := codes[rng.IntN(len(codes))]; code != "" {
			p := promos[code]
			in.Promo = &p
			if status, out := call(t, srv, user, http.MethodPatch, "/api/collections/carts/records/"+cartID, `{"promo_code":"`+code+`"}`); status != 200 {
				t.Fatalf("cart %d: promo got %d (%v); want 200", n, status, out)
			}
		}

		want := cart.Compute(in)
		c, err := app.FindRecordById("carts", cartID)
		if err != nil {
			t.Fatal(err)
		}
		if got := storedString(t, c); got != quoteString(want) {
			t.Fatalf("cart %d (%s):\n got %s\nwant %s", n, cartID, got, quoteString(want))
		}
		checkIdentities(t, n, want, r.terms.PricesIncludeTax)
	}
}

// storedString prints the money part of a stored cart like quoteString.
func storedString(t testing.TB, c *core.Record) string {
	t.Helper()
	var blockers []cart.Blocker
	if err := c.UnmarshalJSONField("blockers", &blockers); err != nil {
		t.Fatal(err)
	}
	codes := ""
	for _, b := range blockers {
		codes += b.Code + " "
	}
	return fmt.Sprintf("subtotal=%d discount=%d delivery=%d service=%d small=%d tax=%d total=%d items=%d km=%.2f blockers=[%s]",
		c.GetInt("subtotal"), c.GetInt("discount"), c.GetInt("delivery_fee"), c.GetInt("service_fee"),
		c.GetInt("small_order_fee"), c.GetInt("tax"), c.GetInt("total"), c.GetInt("item_count"),
		c.GetFloat("distance_km"), codes)
}

func quoteString(q cart.Quote) string {
	codes := ""
	for _, b := range q.Blockers {
		codes += b.Code + " "
	}
	km := 0.0
	if q.HasDistance {
		km = geo.KmFromM(q.DistanceM)
	}
	return fmt.Sprintf("subtotal=%d discount=%d delivery=%d service=%d small=%d tax=%d total=%d items=%d km=%.2f blockers=[%s]",
		q.Subtotal, q.Discount, q.DeliveryFee, q.ServiceFee, q.SmallOrderFee, q.Tax, q.Total, q.ItemCount, km, codes)
}

// checkIdentities asserts the contract's identities on a quote.
func checkIdentities(t *testing.T, n int, q cart.Quote, inclusive bool) {
	t.Helper()
	tax := q.Tax
	if inclusive {
		tax = 0
	}
	if q.Total != q.Subtotal-q.Discount+q.DeliveryFee+q.ServiceFee+q.SmallOrderFee+tax {
		t.Fatalf("cart %d: total %d ≠ subtotal − discount + fees + exclusive tax in %+v", n, q.Total, q)
	}
	for name, v := range map[string]int64{"subtotal": q.Subtotal, "discount": q.Discount, "delivery": q.DeliveryFee,
		"service": q.ServiceFee, "small": q.SmallOrderFee, "tax": q.Tax, "total": q.Total} {
		if v < 0 {
			t.Fatalf("cart %d: %s = %d; want ≥ 0", n, name, v)
		}
	}
}

func mustSave(t *testing.T, app core.App, collection, id string, fields map[string]any) {
	t.Helper()
	if err := save(app, recordSpec{collection, id, fields}); err != nil {
		t.Fatal(err)
	}
}

// TestCartConcurrentEdits has 20 clients add, change and remove lines of
// one cart at once; afterwards the stored totals equal a fresh recompute
// and no request failed with a 5xx.
func TestCartConcurrentEdits(t *testing.T) {
	app := newApp(t)
	defer app.Cleanup()
	srv := serve(t, app)

	var wg sync.WaitGroup
	failures := make(chan string, 200)
	for g := 0; g < 20; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for round := 0; round < 3; round++ {
				status, out := call(t, srv, alice, http.MethodPost, "/api/collections/cart_items/records",
					fmt.Sprintf(`{"cart":"%s","menu_item":"%s","quantity":%d,"options":{"size":["m"]}}`, cartK, itemA1, 1+g%5))
				if status != 200 {
					failures <- fmt.Sprintf("add: %d %v", status, out)
					continue
				}
				id, _ := out["id"].(string)
				if status, out := call(t, srv, alice, http.MethodPatch, "/api/collections/cart_items/records/"+id,
					fmt.Sprintf(`{"quantity":%d}`, 1+(g+round)%9)); status != 200 {
					failures <- fmt.Sprintf("update: %d %v", status, out)
				}
				if (g+round)%2 == 0 {
					if status, out := call(t, srv, alice, http.MethodDelete, "/api/collections/cart_items/records/"+id, ""); status != 204 {
						failures <- fmt.Sprintf("delete: %d %v", status, out)
					}
				}
			}
		}(g)
	}
	wg.Wait()
	close(failures)
	for f := range failures {
		t.Error(f)
	}

	before, err := app.FindRecordById("carts", cartK)
	if err != nil {
		t.Fatal(err)
	}
	lines, err := app.FindAllRecords("cart_items", dbxCart(cartK))
	if err != nil {
		t.Fatal(err)
	}
	var subtotal, count int
	for _, l := range lines {
		subtotal += l.GetInt("line_total")
		count += l.GetInt("quantity")
		if l.GetInt("line_total") != l.GetInt("unit_price")*l.GetInt("quantity") {
			t.Errorf("line %s: line_total %d ≠ unit_price %d × quantity %d", l.Id, l.GetInt("line_total"), l.GetInt("unit_price"), l.GetInt("quantity"))
		}
	}
	if before.GetInt("subtotal") != subtotal || before.GetInt("item_count") != count {
		t.Errorf("stored cart: subtotal %d, item_count %d; want %d and %d from its %d lines",
			before.GetInt("subtotal"), before.GetInt("item_count"), subtotal, count, len(lines))
	}
	storedState := storedString(t, before)
	fresh := before.Fresh()
	if err := app.Save(fresh); err != nil {
		t.Fatal(err)
	}
	if got := storedString(t, fresh); got != storedState {
		t.Errorf("fresh recompute:\n got %s\nwant %s (stored)", got, storedState)
	}
}
