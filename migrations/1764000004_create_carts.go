package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Only the owner ever sees or touches a cart. Creation is open to any
// signed-in user; a hook fills `user` with the caller (or rejects another
// user's id with a field error) and computes every total.
const cartOwnerRule = `@request.auth.id != "" && user = @request.auth.id`

func init() {
	m.Register(func(app core.App) error {
		c := core.NewBaseCollection("carts", cartsID)
		c.ListRule = rule(cartOwnerRule)
		c.ViewRule = rule(cartOwnerRule)
		c.CreateRule = rule(`@request.auth.id != ""`)
		c.UpdateRule = rule(cartOwnerRule)
		c.DeleteRule = rule(cartOwnerRule)

		c.Fields.Add(
			&core.RelationField{Name: "user", CollectionId: usersID, Required: true, MaxSelect: 1, CascadeDelete: true,
				Help: "The customer; always the signed-in caller."},
			&core.RelationField{Name: "restaurant", CollectionId: restaurantsID, Required: true, MaxSelect: 1, CascadeDelete: true},
			&core.TextField{Name: "promo_code", Max: 40, Help: "A code of promo_codes; unknown, inactive or expired codes are refused."},
			&core.GeoPointField{Name: "delivery_location", Help: "Where to deliver; required before checkout."},
		)
		c.Fields.Add(moneyFields()...)
		c.Fields.Add(&core.JSONField{Name: "blockers", MaxSize: 16 << 10,
			Help: "Why the cart cannot be checked out yet: [{code, message}]. Computed by the server."})
		addTimestamps(c)
		c.AddIndex("idx_carts_user_restaurant", true, "user, restaurant", "")
		c.AddIndex("idx_carts_restaurant", false, "restaurant", "")
		return app.Save(c)
	}, func(app core.App) error {
		return deleteCollection(app, cartsID)
	})
}
