package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// When a promo code changes or is deleted, the carts that carry it are
// requoted in the same transaction; this index finds them without a scan.
func init() {
	m.Register(func(app core.App) error {
		c, err := app.FindCollectionByNameOrId(cartsID)
		if err != nil {
			return err
		}
		c.AddIndex("idx_carts_promo_code", false, "promo_code", "promo_code != ''")
		return app.Save(c)
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId(cartsID)
		if err != nil {
			return err
		}
		c.RemoveIndex("idx_carts_promo_code")
		return app.Save(c)
	})
}
