package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// A cart's lines are read in the order they were added (created, then id)
// on every cart write and every checkout, inside the write transaction.
// Indexing that order lets SQLite walk the index instead of sorting each
// time.
func init() {
	m.Register(func(app core.App) error {
		return setCartItemsIndex(app, "cart, created, id")
	}, func(app core.App) error {
		return setCartItemsIndex(app, "cart")
	})
}

func setCartItemsIndex(app core.App, columns string) error {
	c, err := app.FindCollectionByNameOrId(cartItemsID)
	if err != nil {
		return err
	}
	c.RemoveIndex("idx_cart_items_cart")
	c.AddIndex("idx_cart_items_cart", false, columns, "")
	return app.Save(c)
}
