package hooks_test

import (
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/dishpatch/dishpatch/hooks"
)

// TestCartWriteBasis checks the guard of a customer's cart write: what it read before its transaction
// (the cart, its restaurant, the menu item) must be found unchanged inside it, else the write prices
// again in the transaction. Each change below lands between the read and the transaction.
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
	cases := []struct {
		name   string
		change func(app core.App) func() error
		want   bool
	}{
		{"nothing changed", func(core.App) func() error { return func() error { return nil } }, true},
		{"another menu item changed", func(app core.App) func() error { return edit(app, "menu_items", itemA2, "price", 1234) }, true},
		{"menu item price", func(app core.App) func() error { return edit(app, "menu_items", itemA1, "price", 1234) }, false},
		{"menu item availability", func(app core.App) func() error { return edit(app, "menu_items", itemA1, "is_available", false) }, false},
		{"restaurant fees", func(app core.App) func() error { return edit(app, "restaurants", restA, "delivery_fee_base", 999) }, false},
		{"delivery location", func(app core.App) func() error {
			return edit(app, "carts", cartK, "delivery_location", types.GeoPoint{Lon: 13.41, Lat: 52.52})
		}, false},
		{"another line", func(app core.App) func() error { return edit(app, "cart_items", lineK1, "quantity", 5) }, false},
		{"cart deleted", func(app core.App) func() error {
			return func() error {
				c, err := app.FindRecordById("carts", cartK)
				if err != nil {
					return err
				}
				return app.Delete(c)
			}
		}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			app := newApp(t)
			defer app.Cleanup()
			got, err := hooks.BasisStaysCurrent(app, cartK, itemA1, tc.change(app))
			if err != nil || got != tc.want {
				t.Errorf("got current %t, %v; want %t", got, err, tc.want)
			}
		})
	}
}
