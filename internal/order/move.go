package order

import (
	"errors"
	"fmt"
)

// Role is a capacity in which a user acts on an order. A user can hold several at once, for example staff of
// the restaurant who ordered from it as a customer.
type Role string

// The roles that may move orders. Who holds which role for a given order is decided at the edge (its
// customer, its restaurant's staff, its assigned courier, a superuser).
const (
	Customer  Role = "customer"
	Staff     Role = "staff"
	Courier   Role = "courier"
	Superuser Role = "superuser"
)

// ErrIllegal means no role at all may make the move from the current status, such as placed to delivered;
// the API answers 400.
var ErrIllegal = errors.New("order: illegal move")

// ErrForbidden means the move exists but none of the caller's roles may make it, such as a customer
// accepting their own order; the API answers 403.
var ErrForbidden = errors.New("order: your role may not make this move")

// move is a transition between two statuses.
type move struct {
	from, to Status
}

// moves are the contract's allowed moves, each with the one role (besides Superuser) that makes it.
var moves = map[move]Role{
	{Placed, Accepted}:          Staff,
	{Placed, Rejected}:          Staff,
	{Accepted, Preparing}:       Staff,
	{Preparing, ReadyForPickup}: Staff,
	{ReadyForPickup, PickedUp}:  Courier,
	{PickedUp, Delivered}:       Courier,
	{Placed, Cancelled}:         Customer,
}

// Check reports whether a caller holding roles may move an order from one status to another: nil when any of
// the roles may, an error wrapping ErrIllegal when the move is not in the contract's list (including a move to
// the same status and any unknown status), and one wrapping ErrForbidden when only roles the caller lacks may
// make it. Superuser may make every listed move and no other; unknown roles grant nothing.
//
// Illegal wins over forbidden so that a 403 never hints at moves that do not exist.
func Check(from, to Status, roles ...Role) error {
	owner, ok := moves[move{from, to}]
	if !ok {
		return fmt.Errorf("%w: from %s to %s", ErrIllegal, from, to)
	}
	for _, r := range roles {
		if r == owner || r == Superuser {
			return nil
		}
	}
	return fmt.Errorf("%w: from %s to %s", ErrForbidden, from, to)
}
