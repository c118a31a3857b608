// Package promo decides whether a promo code applies to a cart and how much
// it takes off. It knows nothing of storage: the glue loads a Code, passes the
// current time and the cart's restaurant and subtotal, and shows the error's
// Reason to the customer.
package promo

import (
	"strings"
	"time"

	"github.com/dishpatch/dishpatch/internal/money"
)

// Kind is what a code discounts, stored in promo_codes.kind.
type Kind string

// The kinds the promo_codes.kind select allows.
const (
	// Percent takes Value percent (1..100) off the subtotal.
	Percent Kind = "percent"
	// Fixed takes Value minor units off the subtotal, never more than it.
	Fixed Kind = "fixed"
	// FreeDelivery waives the delivery fee; Value is unused.
	FreeDelivery Kind = "free_delivery"
)

// Code is a promo_codes record. Zero values mean "no limit" where the
// contract says so, so a Code built from a record with empty fields behaves
// as the admin who left them empty expects.
type Code struct {
	// Code is the text customers type; see Normalize.
	Code string
	Kind Kind
	// Value is the percentage for Percent and minor units for Fixed.
	Value int64
	// MinSubtotal is the smallest subtotal the code applies to.
	MinSubtotal int64
	// MaxDiscount caps a Percent discount; 0 means no cap.
	MaxDiscount int64
	// StartsAt and EndsAt bound the half-open window [StartsAt, EndsAt); a
	// zero time leaves that side unbounded.
	StartsAt, EndsAt time.Time
	// MaxRedemptions is how many orders may use the code; 0 means unlimited.
	MaxRedemptions int64
	// Redemptions counts the orders that used the code so far.
	Redemptions int64
	// Restaurant limits the code to one restaurant id; "" means any.
	Restaurant string
	IsActive   bool
}

// Normalize returns the form in which codes are stored and compared: without
// surrounding white space and in lower case (Unicode-aware), because
// customers type " summer10" or "SUMMER10" and expect it to work.
func Normalize(s string) string {
	return strings.ToLower(strings.TrimSpace(s))
}

// Usable reports why a customer cannot put c on a cart for restaurantID at
// now, or nil. It checks everything except the subtotal, which may still grow
// after the code is set; the checks run in a fixed order so the customer
// always hears the most fundamental reason first.
func (c Code) Usable(now time.Time, restaurantID string) error {
	switch {
	case !c.IsActive:
		return ErrInactive
	case !c.StartsAt.IsZero() && now.Before(c.StartsAt):
		return ErrNotStarted
	case !c.EndsAt.IsZero() && !now.Before(c.EndsAt):
		return ErrExpired
	case c.MaxRedemptions > 0 && c.Redemptions >= c.MaxRedemptions:
		return ErrExhausted
	case c.Restaurant != "" && c.Restaurant != restaurantID:
		return ErrOtherRestaurant
	}
	return nil
}

// Eligible reports why c gives no discount on a cart with this subtotal, or
// nil. Carts are recomputed on every change, and a code that was usable when
// set may have expired or run out since, so this runs every time.
func (c Code) Eligible(now time.Time, restaurantID string, subtotal int64) error {
	if err := c.Usable(now, restaurantID); err != nil {
		return err
	}
	if subtotal < c.MinSubtotal {
		return ErrBelowMinimum
	}
	return nil
}

// Discount is what an eligible c takes off a cart, following the contract:
// percent → round(subtotal × value / 100) capped by MaxDiscount when > 0;
// fixed → min(value, subtotal); free_delivery → deliveryFee.
//
// It never returns a negative amount and, apart from free delivery, never
// more than the subtotal, so a misconfigured code (a percentage above 100, a
// negative value, an unknown kind) can lower a total to zero but not below.
func (c Code) Discount(subtotal, deliveryFee int64) int64 {
	subtotal, value := max(subtotal, 0), max(c.Value, 0)
	switch c.Kind {
	case Percent:
		d := money.MulDivRound(subtotal, value, 100)
		if c.MaxDiscount > 0 {
			d = min(d, c.MaxDiscount)
		}
		return min(d, subtotal)
	case Fixed:
		return min(value, subtotal)
	case FreeDelivery:
		return max(deliveryFee, 0)
	}
	return 0
}
