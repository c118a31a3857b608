// Package delivery answers the delivery search of the API contract: which active restaurants deliver to a
// point, which of them match a text query, in which order, and what delivering to that point costs.
//
// It is pure: the glue feeds it Places (restaurants with their available menu items, text already folded
// into words by package search) and asks an Index. The Index keeps everything a search touches in memory,
// because a search weighs hundreds to tens of thousands of restaurants around a point, and at that count
// even one SQLite B-tree seek per restaurant is the whole time budget:
//
//   - a grid of delivery bounding boxes (geo.BBox) lists the restaurants that may deliver to a point, and
//     the exact distance in whole metres (geo.DistanceM) decides; float32 chords, compact enough for the
//     scan to stay in cache, decide all but the places within a metre of a radius, and rank the hits
//     until settle measures the page's metres;
//   - each query token becomes a bitset of the restaurants with a word it prefixes, from a sorted lexicon
//     of every word (a one-letter token's bitsets are kept ready), so testing a candidate is a bit test,
//     and a one-letter prefix costs what a whole word does;
//   - the page's restaurants then pick their matched items from their own sorted vocabulary.
package delivery

import (
	"github.com/dishpatch/dishpatch/internal/geo"
	"github.com/dishpatch/dishpatch/internal/hours"
)

// Place is one restaurant as the search sees it.
type Place struct {
	// ID is the restaurant's record id; results with equal sort keys are ordered by it.
	ID       string
	Name     string
	Slug     string
	Cuisines []string
	Address  string
	Cover    string
	Currency string
	// Location is where deliveries start; RadiusKm is how far the restaurant delivers.
	Location geo.Point
	RadiusKm float64
	// Active is false for restaurants hidden from customers: an Index never returns them.
	Active      bool
	RatingAvg   float64
	RatingCount int64
	MinOrder    int64
	PrepMinutes int64
	// FeeBase and FeePerKm are delivery_fee_base and delivery_fee_per_km, in minor units.
	FeeBase  int64
	FeePerKm int64
	// Hours are the parsed opening hours; the zero Week is closed all week, which is what unreadable
	// hours must mean (a restaurant is never shown open by mistake).
	Hours hours.Week
	// NameWords are search.Words(name); OwnWords are search.Words of the name, the cuisines and the
	// description: the restaurant's own text. Both sorted, as search.Words returns them.
	NameWords []string
	OwnWords  []string
	// Items are the restaurant's available menu items; unavailable ones must be left out.
	Items []Item
}

// Item is one available menu item of a Place.
type Item struct {
	ID        string
	Name      string
	Price     int64
	SortOrder int64
	// Words are search.Words(name, description), sorted.
	Words []string
}

// Location is a point as the API shows it, shaped like PocketBase's geoPoint field.
type Location struct {
	Lon float64 `json:"lon"`
	Lat float64 `json:"lat"`
}

// MatchedItem is a menu item shown under a restaurant because it matched part of the query.
type MatchedItem struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Price int64  `json:"price"`
}

// Hit is one restaurant of a search result, in the contract's shape.
type Hit struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Slug        string   `json:"slug"`
	Cuisines    []string `json:"cuisines"`
	Address     string   `json:"address"`
	Location    Location `json:"location"`
	RatingAvg   float64  `json:"rating_avg"`
	RatingCount int64    `json:"rating_count"`
	Cover       string   `json:"cover"`
	Currency    string   `json:"currency"`
	MinOrder    int64    `json:"min_order"`
	// DistanceKm is geo.KmFromM of the distance in metres that every other figure uses.
	DistanceKm  float64 `json:"distance_km"`
	EtaMinutes  int64   `json:"eta_minutes"`
	DeliveryFee int64   `json:"delivery_fee"`
	IsOpen      bool    `json:"is_open"`
	// MatchedItems is never nil, so that it is [] rather than null in JSON.
	MatchedItems []MatchedItem `json:"matched_items"`
}

// Result is one page of a search, in PocketBase's list envelope.
type Result struct {
	Page       int   `json:"page"`
	PerPage    int   `json:"perPage"`
	TotalItems int   `json:"totalItems"`
	TotalPages int   `json:"totalPages"`
	Items      []Hit `json:"items"`
}
