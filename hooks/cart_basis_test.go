package hooks_test

import (
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/dishpatch/dishpatch/hooks"
)

// TestCartWriteBasis checks the guard of a customer's cart write: what it read before its transaction
// (the cart, its restaurant, the menu item) must be found unchanged inside it, else the write prices
// again in the transaction; and the cart's other lines are priced from its stored totals only when
// those and the written line's stored values are as read and no line is unavailable. Each change
// below lands between the read and the transaction.
func TestCartWriteBasis(t *testing.T) {
	edit := func(app core.App, collection, id, field string, value any) func() error {
		return func() error {
			r, err := app.FindRecordById(collection, id)
			if err != nil {
				return err
			}
			r.Set(field, value)
			return app.Save(r)
		}
	}
	sql := func(app core.App, query string) func() error {
		return func() error {
			_, err := app.DB().NewQuery(query).Execute()
			return err
		}
	}
	cases := []struct {
		name       string
		change     func(app core.App) func() error
		want       bool
		fromTotals bool
	}{
		{"nothing changed", func(core.App) func() error { return func() error { return nil } }, true, true},
		{"another menu item changed", func(app core.App) func() error { return edit(app, "menu_items", itemA2, "price", 1234) }, true, true},
		// Changes no API write makes without requoting the cart; the guard still does not trust the totals.
		{"the line's quantity, behind the cart's back", func(app core.App) func() error {
			return sql(app, "UPDATE cart_items SET quantity = 3, line_total = 3600 WHERE id = '"+lineK1+"'")
		}, true, false},
		{"the cart's subtotal, behind its lines' back", func(app core.App) func() error {
			return sql(app, "UPDATE carts SET subtotal = subtotal + 1 WHERE id = '"+cartK+"'")
		}, true, false},
		{"an unavailable line", func(app core.App) func() error {
			return sql(app, `UPDATE carts SET blockers = '[{"code":"item_unavailable","message":"x"}]' WHERE id = '`+cartK+"'")
		}, true, false},
		{"the line deleted", func(app core.App) func() error {
			return sql(app, "DELETE FROM cart_items WHERE id = '"+lineK1+"'")
		}, true, false},
		{"menu item price", func(app core.App) func() error { return edit(app, "menu_items", itemA1, "price", 1234) }, false, false},
		{"menu item availability", func(app core.App) func() error { return edit(app, "menu_items", itemA1, "is_available", false) }, false, false},
		{"restaurant fees", func(app core.App) func() error { return edit(app, "restaurants", restA, "delivery_fee_base", 999) }, false, false},
		{"delivery location", func(app core.App) func() error {
			return edit(app, "carts", cartK, "delivery_location", types.GeoPoint{Lon: 13.41, Lat: 52.52})
		}, false, false},
		{"another line", func(app core.App) func() error { return edit(app, "cart_items", lineK1, "quantity", 5) }, false, false},
		{"cart deleted", func(app core.App) func() error {
			return func() error {
				c, err := app.FindRecordById("carts", cartK)
				if err != nil {
					return err
				}
				return app.Delete(c)
			}
		}, false, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			app := newApp(t)
			defer app.Cleanup()
			got, fromTotals, err := hooks.BasisStaysCurrent(app, cartK, itemA1, lineK1, tc.change(app))
			if err != nil || got != tc.want || fromTotals != tc.fromTotals {
				t.Errorf("got current %t, from totals %t, %v; want %t, %t", got, fromTotals, err, tc.want, tc.fromTotals)
			}
		})
	}
}
