package main

import (
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// endpoint is one measured request kind; its URL list pairs with the other side's list line by line.
type endpoint struct {
	name  string
	title string
	build func(q query) string
}

// query is one random search: a customer's point and what they typed.
type query struct {
	lat, lon       float64
	word           string // a dish word, typed in lower case
	letter         string
	word1, word2   string // two dish words of one style
	cuisine        string // a cuisine of that style
	stockGeoFilter string
}

// endpoints are measured in this order, which interleaves ours and stock.
var endpoints = []endpoint{
	{"ours-a", "(a) location", func(q query) string { return ours(q, nil) }},
	{"stock-a", "(a) location", func(q query) string { return stock(q.stockGeoFilter) }},
	{"ours-b", "(b) location + word", func(q query) string { return ours(q, url.Values{"q": {q.word}}) }},
	{"stock-b", "(b) location + word", func(q query) string { return stock(q.stockGeoFilter + " && " + matches(q.word)) }},
	{"ours-c", "(c) location + 1 letter", func(q query) string { return ours(q, url.Values{"q": {q.letter}}) }},
	{"stock-c", "(c) location + 1 letter", func(q query) string { return stock(q.stockGeoFilter + " && " + matches(q.letter)) }},
	{"ours-d", "(d) location + 2 words + cuisine", func(q query) string {
		return ours(q, url.Values{"q": {q.word1 + " " + q.word2}, "cuisine": {q.cuisine}})
	}},
	{"stock-d", "(d) location + 2 words + cuisine", func(q query) string {
		return stock(q.stockGeoFilter + " && cuisines ?= '" + q.cuisine + "' && " + matches(q.word1) + " && " + matches(q.word2))
	}},
	{"floor", "stock list, no filter (floor)", func(query) string {
		return "/api/collections/restaurants/records?perPage=20&skipTotal=1"
	}},
}

func ours(q query, extra url.Values) string {
	v := url.Values{"lat": {fmt.Sprintf("%.6f", q.lat)}, "lon": {fmt.Sprintf("%.6f", q.lon)}}
	for k, vs := range extra {
		v[k] = vs
	}
	return "/api/delivery/search?" + v.Encode()
}

// stock is PocketBase's list API as a client would use it for the same question: the first 20 matches,
// no total count, public rules.
func stock(filter string) string {
	return "/api/collections/restaurants/records?" + url.Values{
		"perPage": {"20"}, "skipTotal": {"1"}, "filter": {filter},
	}.Encode()
}

// matches is the stock filter for "the restaurant's name or one of its menu items' names contains w".
func matches(w string) string {
	return fmt.Sprintf("(name ~ '%s' || menu_items_via_restaurant.name ?~ '%s')", w, w)
}

// writeURLs writes n random queries as one URL file per endpoint into dir.
func writeURLs(dir string, seed uint64, n int) error {
	r := rand.New(rand.NewPCG(seed, 99))
	qs := make([]query, n)
	for i := range qs {
		lat, lon := metroPoint(r)
		sty := styles[r.IntN(len(styles))]
		w1 := pick(r, sty.dishes)
		w2 := pick(r, sty.dishes)
		for w2 == w1 {
			w2 = pick(r, sty.dishes)
		}
		qs[i] = query{
			lat: lat, lon: lon,
			word:    strings.ToLower(pick(r, styles[r.IntN(len(styles))].dishes)),
			letter:  string("abcdefghiklmnoprstw"[r.IntN(19)]),
			word1:   strings.ToLower(w1),
			word2:   strings.ToLower(w2),
			cuisine: pick(r, sty.cuisines),
			stockGeoFilter: fmt.Sprintf("is_active = true && geoDistance(location.lon, location.lat, %.6f, %.6f) <= delivery_radius_km",
				lon, lat),
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, ep := range endpoints {
		var b strings.Builder
		for _, q := range qs {
			b.WriteString(ep.build(q))
			b.WriteByte('\n')
		}
		if err := os.WriteFile(filepath.Join(dir, ep.name+".txt"), []byte(b.String()), 0o644); err != nil {
			return err
		}
	}
	return nil
}
