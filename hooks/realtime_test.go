package hooks_test

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
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
