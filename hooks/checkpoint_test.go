package hooks_test

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/dishpatch/dishpatch/hooks"
)

// The data database's connections leave checkpoints to the checkpointer up
// to 4000 pages; the logs database keeps SQLite's 1000.
func TestAutocheckpointSettings(t *testing.T) {
	app := newApp(t)
	for _, tc := range []struct {
		name string
		db   dbx.Builder
		want int
	}{
		{"data, writer", app.NonconcurrentDB(), 4000},
		{"data, reader", app.ConcurrentDB(), 4000},
		{"logs, writer", app.AuxNonconcurrentDB(), 1000},
	} {
		var pages int
		if err := tc.db.NewQuery("PRAGMA wal_autocheckpoint").Row(&pages); err != nil {
			t.Fatal(err)
		}
		if pages != tc.want {
			t.Errorf("%s: wal_autocheckpoint = %d, want %d", tc.name, pages, tc.want)
		}
	}
}

// Under a steady stream of writes, Dishpatch's and PocketBase's, the
// checkpointer copies the WAL back and has it start again from the top,
// long before SQLite's own checkpoint at 4000 pages would, and loses
// nothing.
func TestCheckpointerRestartsTheWAL(t *testing.T) {
	app := newApp(t)
	if _, err := app.NonconcurrentDB().NewQuery(`CREATE TABLE ckpt (id INTEGER PRIMARY KEY, v BLOB NOT NULL)`).Execute(); err != nil {
		t.Fatal(err)
	}
	restarts, stop, err := hooks.StartCheckpointer(app, 2*time.Millisecond, 100)
	if err != nil {
		t.Fatal(err)
	}
	stopped := sync.OnceFunc(stop)
	defer stopped()

	const writers, rows = 4, 750 // 3,000 rows of 4 KB: about 6,000 pages through the WAL
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := range writers {
		wg.Go(func() {
			blob := make([]byte, 4096)
			for i := range rows {
				blob[0], blob[1] = byte(w), byte(i)
				insert := func(tx core.App) error {
					_, err := tx.NonconcurrentDB().NewQuery(`INSERT INTO ckpt (v) VALUES ({:v})`).Bind(dbx.Params{"v": blob}).Execute()
					return err
				}
				var err error
				if w%2 == 0 {
					err = hooks.RunWrite(app, insert) // in a write turn, as Dishpatch's writes
				} else {
					err = insert(app) // as PocketBase's own writes, without one
				}
				if err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	stopped()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if n := restarts(); n < 3 {
		t.Errorf("the WAL was restarted %d times", n)
	}
	fi, err := os.Stat(filepath.Join(app.DataDir(), "data.db-wal"))
	if err != nil {
		t.Fatal(err)
	}
	// The WAL file keeps the size of its longest run between restarts.
	if max := int64(1000 * (4096 + 24)); fi.Size() > max {
		t.Errorf("the WAL grew to %d bytes, more than 1000 pages", fi.Size())
	}
	var count int
	var check string
	if err := app.DB().NewQuery(`SELECT count(*) FROM ckpt`).Row(&count); err != nil || count != writers*rows {
		t.Errorf("%d rows (%v), want %d", count, err, writers*rows)
	}
	if err := app.DB().NewQuery(`PRAGMA integrity_check`).Row(&check); err != nil || check != "ok" {
		t.Errorf("integrity_check: %q, %v", check, err)
	}
}
