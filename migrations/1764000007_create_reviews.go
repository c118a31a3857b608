package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Reviews are public for active restaurants. Hooks check that only the
// customer of a delivered order writes one, once, and edits it within 7 days.
const reviewReadRule = `restaurant.is_active = true || (@request.auth.id != "" && (customer = @request.auth.id || restaurant.staff.id ?= @request.auth.id))`

func init() {
	m.Register(func(app core.App) error {
		c := core.NewBaseCollection("reviews", reviewsID)
		c.ListRule = rule(reviewReadRule)
		c.ViewRule = rule(reviewReadRule)
		c.CreateRule = rule(`@request.auth.id != ""`)
		c.UpdateRule = rule(`@request.auth.id != "" && customer = @request.auth.id`)
		c.DeleteRule = rule(`@request.auth.id != "" && customer = @request.auth.id`)

		c.Fields.Add(
			&core.RelationField{Name: "order", CollectionId: ordersID, Required: true, MaxSelect: 1, CascadeDelete: true},
			&core.RelationField{Name: "restaurant", CollectionId: restaurantsID, MaxSelect: 1, CascadeDelete: true,
				Help: "Set by the server from the order."},
			&core.RelationField{Name: "customer", CollectionId: usersID, MaxSelect: 1, CascadeDelete: true,
				Help: "Set by the server: the order's customer."},
			&core.NumberField{Name: "rating", Required: true, OnlyInt: true, Min: types.Pointer(1.0), Max: types.Pointer(5.0),
				Presentable: true, Help: "1 to 5 stars."},
			&core.TextField{Name: "comment", Max: 1000},
		)
		addTimestamps(c)
		c.AddIndex("idx_reviews_order", true, "`order`", "")
		c.AddIndex("idx_reviews_restaurant", false, "restaurant", "")
		return app.Save(c)
	}, func(app core.App) error {
		return deleteCollection(app, reviewsID)
	})
}
