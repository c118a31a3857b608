package promo

import (
	"testing"
	"time"
)

var (
	start = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	end   = time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	mid   = time.Date(2025, 6, 15, 12, 0, 0, 0, time.UTC)
)

// open is a code that every check passes, for scenarios to break one rule.
var open = Code{Code: "summer10", Kind: Percent, Value: 10, MinSubtotal: 1500, StartsAt: start, EndsAt: end,
	MaxRedemptions: 100, Redemptions: 99, Restaurant: "pizzeria", IsActive: true}

func with(change func(*Code)) Code {
	c := open
	change(&c)
	return c
}

var normalizeScenarios = []struct {
	name, in, want string
}{
	{name: "already normal", in: "summer10", want: "summer10"},
	{name: "upper case", in: "SUMMER10", want: "summer10"},
	{name: "surrounding spaces and tabs", in: " \tSummer10 \n", want: "summer10"},
	{name: "inner space is kept", in: "summer 10", want: "summer 10"},
	{name: "unicode letters", in: "ÉTÉ-ÇA", want: "été-ça"},
	{name: "unicode white space", in: "\u00a0CODE\u2003", want: "code"},
	{name: "empty", in: "   ", want: ""},
}

func TestNormalize(t *testing.T) {
	for _, s := range normalizeScenarios {
		t.Run(s.name, func(t *testing.T) {
			if got := Normalize(s.in); got != s.want {
				t.Errorf("Normalize(%q) = %q; want %q", s.in, got, s.want)
			}
		})
	}
}

var eligibleScenarios = []struct {
	name       string
	code       Code
	now        time.Time
	restaurant string
	subtotal   int64
	usable     error // want from Usable
	eligible   error // want from Eligible
}{
	{name: "eligible", code: open, now: mid, restaurant: "pizzeria", subtotal: 2000},
	{name: "inactive", code: with(func(c *Code) { c.IsActive = false }), now: mid, restaurant: "pizzeria", subtotal: 2000,
		usable: ErrInactive, eligible: ErrInactive},
	{name: "inactive wins over every other reason", code: with(func(c *Code) { c.IsActive = false; c.Redemptions = 100 }),
		now: end, restaurant: "sushi", subtotal: 0, usable: ErrInactive, eligible: ErrInactive},
	{name: "one nanosecond before the start", code: open, now: start.Add(-time.Nanosecond), restaurant: "pizzeria", subtotal: 2000,
		usable: ErrNotStarted, eligible: ErrNotStarted},
	{name: "exactly at the start is inside", code: open, now: start, restaurant: "pizzeria", subtotal: 2000},
	{name: "one nanosecond before the end is inside", code: open, now: end.Add(-time.Nanosecond), restaurant: "pizzeria", subtotal: 2000},
	{name: "exactly at the end is expired", code: open, now: end, restaurant: "pizzeria", subtotal: 2000,
		usable: ErrExpired, eligible: ErrExpired},
	{name: "end compared as an instant, not a wall clock", code: open, now: end.In(time.FixedZone("UTC+2", 2*3600)),
		restaurant: "pizzeria", subtotal: 2000, usable: ErrExpired, eligible: ErrExpired},
	{name: "no start is unbounded", code: with(func(c *Code) { c.StartsAt = time.Time{} }), now: start.AddDate(-10, 0, 0),
		restaurant: "pizzeria", subtotal: 2000},
	{name: "no end is unbounded", code: with(func(c *Code) { c.EndsAt = time.Time{} }), now: end.AddDate(10, 0, 0),
		restaurant: "pizzeria", subtotal: 2000},
	{name: "last redemption left", code: open, now: mid, restaurant: "pizzeria", subtotal: 2000},
	{name: "redemptions used up", code: with(func(c *Code) { c.Redemptions = 100 }), now: mid, restaurant: "pizzeria", subtotal: 2000,
		usable: ErrExhausted, eligible: ErrExhausted},
	{name: "more redemptions than allowed", code: with(func(c *Code) { c.Redemptions = 150 }), now: mid, restaurant: "pizzeria",
		subtotal: 2000, usable: ErrExhausted, eligible: ErrExhausted},
	{name: "zero max redemptions is unlimited", code: with(func(c *Code) { c.MaxRedemptions = 0; c.Redemptions = 1e6 }), now: mid,
		restaurant: "pizzeria", subtotal: 2000},
	{name: "other restaurant", code: open, now: mid, restaurant: "sushi", subtotal: 2000,
		usable: ErrOtherRestaurant, eligible: ErrOtherRestaurant},
	{name: "code for any restaurant", code: with(func(c *Code) { c.Restaurant = "" }), now: mid, restaurant: "sushi", subtotal: 2000},
	{name: "subtotal one below the minimum", code: open, now: mid, restaurant: "pizzeria", subtotal: 1499,
		eligible: ErrBelowMinimum},
	{name: "subtotal exactly the minimum", code: open, now: mid, restaurant: "pizzeria", subtotal: 1500},
	{name: "no minimum accepts an empty cart", code: with(func(c *Code) { c.MinSubtotal = 0 }), now: mid, restaurant: "pizzeria"},
}

func TestUsableAndEligible(t *testing.T) {
	for _, s := range eligibleScenarios {
		t.Run(s.name, func(t *testing.T) {
			if got := s.code.Usable(s.now, s.restaurant); got != s.usable {
				t.Errorf("Usable(%v, %q) = %v; want %v", s.now, s.restaurant, got, s.usable)
			}
			if got := s.code.Eligible(s.now, s.restaurant, s.subtotal); got != s.eligible {
				t.Errorf("Eligible(%v, %q, %d) = %v; want %v", s.now, s.restaurant, s.subtotal, got, s.eligible)
			}
		})
	}
}

var discountScenarios = []struct {
	name                  string
	code                  Code
	subtotal, deliveryFee int64
	want                  int64
}{
	{name: "percent", code: Code{Kind: Percent, Value: 10}, subtotal: 2000, deliveryFee: 300, want: 200},
	{name: "percent rounds half up", code: Code{Kind: Percent, Value: 10}, subtotal: 1005, want: 101}, // 100.5
	{name: "percent rounds down below half", code: Code{Kind: Percent, Value: 10}, subtotal: 1004, want: 100},
	{name: "percent 15 of 1230 is 184.5", code: Code{Kind: Percent, Value: 15}, subtotal: 1230, want: 185},
	{name: "percent capped", code: Code{Kind: Percent, Value: 50, MaxDiscount: 500}, subtotal: 2000, want: 500},
	{name: "percent exactly at the cap", code: Code{Kind: Percent, Value: 25, MaxDiscount: 500}, subtotal: 2000, want: 500},
	{name: "percent below the cap", code: Code{Kind: Percent, Value: 10, MaxDiscount: 500}, subtotal: 2000, want: 200},
	{name: "zero cap is no cap", code: Code{Kind: Percent, Value: 50, MaxDiscount: 0}, subtotal: 20000, want: 10000},
	{name: "percent 100 is the whole subtotal", code: Code{Kind: Percent, Value: 100}, subtotal: 1999, deliveryFee: 300, want: 1999},
	{name: "percent above 100 never exceeds the subtotal", code: Code{Kind: Percent, Value: 150}, subtotal: 1000, want: 1000},
	{name: "percent of nothing", code: Code{Kind: Percent, Value: 10}, want: 0},
	{name: "negative percent gives nothing", code: Code{Kind: Percent, Value: -10}, subtotal: 1000, want: 0},
	{name: "fixed", code: Code{Kind: Fixed, Value: 500}, subtotal: 2000, deliveryFee: 300, want: 500},
	{name: "fixed equal to the subtotal", code: Code{Kind: Fixed, Value: 2000}, subtotal: 2000, want: 2000},
	{name: "fixed larger than the subtotal", code: Code{Kind: Fixed, Value: 5000}, subtotal: 2000, deliveryFee: 300, want: 2000},
	{name: "fixed ignores the cap", code: Code{Kind: Fixed, Value: 800, MaxDiscount: 500}, subtotal: 2000, want: 800},
	{name: "negative fixed gives nothing", code: Code{Kind: Fixed, Value: -500}, subtotal: 2000, want: 0},
	{name: "negative subtotal gives nothing", code: Code{Kind: Fixed, Value: 500}, subtotal: -1, want: 0},
	{name: "free delivery", code: Code{Kind: FreeDelivery}, subtotal: 2000, deliveryFee: 349, want: 349},
	{name: "free delivery may exceed the subtotal", code: Code{Kind: FreeDelivery}, subtotal: 100, deliveryFee: 349, want: 349},
	{name: "free delivery with unknown fee", code: Code{Kind: FreeDelivery, Value: 500}, subtotal: 2000, want: 0},
	{name: "free delivery of a negative fee", code: Code{Kind: FreeDelivery}, subtotal: 2000, deliveryFee: -5, want: 0},
	{name: "unknown kind gives nothing", code: Code{Kind: "bogo", Value: 500}, subtotal: 2000, deliveryFee: 300, want: 0},
}

func TestDiscount(t *testing.T) {
	for _, s := range discountScenarios {
		t.Run(s.name, func(t *testing.T) {
			if got := s.code.Discount(s.subtotal, s.deliveryFee); got != s.want {
				t.Errorf("Discount(%d, %d) = %d; want %d", s.subtotal, s.deliveryFee, got, s.want)
			}
		})
	}
}
