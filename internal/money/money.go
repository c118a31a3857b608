// Package money holds the integer arithmetic behind every price, fee, tax and
// discount in Dishpatch. Amounts never pass through a float: a float cannot hold
// 0.10 exactly, and a cent lost in one fee shows up as a mismatch between the
// cart, the order and the restaurant's payout.
package money

import (
	"math"
	"math/bits"
)

// Limits on amounts. They keep every amount Dishpatch computes from a cart at
// or below MaxExact, the largest integer that JSON numbers in a JavaScript
// client (and PocketBase's number fields) hold exactly: with every fee at
// MaxAmount, the per-km fee at MaxPerKm over half the Earth, and tax and
// service fee at 100 %, a cart of MaxSubtotal totals about 3.2 × 10^14 (the
// cart package's TestLimitsKeepAmountsExact checks it).
const (
	// MaxExact is 2^53 − 1.
	MaxExact = 1<<53 - 1
	// MaxAmount is the largest price, option price, fee, minimum order or
	// promo amount an admin can enter: 10^12 minor units.
	MaxAmount = 1_000_000_000_000
	// MaxPerKm is the largest delivery fee per km: 10^9 minor units.
	MaxPerKm = 1_000_000_000
	// MaxSubtotal is the largest subtotal a cart can reach: 10^14 minor
	// units.
	MaxSubtotal = 100_000_000_000_000
)

// Cents is an amount of money in the minor unit of the restaurant's currency
// (cents for EUR, yen for JPY). Whenever a rule divides an amount (a
// percentage, basis points, a per-km rate) the result is rounded half up to a
// whole minor unit with MulDivRound, exactly as the API contract's round(x).
type Cents int64

// MulDivRound returns a×b/c rounded half up, computed as (a×b + c/2) / c.
//
// The product is formed in 128 bits, so rates times large amounts cannot wrap
// around; a result beyond the int64 range saturates at math.MaxInt64 (or
// math.MinInt64) rather than flipping sign, because a huge price is a data error
// while a negative total would silently pay the customer.
//
// The contract only needs a, b ≥ 0 and c > 0. A negative a or b rounds the
// magnitude and restores the sign (half away from zero), so a refund mirrors
// its charge. c ≤ 0 panics like integer division by zero: no rule of the
// contract divides by a value that can be zero.
func MulDivRound(a, b, c int64) int64 {
	if c <= 0 {
		panic("money: MulDivRound divisor must be positive")
	}
	negative := (a < 0) != (b < 0)
	hi, lo := bits.Mul64(magnitude(a), magnitude(b))
	lo, carry := bits.Add64(lo, uint64(c)/2, 0)
	hi += carry
	if hi >= uint64(c) {
		// The quotient needs more than 64 bits; bits.Div64 would panic.
		return saturated(negative)
	}
	var q uint64
	if hi == 0 {
		q = lo / uint64(c) // every real price fits in 64 bits; skip the slower 128-bit divide
	} else {
		q, _ = bits.Div64(hi, lo, uint64(c))
	}
	if q > math.MaxInt64 {
		if negative && q == math.MaxInt64+1 {
			return math.MinInt64
		}
		return saturated(negative)
	}
	if negative {
		return -int64(q)
	}
	return int64(q)
}

// Add returns a+b, saturating at the int64 limits instead of wrapping around,
// for the same reason as MulDivRound: an absurd amount must not turn a total
// negative.
func Add(a, b int64) int64 {
	s := a + b // Go defines signed overflow as two's-complement wrap-around.
	switch {
	case a >= 0 && b >= 0 && s < 0:
		return math.MaxInt64
	case a < 0 && b < 0 && s >= 0:
		return math.MinInt64
	}
	return s
}

// magnitude is |x| as an unsigned number, which holds |math.MinInt64| too.
func magnitude(x int64) uint64 {
	if x < 0 {
		return uint64(-(x + 1)) + 1
	}
	return uint64(x)
}

func saturated(negative bool) int64 {
	if negative {
		return math.MinInt64
	}
	return math.MaxInt64
}
