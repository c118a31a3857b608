package promo

import "errors"

// Error is a reason a promo code does not apply. Code is a stable
// machine-readable name for field errors at the API edge; Message is a
// sentence the frontend shows as is.
type Error struct {
	Code    string
	Message string
}

// Error implements error with the package prefix the house style asks for;
// customers see Message (via Reason) instead.
func (e *Error) Error() string {
	return "promo: " + e.Message
}

// The reasons a code does not apply. Their messages are static sentences: a
// date or an amount in them would need the customer's time zone and currency
// format, which belong to the frontend.
var (
	// ErrNotFound means no promo code has the text on the cart, for example
	// because an admin deleted it after the customer set it.
	ErrNotFound error = &Error{Code: "promo_not_found", Message: "This promo code does not exist."}
	// ErrInactive means an admin switched the code off.
	ErrInactive error = &Error{Code: "promo_inactive", Message: "This promo code is not active."}
	// ErrNotStarted means now is before the code's StartsAt.
	ErrNotStarted error = &Error{Code: "promo_not_started", Message: "This promo code is not valid yet."}
	// ErrExpired means now is at or after the code's EndsAt.
	ErrExpired error = &Error{Code: "promo_expired", Message: "This promo code has expired."}
	// ErrExhausted means every allowed redemption has been used.
	ErrExhausted error = &Error{Code: "promo_exhausted", Message: "This promo code has been used up."}
	// ErrOtherRestaurant means the code belongs to another restaurant.
	ErrOtherRestaurant error = &Error{Code: "promo_other_restaurant", Message: "This promo code is not valid at this restaurant."}
	// ErrBelowMinimum means the subtotal is below the code's MinSubtotal.
	ErrBelowMinimum error = &Error{Code: "promo_below_minimum", Message: "Your order is below this promo code's minimum amount."}
)

// genericReason is shown for errors that are not promo errors, so that
// nothing internal ever reaches a customer.
const genericReason = "This promo code cannot be used."

// Reason is the sentence to show a customer for err, which may be wrapped.
// An error from outside this package gets a generic sentence rather than its
// own text; nil gets "".
func Reason(err error) string {
	if err == nil {
		return ""
	}
	if e, ok := errors.AsType[*Error](err); ok {
		return e.Message
	}
	return genericReason
}
