package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// An order is visible to its customer, its courier and its restaurant's
// staff. Nobody creates, updates or deletes orders through the records API:
// they come from checkout and move through POST /api/orders/{id}/status.
const orderReadRule = `@request.auth.id != "" && (customer = @request.auth.id || courier = @request.auth.id || restaurant.staff.id ?= @request.auth.id)`

// OrderStatuses lists the order statuses in lifecycle order.
var OrderStatuses = []string{"placed", "accepted", "rejected", "preparing", "ready_for_pickup", "picked_up", "delivered", "cancelled"}

func init() {
	m.Register(func(app core.App) error {
		c := core.NewBaseCollection("orders", ordersID)
		c.ListRule = rule(orderReadRule)
		c.ViewRule = rule(orderReadRule)
		c.CreateRule, c.UpdateRule, c.DeleteRule = nil, nil, nil

		c.Fields.Add(
			&core.RelationField{Name: "customer", CollectionId: usersID, Required: true, MaxSelect: 1},
			&core.RelationField{Name: "restaurant", CollectionId: restaurantsID, Required: true, MaxSelect: 1},
			&core.RelationField{Name: "courier", CollectionId: usersID, MaxSelect: 1,
				Help: "The courier's user account; set by a claim or by staff assignment."},
			&core.SelectField{Name: "status", Required: true, MaxSelect: 1, Values: OrderStatuses, Presentable: true},
			&core.JSONField{Name: "items", MaxSize: 256 << 10,
				Help: "Snapshot at checkout: [{menu_item, name, quantity, options, unit_price, line_total}]."},
		)
		c.Fields.Add(moneyFields()...)
		c.Fields.Add(
			&core.TextField{Name: "promo_code", Max: 40},
			&core.GeoPointField{Name: "delivery_location"},
			&core.TextField{Name: "delivery_address", Max: 500},
			&core.TextField{Name: "note", Max: 1000},
			&core.DateField{Name: "eta", Help: "Expected delivery time; cleared once the order ends."},
			&core.JSONField{Name: "status_history", MaxSize: 64 << 10, Help: "[{status, at, by, reason}], oldest first."},
			&core.GeoPointField{Name: "courier_location", Help: "Last position reported by the courier."},
			&core.TextField{Name: "idempotency_key", Max: 255, Hidden: true,
				Help: "The Idempotency-Key header of the checkout that created this order."},
			&core.TextField{Name: "cart", Max: 40, Hidden: true, Help: "Id of the (deleted) cart this order came from."},
		)
		addTimestamps(c)
		c.AddIndex("idx_orders_customer_idempotency", true, "customer, idempotency_key", "idempotency_key != ''")
		c.AddIndex("idx_orders_customer", false, "customer, created", "")
		c.AddIndex("idx_orders_restaurant", false, "restaurant, created", "")
		c.AddIndex("idx_orders_courier", false, "courier", "")
		c.AddIndex("idx_orders_status", false, "status", "")
		return app.Save(c)
	}, func(app core.App) error {
		return deleteCollection(app, ordersID)
	})
}
