package hooks

import (
	"github.com/pocketbase/pocketbase/core"

	"github.com/dishpatch/dishpatch/internal/menu"
)

func registerMenuItems(app core.App) {
	app.OnRecordValidate("menu_items").BindFunc(validateMenuItem)
	app.OnRecordUpdateExecute("menu_items").BindFunc(followMenuItem)
}

// followMenuItem re-prices the cart lines of a menu item whose price,
// name, options or availability changed, in the same transaction.
func followMenuItem(e *core.RecordEvent) error {
	return inTransaction(e, func(tx core.App) error {
		if err := e.Next(); err != nil {
			return err
		}
		if !changed(e.Record, "price", "name", "is_available", "option_groups") {
			return nil
		}
		return repriceItemsOf(tx, e.Record.Id)
	})
}

func validateMenuItem(e *core.RecordEvent) error {
	if _, err := menu.ParseGroups(jsonBytes(e.Record, "option_groups")); err != nil {
		return fieldError("option_groups", "invalid_option_groups", sentence(err))
	}
	return e.Next()
}
