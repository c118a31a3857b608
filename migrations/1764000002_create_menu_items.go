package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// A menu item is readable whenever its restaurant is, and writable by that
// restaurant's staff.
const (
	menuItemReadRule  = `restaurant.is_active = true || (@request.auth.id != "" && restaurant.staff.id ?= @request.auth.id)`
	menuItemWriteRule = `@request.auth.id != "" && restaurant.staff.id ?= @request.auth.id`
)

func init() {
	m.Register(func(app core.App) error {
		c := core.NewBaseCollection("menu_items", menuItemsID)
		c.ListRule = rule(menuItemReadRule)
		c.ViewRule = rule(menuItemReadRule)
		c.CreateRule = rule(menuItemWriteRule)
		c.UpdateRule = rule(menuItemWriteRule)
		c.DeleteRule = rule(menuItemWriteRule)

		c.Fields.Add(
			&core.RelationField{Name: "restaurant", CollectionId: restaurantsID, Required: true, MaxSelect: 1, CascadeDelete: true},
			&core.TextField{Name: "name", Required: true, Max: 120, Presentable: true},
			&core.TextField{Name: "description", Max: 1000},
			&core.TextField{Name: "category", Max: 60, Help: "Menu section, e.g. Pizza, Drinks, Desserts."},
			cents("price", "Base price in minor units (cents), before options."),
			&core.BoolField{Name: "is_available", Help: "Off: hidden from search and cannot be added to carts (sold out)."},
			&core.NumberField{Name: "sort_order", OnlyInt: true, Min: types.Pointer(-1000000.0), Max: types.Pointer(1000000.0),
				Help: "Position within the menu; lower comes first."},
			&core.FileField{Name: "image", MaxSelect: 1, MaxSize: 5 << 20,
				MimeTypes: []string{"image/jpeg", "image/png", "image/webp", "image/gif"}, Thumbs: []string{"300x300", "100x100"}},
			&core.JSONField{Name: "option_groups", MaxSize: 64 << 10,
				Help: `[{"id":"size","name":"Size","min":1,"max":1,"options":[{"id":"l","name":"Large","price":300}]}]. Ids unique, 0 <= min <= max, prices in cents.`},
		)
		addTimestamps(c)
		c.AddIndex("idx_menu_items_restaurant", false, "restaurant, sort_order", "")
		return app.Save(c)
	}, func(app core.App) error {
		return deleteCollection(app, menuItemsID)
	})
}
