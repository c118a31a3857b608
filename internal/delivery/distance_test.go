package delivery

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/dishpatch/dishpatch/internal/geo"
)

// distanceM returns geo.DistanceM(a, b) for valid points a and b whose unit vectors are ua and ub, the way
// Index.Search does.
func distanceM(a, b geo.Point, ua, ub unit) int64 {
	if d, ok := chordDistanceM(ua, ub); ok {
		return d
	}
	return geo.DistanceM(a, b)
}

// TestDistanceM: the chord shortcut gives geo.DistanceM's metre for every pair, at delivery distances and
// beyond, at every latitude, and in particular where the metre is a near tie.
func TestDistanceM(t *testing.T) {
	r := rand.New(rand.NewPCG(6, 6))
	fallbacks := 0
	check := func(a, b geo.Point) {
		t.Helper()
		want := geo.DistanceM(a, b)
		if got := distanceM(a, b, toUnit(a), toUnit(b)); got != want {
			t.Fatalf("distanceM(%+v, %+v): got %d; want geo.DistanceM's %d", a, b, got, want)
		}
	}
	for range 300000 {
		a := geo.Point{Lat: r.Float64()*180 - 90, Lon: r.Float64()*360 - 180}
		if r.IntN(3) == 0 {
			a = away(here, r.NormFloat64()*5000, r.NormFloat64()*5000)
		}
		b := away(a, (r.Float64()*2-1)*70000, (r.Float64()*2-1)*70000)
		if !geo.Valid(b) {
			continue
		}
		check(a, b)
		check(b, a)
	}
	// Near ties: walk north in steps of 1 mm around half metres.
	for _, lat := range []float64{0, 45, 52.52, 80, -89.9} {
		a := geo.Point{Lat: lat, Lon: 10}
		for _, m := range []float64{0.5, 1.5, 999.5, 2344.5, 49999.5} {
			for mm := -3.0; mm <= 3; mm++ {
				b := away(a, m+mm/1000, 0)
				if !geo.Valid(b) {
					continue
				}
				check(a, b)
				ua, ub := toUnit(a), toUnit(b)
				dx, dy, dz := ua.x-ub.x, ua.y-ub.y, ua.z-ub.z
				if low := geo.EarthRadiusM * math.Sqrt(dx*dx+dy*dy+dz*dz); math.Floor(low-floatSlack+0.5) != math.Floor(low+floatSlack+0.5) {
					fallbacks++
				}
			}
		}
	}
	if fallbacks == 0 {
		t.Errorf("no near tie fell back to geo.DistanceM; want the fallback exercised")
	}
	// Invalid points are unreachable, as for geo.DistanceM.
	if got := distanceM(geo.Point{Lat: 91}, here, toUnit(geo.Point{Lat: 91}), toUnit(here)); got != math.MaxInt64 {
		t.Errorf("distanceM from an invalid point: got %d; want math.MaxInt64", got)
	}
}

// chordSq is the exact squared chord between the unit vectors ua and ub, which a spot's chordSq
// approximates.
func chordSq(ua, ub unit) float64 {
	dx, dy, dz := ua.x-ub.x, ua.y-ub.y, ua.z-ub.z
	return dx*dx + dy*dy + dz*dz
}

// TestReach: whenever a radius's chord bounds decide, they say what geo.Within says of geo.DistanceM, at
// random distances and within millimetres of the last metre in range, for whole and fractional radii;
// and so do a spot's widened bounds on its float32 chord, which stays within spotErr of the exact one.
func TestReach(t *testing.T) {
	r := rand.New(rand.NewPCG(10, 10))
	decided, undecided := 0, 0
	check := func(a, b geo.Point, radiusKm float64) {
		t.Helper()
		want := geo.Within(geo.DistanceM(a, b), radiusKm)
		r := newReach(radiusKm)
		s := newSpot(toUnit(a), r)
		exact, spotted := chordSq(toUnit(a), toUnit(b)), s.chordSq(toUnit(b))
		if d := math.Abs(math.Sqrt(exact) - math.Sqrt(spotted)); d > spotErr {
			t.Fatalf("spot of %+v: chord to %+v off by %g; want at most spotErr", a, b, d)
		}
		for _, m := range []struct {
			r   reach
			csq float64
		}{{r, exact}, {s.reach, spotted}} {
			in, sure := m.r.sure(m.csq)
			if !sure {
				undecided++
				continue
			}
			decided++
			if in != want {
				t.Fatalf("reach(%v km) %+v from %+v to %+v (%d m): got within=%v; want %v", radiusKm, m.r, a, b, geo.DistanceM(a, b), in, want)
			}
		}
	}
	for range 200000 {
		a := geo.Point{Lat: r.Float64()*178 - 89, Lon: r.Float64()*360 - 180}
		radiusKm := []float64{0, 0.001, 1.5, 2.3456, 5, 49.9995, 50, 70, 100}[r.IntN(9)]
		if r.IntN(2) == 0 {
			radiusKm = r.Float64() * 50
		}
		// Around the border: the last metre in range, ± a few millimetres around its half.
		border := math.Floor(radiusKm*1000+1e-6) + 0.5 + (r.Float64()*2-1)*0.005
		// And around the edges of a spot's widened bounds, some 0.3 m further in or out.
		for _, m := range []float64{border, border + (r.Float64()*2-1)*0.6, r.Float64() * radiusKm * 2000} {
			dir := r.Float64() * 2 * math.Pi
			b := away(a, m*math.Cos(dir), m*math.Sin(dir))
			if geo.Valid(b) {
				check(a, b, radiusKm)
			}
		}
	}
	check(here, here, 0)
	if in, sure := newReach(-1).sure(0); sure && in {
		t.Errorf("a negative radius reaches its own point")
	}
	if decided < 200000 || undecided == 0 {
		t.Errorf("decided %d, undecided %d; want most decided and the fallback exercised", decided, undecided)
	}
}
