package delivery

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/dishpatch/dishpatch/internal/cart"
	"github.com/dishpatch/dishpatch/internal/geo"
)

var deliveryFeeScenarios = []struct {
	name                   string
	base, perKm, distanceM int64
	want                   int64
}{
	{name: "at the door", base: 199, perKm: 50, distanceM: 0, want: 199},
	{name: "whole kilometres", base: 199, perKm: 50, distanceM: 3000, want: 349},
	{name: "below half a cent rounds down", base: 0, perKm: 50, distanceM: 9, want: 0},
	{name: "half a cent rounds up", base: 0, perKm: 50, distanceM: 10, want: 1},
	{name: "2345 m at 99 per km is 232.155", base: 100, perKm: 99, distanceM: 2345, want: 332},
	{name: "free delivery", base: 0, perKm: 0, distanceM: 50000, want: 0},
	{name: "negative terms count as 0", base: -5, perKm: -50, distanceM: 1000, want: 0},
	{name: "saturates", base: math.MaxInt64, perKm: 1, distanceM: 1000, want: math.MaxInt64},
}

func TestDeliveryFee(t *testing.T) {
	for _, s := range deliveryFeeScenarios {
		t.Run(s.name, func(t *testing.T) {
			if got := DeliveryFee(s.base, s.perKm, s.distanceM); got != s.want {
				t.Errorf("DeliveryFee(%d, %d, %d): got %d; want %d", s.base, s.perKm, s.distanceM, got, s.want)
			}
		})
	}
}

// TestDeliveryFeeMatchesCart: the fee a search quotes is the fee the cart charges for the same point.
func TestDeliveryFeeMatchesCart(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 4))
	for range 2000 {
		rest := cart.Restaurant{
			DeliveryFeeBase: r.Int64N(500), DeliveryFeePerKm: r.Int64N(300), DeliveryRadiusKm: 50,
			Location: away(here, r.Float64()*20000-10000, r.Float64()*20000-10000), Active: true, Open: true,
		}
		at := away(here, r.Float64()*20000-10000, r.Float64()*20000-10000)
		q := cart.Compute(cart.Input{Restaurant: rest, Delivery: &at, Lines: []cart.Line{{UnitPrice: 1000, Quantity: 1, Available: true}}})
		if got := DeliveryFee(rest.DeliveryFeeBase, rest.DeliveryFeePerKm, q.DistanceM); got != q.DeliveryFee {
			t.Fatalf("DeliveryFee at %d m: got %d; want the cart's %d", q.DistanceM, got, q.DeliveryFee)
		}
	}
}

func TestETAMinutes(t *testing.T) {
	for _, s := range []struct{ prep, m, want int64 }{
		{15, 0, 15}, {15, 1, 16}, {15, 1000, 18}, {15, 1001, 19}, {0, 2345, 8}, {-3, 1000, 3},
	} {
		if got := ETAMinutes(s.prep, s.m); got != s.want {
			t.Errorf("ETAMinutes(%d, %d): got %d; want %d", s.prep, s.m, got, s.want)
		}
	}
}

// TestBest: the bounded heap returns what a full sort would, for every k, with ties broken by id.
func TestBest(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 8))
	ids := make([]string, 300)
	for i := range ids {
		ids[i] = fmt.Sprintf("id%03d", r.IntN(1000)) // duplicates too: equal hits compare equal
	}
	for _, s := range sorts {
		compare := comparator(func(slot int32) string { return ids[slot] })
		for _, n := range []int{0, 1, 5, 40, 300} {
			hits := make([]hit, n)
			for i := range hits {
				hits[i] = hit{dist: float64(r.Int64N(20)), slot: int32(r.IntN(len(ids)))}
				switch s {
				case SortRating:
					hits[i].rating = float64(r.IntN(3))
				case SortDistance:
				default:
					hits[i].key = r.Int64N(4)
				}
			}
			want := slices.Clone(hits)
			slices.SortStableFunc(want, compare)
			for _, k := range []int{0, 1, 3, 20, 74, 75, 76, 299, 300, 1000} {
				got := best(slices.Clone(hits), k, compare)
				if len(got) != min(k, n) {
					t.Fatalf("%s: best(%d of %d): got %d hits", s, k, n, len(got))
				}
				for i := range got {
					if compare(got[i], want[i]) != 0 {
						t.Fatalf("%s: best(%d of %d)[%d]: got %+v; want %+v", s, k, n, i, got[i], want[i])
					}
				}
			}
		}
	}
}

func TestComparator(t *testing.T) {
	ids := []string{"b", "a", "c"}
	id := func(slot int32) string { return ids[slot] }
	scenarios := []struct {
		sort Sort
		a, b hit
		want int
	}{
		{SortDistance, hit{dist: 1, slot: 0}, hit{dist: 2, slot: 1}, -1},
		{SortDistance, hit{dist: 5, slot: 0}, hit{dist: 5, slot: 1}, 1}, // "b" after "a"
		{SortRating, hit{rating: 4.5, dist: 9}, hit{rating: 4, dist: 1}, -1},
		{SortRating, hit{rating: 4, dist: 1, slot: 2}, hit{rating: 4, dist: 1, slot: 1}, 1},
		{SortETA, hit{key: 20, dist: 1}, hit{key: 19, dist: 9}, 1},
		{SortDeliveryFee, hit{key: 0, dist: 9}, hit{key: 1, dist: 1}, -1},
		{SortRelevance, hit{key: 2, dist: 1}, hit{key: 0, dist: 9}, 1},
		{SortRelevance, hit{key: 1, dist: 3, slot: 1}, hit{key: 1, dist: 3, slot: 1}, 0},
	}
	for _, s := range scenarios {
		if got := cmp.Compare(comparator(id)(s.a, s.b), 0); got != s.want {
			t.Errorf("%s(%+v, %+v): got %d; want %d", s.sort, s.a, s.b, got, s.want)
		}
	}
}

// TestSettle: from hits ordered by squared chord, exact or as a spot measures it, settle returns the k
// first in the contract's order of whole metres then id, with many places a few centimetres apart
// rounding to the same metre.
func TestSettle(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 11))
	for round := range 200 {
		n := 1 + r.IntN(400)
		points := make([]geo.Point, n)
		ids := make([]string, n)
		for i := range points {
			m := float64(100+r.IntN(6)) + (r.Float64() - 0.5) // six metres, about 66 places each
			dir := r.Float64() * 2 * math.Pi
			points[i] = away(here, m*math.Cos(dir), m*math.Sin(dir))
			ids[i] = fmt.Sprintf("id%04d", r.IntN(10000))
		}
		at := toUnit(here)
		metres := func(slot int32) int64 { return geo.DistanceM(points[slot], here) }
		compare := comparator(func(slot int32) string { return ids[slot] })
		hits := make([]hit, n)
		chordErr := 0.0
		if round%4 >= 2 {
			chordErr = spotErr
		}
		for i := range hits {
			hits[i] = hit{dist: chordSq(toUnit(points[i]), at), slot: int32(i)}
			if chordErr > 0 {
				s := newSpot(toUnit(points[i]), reach{})
				hits[i].dist = s.chordSq(at)
			}
			if round%2 == 1 {
				hits[i].key = r.Int64N(2)
			}
		}
		want := slices.Clone(hits)
		for i := range want {
			want[i].dist = float64(metres(want[i].slot))
		}
		slices.SortStableFunc(want, compare)
		for _, k := range []int{1, 2, 20, n / 3, n} {
			got := settle(slices.Clone(hits), k, chordErr, metres, compare)
			if len(got) != min(k, n) {
				t.Fatalf("settle(%d of %d): got %d hits", k, n, len(got))
			}
			for i := range got {
				if compare(got[i], want[i]) != 0 {
					t.Fatalf("round %d, settle(%d of %d)[%d]: got %+v (%s); want %+v (%s)", round, k, n, i,
						got[i], ids[got[i].slot], want[i], ids[want[i].slot])
				}
			}
		}
	}
}
