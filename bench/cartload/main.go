// Command cartload measures Dishpatch's cart writes under load against
// stock PocketBase writes of the same shape, in the same process and run.
//
// It signs up N customers on a running dishpatch (loopback only), gives each
// their own carts at 20 demo-like restaurants, 5 lines each, and creates a
// plain collection `stock_cart_items` with cart_items' fields and rules but
// none of Dishpatch's hooks. Then, per round, interleaved, every client
// loops on its own carts in each workload:
//   - add item: POST a line, to its 20 carts in turn (the lines added are
//     removed, unmeasured, after the workload, so carts grow from 5 lines to
//     about 5 + adds/20 within a round and start again at 5);
//   - change quantity: PATCH the quantity of one of its lines;
//   - stock PATCH: PATCH the quantity of its own stock_cart_items record;
//   - cycle: add a line, change its quantity, remove it (each timed).
//
// Results are printed as a Markdown table.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/dishpatch/dishpatch/bench/stock"
)

var (
	baseURL  = flag.String("url", "http://127.0.0.1:8090", "dishpatch base URL (loopback)")
	email    = flag.String("admin", "bench@dishpatch.local", "superuser e-mail")
	password = flag.String("password", "bench-password-1", "superuser password")
	conns    = flag.Int("c", 16, "concurrent clients")
	duration = flag.Duration("d", 10*time.Second, "measuring time per workload")
	warmup   = flag.Duration("warmup", 3*time.Second, "warm-up time per workload")
	rounds   = flag.Int("rounds", 3, "rounds; the median round is reported")
	only     = flag.String("only", "", "run only this workload: add, change, stock or cycle (for profiling)")
	trim     = flag.String("trim", "", "remove the lines added since -export from the customers in this file, keeping each cart's first 5 lines, and exit")
	export   = flag.String("export", "", "prepare the data, write one line per customer to this file for bench/cart.lua (token, stock record, cart line, cart:menu item per restaurant, options; tab-separated) and exit")
)

func main() {
	flag.Parse()
	log.SetFlags(0)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 256}, Timeout: 30 * time.Second}
	admin := login(client, "/api/collections/_superusers/auth-with-password", *email, *password)
	if *trim != "" {
		trimCarts(client, *trim)
		return
	}
	setup := prepare(client, admin, *conns)
	log.Printf("prepared %d customers", len(setup))
	if *export != "" {
		var b strings.Builder
		for _, c := range setup {
			carts := make([]string, len(c.carts))
			for i, at := range c.carts {
				carts[i] = at.id + ":" + at.item
			}
			fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\n", c.token, c.stock, c.line, strings.Join(carts, ","), c.options)
		}
		if err := os.WriteFile(*export, []byte(b.String()), 0o600); err != nil {
			log.Fatal(err)
		}
		return
	}

	results := map[string][][]float64{}
	var order []string
	record := func(name string, lat []float64) {
		if _, ok := results[name]; !ok {
			order = append(order, name)
		}
		results[name] = append(results[name], lat)
	}
	for r := 0; r < *rounds; r++ {
		// Interleave ours and stock in every round.
		if want("add") {
			record("add item (POST cart_items)", run(client, setup, *warmup, *duration, addItem)["add"])
			removeAdded(client, setup)
		}
		if want("change") {
			record("change quantity (PATCH cart_items)", run(client, setup, *warmup, *duration, changeQuantity)["change"])
		}
		if want("stock") {
			record("stock PocketBase PATCH (same shape, no hooks)", run(client, setup, *warmup, *duration, stockPatch)["stock"])
		}
		if want("cycle") {
			ours := run(client, setup, *warmup, *duration, cycle)
			for _, name := range []string{"cycle: add", "cycle: change quantity", "cycle: remove"} {
				record(name+" (one of three requests per loop)", ours[name])
			}
		}
	}
	fmt.Printf("| workload (%d clients, %s × %d rounds, median round) | req/s | p50 ms | p99 ms |\n|---|---|---|---|\n",
		*conns, *duration, *rounds)
	for _, name := range order {
		rs := results[name]
		type sum struct{ rps, p50, p99 float64 }
		var sums []sum
		for _, lat := range rs {
			slices.Sort(lat)
			sums = append(sums, sum{float64(len(lat)) / duration.Seconds(), pct(lat, 50), pct(lat, 99)})
		}
		slices.SortFunc(sums, func(a, b sum) int { return int(a.rps - b.rps) })
		m := sums[len(sums)/2]
		fmt.Printf("| %s | %.0f | %.2f | %.2f |\n", name, m.rps, m.p50, m.p99)
	}
}

// want reports whether workload name runs (see -only).
func want(name string) bool { return *only == "" || *only == name }

type customer struct {
	token   string
	carts   []cartAt // one per restaurant
	next    int      // the cart that gets the next added line
	line    string   // a line of carts[0], for change quantity
	options string
	stock   string   // the customer's stock_cart_items record
	added   []string // lines added by addItem, removed by removeAdded
}

// cartAt is a customer's cart at one restaurant and a menu item to add to it.
type cartAt struct{ id, item string }

func addItem(client *http.Client, c *customer, rec func(string, time.Duration, int)) {
	at := c.carts[c.next%len(c.carts)]
	c.next++
	t := time.Now()
	status, out := do(client, c.token, "POST", "/api/collections/cart_items/records",
		fmt.Sprintf(`{"cart":%q,"menu_item":%q,"quantity":1,"options":%s}`, at.id, at.item, c.options))
	rec("add", time.Since(t), status)
	if id, _ := out["id"].(string); id != "" {
		c.added = append(c.added, id)
	}
}

// trimCarts deletes, for each customer of an -export file, every line of
// their carts past the first 5 (by creation): the lines that bench/cart.lua's
// add mode added.
func trimCarts(client *http.Client, file string) {
	raw, err := os.ReadFile(file)
	if err != nil {
		log.Fatal(err)
	}
	var wg sync.WaitGroup
	for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		token := strings.SplitN(line, "\t", 2)[0]
		wg.Add(1)
		go func() {
			defer wg.Done()
			kept := map[string]int{}
			var extra []string
			for page := 1; ; page++ {
				_, out := mustDo(client, token, "GET", fmt.Sprintf(
					"/api/collections/cart_items/records?sort=created,id&perPage=1000&skipTotal=1&fields=id,cart&page=%d", page), ``)
				items, _ := out["items"].([]any)
				for _, it := range items {
					m := it.(map[string]any)
					if cart := m["cart"].(string); kept[cart] < 5 {
						kept[cart]++
					} else {
						extra = append(extra, m["id"].(string))
					}
				}
				if len(items) < 1000 {
					break
				}
			}
			for _, id := range extra {
				mustDo(client, token, "DELETE", "/api/collections/cart_items/records/"+id, ``)
			}
		}()
	}
	wg.Wait()
}

// removeAdded deletes, unmeasured, the lines that addItem added.
func removeAdded(client *http.Client, customers []*customer) {
	var wg sync.WaitGroup
	for _, c := range customers {
		wg.Add(1)
		go func(c *customer) {
			defer wg.Done()
			for _, id := range c.added {
				mustDo(client, c.token, "DELETE", "/api/collections/cart_items/records/"+id, ``)
			}
			c.added = nil
		}(c)
	}
	wg.Wait()
}

func changeQuantity(client *http.Client, c *customer, rec func(string, time.Duration, int)) {
	t := time.Now()
	status, _ := do(client, c.token, "PATCH", "/api/collections/cart_items/records/"+c.line,
		fmt.Sprintf(`{"quantity":%d}`, 1+time.Now().Nanosecond()%9))
	rec("change", time.Since(t), status)
}

// cycle adds a line, changes its quantity and removes it, so that every
// cart keeps its 5 lines (+1) and requests stay comparable over time.
func cycle(client *http.Client, c *customer, rec func(string, time.Duration, int)) {
	at := c.carts[0]
	t := time.Now()
	status, out := do(client, c.token, "POST", "/api/collections/cart_items/records",
		fmt.Sprintf(`{"cart":%q,"menu_item":%q,"quantity":1,"options":%s}`, at.id, at.item, c.options))
	rec("cycle: add", time.Since(t), status)
	id, _ := out["id"].(string)
	if id == "" {
		return
	}
	t = time.Now()
	status, _ = do(client, c.token, "PATCH", "/api/collections/cart_items/records/"+id, `{"quantity":3}`)
	rec("cycle: change quantity", time.Since(t), status)
	t = time.Now()
	status, _ = do(client, c.token, "DELETE", "/api/collections/cart_items/records/"+id, ``)
	rec("cycle: remove", time.Since(t), status)
}

func stockPatch(client *http.Client, c *customer, rec func(string, time.Duration, int)) {
	t := time.Now()
	status, _ := do(client, c.token, "PATCH", "/api/collections/stock_cart_items/records/"+c.stock,
		fmt.Sprintf(`{"quantity":%d}`, 1+time.Now().Nanosecond()%9))
	rec("stock", time.Since(t), status)
}

// run drives every customer concurrently for warm-up + measuring time and
// returns the latencies (ms) per operation name recorded while measuring.
func run(client *http.Client, customers []*customer, warm, measure time.Duration,
	op func(*http.Client, *customer, func(string, time.Duration, int))) map[string][]float64 {
	var mu sync.Mutex
	lat := map[string][]float64{}
	start := time.Now()
	measureFrom, stop := start.Add(warm), start.Add(warm+measure)
	var wg sync.WaitGroup
	for _, c := range customers {
		wg.Add(1)
		go func(c *customer) {
			defer wg.Done()
			for time.Now().Before(stop) {
				op(client, c, func(name string, d time.Duration, status int) {
					if status >= 500 || status == 0 {
						log.Fatalf("%s: status %d", name, status)
					}
					now := time.Now()
					if now.After(measureFrom) && now.Before(stop) {
						mu.Lock()
						lat[name] = append(lat[name], float64(d.Microseconds())/1000)
						mu.Unlock()
					}
				})
			}
		}(c)
	}
	wg.Wait()
	return lat
}

func pct(sorted []float64, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	i := int(float64(len(sorted)-1) * p / 100)
	return sorted[i]
}

// restaurantsPerCustomer is how many restaurants, and so carts, each
// customer has: add item spreads its lines over them.
const restaurantsPerCustomer = 20

// prepare creates the restaurants, menus, customers, carts and the stock
// collection. It is idempotent enough for one fresh data dir per run.
func prepare(client *http.Client, admin string, n int) []*customer {
	groups := `[{"id":"size","name":"Size","min":1,"max":1,"options":[{"id":"m","name":"Medium","price":0},{"id":"l","name":"Large","price":300}]},` +
		`{"id":"extra","name":"Extras","min":0,"max":2,"options":[{"id":"cheese","name":"Cheese","price":150},{"id":"olives","name":"Olives","price":100}]}]`
	type menu struct {
		restaurant string
		items      []string
	}
	var menus []menu
	for k := 0; k < restaurantsPerCustomer; k++ {
		_, r := mustDo(client, admin, "POST", "/api/collections/restaurants/records", fmt.Sprintf(`{"name":"Bench Pizza %d","is_active":true,
		"location":{"lon":13.405,"lat":52.52},"delivery_radius_km":5,"delivery_fee_base":199,"delivery_fee_per_km":50,
		"min_order":1500,"small_order_fee":200,"service_fee_bps":500,"service_fee_max":300,"tax_rate_bps":700,
		"prices_include_tax":true,"currency":"EUR","prep_minutes":15}`, k))
		m := menu{restaurant: r["id"].(string)}
		for i := 0; i < 5; i++ {
			_, it := mustDo(client, admin, "POST", "/api/collections/menu_items/records",
				fmt.Sprintf(`{"restaurant":%q,"name":"Pizza %d","price":%d,"is_available":true,"option_groups":%s}`, m.restaurant, i, 800+100*i, groups))
			m.items = append(m.items, it["id"].(string))
		}
		menus = append(menus, m)
	}
	mustDo(client, admin, "POST", "/api/collections", stock.CartItems)
	options := `{"size":["l"],"extra":["cheese"]}`
	var customers []*customer
	for i := 0; i < n; i++ {
		mail := fmt.Sprintf("bench%d-%d@dishpatch.local", i, time.Now().UnixNano())
		mustDo(client, "", "POST", "/api/collections/users/records",
			fmt.Sprintf(`{"email":%q,"password":"password123","passwordConfirm":"password123"}`, mail))
		token := login(client, "/api/collections/users/auth-with-password", mail, "password123")
		cust := &customer{token: token, options: options}
		for _, m := range menus {
			_, c := mustDo(client, token, "POST", "/api/collections/carts/records",
				fmt.Sprintf(`{"restaurant":%q,"delivery_location":{"lon":13.41,"lat":52.52},"promo_code":""}`, m.restaurant))
			at := cartAt{id: c["id"].(string), item: m.items[i%len(m.items)]}
			for j := 0; j < 5; j++ {
				_, line := mustDo(client, token, "POST", "/api/collections/cart_items/records",
					fmt.Sprintf(`{"cart":%q,"menu_item":%q,"quantity":%d,"options":%s}`, at.id, m.items[j], 1+j, options))
				if cust.line == "" {
					cust.line = line["id"].(string)
				}
			}
			cust.carts = append(cust.carts, at)
		}
		_, s := mustDo(client, token, "POST", "/api/collections/stock_cart_items/records",
			fmt.Sprintf(`{"cart":%q,"menu_item":%q,"quantity":1,"options":%s,"name":"Pizza","unit_price":1250,"line_total":1250}`,
				cust.carts[0].id, menus[0].items[0], options))
		cust.stock = s["id"].(string)
		customers = append(customers, cust)
	}
	return customers
}

func login(client *http.Client, path, identity, pass string) string {
	_, out := mustDo(client, "", "POST", path, fmt.Sprintf(`{"identity":%q,"password":%q}`, identity, pass))
	return out["token"].(string)
}

func mustDo(client *http.Client, token, method, path, body string) (int, map[string]any) {
	status, out := do(client, token, method, path, body)
	if status >= 300 {
		log.Fatalf("%s %s: %d %v", method, path, status, out)
	}
	return status, out
}

func do(client *http.Client, token, method, path, body string) (int, map[string]any) {
	req, err := http.NewRequest(method, *baseURL+path, bytes.NewBufferString(body))
	if err != nil {
		log.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	res, err := client.Do(req)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 0, nil
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		return 0, nil
	}
	var out map[string]any
	if len(raw) > 0 && json.Unmarshal(raw, &out) != nil {
		return res.StatusCode, nil
	}
	return res.StatusCode, out
}
