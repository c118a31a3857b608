// Package order holds the order status machine: which moves exist, who may make them, and what each move does
// to the order's eta.
package order

// Status is where an order is in its life; the values are the options of the orders.status select field.
type Status string

// The statuses an order moves through. An order starts placed and ends delivered, rejected or cancelled.
const (
	Placed         Status = "placed"
	Accepted       Status = "accepted"
	Rejected       Status = "rejected"
	Preparing      Status = "preparing"
	ReadyForPickup Status = "ready_for_pickup"
	PickedUp       Status = "picked_up"
	Delivered      Status = "delivered"
	Cancelled      Status = "cancelled"
)

// All lists every status in lifecycle order: the happy path first, then the two ways an order ends early
// after it was placed. Use it for select options and for exhaustive tests.
var All = []Status{Placed, Accepted, Preparing, ReadyForPickup, PickedUp, Delivered, Rejected, Cancelled}

// ParseStatus returns the status named s and true, or false when s is not exactly one of All (statuses are
// lower-case and come from a select field, so no folding is done).
func ParseStatus(s string) (Status, bool) {
	for _, st := range All {
		if string(st) == s {
			return st, true
		}
	}
	return "", false
}

// Terminal reports whether no move leaves s: delivered, rejected and cancelled orders are final.
func Terminal(s Status) bool {
	switch s {
	case Delivered, Rejected, Cancelled:
		return true
	}
	return false
}

// NeedsReason reports whether moving to s requires a non-empty reason, which the contract asks only of a
// rejection: the customer deserves to know why their order was turned down.
func NeedsReason(to Status) bool {
	return to == Rejected
}
