package geo

import (
	"math"
	"math/rand/v2"
	"testing"
)

var bboxScenarios = []struct {
	name                         string
	p                            Point
	radiusM                      float64
	wantWholeLon, wantWholeWorld bool
}{
	{name: "Berlin 5 km", p: alexanderplatz, radiusM: 5000},
	{name: "equator 50 km", p: nullIsland, radiusM: 50000},
	{name: "zero radius still has slack", p: alexanderplatz, radiusM: 0},
	{name: "negative radius counts as zero", p: alexanderplatz, radiusM: -100},
	{name: "circle over the north pole", p: Point{Lat: 89.9, Lon: 10}, radiusM: 50000, wantWholeLon: true},
	{name: "circle over the south pole", p: Point{Lat: -89.9, Lon: 10}, radiusM: 50000, wantWholeLon: true},
	{name: "centre at the pole", p: northPole, radiusM: 0, wantWholeLon: true},
	{name: "crossing the antimeridian eastwards", p: dateLineWest, radiusM: 50000, wantWholeLon: true},
	{name: "crossing the antimeridian westwards", p: dateLineEast, radiusM: 50000, wantWholeLon: true},
	{name: "radius beyond half the globe", p: alexanderplatz, radiusM: 3e7, wantWholeWorld: true},
	{name: "NaN radius", p: alexanderplatz, radiusM: math.NaN(), wantWholeWorld: true},
	{name: "infinite radius", p: alexanderplatz, radiusM: math.Inf(1), wantWholeWorld: true},
	{name: "invalid centre", p: Point{Lat: 100}, radiusM: 10, wantWholeWorld: true},
}

func TestBBox(t *testing.T) {
	for _, s := range bboxScenarios {
		t.Run(s.name, func(t *testing.T) {
			minLat, maxLat, minLon, maxLon := BBox(s.p, s.radiusM)
			if s.wantWholeWorld {
				if minLat != -90 || maxLat != 90 || minLon != -180 || maxLon != 180 {
					t.Fatalf("BBox = [%v, %v] × [%v, %v]; want the whole world", minLat, maxLat, minLon, maxLon)
				}
				return
			}
			if minLat < -90 || maxLat > 90 {
				t.Errorf("BBox latitudes [%v, %v]; want within [-90, 90]", minLat, maxLat)
			}
			if whole := minLon == -180 && maxLon == 180; whole != s.wantWholeLon {
				t.Errorf("BBox longitudes [%v, %v] whole = %v; want %v", minLon, maxLon, whole, s.wantWholeLon)
			}
			if !(minLat <= s.p.Lat && s.p.Lat <= maxLat && minLon <= s.p.Lon && s.p.Lon <= maxLon) {
				t.Errorf("BBox = [%v, %v] × [%v, %v]; want it to contain the centre %+v", minLat, maxLat, minLon, maxLon, s.p)
			}
			// Conservative, but still a useful filter: no taller than the
			// circle plus a couple of metres.
			if limit := 2 * (max(s.radiusM, 0) + 2) / EarthRadiusM * 180 / math.Pi; maxLat-minLat > limit {
				t.Errorf("BBox latitude span %v; want at most %v", maxLat-minLat, limit)
			}
			// The box must reach the circle's edge due north, south, east and
			// west (bearings 0°, 90°, 180°, 270°) and the eastern/western
			// extreme, which lies poleward.
			for _, q := range ring(s.p, max(s.radiusM, 0), 360) {
				if !(minLat <= q.Lat && q.Lat <= maxLat && minLon <= q.Lon && q.Lon <= maxLon) {
					t.Fatalf("BBox = [%v, %v] × [%v, %v] misses %+v at %d m", minLat, maxLat, minLon, maxLon, q, DistanceM(s.p, q))
				}
			}
		})
	}
}

// destination is the point at distance d metres and bearing θ from p on the
// sphere (standard direct geodesic formula), normalised into the valid range.
func destination(p Point, d, bearing float64) Point {
	δ := d / EarthRadiusM
	φ1, λ1 := p.Lat*math.Pi/180, p.Lon*math.Pi/180
	φ2 := math.Asin(math.Sin(φ1)*math.Cos(δ) + math.Cos(φ1)*math.Sin(δ)*math.Cos(bearing))
	λ2 := λ1 + math.Atan2(math.Sin(bearing)*math.Sin(δ)*math.Cos(φ1), math.Cos(δ)-math.Sin(φ1)*math.Sin(φ2))
	lon := math.Remainder(λ2*180/math.Pi, 360)
	return Point{Lon: max(-180, min(180, lon)), Lat: max(-90, min(90, φ2*180/math.Pi))}
}

// ring returns n points on the circle of radius d (plus the half metre that
// DistanceM rounds down) around p.
func ring(p Point, d float64, n int) []Point {
	pts := make([]Point, n)
	for i := range pts {
		pts[i] = destination(p, d+0.49, 2*math.Pi*float64(i)/float64(n))
	}
	return pts
}

// TestBBoxNeverTooSmall is the property the search pre-filter relies on:
// every point that Within accepts lies inside the box, at any latitude.
func TestBBoxNeverTooSmall(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	for range 2000 {
		c := randomPoint(r)
		if r.IntN(4) == 0 { // stress the polar and antimeridian cases
			c.Lat = math.Copysign(89+r.Float64(), c.Lat)
		}
		radiusKm := float64(r.IntN(50000)+1) / 1000
		minLat, maxLat, minLon, maxLon := BBox(c, radiusKm*1000)
		for range 50 {
			q := destination(c, r.Float64()*(radiusKm*1000+1), r.Float64()*2*math.Pi)
			if !Within(DistanceM(c, q), radiusKm) {
				continue
			}
			if !(minLat <= q.Lat && q.Lat <= maxLat && minLon <= q.Lon && q.Lon <= maxLon) {
				t.Fatalf("BBox(%+v, %v) = [%v, %v] × [%v, %v] misses %+v at %d m", c, radiusKm*1000, minLat, maxLat, minLon, maxLon, q, DistanceM(c, q))
			}
		}
	}
}
