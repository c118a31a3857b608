package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Promo codes are managed by superusers only; customers never read them,
// they only type a code into their cart.
func init() {
	m.Register(func(app core.App) error {
		c := core.NewBaseCollection("promo_codes", promoCodesID)
		c.ListRule, c.ViewRule, c.CreateRule, c.UpdateRule, c.DeleteRule = nil, nil, nil, nil, nil

		c.Fields.Add(
			&core.TextField{Name: "code", Required: true, Max: 40, Presentable: true,
				Help: "What customers type. Stored upper-case; matched case-insensitively after trimming."},
			&core.SelectField{Name: "kind", Required: true, MaxSelect: 1, Values: []string{"percent", "fixed", "free_delivery"}},
			&core.NumberField{Name: "value", OnlyInt: true, Min: types.Pointer(0.0), Help: "percent: 1..100; fixed: amount in cents; free_delivery: unused."},
			cents("min_subtotal", "Smallest subtotal (cents) the code applies to."),
			cents("max_discount", "Cap of a percent discount (cents); 0 = none."),
			&core.DateField{Name: "starts_at", Help: "Empty = valid from now."},
			&core.DateField{Name: "ends_at", Help: "Empty = never expires."},
			&core.NumberField{Name: "max_redemptions", OnlyInt: true, Min: types.Pointer(0.0), Help: "0 = unlimited."},
			&core.NumberField{Name: "redemptions", OnlyInt: true, Min: types.Pointer(0.0), Help: "Orders placed with this code. Counted by the server at checkout."},
			&core.RelationField{Name: "restaurant", CollectionId: restaurantsID, MaxSelect: 1, CascadeDelete: true,
				Help: "Empty = valid at every restaurant."},
			&core.BoolField{Name: "is_active"},
		)
		addTimestamps(c)
		c.AddIndex("idx_promo_codes_code", true, "code", "")
		return app.Save(c)
	}, func(app core.App) error {
		return deleteCollection(app, promoCodesID)
	})
}
