package cart

import "testing"

var unavailableScenarios = []struct {
	name    string
	lines   []Line
	want    string
	wantBad bool
}{
	{name: "all available", lines: []Line{{Name: "Cola", Available: true}}},
	{name: "no lines"},
	{name: "one", lines: []Line{{Name: "Cola", Available: true}, {Name: "Fries"}}, want: "Fries is no longer available; remove it to check out.", wantBad: true},
	{name: "two", lines: []Line{{Name: "Cola"}, {Name: "Fries"}}, want: "Cola and Fries are no longer available; remove them to check out.", wantBad: true},
	{name: "three in cart order", lines: []Line{{Name: "Salad"}, {Name: "Cola", Available: true}, {Name: "Fries"}, {Name: "Dip"}},
		want: "Salad, Fries and Dip are no longer available; remove them to check out.", wantBad: true},
	{name: "same item with other options named once", lines: []Line{{Name: "Pizza"}, {Name: "Pizza"}},
		want: "Pizza is no longer available; remove it to check out.", wantBad: true},
}

func TestUnavailableMessage(t *testing.T) {
	for _, s := range unavailableScenarios {
		t.Run(s.name, func(t *testing.T) {
			got, ok := unavailableMessage(s.lines)
			if got != s.want || ok != s.wantBad {
				t.Errorf("unavailableMessage = %q, %v; want %q, %v", got, ok, s.want, s.wantBad)
			}
		})
	}
}

var outsideScenarios = []struct {
	name     string
	radiusKm float64
	want     string
}{
	{name: "whole kilometres", radiusKm: 5, want: "This restaurant only delivers within 5 km; choose a closer delivery location."},
	{name: "fractional radius as stored", radiusKm: 2.345, want: "This restaurant only delivers within 2.345 km; choose a closer delivery location."},
}

func TestOutsideMessage(t *testing.T) {
	for _, s := range outsideScenarios {
		t.Run(s.name, func(t *testing.T) {
			if got := outsideMessage(s.radiusKm); got != s.want {
				t.Errorf("outsideMessage(%v) = %q; want %q", s.radiusKm, got, s.want)
			}
		})
	}
}
