package hooks_test

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/dishpatch/dishpatch/internal/geo"
	"github.com/dishpatch/dishpatch/internal/hours"
	"github.com/dishpatch/dishpatch/internal/search"
	"github.com/dishpatch/dishpatch/migrations"
)

// The oracle: on a generated city of 2,000 restaurants and 20,000 menu items, bulk-loaded by SQL (so the
// index is built by the start-up rebuild), every random search returns exactly what a brute-force scan of
// the collections returns, in the same order, field by field. The scan below applies the contract's rules
// as written, without the index or package delivery.

// oracleWords are the vocabulary of the generated text: case and accent variants of one another,
// operator words and characters that must not be syntax, and words that prefix one another.
var oracleWords = strings.Fields(`Pizza PIZZERIA pizzeria Crème creme Brûlée brulee Straße STRASSE strasse Käse kase Döner
doner Sushi sashimi Ramen ramen-bar Ñoño nono Æble aeble ﬁsh fish café Café CAFE curry Currywurst Pho Phở Bánh mì tofu
Tofu 7up 7-up and AND or OR NOT near NEAR x xx xxx p pi pie piece Kimchi kim chi "quoted" (paren) star* -minus
title:colon 50% off_menu`)

type oracleItem struct {
	id, name         string
	price, sortOrder int64
	available        bool
	words            []string
}

type oracleRestaurant struct {
	id, name, slug, address, cover, currency string
	cuisines                                 []string
	at                                       geo.Point
	radiusKm, rating                         float64
	ratingCount, minOrder, prep              int64
	feeBase, feePerKm                        int64
	active                                   bool
	week                                     hours.Week
	weekOK                                   bool
	nameWords, ownWords                      []string
	items                                    []oracleItem
}

var oracleHours = []string{
	"", `{}`, `{"tz":"Europe/Berlin"}`,
	`{"tz":"Europe/Berlin","mon":[["00:00","24:00"]],"tue":[["00:00","24:00"]],"wed":[["00:00","24:00"]],"thu":[["00:00","24:00"]],"fri":[["00:00","24:00"]],"sat":[["00:00","24:00"]],"sun":[["00:00","24:00"]]}`,
	`{"tz":"Europe/Berlin","mon":[["11:00","22:00"]],"tue":[["11:00","22:00"]],"wed":[["18:00","02:00"]],"sat":[["12:00","23:30"]],"sun":[["17:00","03:00"]]}`,
	`{"tz":"Asia/Tokyo","mon":[["09:00","21:00"]],"thu":[["09:00","21:00"]],"fri":[["22:00","06:00"]]}`,
	`{"tz":"America/New_York","tue":[["00:00","12:00"]],"sun":[["12:00","24:00"]]}`,
	`{"tz":"Nowhere/Zone","mon":[["10:00","11:00"]]}`, // unreadable, so closed
}

// oracleCentre is where the generated city clusters; the fixture's restaurants are there too.
var oracleCentre = geo.Point{Lat: 52.52, Lon: 13.405}

func oracleNear(r *rand.Rand, sigmaM float64) geo.Point {
	lat := oracleCentre.Lat + r.NormFloat64()*sigmaM/111195
	return geo.Point{Lat: lat, Lon: oracleCentre.Lon + r.NormFloat64()*sigmaM/(111195*math.Cos(lat*math.Pi/180))}
}

func oraclePhrase(r *rand.Rand, n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = oracleWords[r.IntN(len(oracleWords))]
	}
	return strings.Join(ws, " ")
}

// loadOracleCity writes the generated restaurants and items with multi-row INSERTs, bypassing every hook.
func loadOracleCity(t testing.TB, app core.App, r *rand.Rand, restaurants, items int) {
	t.Helper()
	now := "2025-01-01 00:00:00.000Z"
	var spots []geo.Point
	insert := func(table string, columns []string, rows [][]any) {
		for start := 0; start < len(rows); start += 100 {
			var sql strings.Builder
			fmt.Fprintf(&sql, "INSERT INTO %s (%s) VALUES ", table, strings.Join(columns, ","))
			params := dbx.Params{}
			for i, row := range rows[start:min(start+100, len(rows))] {
				if i > 0 {
					sql.WriteByte(',')
				}
				sql.WriteByte('(')
				for j, v := range row {
					if j > 0 {
						sql.WriteByte(',')
					}
					name := fmt.Sprintf("p%d_%d", i, j)
					sql.WriteString("{:" + name + "}")
					params[name] = v
				}
				sql.WriteByte(')')
			}
			if _, err := app.DB().NewQuery(sql.String()).Bind(params).Execute(); err != nil {
				t.Fatal(err)
			}
		}
	}
	radii := []float64{0.5, 1, 2, 2.345, 3, 5, 7.5, 10, 50}
	ratings := []float64{0, 1.5, 3, 4, 4.25, 4.5, 5}
	var rrows, irows [][]any
	for i := range restaurants {
		id := fmt.Sprintf("oracle%09d", i)
		at := oracleNear(r, 3000)
		switch {
		case len(spots) > 0 && r.IntN(20) == 0: // same spot as another restaurant: distance ties
			at = spots[r.IntN(len(spots))]
		case r.IntN(50) == 0:
			at = oracleNear(r, 40000)
		}
		spots = append(spots, at)
		var cuisines []string
		for range r.IntN(4) {
			if c := migrations.Cuisines[r.IntN(12)]; !slices.Contains(cuisines, c) {
				cuisines = append(cuisines, c)
			}
		}
		cj, err := json.Marshal(append([]string{}, cuisines...))
		if err != nil {
			t.Fatal(err)
		}
		var oh any
		if h := oracleHours[r.IntN(len(oracleHours))]; h != "" {
			oh = h
		}
		rrows = append(rrows, []any{id, oraclePhrase(r, 1+r.IntN(3)), fmt.Sprintf("oracle-%d", i), oraclePhrase(r, r.IntN(8)),
			string(cj), fmt.Sprintf(`{"lon":%.7f,"lat":%.7f}`, at.Lon, at.Lat), fmt.Sprintf("Street %d", i),
			radii[r.IntN(len(radii))], r.IntN(500), r.IntN(200), r.IntN(3000), r.IntN(41), oh, r.IntN(10) != 0,
			ratings[r.IntN(len(ratings))], r.IntN(100), "EUR", now, now})
	}
	for i := range items {
		owner := fmt.Sprintf("oracle%09d", r.IntN(restaurants))
		irows = append(irows, []any{fmt.Sprintf("oitem%010d", i), owner, oraclePhrase(r, 1+r.IntN(3)), oraclePhrase(r, r.IntN(6)),
			r.IntN(3000), r.IntN(4), r.IntN(5) != 0, now, now})
	}
	insert("restaurants", []string{"id", "name", "slug", "description", "cuisines", "location", "address", "delivery_radius_km",
		"delivery_fee_base", "delivery_fee_per_km", "min_order", "prep_minutes", "opening_hours", "is_active", "rating_avg",
		"rating_count", "currency", "created", "updated"}, rrows)
	insert("menu_items", []string{"id", "restaurant", "name", "description", "price", "sort_order", "is_available",
		"created", "updated"}, irows)
}

// readOracleCity reads every restaurant and menu item straight from the collections.
func readOracleCity(t testing.TB, app core.App) []*oracleRestaurant {
	t.Helper()
	var rows []struct {
		ID           string  `db:"id"`
		Name         string  `db:"name"`
		Slug         string  `db:"slug"`
		Description  string  `db:"description"`
		Cuisines     string  `db:"cuisines"`
		Address      string  `db:"address"`
		Cover        string  `db:"cover"`
		Currency     string  `db:"currency"`
		Location     string  `db:"location"`
		Radius       float64 `db:"delivery_radius_km"`
		Rating       float64 `db:"rating_avg"`
		RatingCount  int64   `db:"rating_count"`
		MinOrder     int64   `db:"min_order"`
		Prep         int64   `db:"prep_minutes"`
		FeeBase      int64   `db:"delivery_fee_base"`
		FeePerKm     int64   `db:"delivery_fee_per_km"`
		Active       bool    `db:"is_active"`
		OpeningHours string  `db:"opening_hours"`
	}
	err := app.DB().NewQuery(`SELECT id, name, slug, description, cuisines, address, cover, currency, location,
		delivery_radius_km, rating_avg, rating_count, min_order, prep_minutes, delivery_fee_base, delivery_fee_per_km,
		is_active, coalesce(opening_hours, '') AS opening_hours FROM restaurants`).All(&rows)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*oracleRestaurant{}
	var out []*oracleRestaurant
	for _, row := range rows {
		o := &oracleRestaurant{id: row.ID, name: row.Name, slug: row.Slug, address: row.Address, cover: row.Cover,
			currency: row.Currency, radiusKm: row.Radius, rating: row.Rating, ratingCount: row.RatingCount,
			minOrder: row.MinOrder, prep: row.Prep, feeBase: row.FeeBase, feePerKm: row.FeePerKm, active: row.Active}
		if err := json.Unmarshal([]byte(row.Cuisines), &o.cuisines); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal([]byte(row.Location), &o.at); err != nil {
			t.Fatal(err)
		}
		var err error
		o.week, err = hours.Parse([]byte(row.OpeningHours))
		o.weekOK = err == nil
		o.nameWords = search.Words(row.Name)
		o.ownWords = search.Words(append([]string{row.Name, row.Description}, o.cuisines...)...)
		byID[o.id] = o
		out = append(out, o)
	}
	var items []struct {
		ID          string `db:"id"`
		Restaurant  string `db:"restaurant"`
		Name        string `db:"name"`
		Description string `db:"description"`
		Price       int64  `db:"price"`
		SortOrder   int64  `db:"sort_order"`
		Available   bool   `db:"is_available"`
	}
	if err := app.DB().NewQuery("SELECT id, restaurant, name, description, price, sort_order, is_available FROM menu_items").All(&items); err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if o := byID[it.Restaurant]; o != nil {
			o.items = append(o.items, oracleItem{id: it.ID, name: it.Name, price: it.Price, sortOrder: it.SortOrder,
				available: it.Available, words: search.Words(it.Name, it.Description)})
		}
	}
	return out
}

// oracleQuery is one random search.
type oracleQuery struct {
	at       geo.Point
	q        string
	cuisine  string
	radiusKm float64
	openNow  bool
	sort     string
	page     int
	perPage  int
}

func (q oracleQuery) values() url.Values {
	v := url.Values{"lat": {strconv.FormatFloat(q.at.Lat, 'f', -1, 64)}, "lon": {strconv.FormatFloat(q.at.Lon, 'f', -1, 64)}}
	set := func(k, val string, ok bool) {
		if ok {
			v.Set(k, val)
		}
	}
	set("q", q.q, q.q != "")
	set("cuisine", q.cuisine, q.cuisine != "")
	set("radius_km", strconv.FormatFloat(q.radiusKm, 'f', -1, 64), q.radiusKm > 0)
	set("open_now", "true", q.openNow)
	set("sort", q.sort, q.sort != "")
	set("page", strconv.Itoa(q.page), q.page != 1)
	set("perPage", strconv.Itoa(q.perPage), q.perPage != 20)
	return v
}

func randomOracleQuery(r *rand.Rand, city []*oracleRestaurant) oracleQuery {
	q := oracleQuery{at: oracleNear(r, 4000), page: 1, perPage: 20}
	if r.IntN(8) == 0 { // right at a restaurant: distance 0, and ties among restaurants sharing the spot
		q.at = city[r.IntN(len(city))].at
	}
	if r.IntN(5) < 3 {
		var parts []string
		for range 1 + r.IntN(3) {
			w := oracleWords[r.IntN(len(oracleWords))]
			switch r.IntN(4) {
			case 0: // a prefix of one to three letters, as typed
				if runes := []rune(w); len(runes) > 1 {
					w = string(runes[:1+r.IntN(min(3, len(runes)-1))])
				}
			case 1:
				w = strings.ToUpper(w)
			}
			parts = append(parts, w)
		}
		q.q = strings.Join(parts, []string{" ", "  ", `" "`, " AND ", "-"}[r.IntN(5)])
	}
	if r.IntN(5) == 0 {
		q.cuisine = migrations.Cuisines[r.IntN(12)]
	}
	if r.IntN(5) == 0 {
		q.radiusKm = float64(1+r.IntN(10000)) / 1000
	}
	q.openNow = r.IntN(4) == 0
	if r.IntN(2) == 0 {
		q.sort = []string{"relevance", "distance", "rating", "eta", "delivery_fee"}[r.IntN(5)]
	}
	q.perPage = []int{1, 3, 20, 20, 100}[r.IntN(5)]
	if r.IntN(3) == 0 {
		q.page = 1 + r.IntN(4)
	}
	return q
}

// withinMM is the contract's "distance_m ≤ radius_km × 1000", decided in whole millimetres so that a
// radius written with three decimals is exact.
func withinMM(distanceM int64, radiusKm float64) bool {
	return distanceM*1000 <= int64(math.Round(radiusKm*1e6))
}

type oracleHit struct {
	r         *oracleRestaurant
	d         int64
	tier      int
	eta, fee  int64
	open      bool
	unmatched []string // tokens the restaurant's own text does not match
}

// oracleSearch is the brute-force scan.
func oracleSearch(city []*oracleRestaurant, q oracleQuery, now time.Time) searchResult {
	tokens := search.Tokens(q.q)
	sortBy := q.sort
	if sortBy == "" {
		sortBy = "distance"
		if len(tokens) > 0 {
			sortBy = "relevance"
		}
	}
	var hits []oracleHit
	for _, r := range city {
		if !r.active {
			continue
		}
		d := geo.DistanceM(r.at, q.at)
		if !withinMM(d, r.radiusKm) || q.radiusKm > 0 && !withinMM(d, q.radiusKm) {
			continue
		}
		if q.cuisine != "" && !slices.Contains(r.cuisines, q.cuisine) {
			continue
		}
		h := oracleHit{r: r, d: d, open: r.weekOK && r.week.IsOpen(now)}
		matches := true
		for _, tok := range tokens {
			level := 3
			switch {
			case search.HasPrefixWord(r.nameWords, tok):
				level = 0
			case search.HasPrefixWord(r.ownWords, tok):
				level = 1
			default:
				for _, it := range r.items {
					if it.available && search.HasPrefixWord(it.words, tok) {
						level = 2
						break
					}
				}
			}
			if level == 3 {
				matches = false
				break
			}
			if level == 2 {
				h.unmatched = append(h.unmatched, tok)
			}
			h.tier = max(h.tier, level)
		}
		if !matches || q.openNow && !h.open {
			continue
		}
		h.fee = max(r.feeBase, 0) + (max(r.feePerKm, 0)*d+500)/1000
		h.eta = r.prep + (3*d+999)/1000
		hits = append(hits, h)
	}
	slices.SortFunc(hits, func(a, b oracleHit) int {
		var c int
		switch sortBy {
		case "relevance":
			c = cmp.Compare(a.tier, b.tier)
		case "rating":
			c = cmp.Compare(b.r.rating, a.r.rating)
		case "eta":
			c = cmp.Compare(a.eta, b.eta)
		case "delivery_fee":
			c = cmp.Compare(a.fee, b.fee)
		}
		return cmp.Or(c, cmp.Compare(a.d, b.d), strings.Compare(a.r.id, b.r.id))
	})
	res := searchResult{Page: q.page, PerPage: q.perPage, TotalItems: len(hits), Items: []searchHit{}}
	res.TotalPages = (len(hits) + q.perPage - 1) / q.perPage
	for _, h := range hits[min((q.page-1)*q.perPage, len(hits)):min(q.page*q.perPage, len(hits))] {
		r := h.r
		res.Items = append(res.Items, searchHit{
			ID: r.id, Name: r.name, Slug: r.slug, Cuisines: r.cuisines, Address: r.address,
			RatingAvg: r.rating, RatingCount: r.ratingCount, Cover: r.cover, Currency: r.currency, MinOrder: r.minOrder,
			DistanceKm: float64((h.d+5)/10) / 100, EtaMinutes: h.eta, DeliveryFee: h.fee, IsOpen: h.open,
			MatchedItems: oracleMatched(r, h.unmatched),
		})
		res.Items[len(res.Items)-1].Location.Lon, res.Items[len(res.Items)-1].Location.Lat = r.at.Lon, r.at.Lat
	}
	return res
}

// oracleMatched: the available items whose text matches a token the restaurant's own text does not, most
// such tokens first, then sort_order, name and id; three at most.
func oracleMatched(r *oracleRestaurant, unmatched []string) []searchMatched {
	type counted struct {
		it    oracleItem
		count int
	}
	var list []counted
	for _, it := range r.items {
		n := 0
		for _, tok := range unmatched {
			if search.HasPrefixWord(it.words, tok) {
				n++
			}
		}
		if it.available && n > 0 {
			list = append(list, counted{it, n})
		}
	}
	slices.SortFunc(list, func(a, b counted) int {
		return cmp.Or(cmp.Compare(b.count, a.count), cmp.Compare(a.it.sortOrder, b.it.sortOrder),
			strings.Compare(a.it.name, b.it.name), strings.Compare(a.it.id, b.it.id))
	})
	out := []searchMatched{}
	for _, c := range list[:min(3, len(list))] {
		out = append(out, searchMatched{ID: c.it.id, Name: c.it.name, Price: c.it.price})
	}
	return out
}

func TestSearchOracle(t *testing.T) {
	app := newApp(t)
	defer app.Cleanup()
	r := rand.New(rand.NewPCG(2024, 11))
	loadOracleCity(t, app, r, 2000, 20000)
	h := searchMux(t, app) // start-up finds the index stale and rebuilds it
	city := readOracleCity(t, app)
	if len(city) < 2000 {
		t.Fatalf("got %d restaurants; want the generated 2000 and the fixture's", len(city))
	}

	const queries = 600
	nonEmpty, withItems := 0, 0
	for i := 0; i < queries; i++ {
		q := randomOracleQuery(r, city)
		before := time.Now()
		got := searchOK(t, h, q.values().Encode())
		want := oracleSearch(city, q, before)
		if !reflect.DeepEqual(want, oracleSearch(city, q, time.Now())) {
			i-- // an opening hour turned while the search ran: ask again
			continue
		}
		if len(got.Items) > 0 {
			nonEmpty++
		}
		for _, hit := range got.Items {
			if len(hit.MatchedItems) > 0 {
				withItems++
				break
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("search %s:\n got %+v\nwant %+v", q.values().Encode(), got, want)
		}
	}
	t.Logf("%d searches: %d with hits, %d with matched items", queries, nonEmpty, withItems)
	// The generator must exercise what it claims to.
	if nonEmpty < queries/3 || withItems < queries/20 {
		t.Errorf("got %d non-empty results and %d with matched items in %d searches; want more", nonEmpty, withItems, queries)
	}
}
