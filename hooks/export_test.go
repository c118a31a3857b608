package hooks

import (
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// BasisStaysCurrent reads cart cartID's quote basis, menu item menuItem's
// version and line lineID as a cart write (an update of that line) does
// before its transaction, runs change, then reports whether the write's
// transaction would still find them current, and whether it would price
// the cart's other lines from the cart's stored totals.
func BasisStaysCurrent(app core.App, cartID, menuItem, lineID string, change func() error) (current, fromTotals bool, err error) {
	c, err := app.FindRecordById("carts", cartID)
	if err != nil {
		return false, false, err
	}
	m, err := app.FindRecordById("menu_items", menuItem)
	if err != nil {
		return false, false, err
	}
	item, err := app.FindRecordById("cart_items", lineID)
	if err != nil {
		return false, false, err
	}
	b, err := readQuoteBasis(app, c)
	if err != nil {
		return false, false, err
	}
	if err := change(); err != nil {
		return false, false, err
	}
	line := &lineChange{id: lineID, stored: true, before: storedLine(item)}
	err = app.RunInTransaction(func(tx core.App) error {
		current, err = b.stillCurrent(tx, c, m.Id, m.GetDateTime("updated").String(), line)
		return err
	})
	return current, line.rest != nil, err
}

// StartCheckpointer starts a WAL checkpointer on app (see checkpointer)
// and returns how many times it restarted the WAL so far, and its stop.
func StartCheckpointer(app core.App, every time.Duration, restartPages int) (restarts func() int64, stop func(), err error) {
	c, err := startCheckpointer(app, every, restartPages)
	if err != nil {
		return nil, nil, err
	}
	return c.restarts.Load, c.close, nil
}

// RunWrite is runWrite: fn in a write transaction, in its write turn.
var RunWrite = runWrite
