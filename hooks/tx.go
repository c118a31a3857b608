package hooks

import "github.com/pocketbase/pocketbase/core"

// inTransaction runs fn inside one transaction with e.App set to it, so the
// record's own write (e.Next() inside fn) and the hook's extra reads and
// writes commit or roll back together.
//
// e.App is restored afterwards: PocketBase fires the after-success hooks —
// realtime broadcasts among them — with e.App once the write returns, and a
// finished transaction can no longer check subscribers' access rules.
func inTransaction(e *core.RecordEvent, fn func(tx core.App) error) error {
	app := e.App
	defer func() { e.App = app }()
	return app.RunInTransaction(func(tx core.App) error {
		e.App = tx
		return fn(tx)
	})
}
