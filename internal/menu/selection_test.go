package menu

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"testing"
)

var parseSelectionScenarios = []struct {
	name    string
	raw     string
	want    map[string][]string
	wantErr string
}{
	{name: "empty input", raw: "", want: map[string][]string{}},
	{name: "null", raw: " null ", want: map[string][]string{}},
	{name: "empty object", raw: "{}", want: map[string][]string{}},
	{name: "groups", raw: `{"size": ["l"], "extras": ["olives", "cheese"], "sauce": []}`,
		want: map[string][]string{"size": {"l"}, "extras": {"olives", "cheese"}, "sauce": {}}},
	{name: "array", raw: `["l"]`, wantErr: "options must be a JSON object that maps option group ids to lists of option ids"},
	{name: "string", raw: `"l"`, wantErr: "options must be a JSON object that maps option group ids to lists of option ids"},
	{name: "broken JSON", raw: `{"size": [`, wantErr: "options must be a JSON object that maps option group ids to lists of option ids"},
	{name: "single id instead of a list", raw: `{"size": "l"}`, wantErr: `options for group "size" must be a list of option ids`},
	{name: "null list", raw: `{"size": null}`, wantErr: `options for group "size" must be a list of option ids`},
	{name: "numeric ids", raw: `{"size": [1]}`, wantErr: `options for group "size" must be a list of option ids`},
	{name: "first bad group by name", raw: `{"z": 1, "a": 2}`, wantErr: `options for group "a" must be a list of option ids`},
}

func TestParseSelection(t *testing.T) {
	for _, s := range parseSelectionScenarios {
		t.Run(s.name, func(t *testing.T) {
			got, err := ParseSelection([]byte(s.raw))
			if gotErr := Reason(err); gotErr != s.wantErr {
				t.Fatalf("ParseSelection error = %q; want %q", gotErr, s.wantErr)
			}
			if !reflect.DeepEqual(got, s.want) {
				t.Errorf("ParseSelection = %#v; want %#v", got, s.want)
			}
		})
	}
}

var selectScenarios = []struct {
	name    string
	groups  []Group
	sel     map[string][]string
	want    int64
	wantErr string
}{
	{name: "no groups, nothing chosen", groups: nil, sel: nil},
	{name: "no groups, empty selection", groups: nil, sel: map[string][]string{}},
	{name: "required size only", groups: pizza, sel: map[string][]string{"size": {"l"}}, want: 300},
	{name: "free option", groups: pizza, sel: map[string][]string{"size": {"s"}}},
	{name: "size and two extras", groups: pizza, sel: map[string][]string{"size": {"l"}, "extras": {"cheese", "olives"}}, want: 540},
	{name: "optional group chosen empty", groups: pizza, sel: map[string][]string{"size": {"s"}, "extras": {}}},
	{name: "required group missing", groups: pizza, sel: map[string][]string{"extras": {"cheese"}},
		wantErr: `choose exactly 1 option for "Size"`},
	{name: "required group empty", groups: pizza, sel: map[string][]string{"size": {}}, wantErr: `choose exactly 1 option for "Size"`},
	{name: "two sizes", groups: pizza, sel: map[string][]string{"size": {"s", "l"}}, wantErr: `choose exactly 1 option for "Size"`},
	{name: "too many extras", groups: pizza, sel: map[string][]string{"size": {"s"}, "extras": {"cheese", "olives", "basil"}},
		wantErr: `choose at most 2 options for "Extras"`},
	{name: "too few of a range", groups: []Group{{ID: "sides", Name: "Sides", Min: 2, Max: 3, Options: pizza[1].Options}},
		sel: map[string][]string{"sides": {"basil"}}, wantErr: `choose at least 2 options for "Sides"`},
	{name: "at least one of a range", groups: []Group{{ID: "sides", Name: "Sides", Min: 1, Max: 3, Options: pizza[1].Options}},
		sel: nil, wantErr: `choose at least 1 option for "Sides"`},
	{name: "at most one", groups: []Group{{ID: "dip", Name: "Dip", Min: 0, Max: 1, Options: pizza[1].Options}},
		sel: map[string][]string{"dip": {"basil", "cheese"}}, wantErr: `choose at most 1 option for "Dip"`},
	{name: "exactly two", groups: []Group{{ID: "halves", Name: "Halves", Min: 2, Max: 2, Options: pizza[1].Options}},
		sel: map[string][]string{"halves": {"basil"}}, wantErr: `choose exactly 2 options for "Halves"`},
	{name: "unknown group", groups: pizza, sel: map[string][]string{"size": {"l"}, "crust": {"thin"}},
		wantErr: `unknown option group "crust"`},
	{name: "unknown group with an empty list", groups: pizza, sel: map[string][]string{"size": {"l"}, "crust": {}},
		wantErr: `unknown option group "crust"`},
	{name: "first unknown group by name", groups: pizza, sel: map[string][]string{"zz": {}, "crust": {}, "mm": {}},
		wantErr: `unknown option group "crust"`},
	{name: "unknown option", groups: pizza, sel: map[string][]string{"size": {"xl"}}, wantErr: `"Size" has no option "xl"`},
	{name: "option of another group", groups: pizza, sel: map[string][]string{"size": {"cheese"}}, wantErr: `"Size" has no option "cheese"`},
	{name: "ids match exactly", groups: pizza, sel: map[string][]string{"size": {"L"}}, wantErr: `"Size" has no option "L"`},
	{name: "duplicate option", groups: pizza, sel: map[string][]string{"size": {"s"}, "extras": {"cheese", "cheese"}},
		wantErr: `"Extra cheese" is selected more than once in "Extras"`},
	{name: "sum saturates instead of wrapping", groups: []Group{{ID: "g", Name: "G", Max: 2, Options: []Option{
		{ID: "a", Name: "A", Price: math.MaxInt64}, {ID: "b", Name: "B", Price: 1}}}},
		sel: map[string][]string{"g": {"a", "b"}}, want: math.MaxInt64},
}

func TestSelect(t *testing.T) {
	for _, s := range selectScenarios {
		t.Run(s.name, func(t *testing.T) {
			got, err := Select(s.groups, s.sel)
			if gotErr := Reason(err); gotErr != s.wantErr {
				t.Fatalf("Select error = %q; want %q", gotErr, s.wantErr)
			}
			if got != s.want {
				t.Errorf("Select = %d; want %d", got, s.want)
			}
		})
	}
}

// TestSelectDoesNotAllocate keeps adding a cart item cheap: only a failing
// selection builds an error.
func TestSelectDoesNotAllocate(t *testing.T) {
	sel := map[string][]string{"size": {"l"}, "extras": {"cheese", "olives"}}
	if n := testing.AllocsPerRun(100, func() {
		if _, err := Select(pizza, sel); err != nil {
			t.Fatal(err)
		}
	}); n != 0 {
		t.Errorf("Select allocates %v times per run; want 0", n)
	}
}

var canonicalScenarios = []struct {
	name string
	sel  map[string][]string
	want map[string][]string
}{
	{name: "nil", sel: nil, want: map[string][]string{}},
	{name: "sorted within groups", sel: map[string][]string{"extras": {"olives", "cheese", "basil"}, "size": {"l"}},
		want: map[string][]string{"extras": {"basil", "cheese", "olives"}, "size": {"l"}}},
	{name: "empty groups dropped", sel: map[string][]string{"extras": {}, "size": {"s"}, "sauce": nil},
		want: map[string][]string{"size": {"s"}}},
}

func TestCanonical(t *testing.T) {
	for _, s := range canonicalScenarios {
		t.Run(s.name, func(t *testing.T) {
			before := fmt.Sprint(s.sel)
			if got := Canonical(s.sel); !reflect.DeepEqual(got, s.want) {
				t.Errorf("Canonical(%v) = %v; want %v", s.sel, got, s.want)
			}
			if after := fmt.Sprint(s.sel); after != before {
				t.Errorf("Canonical changed its input to %v; want %v", after, before)
			}
		})
	}
}

// FuzzSelect feeds arbitrary groups and selections through the whole path
// the cart glue takes: errors are fine, panics and negative prices are not,
// and a selection that passes passes again in canonical form.
func FuzzSelect(f *testing.F) {
	for _, s := range parseSelectionScenarios {
		f.Add([]byte(pizzaGroups), []byte(s.raw))
	}
	for _, s := range parseGroupsScenarios {
		f.Add([]byte(s.raw), []byte(`{"size": ["l"], "extras": ["cheese"]}`))
	}
	f.Fuzz(func(t *testing.T, rawGroups, rawSel []byte) {
		sel, err := ParseSelection(rawSel)
		if err != nil {
			if _, ok := errors.AsType[*Error](err); !ok {
				t.Fatalf("ParseSelection(%q) = %v; want a *menu.Error", rawSel, err)
			}
			return
		}
		groups, err := ParseGroups(rawGroups)
		if err != nil {
			return
		}
		extra, err := Select(groups, sel)
		if err != nil {
			if _, ok := errors.AsType[*Error](err); !ok {
				t.Fatalf("Select = %v; want a *menu.Error", err)
			}
			return
		}
		if extra < 0 {
			t.Fatalf("Select = %d; want ≥ 0", extra)
		}
		if again, err := Select(groups, Canonical(sel)); err != nil || again != extra {
			t.Fatalf("Select(Canonical(sel)) = %d, %v; want %d, nil", again, err, extra)
		}
	})
}

// FuzzParseSelection checks that any input either fails with a menu error or
// yields a non-nil map that survives a JSON round trip.
func FuzzParseSelection(f *testing.F) {
	for _, s := range parseSelectionScenarios {
		f.Add([]byte(s.raw))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		sel, err := ParseSelection(raw)
		if err != nil {
			if _, ok := errors.AsType[*Error](err); !ok {
				t.Fatalf("ParseSelection(%q) = %v; want a *menu.Error", raw, err)
			}
			return
		}
		if sel == nil {
			t.Fatalf("ParseSelection(%q) = nil; want a non-nil map", raw)
		}
		again, err := json.Marshal(sel)
		if err != nil {
			t.Fatalf("json.Marshal(%v) = %v; want nil", sel, err)
		}
		back, err := ParseSelection(again)
		if err != nil || !reflect.DeepEqual(back, sel) {
			t.Fatalf("ParseSelection(Marshal(sel)) = %v, %v; want %v, nil", back, err, sel)
		}
	})
}
