package hooks_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/subscriptions"
	"github.com/pocketbase/pocketbase/tools/types"
)

// statuses are the order statuses, listed here independently of internal/order.
var statuses = []string{"placed", "accepted", "rejected", "preparing", "ready_for_pickup", "picked_up", "delivered", "cancelled"}

// contractMoves is the contract's table of moves and the role that makes each (superusers make all).
var contractMoves = map[[2]string]string{
	{"placed", "accepted"}:            "staff",
	{"placed", "rejected"}:            "staff",
	{"accepted", "preparing"}:         "staff",
	{"preparing", "ready_for_pickup"}: "staff",
	{"ready_for_pickup", "picked_up"}: "courier",
	{"picked_up", "delivered"}:        "courier",
	{"placed", "cancelled"}:           "customer",
}

// TestOrderStatusEveryRoleAndMove asks the endpoint for every move between two statuses as every kind of
// caller, on order O1 (alice's, at restaurant A of staff sam, assigned to courier cody): 200 when the
// contract lets the role make the move, 400 when no role may, 403 when another role may, and 404 for
// everyone who cannot view the order.
func TestOrderStatusEveryRoleAndMove(t *testing.T) {
	app := newApp(t)
	defer app.Cleanup()
	app.Settings().RateLimits.Enabled = false
	kim, kimToken := newCourier(t, app, "kim", true)
	srv := serve(t, app)

	callers := []struct {
		name   string
		as     caller
		role   string // "" = cannot view the order
		userID string
	}{
		{"customer alice", as(alice), "customer", alice},
		{"staff sam", as(sam), "staff", sam},
		{"courier cody", as(cody), "courier", cody},
		{"superuser", as(admin), "superuser", ""},
		{"another customer", as(bob), "", ""},
		{"staff of another restaurant", as(sue), "", ""},
		{"an unassigned courier", kimToken, "", kim},
		{"anonymous", "", "", ""},
	}
	requests := 0
	for _, c := range callers {
		for _, from := range statuses {
			for _, to := range statuses {
				setStatus(t, app, orderO1, from)
				want := 400
				if owner, ok := contractMoves[[2]string{from, to}]; ok {
					want = 403
					if c.role == owner || c.role == "superuser" {
						want = 200
					}
				}
				if c.role == "" {
					want = 404
				}
				got, body := c.as.do(t, srv, "POST", "/api/orders/"+orderO1+"/status", `{"status":"`+to+`","reason":"because"}`, nil)
				requests++
				stored := mustFind(t, app, "orders", orderO1).GetString("status")
				wantStored := from
				if want == 200 {
					wantStored = to
				}
				if got != want || stored != wantStored {
					t.Errorf("%s moving %s → %s: got %d (stored %s) %v; want %d (stored %s)", c.name, from, to, got, stored, body["message"], want, wantStored)
				}
			}
		}
	}
	if requests != 8*8*8 {
		t.Errorf("got %d requests; want %d", requests, 8*8*8)
	}
}

// setStatus puts an order into a status directly, without the status machine.
func setStatus(t testing.TB, app core.App, id, status string) {
	t.Helper()
	if _, err := app.DB().NewQuery("UPDATE orders SET status = {:s} WHERE id = {:id}").
		Bind(dbx.Params{"s": status, "id": id}).Execute(); err != nil {
		t.Fatal(err)
	}
}

// newCourier creates a user with a courier record and returns the user id and token.
func newCourier(t testing.TB, app core.App, name string, online bool) (string, caller) {
	t.Helper()
	id, token := newUser(t, app, name)
	c := core.NewRecord(mustCollection(app, "couriers"))
	c.Load(map[string]any{"user": id, "is_online": online})
	if err := app.Save(c); err != nil {
		t.Fatal(err)
	}
	return id, token
}

// expectStoredOrder checks an order's stored status, history ("<status> by <user id>", "by *" for any
// user) and eta after a scenario. eta < 0 means cleared, 0 unchanged from the fixture (empty), > 0 about
// now + eta.
func expectStoredOrder(id, status string, history []string, reason string, eta time.Duration) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		t.Helper()
		o := mustFind(t, app, "orders", id)
		if got := o.GetString("status"); got != status {
			t.Errorf("status: got %s; want %s", got, status)
		}
		var entries []map[string]any
		if err := o.UnmarshalJSONField("status_history", &entries); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range entries {
			got = append(got, fmt.Sprint(e["status"], " by ", e["by"]))
		}
		if !slices.EqualFunc(got, history, func(g, w string) bool {
			return g == w || strings.HasSuffix(w, " by *") && strings.HasPrefix(g, strings.TrimSuffix(w, "*"))
		}) {
			t.Errorf("status_history: got %q; want %q", got, history)
		}
		for i, e := range entries {
			want := ""
			if i == len(entries)-1 {
				want = reason
			}
			if got, ok := e["reason"].(string); !ok || got != want {
				t.Errorf("entry %d: reason: got %#v; want %q", i, e["reason"], want)
			}
		}
		switch {
		case eta > 0:
			expectETA(t, o, eta)
		case !o.GetDateTime("eta").IsZero():
			t.Errorf("eta: got %v; want none", o.GetDateTime("eta"))
		}
	}
}

const statusO4 = "/api/orders/" + orderO4 + "/status"

// orderStatusScenarios move order O4 (alice's, placed, at A with prep 15 minutes; seeded without a
// delivery location, so travel takes 0 minutes).
var orderStatusScenarios = []struct {
	name    string
	who     string
	url     string
	body    string
	status  int
	content []string
	after   func(testing.TB, *tests.TestApp, *http.Response)
}{
	{name: "staff accepts", who: sam, body: `{"status":"accepted"}`, status: 200,
		content: []string{`"status":"accepted"`, `"status_history":[{"status":"accepted","at":"`},
		after:   expectStoredOrder(orderO4, "accepted", []string{"accepted by " + sam}, "", 15*time.Minute)},
	{name: "staff accepts with a note", who: sam, body: `{"status":"accepted","reason":"  Busy night, a bit slower  "}`, status: 200,
		after: expectStoredOrder(orderO4, "accepted", []string{"accepted by " + sam}, "Busy night, a bit slower", 15*time.Minute)},
	{name: "staff rejects with a reason", who: sam, body: `{"status":"rejected","reason":"Out of dough"}`, status: 200,
		content: []string{`"reason":"Out of dough"`, `"eta":""`},
		after:   expectStoredOrder(orderO4, "rejected", []string{"rejected by " + sam}, "Out of dough", -1)},
	{name: "staff rejects without a reason", who: sam, body: `{"status":"rejected"}`, status: 400,
		content: []string{`"reason":{"code":"reason_required"`},
		after:   expectStoredOrder(orderO4, "placed", nil, "", 0)},
	{name: "staff rejects with a blank reason", who: sam, body: `{"status":"rejected","reason":"   "}`, status: 400,
		content: []string{`"reason":{"code":"reason_required"`}},
	{name: "a reason over 500 characters", who: sam, body: `{"status":"rejected","reason":"` + strings.Repeat("r", 501) + `"}`, status: 400,
		content: []string{`"reason":{"code":"reason_too_long"`}},
	{name: "the customer cancels", who: alice, body: `{"status":"cancelled"}`, status: 200,
		after: expectStoredOrder(orderO4, "cancelled", []string{"cancelled by " + alice}, "", -1)},
	{name: "the customer may not accept", who: alice, body: `{"status":"accepted"}`, status: 403,
		content: []string{`"message":"Your role may not make this move: from placed to accepted."`},
		after:   expectStoredOrder(orderO4, "placed", nil, "", 0)},
	{name: "staff may not cancel for the customer", who: sam, body: `{"status":"cancelled"}`, status: 403},
	{name: "nobody skips to delivered", who: admin, body: `{"status":"delivered"}`, status: 400,
		content: []string{`"status":{"code":"illegal_move","message":"Illegal move: from placed to delivered."`}},
	{name: "a superuser accepts", who: admin, body: `{"status":"accepted"}`, status: 200,
		content: []string{`"idempotency_key":`, `"cart":`}, // superusers see hidden fields, as in the records API
		after:   expectStoredOrder(orderO4, "accepted", []string{"accepted by *"}, "", 15*time.Minute)},
	{name: "an unknown status", who: sam, body: `{"status":"shipped"}`, status: 400, content: []string{`"status":{"code":"unknown_status"`}},
	{name: "no status", who: sam, body: `{}`, status: 400, content: []string{`"status":{"code":"unknown_status"`}},
	{name: "a body that is not JSON", who: sam, body: `status=accepted`, status: 400},
	{name: "a status that is not text", who: sam, body: `{"status":5}`, status: 400,
		content: []string{`"status":{"code":"invalid_type","message":"Must be a string."}`}},
	{name: "a reason that is not text", who: sam, body: `{"status":"rejected","reason":5}`, status: 400,
		content: []string{`"reason":{"code":"invalid_type"`}},
	{name: "another customer", who: bob, body: `{"status":"cancelled"}`, status: 404},
	{name: "staff of another restaurant", who: sue, body: `{"status":"accepted"}`, status: 404},
	{name: "a courier not assigned", who: cody, body: `{"status":"accepted"}`, status: 404},
	{name: "anonymous", who: anon, body: `{"status":"accepted"}`, status: 404},
	{name: "an unknown order", who: admin, url: "/api/orders/nosuchorder0000/status", body: `{"status":"accepted"}`, status: 404},
	{name: "the customer of another order", who: alice, url: "/api/orders/" + orderO2 + "/status", body: `{"status":"cancelled"}`, status: 404},
}

func TestOrderStatusScenarios(t *testing.T) {
	for _, c := range orderStatusScenarios {
		url := statusO4
		if c.url != "" {
			url = c.url
		}
		s := tests.ApiScenario{
			Name:            "status: " + c.name,
			Method:          http.MethodPost,
			URL:             url,
			Body:            strings.NewReader(c.body),
			Headers:         auth(c.who),
			ExpectedStatus:  c.status,
			ExpectedContent: append([]string{fmt.Sprintf(`"status":%d`, c.status)}, c.content...),
			TestAppFactory:  newApp,
			AfterTestFunc:   c.after,
		}
		if c.status == 200 {
			s.ExpectedContent = append([]string{`"collectionName":"orders"`, `"id":"` + orderO4 + `"`}, c.content...)
		} else {
			s.NotExpectedContent = []string{`"collectionName"`}
		}
		if c.who != admin {
			s.NotExpectedContent = append(s.NotExpectedContent, `"cart":`)
		}
		s.Test(t)
	}
}

// TestSuperuserOrderEdits: a superuser's edit of an order through the records API (the dashboard) keeps
// status_history and eta true to the edit, as the status endpoint would have.
func TestSuperuserOrderEdits(t *testing.T) {
	recordURL := "/api/collections/orders/records/" + orderO4
	for _, c := range []struct {
		name, method, url, body string
		status                  int
		after                   func(testing.TB, *tests.TestApp, *http.Response)
	}{
		{"a status edit is a move in the history", http.MethodPatch, recordURL, `{"status":"accepted"}`, 200,
			expectStoredOrder(orderO4, "accepted", []string{"accepted by *"}, "", 15*time.Minute)},
		{"an edit that ends the order clears eta", http.MethodPatch, recordURL, `{"status":"delivered"}`, 200,
			expectStoredOrder(orderO4, "delivered", []string{"delivered by *"}, "", -1)},
		{"an edit of other fields adds no move", http.MethodPatch, recordURL, `{"note":"Ring twice"}`, 200,
			expectStoredOrder(orderO4, "placed", nil, "", 0)},
		{"an edit that writes the history keeps it", http.MethodPatch, recordURL,
			`{"status":"accepted","status_history":[{"status":"accepted","at":"2026-01-01 00:00:00.000Z","by":"x","reason":""}]}`, 200,
			expectStoredOrder(orderO4, "accepted", []string{"accepted by x"}, "", 0)},
		{"a created order starts its history", http.MethodPost, "/api/collections/orders/records",
			`{"id":"neworder0000001","customer":"` + alice + `","restaurant":"` + restA + `","status":"placed"}`, 200,
			expectStoredOrder("neworder0000001", "placed", []string{"placed by *"}, "", 15*time.Minute)},
		{"a status edit by anyone else is refused", http.MethodPatch, recordURL, `{"status":"accepted"}`, 403,
			expectStoredOrder(orderO4, "placed", nil, "", 0)},
	} {
		who := admin
		if c.status == 403 {
			who = alice
		}
		(&tests.ApiScenario{
			Name:            "superuser edits: " + c.name,
			Method:          c.method,
			URL:             c.url,
			Body:            strings.NewReader(c.body),
			Headers:         auth(who),
			ExpectedStatus:  c.status,
			ExpectedContent: []string{`"`},
			TestAppFactory:  newApp,
			AfterTestFunc:   c.after,
		}).Test(t)
	}
}

// TestDashboardOrderEdit: the dashboard sends an edited order back whole, status_history included (as
// JSON it re-encoded, its keys in another order): a new status is still a move in the history.
func TestDashboardOrderEdit(t *testing.T) {
	app := newApp(t)
	o := mustFind(t, app, "orders", orderO4)
	o.Set("status", "accepted")
	o.Set("status_history", types.JSONRaw(`[{"status":"accepted","at":"2026-12-04 10:00:00.000Z","by":"`+sam+`","reason":""}]`))
	if err := app.Save(o); err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(mustFind(t, app, "orders", orderO4))
	if err != nil {
		t.Fatal(err)
	}
	var whole map[string]any
	if err := json.Unmarshal(raw, &whole); err != nil {
		t.Fatal(err)
	}
	whole["status"] = "picked_up"  // eta: now + travel minutes (0: O4 has no delivery location)
	body, _ := json.Marshal(whole) // map keys sorted: {"at","by","reason","status"} in each history entry
	(&tests.ApiScenario{
		Name:            "dashboard edit of an order's status",
		Method:          http.MethodPatch,
		URL:             "/api/collections/orders/records/" + orderO4,
		Body:            strings.NewReader(string(body)),
		Headers:         auth(admin),
		ExpectedStatus:  200,
		ExpectedContent: []string{`"status":"picked_up"`},
		TestAppFactory:  func(testing.TB) *tests.TestApp { return app },
		AfterTestFunc:   expectStoredOrder(orderO4, "picked_up", []string{"accepted by " + sam, "picked_up by *"}, "", time.Nanosecond),
	}).Test(t)
}

// lifecycleStep is one request of an order's life and what its answer must show.
type lifecycleStep struct {
	name   string
	as     string
	path   string // %s is the order id
	body   string
	status string        // the order's status afterwards
	eta    time.Duration // about now + eta; 0 = unchanged; < 0 = cleared
}

// lifecycle are the moves of cart K's order after checkout: 338 m from restaurant A (prep 15 minutes),
// so 2 travel minutes.
var lifecycle = []lifecycleStep{
	{name: "staff accepts", as: sam, path: "/api/orders/%s/status", body: `{"status":"accepted"}`, status: "accepted", eta: 17 * time.Minute},
	{name: "staff starts preparing", as: sam, path: "/api/orders/%s/status", body: `{"status":"preparing"}`, status: "preparing"},
	{name: "food is ready", as: sam, path: "/api/orders/%s/status", body: `{"status":"ready_for_pickup"}`, status: "ready_for_pickup", eta: 2 * time.Minute},
	{name: "courier claims", as: cody, path: "/api/orders/%s/claim", status: "ready_for_pickup"},
	{name: "courier picks up", as: cody, path: "/api/orders/%s/status", body: `{"status":"picked_up"}`, status: "picked_up", eta: 2 * time.Minute},
	{name: "courier on the way", as: cody, path: "/api/orders/%s/courier-location", body: `{"lat":52.5201,"lon":13.407}`, status: "picked_up"},
	{name: "courier nearly there", as: cody, path: "/api/orders/%s/courier-location", body: `{"lat":52.5202,"lon":13.409}`, status: "picked_up"},
	{name: "courier delivers", as: cody, path: "/api/orders/%s/status", body: `{"status":"delivered"}`, status: "delivered", eta: -1},
}

// runLifecycle checks out cart K and walks its order through lifecycle, checking each answer; it returns
// the order id.
//
// afterMove, if given, runs after the checkout and after each status move, with the new status.
func runLifecycle(t *testing.T, app *tests.TestApp, srv *httptest.Server, afterMove ...func(status string)) string {
	t.Helper()
	status, o := as(alice).do(t, srv, "POST", checkoutK, `{"delivery_address":"Invalidenstraße 1"}`, keyHeader("life-1"))
	if status != 200 || o["total"] != float64(cartKTotal) {
		t.Fatalf("checkout: got %d %v; want 200 with total %d", status, o, cartKTotal)
	}
	id := o["id"].(string)
	expectETA(t, mustFind(t, app, "orders", id), 17*time.Minute)
	for _, f := range afterMove {
		f("placed")
	}
	for _, s := range lifecycle {
		eta := mustFind(t, app, "orders", id).GetDateTime("eta")
		status, body := as(s.as).do(t, srv, "POST", fmt.Sprintf(s.path, id), s.body, nil)
		if status != 200 || body["status"] != s.status || body["total"] != float64(cartKTotal) {
			t.Fatalf("%s: got %d %v; want 200, status %s and the total unchanged", s.name, status, body, s.status)
		}
		for _, f := range afterMove {
			f(s.status)
		}
		stored := mustFind(t, app, "orders", id)
		switch {
		case s.eta > 0:
			expectETA(t, stored, s.eta)
		case s.eta < 0 && !stored.GetDateTime("eta").IsZero():
			t.Errorf("%s: got eta %v; want none", s.name, stored.GetDateTime("eta"))
		case s.eta == 0 && stored.GetDateTime("eta") != eta:
			t.Errorf("%s: got eta %v; want it unchanged at %v", s.name, stored.GetDateTime("eta"), eta)
		}
	}
	return id
}

// TestOrderLifecycle follows one order from checkout to review: money, eta, history, courier, location
// and the restaurant's rating at each step.
func TestOrderLifecycle(t *testing.T) {
	app := checkoutApp(t)
	defer app.Cleanup()
	srv := serve(t, app)
	id := runLifecycle(t, app, srv)

	o := mustFind(t, app, "orders", id)
	var history []map[string]any
	if err := o.UnmarshalJSONField("status_history", &history); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range history {
		got = append(got, fmt.Sprint(h["status"], " by ", h["by"]))
	}
	want := []string{"placed by " + alice, "accepted by " + sam, "preparing by " + sam, "ready_for_pickup by " + sam,
		"picked_up by " + cody, "delivered by " + cody}
	if !slices.Equal(got, want) {
		t.Errorf("status_history: got %q; want %q", got, want)
	}
	if o.GetString("courier") != cody || o.GetString("courier_location") != `{"lon":13.409,"lat":52.5202}` {
		t.Errorf("got courier %q at %s; want cody at the last reported location", o.GetString("courier"), o.GetString("courier_location"))
	}

	// Restaurant A had reviews 5 and 3; a 2 makes (5 + 3 + 2) / 3 = 3.33.
	status, review := as(alice).do(t, srv, "POST", "/api/collections/reviews/records", `{"order":"`+id+`","rating":2,"comment":"Cold"}`, nil)
	if status != 200 || review["restaurant"] != restA || review["customer"] != alice {
		t.Fatalf("review: got %d %v; want 200 with restaurant A and customer alice", status, review)
	}
	expectRating(t, app, restA, 3.33, 3)
	status, _ = as(alice).do(t, srv, "POST", "/api/collections/reviews/records", `{"order":"`+id+`","rating":5}`, nil)
	if status != 400 {
		t.Errorf("second review: got %d; want 400", status)
	}
	expectRating(t, app, restA, 3.33, 3)
}

func expectRating(t testing.TB, app core.App, restaurant string, avg float64, count int) {
	t.Helper()
	r := mustFind(t, app, "restaurants", restaurant)
	if r.GetFloat("rating_avg") != avg || r.GetInt("rating_count") != count {
		t.Errorf("rating: got %v over %d reviews; want %v over %d", r.GetFloat("rating_avg"), r.GetInt("rating_count"), avg, count)
	}
}

// subscriber is a realtime client registered directly with the app's broker, as an SSE connection
// would be, that collects the order events delivered to it.
type subscriber struct {
	client subscriptions.Client
	events chan map[string]any
	early  []map[string]any // taken from events by waitStatus
}

func subscribe(t testing.TB, app core.App, auth *core.Record, topics ...string) *subscriber {
	t.Helper()
	c := subscriptions.NewDefaultClient()
	if auth != nil {
		c.Set(apis.RealtimeClientAuthKey, auth)
	}
	c.Subscribe(topics...)
	app.SubscriptionsBroker().Register(c)
	s := &subscriber{client: c, events: make(chan map[string]any, 100)}
	go func() {
		for m := range c.Channel() {
			// Deliver as an SSE connection does: through OnRealtimeMessageSend, one message at a time.
			err := app.OnRealtimeMessageSend().Trigger(&core.RealtimeMessageEvent{Client: c, Message: &m},
				func(e *core.RealtimeMessageEvent) error {
					var data map[string]any
					if err := json.Unmarshal(e.Message.Data, &data); err != nil {
						return err
					}
					s.events <- data
					return nil
				})
			if err != nil {
				t.Error(err)
			}
		}
	}()
	t.Cleanup(func() { app.SubscriptionsBroker().Unregister(c.Id()) })
	return s
}

// waitStatus waits until an order event with status has arrived, keeping every event for received.
// PocketBase hands each message to its connection from a goroutine of its own, and a connection drops
// an order event older than one it already sent, so of two moves a few microseconds apart only the
// newer may arrive; a client watching an order, like this test, sees every move made after it saw
// the previous one.
func (s *subscriber) waitStatus(t testing.TB, status string) {
	t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case e := <-s.events:
			s.early = append(s.early, e)
			if r, _ := e["record"].(map[string]any); r["status"] == status {
				return
			}
		case <-timeout:
			t.Fatalf("no event with status %s within 5 s", status)
		}
	}
}

// received returns the events that arrived so far; call it after the last event had time to arrive.
func (s *subscriber) received() []map[string]any {
	got := s.early
	s.early = nil
	for {
		select {
		case e := <-s.events:
			got = append(got, e)
		default:
			return got
		}
	}
}

// TestOrderRealtime subscribes seven clients to every order while one order lives its life: the
// customer, the restaurant's staff, the superuser and (from the claim) the courier receive each change;
// another customer, staff of another restaurant and an unassigned courier receive nothing.
func TestOrderRealtime(t *testing.T) {
	app := checkoutApp(t)
	defer app.Cleanup()
	kim, _ := newCourier(t, app, "kim", true)
	srv := serve(t, app) // binds PocketBase's realtime broadcasting
	superuser, err := app.FindAuthRecordByEmail(core.CollectionNameSuperusers, adminEmail)
	if err != nil {
		t.Fatal(err)
	}
	subs := map[string]*subscriber{}
	for _, id := range []string{alice, sam, cody, bob, sue, kim} {
		subs[id] = subscribe(t, app, mustFind(t, app, "users", id), "orders/*")
	}
	subs[admin] = subscribe(t, app, superuser, "orders/*")
	subs[anon] = subscribe(t, app, nil, "orders/*")

	id := runLifecycle(t, app, srv, func(status string) { subs[alice].waitStatus(t, status) })
	time.Sleep(300 * time.Millisecond) // PocketBase sends each event from its own goroutine

	all := []string{"placed", "accepted", "preparing", "ready_for_pickup", "picked_up", "delivered"}
	want := map[string][]string{
		alice: all, sam: all, admin: all,
		cody: {"ready_for_pickup", "picked_up", "delivered"}, // from the claim on
		bob:  nil, sue: nil, kim: nil, anon: nil,
	}
	for who, s := range subs {
		events := s.received()
		var seen []string
		var locations []string
		for _, e := range events {
			r, _ := e["record"].(map[string]any)
			if r["id"] != id {
				t.Errorf("%s: got an event about order %v; want only %s", who, r["id"], id)
				continue
			}
			if _, leaked := r["cart"]; leaked && who != admin {
				t.Errorf("%s: got the hidden cart id in an event", who)
			}
			if st := fmt.Sprint(r["status"]); len(seen) == 0 || seen[len(seen)-1] != st {
				seen = append(seen, st)
			}
			if loc := fmt.Sprint(r["courier_location"]); !slices.Contains(locations, loc) {
				locations = append(locations, loc)
			}
		}
		if !slices.Equal(seen, want[who]) {
			t.Errorf("%s: got statuses %q over %d events; want %q", who, seen, len(events), want[who])
		}
		// Locations arrive in the order reported and end at the last one; when PocketBase hands two
		// quick reports over out of order, the older one is dropped rather than shown late.
		reported := []string{"map[lat:0 lon:0]", "map[lat:52.5201 lon:13.407]", "map[lat:52.5202 lon:13.409]"}
		if who == alice && (len(locations) < 2 || locations[len(locations)-1] != reported[2] ||
			!slices.IsSortedFunc(locations, func(a, b string) int { return slices.Index(reported, a) - slices.Index(reported, b) })) {
			t.Errorf("alice: got courier locations %q; want them in the order reported, ending with the last", locations)
		}
	}
}

// reviewScenarios check the reviews rules and that restaurant A's rating follows every change. A starts
// with RV1 (5, on O1) and RV2 (3, on O5, posted 8 days ago): 4.00 over 2.
var reviewScenarios = []struct {
	name    string
	who     string
	method  string
	url     string
	body    string
	status  int
	content []string
	avg     float64
	count   int
}{
	{name: "the customer reviews a delivered order", who: alice, method: "POST", url: "/api/collections/reviews/records",
		body: `{"order":"` + orderO3 + `","rating":4,"comment":"Hot and fast"}`, status: 200,
		content: []string{`"restaurant":"` + restA + `"`, `"customer":"` + alice + `"`}, avg: 4, count: 3},
	{name: "a low rating moves the average", who: alice, method: "POST", url: "/api/collections/reviews/records",
		body: `{"order":"` + orderO3 + `","rating":1}`, status: 200, avg: 3, count: 3},
	{name: "a second review of the same order", who: alice, method: "POST", url: "/api/collections/reviews/records",
		body: `{"order":"` + orderO1 + `","rating":1}`, status: 400, content: []string{`"order":{"code":`}, avg: 4, count: 2},
	{name: "an order not delivered yet", who: alice, method: "POST", url: "/api/collections/reviews/records",
		body: `{"order":"` + orderO4 + `","rating":1}`, status: 400, content: []string{`"order":{"code":"not_delivered"`}, avg: 4, count: 2},
	{name: "another customer's order", who: bob, method: "POST", url: "/api/collections/reviews/records",
		body: `{"order":"` + orderO3 + `","rating":1}`, status: 400, content: []string{`"order":{"code":"unknown_order"`}, avg: 4, count: 2},
	{name: "the restaurant reviews itself", who: sam, method: "POST", url: "/api/collections/reviews/records",
		body: `{"order":"` + orderO3 + `","rating":5}`, status: 400, avg: 4, count: 2},
	{name: "the courier reviews", who: cody, method: "POST", url: "/api/collections/reviews/records",
		body: `{"order":"` + orderO1 + `","rating":5}`, status: 400, avg: 4, count: 2},
	{name: "anonymous", who: anon, method: "POST", url: "/api/collections/reviews/records",
		body: `{"order":"` + orderO3 + `","rating":5}`, status: 400, avg: 4, count: 2},
	{name: "the customer changes a review within 7 days", who: alice, method: "PATCH", url: "/api/collections/reviews/records/" + reviewRV1,
		body: `{"rating":2}`, status: 200, avg: 2.5, count: 2},
	{name: "after 7 days a review is final", who: alice, method: "PATCH", url: "/api/collections/reviews/records/" + reviewRV2,
		body: `{"rating":5}`, status: 403, avg: 4, count: 2},
	{name: "the customer deletes a review", who: alice, method: "DELETE", url: "/api/collections/reviews/records/" + reviewRV1,
		status: 204, avg: 3, count: 1},
	{name: "a superuser deletes an old review", who: admin, method: "DELETE", url: "/api/collections/reviews/records/" + reviewRV2,
		status: 204, avg: 5, count: 1},
	{name: "another customer cannot delete it", who: bob, method: "DELETE", url: "/api/collections/reviews/records/" + reviewRV1,
		status: 404, avg: 4, count: 2},
	{name: "deleting a reviewed order removes its review from the rating", who: admin, method: "DELETE",
		url: "/api/collections/orders/records/" + orderO1, status: 204, avg: 3, count: 1},
}

// TestReviewScenarios runs the reviews rules through the records API and checks restaurant A's
// rating_avg and rating_count after each.
func TestReviewScenarios(t *testing.T) {
	for _, c := range reviewScenarios {
		s := tests.ApiScenario{
			Name:           "review: " + c.name,
			Method:         c.method,
			URL:            c.url,
			Headers:        auth(c.who),
			ExpectedStatus: c.status,
			TestAppFactory: newApp,
		}
		if c.body != "" {
			s.Body = strings.NewReader(c.body)
		}
		switch {
		case c.status == 200:
			s.ExpectedContent = append([]string{`"collectionName":"reviews"`}, c.content...)
		case c.status >= 400:
			s.ExpectedContent = append([]string{fmt.Sprintf(`"status":%d`, c.status)}, c.content...)
		}
		avg, count := c.avg, c.count
		s.AfterTestFunc = func(t testing.TB, app *tests.TestApp, _ *http.Response) { expectRating(t, app, restA, avg, count) }
		s.Test(t)
	}
}

// TestReviewConcurrentDuplicates: ten reviews of one order at once make one review, and the others are
// refused cleanly.
func TestReviewConcurrentDuplicates(t *testing.T) {
	app := newApp(t)
	defer app.Cleanup()
	app.Settings().RateLimits.Enabled = false
	srv := serve(t, app)
	statuses, _, bodies := race(10, func(i int) (int, map[string]any) {
		return as(alice).do(t, srv, "POST", "/api/collections/reviews/records", fmt.Sprintf(`{"order":"%s","rating":%d}`, orderO3, 1+i%5), nil)
	})
	created := 0
	for i, s := range statuses {
		switch s {
		case 200:
			created++
		case 400:
		default:
			t.Errorf("review %d: got %d %v; want 200 or 400", i, s, bodies[i])
		}
	}
	if created != 1 {
		t.Errorf("got %d reviews created; want 1", created)
	}
	r := mustFind(t, app, "restaurants", restA)
	if r.GetInt("rating_count") != 3 {
		t.Errorf("got rating_count %d; want 3", r.GetInt("rating_count"))
	}
}

// TestOrderRealtimeDropsStaleEvents hands one connection order events out of order, as PocketBase's
// per-message goroutines can: an event older than one already delivered is dropped.
func TestOrderRealtimeDropsStaleEvents(t *testing.T) {
	app := newApp(t)
	defer app.Cleanup()
	event := func(id, updated string, moves int, action string) string {
		history := strings.TrimSuffix(strings.Repeat(`{"status":"placed"},`, moves), ",")
		return fmt.Sprintf(`{"action":%q,"record":{"collectionName":"orders","id":%q,"updated":%q,"status_history":[%s]}}`,
			action, id, updated, history)
	}
	scenarios := []struct {
		name string
		data string
		want bool
	}{
		{"first event of an order", event("o1", "2030-01-01 10:00:00.005Z", 2, "update"), true},
		{"a newer one", event("o1", "2030-01-01 10:00:00.009Z", 3, "update"), true},
		{"an older one, arriving late", event("o1", "2030-01-01 10:00:00.007Z", 2, "update"), false},
		{"same millisecond, one move more", event("o1", "2030-01-01 10:00:00.009Z", 4, "update"), true},
		{"same millisecond, one move less", event("o1", "2030-01-01 10:00:00.009Z", 3, "update"), false},
		{"the same state again", event("o1", "2030-01-01 10:00:00.009Z", 4, "update"), true},
		{"another order", event("o2", "2030-01-01 09:00:00.000Z", 1, "create"), true},
		{"a delete", event("o1", "2030-01-01 09:00:00.000Z", 1, "delete"), true},
		{"an event without updated", `{"action":"update","record":{"collectionName":"orders","id":"o1"}}`, true},
		{"another collection", `{"action":"update","record":{"collectionName":"carts","id":"o1","updated":"2000-01-01 00:00:00.000Z"}}`, true},
	}
	client := subscriptions.NewDefaultClient()
	for _, s := range scenarios {
		t.Run(s.name, func(t *testing.T) {
			sent := false
			err := app.OnRealtimeMessageSend().Trigger(&core.RealtimeMessageEvent{Client: client,
				Message: &subscriptions.Message{Name: "orders/*", Data: []byte(s.data)}},
				func(*core.RealtimeMessageEvent) error { sent = true; return nil })
			if err != nil || sent != s.want {
				t.Errorf("got sent %t (%v); want %t", sent, err, s.want)
			}
		})
	}
}
