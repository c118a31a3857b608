package order

import (
	"errors"
	"fmt"
	"testing"
)

// contractMoves is the contract's list of allowed moves, written out again independently of the moves map so
// that the exhaustive test below checks one against the other.
var contractMoves = []struct {
	from, to Status
	role     Role
}{
	{Placed, Accepted, Staff},
	{Placed, Rejected, Staff},
	{Accepted, Preparing, Staff},
	{Preparing, ReadyForPickup, Staff},
	{ReadyForPickup, PickedUp, Courier},
	{PickedUp, Delivered, Courier},
	{Placed, Cancelled, Customer},
}

var allRoles = []Role{Customer, Staff, Courier, Superuser}

// TestCheckExhaustive asks Check about every role and every (from, to) pair of statuses, including from == to,
// and derives the expected answer from contractMoves alone.
func TestCheckExhaustive(t *testing.T) {
	allowed := 0
	for _, role := range allRoles {
		for _, from := range All {
			for _, to := range All {
				want := ErrIllegal
				for _, m := range contractMoves {
					if m.from == from && m.to == to {
						want = ErrForbidden
						if role == m.role || role == Superuser {
							want = nil
						}
					}
				}
				t.Run(fmt.Sprintf("%s/%s_to_%s", role, from, to), func(t *testing.T) {
					// errors.Is(err, nil) holds only for a nil err.
					if err := Check(from, to, role); !errors.Is(err, want) {
						t.Errorf("got %v; want %v", err, want)
					}
				})
				if want == nil {
					allowed++
				}
			}
		}
	}
	// Each listed move is allowed to its role and to superusers, and nothing else is.
	if want := 2 * len(contractMoves); allowed != want {
		t.Errorf("got %d allowed (role, from, to) triples; want %d", allowed, want)
	}
	if got, want := len(moves), len(contractMoves); got != want {
		t.Errorf("got %d moves in the machine; want %d as in the contract", got, want)
	}
}

var checkScenarios = []struct {
	name     string
	from, to Status
	roles    []Role
	// wantErr is the sentinel Check should wrap (nil for allowed) and wantMsg its full message.
	wantErr error
	wantMsg string
}{
	// The contract's own examples.
	{name: "placed to delivered is illegal", from: Placed, to: Delivered, roles: []Role{Superuser}, wantErr: ErrIllegal, wantMsg: "order: illegal move: from placed to delivered"},
	{name: "accepted to cancelled is illegal", from: Accepted, to: Cancelled, roles: []Role{Customer}, wantErr: ErrIllegal, wantMsg: "order: illegal move: from accepted to cancelled"},
	{name: "customer accepting is forbidden", from: Placed, to: Accepted, roles: []Role{Customer}, wantErr: ErrForbidden, wantMsg: "order: your role may not make this move: from placed to accepted"},

	// Several roles at once: any one of them suffices.
	{name: "staff who is also the customer may cancel", from: Placed, to: Cancelled, roles: []Role{Staff, Customer}},
	{name: "staff who is also the customer may accept", from: Placed, to: Accepted, roles: []Role{Customer, Staff}},
	{name: "staff who is also the courier may pick up", from: ReadyForPickup, to: PickedUp, roles: []Role{Staff, Courier}},
	{name: "customer and courier may not prepare", from: Accepted, to: Preparing, roles: []Role{Customer, Courier}, wantErr: ErrForbidden, wantMsg: "order: your role may not make this move: from accepted to preparing"},
	{name: "every role together still cannot skip a step", from: Accepted, to: ReadyForPickup, roles: allRoles, wantErr: ErrIllegal, wantMsg: "order: illegal move: from accepted to ready_for_pickup"},
	{name: "duplicate roles", from: PickedUp, to: Delivered, roles: []Role{Courier, Courier}},

	// No roles, unknown roles and unknown statuses.
	{name: "no roles", from: Placed, to: Cancelled, wantErr: ErrForbidden, wantMsg: "order: your role may not make this move: from placed to cancelled"},
	{name: "unknown role grants nothing", from: Placed, to: Cancelled, roles: []Role{"admin"}, wantErr: ErrForbidden, wantMsg: "order: your role may not make this move: from placed to cancelled"},
	{name: "role names are case-sensitive", from: Placed, to: Accepted, roles: []Role{"Staff"}, wantErr: ErrForbidden, wantMsg: "order: your role may not make this move: from placed to accepted"},
	{name: "unknown target status", from: Placed, to: "shipped", roles: []Role{Superuser}, wantErr: ErrIllegal, wantMsg: "order: illegal move: from placed to shipped"},
	{name: "unknown current status", from: "", to: Placed, roles: []Role{Superuser}, wantErr: ErrIllegal, wantMsg: "order: illegal move: from  to placed"},
	{name: "staying put is illegal", from: Preparing, to: Preparing, roles: []Role{Staff}, wantErr: ErrIllegal, wantMsg: "order: illegal move: from preparing to preparing"},
	{name: "no way back", from: Delivered, to: PickedUp, roles: []Role{Courier}, wantErr: ErrIllegal, wantMsg: "order: illegal move: from delivered to picked_up"},
	{name: "cancelled stays cancelled", from: Cancelled, to: Placed, roles: []Role{Customer}, wantErr: ErrIllegal, wantMsg: "order: illegal move: from cancelled to placed"},
}

func TestCheck(t *testing.T) {
	for _, s := range checkScenarios {
		t.Run(s.name, func(t *testing.T) {
			err := Check(s.from, s.to, s.roles...)
			if s.wantErr == nil {
				if err != nil {
					t.Errorf("got %v; want nil", err)
				}
				return
			}
			if !errors.Is(err, s.wantErr) {
				t.Fatalf("got %v; want an error wrapping %v", err, s.wantErr)
			}
			if err.Error() != s.wantMsg {
				t.Errorf("got message %q; want %q", err.Error(), s.wantMsg)
			}
			// One sentinel per HTTP status: an error must never match both.
			if errors.Is(err, ErrIllegal) && errors.Is(err, ErrForbidden) {
				t.Errorf("got %v matching both sentinels; want exactly one", err)
			}
		})
	}
}

// TestTerminalMatchesMoves cross-checks Terminal with the machine: a status is terminal exactly when not even a
// superuser can move an order out of it.
func TestTerminalMatchesMoves(t *testing.T) {
	for _, from := range All {
		t.Run(string(from), func(t *testing.T) {
			exits := 0
			for _, to := range All {
				if Check(from, to, Superuser) == nil {
					exits++
				}
			}
			if got, want := Terminal(from), exits == 0; got != want {
				t.Errorf("got Terminal %t; want %t (%d moves out)", got, want, exits)
			}
		})
	}
}
