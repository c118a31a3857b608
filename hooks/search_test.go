package hooks_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/dishpatch/dishpatch/hooks"
)

// searchResult and searchHit decode GET /api/delivery/search as a client would.
type searchResult struct {
	Page       int         `json:"page"`
	PerPage    int         `json:"perPage"`
	TotalItems int         `json:"totalItems"`
	TotalPages int         `json:"totalPages"`
	Items      []searchHit `json:"items"`
}

type searchHit struct {
	ID           string          `json:"id"`
	Name         string          `json:"name"`
	Slug         string          `json:"slug"`
	Cuisines     []string        `json:"cuisines"`
	Address      string          `json:"address"`
	Location     types.GeoPoint  `json:"location"`
	RatingAvg    float64         `json:"rating_avg"`
	RatingCount  int64           `json:"rating_count"`
	Cover        string          `json:"cover"`
	Currency     string          `json:"currency"`
	MinOrder     int64           `json:"min_order"`
	DistanceKm   float64         `json:"distance_km"`
	EtaMinutes   int64           `json:"eta_minutes"`
	DeliveryFee  int64           `json:"delivery_fee"`
	IsOpen       bool            `json:"is_open"`
	MatchedItems []searchMatched `json:"matched_items"`
}

type searchMatched struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Price int64  `json:"price"`
}

func (r searchResult) ids() []string {
	var ids []string
	for _, h := range r.Items {
		ids = append(ids, h.ID)
	}
	return ids
}

// fixtureSpot is where the fixture's restaurants are; oneKmNorth is 1000 m north of it.
const (
	fixtureSpot = "lat=52.52&lon=13.405"
	oneKmNorth  = "lat=52.528993&lon=13.405"
)

// searchAPIScenario is one request: a 200 with the hits in order, or a 400 naming the parameters.
type searchAPIScenario struct {
	name   string
	query  string
	ids    []string // 200: the hits, in order
	total  int      // 200: totalItems, when more than ids
	fields []string // 400: the parameters the error names
	check  func(t testing.TB, r searchResult)
}

var searchAPIScenarios = []searchAPIScenario{
	{name: "location only: active restaurants, ties by id", query: fixtureSpot, ids: []string{restA, restB},
		check: func(t testing.TB, r searchResult) {
			a := r.Items[0]
			if a.Name != "Pizza Roma" || a.Slug != "pizza-roma" || !slices.Equal(a.Cuisines, []string{"pizza"}) ||
				a.Location != (types.GeoPoint{Lon: 13.405, Lat: 52.52}) || a.RatingAvg != 4 || a.RatingCount != 2 ||
				a.Currency != "EUR" || a.MinOrder != 1500 || a.DistanceKm != 0 || a.EtaMinutes != 15 ||
				a.DeliveryFee != 199 || !a.IsOpen || a.MatchedItems == nil || len(a.MatchedItems) != 0 {
				t.Errorf("restaurant A: got %+v; want Pizza Roma at 0 km, eta 15, fee 199, open, no matched items", a)
			}
			if r.Page != 1 || r.PerPage != 20 || r.TotalPages != 1 {
				t.Errorf("envelope: got %+v; want page 1 of 1, 20 per page", r)
			}
		}},
	{name: "1 km away: fee, eta and distance follow the metres", query: oneKmNorth, ids: []string{restA, restB},
		check: func(t testing.TB, r searchResult) {
			if a := r.Items[0]; a.DistanceKm != 1 || a.EtaMinutes != 18 || a.DeliveryFee != 249 {
				t.Errorf("got %.2f km, eta %d, fee %d; want 1 km, 18 min, 249", a.DistanceKm, a.EtaMinutes, a.DeliveryFee)
			}
		}},
	{name: "outside every delivery radius", query: "lat=52.6&lon=13.405",
		check: func(t testing.TB, r searchResult) {
			if r.TotalPages != 0 || r.Items == nil {
				t.Errorf("got %+v; want 0 pages and an empty list", r)
			}
		}},
	{name: "q matching A's name and B's cuisine", query: fixtureSpot + "&q=pizza", ids: []string{restA, restB}},
	{name: "q matching only a name", query: fixtureSpot + "&q=roma", ids: []string{restA}},
	{name: "q matching an available item", query: fixtureSpot + "&q=marg", ids: []string{restA},
		check: func(t testing.TB, r searchResult) {
			if want := []searchMatched{{itemA1, "Margherita", 900}}; !slices.Equal(r.Items[0].MatchedItems, want) {
				t.Errorf("matched items: got %+v; want %+v", r.Items[0].MatchedItems, want)
			}
		}},
	{name: "q matching an item of the other restaurant", query: fixtureSpot + "&q=cheese", ids: []string{restB},
		check: func(t testing.TB, r searchResult) {
			if want := []searchMatched{{itemB1, "Cheeseburger", 850}}; !slices.Equal(r.Items[0].MatchedItems, want) {
				t.Errorf("matched items: got %+v; want %+v", r.Items[0].MatchedItems, want)
			}
		}},
	{name: "q folds accents", query: fixtureSpot + "&q=MARGHERÍTA", ids: []string{restA}},
	{name: "unavailable items never match", query: fixtureSpot + "&q=calzone"},
	{name: "inactive restaurants never match, by name", query: fixtureSpot + "&q=closed"},
	{name: "inactive restaurants never match, by item", query: fixtureSpot + "&q=creme"},
	{name: "operator words must match like any word", query: fixtureSpot + "&q=" + url.QueryEscape("pizza AND roma")},
	{name: "quotes, star and minus are separators", query: fixtureSpot + "&q=" + url.QueryEscape(`"piz*" -roma`), ids: []string{restA}},
	{name: "q without letters is no query", query: fixtureSpot + "&q=" + url.QueryEscape(`"*" -- ()`), ids: []string{restA, restB}},
	{name: "q of 200 characters", query: fixtureSpot + "&q=" + strings.Repeat("p", 200)},
	{name: "cuisine", query: fixtureSpot + "&cuisine=pizza", ids: []string{restA, restB}},
	{name: "cuisine nobody has", query: fixtureSpot + "&cuisine=sushi"},
	{name: "radius_km excludes", query: oneKmNorth + "&radius_km=0.999"},
	{name: "radius_km includes at the metre", query: oneKmNorth + "&radius_km=1", ids: []string{restA, restB}},
	{name: "open_now keeps restaurants without hours", query: fixtureSpot + "&open_now=true", ids: []string{restA, restB}},
	{name: "sort by rating", query: fixtureSpot + "&sort=rating", ids: []string{restA, restB}},
	{name: "sort by eta, tie by id", query: fixtureSpot + "&sort=eta", ids: []string{restA, restB}},
	{name: "sort by delivery fee, tie by id", query: fixtureSpot + "&sort=delivery_fee", ids: []string{restA, restB}},
	{name: "relevance: name before cuisine", query: fixtureSpot + "&q=pi&sort=relevance", ids: []string{restA, restB}},
	{name: "first page", query: fixtureSpot + "&perPage=1", ids: []string{restA}, total: 2,
		check: func(t testing.TB, r searchResult) {
			if r.TotalPages != 2 || r.PerPage != 1 {
				t.Errorf("got %+v; want 2 pages of 1", r)
			}
		}},
	{name: "second page", query: fixtureSpot + "&perPage=1&page=2", ids: []string{restB}, total: 2},
	{name: "past the last page", query: fixtureSpot + "&page=3", total: 2},
	{name: "fields picks like every PocketBase list", query: fixtureSpot + "&fields=id,distance_km&perPage=1", ids: []string{restA}, total: 2},

	{name: "no location", query: "", fields: []string{"lat", "lon"}},
	{name: "lat not a number", query: "lat=abc&lon=13", fields: []string{"lat"}},
	{name: "lat NaN", query: "lat=NaN&lon=13", fields: []string{"lat"}},
	{name: "lat out of range", query: "lat=90.5&lon=13", fields: []string{"lat"}},
	{name: "lon out of range", query: "lat=52&lon=-181", fields: []string{"lon"}},
	{name: "lon infinite", query: "lat=52&lon=Inf", fields: []string{"lon"}},
	{name: "q over 200 characters", query: fixtureSpot + "&q=" + strings.Repeat("p", 201), fields: []string{"q"}},
	{name: "unknown cuisine", query: fixtureSpot + "&cuisine=martian", fields: []string{"cuisine"}},
	{name: "radius_km zero", query: fixtureSpot + "&radius_km=0", fields: []string{"radius_km"}},
	{name: "radius_km above 50", query: fixtureSpot + "&radius_km=51", fields: []string{"radius_km"}},
	{name: "radius_km NaN", query: fixtureSpot + "&radius_km=NaN", fields: []string{"radius_km"}},
	{name: "open_now not a boolean", query: fixtureSpot + "&open_now=yes", fields: []string{"open_now"}},
	{name: "unknown sort", query: fixtureSpot + "&sort=price", fields: []string{"sort"}},
	{name: "page zero", query: fixtureSpot + "&page=0", fields: []string{"page"}},
	{name: "page not a number", query: fixtureSpot + "&page=two", fields: []string{"page"}},
	{name: "perPage zero", query: fixtureSpot + "&perPage=0", fields: []string{"perPage"}},
	{name: "perPage above 100", query: fixtureSpot + "&perPage=101", fields: []string{"perPage"}},
	{name: "every mistake at once", query: "lat=x&lon=y&perPage=0&sort=x", fields: []string{"lat", "lon", "perPage", "sort"}},
	{name: "malformed fields", query: fixtureSpot + `&fields="id`, fields: []string{"fields"}},
}

func (s searchAPIScenario) scenario() tests.ApiScenario {
	as := tests.ApiScenario{
		Name:           "search: " + s.name,
		Method:         http.MethodGet,
		URL:            "/api/delivery/search?" + s.query,
		TestAppFactory: newApp,
	}
	if s.fields != nil {
		as.ExpectedStatus = http.StatusBadRequest
		as.ExpectedContent = []string{`"status":400`}
		for _, f := range s.fields {
			as.ExpectedContent = append(as.ExpectedContent, `"`+f+`":{"code":"validation_`)
		}
		return as
	}
	as.ExpectedStatus = http.StatusOK
	as.ExpectedContent = []string{`"items":[`}
	as.AfterTestFunc = func(t testing.TB, _ *tests.TestApp, res *http.Response) {
		var r searchResult
		if err := json.NewDecoder(res.Body).Decode(&r); err != nil {
			t.Fatal(err)
		}
		if got := r.ids(); !slices.Equal(got, s.ids) {
			t.Errorf("hits: got %q; want %q", got, s.ids)
		}
		if want := max(s.total, len(s.ids)); r.TotalItems != want {
			t.Errorf("totalItems: got %d; want %d", r.TotalItems, want)
		}
		if s.check != nil {
			s.check(t, r)
		}
	}
	return as
}

func TestSearchAPI(t *testing.T) {
	for _, s := range searchAPIScenarios {
		as := s.scenario()
		as.Test(t)
	}
}

// searchMux builds app's router once, as the server does, for tests that send many searches.
func searchMux(t testing.TB, app *tests.TestApp) http.Handler {
	t.Helper()
	router, err := apis.NewRouter(app)
	if err != nil {
		t.Fatal(err)
	}
	se := &core.ServeEvent{App: app, Router: router}
	if err := app.OnServe().Trigger(se, func(*core.ServeEvent) error { return nil }); err != nil {
		t.Fatal(err)
	}
	mux, err := router.BuildMux()
	if err != nil {
		t.Fatal(err)
	}
	return mux
}

// searchRaw sends GET /api/delivery/search with a raw query string and returns the status and body.
func searchRaw(h http.Handler, rawQuery string) (int, []byte) {
	req := httptest.NewRequest(http.MethodGet, "/api/delivery/search", nil)
	req.URL.RawQuery = rawQuery
	req.RemoteAddr = "127.0.0.1:40000" // the rate limiter exempts loopback; these tests send thousands of searches
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Code, rec.Body.Bytes()
}

// searchOK sends a search that must succeed and decodes it.
func searchOK(t testing.TB, h http.Handler, rawQuery string) searchResult {
	t.Helper()
	status, body := searchRaw(h, rawQuery)
	if status != http.StatusOK {
		t.Fatalf("search %q: got %d %s; want 200", rawQuery, status, body)
	}
	var r searchResult
	if err := json.Unmarshal(body, &r); err != nil {
		t.Fatalf("search %q: %v in %s", rawQuery, err, body)
	}
	return r
}

// TestSearchFollowsWrites: every create, update and delete of a restaurant or a menu item shows in the
// next search, and a rolled-back write never does.
func TestSearchFollowsWrites(t *testing.T) {
	app := newApp(t)
	defer app.Cleanup()
	h := searchMux(t, app)
	expect := func(step, query string, want ...string) {
		t.Helper()
		if got := searchOK(t, h, fixtureSpot+"&"+query).ids(); !slices.Equal(got, want) {
			t.Fatalf("%s: %s: got %q; want %q", step, query, got, want)
		}
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	items, err := app.FindCollectionByNameOrId("menu_items")
	must(err)
	restaurants, err := app.FindCollectionByNameOrId("restaurants")
	must(err)

	// Menu items: create, hide, show under a new name, move to another restaurant, delete.
	tiramisu := core.NewRecord(items)
	tiramisu.Load(map[string]any{"restaurant": restA, "name": "Tiramisù", "price": 650, "is_available": true})
	expect("before", "q=tiramisu")
	must(app.Save(tiramisu))
	expect("item created", "q=tiramisu", restA)
	tiramisu.Set("is_available", false)
	must(app.Save(tiramisu))
	expect("item unavailable", "q=tiramisu")
	tiramisu.Set("is_available", true)
	tiramisu.Set("name", "Panna Cotta")
	must(app.Save(tiramisu))
	expect("item renamed", "q=tiramisu")
	expect("item renamed", "q=panna", restA)
	tiramisu.Set("restaurant", restB)
	must(app.Save(tiramisu))
	expect("item moved", "q=panna", restB)
	if r := searchOK(t, h, fixtureSpot+"&q=panna"); r.Items[0].MatchedItems[0].ID != tiramisu.Id {
		t.Fatalf("item moved: matched %+v; want the moved item", r.Items[0].MatchedItems)
	}
	must(app.Delete(tiramisu))
	expect("item deleted", "q=panna")

	// A write rolled back leaves nothing behind.
	err = app.RunInTransaction(func(tx core.App) error {
		ghost := core.NewRecord(items)
		ghost.Load(map[string]any{"restaurant": restA, "name": "Ghost Pepper Pizza", "price": 1, "is_available": true})
		if err := tx.Save(ghost); err != nil {
			return err
		}
		return errors.New("roll back")
	})
	if err == nil || err.Error() != "roll back" {
		t.Fatalf("got %v; want the rollback", err)
	}
	expect("rolled back", "q=ghost")

	// Restaurants: create, deactivate, reactivate, move, rename, delete with its items.
	sushi := core.NewRecord(restaurants)
	sushi.Load(map[string]any{"name": "Sushi Neu", "location": types.GeoPoint{Lon: 13.405, Lat: 52.528993},
		"delivery_radius_km": 2, "is_active": true, "cuisines": []string{"sushi"}, "prep_minutes": 10})
	must(app.Save(sushi))
	expect("restaurant created", "q=sushi", sushi.Id)
	expect("restaurant created", "sort=eta", sushi.Id, restA, restB) // 10 + 3 minutes before 15
	maki := core.NewRecord(items)
	maki.Load(map[string]any{"restaurant": sushi.Id, "name": "Maki", "price": 400, "is_available": true})
	must(app.Save(maki))
	expect("item of the new restaurant", "q=maki", sushi.Id)
	sushi.Set("is_active", false)
	must(app.Save(sushi))
	expect("restaurant deactivated", "q=sushi")
	expect("restaurant deactivated", "q=maki")
	sushi.Set("is_active", true)
	must(app.Save(sushi))
	expect("restaurant reactivated", "q=maki", sushi.Id)
	sushi.Set("location", types.GeoPoint{Lon: 13.405, Lat: 52.56})
	must(app.Save(sushi))
	expect("restaurant moved out of reach", "q=sushi")
	sushi.Set("location", types.GeoPoint{Lon: 13.405, Lat: 52.528993})
	sushi.Set("name", "Omakase Neu")
	must(app.Save(sushi))
	expect("restaurant renamed", "q=omakase", sushi.Id)
	must(app.Delete(sushi))
	expect("restaurant deleted", "q=omakase")
	expect("restaurant deleted", "q=maki")
	expect("restaurant deleted", "", restA, restB)
}

// TestSearchRebuildsStaleIndex: rows written behind the hooks' back (a bulk import) are found once the
// server starts again, because start-up rebuilds an index that disagrees with the collections.
func TestSearchRebuildsStaleIndex(t *testing.T) {
	app := newApp(t)
	defer app.Cleanup()
	searchMux(t, app)
	_, err := app.DB().NewQuery(`INSERT INTO restaurants (id, name, location, delivery_radius_km, is_active, cuisines, updated)
		VALUES ('bulkimported000', 'Bulk Bistro', '{"lon":13.405,"lat":52.52}', 3, TRUE, '["french"]', '2030-01-01 00:00:00.000Z')`).Execute()
	if err != nil {
		t.Fatal(err)
	}
	// A restart: a new app over a copy of the data dir, as the server would open it.
	restarted, err := testApp(app.DataDir())
	if err != nil {
		t.Fatal(err)
	}
	defer restarted.Cleanup()
	hooks.Register(restarted)
	h := searchMux(t, restarted)
	if got := searchOK(t, h, fixtureSpot+"&q=bulk").ids(); !slices.Equal(got, []string{"bulkimported000"}) {
		t.Fatalf("after the restart: got %q; want the imported restaurant", got)
	}
}

// FuzzSearchEndpoint: whatever the query string, the endpoint answers 200 or 400, never anything else.
func FuzzSearchEndpoint(f *testing.F) {
	for _, s := range searchAPIScenarios {
		f.Add(s.query)
	}
	for _, raw := range []string{
		"lat=52.52&lon=13.405&q=%ff%fe", "lat=52.52&lon=13.405&q=%00", "lat=%zz&lon=1", "lat=1;lon=2", "lat=52.52&lon=13.405&perPage=" +
			strconv.Itoa(1<<62), "lat=0x1p-2&lon=1_0", "lat=-0&lon=+0&page=00001",
		"lat=52.5&lon=13.4&fields=\"00000000000000000000", "lat=52.5&lon=13.4&fields=name:excerpt(x)", "lat=52.5&lon=13.4&fields=*:excerpt(2,true)", "lat=52.52&lon=13.405&q=" + strings.Repeat("%C3%A9", 200),
	} {
		f.Add(raw)
	}
	app := newApp(f)
	defer app.Cleanup()
	h := searchMux(f, app)
	f.Fuzz(func(t *testing.T, raw string) {
		status, body := searchRaw(h, raw)
		if status != http.StatusOK && status != http.StatusBadRequest {
			t.Fatalf("search %q: got %d %s; want 200 or 400", raw, status, body)
		}
		if !json.Valid(body) {
			t.Fatalf("search %q: got %s; want JSON", raw, body)
		}
	})
}
