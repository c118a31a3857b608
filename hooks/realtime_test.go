package hooks_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// sseEvent is one realtime message: the topic and the decoded data.
type sseEvent struct {
	topic string
	data  map[string]any
}

// listen opens a realtime connection as who, subscribes to topics and
// returns a channel of the events received, closed when the test ends.
func listen(t *testing.T, srv *httptest.Server, who string, topics ...string) <-chan sseEvent {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/api/realtime", nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	events := make(chan sseEvent, 64)
	connected := make(chan string, 1)
	go func() {
		defer res.Body.Close()
		defer close(events)
		scan := bufio.NewScanner(res.Body)
		scan.Buffer(make([]byte, 1<<20), 1<<20)
		var topic string
		for scan.Scan() {
			line := scan.Text()
			switch {
			case strings.HasPrefix(line, "event:"):
				topic = strings.TrimSpace(strings.TrimPrefix(line, "event:"))
			case strings.HasPrefix(line, "data:"):
				var data map[string]any
				if json.Unmarshal([]byte(strings.TrimSpace(strings.TrimPrefix(line, "data:"))), &data) != nil {
					continue
				}
				if topic == "PB_CONNECT" {
					id, _ := data["clientId"].(string)
					connected <- id
					continue
				}
				select {
				case events <- sseEvent{topic, data}:
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	var clientID string
	select {
	case clientID = <-connected:
	case <-time.After(5 * time.Second):
		t.Fatal("realtime: no PB_CONNECT within 5 s")
	}
	body, err := json.Marshal(map[string]any{"clientId": clientID, "subscriptions": topics})
	if err != nil {
		t.Fatal(err)
	}
	if status, out := call(t, srv, who, http.MethodPost, "/api/realtime", string(body)); status != http.StatusNoContent {
		t.Fatalf("realtime subscribe as %s: got %d (%v); want 204", roleName(who), status, out)
	}
	return events
}

// nextEvent returns the next event or fails after timeout.
func nextEvent(t *testing.T, events <-chan sseEvent, timeout time.Duration) sseEvent {
	t.Helper()
	select {
	case ev, ok := <-events:
		if !ok {
			t.Fatal("realtime: connection closed")
		}
		return ev
	case <-time.After(timeout):
		t.Fatal("realtime: no event")
	}
	return sseEvent{}
}

// noEvent asserts that no event arrives within d.
func noEvent(t *testing.T, events <-chan sseEvent, d time.Duration, who string) {
	t.Helper()
	select {
	case ev := <-events:
		t.Errorf("%s received %s %v; want nothing", who, ev.topic, ev.data["action"])
	case <-time.After(d):
	}
}

// TestRealtimeFollowsHookedWrites checks that writes whose hooks run in a
// transaction still reach non-superuser subscribers, with consistent totals.
func TestRealtimeFollowsHookedWrites(t *testing.T) {
	app := newApp(t)
	defer app.Cleanup()
	srv := serve(t, app)

	anonymous := listen(t, srv, anon, "restaurants/"+restA, "menu_items/*")
	carts := listen(t, srv, alice, "carts/"+cartK, "cart_items/*")
	stranger := listen(t, srv, bob, "carts/*", "cart_items/*")

	if status, out := call(t, srv, sam, http.MethodPatch, "/api/collections/restaurants/records/"+restA, `{"description":"Now with sourdough"}`); status != 200 {
		t.Fatalf("update restaurant: %d %v", status, out)
	}
	ev := nextEvent(t, anonymous, 5*time.Second)
	if rec, _ := ev.data["record"].(map[string]any); ev.topic != "restaurants/"+restA || rec["description"] != "Now with sourdough" {
		t.Errorf("restaurant event: got %s %v; want the update", ev.topic, ev.data)
	}
	if status, out := call(t, srv, sam, http.MethodPatch, "/api/collections/menu_items/records/"+itemA1, `{"price":950}`); status != 200 {
		t.Fatalf("update menu item: %d %v", status, out)
	}
	if ev := nextEvent(t, anonymous, 5*time.Second); ev.topic != "menu_items/*" {
		t.Errorf("menu item event: got %s; want menu_items/*", ev.topic)
	}

	// The price change re-priced alice's line (2 × 1250) and her cart.
	seen := map[string]map[string]any{}
	for len(seen) < 2 {
		ev := nextEvent(t, carts, 5*time.Second)
		rec, _ := ev.data["record"].(map[string]any)
		seen[ev.topic] = rec
	}
	if got := seen["carts/"+cartK]["subtotal"]; got != 2500.0 {
		t.Errorf("cart event after the price change: subtotal %v; want 2500", got)
	}
	if got := seen["cart_items/*"]["line_total"]; got != 2500.0 {
		t.Errorf("cart item event after the price change: line_total %v; want 2500", got)
	}

	if status, out := call(t, srv, alice, http.MethodPatch, "/api/collections/carts/records/"+cartK,
		`{"delivery_location":{"lon":13.41,"lat":52.52}}`); status != 200 {
		t.Fatalf("update cart: %d %v", status, out)
	}
	ev = nextEvent(t, carts, 5*time.Second)
	rec, _ := ev.data["record"].(map[string]any)
	if ev.topic != "carts/"+cartK || rec["delivery_fee"] != 216.0 || rec["total"] != 2500.0+216+125 {
		t.Errorf("cart event after the location change: got %s %v; want delivery_fee 216, total 2841", ev.topic, rec)
	}
	noEvent(t, stranger, 300*time.Millisecond, "another customer")
}

// collectUntilQuiet gathers events until none arrives for quiet (or max passes).
func collectUntilQuiet(events <-chan sseEvent, quiet, max time.Duration) []sseEvent {
	var got []sseEvent
	deadline := time.After(max)
	for {
		select {
		case ev, ok := <-events:
			if !ok {
				return got
			}
			got = append(got, ev)
		case <-time.After(quiet):
			return got
		case <-deadline:
			return got
		}
	}
}

// TestRealtimeEndsOnTheStoredState has 20 clients edit one cart at once
// while its owner listens: the cart events never go back in time, and the
// last event of the cart and of each line is the state stored at the end.
// (PocketBase sends each message from a goroutine of its own, so without
// dropStaleEvents an older total could arrive last.)
func TestRealtimeEndsOnTheStoredState(t *testing.T) {
	app := newApp(t)
	defer app.Cleanup()
	app.Settings().RateLimits.Enabled = false
	srv := serve(t, app)
	events := listen(t, srv, alice, "carts/"+cartK, "cart_items/*")

	var wg sync.WaitGroup
	for g := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := range 3 {
				status, out := call(t, srv, alice, http.MethodPost, "/api/collections/cart_items/records",
					fmt.Sprintf(`{"cart":"%s","menu_item":"%s","quantity":%d,"options":{"size":["m"]}}`, cartK, itemA1, 1+g%5))
				if status != 200 {
					t.Errorf("add: %d %v", status, out)
					continue
				}
				id, _ := out["id"].(string)
				if status, out := call(t, srv, alice, http.MethodPatch, "/api/collections/cart_items/records/"+id,
					fmt.Sprintf(`{"quantity":%d}`, 1+(g+round)%9)); status != 200 {
					t.Errorf("update: %d %v", status, out)
				}
				if status, out := call(t, srv, alice, http.MethodPatch, "/api/collections/cart_items/records/"+lineK1,
					fmt.Sprintf(`{"quantity":%d}`, 1+(g*3+round)%20)); status != 200 {
					t.Errorf("update K1: %d %v", status, out)
				}
				if (g+round)%2 == 0 {
					if status, out := call(t, srv, alice, http.MethodDelete, "/api/collections/cart_items/records/"+id, ""); status != 204 {
						t.Errorf("delete: %d %v", status, out)
					}
				}
			}
		}()
	}
	wg.Wait()
	got := collectUntilQuiet(events, time.Second, 30*time.Second)

	var lastCart map[string]any
	lastItem := map[string]sseEvent{}
	for _, ev := range got {
		rec, _ := ev.data["record"].(map[string]any)
		switch ev.topic {
		case "carts/" + cartK:
			if lastCart != nil && rec["updated"].(string) <= lastCart["updated"].(string) {
				t.Errorf("cart event went back in time: %v after %v", rec["updated"], lastCart["updated"])
			}
			lastCart = rec
		case "cart_items/*":
			id := rec["id"].(string)
			if prev, ok := lastItem[id]; ok {
				prevRec := prev.data["record"].(map[string]any)
				if prev.data["action"] == "delete" || rec["updated"].(string) < prevRec["updated"].(string) {
					t.Errorf("line %s: %v event %v after %v %v", id, ev.data["action"], rec["updated"], prev.data["action"], prevRec["updated"])
				}
			}
			lastItem[id] = ev
		}
	}
	stored, err := app.FindRecordById("carts", cartK)
	if err != nil {
		t.Fatal(err)
	}
	if lastCart == nil {
		t.Fatal("no cart event")
	}
	for _, f := range []string{"updated", "subtotal", "item_count", "total"} {
		if want := stored.Get(f); fmt.Sprint(lastCart[f]) != fmt.Sprint(want) {
			t.Errorf("last cart event: %s = %v; stored %v", f, lastCart[f], want)
		}
	}
	lines, err := app.FindAllRecords("cart_items", dbxCart(cartK))
	if err != nil {
		t.Fatal(err)
	}
	alive := map[string]int{}
	for _, l := range lines {
		alive[l.Id] = l.GetInt("quantity")
	}
	for id, ev := range lastItem {
		q, ok := alive[id]
		rec := ev.data["record"].(map[string]any)
		switch {
		case !ok && ev.data["action"] != "delete":
			t.Errorf("line %s was deleted; its last event is %v", id, ev.data["action"])
		case ok && fmt.Sprint(rec["quantity"]) != fmt.Sprint(q):
			t.Errorf("line %s: last event quantity %v; stored %d", id, rec["quantity"], q)
		}
	}
	if len(lastItem) < 61 {
		t.Errorf("events for %d lines; want the 60 added and K1", len(lastItem))
	}
}

// TestCheckoutTellsLineSubscribers checks that a checkout, which deletes
// the cart, sends a delete event for each of its lines, as deleting the
// cart through the API does.
func TestCheckoutTellsLineSubscribers(t *testing.T) {
	app := checkoutApp(t)
	defer app.Cleanup()
	srv := serve(t, app)
	if status, out := call(t, srv, alice, http.MethodPost, "/api/collections/cart_items/records",
		`{"cart":"`+cartK+`","menu_item":"`+itemA1+`","quantity":1,"options":{"size":["m"]}}`); status != 200 {
		t.Fatalf("add: %d %v", status, out)
	}
	events := listen(t, srv, alice, "carts/"+cartK, "cart_items/*")
	if status, out := call(t, srv, alice, http.MethodPost, checkoutK, `{}`); status != 200 {
		t.Fatalf("checkout: %d %v", status, out)
	}
	deleted := map[string]int{}
	for _, ev := range collectUntilQuiet(events, 500*time.Millisecond, 10*time.Second) {
		if ev.data["action"] != "delete" {
			t.Errorf("%s: %v event; want only deletes", ev.topic, ev.data["action"])
			continue
		}
		deleted[ev.topic]++
	}
	if deleted["carts/"+cartK] != 1 || deleted["cart_items/*"] != 2 {
		t.Errorf("delete events: %v; want the cart and its 2 lines", deleted)
	}
	if n, err := app.CountRecords("cart_items", dbxCart(cartK)); err != nil || n != 0 {
		t.Errorf("%d lines left after checkout (%v)", n, err)
	}
}
