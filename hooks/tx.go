package hooks

import (
	"context"
	"database/sql"
	"fmt"
	"sync"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

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
	return runWrite(app, func(tx core.App) error {
		e.App = tx
		return fn(tx)
	})
}

// writeTurn admits Dishpatch's write transactions one at a time, in the
// order they asked.
//
// PocketBase has one writer connection, and database/sql hands a freed
// connection to a random waiter: under load a write could wait for many
// turns while later ones went first (a p99 of 4-5× the median in the cart
// benchmark). A goroutine blocked sending on a channel is woken in FIFO
// order, so queueing here first leaves at most one of our writes waiting
// for the connection.
var writeTurn = make(chan struct{}, 1)

// runWrite is app.RunInTransaction(fn) in its turn (see writeTurn). Inside
// a transaction it runs fn in that transaction, as RunInTransaction does.
// The turn passes on as soon as the transaction ends, before PocketBase
// runs the after-commit hooks (realtime broadcasts), which need no writer.
func runWrite(app core.App, fn func(tx core.App) error) error {
	if app.IsTransactional() {
		return app.RunInTransaction(fn)
	}
	writeTurn <- struct{}{}
	var once sync.Once
	pass := func() { once.Do(func() { <-writeTurn }) }
	defer pass() // also when the transaction could not begin
	return app.RunInTransaction(func(tx core.App) error {
		tx.TxInfo().OnComplete(func(error) error { pass(); return nil })
		return fn(tx)
	})
}

// sqlReader is the database/sql handle that app reads its data database
// with: the transaction, inside one, else the pool of read connections
// (not for writes). The hot queries of the cart and checkout
// write paths run on it directly: dbx rewrites a query's text with regular
// expressions every time it is built (7 % of the server's CPU in the
// add-item load, with PocketBase's own queries) and scans rows by
// reflection.
func sqlReader(app core.App) (sqlExecutor, error) {
	switch b := app.ConcurrentDB().(type) {
	case *dbx.DB:
		return b.DB(), nil
	case *dbx.Tx:
		if e, ok := b.Builder.(interface{ Executor() dbx.Executor }); ok {
			if ex, ok := e.Executor().(sqlExecutor); ok {
				return ex, nil
			}
		}
	}
	return nil, fmt.Errorf("hooks: no database/sql handle behind %T", app.ConcurrentDB())
}

// sqlExecutor is what *sql.DB and *sql.Tx have in common.
type sqlExecutor interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}
