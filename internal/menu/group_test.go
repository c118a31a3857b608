package menu

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

const pizzaGroups = `[
  {"id": "size", "name": "Size", "min": 1, "max": 1, "options": [
    {"id": "s", "name": "Small", "price": 0},
    {"id": "l", "name": "Large", "price": 300}
  ]},
  {"id": "extras", "name": "Extras", "max": 2, "options": [
    {"id": "cheese", "name": "Extra cheese", "price": 150},
    {"id": "olives", "name": "Olives", "price": 90},
    {"id": "basil", "name": "Basil"}
  ]}
]`

var pizza = []Group{
	{ID: "size", Name: "Size", Min: 1, Max: 1, Options: []Option{{ID: "s", Name: "Small"}, {ID: "l", Name: "Large", Price: 300}}},
	{ID: "extras", Name: "Extras", Min: 0, Max: 2, Options: []Option{
		{ID: "cheese", Name: "Extra cheese", Price: 150}, {ID: "olives", Name: "Olives", Price: 90}, {ID: "basil", Name: "Basil"}}},
}

// group wraps one option list into a valid group so scenarios can vary a
// single field.
func group(fields string) string {
	return `[{"id": "size", "name": "Size", "min": 1, "max": 1, ` + fields + `}]`
}

var parseGroupsScenarios = []struct {
	name    string
	raw     string
	want    []Group
	wantErr string // the Message, exactly
}{
	{name: "empty input", raw: ""},
	{name: "white space", raw: " \n\t"},
	{name: "null", raw: "null"},
	{name: "empty array", raw: " [] "},
	{name: "pizza", raw: pizzaGroups, want: pizza},
	{name: "exact id match, no trimming", raw: `[{"id":" a","name":"A","max":1,"options":[{"id":"x ","name":"X"}]}]`,
		want: []Group{{ID: " a", Name: "A", Max: 1, Options: []Option{{ID: "x ", Name: "X"}}}}},
	{name: "largest price", raw: group(`"options": [{"id": "l", "name": "Large", "price": 1000000000000}]`),
		want: []Group{{ID: "size", Name: "Size", Min: 1, Max: 1, Options: []Option{{ID: "l", Name: "Large", Price: MaxPrice}}}}},

	{name: "object instead of array", raw: `{"id": "size"}`, wantErr: "option groups must be a JSON array of groups"},
	{name: "string", raw: `"size"`, wantErr: "option groups must be a JSON array of groups"},
	{name: "broken JSON", raw: `[{"id": "size"`, wantErr: "option groups must be a JSON array of groups"},
	{name: "trailing garbage", raw: `[] []`, wantErr: "option groups must be a JSON array of groups"},
	{name: "group is a number", raw: `[1]`, wantErr: "group 1 must be a JSON object"},
	{name: "group is null", raw: pizzaGroups[:len(pizzaGroups)-1] + `, null]`, wantErr: "group 3 must be a JSON object"},
	{name: "other keys are ignored", raw: `[{"id": "x", "name": "X", "note": "y", "max": 1, "options": [{"id": "a", "name": "A", "description": "d", "price": 5}]}]`,
		want: []Group{{ID: "x", Name: "X", Max: 1, Options: []Option{{ID: "a", Name: "A", Price: 5}}}}},
	{name: "missing id", raw: `[{"name": "Size", "max": 1, "options": [{"id": "l", "name": "L"}]}]`,
		wantErr: "group 1: id must be a non-empty string"},
	{name: "blank id", raw: `[{"id": "  ", "name": "Size"}]`, wantErr: "group 1: id must be a non-empty string"},
	{name: "numeric id", raw: `[{"id": 7, "name": "Size"}]`, wantErr: "group 1: id must be a non-empty string"},
	{name: "null name is the id", raw: `[{"id": "size", "name": null}]`, want: []Group{{ID: "size", Name: "size", Options: []Option{}}}},
	{name: "missing names are the ids", raw: `[{"id": "size", "max": 1, "options": [{"id": "l", "price": 300}]}]`,
		want: []Group{{ID: "size", Name: "size", Max: 1, Options: []Option{{ID: "l", Name: "l", Price: 300}}}}},
	{name: "blank name is the id", raw: `[{"id": "size", "name": "  ", "options": [{"id": "l", "name": ""}]}]`,
		want: []Group{{ID: "size", Name: "size", Max: 1, Options: []Option{{ID: "l", Name: "l"}}}}},
	{name: "numeric name", raw: `[{"id": "size", "name": 7}]`, wantErr: `group "size": name must be a string`},
	{name: "fractional min", raw: `[{"id": "size", "name": "Size", "min": 1.5}]`, wantErr: `group "size": min must be a whole number ≥ 0, not 1.5`},
	{name: "negative min", raw: `[{"id": "size", "name": "Size", "min": -1}]`, wantErr: `group "size": min must be a whole number ≥ 0, not -1`},
	{name: "string max", raw: `[{"id": "size", "name": "Size", "max": "1"}]`, wantErr: `group "size": max must be a whole number ≥ 0, not "1"`},
	{name: "exponent max", raw: `[{"id": "size", "name": "Size", "max": 1e0}]`, wantErr: `group "size": max must be a whole number ≥ 0, not 1e0`},
	{name: "huge max", raw: `[{"id": "size", "name": "Size", "max": 99999999999}]`,
		wantErr: `group "size": max must be a whole number ≥ 0, not 99999999999`},
	{name: "options is an object", raw: group(`"options": {}`), wantErr: `group "size": options must be a JSON array of options`},
	{name: "options is null", raw: group(`"options": null`), wantErr: `group "size": options must be a JSON array of options`},
	{name: "option is a string", raw: group(`"options": ["l"]`), wantErr: `group "size", option 1 must be a JSON object`},
	{name: "option without id", raw: group(`"options": [{"id": "s", "name": "S"}, {"name": "Large"}]`),
		wantErr: `group "size", option 2: id must be a non-empty string`},
	{name: "option name not a string", raw: group(`"options": [{"id": "l", "name": ["L"]}]`), wantErr: `group "size", option "l": name must be a string`},
	{name: "fractional price", raw: group(`"options": [{"id": "l", "name": "Large", "price": 1.5}]`),
		wantErr: `group "size", option "l": price must be a whole number of minor units from 0 to 1000000000000, not 1.5`},
	{name: "string price", raw: group(`"options": [{"id": "l", "name": "Large", "price": "3"}]`),
		wantErr: `group "size", option "l": price must be a whole number of minor units from 0 to 1000000000000, not "3"`},
	{name: "negative price", raw: group(`"options": [{"id": "l", "name": "Large", "price": -1}]`),
		wantErr: `group "size", option "l": price must be a whole number of minor units from 0 to 1000000000000, not -1`},
	{name: "price above MaxPrice", raw: group(`"options": [{"id": "l", "name": "Large", "price": 1000000000001}]`),
		wantErr: `group "size", option "l": price must be a whole number of minor units from 0 to 1000000000000, not 1000000000001`},
	{name: "null price", raw: group(`"options": [{"id": "l", "name": "Large", "price": null}]`),
		wantErr: `group "size", option "l": price must be a whole number of minor units from 0 to 1000000000000, not null`},
	{name: "duplicate option id", raw: group(`"options": [{"id": "l", "name": "Large"}, {"id": "l", "name": "Lactose-free"}]`),
		wantErr: `group "size", option "l": the id is used by another option of the group`},
	{name: "same option id in two groups is fine", raw: `[
		{"id": "a", "name": "A", "max": 1, "options": [{"id": "x", "name": "X"}]},
		{"id": "b", "name": "B", "max": 1, "options": [{"id": "x", "name": "X"}]}]`,
		want: []Group{{ID: "a", Name: "A", Max: 1, Options: []Option{{ID: "x", Name: "X"}}}, {ID: "b", Name: "B", Max: 1, Options: []Option{{ID: "x", Name: "X"}}}}},
	{name: "duplicate group id", raw: pizzaGroups[:len(pizzaGroups)-1] + `, {"id": "size", "name": "Size again", "max": 1, "options": [{"id": "m", "name": "M"}]}]`,
		wantErr: `group "size": the id is used by another group`},
	{name: "missing max is every option", raw: `[{"id": "x", "name": "X", "min": 1, "options": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}]}]`,
		want: []Group{{ID: "x", Name: "X", Min: 1, Max: 2, Options: []Option{{ID: "a", Name: "A"}, {ID: "b", Name: "B"}}}}},
	{name: "max zero", raw: `[{"id": "x", "name": "X", "min": 0, "max": 0, "options": [{"id": "a", "name": "A"}]}]`,
		want: []Group{{ID: "x", Name: "X", Options: []Option{{ID: "a", Name: "A"}}}}},
	{name: "min above the missing max", raw: `[{"id": "x", "name": "X", "min": 2, "options": [{"id": "a", "name": "A"}]}]`,
		wantErr: `group "x": min (2) is greater than max (1)`},
	{name: "min greater than max", raw: `[{"id": "size", "name": "Size", "min": 2, "max": 1, "options": [{"id": "s", "name": "S"}, {"id": "l", "name": "L"}]}]`,
		wantErr: `group "size": min (2) is greater than max (1)`},
	{name: "max greater than the options", raw: `[{"id": "extra", "name": "Extras", "max": 5, "options": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}]}]`,
		want: []Group{{ID: "extra", Name: "Extras", Max: 5, Options: []Option{{ID: "a", Name: "A"}, {ID: "b", Name: "B"}}}}},
	{name: "no options at all", raw: `[{"id": "size", "name": "Size", "max": 1}]`,
		want: []Group{{ID: "size", Name: "Size", Max: 1, Options: []Option{}}}},
}

func TestParseGroups(t *testing.T) {
	for _, s := range parseGroupsScenarios {
		t.Run(s.name, func(t *testing.T) {
			got, err := ParseGroups([]byte(s.raw))
			if gotErr := Reason(err); gotErr != s.wantErr {
				t.Fatalf("ParseGroups error = %q; want %q", gotErr, s.wantErr)
			}
			if err != nil && err.Error() != "menu: "+s.wantErr {
				t.Errorf("Error() = %q; want the menu: prefix", err.Error())
			}
			if !reflect.DeepEqual(got, s.want) {
				t.Errorf("ParseGroups = %+v; want %+v", got, s.want)
			}
		})
	}
}

// checkGroups asserts the invariants ParseGroups promises for valid groups.
func checkGroups(t *testing.T, groups []Group) {
	t.Helper()
	seen := map[string]bool{}
	for _, g := range groups {
		if seen[g.ID] || strings.TrimSpace(g.ID) == "" || strings.TrimSpace(g.Name) == "" {
			t.Fatalf("group %+v: want a unique, non-blank id and a name", g)
		}
		seen[g.ID] = true
		if g.Min < 0 || g.Min > g.Max {
			t.Fatalf("group %+v: want 0 ≤ min ≤ max", g)
		}
		opts := map[string]bool{}
		for _, o := range g.Options {
			if opts[o.ID] || strings.TrimSpace(o.ID) == "" || strings.TrimSpace(o.Name) == "" || o.Price < 0 || o.Price > MaxPrice {
				t.Fatalf("group %q option %+v: want a unique id, a name and a price in [0, MaxPrice]", g.ID, o)
			}
			opts[o.ID] = true
		}
	}
}

// FuzzParseGroups checks that any input either fails with a menu error or
// yields groups that keep every invariant and survive a JSON round trip.
func FuzzParseGroups(f *testing.F) {
	for _, s := range parseGroupsScenarios {
		f.Add([]byte(s.raw))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		groups, err := ParseGroups(raw)
		if err != nil {
			if _, ok := errors.AsType[*Error](err); !ok {
				t.Fatalf("ParseGroups(%q) = %v; want a *menu.Error", raw, err)
			}
			return
		}
		checkGroups(t, groups)
		if len(groups) == 0 {
			return
		}
		again, err := json.Marshal(groups)
		if err != nil {
			t.Fatalf("json.Marshal(%+v) = %v; want nil", groups, err)
		}
		back, err := ParseGroups(again)
		if err != nil || !reflect.DeepEqual(back, groups) {
			t.Fatalf("ParseGroups(Marshal(groups)) = %+v, %v; want %+v, nil", back, err, groups)
		}
	})
}
