package delivery

import (
	"math"

	"github.com/dishpatch/dishpatch/internal/geo"
)

// The search decides on the contract's distance in whole metres (geo.DistanceM) for every restaurant that
// may deliver to a point, thousands per search in a dense city, and the haversine formula's sines, cosines
// and arcsine would dominate its cost. Yet the rounded metre is almost always decided long before the last
// digits. So the search works on the straight-line chord between the two points on the sphere, a few
// multiplications of precomputed unit vectors: the squared chord, compared with bounds precomputed per
// radius (reach), tells in range from out of range, and orders hits; chordDistanceM gives the metre where
// one is needed (the page, a sort by eta or fee, a place within a metre of its radius), and calls
// geo.DistanceM only when the chord leaves the metre in doubt.
//
// The bound: for a chord c on the unit sphere the arc is 2·asin(c/2) = c + c³/24 + 3c⁵/640 + …, so
// R·c ≤ arc ≤ R·c·(1 + c²/24·1.01) while c ≤ maxChord (about 64 km, beyond any delivery radius). The
// floating-point error of either computation is below a micrometre at these distances; floatSlack allows
// a hundred times that. When every distance in the resulting interval rounds half up to the same metre,
// that metre is geo.DistanceM's; otherwise, for roughly one pair in a thousand, geo.DistanceM decides.
const (
	maxChord   = 0.01
	floatSlack = 1e-4 // metres
)

// unit is a point as a unit vector, computed once per place and once per search.
type unit struct{ x, y, z float64 }

func toUnit(p geo.Point) unit {
	lat, lon := p.Lat*math.Pi/180, p.Lon*math.Pi/180
	c := math.Cos(lat)
	return unit{c * math.Cos(lon), c * math.Sin(lon), math.Sin(lat)}
}

// chordDistanceM returns geo.DistanceM between the valid points whose unit vectors are ua and ub, and
// true, or false when the chord leaves the metre in doubt and geo.DistanceM must decide.
func chordDistanceM(ua, ub unit) (int64, bool) {
	dx, dy, dz := ua.x-ub.x, ua.y-ub.y, ua.z-ub.z
	if c := math.Sqrt(dx*dx + dy*dy + dz*dz); c <= maxChord {
		low := geo.EarthRadiusM * c
		high := low * (1 + c*c/24*1.01)
		// Rounding half up of a positive value: truncation of value + 0.5, one instruction where
		// math.Floor is a call on the baseline amd64.
		if m := int64(low - floatSlack + 0.5); m == int64(high+floatSlack+0.5) {
			return m, true
		}
	}
	return 0, false
}

// reach is a delivery radius as two bounds on the squared chord, so that the search can tell most places
// in or out of range before it knows the metre: a squared chord below in is surely within the radius (in
// geo.Within's sense of geo.DistanceM), one above out surely not; in between, geo.DistanceM decides.
//
// With T the last whole metre within the radius, a point is within iff its distance rounds to T or less,
// that is iff it is less than T + ½. The arc is at least R·c for every chord c, so R²·c² > (T + ½ + slack)²
// means surely out. Below maxChord the arc is at most R·c·(1 + c²/24·1.01); for c ≤ c₀ = (T + ½)/R that is at
// most R·c·(1 + c₀²/24·1.01), so c² < ((T + ½ − slack) / (R·(1 + c₀²/24·1.01)))² means surely in. The bounds
// are float32, rounded inwards, to keep a candidate in one cache line.
type reach struct {
	in, out float32
}

func newReach(radiusKm float64) reach {
	t := math.Floor(radiusKm*1000 + withinToleranceM)
	if t < 0 || math.IsNaN(t) {
		return reach{} // nothing is within: every squared chord is above out but for the point itself
	}
	c0 := (t + 0.5) / geo.EarthRadiusM
	out := up(sq((t + 0.5 + floatSlack) / geo.EarthRadiusM))
	if c0 > maxChord {
		return reach{in: 0, out: out} // beyond the arc's bound: only "surely out" can be told
	}
	in := down(sq((t + 0.5 - floatSlack) / (geo.EarthRadiusM * (1 + c0*c0/24*1.01))))
	return reach{in: in, out: out}
}

// withinToleranceM is geo.Within's tolerance.
const withinToleranceM = 1e-6

func sq(x float64) float64 { return x * x }

// sure tells whether the point at squared chord csq is within the radius, when the bounds decide it.
func (r reach) sure(csq float64) (within, sure bool) {
	switch {
	case csq < float64(r.in):
		return true, true
	case csq > float64(r.out):
		return false, true
	}
	return false, false
}

// widen returns bounds that still decide rightly for a squared chord measured up to err off in chord
// length: surely in below (√in − err)², surely out above (√out + err)².
func (r reach) widen(err float64) reach {
	in := math.Sqrt(float64(r.in)) - err
	if in <= 0 {
		in = 0
	}
	return reach{in: down(sq(in)), out: up(sq(math.Sqrt(float64(r.out)) + err))}
}

// spot is what the candidate scan reads of every place listed in the point's cell: the place's unit
// vector in float32 and its reach widened by spotErr, 20 bytes, where the exact unit vector and a box
// test took 40 and more. The scan is bound by the memory it reads: a dense city's central cell lists tens
// of thousands of places.
type spot struct {
	x, y, z float32
	reach   reach
}

// spotErr bounds how far a spot's chord to a point is from the exact one: rounding each component of a
// unit vector to float32 moves it by at most half an ulp below 1, 2⁻²⁵, so the vector by at most
// √3·2⁻²⁵ < 5.2e-8 (about 0.33 m on the Earth), and the chord by no more (triangle inequality); the
// float64 arithmetic adds about 1e-16.
const spotErr = 6e-8

func newSpot(u unit, r reach) spot {
	return spot{x: float32(u.x), y: float32(u.y), z: float32(u.z), reach: r.widen(spotErr)}
}

// chordSq is the squared chord from the spot to the point whose exact unit vector is at, within spotErr
// in chord length of the exact one.
func (s *spot) chordSq(at unit) float64 {
	dx, dy, dz := float64(s.x)-at.x, float64(s.y)-at.y, float64(s.z)-at.z
	return dx*dx + dy*dy + dz*dz
}
