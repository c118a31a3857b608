package delivery

import (
	"cmp"
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
// highest first; key; distance; id), where rating is set only by SortRating and key (tier, eta or fee)
// only by the sort that uses it: the others leave them 0 on every hit, equal. So one comparison serves
// every sort, and it is cheap enough to run on tens of thousands of hits.
type hit struct {
	distanceM int64
	key       int64
	rating    float64
	slot      int32
}

// order compares a and b on everything but the id.
func order(a, b *hit) int {
	switch {
	case a.rating != b.rating:
		return cmp.Compare(b.rating, a.rating)
	case a.key != b.key:
		return cmp.Compare(a.key, b.key)
	}
	return cmp.Compare(a.distanceM, b.distanceM)
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
