package stmtcache

import (
	"context"
	"database/sql/driver"
	"fmt"
	"reflect"
	"testing"
)

func positional(values ...any) []driver.NamedValue {
	out := make([]driver.NamedValue, len(values))
	for i, v := range values {
		out[i] = driver.NamedValue{Ordinal: i + 1, Value: v}
	}
	return out
}

func TestCanonicalCreateRule(t *testing.T) {
	const canonical = "WITH `items__pb_create__cached` as (SELECT ? AS `a`,? AS `b`,? AS `id`) SELECT (1) FROM " +
		"`items__pb_create__cached` LEFT JOIN `carts` `items__pb_create__cached_cart` ON `items__pb_create__cached_cart`.`id` = " +
		"`items__pb_create__cached`.`b` WHERE (? IS NOT '' AND `items__pb_create__cached_cart`.`user` = ?) LIMIT 1"
	for _, tc := range []struct {
		name      string
		query     string
		args      []driver.NamedValue
		wantQuery string
		wantArgs  []driver.NamedValue
	}{{
		name: "columns in another order, another random name",
		query: "WITH `items__pb_create__Xy12Zq` as (SELECT ? AS `id`,? AS `b`,? AS `a`) SELECT (1) FROM " +
			"`items__pb_create__Xy12Zq` LEFT JOIN `carts` `items__pb_create__Xy12Zq_cart` ON `items__pb_create__Xy12Zq_cart`.`id` = " +
			"`items__pb_create__Xy12Zq`.`b` WHERE (? IS NOT '' AND `items__pb_create__Xy12Zq_cart`.`user` = ?) LIMIT 1",
		args:      positional("__temp_id____pb_create__Xy12Zq", "cart1", 7, "u1", "u1"),
		wantQuery: canonical,
		wantArgs:  positional(7, "cart1", "__temp_id____pb_create__Xy12Zq", "u1", "u1"),
	}, {
		name: "already in order",
		query: "WITH `items__pb_create__000000` as (SELECT ? AS `a`,? AS `b`,? AS `id`) SELECT (1) FROM " +
			"`items__pb_create__000000` LEFT JOIN `carts` `items__pb_create__000000_cart` ON `items__pb_create__000000_cart`.`id` = " +
			"`items__pb_create__000000`.`b` WHERE (? IS NOT '' AND `items__pb_create__000000_cart`.`user` = ?) LIMIT 1",
		args:      positional(1, 2, 3, 4, 5),
		wantQuery: canonical,
		wantArgs:  positional(1, 2, 3, 4, 5),
	}} {
		t.Run(tc.name, func(t *testing.T) {
			q, a := canonicalCreateRule(tc.query, tc.args)
			if q != tc.wantQuery {
				t.Errorf("query:\n got %s\nwant %s", q, tc.wantQuery)
			}
			if !reflect.DeepEqual(a, tc.wantArgs) {
				t.Errorf("args: got %v, want %v", a, tc.wantArgs)
			}
		})
	}

	// Queries of any other shape pass through as they are.
	for _, tc := range []struct {
		name  string
		query string
		args  []driver.NamedValue
	}{
		{"not a WITH", "SELECT ? AS `a`", positional(1)},
		{"another CTE", "WITH `x` as (SELECT ? AS `a`) SELECT 1 FROM `x`", positional(1)},
		{"no random part", "WITH `__pb_create__abcdef` as (SELECT ? AS `a`) SELECT 1", positional(1)},
		{"random part too long", "WITH `t__pb_create__abcdefg` as (SELECT ? AS `a`) SELECT 1", positional(1)},
		{"a literal column", "WITH `t__pb_create__abcdef` as (SELECT 1 AS `a`,? AS `b`) SELECT 1", positional(1)},
		{"fewer args than columns", "WITH `t__pb_create__abcdef` as (SELECT ? AS `b`,? AS `a`) SELECT 1", positional(1)},
		{"a named arg", "WITH `t__pb_create__abcdef` as (SELECT ? AS `b`,? AS `a`) SELECT 1",
			[]driver.NamedValue{{Ordinal: 1, Value: 1}, {Name: "x", Ordinal: 2, Value: 2}}},
		{"a column twice", "WITH `t__pb_create__abcdef` as (SELECT ? AS `b`,? AS `b`) SELECT 1", positional(1, 2)},
		{"unterminated list", "WITH `t__pb_create__abcdef` as (SELECT ? AS `b`,? AS `a`", positional(1, 2)},
		{"unterminated column", "WITH `t__pb_create__abcdef` as (SELECT ? AS `b", positional(1)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q, a := canonicalCreateRule(tc.query, tc.args)
			if q != tc.query || !reflect.DeepEqual(a, tc.args) {
				t.Errorf("rewrote it: %s %v", q, a)
			}
		})
	}
}

// Through the driver, create-rule queries in any column order and under any
// random name give the answers of their own text, from one statement.
func TestCreateRuleQueriesShareAStatement(t *testing.T) {
	db := open(t, 1)
	c := conn1(t, db)
	ctx := context.Background()
	before := stats(t, c)
	orders := [][]string{{"id", "name", "n"}, {"n", "id", "name"}, {"name", "n", "id"}}
	for i := range 30 {
		order := orders[i%len(orders)]
		values := map[string]any{"id": fmt.Sprint("tmp", i), "name": fmt.Sprint("n", i%25+1), "n": i}
		table := fmt.Sprintf("t__pb_create__r%05d", i)
		query, args := "WITH `"+table+"` as (SELECT ", []any{}
		for j, col := range order {
			if j > 0 {
				query += ","
			}
			query += "? AS `" + col + "`"
			args = append(args, values[col])
		}
		// The rule: the name must be one of t's, and n below a bound.
		query += ") SELECT (1) FROM `" + table + "` LEFT JOIN `t` `" + table + "_t` ON `" + table + "_t`.`name` = `" +
			table + "`.`name` WHERE (`" + table + "_t`.`id` IS NOT NULL AND `" + table + "`.`n` < ?) LIMIT 1"
		args = append(args, 25)
		var ok int
		err := c.QueryRowContext(ctx, query, args...).Scan(&ok)
		want := i%25+1 <= 20 && i < 25 // t has n1..n20
		if got := err == nil && ok == 1; got != want {
			t.Errorf("query %d (%v): passed = %v (%v), want %v", i, order, got, err, want)
		}
	}
	got := stats(t, c)
	if p := got.Prepared - before.Prepared; p != 1 {
		t.Errorf("prepared %d statements for 30 create-rule queries of one shape, want 1", p)
	}
}
