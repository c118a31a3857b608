package delivery

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/dishpatch/dishpatch/internal/geo"
)

func (b box) contains(p geo.Point) bool {
	return float64(b.minLat) <= p.Lat && p.Lat <= float64(b.maxLat) && float64(b.minLon) <= p.Lon && p.Lon <= float64(b.maxLon)
}

func TestDownUp(t *testing.T) {
	for _, x := range []float64{0, 52.520008, -13.404954, 89.99999999, -180, 180, 1e-40, -1e-40, 0.1, 1.0 / 3} {
		d, u := down(x), up(x)
		if float64(d) > x || float64(u) < x {
			t.Errorf("down(%v) = %v, up(%v) = %v; want %v between them", x, d, x, u, x)
		}
		if float64(u)-float64(d) > math.Abs(x)*1e-6+1e-40 {
			t.Errorf("down(%v) = %v, up(%v) = %v; want adjacent float32s", x, d, x, u)
		}
	}
}

// TestDeliveryBoxHoldsEveryDeliveredPoint: after rounding to float32 the box still holds every point the
// place delivers to, and the point's cell is among the cells the box is listed in.
func TestDeliveryBoxHoldsEveryDeliveredPoint(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	for range 3000 {
		at := geo.Point{Lat: r.Float64()*170 - 85, Lon: r.Float64()*360 - 180}
		radiusKm := 0.1 + r.Float64()*49.9
		b := deliveryBox(at, radiusKm)
		lat0, lat1, lon0, lon1, listed := span(b)
		for range 20 {
			q := away(at, (r.Float64()*2-1)*radiusKm*1000, (r.Float64()*2-1)*radiusKm*1000)
			if !geo.Valid(q) || !geo.Within(geo.DistanceM(at, q), radiusKm) {
				continue
			}
			if !b.contains(q) {
				t.Fatalf("box of %+v, %v km: %+v misses %+v", at, radiusKm, b, q)
			}
			la, lo := cell(q.Lat, 90), cell(q.Lon, 180)
			if listed && (la < lat0 || la > lat1 || lo < lon0 || lo > lon1) {
				t.Fatalf("box of %+v, %v km: cell (%d, %d) of %+v outside cells [%d, %d] × [%d, %d]", at, radiusKm, la, lo, q, lat0, lat1, lon0, lon1)
			}
		}
	}
}

func TestGridAddRemove(t *testing.T) {
	g := newGrid()
	small := deliveryBox(here, 3)
	wide := deliveryBox(geo.Point{Lat: 89.9, Lon: 0}, 30)
	g.add(1, small)
	g.add(2, small)
	g.add(3, wide)
	list, w := g.lookup(here)
	if !slices.Equal(list, []int32{1, 2}) || !slices.Equal(w, []int32{3}) {
		t.Fatalf("lookup: got %v and wide %v; want [1 2] and [3]", list, w)
	}
	g.remove(1, small)
	g.remove(3, wide)
	list, w = g.lookup(here)
	if !slices.Equal(list, []int32{2}) || len(w) != 0 {
		t.Fatalf("after remove: got %v and wide %v; want [2] and none", list, w)
	}
	g.remove(2, small)
	if len(g.cells) != 0 {
		t.Errorf("after removing everything: %d cells left; want none", len(g.cells))
	}
}
