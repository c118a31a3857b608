package menu

import "testing"

var knownExtraScenarios = []struct {
	name string
	sel  map[string][]string
	want int64
}{
	{"nothing chosen", nil, 0},
	{"valid choice", map[string][]string{"size": {"l"}, "extras": {"cheese"}}, 300 + 150},
	{"unknown group ignored", map[string][]string{"size": {"l"}, "sauce": {"bbq"}}, 300},
	{"unknown option ignored", map[string][]string{"size": {"xl"}, "extras": {"cheese", "truffle"}}, 150},
	{"max broken still priced", map[string][]string{"size": {"m", "l"}}, 300},
	{"duplicate counted once", map[string][]string{"size": {"l", "l"}}, 300},
}

func TestKnownExtra(t *testing.T) {
	groups := []Group{
		{ID: "size", Name: "Size", Min: 1, Max: 1, Options: []Option{{ID: "m", Name: "Medium"}, {ID: "l", Name: "Large", Price: 300}}},
		{ID: "extras", Name: "Extras", Min: 0, Max: 2, Options: []Option{{ID: "cheese", Name: "Cheese", Price: 150}}},
	}
	for _, s := range knownExtraScenarios {
		t.Run(s.name, func(t *testing.T) {
			if got := KnownExtra(groups, s.sel); got != s.want {
				t.Errorf("KnownExtra(%v) = %d; want %d", s.sel, got, s.want)
			}
		})
	}
}
