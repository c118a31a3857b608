package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Collection ids are fixed so that relations and later migrations can name
// them without a lookup, and so that a data dir migrated by any build of
// Dishpatch has the same ids.
const (
	usersID       = "_pb_users_auth_"
	restaurantsID = "pbc_restaurants"
	menuItemsID   = "pbc_menu_items"
	cartsID       = "pbc_carts"
	cartItemsID   = "pbc_cart_items"
	promoCodesID  = "pbc_promo_codes"
	ordersID      = "pbc_orders"
	reviewsID     = "pbc_reviews"
	couriersID    = "pbc_couriers"
)

// cents is a non-negative integer amount of money in the restaurant's
// minor units; every money field of the schema is one.
func cents(name, help string) *core.NumberField {
	return &core.NumberField{Name: name, OnlyInt: true, Min: types.Pointer(0.0), Help: help}
}

// intRange is an integer field bounded on both sides.
func intRange(name string, min, max float64, help string) *core.NumberField {
	return &core.NumberField{Name: name, OnlyInt: true, Min: types.Pointer(min), Max: types.Pointer(max), Help: help}
}

// addTimestamps adds the created/updated autodate fields that
// NewBaseCollection does not add on its own.
func addTimestamps(c *core.Collection) {
	c.Fields.Add(&core.AutodateField{Name: "created", OnCreate: true})
	c.Fields.Add(&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true})
}

// rule is a shorthand for an API rule that clients may pass; a nil rule
// (superusers only) is written as nil at the call site.
func rule(expr string) *string {
	return types.Pointer(expr)
}

// moneyFields are the server-computed amounts a cart has and an order
// snapshots at checkout.
func moneyFields() []core.Field {
	return []core.Field{
		cents("subtotal", "Sum of line totals. Computed by the server."),
		cents("discount", "Promo discount. Computed by the server."),
		cents("delivery_fee", "Base fee + per-km fee for the delivery distance. Computed by the server."),
		cents("service_fee", "Share of the subtotal, capped. Computed by the server."),
		cents("small_order_fee", "Charged when the subtotal is below the restaurant's minimum order. Computed by the server."),
		cents("tax", "Tax on (subtotal - discount); added to the total only when prices exclude tax. Computed by the server."),
		cents("total", "What the customer pays. Computed by the server."),
		&core.NumberField{Name: "item_count", OnlyInt: true, Min: types.Pointer(0.0), Help: "Sum of quantities. Computed by the server."},
		&core.TextField{Name: "currency", Max: 3, Help: "ISO 4217 code, copied from the restaurant."},
		&core.NumberField{Name: "distance_km", Min: types.Pointer(0.0), Help: "Restaurant to delivery point, 2 decimals. Computed by the server."},
	}
}

// deleteCollection is the down step of a create migration.
func deleteCollection(app core.App, id string) error {
	c, err := app.FindCollectionByNameOrId(id)
	if err != nil {
		return err
	}
	return app.Delete(c)
}
