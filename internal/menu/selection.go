package menu

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"github.com/dishpatch/dishpatch/internal/money"
)

// ParseSelection parses a cart item's options JSON: an object mapping group
// ids to arrays of option id strings, e.g. {"size": ["l"], "extras": []}.
// Empty input and null mean nothing selected (an empty, non-nil map). Whether
// the ids exist is Select's job; this only checks the shape.
func ParseSelection(raw []byte) (map[string][]string, error) {
	raw = bytes.TrimSpace(raw)
	sel := map[string][]string{}
	if len(raw) == 0 || string(raw) == "null" {
		return sel, nil
	}
	var groups map[string]json.RawMessage
	if err := json.Unmarshal(raw, &groups); err != nil {
		return nil, errorf("options must be a JSON object that maps option group ids to lists of option ids")
	}
	for _, group := range slices.Sorted(maps.Keys(groups)) {
		var ids []string
		// The bracket check rejects null, which would decode into a nil slice.
		if v := groups[group]; v[0] != '[' || json.Unmarshal(v, &ids) != nil {
			return nil, errorf("options for group %q must be a list of option ids", group)
		}
		sel[group] = ids
	}
	return sel, nil
}

// Select checks a customer's selection against a menu item's groups and
// returns the sum of the selected options' prices, which the caller adds to
// the item's price to get the unit price.
//
// Every group is checked, including those missing from sel (nothing chosen),
// so that a required choice ("pick a size") cannot be skipped by leaving the
// group out. Errors name what is wrong in a sentence a customer can act on,
// and the same input always gives the same error. groups are expected to come
// from ParseGroups. Select does not allocate unless it fails.
func Select(groups []Group, sel map[string][]string) (extra int64, err error) {
	// Report the alphabetically first unknown group, for determinism
	// without sorting.
	unknown, found := "", false
	for id := range sel {
		if findGroup(groups, id) < 0 && (!found || id < unknown) {
			unknown, found = id, true
		}
	}
	if found {
		return 0, errorf("unknown option group %q", unknown)
	}
	for _, g := range groups {
		chosen := sel[g.ID]
		for i, id := range chosen {
			o := findOption(g.Options, id)
			if o < 0 {
				return 0, errorf("%q has no option %q", g.Name, id)
			}
			if slices.Contains(chosen[:i], id) {
				return 0, errorf("%q is selected more than once in %q", g.Options[o].Name, g.Name)
			}
			extra = money.Add(extra, g.Options[o].Price)
		}
		if err := checkCount(g, len(chosen)); err != nil {
			return 0, err
		}
	}
	return extra, nil
}

func checkCount(g Group, n int) error {
	switch {
	case n >= g.Min && n <= g.Max:
		return nil
	case g.Min == g.Max:
		return errorf("choose exactly %s for %q", options(g.Min), g.Name)
	case n < g.Min:
		return errorf("choose at least %s for %q", options(g.Min), g.Name)
	}
	return errorf("choose at most %s for %q", options(g.Max), g.Name)
}

// options is "1 option" or "n options".
func options(n int) string {
	if n == 1 {
		return "1 option"
	}
	return fmt.Sprintf("%d options", n)
}

func findGroup(groups []Group, id string) int {
	return slices.IndexFunc(groups, func(g Group) bool { return g.ID == id })
}

func findOption(opts []Option, id string) int {
	return slices.IndexFunc(opts, func(o Option) bool { return o.ID == id })
}

// Canonical returns the form in which a valid selection is stored and
// compared: option ids sorted within each group and groups without a choice
// left out, so that {"extras": ["b","a"], "size": []} and {"extras": ["a","b"]}
// are recognised as the same cart line. It copies; sel is not modified.
func Canonical(sel map[string][]string) map[string][]string {
	out := make(map[string][]string, len(sel))
	for group, ids := range sel {
		if len(ids) > 0 {
			out[group] = slices.Sorted(slices.Values(ids))
		}
	}
	return out
}
