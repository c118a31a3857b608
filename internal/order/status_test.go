package order

import (
	"slices"
	"testing"
)

var parseStatusScenarios = []struct {
	name   string
	in     string
	want   Status
	wantOK bool
}{
	{name: "placed", in: "placed", want: Placed, wantOK: true},
	{name: "accepted", in: "accepted", want: Accepted, wantOK: true},
	{name: "rejected", in: "rejected", want: Rejected, wantOK: true},
	{name: "preparing", in: "preparing", want: Preparing, wantOK: true},
	{name: "ready_for_pickup", in: "ready_for_pickup", want: ReadyForPickup, wantOK: true},
	{name: "picked_up", in: "picked_up", want: PickedUp, wantOK: true},
	{name: "delivered", in: "delivered", want: Delivered, wantOK: true},
	{name: "cancelled", in: "cancelled", want: Cancelled, wantOK: true},
	{name: "empty", in: ""},
	{name: "capitalised", in: "Placed"},
	{name: "padded", in: " placed"},
	{name: "spaces for underscores", in: "ready for pickup"},
	{name: "American spelling", in: "canceled"},
	{name: "unknown", in: "shipped"},
}

func TestParseStatus(t *testing.T) {
	for _, s := range parseStatusScenarios {
		t.Run(s.name, func(t *testing.T) {
			got, ok := ParseStatus(s.in)
			if got != s.want || ok != s.wantOK {
				t.Errorf("ParseStatus(%q): got (%q, %t); want (%q, %t)", s.in, got, ok, s.want, s.wantOK)
			}
		})
	}
}

func TestAll(t *testing.T) {
	want := []Status{"placed", "accepted", "preparing", "ready_for_pickup", "picked_up", "delivered", "rejected", "cancelled"}
	if !slices.Equal(All, want) {
		t.Errorf("got %q; want %q", All, want)
	}
}

var statusScenarios = []struct {
	status        Status
	terminal      bool
	needsReason   bool
	etaMinutes    int64
	etaSet, clear bool
}{
	// ETA with prep 15 and travel 7 minutes.
	{status: Placed, etaMinutes: 22, etaSet: true},
	{status: Accepted, etaMinutes: 22, etaSet: true},
	{status: Preparing},
	{status: ReadyForPickup, etaMinutes: 7, etaSet: true},
	{status: PickedUp, etaMinutes: 7, etaSet: true},
	{status: Delivered, terminal: true, clear: true},
	{status: Rejected, terminal: true, needsReason: true, clear: true},
	{status: Cancelled, terminal: true, clear: true},
	{status: "shipped"},
}

func TestStatusProperties(t *testing.T) {
	for _, s := range statusScenarios {
		t.Run(string(s.status), func(t *testing.T) {
			if got := Terminal(s.status); got != s.terminal {
				t.Errorf("Terminal: got %t; want %t", got, s.terminal)
			}
			if got := NeedsReason(s.status); got != s.needsReason {
				t.Errorf("NeedsReason: got %t; want %t", got, s.needsReason)
			}
			minutes, set, clear := ETA(s.status, 15, 7)
			if minutes != s.etaMinutes || set != s.etaSet || clear != s.clear {
				t.Errorf("ETA(%s, 15, 7): got (%d, %t, %t); want (%d, %t, %t)", s.status, minutes, set, clear, s.etaMinutes, s.etaSet, s.clear)
			}
		})
	}
}

// TestStatusScenariosCoverAll keeps statusScenarios in step with All when a status is added.
func TestStatusScenariosCoverAll(t *testing.T) {
	covered := map[Status]bool{}
	for _, s := range statusScenarios {
		covered[s.status] = true
	}
	for _, st := range All {
		if !covered[st] {
			t.Errorf("got no scenario for %q; want one per status", st)
		}
	}
}

var etaScenarios = []struct {
	name               string
	to                 Status
	prep, travel       int64
	want               int64
	wantSet, wantClear bool
}{
	{name: "no prep time", to: Placed, prep: 0, travel: 12, want: 12, wantSet: true},
	{name: "no distance", to: Accepted, prep: 20, travel: 0, want: 20, wantSet: true},
	{name: "ready ignores prep", to: ReadyForPickup, prep: 999, travel: 3, want: 3, wantSet: true},
	{name: "picked up ignores prep", to: PickedUp, prep: 999, travel: 0, want: 0, wantSet: true},
	{name: "delivered ignores both", to: Delivered, prep: 20, travel: 12, wantClear: true},
	{name: "preparing ignores both", to: Preparing, prep: 20, travel: 12},
}

func TestETA(t *testing.T) {
	for _, s := range etaScenarios {
		t.Run(s.name, func(t *testing.T) {
			got, set, clear := ETA(s.to, s.prep, s.travel)
			if got != s.want || set != s.wantSet || clear != s.wantClear {
				t.Errorf("ETA(%s, %d, %d): got (%d, %t, %t); want (%d, %t, %t)", s.to, s.prep, s.travel, got, set, clear, s.want, s.wantSet, s.wantClear)
			}
		})
	}
}
