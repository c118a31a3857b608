package delivery

import (
	"errors"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dishpatch/dishpatch/internal/geo"
)

var testCuisines = []string{"pizza", "sushi", "middle_eastern"}

// berlin is where the parameter scenarios search.
const berlin = "lat=52.52&lon=13.405"

var paramsScenarios = []struct {
	name  string
	query string
	want  Params            // compared when wantErrs is nil; Query is compared by its tokens
	errs  map[string]string // param → code
}{
	{name: "location only", query: berlin,
		want: Params{At: geo.Point{Lat: 52.52, Lon: 13.405}, Sort: SortDistance, Page: 1, PerPage: 20}},
	{name: "everything", query: berlin + "&q=Pizza+Roma&cuisine=pizza&radius_km=2.5&open_now=true&sort=rating&page=3&perPage=100",
		want: Params{At: geo.Point{Lat: 52.52, Lon: 13.405}, Query: NewQuery("pizza roma"), Cuisine: "pizza", RadiusKm: 2.5,
			OpenNow: true, Sort: SortRating, Page: 3, PerPage: 100}},
	{name: "q makes relevance the default", query: berlin + "&q=sushi",
		want: Params{At: geo.Point{Lat: 52.52, Lon: 13.405}, Query: NewQuery("sushi"), Sort: SortRelevance, Page: 1, PerPage: 20}},
	{name: "q without letters is no query", query: berlin + "&q=%22*%22+--",
		want: Params{At: geo.Point{Lat: 52.52, Lon: 13.405}, Sort: SortDistance, Page: 1, PerPage: 20}},
	{name: "relevance without q is allowed", query: berlin + "&sort=relevance",
		want: Params{At: geo.Point{Lat: 52.52, Lon: 13.405}, Sort: SortRelevance, Page: 1, PerPage: 20}},
	{name: "every sort", query: berlin + "&sort=eta",
		want: Params{At: geo.Point{Lat: 52.52, Lon: 13.405}, Sort: SortETA, Page: 1, PerPage: 20}},
	{name: "delivery_fee sort", query: berlin + "&sort=delivery_fee",
		want: Params{At: geo.Point{Lat: 52.52, Lon: 13.405}, Sort: SortDeliveryFee, Page: 1, PerPage: 20}},
	{name: "empty optional values are absent", query: berlin + "&q=&cuisine=&radius_km=&open_now=&sort=&page=&perPage=",
		want: Params{At: geo.Point{Lat: 52.52, Lon: 13.405}, Sort: SortDistance, Page: 1, PerPage: 20}},
	{name: "open_now false", query: berlin + "&open_now=false",
		want: Params{At: geo.Point{Lat: 52.52, Lon: 13.405}, Sort: SortDistance, Page: 1, PerPage: 20}},
	{name: "corners of the world are valid", query: "lat=-90&lon=180",
		want: Params{At: geo.Point{Lat: -90, Lon: 180}, Sort: SortDistance, Page: 1, PerPage: 20}},
	{name: "first value of a repeated parameter counts", query: "lat=1&lat=abc&lon=2",
		want: Params{At: geo.Point{Lat: 1, Lon: 2}, Sort: SortDistance, Page: 1, PerPage: 20}},
	{name: "radius of exactly 50", query: berlin + "&radius_km=50",
		want: Params{At: geo.Point{Lat: 52.52, Lon: 13.405}, RadiusKm: 50, Sort: SortDistance, Page: 1, PerPage: 20}},
	{name: "q of 200 characters", query: berlin + "&q=" + strings.Repeat("é", 200),
		want: Params{At: geo.Point{Lat: 52.52, Lon: 13.405}, Query: NewQuery(strings.Repeat("é", 200)), Sort: SortRelevance, Page: 1, PerPage: 20}},
	{name: "huge page", query: berlin + "&page=9223372036854775807",
		want: Params{At: geo.Point{Lat: 52.52, Lon: 13.405}, Sort: SortDistance, Page: 9223372036854775807, PerPage: 20}},

	{name: "nothing", query: "", errs: map[string]string{"lat": "validation_required", "lon": "validation_required"}},
	{name: "missing lon", query: "lat=52.52", errs: map[string]string{"lon": "validation_required"}},
	{name: "empty lat", query: "lat=&lon=13", errs: map[string]string{"lat": "validation_required"}},
	{name: "lat not a number", query: "lat=north&lon=13", errs: map[string]string{"lat": "validation_invalid_number"}},
	{name: "lat with a comma", query: "lat=52,52&lon=13", errs: map[string]string{"lat": "validation_invalid_number"}},
	{name: "lat with spaces", query: "lat=+52.5+&lon=13", errs: map[string]string{"lat": "validation_invalid_number"}},
	{name: "lat NaN", query: "lat=NaN&lon=13", errs: map[string]string{"lat": "validation_invalid_number"}},
	{name: "lon infinite", query: "lat=52&lon=-Inf", errs: map[string]string{"lon": "validation_invalid_number"}},
	{name: "lat overflows", query: "lat=1e400&lon=13", errs: map[string]string{"lat": "validation_invalid_number"}},
	{name: "lat above 90", query: "lat=90.000001&lon=13", errs: map[string]string{"lat": "validation_out_of_range"}},
	{name: "lon below -180", query: "lat=52&lon=-180.5", errs: map[string]string{"lon": "validation_out_of_range"}},
	{name: "q over 200 characters", query: berlin + "&q=" + strings.Repeat("a", 201), errs: map[string]string{"q": "validation_too_long"}},
	{name: "q counts characters not bytes", query: berlin + "&q=" + strings.Repeat("é", 201), errs: map[string]string{"q": "validation_too_long"}},
	{name: "unknown cuisine", query: berlin + "&cuisine=martian", errs: map[string]string{"cuisine": "validation_invalid_value"}},
	{name: "cuisine is case-sensitive", query: berlin + "&cuisine=Pizza", errs: map[string]string{"cuisine": "validation_invalid_value"}},
	{name: "radius zero", query: berlin + "&radius_km=0", errs: map[string]string{"radius_km": "validation_out_of_range"}},
	{name: "radius negative", query: berlin + "&radius_km=-1", errs: map[string]string{"radius_km": "validation_out_of_range"}},
	{name: "radius above 50", query: berlin + "&radius_km=50.001", errs: map[string]string{"radius_km": "validation_out_of_range"}},
	{name: "radius NaN", query: berlin + "&radius_km=NaN", errs: map[string]string{"radius_km": "validation_out_of_range"}},
	{name: "radius not a number", query: berlin + "&radius_km=far", errs: map[string]string{"radius_km": "validation_out_of_range"}},
	{name: "open_now yes", query: berlin + "&open_now=yes", errs: map[string]string{"open_now": "validation_invalid_value"}},
	{name: "open_now 1", query: berlin + "&open_now=1", errs: map[string]string{"open_now": "validation_invalid_value"}},
	{name: "open_now TRUE", query: berlin + "&open_now=TRUE", errs: map[string]string{"open_now": "validation_invalid_value"}},
	{name: "unknown sort", query: berlin + "&sort=-distance", errs: map[string]string{"sort": "validation_invalid_value"}},
	{name: "page zero", query: berlin + "&page=0", errs: map[string]string{"page": "validation_out_of_range"}},
	{name: "page negative", query: berlin + "&page=-1", errs: map[string]string{"page": "validation_out_of_range"}},
	{name: "page fractional", query: berlin + "&page=1.5", errs: map[string]string{"page": "validation_out_of_range"}},
	{name: "page overflows", query: berlin + "&page=9223372036854775808", errs: map[string]string{"page": "validation_out_of_range"}},
	{name: "perPage zero", query: berlin + "&perPage=0", errs: map[string]string{"perPage": "validation_out_of_range"}},
	{name: "perPage above 100", query: berlin + "&perPage=101", errs: map[string]string{"perPage": "validation_out_of_range"}},
	{name: "perPage not a number", query: berlin + "&perPage=all", errs: map[string]string{"perPage": "validation_out_of_range"}},
	{name: "every mistake at once", query: "lat=91&q=" + strings.Repeat("x", 201) + "&cuisine=x&radius_km=0&open_now=maybe&sort=x&page=0&perPage=0",
		errs: map[string]string{"lat": "validation_out_of_range", "lon": "validation_required", "q": "validation_too_long",
			"cuisine": "validation_invalid_value", "radius_km": "validation_out_of_range", "open_now": "validation_invalid_value",
			"sort": "validation_invalid_value", "page": "validation_out_of_range", "perPage": "validation_out_of_range"}},
}

func TestParseParams(t *testing.T) {
	for _, s := range paramsScenarios {
		t.Run(s.name, func(t *testing.T) {
			v, err := url.ParseQuery(s.query)
			if err != nil {
				t.Fatal(err)
			}
			got, err := ParseParams(v, testCuisines)
			if s.errs != nil {
				var bad ParamErrors
				if !errors.As(err, &bad) {
					t.Fatalf("ParseParams(%q): got error %v; want ParamErrors", s.query, err)
				}
				codes := map[string]string{}
				for _, e := range bad {
					codes[e.Param] = e.Code
					if e.Message == "" || !strings.HasSuffix(e.Message, ".") {
						t.Errorf("ParseParams(%q): message for %s %q; want a sentence", s.query, e.Param, e.Message)
					}
				}
				if !maps.Equal(codes, s.errs) {
					t.Errorf("ParseParams(%q): got errors %v; want %v", s.query, codes, s.errs)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseParams(%q): got error %v; want none", s.query, err)
			}
			if !slices.Equal(got.Query.Tokens, s.want.Query.Tokens) {
				t.Errorf("ParseParams(%q).Query: got %q; want %q", s.query, got.Query.Tokens, s.want.Query.Tokens)
			}
			got.Query, s.want.Query = Query{}, Query{}
			if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", s.want) {
				t.Errorf("ParseParams(%q): got %+v; want %+v", s.query, got, s.want)
			}
		})
	}
}

func TestParamErrorMessages(t *testing.T) {
	_, err := ParseParams(url.Values{"lat": {"x"}, "lon": {"1"}}, nil)
	if got, want := err.Error(), "delivery: lat: The latitude must be a number in degrees, e.g. lat=52.52."; got != want {
		t.Errorf("Error(): got %q; want %q", got, want)
	}
}

// FuzzParseParams checks that any query string either parses or fails with ParamErrors only (a 400, never
// a 500), and that a search with what parsed returns a consistent page.
func FuzzParseParams(f *testing.F) {
	for _, s := range paramsScenarios {
		f.Add(s.query)
	}
	f.Add(berlin + "&q=pi%20pizza%20roma&sort=relevance&perPage=1&page=2")
	f.Add("lat=52.5201&lon=13.4049&q=c&open_now=true&sort=eta")
	ix := fixtureIndex()
	now := time.Date(2025, 6, 2, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return // net/http would have refused it before the handler
		}
		p, err := ParseParams(v, testCuisines)
		if err != nil {
			var bad ParamErrors
			if !errors.As(err, &bad) || len(bad) == 0 {
				t.Fatalf("ParseParams(%q): got %v; want ParamErrors", raw, err)
			}
			return
		}
		checkQuery(t, v.Get("q"), p.Query)
		res := ix.Search(p, now)
		if len(res.Items) > p.PerPage || res.TotalItems < 0 || res.TotalPages != (res.TotalItems+p.PerPage-1)/p.PerPage {
			t.Fatalf("Search(%q): page of %d, %d items, %d pages; want a consistent envelope", raw, len(res.Items), res.TotalItems, res.TotalPages)
		}
		for _, h := range res.Items {
			if h.MatchedItems == nil || len(h.MatchedItems) > maxMatchedItems {
				t.Fatalf("Search(%q): matched items %v; want a list of at most 3", raw, h.MatchedItems)
			}
		}
	})
}
