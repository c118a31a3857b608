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
