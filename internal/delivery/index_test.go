package delivery

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
	_ "time/tzdata"

	"github.com/dishpatch/dishpatch/internal/geo"
	"github.com/dishpatch/dishpatch/internal/hours"
	"github.com/dishpatch/dishpatch/internal/search"
)

// here is where the fixture's customer stands.
var here = geo.Point{Lat: 52.52, Lon: 13.405}

// away returns the point m metres north (or south, for negative m) and e metres east of p.
func away(p geo.Point, m, e float64) geo.Point {
	lat := p.Lat + m/geo.EarthRadiusM*180/math.Pi
	return geo.Point{Lat: lat, Lon: p.Lon + e/(geo.EarthRadiusM*math.Cos(lat*math.Pi/180))*180/math.Pi}
}

func menuItem(id, name string, price, sortOrder int64, description string) Item {
	return Item{ID: id, Name: name, Price: price, SortOrder: sortOrder, Words: search.Words(name, description)}
}

func place(id, name, description string, cuisines []string, at geo.Point, radiusKm float64, items ...Item) Place {
	return Place{
		ID: id, Name: name, Slug: id, Cuisines: cuisines, Address: id + " street 1", Currency: "EUR",
		Location: at, RadiusKm: radiusKm, Active: true, RatingAvg: 4, RatingCount: 10, MinOrder: 1000,
		PrepMinutes: 15, FeeBase: 199, FeePerKm: 50, Hours: hours.Week{Always: true},
		NameWords: search.Words(name), OwnWords: search.Words(append([]string{name, description}, cuisines...)...),
		Items: items,
	}
}

// fixturePlaces are the restaurants of the search scenarios. Distances from here: roma 0 m, sakura 1 km,
// anatolia 2 km, tie-a and tie-b 1.5 km (same spot), night-owl 500 m, burgers 8 km (radius 50 km), far
// 10 km (radius 5 km: out of reach), closed 0 m but inactive.
func fixturePlaces() []Place {
	roma := place("roma", "Pizza Roma", "Wood-fired Neapolitan pizza since 1990", []string{"pizza", "italian"}, here, 5,
		menuItem("roma-1", "Margherita", 900, 1, "Tomato, mozzarella, basil"),
		menuItem("roma-2", "Pizza Bianca", 1000, 2, "Mozzarella, rosemary"),
		menuItem("roma-3", "Tiramisù", 600, 3, "Mascarpone, espresso"),
		menuItem("roma-4", "Marinara", 800, 1, "Tomato, garlic, oregano"),
		menuItem("roma-5", "Strawberry Tart", 500, 4, ""))
	roma.RatingAvg, roma.FeeBase, roma.FeePerKm = 4.5, 199, 50

	sakura := place("sakura", "Sakura Sushi", "Fresh fish daily", []string{"sushi"}, away(here, 1000, 0), 3,
		menuItem("sakura-1", "Salmon Nigiri", 450, 0, "Rice, salmon"),
		menuItem("sakura-2", "Maki Roll", 500, 0, "Cucumber"),
		menuItem("sakura-3", "Pizza Roll", 700, 5, "Salmon, mozzarella, baked like a pizza"),
		menuItem("sakura-4", "Miso Soup", 300, 9, "Tofu, wakame"))
	sakura.RatingAvg, sakura.PrepMinutes, sakura.FeeBase, sakura.FeePerKm = 4.5, 20, 0, 100

	anatolia := place("anatolia", "Anatolia Grill", "Döner from the Straße corner", []string{"middle_eastern"}, away(here, 0, 2000), 2.5,
		menuItem("anatolia-1", "Döner Kebab", 650, 0, "Lamb, garlic sauce"),
		menuItem("anatolia-2", "Crème Brûlée", 450, 1, ""))
	anatolia.RatingAvg, anatolia.PrepMinutes, anatolia.FeeBase, anatolia.FeePerKm = 3.9, 10, 299, 0

	tieA := place("tie-a", "Twin Noodles", "", []string{"chinese"}, away(here, -1500, 0), 5, menuItem("tie-a-1", "Noodles", 800, 0, ""))
	tieB := place("tie-b", "Twin Noodles", "", []string{"chinese"}, away(here, -1500, 0), 5, menuItem("tie-b-1", "Noodles", 800, 0, ""))

	owl := place("night-owl", "Night Owl Pizza", "", []string{"pizza"}, away(here, 0, -500), 5,
		menuItem("owl-1", "Pepperoni Pizza", 1100, 0, ""))
	owl.Hours = hours.Week{Loc: time.UTC} // closed all week
	owl.RatingAvg, owl.PrepMinutes = 5, 5

	burgers := place("burgers", "Big Radius Burgers", "", []string{"burgers"}, away(here, 8000, 0), 50,
		menuItem("burgers-1", "Cheeseburger", 900, 0, ""),
		menuItem("burgers-2", "Pizza Burger", 1000, 1, ""))
	burgers.RatingAvg, burgers.FeeBase, burgers.FeePerKm = 3, 0, 0

	far := place("far", "Far Pizza", "", []string{"pizza"}, away(here, -10000, 0), 5, menuItem("far-1", "Pizza", 800, 0, ""))
	closed := place("closed", "Closed Pizza", "", []string{"pizza"}, here, 5, menuItem("closed-1", "Pizza", 800, 0, ""))
	closed.Active = false

	return []Place{roma, sakura, anatolia, tieA, tieB, owl, burgers, far, closed}
}

func fixtureIndex() *Index {
	var b Builder
	for _, p := range fixturePlaces() {
		b.Add(p)
	}
	return b.Index()
}

// noon is a Monday at noon in Berlin.
var noon = time.Date(2025, 6, 2, 10, 0, 0, 0, time.UTC)

var searchScenarios = []struct {
	name    string
	params  Params // At defaults to here, Page to 1, PerPage to 20, Sort to distance
	q       string
	wantIDs []string
	total   int // defaults to len(wantIDs)
	// matched maps a hit's id to the names of its matched items; hits not listed must have none.
	matched map[string][]string
}{
	{name: "location only, nearest first",
		wantIDs: []string{"roma", "night-owl", "sakura", "tie-a", "tie-b", "anatolia", "burgers"}},
	{name: "far from everyone", params: Params{At: geo.Point{Lat: 48.85, Lon: 2.35}}},
	{name: "inactive and out-of-reach places never match", q: "pizza",
		params:  Params{Sort: SortDistance},
		wantIDs: []string{"roma", "night-owl", "sakura", "burgers"},
		matched: map[string][]string{"sakura": {"Pizza Roll"}, "burgers": {"Pizza Burger"}}},
	{name: "relevance: a name match 8 km away before nearer item matches", q: "b",
		params:  Params{Sort: SortRelevance},
		wantIDs: []string{"burgers", "roma", "sakura", "anatolia"},
		matched: map[string][]string{"roma": {"Margherita", "Pizza Bianca"}, "sakura": {"Pizza Roll"}, "anatolia": {"Crème Brûlée"}}},
	{name: "the same by distance", q: "b",
		params:  Params{Sort: SortDistance},
		wantIDs: []string{"roma", "sakura", "anatolia", "burgers"},
		matched: map[string][]string{"roma": {"Margherita", "Pizza Bianca"}, "sakura": {"Pizza Roll"}, "anatolia": {"Crème Brûlée"}}},
	{name: "relevance: own text before a nearer item match", q: "stra",
		params:  Params{Sort: SortRelevance},
		wantIDs: []string{"anatolia", "roma"},
		matched: map[string][]string{"roma": {"Strawberry Tart"}}},
	{name: "tier 0 with every token in the name", q: "sakura sushi", params: Params{Sort: SortRelevance}, wantIDs: []string{"sakura"}},
	{name: "mixed tiers rank by the worst token", q: "pizza mozzarella",
		params:  Params{Sort: SortRelevance},
		wantIDs: []string{"roma", "sakura"},
		matched: map[string][]string{"roma": {"Margherita", "Pizza Bianca"}, "sakura": {"Pizza Roll"}}},
	{name: "tokens may match different items", q: "salmon miso",
		wantIDs: []string{"sakura"},
		matched: map[string][]string{"sakura": {"Salmon Nigiri", "Pizza Roll", "Miso Soup"}}},
	{name: "prefix and folding", q: "CRÈ bru", wantIDs: []string{"anatolia"},
		matched: map[string][]string{"anatolia": {"Crème Brûlée"}}},
	{name: "sharp s folds to ss", q: "straße", wantIDs: []string{"anatolia"}},
	{name: "accented query finds plain text", q: "Nígiri", wantIDs: []string{"sakura"},
		matched: map[string][]string{"sakura": {"Salmon Nigiri"}}},
	{name: "one letter", q: "d", wantIDs: []string{"sakura", "anatolia"}},
	{name: "operators are plain words that must match", q: "pizza AND roma", wantIDs: nil},
	{name: "quotes and star are separators", q: `"piz*" -roma`, wantIDs: []string{"roma"}},
	{name: "a word that matches nothing", q: "zzz", wantIDs: nil},
	{name: "cuisine", params: Params{Cuisine: "pizza"}, wantIDs: []string{"roma", "night-owl"}},
	{name: "cuisine with an underscore", params: Params{Cuisine: "middle_eastern"}, wantIDs: []string{"anatolia"}},
	{name: "cuisines are words too", q: "eastern", wantIDs: []string{"anatolia"}},
	{name: "radius_km", params: Params{RadiusKm: 1}, wantIDs: []string{"roma", "night-owl", "sakura"}},
	{name: "radius_km is inclusive at the metre", params: Params{RadiusKm: 0.5}, wantIDs: []string{"roma", "night-owl"}},
	{name: "open_now drops the closed", params: Params{OpenNow: true, RadiusKm: 1}, wantIDs: []string{"roma", "sakura"}},
	{name: "rating, highest first, ties by distance",
		params:  Params{Sort: SortRating},
		wantIDs: []string{"night-owl", "roma", "sakura", "tie-a", "tie-b", "anatolia", "burgers"}},
	{name: "eta, lowest first",
		params:  Params{Sort: SortETA},
		wantIDs: []string{"night-owl", "roma", "anatolia", "tie-a", "tie-b", "sakura", "burgers"}},
	{name: "delivery fee, lowest first",
		params:  Params{Sort: SortDeliveryFee},
		wantIDs: []string{"burgers", "sakura", "roma", "night-owl", "tie-a", "tie-b", "anatolia"}},
	{name: "relevance without a query is distance", params: Params{Sort: SortRelevance},
		wantIDs: []string{"roma", "night-owl", "sakura", "tie-a", "tie-b", "anatolia", "burgers"}},
	{name: "second page", params: Params{Page: 2, PerPage: 3}, wantIDs: []string{"tie-a", "tie-b", "anatolia"}, total: 7},
	{name: "last partial page", params: Params{Page: 3, PerPage: 3}, wantIDs: []string{"burgers"}, total: 7},
	{name: "page after the last", params: Params{Page: 4, PerPage: 3}, wantIDs: nil, total: 7},
	{name: "huge page", params: Params{Page: math.MaxInt, PerPage: 100}, wantIDs: nil, total: 7},
}

func TestSearch(t *testing.T) {
	ix := fixtureIndex()
	for _, s := range searchScenarios {
		t.Run(s.name, func(t *testing.T) {
			p := s.params
			if p.At == (geo.Point{}) {
				p.At = here
			}
			if p.Page == 0 {
				p.Page = 1
			}
			if p.PerPage == 0 {
				p.PerPage = 20
			}
			if p.Sort == "" {
				p.Sort = SortDistance
			}
			p.Query = NewQuery(s.q)
			res := ix.Search(p, noon)
			var ids []string
			for _, h := range res.Items {
				ids = append(ids, h.ID)
			}
			if !slices.Equal(ids, s.wantIDs) {
				t.Errorf("ids: got %q; want %q", ids, s.wantIDs)
			}
			total := s.total
			if total == 0 {
				total = len(s.wantIDs)
			}
			if res.TotalItems != total || res.TotalPages != (total+p.PerPage-1)/p.PerPage || res.Page != p.Page || res.PerPage != p.PerPage {
				t.Errorf("envelope: got page %d perPage %d totalItems %d totalPages %d; want %d, %d, %d, %d",
					res.Page, res.PerPage, res.TotalItems, res.TotalPages, p.Page, p.PerPage, total, (total+p.PerPage-1)/p.PerPage)
			}
			for _, h := range res.Items {
				var names []string
				for _, m := range h.MatchedItems {
					names = append(names, m.Name)
				}
				if want := s.matched[h.ID]; !slices.Equal(names, want) {
					t.Errorf("%s matched items: got %q; want %q", h.ID, names, want)
				}
			}
		})
	}
}

func TestSearchHitFields(t *testing.T) {
	ix := fixtureIndex()
	res := ix.Search(Params{At: here, Query: NewQuery("nigiri"), Sort: SortRelevance, Page: 1, PerPage: 20}, noon)
	if len(res.Items) != 1 {
		t.Fatalf("got %d hits; want 1", len(res.Items))
	}
	at := away(here, 1000, 0)
	d := geo.DistanceM(at, here)
	want := Hit{
		ID: "sakura", Name: "Sakura Sushi", Slug: "sakura", Cuisines: []string{"sushi"}, Address: "sakura street 1",
		Location: Location{Lon: at.Lon, Lat: at.Lat}, RatingAvg: 4.5, RatingCount: 10, Currency: "EUR", MinOrder: 1000,
		DistanceKm: geo.KmFromM(d), EtaMinutes: 20 + geo.TravelMinutes(d), DeliveryFee: 0 + (100*d+500)/1000, IsOpen: true,
		MatchedItems: []MatchedItem{{ID: "sakura-1", Name: "Salmon Nigiri", Price: 450}},
	}
	if d != 1000 || want.DistanceKm != 1 || want.EtaMinutes != 23 || want.DeliveryFee != 100 {
		t.Fatalf("fixture moved: %d m", d)
	}
	if got := res.Items[0]; fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", want) {
		t.Errorf("hit:\n got %+v\nwant %+v", got, want)
	}
	owl := ix.Search(Params{At: here, Sort: SortRating, Page: 1, PerPage: 1}, noon).Items[0]
	if owl.ID != "night-owl" || owl.IsOpen {
		t.Errorf("got %s open %v; want night-owl closed", owl.ID, owl.IsOpen)
	}
	if none := ix.Search(Params{At: here, Page: 1, PerPage: 1}, noon).Items[0]; none.MatchedItems == nil || len(none.MatchedItems) != 0 {
		t.Errorf("matched items without a query: got %#v; want an empty list", none.MatchedItems)
	}
}

// TestMatchedItemsOrder: the items that match the most of the tokens the place's own text does not match,
// then by sort_order, name and id; three at most.
func TestMatchedItemsOrder(t *testing.T) {
	p := place("p", "Golden Bowl", "noodles", nil, here, 5,
		menuItem("i1", "Beef Noodles", 900, 5, "spicy"),
		menuItem("i2", "Spicy Beef Bowl", 900, 5, ""),
		menuItem("i3", "Chicken Noodles", 900, 1, "spicy"),
		menuItem("i4", "Spicy Tofu", 900, 1, ""),
		menuItem("i6", "Spicy Tofu", 900, 1, ""),
		menuItem("i5", "Spicy Tofu", 900, 1, ""),
		menuItem("i7", "Beef Broth", 900, 0, ""))
	ix := NewIndex()
	ix.Put(p)
	scenarios := []struct {
		q    string
		want []string
	}{
		// "noodles" and "bowl" are own text: only "spicy" and "beef" count.
		{q: "noodles spicy beef", want: []string{"i1", "i2", "i7"}},
		{q: "spicy", want: []string{"i3", "i4", "i5"}},
		{q: "bowl noodles", want: nil},
		{q: "beef", want: []string{"i7", "i1", "i2"}},
		{q: "chicken", want: []string{"i3"}},
	}
	for _, s := range scenarios {
		res := ix.Search(Params{At: here, Query: NewQuery(s.q), Sort: SortRelevance, Page: 1, PerPage: 1}, noon)
		if len(res.Items) != 1 {
			t.Fatalf("q %q: got %d hits; want 1", s.q, len(res.Items))
		}
		var ids []string
		for _, m := range res.Items[0].MatchedItems {
			ids = append(ids, m.ID)
		}
		if !slices.Equal(ids, s.want) {
			t.Errorf("q %q: matched items %q; want %q", s.q, ids, s.want)
		}
	}
}

func TestIndexPutRemove(t *testing.T) {
	ix := fixtureIndex()
	count := func(q string) int {
		return ix.Search(Params{At: here, Query: NewQuery(q), Sort: SortDistance, Page: 1, PerPage: 100}, noon).TotalItems
	}
	if got := ix.Len(); got != 8 {
		t.Fatalf("Len: got %d; want the 8 active places", got)
	}
	if got := count("margherita"); got != 1 {
		t.Fatalf("margherita: got %d; want 1", got)
	}
	// An update replaces the place, items included.
	roma := fixturePlaces()[0]
	roma.Items = roma.Items[1:]
	roma.Name, roma.NameWords = "Roma Express", search.Words("Roma Express")
	ix.Put(roma)
	if got := count("margherita"); got != 0 {
		t.Errorf("margherita after removing the item: got %d; want 0", got)
	}
	if got := count("express"); got != 1 {
		t.Errorf("express after renaming: got %d; want 1", got)
	}
	// Moving a place moves it in the grid.
	roma.Location = away(here, -20000, 0)
	ix.Put(roma)
	if got := count("express"); got != 0 {
		t.Errorf("express after moving 20 km away: got %d; want 0", got)
	}
	// Deactivating through Put removes; reactivating restores.
	roma.Location, roma.Active = here, false
	ix.Put(roma)
	if got := ix.Len(); got != 7 {
		t.Errorf("Len after deactivating: got %d; want 7", got)
	}
	roma.Active = true
	ix.Put(roma)
	if got := count("express"); got != 1 {
		t.Errorf("express after reactivating: got %d; want 1", got)
	}
	ix.Remove("roma", "no-such-place")
	if got := count("express"); got != 0 || ix.Len() != 7 {
		t.Errorf("after Remove: got %d hits, Len %d; want 0 and 7", got, ix.Len())
	}
	// A freed slot is reused.
	ix.Put(place("new", "New Place", "", nil, here, 1))
	if got := count("new"); got != 1 || ix.Len() != 8 {
		t.Errorf("after reusing a slot: got %d hits, Len %d; want 1 and 8", got, ix.Len())
	}
	// A place that cannot be anywhere is not indexed.
	ix.Put(place("nowhere", "Nowhere", "", nil, geo.Point{Lat: math.NaN()}, 5))
	if got := ix.Len(); got != 8 {
		t.Errorf("Len after an invalid location: got %d; want 8", got)
	}
}

// TestSearchWidePlaces covers places whose delivery box is too wide for the grid: over a pole, across the
// antimeridian, and a 50 km radius far north.
func TestSearchWidePlaces(t *testing.T) {
	scenarios := []struct {
		name     string
		at       geo.Point
		radiusKm float64
		from     geo.Point
	}{
		{name: "north pole", at: geo.Point{Lat: 89.99, Lon: 0}, radiusKm: 10, from: geo.Point{Lat: 89.99, Lon: 180}},
		{name: "antimeridian", at: geo.Point{Lat: -17.8, Lon: 179.99}, radiusKm: 5, from: geo.Point{Lat: -17.8, Lon: -179.99}},
		{name: "50 km in the far north", at: geo.Point{Lat: 78.2, Lon: 15.6}, radiusKm: 50, from: geo.Point{Lat: 78.5, Lon: 16.5}},
		{name: "ordinary", at: here, radiusKm: 3, from: away(here, 2000, 2000)},
	}
	for _, s := range scenarios {
		t.Run(s.name, func(t *testing.T) {
			ix := NewIndex()
			ix.Put(place("p", "Edge Café", "", nil, s.at, s.radiusKm))
			d := geo.DistanceM(s.at, s.from)
			if !geo.Within(d, s.radiusKm) {
				t.Fatalf("fixture: %d m is outside %v km", d, s.radiusKm)
			}
			res := ix.Search(Params{At: s.from, Sort: SortDistance, Page: 1, PerPage: 1}, noon)
			if res.TotalItems != 1 || res.Items[0].DistanceKm != geo.KmFromM(d) {
				t.Fatalf("got %+v; want the place at %d m", res, d)
			}
		})
	}
}

func TestVocabPrefixRange(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"a", "b", "p", "i", "z", "é", "ß", "1", "9", "ж", "寿", "ａ"}
	for round := range 200 {
		flags := map[string]uint8{}
		for range r.IntN(60) {
			var b strings.Builder
			for range 1 + r.IntN(12) {
				b.WriteString(alphabet[r.IntN(len(alphabet))])
			}
			for _, w := range search.Words(b.String()) {
				flags[w] = fromItem
			}
		}
		v := newVocab(flags)
		var words []string
		for i := range v.ends {
			words = append(words, v.word(i))
		}
		if !slices.IsSorted(words) || len(words) != len(flags) {
			t.Fatalf("round %d: vocab words %q; want the %d words sorted", round, words, len(flags))
		}
		for range 50 {
			var b strings.Builder
			for range 1 + r.IntN(10) {
				b.WriteString(alphabet[r.IntN(len(alphabet))])
			}
			token := search.Fold(b.String())
			if r.IntN(4) == 0 && len(words) > 0 { // a real prefix, often of 8 bytes or more
				w := words[r.IntN(len(words))]
				token = w[:1+r.IntN(len(w))]
			}
			lo, hi := v.prefixRange(token)
			wantLo, wantHi := -1, -1
			for i, w := range words {
				if strings.HasPrefix(w, token) {
					if wantLo < 0 {
						wantLo = i
					}
					wantHi = i + 1
				}
			}
			if wantLo < 0 {
				wantLo, wantHi = lo, lo
			}
			if lo != wantLo || hi != wantHi {
				t.Fatalf("round %d: prefixRange(%q) in %q: got [%d, %d); want [%d, %d)", round, token, words, lo, hi, wantLo, wantHi)
			}
			if got, want := v.search(token), sortSearch(words, token); got != want {
				t.Fatalf("round %d: search(%q) in %q: got %d; want %d", round, token, words, got, want)
			}
		}
	}
}

func sortSearch(words []string, s string) int {
	i, _ := slices.BinarySearch(words, s)
	return i
}

// TestVocabEdgeBytes checks the key arithmetic with bytes no folded word has, which only a caller passing
// words of its own could bring: 0xff (no upper bound for the key) and bytes between the buckets.
func TestVocabEdgeBytes(t *testing.T) {
	words := []string{"!bang", "9lives", ":colon", "zz", "\xff\xff", "\xff\xff\xff\xff\xff\xff\xff\xff\xffx"}
	flags := map[string]uint8{}
	for _, w := range words {
		flags[w] = fromItem
	}
	v := newVocab(flags)
	slices.Sort(words)
	for _, token := range []string{"!", "9", ":", "\xff", "\xff\xff\xff\xff\xff\xff\xff\xff", "\xff\xff\xff\xff\xff\xff\xff\xff\xff", "z", "zz", "zzz", ""} {
		lo, hi := v.prefixRange(token)
		var got []string
		for i := lo; i < hi; i++ {
			got = append(got, v.word(i))
		}
		var want []string
		for _, w := range words {
			if strings.HasPrefix(w, token) {
				want = append(want, w)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("prefixRange(%q): got %q; want %q", token, got, want)
		}
	}
}

func TestVocabLevel(t *testing.T) {
	v := newVocab(map[string]uint8{"pizza": fromName | fromOwn, "pizzeria": fromItem, "pasta": fromOwn, "penne": fromItem})
	for _, s := range []struct {
		token string
		want  int
	}{{"pizz", levelName}, {"pizze", levelItem}, {"pa", levelOwn}, {"p", levelName}, {"pe", levelItem}, {"x", levelNone}} {
		if got := v.level(v.prefixRange(s.token)); got != s.want {
			t.Errorf("level(%q): got %d; want %d", s.token, got, s.want)
		}
	}
}

// TestIndexSamePlaceTwice: a place handed over twice in one call is indexed as the last copy, words
// included, by Put and by Builder alike.
func TestIndexSamePlaceTwice(t *testing.T) {
	first := place("dup", "Old Name", "", nil, here, 5, menuItem("dup-1", "Old Dish", 100, 0, ""))
	second := place("dup", "New Name", "", nil, here, 5, menuItem("dup-2", "New Dish", 100, 0, ""))
	var b Builder
	b.Add(first)
	b.Add(second)
	put := NewIndex()
	put.Put(first, second)
	for name, ix := range map[string]*Index{"Builder": b.Index(), "Put": put} {
		for q, want := range map[string]int{"old": 0, "new": 1, "dish": 1} {
			if got := ix.Search(Params{At: here, Query: NewQuery(q), Sort: SortDistance, Page: 1, PerPage: 5}, noon).TotalItems; got != want {
				t.Errorf("%s: q %q: got %d hits; want %d", name, q, got, want)
			}
		}
		if ix.Len() != 1 {
			t.Errorf("%s: Len %d; want 1", name, ix.Len())
		}
	}
}

// TestIndexIncrementalMatchesBuild: an Index kept up to date by Put and Remove answers every search as an
// Index built from scratch over the same places does.
func TestIndexIncrementalMatchesBuild(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 34))
	words := strings.Fields("pizza pasta sushi ramen burger bun bao curry crème straße tofu taco thai 7up ñoño")
	text := func(n int) string {
		ws := make([]string, n)
		for i := range ws {
			ws[i] = words[r.IntN(len(words))]
		}
		return strings.Join(ws, " ")
	}
	random := func(id string) Place {
		var items []Item
		for j := range r.IntN(5) {
			items = append(items, menuItem(fmt.Sprintf("%s-%d", id, j), text(1+r.IntN(2)), int64(r.IntN(900)), int64(r.IntN(3)), text(r.IntN(3))))
		}
		p := place(id, text(1+r.IntN(2)), text(r.IntN(3)), []string{"pizza", "sushi", "thai"}[:r.IntN(3)],
			away(here, r.NormFloat64()*2000, r.NormFloat64()*2000), 0.5+r.Float64()*4, items...)
		p.Active = r.IntN(8) != 0
		p.RatingAvg = float64(r.IntN(5))
		return p
	}
	live := NewIndex()
	current := map[string]Place{}
	for step := range 3000 {
		id := fmt.Sprintf("p%03d", r.IntN(150))
		if r.IntN(5) == 0 {
			live.Remove(id)
			delete(current, id)
		} else {
			p := random(id)
			live.Put(p)
			current[id] = p
		}
		if step%500 != 499 {
			continue
		}
		checkLetters(t, live)
		var b Builder
		for _, p := range current {
			b.Add(p)
		}
		built := b.Index()
		checkLetters(t, built)
		for range 50 {
			q := ""
			if r.IntN(4) != 0 {
				q = text(1 + r.IntN(2))
				if r.IntN(2) == 0 {
					q = q[:1+r.IntN(2)]
				}
			}
			p := Params{At: away(here, r.NormFloat64()*1500, r.NormFloat64()*1500), Query: NewQuery(q),
				Sort: sorts[r.IntN(len(sorts))], Page: 1, PerPage: 100}
			if got, want := live.Search(p, noon), built.Search(p, noon); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("step %d, q %q, %s: incremental\n%v\nbuilt\n%v", step, q, p.Sort, got, want)
			}
		}
	}
}

// checkLetters: the one-letter bitsets of ix hold exactly the initials of the places in their slots, and
// nothing for a free slot.
func checkLetters(t *testing.T, ix *Index) {
	t.Helper()
	for slot, e := range ix.places {
		var in initials
		if e != nil {
			in = newInitials(&e.vocab)
		}
		for b := range ix.letters {
			bit, s := uint64(1)<<b, &ix.letters[b]
			got := [3]bool{s.any.has(int32(slot)), s.own.has(int32(slot)), s.name.has(int32(slot))}
			if want := [3]bool{in.any&bit != 0, in.own&bit != 0, in.name&bit != 0}; got != want {
				t.Fatalf("slot %d, bucket %d: letters say %v; want %v", slot, b, got, want)
			}
		}
	}
}
