package hooks

import "github.com/pocketbase/pocketbase/core"

// BasisStaysCurrent reads cart cartID's quote basis and menu item
// menuItem's version as a cart write does before its transaction, runs
// change, then reports whether the write's transaction would still find
// them current.
func BasisStaysCurrent(app core.App, cartID, menuItem string, change func() error) (bool, error) {
	c, err := app.FindRecordById("carts", cartID)
	if err != nil {
		return false, err
	}
	m, err := app.FindRecordById("menu_items", menuItem)
	if err != nil {
		return false, err
	}
	b, err := readQuoteBasis(app, c)
	if err != nil {
		return false, err
	}
	if err := change(); err != nil {
		return false, err
	}
	current := false
	err = app.RunInTransaction(func(tx core.App) error {
		current, err = b.stillCurrent(tx, c, m.Id, m.GetDateTime("updated").String())
		return err
	})
	return current, err
}
