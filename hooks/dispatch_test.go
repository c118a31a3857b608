package hooks_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Extra fixture of the dispatch tests.
const (
	restD   = "restaurant0000d" // active, 9.98 km east of the offers query point
	restE   = "restaurant0000e" // active, 10.15 km east: just beyond the offer radius
	orderD1 = "orderd10000000x" // at D, ready for pickup, unassigned
	orderE1 = "ordere10000000x" // at E, accepted, unassigned
	orderA6 = "ordera60000000x" // at A, placed: not offered yet
	kimID   = "kim000000000000" // an online courier with nothing assigned
	liamID  = "liam00000000000" // an offline courier
)

// offersQuery is 338 m west of restaurants A and B.
const offersQuery = "/api/courier/offers?lat=52.52&lon=13.40"

// dispatchApp is the fixture plus restaurants D and E with one waiting order each, order O4 accepted and
// O2 preparing (both unassigned, so offered), O5 accepted but assigned to cody (not offered), and two
// more couriers.
func dispatchApp(t testing.TB) *tests.TestApp {
	app := newApp(t)
	far := func(id, name string, lon float64) recordSpec {
		return recordSpec{"restaurants", id, map[string]any{
			"name": name, "location": types.GeoPoint{Lon: lon, Lat: 52.52}, "delivery_radius_km": 5, "currency": "EUR",
			"prep_minutes": 10, "is_active": true,
		}}
	}
	withTotal := func(s recordSpec, total int, km float64) recordSpec {
		s.fields["total"], s.fields["distance_km"] = total, km
		return s
	}
	// Fixed token keys make the couriers' tokens valid in every copy of this fixture; alice's password
	// hash spares each copy two rounds of bcrypt.
	users := []recordSpec{
		{"users", kimID, map[string]any{"email": "kim@dishpatch.test", "verified": true, "tokenKey": strings.Repeat("k", 50)}},
		{"users", liamID, map[string]any{"email": "liam@dishpatch.test", "verified": true, "tokenKey": strings.Repeat("l", 50)}},
	}
	for _, u := range users {
		r := core.NewRecord(mustCollection(app, "users"))
		r.Load(u.fields)
		r.Id = u.id
		r.SetRaw("password", passwordOfAlice(t, app))
		if err := app.Save(r); err != nil {
			t.Fatal(err)
		}
	}
	specs := []recordSpec{
		far(restD, "Döner Dome", 13.5475),
		far(restE, "Edge Eatery", 13.55),
		withTotal(order(orderD1, bob, restD, "ready_for_pickup", ""), 1234, 2.5),
		order(orderE1, bob, restE, "accepted", ""),
		order(orderA6, bob, restA, "placed", ""),
		{"couriers", "courier00000kim", map[string]any{"user": kimID, "is_online": true}},
		{"couriers", "courier0000liam", map[string]any{"user": liamID, "is_online": false}},
	}
	for _, s := range specs {
		if err := save(app, s); err != nil {
			t.Fatal(err)
		}
	}
	setStatus(t, app, orderO4, "accepted")
	setStatus(t, app, orderO2, "preparing")
	setStatus(t, app, orderO5, "accepted")
	mustUpdate(t, app, "orders", orderO5, map[string]any{"courier": cody})
	for _, id := range []string{kimID, liamID} {
		token, err := mustFind(t, app, "users", id).NewAuthToken()
		if err != nil {
			t.Fatal(err)
		}
		dispatchTokens[id] = token
	}
	return app
}

// dispatchTokens holds the tokens of the dispatch fixture's couriers, valid in every copy of it.
var dispatchTokens = map[string]string{}

// dispatchAuth is auth for fixture users and the dispatch couriers.
func dispatchAuth(who string) map[string]string {
	if token, ok := dispatchTokens[who]; ok {
		return map[string]string{"Authorization": token}
	}
	return auth(who)
}

// assign sets an order's courier directly.
func assign(orderID, courier string) func(testing.TB, *tests.TestApp) {
	return func(t testing.TB, app *tests.TestApp) {
		mustUpdate(t, app, "orders", orderID, map[string]any{"courier": courier})
	}
}

type dispatchScenario struct {
	name     string
	who      string
	method   string
	url      string
	body     string
	before   func(testing.TB, *tests.TestApp)
	status   int
	content  []string
	absent   []string
	courier  string // the order's courier afterwards, for claims ("none": still unassigned)
	location string // the order's courier_location afterwards, for location reports
}

const (
	claimO4    = "/api/orders/" + orderO4 + "/claim"
	locationO1 = "/api/orders/" + orderO1 + "/courier-location"
)

// pickedUpO1 puts O1 (assigned to cody) back on the road.
func pickedUpO1(t testing.TB, app *tests.TestApp) { setStatus(t, app, orderO1, "picked_up") }

// offerFields are the only fields an offer has: nothing about the customer.
const offerKeys = `"currency","distance_km","id","pickup_distance_km","restaurant_location","restaurant_name","status","total"`

var dispatchScenarios = []dispatchScenario{
	// Offers.
	{name: "offers for an online courier, nearest restaurant first", who: cody, method: "GET", url: offersQuery, status: 200,
		content: []string{
			`{"items":[{"id":"` + orderO2 + `","restaurant_name":"Burger Barn","restaurant_location":{"lon":13.405,"lat":52.52},"pickup_distance_km":0.34,"distance_km":0,"total":1000,"currency":"EUR","status":"preparing"},` +
				`{"id":"` + orderO4 + `","restaurant_name":"Pizza Roma","restaurant_location":{"lon":13.405,"lat":52.52},"pickup_distance_km":0.34,"distance_km":0,"total":1000,"currency":"EUR","status":"accepted"},` +
				`{"id":"` + orderD1 + `","restaurant_name":"Döner Dome","restaurant_location":{"lon":13.5475,"lat":52.52},"pickup_distance_km":9.98,"distance_km":2.5,"total":1234,"currency":"EUR","status":"ready_for_pickup"}]}`,
		},
		absent: []string{orderE1, orderA6, orderO5, orderO3, `"customer"`, `"delivery_address"`, `"delivery_location"`, `"note"`, alice, bob}},
	{name: "offers from far away", who: kimID, method: "GET", url: "/api/courier/offers?lat=48.1&lon=11.5", status: 200, content: []string{`{"items":[]}`}},
	{name: "offers need lat and lon", who: cody, method: "GET", url: "/api/courier/offers?lat=52.5", status: 400,
		content: []string{`"lon":{"code":"invalid_lon"`}, absent: []string{`"lat":`}},
	{name: "offers with an impossible latitude", who: cody, method: "GET", url: "/api/courier/offers?lat=91&lon=13", status: 400,
		content: []string{`"lat":{"code":"invalid_lat"`}},
	{name: "offers with a word for a number", who: cody, method: "GET", url: "/api/courier/offers?lat=north&lon=13", status: 400},
	{name: "offers for an offline courier", who: liamID, method: "GET", url: offersQuery, status: 403},
	{name: "offers for a customer", who: alice, method: "GET", url: offersQuery, status: 403},
	{name: "offers for staff", who: sam, method: "GET", url: offersQuery, status: 403},
	{name: "offers for a superuser", who: admin, method: "GET", url: offersQuery, status: 403},
	{name: "offers for anonymous", who: anon, method: "GET", url: offersQuery, status: 403},

	// Claims by couriers.
	{name: "a courier claims an offered order", who: kimID, method: "POST", url: claimO4, status: 200,
		content: []string{`"courier":"` + kimID + `"`, `"customer":"` + alice + `"`}, courier: kimID},
	{name: "a courier claims an order being prepared", who: kimID, method: "POST", url: "/api/orders/" + orderO2 + "/claim", status: 200,
		content: []string{`"courier":"` + kimID + `"`}},
	{name: "a later claim", who: cody, method: "POST", url: claimO4, before: assign(orderO4, kimID), status: 409, courier: kimID},
	{name: "the winner claims again", who: kimID, method: "POST", url: claimO4, before: assign(orderO4, kimID), status: 409, courier: kimID,
		content: []string{`"message":"You have already claimed this order."`}},
	{name: "claiming a placed order", who: kimID, method: "POST", url: "/api/orders/" + orderA6 + "/claim", status: 409},
	{name: "claiming a delivered order", who: kimID, method: "POST", url: "/api/orders/" + orderO3 + "/claim", status: 409},
	{name: "an offline courier claims", who: liamID, method: "POST", url: claimO4, status: 403, courier: "none"},
	{name: "a customer claims", who: alice, method: "POST", url: claimO4, status: 403, courier: "none"},
	{name: "staff claim for themselves", who: sam, method: "POST", url: claimO4, status: 403, courier: "none"},
	{name: "a superuser claims for themselves", who: admin, method: "POST", url: claimO4, status: 403, courier: "none"},
	{name: "anonymous claims", who: anon, method: "POST", url: claimO4, status: 401, courier: "none"},
	{name: "claiming an unknown order", who: kimID, method: "POST", url: "/api/orders/nosuchorder0000/claim", status: 404},
	{name: "a claim body that is not JSON", who: kimID, method: "POST", url: claimO4, body: `{`, status: 400, courier: "none"},
	{name: "a courier id that is not text", who: sam, method: "POST", url: claimO4, body: `{"courier":5}`, status: 400, courier: "none",
		content: []string{`"courier":{"code":"invalid_type","message":"Must be a string."}`}},

	// Assignment by staff and superusers.
	{name: "staff assign a courier", who: sam, method: "POST", url: claimO4, body: `{"courier":"` + kimID + `"}`, status: 200, courier: kimID},
	{name: "staff reassign", who: sam, method: "POST", url: claimO4, body: `{"courier":"` + cody + `"}`, before: assign(orderO4, kimID), status: 200, courier: cody},
	{name: "staff may assign an offline courier", who: sam, method: "POST", url: claimO4, body: `{"courier":"` + liamID + `"}`, status: 200, courier: liamID},
	{name: "a superuser assigns", who: admin, method: "POST", url: claimO4, body: `{"courier":"` + kimID + `"}`, status: 200, courier: kimID},
	{name: "staff assign a customer", who: sam, method: "POST", url: claimO4, body: `{"courier":"` + alice + `"}`, status: 400,
		content: []string{`"courier":{"code":"unknown_courier"`}, courier: "none"},
	{name: "staff of another restaurant assign", who: sue, method: "POST", url: claimO4, body: `{"courier":"` + kimID + `"}`, status: 403, courier: "none"},
	{name: "the customer assigns a courier to their order", who: alice, method: "POST", url: claimO4, body: `{"courier":"` + kimID + `"}`, status: 403, courier: "none"},
	{name: "a customer claims an unknown order", who: alice, method: "POST", url: "/api/orders/nosuchorder0000/claim", status: 403},
	{name: "a courier assigns a colleague", who: cody, method: "POST", url: claimO4, body: `{"courier":"` + kimID + `"}`, status: 403, courier: "none"},
	{name: "staff assign a placed order", who: sam, method: "POST", url: "/api/orders/" + orderA6 + "/claim", body: `{"courier":"` + kimID + `"}`, status: 409},
	{name: "staff assign a delivered order", who: sam, method: "POST", url: "/api/orders/" + orderO3 + "/claim", body: `{"courier":"` + kimID + `"}`, status: 409},

	// Courier locations.
	{name: "the courier reports", who: cody, method: "POST", url: locationO1, body: `{"lat":52.51,"lon":13.39}`, before: pickedUpO1, status: 200,
		content: []string{`"courier_location":{"lon":13.39,"lat":52.51}`}, location: `{"lon":13.39,"lat":52.51}`},
	{name: "the courier reports on the way to the restaurant", who: cody, method: "POST", url: "/api/orders/" + orderO5 + "/courier-location",
		body: `{"lat":52.5,"lon":13.4}`, status: 200},
	{name: "the customer reports", who: alice, method: "POST", url: locationO1, body: `{"lat":52.51,"lon":13.39}`, before: pickedUpO1, status: 403, location: `{"lon":0,"lat":0}`},
	{name: "staff report", who: sam, method: "POST", url: locationO1, body: `{"lat":52.51,"lon":13.39}`, before: pickedUpO1, status: 403},
	{name: "a superuser reports", who: admin, method: "POST", url: locationO1, body: `{"lat":52.51,"lon":13.39}`, before: pickedUpO1, status: 403},
	{name: "another courier reports", who: kimID, method: "POST", url: locationO1, body: `{"lat":52.51,"lon":13.39}`, before: pickedUpO1, status: 404},
	{name: "another customer reports", who: bob, method: "POST", url: locationO1, body: `{"lat":52.51,"lon":13.39}`, before: pickedUpO1, status: 404},
	{name: "anonymous reports", who: anon, method: "POST", url: locationO1, body: `{"lat":52.51,"lon":13.39}`, before: pickedUpO1, status: 404},
	{name: "a report without lon", who: cody, method: "POST", url: locationO1, body: `{"lat":52.51}`, before: pickedUpO1, status: 400,
		content: []string{`"lon":{"code":"invalid_lon"`}, absent: []string{`"lat":{`}},
	{name: "a report off the globe", who: cody, method: "POST", url: locationO1, body: `{"lat":95,"lon":13.39}`, before: pickedUpO1, status: 400,
		content: []string{`"lat":{"code":"invalid_lat"`}},
	{name: "a report that is not JSON", who: cody, method: "POST", url: locationO1, body: `lat=1`, before: pickedUpO1, status: 400},
	{name: "a latitude in quotes", who: cody, method: "POST", url: locationO1, body: `{"lat":"52.5","lon":13.4}`, before: pickedUpO1, status: 400,
		content: []string{`"lat":{"code":"invalid_type","message":"Must be a number."}`}},
	{name: "a report after delivery", who: cody, method: "POST", url: locationO1, body: `{"lat":52.51,"lon":13.39}`, status: 409},
	{name: "a report on an unknown order", who: cody, method: "POST", url: "/api/orders/nosuchorder0000/courier-location", body: `{"lat":52.51,"lon":13.39}`, status: 404},
}

func TestDispatchScenarios(t *testing.T) {
	dispatchApp(t).Cleanup() // makes the couriers' tokens before the scenarios name them
	for _, c := range dispatchScenarios {
		s := tests.ApiScenario{
			Name:               "dispatch: " + c.name,
			Method:             c.method,
			URL:                c.url,
			Headers:            dispatchAuth(c.who),
			ExpectedStatus:     c.status,
			ExpectedContent:    c.content,
			NotExpectedContent: c.absent,
			TestAppFactory:     dispatchApp,
		}
		if c.status >= 400 {
			s.ExpectedContent = append([]string{fmt.Sprintf(`"status":%d`, c.status)}, c.content...)
		}
		if len(s.ExpectedContent) == 0 {
			s.ExpectedContent = []string{`"id":`}
		}
		if c.body != "" {
			s.Body = strings.NewReader(c.body)
		}
		if c.before != nil {
			before := c.before
			s.BeforeTestFunc = func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) { before(t, app) }
		}
		if c.courier != "" {
			orderID := strings.Split(c.url, "/")[3]
			want := strings.TrimPrefix(c.courier, "none")
			s.AfterTestFunc = func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				if got := mustFind(t, app, "orders", orderID).GetString("courier"); got != want {
					t.Errorf("courier: got %q; want %q", got, want)
				}
			}
		}
		if c.location != "" {
			want := c.location
			s.AfterTestFunc = func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				if got := mustFind(t, app, "orders", orderO1).GetString("courier_location"); got != want {
					t.Errorf("courier_location: got %s; want %s", got, want)
				}
			}
		}
		s.Test(t)
	}
}

// TestDispatchConcurrentClaims: 20 online couriers claim one order at once; exactly one wins and the
// other 19 get 409.
func TestDispatchConcurrentClaims(t *testing.T) {
	app := dispatchApp(t)
	defer app.Cleanup()
	app.Settings().RateLimits.Enabled = false
	const n = 20
	couriers, ids := make([]caller, n), make([]string, n)
	for i := range n {
		ids[i], couriers[i] = newCourier(t, app, fmt.Sprintf("rider%02d", i), true)
	}
	srv := serve(t, app)
	statuses, _, bodies := race(n, func(i int) (int, map[string]any) {
		return couriers[i].do(t, srv, "POST", claimO4, "", nil)
	})
	winner := ""
	count := map[int]int{}
	for i, s := range statuses {
		count[s]++
		switch s {
		case 200:
			winner = ids[i]
			if bodies[i]["courier"] != ids[i] {
				t.Errorf("winner %d: got courier %v; want %s", i, bodies[i]["courier"], ids[i])
			}
		case 409:
		default:
			t.Errorf("claim %d: got %d %v; want 200 or 409", i, s, bodies[i])
		}
	}
	if count[200] != 1 || count[409] != n-1 {
		t.Errorf("got statuses %v; want one 200 and %d × 409", count, n-1)
	}
	if got := mustFind(t, app, "orders", orderO4).GetString("courier"); got != winner || !slices.Contains(ids, got) {
		t.Errorf("stored courier: got %q; want the winner %q", got, winner)
	}
}
