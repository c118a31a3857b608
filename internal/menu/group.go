package menu

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/dishpatch/dishpatch/internal/money"
)

// MaxPrice is the largest option price accepted, money.MaxAmount, as for
// every other amount an admin enters. It also keeps any sum of selected
// options far from overflowing.
const MaxPrice = money.MaxAmount

// Option is one choice in a Group; Price (minor units) is added to the menu
// item's price when it is selected.
type Option struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Price int64  `json:"price"`
}

// Group is a set of options of which a customer picks between Min and Max,
// e.g. exactly one size (1, 1) or up to three extras (0, 3).
type Group struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Min     int      `json:"min"`
	Max     int      `json:"max"`
	Options []Option `json:"options"`
}

// ParseGroups parses and validates a menu item's option_groups JSON.
//
// Empty input, null and [] mean the item has no options (nil, nil). Anything
// else must be an array of group objects {id, name, min, max, options}, each
// option an object {id, name, price}. The rules are the contract's: ids are
// non-blank strings and unique (group ids across the item, option ids within
// their group), 0 ≤ min ≤ max, prices are JSON integers in [0, MaxPrice]
// (not 1.5, not "3"). A missing min or price is 0; a missing max is the
// number of options (pick any); a missing or blank name is the id. Other
// keys are kept in the stored JSON and ignored here. A group's max may
// exceed its options (a customer can pick at most all of them) and may be
// 0 (a group nothing can be picked from).
func ParseGroups(raw []byte) ([]Group, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		return nil, errorf("option groups must be a JSON array of groups")
	}
	if len(items) == 0 {
		return nil, nil
	}
	groups := make([]Group, 0, len(items))
	for i, item := range items {
		g, err := parseGroup(i+1, item)
		if err != nil {
			return nil, err
		}
		if slices.ContainsFunc(groups, func(prev Group) bool { return prev.ID == g.ID }) {
			return nil, errorf("group %q: the id is used by another group", g.ID)
		}
		groups = append(groups, g)
	}
	return groups, nil
}

func parseGroup(position int, raw json.RawMessage) (Group, error) {
	var g Group
	where := fmt.Sprintf("group %d", position)
	fields, err := object(raw, where)
	if err != nil {
		return g, err
	}
	if g.ID, err = text(fields, "id", where); err != nil {
		return g, err
	}
	where = fmt.Sprintf("group %q", g.ID)
	if g.Name, err = name(fields, g.ID, where); err != nil {
		return g, err
	}
	if g.Min, err = count(fields, "min", where); err != nil {
		return g, err
	}
	var items []json.RawMessage
	if o, ok := fields["options"]; ok && (o[0] != '[' || json.Unmarshal(o, &items) != nil) {
		return g, errorf("%s: options must be a JSON array of options", where)
	}
	g.Options = make([]Option, 0, len(items))
	for i, item := range items {
		o, err := parseOption(where, i+1, item)
		if err != nil {
			return g, err
		}
		if slices.ContainsFunc(g.Options, func(prev Option) bool { return prev.ID == o.ID }) {
			return g, errorf("%s, option %q: the id is used by another option of the group", where, o.ID)
		}
		g.Options = append(g.Options, o)
	}
	g.Max = len(g.Options)
	if _, ok := fields["max"]; ok {
		if g.Max, err = count(fields, "max", where); err != nil {
			return g, err
		}
	}
	if g.Min > g.Max {
		return g, errorf("%s: min (%d) is greater than max (%d)", where, g.Min, g.Max)
	}
	return g, nil
}

func parseOption(group string, position int, raw json.RawMessage) (Option, error) {
	var o Option
	where := fmt.Sprintf("%s, option %d", group, position)
	fields, err := object(raw, where)
	if err != nil {
		return o, err
	}
	if o.ID, err = text(fields, "id", where); err != nil {
		return o, err
	}
	where = fmt.Sprintf("%s, option %q", group, o.ID)
	if o.Name, err = name(fields, o.ID, where); err != nil {
		return o, err
	}
	if p, ok := fields["price"]; ok {
		// As in count, ParseInt is what rejects 1.5, 3e2 and "3".
		price, err := strconv.ParseInt(string(p), 10, 64)
		if err != nil || price < 0 || price > MaxPrice {
			return o, errorf("%s: price must be a whole number of minor units from 0 to %d, not %s", where, MaxPrice, p)
		}
		o.Price = price
	}
	return o, nil
}

// object decodes raw as a JSON object.
func object(raw json.RawMessage, where string) (map[string]json.RawMessage, error) {
	var fields map[string]json.RawMessage
	// The brace check rejects null, which would decode into a nil map.
	if raw[0] != '{' || json.Unmarshal(raw, &fields) != nil {
		return nil, errorf("%s must be a JSON object", where)
	}
	return fields, nil
}

// name reads an optional display name: a string, or id when it is missing,
// null or blank.
func name(fields map[string]json.RawMessage, id, where string) (string, error) {
	raw, ok := fields["name"]
	if !ok || string(raw) == "null" {
		return id, nil
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return "", errorf("%s: name must be a string", where)
	}
	if strings.TrimSpace(s) == "" {
		return id, nil
	}
	return s, nil
}

// text reads a required, non-blank string field.
func text(fields map[string]json.RawMessage, key, where string) (string, error) {
	var s string
	// A missing key leaves raw nil, which fails to decode; null decodes to "".
	if json.Unmarshal(fields[key], &s) != nil || strings.TrimSpace(s) == "" {
		return "", errorf("%s: %s must be a non-empty string", where, key)
	}
	return s, nil
}

// count reads an optional whole number ≥ 0 (missing is 0).
func count(fields map[string]json.RawMessage, key, where string) (int, error) {
	raw, ok := fields[key]
	if !ok {
		return 0, nil
	}
	// ParseInt rejects what JSON allows but a count must not be: 1.5, 1e2,
	// "1", null. A number beyond 32 bits cannot be a count of options either.
	n, err := strconv.ParseInt(string(raw), 10, 32)
	if err != nil || n < 0 {
		return 0, errorf("%s: %s must be a whole number ≥ 0, not %s", where, key, raw)
	}
	return int(n), nil
}
