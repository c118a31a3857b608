package hooks_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/types"
)

// cartKLocation is 338 m east of restaurant A: delivery fee 199 + round(50 × 338 / 1000) = 216, travel
// ceil(338 × 3 / 1000) = 2 minutes, so a fresh order's eta is now + 15 + 2 minutes.
var cartKLocation = types.GeoPoint{Lon: 13.41, Lat: 52.52}

// Cart K with cartKLocation: 2400 + 216 + 120 service = 2736; tax 157 included.
const cartKTotal = 2736

// checkoutApp is the fixture with cart K ready for checkout, a promo limited to one more redemption and
// rate limits off (the concurrency tests send many requests from one address).
func checkoutApp(t testing.TB) *tests.TestApp {
	app := newApp(t)
	app.Settings().RateLimits.Enabled = false
	setCartField(t, app, cartK, "delivery_location", cartKLocation)
	if err := save(app, recordSpec{"promo_codes", "promolast000000", map[string]any{
		"code": "LAST", "kind": "fixed", "value": 500, "is_active": true, "max_redemptions": 2, "redemptions": 1,
	}}); err != nil {
		t.Fatal(err)
	}
	return app
}

func setCartField(t testing.TB, app core.App, id, field string, value any) {
	t.Helper()
	c, err := app.FindRecordById("carts", id)
	if err != nil {
		t.Fatal(err)
	}
	c.Set(field, value)
	if err := app.Save(c); err != nil {
		t.Fatal(err)
	}
}

// exhaustPromo uses up a promo code behind the cart's back, as other customers' checkouts would.
func exhaustPromo(code string) func(testing.TB, *tests.TestApp) {
	return func(t testing.TB, app *tests.TestApp) {
		if _, err := app.DB().NewQuery("UPDATE promo_codes SET redemptions = max_redemptions WHERE code = {:code}").
			Bind(dbx.Params{"code": code}).Execute(); err != nil {
			t.Fatal(err)
		}
	}
}

// placedOrder is what a scenario expects to find after a successful checkout of cart K.
type placedOrder struct {
	total, discount int
	promo           string
	redemptions     int // of the promo, after the checkout
	address, note   string
	key             string
}

// expectPlaced checks the stored order, the deleted cart and the promo after a checkout of cart K.
func expectPlaced(want placedOrder) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, res *http.Response) {
		t.Helper()
		orders, err := app.FindAllRecords("orders", dbx.HashExp{"cart": cartK})
		if err != nil || len(orders) != 1 {
			t.Fatalf("got %d orders of cart K (%v); want 1", len(orders), err)
		}
		o := orders[0]
		checks := []struct {
			field string
			got   any
			want  any
		}{
			{"customer", o.GetString("customer"), alice},
			{"restaurant", o.GetString("restaurant"), restA},
			{"status", o.GetString("status"), "placed"},
			{"courier", o.GetString("courier"), ""},
			{"subtotal", o.GetInt("subtotal"), 2400},
			{"discount", o.GetInt("discount"), want.discount},
			{"delivery_fee", o.GetInt("delivery_fee"), 216},
			{"service_fee", o.GetInt("service_fee"), 120},
			{"total", o.GetInt("total"), want.total},
			{"item_count", o.GetInt("item_count"), 2},
			{"currency", o.GetString("currency"), "EUR"},
			{"distance_km", o.GetFloat("distance_km"), 0.34},
			{"promo_code", o.GetString("promo_code"), want.promo},
			{"delivery_address", o.GetString("delivery_address"), want.address},
			{"note", o.GetString("note"), want.note},
			{"idempotency_key", o.GetString("idempotency_key"), want.key},
			{"delivery_location", o.GetRaw("delivery_location"), cartKLocation},
		}
		for _, c := range checks {
			if c.got != c.want {
				t.Errorf("order %s: got %v; want %v", c.field, c.got, c.want)
			}
		}
		var items []map[string]any
		if err := o.UnmarshalJSONField("items", &items); err != nil || len(items) != 1 {
			t.Fatalf("items: got %v (%v); want one line", items, err)
		}
		gotItem, _ := json.Marshal(items[0])
		wantItem := `{"line_total":2400,"menu_item":"` + itemA1 + `","name":"Margherita","options":{"size":["l"]},"quantity":2,"unit_price":1200}`
		if string(gotItem) != wantItem {
			t.Errorf("items[0]: got %s; want %s", gotItem, wantItem)
		}
		var history []map[string]any
		if err := o.UnmarshalJSONField("status_history", &history); err != nil || len(history) != 1 ||
			history[0]["status"] != "placed" || history[0]["by"] != alice || history[0]["at"] == "" {
			t.Errorf("status_history: got %v (%v); want one placed entry by alice", history, err)
		}
		expectETA(t, o, 17*time.Minute)
		if _, err := app.FindRecordById("carts", cartK); err == nil {
			t.Error("cart K still exists after checkout")
		}
		if n := countRecords(t, app, "cart_items", dbx.HashExp{"cart": cartK}); n != 0 {
			t.Errorf("got %d items of the deleted cart; want 0", n)
		}
		if want.promo != "" {
			p, err := app.FindFirstRecordByData("promo_codes", "code", want.promo)
			if err != nil || p.GetInt("redemptions") != want.redemptions {
				t.Errorf("promo %s: got %d redemptions (%v); want %d", want.promo, p.GetInt("redemptions"), err, want.redemptions)
			}
		}
	}
}

// expectETA checks that o's eta is within a few seconds after now + d.
func expectETA(t testing.TB, o *core.Record, d time.Duration) {
	t.Helper()
	eta := o.GetDateTime("eta").Time()
	want := time.Now().Add(d)
	if eta.Before(want.Add(-10*time.Second)) || eta.After(want.Add(time.Second)) {
		t.Errorf("eta: got %v; want about %v", eta, want)
	}
}

// expectNoOrder checks that a refused checkout left cart K and the orders alone.
func expectNoOrder(t testing.TB, app *tests.TestApp, _ *http.Response) {
	t.Helper()
	if n := countRecords(t, app, "orders", dbx.HashExp{"cart": cartK}); n != 0 {
		t.Errorf("got %d orders of cart K; want none", n)
	}
	if _, err := app.FindRecordById("carts", cartK); err != nil {
		t.Errorf("cart K is gone after a refused checkout: %v", err)
	}
}

func countRecords(t testing.TB, app core.App, collection string, where dbx.Expression) int {
	t.Helper()
	n, err := app.CountRecords(collection, where)
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

const checkoutK = "/api/carts/" + cartK + "/checkout"

type checkoutScenario struct {
	name    string
	who     string
	url     string
	body    string
	key     []string // Idempotency-Key header values
	before  func(testing.TB, *tests.TestApp)
	status  int
	content []string
	placed  *placedOrder
}

var checkoutScenarios = []checkoutScenario{
	{name: "places the order", who: alice, body: `{"delivery_address":"Unter den Linden 1","note":"Ring twice"}`, status: 200,
		content: []string{`"status":"placed"`, `"total":2736`, `"collectionName":"orders"`, `"customer":"` + alice + `"`},
		placed:  &placedOrder{total: cartKTotal, address: "Unter den Linden 1", note: "Ring twice"}},
	{name: "without a body", who: alice, status: 200, placed: &placedOrder{total: cartKTotal}},
	{name: "with a promo code it counts the redemption", who: alice, status: 200,
		before: func(t testing.TB, app *tests.TestApp) { setCartField(t, app, cartK, "promo_code", "welcome10") },
		// 10 % of 2400 = 240 off: 2400 − 240 + 216 + 120 = 2496.
		content: []string{`"discount":240`, `"total":2496`, `"promo_code":"WELCOME10"`},
		placed:  &placedOrder{total: 2496, discount: 240, promo: "WELCOME10", redemptions: 1}},
	{name: "the last redemption of a promo", who: alice, status: 200,
		before: func(t testing.TB, app *tests.TestApp) { setCartField(t, app, cartK, "promo_code", "LAST") },
		placed: &placedOrder{total: cartKTotal - 500, discount: 500, promo: "LAST", redemptions: 2}},
	{name: "with a valid Idempotency-Key", who: alice, key: []string{"order-2024-05-01T12:00 #1 ~!"}, status: 200,
		content: []string{`"status":"placed"`}, placed: &placedOrder{total: cartKTotal, key: "order-2024-05-01T12:00 #1 ~!"}},
	{name: "with a 255-character Idempotency-Key", who: alice, key: []string{strings.Repeat("k", 255)}, status: 200,
		placed: &placedOrder{total: cartKTotal, key: strings.Repeat("k", 255)}},
	{name: "the response hides the idempotency key and the cart id", who: alice, key: []string{"secret-key"}, status: 200,
		content: []string{`"id":"`}, placed: &placedOrder{total: cartKTotal, key: "secret-key"}},

	// Blockers: 400 with every one of them.
	{name: "without a delivery location", who: alice, status: 400,
		before: func(t testing.TB, app *tests.TestApp) {
			setCartField(t, app, cartK, "delivery_location", types.GeoPoint{})
		},
		content: []string{`"blockers":[{"code":"missing_delivery_location","message":"Choose where your order should be delivered."}]`}},
	{name: "every blocker at once", who: alice, status: 400,
		before: func(t testing.TB, app *tests.TestApp) {
			setCartField(t, app, cartK, "delivery_location", types.GeoPoint{Lon: 13.6, Lat: 52.52})
			setCartField(t, app, cartK, "promo_code", "LAST")
			exhaustPromo("LAST")(t, app)
			mustUpdate(t, app, "menu_items", itemA1, map[string]any{"is_available": false})
			mustUpdate(t, app, "restaurants", restA, map[string]any{"is_active": false, "opening_hours": map[string]any{"tz": "UTC"}})
		},
		content: []string{`"code":"outside_delivery_area"`, `"code":"restaurant_inactive"`, `"code":"restaurant_closed"`,
			`"code":"item_unavailable"`, `"code":"promo_ineligible","message":"This promo code has been used up."`}},
	{name: "an empty cart", who: alice, status: 400,
		before: func(t testing.TB, app *tests.TestApp) {
			if err := app.Delete(mustFind(t, app, "cart_items", lineK1)); err != nil {
				t.Fatal(err)
			}
		},
		content: []string{`"blockers":[{"code":"empty_cart"`}},
	{name: "a promo used up since it was entered", who: alice, status: 400,
		before: func(t testing.TB, app *tests.TestApp) {
			setCartField(t, app, cartK, "promo_code", "LAST")
			exhaustPromo("LAST")(t, app)
		},
		content: []string{`"blockers":[{"code":"promo_ineligible","message":"This promo code has been used up."}]`}},

	// Who may check out.
	{name: "another customer", who: bob, status: 404},
	{name: "the restaurant's staff", who: sam, status: 404},
	{name: "anonymous", who: anon, status: 401},
	{name: "a superuser does not place orders", who: admin, status: 403},
	{name: "an unknown cart", who: alice, url: "/api/carts/nosuchcart00000/checkout", status: 404},

	// Bad requests.
	{name: "an empty Idempotency-Key", who: alice, key: []string{""}, status: 400, content: []string{`"Idempotency-Key":{"code":"invalid_idempotency_key"`}},
	{name: "a 256-character Idempotency-Key", who: alice, key: []string{strings.Repeat("k", 256)}, status: 400},
	{name: "a non-ASCII Idempotency-Key", who: alice, key: []string{"schlüssel"}, status: 400},
	{name: "an Idempotency-Key with a control character", who: alice, key: []string{"a\tb"}, status: 400},
	{name: "two Idempotency-Keys", who: alice, key: []string{"a", "b"}, status: 400},
	{name: "a body that is not JSON", who: alice, body: `{"note":`, status: 400},
	{name: "an address that is not text", who: alice, body: `{"delivery_address":123}`, status: 400,
		content: []string{`"delivery_address":{"code":"invalid_type","message":"Must be a string."}`}},
	{name: "a note over 1000 characters", who: alice, body: `{"note":"` + strings.Repeat("n", 1001) + `"}`, status: 400,
		content: []string{`"note":{"code":"too_long"`}},
}

// TestCheckoutScenarios runs one checkout of cart K per scenario against a fresh fixture.
func TestCheckoutScenarios(t *testing.T) {
	for _, c := range checkoutScenarios {
		url := checkoutK
		if c.url != "" {
			url = c.url
		}
		s := tests.ApiScenario{
			Name:               "checkout: " + c.name,
			Method:             http.MethodPost,
			URL:                url,
			Headers:            auth(c.who),
			ExpectedStatus:     c.status,
			ExpectedContent:    append([]string{fmt.Sprintf(`"status":%d`, c.status)}, c.content...),
			NotExpectedContent: []string{`"cart":`},
			TestAppFactory:     checkoutApp,
		}
		if c.status == 200 {
			s.ExpectedContent = append([]string{`"collectionName":"orders"`}, c.content...)
		}
		if c.body != "" {
			s.Body = strings.NewReader(c.body)
		}
		if c.before != nil || c.key != nil {
			before, keys := c.before, c.key
			s.BeforeTestFunc = func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
				if before != nil {
					before(t, app)
				}
				// ApiScenario sets single headers; a middleware adds the Idempotency-Key values as given.
				e.Router.BindFunc(func(re *core.RequestEvent) error {
					for _, k := range keys {
						re.Request.Header.Add("Idempotency-Key", k)
					}
					return re.Next()
				})
			}
		}
		switch {
		case c.placed != nil:
			s.AfterTestFunc = expectPlaced(*c.placed)
		case c.url == "" && c.status >= 400:
			s.AfterTestFunc = expectNoOrder
		}
		s.Test(t)
	}
}

func mustFind(t testing.TB, app core.App, collection, id string) *core.Record {
	t.Helper()
	r, err := app.FindRecordById(collection, id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func mustUpdate(t testing.TB, app core.App, collection, id string, fields map[string]any) {
	t.Helper()
	r := mustFind(t, app, collection, id)
	for k, v := range fields {
		r.Set(k, v)
	}
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
}

// caller is who sends a request: an auth token ("" = anonymous).
type caller string

func as(who string) caller { return caller(tokens[who]) }

// do sends one JSON request with extra headers and decodes the JSON answer.
func (c caller) do(t testing.TB, srv *httptest.Server, method, path, body string, header map[string]string) (int, map[string]any) {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, srv.URL+path, r)
	if err != nil {
		t.Error(err)
		return 0, nil
	}
	req.Header.Set("Content-Type", "application/json")
	if c != "" {
		req.Header.Set("Authorization", string(c))
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := srv.Client().Do(req)
	if err != nil {
		t.Error(err)
		return 0, nil
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		t.Error(err)
		return 0, nil
	}
	var out map[string]any
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &out); err != nil {
			t.Errorf("%s %s: %v in %s", method, path, err, raw)
		}
	}
	return res.StatusCode, out
}

func keyHeader(key string) map[string]string {
	return map[string]string{"Idempotency-Key": key}
}

// TestCheckoutIdempotency replays a checkout, reuses its key for another cart and checks out a cart twice
// without a key.
func TestCheckoutIdempotency(t *testing.T) {
	app := checkoutApp(t)
	defer app.Cleanup()
	srv := serve(t, app)
	customer := as(alice)

	status, first := customer.do(t, srv, "POST", checkoutK, `{"note":"first"}`, keyHeader("k-1"))
	if status != 200 {
		t.Fatalf("checkout: got %d %v; want 200", status, first)
	}
	status, replay := customer.do(t, srv, "POST", checkoutK, `{"note":"a different body"}`, keyHeader("k-1"))
	if status != 200 || replay["id"] != first["id"] || replay["note"] != "first" {
		t.Errorf("replay: got %d %v; want 200 with order %v as first placed", status, replay, first["id"])
	}
	// Bob may use the same key for his own checkout: keys are per customer.
	bobCart := newCart(t, app, bob, restB, itemB1, 2)
	status, bobs := as(bob).do(t, srv, "POST", "/api/carts/"+bobCart+"/checkout", "", keyHeader("k-1"))
	if status != 200 || bobs["id"] == first["id"] {
		t.Errorf("bob with alice's key: got %d %v; want 200 and a new order", status, bobs)
	}
	// Alice reusing the key for another cart is a client bug: 422, and that cart stays.
	other := newCart(t, app, alice, restB, itemB1, 1)
	status, body := customer.do(t, srv, "POST", "/api/carts/"+other+"/checkout", "", keyHeader("k-1"))
	if status != 422 {
		t.Errorf("key reused for another cart: got %d %v; want 422", status, body)
	}
	if _, err := app.FindRecordById("carts", other); err != nil {
		t.Errorf("the other cart is gone after a 422: %v", err)
	}
	// Even when that cart could not be checked out anyway.
	setCartField(t, app, other, "delivery_location", types.GeoPoint{})
	if status, body := customer.do(t, srv, "POST", "/api/carts/"+other+"/checkout", "", keyHeader("k-1")); status != 422 {
		t.Errorf("key reused for another cart with blockers: got %d %v; want 422", status, body)
	}
	setCartField(t, app, other, "delivery_location", cartKLocation)
	// Without a key, the second checkout of a cart finds no cart.
	status, _ = customer.do(t, srv, "POST", "/api/carts/"+other+"/checkout", "", nil)
	if status != 200 {
		t.Errorf("checkout without a key: got %d; want 200", status)
	}
	status, _ = customer.do(t, srv, "POST", "/api/carts/"+other+"/checkout", "", nil)
	if status != 404 {
		t.Errorf("second checkout without a key: got %d; want 404", status)
	}
	if n := countRecords(t, app, "orders", dbx.HashExp{"customer": alice, "cart": other}); n != 1 {
		t.Errorf("got %d orders of the other cart; want 1", n)
	}
}

// newCart creates a cart of user at restaurant with quantity × item, delivered next to restaurant A.
func newCart(t testing.TB, app core.App, user, restaurant, item string, quantity int) string {
	t.Helper()
	c := core.NewRecord(mustCollection(app, "carts"))
	c.Load(map[string]any{"user": user, "restaurant": restaurant, "delivery_location": cartKLocation})
	if err := app.Save(c); err != nil {
		t.Fatal(err)
	}
	line := core.NewRecord(mustCollection(app, "cart_items"))
	line.Load(map[string]any{"cart": c.Id, "menu_item": item, "quantity": quantity})
	if err := app.Save(line); err != nil {
		t.Fatal(err)
	}
	return c.Id
}

// newUser creates a customer and returns its id and token. It reuses alice's password hash, so that
// no test waits for bcrypt.
func newUser(t testing.TB, app core.App, name string) (string, caller) {
	t.Helper()
	u := core.NewRecord(mustCollection(app, "users"))
	u.Load(map[string]any{"email": name + "@dishpatch.test", "name": name, "verified": true})
	u.SetRaw("password", passwordOfAlice(t, app))
	u.RefreshTokenKey()
	if err := app.Save(u); err != nil {
		t.Fatal(err)
	}
	token, err := u.NewAuthToken()
	if err != nil {
		t.Fatal(err)
	}
	return u.Id, caller(token)
}

// passwordOfAlice is alice's hashed password, for users whose password no test types.
func passwordOfAlice(t testing.TB, app core.App) *core.PasswordFieldValue {
	t.Helper()
	hash, ok := mustFind(t, app, "users", alice).GetRaw("password").(*core.PasswordFieldValue)
	if !ok {
		t.Fatal("alice has no password hash")
	}
	return &core.PasswordFieldValue{Hash: hash.Hash}
}

// race runs n copies of f at once and collects the status and id of each answer.
func race(n int, f func(i int) (int, map[string]any)) (statuses []int, ids []string, bodies []map[string]any) {
	statuses, ids, bodies = make([]int, n), make([]string, n), make([]map[string]any, n)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			statuses[i], bodies[i] = f(i)
			ids[i], _ = bodies[i]["id"].(string)
		}()
	}
	close(start)
	wg.Wait()
	return statuses, ids, bodies
}

// TestCheckoutConcurrentSameKey: 50 racing checkouts of one cart with one key give one order, and every
// answer is that order.
func TestCheckoutConcurrentSameKey(t *testing.T) {
	app := checkoutApp(t)
	defer app.Cleanup()
	srv := serve(t, app)
	statuses, ids, bodies := race(50, func(int) (int, map[string]any) {
		return as(alice).do(t, srv, "POST", checkoutK, "", keyHeader("same-key"))
	})
	for i := range statuses {
		if statuses[i] != 200 || ids[i] != ids[0] {
			t.Errorf("request %d: got %d %v; want 200 with order %s", i, statuses[i], bodies[i], ids[0])
		}
	}
	if n := countRecords(t, app, "orders", dbx.HashExp{"cart": cartK}); n != 1 {
		t.Errorf("got %d orders; want 1", n)
	}
}

// TestCheckoutConcurrentNoKey: 50 racing checkouts of one cart without a key give one order; the others
// find no cart.
func TestCheckoutConcurrentNoKey(t *testing.T) {
	app := checkoutApp(t)
	defer app.Cleanup()
	srv := serve(t, app)
	statuses, _, bodies := race(50, func(int) (int, map[string]any) {
		return as(alice).do(t, srv, "POST", checkoutK, "", nil)
	})
	count := map[int]int{}
	for i, s := range statuses {
		count[s]++
		if s != 200 && s != 404 {
			t.Errorf("request %d: got %d %v; want 200 or 404", i, s, bodies[i])
		}
	}
	if count[200] != 1 || count[404] != 49 {
		t.Errorf("got statuses %v; want one 200 and 49 × 404", count)
	}
	if n := countRecords(t, app, "orders", dbx.HashExp{"cart": cartK}); n != 1 {
		t.Errorf("got %d orders; want 1", n)
	}
}

// TestCheckoutConcurrentPromoLimit: 20 customers check out at once with a code that has 5 redemptions
// left; 5 orders get the discount and 15 are refused with promo_ineligible.
func TestCheckoutConcurrentPromoLimit(t *testing.T) {
	app := checkoutApp(t)
	defer app.Cleanup()
	if err := save(app, recordSpec{"promo_codes", "promofive000000", map[string]any{
		"code": "FIVE", "kind": "percent", "value": 20, "is_active": true, "max_redemptions": 5,
	}}); err != nil {
		t.Fatal(err)
	}
	const n = 20
	carts, callers := make([]string, n), make([]caller, n)
	for i := range n {
		var user string
		user, callers[i] = newUser(t, app, fmt.Sprintf("promo%02d", i))
		carts[i] = newCart(t, app, user, restA, plainItemA(t, app), 1)
		setCartField(t, app, carts[i], "promo_code", "five")
	}
	srv := serve(t, app)
	statuses, _, bodies := race(n, func(i int) (int, map[string]any) {
		return callers[i].do(t, srv, "POST", "/api/carts/"+carts[i]+"/checkout", "", nil)
	})
	placed := 0
	for i, s := range statuses {
		switch {
		case s == 200:
			placed++
			if bodies[i]["discount"] != float64(200) || bodies[i]["promo_code"] != "FIVE" {
				t.Errorf("order %d: got discount %v code %v; want 200 and FIVE", i, bodies[i]["discount"], bodies[i]["promo_code"])
			}
		case s == 400 && strings.Contains(fmt.Sprint(bodies[i]["data"]), "promo_ineligible"):
		default:
			t.Errorf("checkout %d: got %d %v; want 200 or 400 with promo_ineligible", i, s, bodies[i])
		}
	}
	if placed != 5 {
		t.Errorf("got %d orders placed; want 5", placed)
	}
	if n := countRecords(t, app, "orders", dbx.HashExp{"promo_code": "FIVE"}); n != 5 {
		t.Errorf("got %d discounted orders; want 5", n)
	}
	p, err := app.FindFirstRecordByData("promo_codes", "code", "FIVE")
	if err != nil || p.GetInt("redemptions") != 5 {
		t.Errorf("got %d redemptions (%v); want 5", p.GetInt("redemptions"), err)
	}
}

// plainItemA is an available 1000-cent item at A without options, made once per app.
func plainItemA(t testing.TB, app core.App) string {
	t.Helper()
	const id = "menuitemplain0a"
	if _, err := app.FindRecordById("menu_items", id); err == nil {
		return id
	}
	if err := save(app, recordSpec{"menu_items", id, map[string]any{
		"restaurant": restA, "name": "Focaccia", "price": 1000, "is_available": true,
	}}); err != nil {
		t.Fatal(err)
	}
	return id
}
