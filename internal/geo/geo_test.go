package geo

import (
	"math"
	"math/rand/v2"
	"testing"
)

var (
	alexanderplatz    = Point{Lon: 13.413215, Lat: 52.521918}
	brandenburgerTor  = Point{Lon: 13.377704, Lat: 52.516275}
	notreDame         = Point{Lon: 2.3522, Lat: 48.8566}
	trafalgarSquare   = Point{Lon: -0.1276, Lat: 51.5072}
	nullIsland        = Point{}
	northPole         = Point{Lat: 90}
	southPole         = Point{Lat: -90}
	dateLineWest      = Point{Lon: 179.9}
	dateLineEast      = Point{Lon: -179.9}
	oneDegreeEastNull = Point{Lon: 1}
)

var validScenarios = []struct {
	name string
	p    Point
	want bool
}{
	{name: "null island", p: nullIsland, want: true},
	{name: "corners are inclusive", p: Point{Lon: -180, Lat: 90}, want: true},
	{name: "other corner", p: Point{Lon: 180, Lat: -90}, want: true},
	{name: "latitude above 90", p: Point{Lat: 90.0001}, want: false},
	{name: "latitude below -90", p: Point{Lat: -90.0001}, want: false},
	{name: "longitude above 180", p: Point{Lon: 180.0001}, want: false},
	{name: "longitude below -180", p: Point{Lon: -180.0001}, want: false},
	{name: "NaN latitude", p: Point{Lat: math.NaN()}, want: false},
	{name: "NaN longitude", p: Point{Lon: math.NaN()}, want: false},
	{name: "infinite longitude", p: Point{Lon: math.Inf(1)}, want: false},
}

func TestValid(t *testing.T) {
	for _, s := range validScenarios {
		t.Run(s.name, func(t *testing.T) {
			if got := Valid(s.p); got != s.want {
				t.Errorf("Valid(%+v) = %v; want %v", s.p, got, s.want)
			}
		})
	}
}

// The expected metres were computed outside Go (a Python haversine with the
// same radius) and agree with the chord oracle below; the equator and pole
// rows are multiples of R·π, checkable by hand.
var distanceScenarios = []struct {
	name string
	a, b Point
	want int64
}{
	{name: "same point", a: alexanderplatz, b: alexanderplatz, want: 0},
	{name: "Alexanderplatz to Brandenburger Tor", a: alexanderplatz, b: brandenburgerTor, want: 2483},
	{name: "Paris to London", a: notreDame, b: trafalgarSquare, want: 343530},
	{name: "one degree along the equator", a: nullIsland, b: oneDegreeEastNull, want: 111195}, // R·π/180 = 111195.08
	{name: "equator to pole", a: nullIsland, b: northPole, want: 10007557},                    // R·π/2 = 10007557.22
	{name: "pole to pole", a: southPole, b: northPole, want: 20015114},                        // R·π = 20015114.44
	{name: "antipodes", a: nullIsland, b: Point{Lon: 180}, want: 20015114},
	{name: "across the antimeridian is short", a: dateLineWest, b: dateLineEast, want: 22239},
	{name: "all longitudes meet at the pole", a: northPole, b: Point{Lon: 120, Lat: 90}, want: 0},
	{name: "invalid first point is unreachable", a: Point{Lat: 91}, b: nullIsland, want: math.MaxInt64},
	{name: "invalid second point is unreachable", a: nullIsland, b: Point{Lon: math.NaN()}, want: math.MaxInt64},
}

func TestDistanceM(t *testing.T) {
	for _, s := range distanceScenarios {
		t.Run(s.name, func(t *testing.T) {
			if got := DistanceM(s.a, s.b); got != s.want {
				t.Errorf("DistanceM(%+v, %+v) = %d; want %d", s.a, s.b, got, s.want)
			}
			if got := DistanceM(s.b, s.a); got != s.want {
				t.Errorf("DistanceM(%+v, %+v) = %d; want %d (symmetry)", s.b, s.a, got, s.want)
			}
		})
	}
}

// chordM is an oracle independent of haversine: the straight-line chord
// between the two unit vectors, turned into an arc.
func chordM(a, b Point) float64 {
	vec := func(p Point) (x, y, z float64) {
		lat, lon := p.Lat*math.Pi/180, p.Lon*math.Pi/180
		return math.Cos(lat) * math.Cos(lon), math.Cos(lat) * math.Sin(lon), math.Sin(lat)
	}
	ax, ay, az := vec(a)
	bx, by, bz := vec(b)
	chord := math.Sqrt((ax-bx)*(ax-bx) + (ay-by)*(ay-by) + (az-bz)*(az-bz))
	return 2 * EarthRadiusM * math.Asin(min(chord/2, 1))
}

func randomPoint(r *rand.Rand) Point {
	return Point{Lon: r.Float64()*360 - 180, Lat: r.Float64()*180 - 90}
}

// TestDistanceMProperties checks, on random pairs, symmetry, identity and
// agreement with the chord oracle within the half metre of rounding (plus a
// little float slack for the oracle itself).
func TestDistanceMProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	for range 20000 {
		a := randomPoint(r)
		b := randomPoint(r)
		if r.IntN(2) == 0 { // delivery-sized distances too
			b = Point{Lon: max(-180, min(180, a.Lon+r.NormFloat64()*0.05)), Lat: max(-90, min(90, a.Lat+r.NormFloat64()*0.05))}
		}
		d := DistanceM(a, b)
		if back := DistanceM(b, a); back != d {
			t.Fatalf("DistanceM(%+v, %+v) = %d but reversed = %d; want equal", a, b, d, back)
		}
		if self := DistanceM(a, a); self != 0 {
			t.Fatalf("DistanceM(%+v, itself) = %d; want 0", a, self)
		}
		if want := chordM(a, b); math.Abs(float64(d)-want) > 0.51 {
			t.Fatalf("DistanceM(%+v, %+v) = %d; want %.3f ± 0.5", a, b, d, want)
		}
	}
}

var kmFromMScenarios = []struct {
	name string
	m    int64
	want float64
}{
	{name: "zero", m: 0, want: 0},
	{name: "below half of the last decimal rounds down", m: 4, want: 0},
	{name: "exactly half rounds up", m: 5, want: 0.01},
	{name: "2344 m", m: 2344, want: 2.34},
	{name: "2345 m rounds half up", m: 2345, want: 2.35},
	{name: "whole kilometres", m: 50000, want: 50},
	{name: "9995 m carries into the next km", m: 9995, want: 10},
	{name: "largest distance does not overflow", m: math.MaxInt64, want: float64(math.MaxInt64/10+1) / 100},
}

func TestKmFromM(t *testing.T) {
	for _, s := range kmFromMScenarios {
		t.Run(s.name, func(t *testing.T) {
			if got := KmFromM(s.m); got != s.want {
				t.Errorf("KmFromM(%d) = %v; want %v", s.m, got, s.want)
			}
		})
	}
}

var travelMinutesScenarios = []struct {
	name string
	m    int64
	want int64
}{
	{name: "zero", m: 0, want: 0},
	{name: "negative takes no time", m: -10, want: 0},
	{name: "one metre takes a minute", m: 1, want: 1},
	{name: "333 m is 0.999 min", m: 333, want: 1},
	{name: "334 m is 1.002 min", m: 334, want: 2},
	{name: "1 km is exactly 3 min", m: 1000, want: 3},
	{name: "1001 m", m: 1001, want: 4},
	{name: "2345 m is 7.035 min", m: 2345, want: 8},
	{name: "no overflow", m: math.MaxInt64, want: math.MaxInt64/1000*3 + 3},
}

func TestTravelMinutes(t *testing.T) {
	for _, s := range travelMinutesScenarios {
		t.Run(s.name, func(t *testing.T) {
			if got := TravelMinutes(s.m); got != s.want {
				t.Errorf("TravelMinutes(%d) = %d; want %d", s.m, got, s.want)
			}
		})
	}
}

var withinScenarios = []struct {
	name     string
	m        int64
	radiusKm float64
	want     bool
}{
	{name: "2.345 km covers 2345 m", m: 2345, radiusKm: 2.345, want: true},
	{name: "2.345 km does not cover 2346 m", m: 2346, radiusKm: 2.345, want: false},
	{name: "0.1 km covers 100 m", m: 100, radiusKm: 0.1, want: true},
	{name: "4.35 km covers 4350 m", m: 4350, radiusKm: 4.35, want: true},
	{name: "inside", m: 1, radiusKm: 5, want: true},
	{name: "boundary at 50 km", m: 50000, radiusKm: 50, want: true},
	{name: "just outside 50 km", m: 50001, radiusKm: 50, want: false},
	{name: "zero radius covers zero", m: 0, radiusKm: 0, want: true},
	{name: "NaN radius covers nothing", m: 0, radiusKm: math.NaN(), want: false},
	{name: "unreachable distance", m: math.MaxInt64, radiusKm: 50, want: false},
}

func TestWithin(t *testing.T) {
	for _, s := range withinScenarios {
		t.Run(s.name, func(t *testing.T) {
			if got := Within(s.m, s.radiusKm); got != s.want {
				t.Errorf("Within(%d, %v) = %v; want %v", s.m, s.radiusKm, got, s.want)
			}
		})
	}
}

// TestWithinEveryMillimetreRadius checks that every radius with three
// decimals covers its own metre count and not one metre more.
func TestWithinEveryMillimetreRadius(t *testing.T) {
	for m := int64(0); m <= 50000; m++ {
		km := float64(m) / 1000
		if !Within(m, km) {
			t.Fatalf("Within(%d, %v) = false; want true", m, km)
		}
		if Within(m+1, km) {
			t.Fatalf("Within(%d, %v) = true; want false", m+1, km)
		}
	}
}
