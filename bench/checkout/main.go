// Command checkout measures Dishpatch's checkout under load and the latency
// of order status events to a subscribed customer, on loopback.
//
// Load: -c customers (default 16) each check out their own carts of -lines
// lines (default 5) back to back, with an Idempotency-Key as a real client
// sends, for -orders orders per round. Interleaved with each round, the same
// clients create -orders records of an order-shaped plain collection
// (`stock_orders`, no Dishpatch hooks): stock PocketBase creating one record
// per request, in the same process and run. The carts are built before the
// rounds (one batch request per cart), so a round times checkouts only.
//
// Realtime: with -sse other SSE clients connected (each watching an order of
// its own, as customers do), one customer subscribed to `orders/*` watches
// its orders move placed → accepted → preparing → ready_for_pickup →
// picked_up → delivered; each status change is timed from the moment its
// request is sent to the moment its event arrives at the customer.
//
// Results are printed as Markdown tables. Any answer other than the
// expected one is counted and reported as a miss; the command exits 1 when
// there is any.
package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"math/big"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dishpatch/dishpatch/bench/stock"
)

var (
	baseURL  = flag.String("url", "http://127.0.0.1:8090", "dishpatch base URL (loopback)")
	email    = flag.String("admin", "bench@dishpatch.local", "superuser e-mail")
	password = flag.String("password", "bench-password-1", "superuser password")
	conns    = flag.Int("c", 16, "concurrent customers")
	orders   = flag.Int("orders", 1600, "measured checkouts (and stock creates) per round")
	warmup   = flag.Int("warmup", 160, "unmeasured checkouts (and stock creates) before each round")
	rounds   = flag.Int("rounds", 3, "rounds; the median round is reported")
	lines    = flag.Int("lines", 5, "lines per cart")
	sse      = flag.String("sse", "100,5000", "numbers of other SSE clients for the realtime latency; empty skips it")
	moves    = flag.Int("moves", 100, "status changes timed per SSE level (5 per order)")
	idleSSE  = flag.Int("idle-sse", 0, "other SSE clients kept connected (each watching an unrelated order) during the checkout rounds")
)

// misses counts answers that were not the expected one.
var misses atomic.Int64

func main() {
	flag.Parse()
	log.SetFlags(0)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 512}, Timeout: 60 * time.Second}
	admin := login(client, "_superusers", *email, *password)

	restaurants := *rounds * perCustomer()
	watchOrders := (*moves + 4) / 5
	levels := parseLevels(*sse)
	if len(levels) > 0 {
		restaurants = max(restaurants, watchOrders*len(levels))
	}
	log.Printf("setup: %d restaurants × 5 items, %d customers, %d carts of %d lines", restaurants, *conns,
		*rounds**conns*perCustomer(), *lines)
	w := setup(client, admin, restaurants)

	if *rounds > 0 && *orders > 0 {
		stop := connectIdle(*idleSSE)
		loadRounds(client, w)
		stop()
	}
	if len(levels) > 0 {
		realtime(client, w, levels, *moves)
	}
	if n := misses.Load(); n > 0 {
		log.Printf("%d misses (answers other than the expected one); see above", n)
		os.Exit(1)
	}
}

func parseLevels(s string) []int {
	var levels []int
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil || n < 0 {
			log.Fatalf("-sse: %q is not a number of clients", f)
		}
		levels = append(levels, n)
	}
	return levels
}

// world is what setup made.
type world struct {
	admin       string
	restaurants []restaurant
	customers   []string // tokens
	customerIDs []string
	staff       string // token of the staff of every restaurant
	courier     string // token of an online courier
	watcher     string // token of the customer whose orders are watched
	watcherID   string
}

type restaurant struct {
	id    string
	items []string
}

// setup creates the restaurants with their menus, the staff, a courier,
// the customers and the stock collection.
func setup(client *http.Client, admin string, n int) *world {
	w := &world{admin: admin}
	staffID, staff := signUp(client, "staff")
	courierID, courier := signUp(client, "courier")
	watcherID, watcher := signUp(client, "watcher")
	w.staff, w.courier, w.watcher, w.watcherID = staff, courier, watcher, watcherID
	mustDo(client, admin, "POST", "/api/collections/couriers/records",
		fmt.Sprintf(`{"user":%q,"is_online":true,"location":{"lon":13.41,"lat":52.52}}`, courierID), nil)
	w.restaurants = make([]restaurant, n)
	parallel(n, *conns, func(i int) {
		_, r := mustDo(client, admin, "POST", "/api/collections/restaurants/records", fmt.Sprintf(`{"name":"Bench Kitchen %d",
			"is_active":true,"location":{"lon":13.405,"lat":52.52},"delivery_radius_km":5,"delivery_fee_base":199,
			"delivery_fee_per_km":50,"min_order":1500,"small_order_fee":200,"service_fee_bps":500,"service_fee_max":300,
			"tax_rate_bps":700,"prices_include_tax":true,"currency":"EUR","prep_minutes":15,"staff":[%q]}`, i, staffID), nil)
		w.restaurants[i].id = r["id"].(string)
		groups := `[{"id":"size","name":"Size","min":1,"max":1,"options":[{"id":"m","name":"Medium","price":0},{"id":"l","name":"Large","price":300}]}]`
		for j := 0; j < 5; j++ {
			_, m := mustDo(client, admin, "POST", "/api/collections/menu_items/records",
				fmt.Sprintf(`{"restaurant":%q,"name":"Dish %d","price":%d,"is_available":true,"option_groups":%s}`,
					w.restaurants[i].id, j, 800+100*j, groups), nil)
			w.restaurants[i].items = append(w.restaurants[i].items, m["id"].(string))
		}
	})
	w.customers, w.customerIDs = make([]string, *conns), make([]string, *conns)
	for i := range w.customers {
		w.customerIDs[i], w.customers[i] = signUp(client, fmt.Sprintf("customer%d", i))
	}
	mustDo(client, admin, "POST", "/api/collections", stock.Orders, nil)
	return w
}

// buildCart creates a cart of token's customer at r with -lines lines in one
// batch request, and returns its id.
func buildCart(client *http.Client, token string, r restaurant) string {
	id := newID()
	reqs := []map[string]any{{"method": "POST", "url": "/api/collections/carts/records",
		"body": map[string]any{"id": id, "restaurant": r.id, "delivery_location": map[string]float64{"lon": 13.41, "lat": 52.52}}}}
	for j := 0; j < *lines; j++ {
		reqs = append(reqs, map[string]any{"method": "POST", "url": "/api/collections/cart_items/records",
			"body": map[string]any{"cart": id, "menu_item": r.items[j%len(r.items)], "quantity": 1 + j%3,
				"options": map[string][]string{"size": {[]string{"m", "l"}[j%2]}}}})
	}
	body, err := json.Marshal(map[string]any{"requests": reqs})
	if err != nil {
		log.Fatal(err)
	}
	mustDo(client, token, "POST", "/api/batch", string(body), nil)
	return id
}

// loadRounds runs the rounds. Before each, every customer gets the carts
// the round checks out (its k-th cart at restaurant r×perCustomer + k: one
// cart per customer and restaurant, as the schema allows); then the
// checkouts run, then the stock creates, each after its warm-up. Building
// per round keeps the number of open carts at what one round needs, as in a
// live shop where carts are checked out soon after they are filled.
func loadRounds(client *http.Client, w *world) {
	var ours, stock []result
	for r := 0; r < *rounds; r++ {
		carts := make([][]string, *conns)
		start := time.Now()
		parallel(*conns, *conns, func(c int) {
			for k := 0; k < perCustomer(); k++ {
				carts[c] = append(carts[c], buildCart(client, w.customers[c], w.restaurants[r*perCustomer()+k]))
			}
		})
		log.Printf("round %d: built %d carts in %s (%.0f carts/s, one batch request each)", r+1, *conns*perCustomer(),
			time.Since(start).Round(time.Millisecond), float64(*conns*perCustomer())/time.Since(start).Seconds())
		ours = append(ours, checkoutRound(client, w, carts))
		stock = append(stock, stockRound(client, w))
		log.Printf("round %d: checkout %s | stock create %s", r+1, ours[r], stock[r])
	}
	o, s := median(ours), median(stock)
	fmt.Printf("\n| workload (%d customers, %d-line carts, %d measured per round, median of %d rounds) | orders/s | p50 ms | p99 ms | max ms | misses |\n",
		*conns, *lines, *conns*measuredPer(), *rounds)
	fmt.Println("|---|---|---|---|---|---|")
	fmt.Printf("| checkout (POST /api/carts/{id}/checkout) | %.0f | %.2f | %.2f | %.2f | %d |\n", o.rps, o.p50, o.p99, o.max, o.misses)
	fmt.Printf("| stock PocketBase create (POST stock_orders, no hooks) | %.0f | %.2f | %.2f | %.2f | %d |\n", s.rps, s.p50, s.p99, s.max, s.misses)
	ratios := make([]float64, len(ours))
	for r := range ours {
		ratios[r] = ours[r].rps / stock[r].rps
	}
	slices.Sort(ratios)
	fmt.Printf("\ncheckout / stock throughput: %.2f of the medians, %.2f median of the rounds' ratios (%.2f–%.2f; target ≥ 0.5)\n",
		o.rps/s.rps, ratios[len(ratios)/2], ratios[0], ratios[len(ratios)-1])
	fmt.Printf("≥ 500 orders/s: %s; p99 ≤ 50 ms: %s\n", verdict(o.rps >= 500), verdict(o.p99 <= 50))
}

// warmPer, measuredPer and perCustomer are the checkouts per customer and
// round: unmeasured, measured and both.
func warmPer() int     { return (*warmup + *conns - 1) / *conns }
func measuredPer() int { return (*orders + *conns - 1) / *conns }
func perCustomer() int { return warmPer() + measuredPer() }

func verdict(ok bool) string {
	if ok {
		return "met"
	}
	return "MISSED"
}

type result struct {
	rps, p50, p99, max float64
	misses             int64
}

func (r result) String() string {
	return fmt.Sprintf("%.0f/s p50 %.2f ms p99 %.2f ms max %.2f ms misses %d", r.rps, r.p50, r.p99, r.max, r.misses)
}

func median(rs []result) result {
	sorted := slices.Clone(rs)
	slices.SortFunc(sorted, func(a, b result) int { return int(a.rps - b.rps) })
	return sorted[len(sorted)/2]
}

// checkoutRound checks out each customer's carts: the warm-up ones
// unmeasured, then the rest timed.
func checkoutRound(client *http.Client, w *world, carts [][]string) result {
	return timed(func(c, k int) bool {
		status, raw := send(client, w.customers[c], "POST", "/api/carts/"+carts[c][k]+"/checkout",
			`{"delivery_address":"Bench street 1"}`, map[string]string{"Idempotency-Key": "bench-" + carts[c][k]})
		return status == 200 && bytes.Contains(raw, []byte(`"status":"placed"`))
	})
}

// stockRound creates order-shaped records in the plain collection.
func stockRound(client *http.Client, w *world) result {
	var snapshot []map[string]any
	for j := 0; j < *lines; j++ {
		snapshot = append(snapshot, map[string]any{"menu_item": w.restaurants[0].items[j%5], "name": "Dish", "quantity": 1,
			"options": map[string][]string{"size": {"l"}}, "unit_price": 1100, "line_total": 1100})
	}
	items, err := json.Marshal(snapshot)
	if err != nil {
		log.Fatal(err)
	}
	return timed(func(c, k int) bool {
		body := fmt.Sprintf(`{"customer":%q,"restaurant":%q,"status":"placed","items":%s,"subtotal":5500,"delivery_fee":216,
			"service_fee":275,"tax":360,"total":5991,"currency":"EUR","delivery_location":{"lon":13.41,"lat":52.52},
			"delivery_address":"Bench street 1"}`, w.customerIDs[c], w.restaurants[k%len(w.restaurants)].id, items)
		status, raw := send(client, w.customers[c], "POST", "/api/collections/stock_orders/records", body, nil)
		return status == 200 && bytes.Contains(raw, []byte(`"status":"placed"`))
	})
}

// timed runs op(customer, k) for every customer concurrently: first warm
// unmeasured calls each, then n measured ones. Throughput is the measured
// calls over the time from the start of the measured phase until the last
// customer finishes.
func timed(op func(c, k int) bool) result {
	warm, n := warmPer(), measuredPer()
	var missed atomic.Int64
	run := func(from, to int, lat [][]float64) time.Duration {
		start := time.Now()
		parallel(*conns, *conns, func(c int) {
			for k := from; k < to; k++ {
				t := time.Now()
				ok := op(c, k)
				if lat != nil {
					lat[c] = append(lat[c], float64(time.Since(t).Microseconds())/1000)
				}
				if !ok {
					missed.Add(1)
				}
			}
		})
		return time.Since(start)
	}
	run(0, warm, nil)
	lat := make([][]float64, *conns)
	elapsed := run(warm, warm+n, lat)
	all := slices.Concat(lat...)
	slices.Sort(all)
	misses.Add(missed.Load())
	return result{rps: float64(len(all)) / elapsed.Seconds(), p50: pct(all, 50), p99: pct(all, 99), max: all[len(all)-1],
		misses: missed.Load()}
}

func pct(sorted []float64, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[int(float64(len(sorted)-1)*p/100)]
}

// realtime times status events with each number of other SSE clients: a
// Dishpatch status change (POST /api/orders/{id}/status, and the claim and
// courier moves) and, as the stock baseline, a plain PATCH of a
// stock_orders record, each from the moment its request is sent to the
// moment its event reaches the subscribed customer.
func realtime(client *http.Client, w *world, levels []int, perLevel int) {
	fmt.Printf("\n| other SSE clients | workload | events | p50 ms | p99 ms | max ms | misses |\n|---|---|---|---|---|---|---|\n")
	_, stock := mustDo(client, w.watcher, "POST", "/api/collections/stock_orders/records",
		fmt.Sprintf(`{"customer":%q,"restaurant":%q,"status":"placed","total":1000}`, w.watcherID, w.restaurants[0].id), nil)
	stockID := stock["id"].(string)
	next := 0
	for _, n := range levels {
		stopOthers := connectIdle(n)
		ctx, cancel := context.WithCancel(context.Background())
		watch, err := connectSSE(ctx, client)
		if err != nil {
			log.Fatal(err)
		}
		if err := watch.subscribe(client, w.watcher, "orders/*", "stock_orders/*"); err != nil {
			log.Fatal(err)
		}
		ours, oursMissed := statusEvents(client, w, watch, perLevel, &next)
		stockLat, stockMissed := stockEvents(client, w, watch, stockID, perLevel)
		cancel()
		for _, r := range []struct {
			name   string
			lat    []float64
			missed int64
		}{{"Dishpatch status change", ours, oursMissed}, {"stock PocketBase PATCH", stockLat, stockMissed}} {
			misses.Add(r.missed)
			slices.Sort(r.lat)
			if len(r.lat) == 0 {
				r.lat = []float64{0}
			}
			fmt.Printf("| %d | %s | %d | %.2f | %.2f | %.2f | %d |\n", n, r.name, len(r.lat), pct(r.lat, 50), pct(r.lat, 99),
				r.lat[len(r.lat)-1], r.missed)
		}
		stopOthers()
	}
}

// connectIdle connects n SSE clients, each subscribed to an order that does
// not exist, and returns a function that disconnects them: the load of a
// server with many customers connected but nothing to tell them.
func connectIdle(n int) (stop func()) {
	if n == 0 {
		return func() {}
	}
	ctx, cancel := context.WithCancel(context.Background())
	others := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: n + 1}}
	start := time.Now()
	var connected atomic.Int64
	parallel(n, 64, func(i int) {
		s, err := connectSSE(ctx, others)
		if err == nil {
			err = s.subscribe(others, "", "orders/"+newID())
		}
		if err != nil {
			log.Printf("SSE client %d: %v", i, err)
			misses.Add(1)
			return
		}
		connected.Add(1)
		go s.drain()
	})
	log.Printf("%d other SSE clients connected and subscribed in %s", connected.Load(), time.Since(start).Round(time.Millisecond))
	return func() {
		cancel()
		others.CloseIdleConnections()
		time.Sleep(500 * time.Millisecond) // let the server unregister the closed clients
	}
}

// statusEvents walks the watcher's orders through their lives and times
// each status change until its event arrives.
func statusEvents(client *http.Client, w *world, watch *sseClient, moves int, next *int) (lat []float64, missed int64) {
	for len(lat)+int(missed) < moves {
		r := w.restaurants[*next]
		*next++
		cart := buildCart(client, w.watcher, r)
		status, o := do(client, w.watcher, "POST", "/api/carts/"+cart+"/checkout", "", nil)
		if status != 200 {
			log.Printf("watcher checkout: %d %v", status, o)
			missed++
			continue
		}
		id := o["id"].(string)
		if !watch.await(id, "placed", 5*time.Second) {
			missed++
		}
		steps := []struct{ token, path, body, status string }{
			{w.staff, "status", `{"status":"accepted"}`, "accepted"},
			{w.staff, "status", `{"status":"preparing"}`, "preparing"},
			{w.staff, "status", `{"status":"ready_for_pickup"}`, "ready_for_pickup"},
			{w.courier, "claim", ``, ""},
			{w.courier, "status", `{"status":"picked_up"}`, "picked_up"},
			{w.courier, "status", `{"status":"delivered"}`, "delivered"},
		}
		for _, s := range steps {
			t := time.Now()
			code, out := do(client, s.token, "POST", "/api/orders/"+id+"/"+s.path, s.body, nil)
			if code != 200 {
				log.Printf("%s %s: %d %v", s.path, s.status, code, out)
				missed++
				continue
			}
			if s.status == "" {
				watch.await(id, "ready_for_pickup", 5*time.Second) // the claim's own event, not a status change
				continue
			}
			if !watch.await(id, s.status, 5*time.Second) {
				log.Printf("no %s event for %s within 5 s", s.status, id)
				missed++
				continue
			}
			lat = append(lat, float64(watch.lastAt.Sub(t).Microseconds())/1000)
		}
	}
	return lat, missed
}

// stockEvents times PATCHes of a plain record until their events arrive.
func stockEvents(client *http.Client, w *world, watch *sseClient, id string, n int) (lat []float64, missed int64) {
	for k := 0; k < n; k++ {
		status := []string{"accepted", "placed"}[k%2]
		t := time.Now()
		code, out := do(client, w.watcher, "PATCH", "/api/collections/stock_orders/records/"+id, `{"status":"`+status+`"}`, nil)
		if code != 200 || !watch.await(id, status, 5*time.Second) {
			log.Printf("stock PATCH %s: %d %v", status, code, out)
			missed++
			continue
		}
		lat = append(lat, float64(watch.lastAt.Sub(t).Microseconds())/1000)
	}
	return lat, missed
}

// sseClient is one realtime connection.
type sseClient struct {
	id     string
	lines  *bufio.Reader
	body   io.Closer
	lastAt time.Time
}

func connectSSE(ctx context.Context, client *http.Client) (*sseClient, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", *baseURL+"/api/realtime", nil)
	if err != nil {
		return nil, err
	}
	res, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	s := &sseClient{lines: bufio.NewReader(res.Body), body: res.Body}
	name, data, err := s.next()
	if err != nil || name != "PB_CONNECT" {
		return nil, fmt.Errorf("realtime connect: got %q %s (%v)", name, data, err)
	}
	var connect struct {
		ClientID string `json:"clientId"`
	}
	if err := json.Unmarshal(data, &connect); err != nil {
		return nil, err
	}
	s.id = connect.ClientID
	return s, nil
}

func (s *sseClient) subscribe(client *http.Client, token string, topics ...string) error {
	body, err := json.Marshal(map[string]any{"clientId": s.id, "subscriptions": topics})
	if err != nil {
		return err
	}
	if status, out := do(client, token, "POST", "/api/realtime", string(body), nil); status != 204 {
		return fmt.Errorf("subscribe: %d %v", status, out)
	}
	return nil
}

// next reads one event: its name and data.
func (s *sseClient) next() (string, []byte, error) {
	var name string
	var data []byte
	for {
		line, err := s.lines.ReadBytes('\n')
		if err != nil {
			return "", nil, err
		}
		line = bytes.TrimRight(line, "\r\n")
		switch {
		case len(line) == 0 && name != "":
			return name, data, nil
		case bytes.HasPrefix(line, []byte("event:")):
			name = string(bytes.TrimSpace(line[6:]))
		case bytes.HasPrefix(line, []byte("data:")):
			data = append(data, bytes.TrimSpace(line[5:])...)
		}
	}
}

// drain reads and drops events until the connection closes.
func (s *sseClient) drain() {
	defer s.body.Close()
	for {
		if _, _, err := s.next(); err != nil {
			return
		}
	}
}

// await reads events until one shows order id in status, and notes when it
// arrived.
func (s *sseClient) await(id, status string, timeout time.Duration) bool {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		_, data, err := s.next()
		if err != nil {
			return false
		}
		at := time.Now()
		var ev struct {
			Record struct {
				ID     string `json:"id"`
				Status string `json:"status"`
			} `json:"record"`
		}
		if json.Unmarshal(data, &ev) == nil && ev.Record.ID == id && ev.Record.Status == status {
			s.lastAt = at
			return true
		}
	}
	return false
}

// parallel runs f(0..n-1) on at most workers goroutines.
func parallel(n, workers int, f func(i int)) {
	var wg sync.WaitGroup
	var next atomic.Int64
	for range min(n, workers) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				f(i)
			}
		}()
	}
	wg.Wait()
}

// newID is a random 15-character record id.
func newID() string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, 15)
	for i := range b {
		n, err := rand.Int(rand.Reader, big.NewInt(int64(len(alphabet))))
		if err != nil {
			log.Fatal(err)
		}
		b[i] = alphabet[n.Int64()]
	}
	return string(b)
}

func signUp(client *http.Client, name string) (id, token string) {
	mail := fmt.Sprintf("%s-%s@dishpatch.local", name, newID())
	_, u := mustDo(client, "", "POST", "/api/collections/users/records",
		fmt.Sprintf(`{"email":%q,"password":"password123","passwordConfirm":"password123","name":%q}`, mail, name), nil)
	return u["id"].(string), login(client, "users", mail, "password123")
}

func login(client *http.Client, collection, identity, pass string) string {
	_, out := mustDo(client, "", "POST", "/api/collections/"+collection+"/auth-with-password",
		fmt.Sprintf(`{"identity":%q,"password":%q}`, identity, pass), nil)
	return out["token"].(string)
}

func mustDo(client *http.Client, token, method, path, body string, header map[string]string) (int, map[string]any) {
	status, out := do(client, token, method, path, body, header)
	if status < 200 || status >= 300 {
		log.Fatalf("%s %s: %d %v", method, path, status, out)
	}
	return status, out
}

// do sends a request and decodes its JSON answer.
func do(client *http.Client, token, method, path, body string, header map[string]string) (int, map[string]any) {
	status, raw := send(client, token, method, path, body, header)
	var out map[string]any
	if len(raw) > 0 && json.Unmarshal(raw, &out) != nil {
		return status, map[string]any{"raw": string(raw)}
	}
	return status, out
}

// send sends a request and returns its status and body (0 and nil when no
// answer came). The timed loops use it directly: decoding every answer would
// take CPU from the server under test.
func send(client *http.Client, token, method, path, body string, header map[string]string) (int, []byte) {
	req, err := http.NewRequest(method, *baseURL+path, strings.NewReader(body))
	if err != nil {
		log.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := client.Do(req)
	if err != nil {
		log.Printf("%s %s: %v", method, path, err)
		return 0, nil
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		return 0, nil
	}
	return res.StatusCode, raw
}
