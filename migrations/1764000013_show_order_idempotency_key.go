package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// orders.idempotency_key is one of the contract's order fields: whoever may
// view an order sees the key its checkout was sent with. It was hidden.
func init() {
	m.Register(func(app core.App) error {
		return setIdempotencyKeyHidden(app, false)
	}, func(app core.App) error {
		return setIdempotencyKeyHidden(app, true)
	})
}

func setIdempotencyKeyHidden(app core.App, hidden bool) error {
	c, err := app.FindCollectionByNameOrId(ordersID)
	if err != nil {
		return err
	}
	f, ok := c.Fields.GetByName("idempotency_key").(*core.TextField)
	if !ok {
		return nil // removed by an admin: nothing to show
	}
	f.Hidden = hidden
	return app.Save(c)
}
