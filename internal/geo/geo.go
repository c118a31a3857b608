// Package geo measures distances between delivery points on a spherical Earth.
//
// Every rule downstream (delivery fee, delivery radius, ETA, search sorting)
// works on one integer, the distance in whole metres from DistanceM, so that a
// cart, the order made from it and the search result that led to it can never
// disagree about a fee or a radius because of float noise.
package geo

import "math"

// EarthRadiusM is the mean Earth radius (IUGG) in metres that the API contract
// fixes for the haversine formula, so that every client computing a distance
// from the same two points gets the same metre.
const EarthRadiusM = 6371008.8

// Point is a location in degrees, shaped like PocketBase's geoPoint field
// ({lon, lat}) so glue code converts it field by field.
type Point struct {
	Lon, Lat float64
}

// Valid reports whether p is a real place: finite, latitude in [-90, 90] and
// longitude in [-180, 180]. Anything else is a client error, never a distance.
func Valid(p Point) bool {
	return p.Lat >= -90 && p.Lat <= 90 && p.Lon >= -180 && p.Lon <= 180 // NaN fails every comparison
}

// DistanceM is the haversine great-circle distance from a to b in metres,
// rounded half up to a whole metre as the contract requires.
//
// The result is symmetric and 0 for equal points. Points that are not Valid
// are math.MaxInt64 metres apart: an unknown distance must fail every radius
// check rather than pass it.
func DistanceM(a, b Point) int64 {
	if !Valid(a) || !Valid(b) {
		return math.MaxInt64
	}
	lat1, lat2 := radians(a.Lat), radians(b.Lat)
	sinLat := math.Sin((lat2 - lat1) / 2)
	sinLon := math.Sin(radians(b.Lon-a.Lon) / 2)
	h := sinLat*sinLat + math.Cos(lat1)*math.Cos(lat2)*sinLon*sinLon
	// Rounding can push h of nearly antipodal points a hair above 1, where
	// Asin is NaN.
	h = min(h, 1)
	d := 2 * EarthRadiusM * math.Asin(math.Sqrt(h))
	return int64(math.Floor(d + 0.5))
}

// KmFromM is the distance_km the API shows: metres as kilometres with two
// decimals, rounded half up on the integer metres (2345 m → 2.35), so that the
// shown value never disagrees with the metres the fee was computed from.
// The division is split so that no m can overflow.
func KmFromM(m int64) float64 {
	return float64(m/10+(m%10+5)/10) / 100
}

// TravelMinutes is the courier's travel time the contract budgets for m
// metres: ceil(m × 3 / 1000), i.e. 20 km/h in city traffic. Non-positive
// distances take no time. The division is split so that no m can overflow.
func TravelMinutes(m int64) int64 {
	if m <= 0 {
		return 0
	}
	return m/1000*3 + (m%1000*3+999)/1000
}

// Within reports whether a distance in metres is inside a radius given in
// kilometres, as restaurants store delivery_radius_km. A tiny tolerance
// absorbs the float error of radiusKm × 1000 so that a 2.345 km radius covers
// exactly 2345 m; it is far below a metre, so it never admits 2346 m.
func Within(distanceM int64, radiusKm float64) bool {
	const toleranceM = 1e-6
	return float64(distanceM) <= radiusKm*1000+toleranceM
}

func radians(deg float64) float64 {
	return deg * math.Pi / 180
}
