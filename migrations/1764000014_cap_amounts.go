package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/dishpatch/dishpatch/internal/money"
)

// amountCaps are the upper limits of the amounts admins and staff enter, by
// collection and field (see money.MaxAmount): without them a price of 9e18
// wrapped a line total around and pushed cart totals past what JSON clients
// read exactly.
var amountCaps = map[string]map[string]float64{
	restaurantsID: {
		"delivery_fee_base": money.MaxAmount, "delivery_fee_per_km": money.MaxPerKm, "min_order": money.MaxAmount,
		"small_order_fee": money.MaxAmount, "service_fee_max": money.MaxAmount,
	},
	menuItemsID:  {"price": money.MaxAmount},
	promoCodesID: {"value": money.MaxAmount, "min_subtotal": money.MaxAmount, "max_discount": money.MaxAmount},
}

func init() {
	m.Register(func(app core.App) error {
		return setAmountCaps(app, func(limit float64) *float64 { return types.Pointer(limit) })
	}, func(app core.App) error {
		return setAmountCaps(app, func(float64) *float64 { return nil })
	})
}

func setAmountCaps(app core.App, capOf func(limit float64) *float64) error {
	for id, fields := range amountCaps {
		c, err := app.FindCollectionByNameOrId(id)
		if err != nil {
			return err
		}
		for name, limit := range fields {
			if f, ok := c.Fields.GetByName(name).(*core.NumberField); ok {
				f.Max = capOf(limit)
			}
		}
		if err := app.Save(c); err != nil {
			return err
		}
	}
	return nil
}
