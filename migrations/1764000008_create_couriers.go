package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Couriers are created by superusers (that is what makes a user a courier).
// A courier sees and updates their own record (is_online and location only,
// enforced by a hook); restaurant staff may look couriers up to assign them.
const courierReadRule = `@request.auth.id != "" && (user = @request.auth.id || @collection.restaurants.staff.id ?= @request.auth.id)`

func init() {
	m.Register(func(app core.App) error {
		c := core.NewBaseCollection("couriers", couriersID)
		c.ListRule = rule(courierReadRule)
		c.ViewRule = rule(courierReadRule)
		c.UpdateRule = rule(`@request.auth.id != "" && user = @request.auth.id`)
		c.CreateRule, c.DeleteRule = nil, nil

		c.Fields.Add(
			&core.RelationField{Name: "user", CollectionId: usersID, Required: true, MaxSelect: 1, CascadeDelete: true,
				Presentable: true, Help: "The user who delivers; one courier record per user."},
			&core.BoolField{Name: "is_online", Help: "Online couriers see and claim delivery offers."},
			&core.GeoPointField{Name: "location", Help: "Last reported position."},
		)
		addTimestamps(c)
		c.AddIndex("idx_couriers_user", true, "user", "")
		return app.Save(c)
	}, func(app core.App) error {
		return deleteCollection(app, couriersID)
	})
}
