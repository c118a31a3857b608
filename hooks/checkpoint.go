package hooks

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/dishpatch/dishpatch/hooks/stmtcache"
)

// WAL checkpoints of the data database, off the writer connection.
//
// SQLite appends every commit to the WAL, and once the WAL holds
// wal_autocheckpoint pages (1000 by default) the commit that crossed the
// mark copies them back into the database file: it syncs the WAL, copies,
// then syncs the database, while the single writer connection, and every
// write queued behind it, waits. A sync takes time in proportion to what
// was written since the last one (2.8 ms for 4 MB on the CI machine's
// disk, 0.25 ms for 256 KB). Under the cart write load that happened about
// ten times a second, and a write transaction's p99 was 16–17 ms against
// its median of under 1 ms.
//
// The checkpointer does that work every checkpointEvery, in two steps:
//  1. a PASSIVE checkpoint on a reader connection copies whatever the WAL
//     holds, with the long syncs, while writes go on;
//  2. once the WAL holds restartPages pages, a second one, in a write turn
//     (see writeTurn) and on the writer connection, so that no write of
//     Dishpatch's or PocketBase's runs meanwhile, copies what was written
//     during the first step; the next write then finds the WAL wholly
//     copied and starts it again from the top.
//
// Writes thus wait for a short second step a few times a second instead of
// a whole checkpoint. SQLite's own checkpoint stays as the fallback, at
// autocheckpointPages, should writes ever outpace the checkpointer (or the
// server run without it, as the CLI commands do).
const (
	checkpointEvery     = 25 * time.Millisecond
	restartPages        = 2000
	autocheckpointPages = 4000
)

// DBConnect is the core.DBConnectFunc of Dishpatch: PocketBase's settings,
// prepared statements kept for reuse (see stmtcache), and for the data
// database SQLite's own checkpoint moved up to autocheckpointPages.
func DBConnect(dbPath string) (*dbx.DB, error) {
	if filepath.Base(dbPath) == "data.db" {
		return stmtcache.ConnectWith(dbPath, fmt.Sprintf("&_pragma=wal_autocheckpoint(%d)", autocheckpointPages))
	}
	return stmtcache.Connect(dbPath)
}

// checkpointer runs the two steps described above.
type checkpointer struct {
	reader       *sql.DB // the pool of reader connections
	writer       *sql.DB // the writer connection
	every        time.Duration
	restartPages int
	stop         chan struct{}
	closing      sync.Once
	done         chan struct{}
	// settled is the WAL's size in pages after the last second step,
	// which copied all of it; a WAL of that size has not changed since.
	settled  int
	restarts atomic.Int64 // second steps that left the WAL wholly copied
}

func registerCheckpointer(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		c, err := startCheckpointer(se.App, checkpointEvery, restartPages)
		if err != nil {
			return err
		}
		se.App.OnTerminate().BindFunc(func(e *core.TerminateEvent) error {
			c.close()
			return e.Next()
		})
		return se.Next()
	})
}

func startCheckpointer(app core.App, every time.Duration, restartPages int) (*checkpointer, error) {
	reader, ok := app.ConcurrentDB().(*dbx.DB)
	writer, ok2 := app.NonconcurrentDB().(*dbx.DB)
	if !ok || !ok2 {
		return nil, fmt.Errorf("hooks: checkpointer: no database/sql handles behind %T and %T", app.ConcurrentDB(), app.NonconcurrentDB())
	}
	c := &checkpointer{reader: reader.DB(), writer: writer.DB(), every: every, restartPages: restartPages,
		stop: make(chan struct{}), done: make(chan struct{})}
	go c.run(app)
	return c, nil
}

// close stops the checkpointer and waits for it; closing again is a no-op
// (an app may terminate more than once).
func (c *checkpointer) close() {
	c.closing.Do(func() { close(c.stop) })
	<-c.done
}

func (c *checkpointer) run(app core.App) {
	defer close(c.done)
	tick := time.NewTicker(c.every)
	defer tick.Stop()
	failing := false
	for {
		select {
		case <-c.stop:
			return
		case <-tick.C:
		}
		err := c.cycle()
		switch {
		case err != nil && !failing:
			app.Logger().Error("WAL checkpoint failed", "error", err)
		case err == nil && failing:
			app.Logger().Info("WAL checkpoints work again")
		}
		failing = err != nil
	}
}

// cycle runs the first step, and the second once the WAL holds
// restartPages pages. A checkpoint reports the WAL's pages as they were
// when it began, so the first step cannot tell whether writes came in
// while it ran: the second copies them, if any.
func (c *checkpointer) cycle() error {
	log, _, err := checkpoint(c.reader)
	if err != nil || log < c.restartPages || log == c.settled {
		return err
	}
	select {
	case writeTurn <- struct{}{}:
	case <-c.stop:
		return nil
	}
	defer func() { <-writeTurn }()
	log, copied, err := checkpoint(c.writer)
	if err == nil && log == copied {
		c.settled = log
		c.restarts.Add(1)
	}
	return err
}

// checkpoint runs a PASSIVE checkpoint on a connection of db and returns
// the number of pages in the WAL when it began and how many of them are now
// copied into the database file.
func checkpoint(db *sql.DB) (log, copied int, err error) {
	var busy int
	err = db.QueryRowContext(context.Background(), "PRAGMA wal_checkpoint(PASSIVE)").Scan(&busy, &log, &copied)
	return log, copied, err
}
