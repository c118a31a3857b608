package delivery

import (
	"slices"
	"strings"

	"github.com/dishpatch/dishpatch/internal/geo"
	"github.com/dishpatch/dishpatch/internal/money"
)

// DeliveryFee is the contract's delivery_fee for a delivery of distanceM metres:
// base + round(perKm × distanceM / 1000), rounded half up, with negative rates counting as 0 and the sum
// saturating. It is the formula cart.Compute charges, so a search result quotes what the cart will cost.
func DeliveryFee(base, perKm, distanceM int64) int64 {
	return money.Add(max(base, 0), money.MulDivRound(max(perKm, 0), distanceM, 1000))
}

// ETAMinutes is the contract's eta_minutes: the restaurant's preparation time plus the courier's travel
// time for distanceM metres (geo.TravelMinutes).
func ETAMinutes(prepMinutes, distanceM int64) int64 {
	return money.Add(max(prepMinutes, 0), geo.TravelMinutes(distanceM))
}

// Match levels of one token at one place, from best to none. A place's tier is the worst level among the
// tokens of the query.
const (
	levelName = 0 // a word of the restaurant's name
	levelOwn  = 1 // a word of its own text (name, cuisines, description)
	levelItem = 2 // only a word of an available menu item
	levelNone = 3 // no word at all: the place does not match
)

// hit is a place that passed every filter, with its sort keys. Every sort is the order of (rating,
// highest first; key; dist; id), where rating is set only by SortRating and key (tier, eta or fee) only by
// the sort that uses it: the others leave them 0 on every hit, equal. So one comparison serves every sort,
// and it is cheap enough to run on tens of thousands of hits.
//
// dist is first the squared chord to the place (chordSq), which orders places as their distance does
// without a square root; settle replaces it by the distance in whole metres, which the contract sorts by,
// for the hits that may make the page.
type hit struct {
	dist   float64
	key    int64
	rating float64
	slot   int32
}

// order compares a and b on everything but the id. Plain comparisons, which no NaN reaches (ratings are
// stored numbers, dist a sum of squares), keep it small enough to inline into best's loop.
func order(a, b *hit) int {
	switch {
	case a.rating != b.rating:
		if a.rating > b.rating {
			return -1
		}
		return 1
	case a.key != b.key:
		if a.key < b.key {
			return -1
		}
		return 1
	case a.dist < b.dist:
		return -1
	case a.dist > b.dist:
		return 1
	}
	return 0
}

// comparator returns the order of hits; ids resolves a hit's restaurant id for the last tie-break.
func comparator(ids func(slot int32) string) func(a, b hit) int {
	return func(a, b hit) int {
		if c := order(&a, &b); c != 0 {
			return c
		}
		return strings.Compare(ids(a.slot), ids(b.slot))
	}
}

// best moves the k first hits in the order of compare to the front of hits, sorted, and returns them.
// For a first page out of thousands of hits a bounded heap does n·log k work instead of a full sort's
// n·log n; for a deep page it sorts everything.
func best(hits []hit, k int, compare func(a, b hit) int) []hit {
	k = min(k, len(hits))
	if k == 0 {
		return hits[:0]
	}
	if k*4 > len(hits) {
		slices.SortFunc(hits, compare)
		return hits[:k]
	}
	// hits[:k] is a max-heap (worst at the root) of the best k seen so far.
	worse := func(i, j int) bool { return compare(hits[i], hits[j]) > 0 }
	down := func(i int) {
		for {
			l := 2*i + 1
			if l >= k {
				return
			}
			c := l
			if r := l + 1; r < k && worse(r, l) {
				c = r
			}
			if !worse(c, i) {
				return
			}
			hits[i], hits[c] = hits[c], hits[i]
			i = c
		}
	}
	for i := k/2 - 1; i >= 0; i-- {
		down(i)
	}
	for i := k; i < len(hits); i++ {
		// Most hits lose to the worst of the best without a look at their ids.
		if order(&hits[i], &hits[0]) <= 0 && compare(hits[i], hits[0]) < 0 {
			hits[0], hits[i] = hits[i], hits[0]
			down(0)
		}
	}
	top := hits[:k]
	slices.SortFunc(top, compare)
	return top
}

// settle returns the k first hits in the contract's order, (rating, key, metres, id), moved to the front
// of hits and sorted, given hits whose dist is a squared chord measured within chordErr (in chord length)
// of the exact one; metres gives a hit's distance in whole metres.
//
// The squared chord orders hits as their metres do but for ties: places a few centimetres apart can
// round to the same metre, and then the id decides, not the chord. So after best picks the k first by
// chord, the hits that could still tie with the last of them are found and ranked by metre too. Proof
// sketch: a hit h outside the k picked has a (rating, key) no better than that of the last one picked,
// L. If worse, or if equal and h's metre is greater than every picked hit's with L's (rating, key),
// mMax, all k picked hits precede h in the contract's order too, so h is not among its k first. The
// others have L's (rating, key) and a metre ≤ mMax, hence an arc < mMax + ½ (+ float error), hence,
// since the chord is never longer than the arc, a measured squared chord below ((mMax + ½ + slack)/R +
// chordErr)²: one pass over the hits finds them, and each is measured exactly. Nothing here needs the
// measured chords to order hits as their metres do; they only make the pass find few.
func settle(hits []hit, k int, chordErr float64, metres func(slot int32) int64, compare func(a, b hit) int) []hit {
	top := best(hits, k, compare)
	if len(top) == 0 {
		return top
	}
	last := top[len(top)-1]
	mMax := int64(0)
	for i := range top {
		m := metres(top[i].slot)
		top[i].dist = float64(m)
		if top[i].rating == last.rating && top[i].key == last.key {
			mMax = max(mMax, m)
		}
	}
	bound := sq((float64(mMax)+0.5+floatSlack)/geo.EarthRadiusM+chordErr) * (1 + 1e-9)
	n := len(top)
	for i := n; i < len(hits); i++ {
		if h := &hits[i]; h.rating == last.rating && h.key == last.key && h.dist <= bound {
			if m := metres(h.slot); m <= mMax {
				h.dist = float64(m)
				hits[n], hits[i] = hits[i], hits[n]
				n++
			}
		}
	}
	slices.SortFunc(hits[:n], compare)
	return hits[:len(top)]
}
