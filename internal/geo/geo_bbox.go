package geo

import "math"

// BBox returns a latitude/longitude box that contains every point whose
// DistanceM from p is at most radiusM, for a cheap indexed pre-filter (SQL
// BETWEEN) before the exact distance check.
//
// The box errs on the large side, never the small one: a point the pre-filter
// drops is a restaurant a customer never sees. So the radius is widened by the
// half metre that DistanceM's rounding admits plus float slack; a circle that
// reaches a pole gets every longitude; a circle that crosses the antimeridian
// gets every longitude too, because one box is what a single range query
// needs and such places (the Pacific, Chukotka, Fiji) barely have restaurants.
// Latitudes are clamped to [-90, 90]. An invalid p or a non-finite radius
// yields the whole world; a negative radius counts as 0.
func BBox(p Point, radiusM float64) (minLat, maxLat, minLon, maxLon float64) {
	if !Valid(p) || math.IsNaN(radiusM) || math.IsInf(radiusM, 0) {
		return -90, 90, -180, 180
	}
	const slackM = 1 // covers DistanceM's half-metre rounding with room to spare
	angle := (max(radiusM, 0) + slackM) / EarthRadiusM * (1 + 1e-9)
	dLat := angle * 180 / math.Pi
	minLat, maxLat = p.Lat-dLat, p.Lat+dLat
	if minLat <= -90 || maxLat >= 90 {
		return max(minLat, -90), min(maxLat, 90), -180, 180
	}
	// The widest longitude of a spherical circle is asin(sin δ / cos φ), reached
	// poleward of the centre: a flat dLat/cos φ would be too small at high
	// latitudes. Away from the poles the ratio is below 1; min only keeps float
	// noise next to a pole from making Asin NaN (at 1 the circle touches the
	// pole and its extent is exactly 90°).
	dLon := math.Asin(min(math.Sin(angle)/math.Cos(radians(p.Lat)), 1)) * 180 / math.Pi
	minLon, maxLon = p.Lon-dLon, p.Lon+dLon
	if minLon < -180 || maxLon > 180 {
		return minLat, maxLat, -180, 180
	}
	return minLat, maxLat, minLon, maxLon
}
