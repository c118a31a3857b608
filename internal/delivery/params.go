package delivery

import (
	"fmt"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dishpatch/dishpatch/internal/geo"
	"github.com/dishpatch/dishpatch/internal/search"
)

// Paging and radius limits of the contract.
const (
	// DefaultPerPage is the page size without a perPage parameter.
	DefaultPerPage = 20
	// MaxPerPage is the largest page a client may ask for.
	MaxPerPage = 100
	// MaxRadiusKm bounds the radius_km parameter, like delivery_radius_km itself.
	MaxRadiusKm = 50
)

// Sort is the order of a search result. Every sort breaks ties by distance, then by restaurant id.
type Sort string

// The sorts of the contract.
const (
	// SortRelevance orders by tier (0: every token matches the name; 1: every token matches the
	// restaurant's own text; 2: menu items were needed). Without a query every place is tier 0.
	SortRelevance Sort = "relevance"
	// SortDistance orders nearest first.
	SortDistance Sort = "distance"
	// SortRating orders by rating_avg, highest first.
	SortRating Sort = "rating"
	// SortETA orders by eta_minutes, lowest first.
	SortETA Sort = "eta"
	// SortDeliveryFee orders by delivery_fee, lowest first.
	SortDeliveryFee Sort = "delivery_fee"
)

var sorts = []Sort{SortRelevance, SortDistance, SortRating, SortETA, SortDeliveryFee}

// Params is a validated search request.
type Params struct {
	At    geo.Point
	Query Query
	// Cuisine, when not empty, keeps only restaurants that list it.
	Cuisine string
	// RadiusKm, when > 0, keeps only restaurants at most this far from At.
	RadiusKm float64
	// OpenNow keeps only restaurants that are open at the search's instant.
	OpenNow bool
	Sort    Sort
	Page    int
	PerPage int
}

// ParamError is a bad search parameter, shaped for a field error: the parameter, a machine-readable code
// and a sentence a frontend can show.
type ParamError struct {
	Param   string
	Code    string
	Message string
}

// Error returns the message prefixed with the package and the parameter.
func (e *ParamError) Error() string {
	return "delivery: " + e.Param + ": " + e.Message
}

// ParamErrors lists every bad parameter of a request, in the order ParseParams checks them, so that a
// client learns all its mistakes from one 400.
type ParamErrors []*ParamError

// Error joins the errors.
func (errs ParamErrors) Error() string {
	msgs := make([]string, len(errs))
	for i, e := range errs {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "; ")
}

// ParseParams validates the query parameters of GET /api/delivery/search. cuisines are the values of the
// restaurants' cuisines select, the only values the cuisine parameter may take.
//
// lat and lon are required decimal degrees; NaN, infinities and values out of range are refused. Every
// other parameter is optional, and an empty value counts as absent (a form submits empty fields). The
// first value of a repeated parameter counts, as with url.Values.Get. A q of more than search.MaxQueryLen
// characters is refused before it is tokenized; a q without letters or digits is no query. open_now takes
// exactly "true" or "false"; page and perPage are decimal integers. sort defaults to relevance with a
// query and to distance without one; relevance without a query orders by distance.
//
// The error, if any, is ParamErrors.
func ParseParams(v url.Values, cuisines []string) (Params, error) {
	p := Params{Sort: SortDistance, Page: 1, PerPage: DefaultPerPage}
	var errs ParamErrors
	fail := func(param, code, format string, args ...any) {
		errs = append(errs, &ParamError{Param: param, Code: code, Message: fmt.Sprintf(format, args...)})
	}

	coordinate := func(param, what string, limit float64) float64 {
		s := v.Get(param)
		if s == "" {
			fail(param, "validation_required", "Enter the %s of the delivery point.", what)
			return 0
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			fail(param, "validation_invalid_number", "The %s must be a number in degrees, e.g. %s=%s.", what, param, example(param))
			return 0
		}
		if f < -limit || f > limit {
			fail(param, "validation_out_of_range", "The %s must be between %v and %v.", what, -limit, limit)
		}
		return f
	}
	p.At.Lat = coordinate("lat", "latitude", 90)
	p.At.Lon = coordinate("lon", "longitude", 180)

	if q := v.Get("q"); utf8.RuneCountInString(q) > search.MaxQueryLen {
		fail("q", "validation_too_long", "The search text may have at most %d characters.", search.MaxQueryLen)
	} else {
		p.Query = NewQuery(q)
	}
	if !p.Query.Empty() {
		p.Sort = SortRelevance
	}

	if c := v.Get("cuisine"); c != "" {
		if slices.Contains(cuisines, c) {
			p.Cuisine = c
		} else {
			fail("cuisine", "validation_invalid_value", "Unknown cuisine %q.", c)
		}
	}

	if s := v.Get("radius_km"); s != "" {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || !(f > 0 && f <= MaxRadiusKm) { // NaN fails the comparison
			fail("radius_km", "validation_out_of_range", "The radius must be a number of kilometres greater than 0 and at most %d.", MaxRadiusKm)
		} else {
			p.RadiusKm = f
		}
	}

	switch s := v.Get("open_now"); s {
	case "", "false":
	case "true":
		p.OpenNow = true
	default:
		fail("open_now", "validation_invalid_value", "The open_now parameter must be true or false.")
	}

	if s := v.Get("sort"); s != "" {
		if i := slices.Index(sorts, Sort(s)); i >= 0 {
			p.Sort = sorts[i]
		} else {
			fail("sort", "validation_invalid_value", "Unknown sort %q; use relevance, distance, rating, eta or delivery_fee.", s)
		}
	}

	integer := func(param string, lo, hi int, def int, msg string) int {
		s := v.Get(param)
		if s == "" {
			return def
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < lo || n > hi {
			fail(param, "validation_out_of_range", "%s", msg)
			return def
		}
		return n
	}
	p.Page = integer("page", 1, math.MaxInt, 1, "The page must be a whole number of at least 1.")
	p.PerPage = integer("perPage", 1, MaxPerPage, DefaultPerPage,
		fmt.Sprintf("The page size (perPage) must be a whole number from 1 to %d.", MaxPerPage))

	if len(errs) > 0 {
		return Params{}, errs
	}
	return p, nil
}

func example(param string) string {
	if param == "lat" {
		return "52.52"
	}
	return "13.405"
}
