package stmtcache

import (
	"database/sql/driver"
	"slices"
	"strings"
	"sync/atomic"
)

// PocketBase checks a create rule (and an auth collection's manage rule)
// with a query over the submitted record, put in a WITH clause under a
// random name, with its columns in random order (a map's):
//
//	WITH `cart_items__pb_create__Ab3xYz` as (SELECT ? AS `quantity`,? AS `id`,…)
//	SELECT (1) FROM `cart_items__pb_create__Ab3xYz` … WHERE … LIMIT 1
//
// Its text is new on every create, so SQLite would parse and plan it every
// time, the one uncached statement of a cart item's create (about 8 % of
// its CPU in the add-item load). canonicalCreateRule rewrites it to one
// text per collection and rule: the random part of the name becomes
// createRuleName and the columns are sorted by name, their arguments moved
// with them. The query means the same: the name is local to the query, and
// the columns are matched by name.
const (
	createRuleMarker = "__pb_create__"
	createRuleName   = createRuleMarker + "cached"
	createRuleRandom = 6 // PocketBase's length of the random part
)

// rewritten counts the queries canonicalCreateRule rewrote.
var rewritten atomic.Int64

// CreateRulesRewritten returns how many create-rule queries were rewritten
// so far: a test's check that PocketBase still writes them in the shape
// canonicalCreateRule knows.
func CreateRulesRewritten() int64 { return rewritten.Load() }

// canonicalCreateRule returns query and args rewritten as above, or as
// they are if query is not of that shape.
func canonicalCreateRule(query string, args []driver.NamedValue) (string, []driver.NamedValue) {
	rest, ok := strings.CutPrefix(query, "WITH `")
	if !ok {
		return query, args
	}
	name, rest, ok := strings.Cut(rest, "` as (SELECT ")
	at := len(name) - len(createRuleMarker) - createRuleRandom
	if !ok || at < 1 || name[at:at+len(createRuleMarker)] != createRuleMarker || strings.Contains(name, "`") {
		return query, args
	}
	token := name[at:]
	type column struct {
		name string
		arg  driver.NamedValue
	}
	var cols []column
	for {
		rest, ok = strings.CutPrefix(rest, "? AS `")
		if !ok {
			return query, args
		}
		var col string
		if col, rest, ok = strings.Cut(rest, "`"); !ok || len(cols) == len(args) {
			return query, args
		}
		arg := args[len(cols)]
		if arg.Name != "" || arg.Ordinal != len(cols)+1 {
			return query, args
		}
		cols = append(cols, column{col, arg})
		if rest, ok = strings.CutPrefix(rest, ","); !ok {
			break
		}
	}
	if !strings.HasPrefix(rest, ") ") {
		return query, args
	}
	slices.SortFunc(cols, func(a, b column) int { return strings.Compare(a.name, b.name) })
	for i := 1; i < len(cols); i++ {
		if cols[i].name == cols[i-1].name {
			return query, args
		}
	}
	var b strings.Builder
	b.Grow(len(query))
	b.WriteString("WITH `")
	b.WriteString(name[:at])
	b.WriteString(createRuleName)
	b.WriteString("` as (SELECT ")
	out := make([]driver.NamedValue, len(args))
	for i, c := range cols {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("? AS `")
		b.WriteString(c.name)
		b.WriteByte('`')
		out[i] = c.arg
	}
	copy(out[len(cols):], args[len(cols):])
	for i := range out {
		out[i].Ordinal = i + 1
	}
	b.WriteString(strings.ReplaceAll(rest, token, createRuleName))
	rewritten.Add(1)
	return b.String(), out
}
