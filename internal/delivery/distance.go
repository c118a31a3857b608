package delivery

import (
	"math"

	"github.com/dishpatch/dishpatch/internal/geo"
)

// The search needs the contract's distance in whole metres (geo.DistanceM) for every restaurant that may
// deliver to a point, thousands per search in a dense city, and the haversine formula's sines, cosines and
// arcsine dominate the cost of a search by location. Yet the rounded metre is almost always decided long
// before the last digits: so the search first takes the straight-line chord between the two points on the
// sphere, a few multiplications of precomputed unit vectors, and calls geo.DistanceM only when the chord
// leaves the metre in doubt.
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

// chordSq is the squared chord between the unit vectors ua and ub: it orders distances as the arc does,
// without the square root.
func chordSq(ua, ub unit) float64 {
	dx, dy, dz := ua.x-ub.x, ua.y-ub.y, ua.z-ub.z
	return dx*dx + dy*dy + dz*dz
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
