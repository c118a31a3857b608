package money

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

var mulDivRoundScenarios = []struct {
	name    string
	a, b, c int64
	want    int64
}{
	{name: "exact", a: 1000, b: 700, c: 10000, want: 70},
	{name: "zero amount", a: 0, b: 700, c: 10000, want: 0},
	{name: "zero rate", a: 1234, b: 0, c: 10000, want: 0},
	{name: "just below half rounds down", a: 1, b: 4999, c: 10000, want: 0},
	{name: "exactly half rounds up", a: 1, b: 5000, c: 10000, want: 1},
	{name: "just above half rounds up", a: 1, b: 5001, c: 10000, want: 1},
	{name: "2.5 rounds up to 3", a: 5, b: 1, c: 2, want: 3},
	{name: "odd divisor half is floored", a: 1, b: 1, c: 3, want: 0},
	{name: "odd divisor two thirds", a: 2, b: 1, c: 3, want: 1},
	{name: "per km fee 2345 m at 99 per km", a: 99, b: 2345, c: 1000, want: 232}, // 232.155
	{name: "per km fee exactly .5", a: 150, b: 2345, c: 1000, want: 352},         // 351.75 -> 352
	{name: "inclusive tax 1070 at 7%", a: 1070, b: 700, c: 10700, want: 70},
	{name: "divide by one is multiply", a: 123, b: 45, c: 1, want: 5535},
	{name: "product beyond 64 bits divides back", a: math.MaxInt64, b: 10000, c: 10000, want: math.MaxInt64},
	{name: "product beyond 64 bits rounds", a: math.MaxInt64 - 1, b: 3, c: 6, want: math.MaxInt64 / 2},
	{name: "quotient beyond 64 bits saturates", a: math.MaxInt64, b: math.MaxInt64, c: 1, want: math.MaxInt64},
	{name: "quotient beyond int64 saturates", a: math.MaxInt64, b: 2, c: 1, want: math.MaxInt64},
	{name: "negative amount rounds half away from zero", a: -5, b: 1, c: 2, want: -3},
	{name: "negative rate", a: 5, b: -1, c: 2, want: -3},
	{name: "two negatives are positive", a: -5, b: -1, c: 2, want: 3},
	{name: "min int64 times one", a: math.MinInt64, b: 1, c: 1, want: math.MinInt64},
	{name: "negative quotient beyond int64 saturates", a: math.MinInt64, b: 2, c: 1, want: math.MinInt64},
	{name: "negative quotient beyond 64 bits saturates", a: math.MinInt64, b: math.MaxInt64, c: 1, want: math.MinInt64},
	{name: "min int64 squared saturates positive", a: math.MinInt64, b: math.MinInt64, c: 1, want: math.MaxInt64},
}

func TestMulDivRound(t *testing.T) {
	for _, s := range mulDivRoundScenarios {
		t.Run(s.name, func(t *testing.T) {
			if got := MulDivRound(s.a, s.b, s.c); got != s.want {
				t.Errorf("MulDivRound(%d, %d, %d) = %d; want %d", s.a, s.b, s.c, got, s.want)
			}
		})
	}
}

func TestMulDivRoundPanicsOnNonPositiveDivisor(t *testing.T) {
	for _, c := range []int64{0, -1} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("MulDivRound(1, 1, %d) did not panic; want a panic", c)
				}
			}()
			MulDivRound(1, 1, c)
		}()
	}
}

// TestMulDivRoundOracle checks the 128-bit path against math/big with the
// contract's formula floor((a×b + c/2) / c) for non-negative operands.
func TestMulDivRoundOracle(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	maxInt := big.NewInt(math.MaxInt64)
	for range 20000 {
		a, b := r.Int64(), r.Int64()
		c := r.Int64N(math.MaxInt64) + 1
		switch r.IntN(3) { // mix in the small values real fees use
		case 0:
			a, b, c = r.Int64N(1_000_000), r.Int64N(10_001), []int64{100, 1000, 10000, 10700}[r.IntN(4)]
		case 1:
			b = r.Int64N(10_001)
		}
		want := new(big.Int).Mul(big.NewInt(a), big.NewInt(b))
		want.Add(want, big.NewInt(c/2))
		want.Quo(want, big.NewInt(c))
		if want.Cmp(maxInt) > 0 {
			want = maxInt
		}
		if got := MulDivRound(a, b, c); got != want.Int64() {
			t.Fatalf("MulDivRound(%d, %d, %d) = %d; want %d", a, b, c, got, want.Int64())
		}
	}
}

var addScenarios = []struct {
	name       string
	a, b, want int64
}{
	{name: "small", a: 2, b: 3, want: 5},
	{name: "mixed signs never overflow", a: math.MaxInt64, b: math.MinInt64, want: -1},
	{name: "exactly max", a: math.MaxInt64 - 1, b: 1, want: math.MaxInt64},
	{name: "positive overflow saturates", a: math.MaxInt64, b: 1, want: math.MaxInt64},
	{name: "negative overflow saturates", a: math.MinInt64, b: -1, want: math.MinInt64},
	{name: "negative sum", a: -2, b: -3, want: -5},
}

func TestAdd(t *testing.T) {
	for _, s := range addScenarios {
		t.Run(s.name, func(t *testing.T) {
			if got := Add(s.a, s.b); got != s.want {
				t.Errorf("Add(%d, %d) = %d; want %d", s.a, s.b, got, s.want)
			}
		})
	}
}

func BenchmarkMulDivRound(b *testing.B) {
	var sink int64
	for i := int64(0); b.Loop(); i++ {
		sink += MulDivRound(i, 700, 10700)
	}
	_ = sink
}
