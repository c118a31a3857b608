package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// dataSets are the two shapes of the issue: many items per restaurant, and many restaurants.
var dataSets = map[string]struct {
	seed                   uint64
	restaurants, itemsEach int
}{
	"S": {seed: 1, restaurants: 10_000, itemsEach: 100},
	"D": {seed: 2, restaurants: 100_000, itemsEach: 10},
}

// openApp opens (and migrates) a data dir with Dishpatch's schema but none of its hooks: the load is bulk
// SQL, as an import would be, and the index is built afterwards by `dishpatch reindex`.
func openApp(dir string) (core.App, error) {
	app := core.NewBaseApp(core.BaseAppConfig{DataDir: dir})
	if err := app.Bootstrap(); err != nil {
		return nil, err
	}
	return app, app.RunAllMigrations()
}

// load writes the restaurants and their menu items with multi-row INSERTs in one transaction.
func load(app core.App, data []restaurant) error {
	now := time.Now().UTC().Format("2006-01-02 15:04:05.000Z")
	return app.RunInTransaction(func(tx core.App) error {
		restaurants := batch{
			table: "restaurants",
			columns: []string{"id", "name", "slug", "description", "cuisines", "location", "address", "delivery_radius_km",
				"delivery_fee_base", "delivery_fee_per_km", "min_order", "small_order_fee", "service_fee_bps", "service_fee_max",
				"tax_rate_bps", "prices_include_tax", "currency", "prep_minutes", "opening_hours", "is_active", "rating_avg",
				"rating_count", "cover", "staff", "created", "updated"},
		}
		items := batch{
			table: "menu_items",
			columns: []string{"id", "restaurant", "name", "description", "category", "price", "is_available", "sort_order",
				"image", "created", "updated"},
		}
		for _, g := range data {
			var hours any
			if g.hours != "" {
				hours = g.hours
			}
			if err := restaurants.add(tx, g.id, g.name, g.slug, g.description, g.cuisines, g.location, g.address, g.radius,
				g.feeBase, g.feePerKm, g.minOrder, 200, 500, 300, 700, true, "EUR", g.prep, hours, g.active, g.rating,
				g.ratingCount, "", "[]", now, now); err != nil {
				return err
			}
		}
		if err := restaurants.flush(tx); err != nil {
			return err
		}
		for _, g := range data {
			for _, it := range g.items {
				if err := items.add(tx, it.id, g.id, it.name, it.description, it.category, it.price, it.available,
					it.sortOrder, "", now, now); err != nil {
					return err
				}
			}
		}
		return items.flush(tx)
	})
}

// batch collects rows for one multi-row INSERT of up to 200 rows.
type batch struct {
	table   string
	columns []string
	rows    [][]any
}

func (b *batch) add(tx core.App, values ...any) error {
	b.rows = append(b.rows, values)
	if len(b.rows) == 200 {
		return b.flush(tx)
	}
	return nil
}

func (b *batch) flush(tx core.App) error {
	if len(b.rows) == 0 {
		return nil
	}
	var sql strings.Builder
	fmt.Fprintf(&sql, "INSERT INTO %s (%s) VALUES ", b.table, strings.Join(b.columns, ","))
	params := dbx.Params{}
	for i, row := range b.rows {
		if i > 0 {
			sql.WriteByte(',')
		}
		sql.WriteByte('(')
		for j, v := range row {
			if j > 0 {
				sql.WriteByte(',')
			}
			name := fmt.Sprintf("p%d_%d", i, j)
			sql.WriteString("{:" + name + "}")
			params[name] = v
		}
		sql.WriteByte(')')
	}
	b.rows = b.rows[:0]
	_, err := tx.DB().NewQuery(sql.String()).Bind(params).Execute()
	return err
}
