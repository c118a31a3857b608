package promo

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

var reasonScenarios = []struct {
	name string
	err  error
	want string
}{
	{name: "nil", err: nil, want: ""},
	{name: "not found", err: ErrNotFound, want: "This promo code does not exist."},
	{name: "inactive", err: ErrInactive, want: "This promo code is not active."},
	{name: "not started", err: ErrNotStarted, want: "This promo code is not valid yet."},
	{name: "expired", err: ErrExpired, want: "This promo code has expired."},
	{name: "exhausted", err: ErrExhausted, want: "This promo code has been used up."},
	{name: "other restaurant", err: ErrOtherRestaurant, want: "This promo code is not valid at this restaurant."},
	{name: "below minimum", err: ErrBelowMinimum, want: "Your order is below this promo code's minimum amount."},
	{name: "wrapped", err: fmt.Errorf("cart abc: %w", ErrExpired), want: "This promo code has expired."},
	{name: "foreign error is not shown", err: errors.New("sql: no rows"), want: "This promo code cannot be used."},
}

func TestReason(t *testing.T) {
	for _, s := range reasonScenarios {
		t.Run(s.name, func(t *testing.T) {
			if got := Reason(s.err); got != s.want {
				t.Errorf("Reason(%v) = %q; want %q", s.err, got, s.want)
			}
		})
	}
}

// TestErrorsArePrefixedAndDistinct keeps the house-style prefix and the
// stable codes the API edge turns into field errors.
func TestErrorsArePrefixedAndDistinct(t *testing.T) {
	codes := map[string]bool{}
	for _, err := range []error{ErrNotFound, ErrInactive, ErrNotStarted, ErrExpired, ErrExhausted, ErrOtherRestaurant, ErrBelowMinimum} {
		e, ok := errors.AsType[*Error](err)
		if !ok {
			t.Fatalf("%v is %T; want *Error", err, err)
		}
		if want := "promo: " + e.Message; err.Error() != want {
			t.Errorf("Error() = %q; want %q", err.Error(), want)
		}
		if !strings.HasPrefix(e.Code, "promo_") || codes[e.Code] {
			t.Errorf("Code = %q; want a unique promo_* code", e.Code)
		}
		codes[e.Code] = true
	}
}
