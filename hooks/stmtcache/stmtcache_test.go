package stmtcache

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// open returns a database through the caching driver with at most conns
// connections, and a table t(id, name) of 20 rows.
func open(t *testing.T, conns int) *sql.DB {
	t.Helper()
	x, err := Connect(filepath.Join(t.TempDir(), "data.db"))
	if err != nil {
		t.Fatal(err)
	}
	db := x.DB()
	db.SetMaxOpenConns(conns)
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Error(err)
		}
	})
	if _, err := db.Exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)`); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 20; i++ {
		if _, err := db.Exec(`INSERT INTO t (id, name) VALUES (?, ?)`, i, fmt.Sprint("n", i)); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// stats returns the counters of the connection c.
func stats(t *testing.T, c *sql.Conn) (s Stats) {
	t.Helper()
	if err := c.Raw(func(dc any) error { s = dc.(*conn).Stats(); return nil }); err != nil {
		t.Fatal(err)
	}
	return s
}

func conn1(t *testing.T, db *sql.DB) *sql.Conn {
	t.Helper()
	c, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func names(t *testing.T, rows *sql.Rows) []string {
	t.Helper()
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestStatementsAreReused(t *testing.T) {
	db := open(t, 1)
	c := conn1(t, db)
	ctx := context.Background()
	before := stats(t, c)
	for i := 1; i <= 20; i++ {
		var name string
		if err := c.QueryRowContext(ctx, `SELECT name FROM t WHERE id = ?`, i).Scan(&name); err != nil {
			t.Fatal(err)
		}
		if want := fmt.Sprint("n", i); name != want {
			t.Fatalf("id %d: got %q, want %q (a reused statement kept an old binding?)", i, name, want)
		}
		if _, err := c.ExecContext(ctx, `UPDATE t SET name = name || '!' WHERE id = ?`, i); err != nil {
			t.Fatal(err)
		}
	}
	got := stats(t, c)
	if p := got.Prepared - before.Prepared; p != 2 {
		t.Errorf("prepared %d statements for 2 distinct queries", p)
	}
	if r := got.Reused - before.Reused; r != 38 {
		t.Errorf("reused %d times, want 38", r)
	}
	var bangs int
	if err := c.QueryRowContext(ctx, `SELECT count(*) FROM t WHERE name LIKE '%!'`).Scan(&bangs); err != nil || bangs != 20 {
		t.Fatalf("updated rows: %d, %v", bangs, err)
	}
}

// The same query run again while its rows are still open (a loop over one
// query running it again, on the one connection of a transaction) must not
// share the statement.
func TestSameQueryWhileRowsOpen(t *testing.T) {
	db := open(t, 1)
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	const q = `SELECT name FROM t WHERE id <= ? ORDER BY id`
	outer, err := tx.Query(q, 3)
	if err != nil {
		t.Fatal(err)
	}
	var seen []string
	for outer.Next() {
		var n string
		if err := outer.Scan(&n); err != nil {
			t.Fatal(err)
		}
		inner, err := tx.Query(q, 2)
		if err != nil {
			t.Fatal(err)
		}
		seen = append(seen, n+":"+strings.Join(names(t, inner), ","))
	}
	if err := outer.Close(); err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(seen, " "), "n1:n1,n2 n2:n1,n2 n3:n1,n2"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	// Afterwards the cached statement is free again.
	rows, err := tx.Query(q, 1)
	if err != nil {
		t.Fatal(err)
	}
	if got := names(t, rows); len(got) != 1 || got[0] != "n1" {
		t.Fatalf("got %v", got)
	}
}

// A statement evicted while its rows are open keeps working until they
// close, and is closed then.
func TestEvictionWhileRowsOpen(t *testing.T) {
	db := open(t, 1)
	c := conn1(t, db)
	ctx := context.Background()
	rows, err := c.QueryContext(ctx, `SELECT name FROM t ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	if !rows.Next() {
		t.Fatal("no first row")
	}
	for i := 0; i < Size+5; i++ { // every one a new query: evicts the open one
		var n int
		if err := c.QueryRowContext(ctx, fmt.Sprintf(`SELECT %d + count(*) FROM t`, i)).Scan(&n); err != nil || n != i+20 {
			t.Fatalf("query %d: %d, %v", i, n, err)
		}
	}
	count := 1
	for rows.Next() {
		count++
	}
	if err := rows.Close(); err != nil || count != 20 {
		t.Fatalf("read %d rows of 20 after eviction, close: %v", count, err)
	}
	var cached int
	if err := c.Raw(func(dc any) error { cached = dc.(*conn).lru.Len(); return nil }); err != nil {
		t.Fatal(err)
	}
	if cached != Size {
		t.Errorf("cache holds %d statements, want %d", cached, Size)
	}
	rows, err = c.QueryContext(ctx, `SELECT name FROM t ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	if got := names(t, rows); len(got) != 20 {
		t.Fatalf("read %d rows again", len(got))
	}
}

// A cached statement follows a schema change made on another connection.
func TestSchemaChangeOnAnotherConnection(t *testing.T) {
	db := open(t, 2)
	a, b := conn1(t, db), conn1(t, db)
	ctx := context.Background()
	const q = `SELECT * FROM t WHERE id = ?`
	columns := func() []string {
		rows, err := a.QueryContext(ctx, q, 1)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		cols, err := rows.Columns()
		if err != nil {
			t.Fatal(err)
		}
		return cols
	}
	if got := strings.Join(columns(), ","); got != "id,name" {
		t.Fatalf("columns %s", got)
	}
	if _, err := b.ExecContext(ctx, `ALTER TABLE t ADD COLUMN extra TEXT NOT NULL DEFAULT 'x'`); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(columns(), ","); got != "id,name,extra" {
		t.Fatalf("columns after ALTER TABLE on another connection: %s", got)
	}
	if _, err := b.ExecContext(ctx, `DROP TABLE t`); err != nil {
		t.Fatalf("a cached statement must not keep its table busy: %v", err)
	}
	if _, err := a.QueryContext(ctx, q, 1); err == nil || !strings.Contains(err.Error(), "no such table") {
		t.Fatalf("query of a dropped table: %v", err)
	}
}

func TestErrorsLeaveStatementsUsable(t *testing.T) {
	db := open(t, 1)
	c := conn1(t, db)
	ctx := context.Background()
	before := stats(t, c)
	if _, err := c.ExecContext(ctx, `SELEKT 1`); err == nil {
		t.Fatal("syntax error accepted")
	}
	if got := stats(t, c); got.Prepared != before.Prepared {
		t.Error("a statement that failed to prepare was counted as cached")
	}
	const insert = `INSERT INTO t (name) VALUES (?)`
	if _, err := c.ExecContext(ctx, insert, "n1"); err == nil || !strings.Contains(err.Error(), "UNIQUE") {
		t.Fatalf("duplicate name: %v", err)
	}
	if _, err := c.ExecContext(ctx, insert, "fresh"); err != nil {
		t.Fatalf("the same statement after a constraint error: %v", err)
	}
	var n int
	if err := c.QueryRowContext(ctx, `SELECT count(*) FROM t WHERE name IN ('fresh', 'n1')`).Scan(&n); err != nil || n != 2 {
		t.Fatalf("count %d, %v", n, err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := c.QueryContext(cancelled, `SELECT name FROM t`); err == nil {
		t.Fatal("a cancelled query ran")
	}
	rows, err := c.QueryContext(ctx, `SELECT name FROM t`)
	if err != nil {
		t.Fatal(err)
	}
	if got := names(t, rows); len(got) != 21 {
		t.Fatalf("after a cancelled query: %d rows", len(got))
	}
}

func TestColumnTypes(t *testing.T) {
	db := open(t, 1)
	rows, err := db.Query(`SELECT id, name FROM t LIMIT 1`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	types, err := rows.ColumnTypes()
	if err != nil {
		t.Fatal(err)
	}
	if len(types) != 2 || types[0].DatabaseTypeName() != "INTEGER" || types[1].DatabaseTypeName() != "TEXT" {
		t.Fatalf("column types %v", types)
	}
}

// BenchmarkQuery compares a point query through the caching driver with
// the same query through modernc's driver directly.
func BenchmarkQuery(b *testing.B) {
	for _, name := range []string{DriverName, "sqlite"} {
		b.Run(name, func(b *testing.B) {
			db, err := sql.Open(name, filepath.Join(b.TempDir(), "data.db")+pragmas)
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			db.SetMaxOpenConns(1)
			if _, err := db.Exec(`CREATE TABLE t (id TEXT PRIMARY KEY, name TEXT, price INTEGER, created TEXT)`); err != nil {
				b.Fatal(err)
			}
			if _, err := db.Exec(`INSERT INTO t VALUES ('abc', 'Margherita', 900, '2026-01-01')`); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				var n string
				var p int
				if err := db.QueryRow(`SELECT t.name, t.price FROM t WHERE t.id = ? LIMIT 1`, "abc").Scan(&n, &p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestConcurrentUse runs reads, writes, early-closed row sets and
// transactions with nested use of one query from many goroutines over a
// small pool, checking every answer (run it with -race too).
func TestConcurrentUse(t *testing.T) {
	db := open(t, 4)
	const goroutines, rounds = 16, 150
	errs := make(chan error, goroutines)
	for g := 0; g < goroutines; g++ {
		go func() {
			errs <- func() error {
				for i := 0; i < rounds; i++ {
					id := 1 + (g*rounds+i)%20
					switch i % 4 {
					case 0: // point read
						var name string
						if err := db.QueryRow(`SELECT name FROM t WHERE id = ?`, id).Scan(&name); err != nil {
							return err
						}
						if !strings.HasPrefix(name, fmt.Sprint("n", id)) {
							return fmt.Errorf("id %d: name %q", id, name)
						}
					case 1: // a row set closed before its end
						rows, err := db.Query(`SELECT id FROM t WHERE id >= ? ORDER BY id`, id)
						if err != nil {
							return err
						}
						var first int
						if rows.Next() {
							if err := rows.Scan(&first); err != nil {
								return err
							}
						}
						if err := rows.Close(); err != nil {
							return err
						}
						if first != id {
							return fmt.Errorf("first id >= %d: %d", id, first)
						}
					case 2: // a write
						if _, err := db.Exec(`UPDATE t SET name = ? WHERE id = ?`, fmt.Sprint("n", id, "-", g), id); err != nil {
							return err
						}
					case 3: // a transaction using one query inside a loop over the same query
						tx, err := db.Begin()
						if err != nil {
							return err
						}
						outer, err := tx.Query(`SELECT id FROM t WHERE id <= ? ORDER BY id`, 2)
						if err != nil {
							tx.Rollback()
							return err
						}
						n := 0
						for outer.Next() {
							inner, err := tx.Query(`SELECT id FROM t WHERE id <= ? ORDER BY id`, 1)
							if err != nil {
								outer.Close()
								tx.Rollback()
								return err
							}
							for inner.Next() {
								n++
							}
							inner.Close()
						}
						outer.Close()
						if err := tx.Commit(); err != nil {
							return err
						}
						if n != 2 {
							return fmt.Errorf("nested reads: %d rows; want 2", n)
						}
					}
				}
				return nil
			}()
		}()
	}
	for g := 0; g < goroutines; g++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
