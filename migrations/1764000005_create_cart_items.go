package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Only the cart's owner touches its items. Creation is open to signed-in
// users so that a hook can answer "not your cart" with a field error.
const cartItemOwnerRule = `@request.auth.id != "" && cart.user = @request.auth.id`

func init() {
	m.Register(func(app core.App) error {
		c := core.NewBaseCollection("cart_items", cartItemsID)
		c.ListRule = rule(cartItemOwnerRule)
		c.ViewRule = rule(cartItemOwnerRule)
		c.CreateRule = rule(`@request.auth.id != ""`)
		c.UpdateRule = rule(cartItemOwnerRule)
		c.DeleteRule = rule(cartItemOwnerRule)

		c.Fields.Add(
			&core.RelationField{Name: "cart", CollectionId: cartsID, Required: true, MaxSelect: 1, CascadeDelete: true},
			&core.RelationField{Name: "menu_item", CollectionId: menuItemsID, Required: true, MaxSelect: 1, CascadeDelete: true},
			&core.NumberField{Name: "quantity", Required: true, OnlyInt: true, Min: types.Pointer(1.0), Max: types.Pointer(99.0)},
			&core.JSONField{Name: "options", MaxSize: 8 << 10,
				Help: `Chosen options: {"<group id>": ["<option id>", ...]}.`},
			&core.TextField{Name: "note", Max: 200, Help: "For the kitchen, e.g. no onions."},
			&core.TextField{Name: "name", Max: 120, Presentable: true, Help: "Menu item name. Set by the server."},
			cents("unit_price", "Item price + chosen option prices. Computed by the server."),
			cents("line_total", "unit_price x quantity. Computed by the server."),
		)
		addTimestamps(c)
		c.AddIndex("idx_cart_items_cart", false, "cart", "")
		c.AddIndex("idx_cart_items_menu_item", false, "menu_item", "")
		return app.Save(c)
	}, func(app core.App) error {
		return deleteCollection(app, cartItemsID)
	})
}
