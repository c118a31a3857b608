// Package stmtcache opens PocketBase's SQLite databases through a driver
// that keeps each connection's prepared statements for reuse.
//
// PocketBase runs every query through database/sql without preparing it,
// so the modernc SQLite driver parses and plans the SQL text on every call:
// in a profile of the cart-write load that was about 14 % of the server's
// CPU, and part of it inside write transactions, where it holds up every
// other write. PocketBase and dbx generate the same SQL text for the same
// kind of query (values are bound as parameters), so a small per-connection
// cache of prepared statements, keyed by SQL text, removes most of it.
//
// The driver wraps modernc.org/sqlite, PocketBase's own driver, and changes
// nothing else: a cached statement is reset and its bindings cleared after
// each use (modernc does that), so it holds no locks or snapshot between
// uses, and SQLite re-prepares it by itself after a schema change.
package stmtcache

import (
	"container/list"
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"reflect"
	"sync"

	"github.com/pocketbase/dbx"
	_ "modernc.org/sqlite" // registers "sqlite"
)

// DriverName is the database/sql name of the caching driver.
const DriverName = "dishpatch_sqlite"

// Size is how many statements a connection keeps; the least recently used
// one is closed when another is added. A statement costs a few KiB.
const Size = 64

// pragmas are PocketBase's own connection settings (core.DefaultDBConnect,
// v0.39).
const pragmas = "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=journal_size_limit(200000000)" +
	"&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(ON)&_pragma=temp_store(MEMORY)&_pragma=cache_size(-32000)"

func init() {
	// Wrap the driver registered as "sqlite", with whatever functions and
	// hooks were registered on it; sql.Open does not connect.
	db, err := sql.Open("sqlite", "")
	if err != nil {
		panic(err)
	}
	sql.Register(DriverName, &cachingDriver{inner: db.Driver()})
	db.Close()
}

// Connect is a core.DBConnectFunc: core.DefaultDBConnect through the
// caching driver.
func Connect(dbPath string) (*dbx.DB, error) {
	return ConnectWith(dbPath, "")
}

// ConnectWith is Connect with more connection settings, in the form
// "&_pragma=name(value)".
func ConnectWith(dbPath, morePragmas string) (*dbx.DB, error) {
	db, err := sql.Open(DriverName, dbPath+pragmas+morePragmas)
	if err != nil {
		return nil, err
	}
	// "sqlite" picks dbx's SQLite query builder, as dbx.Open("sqlite") does.
	return dbx.NewFromDB(db, "sqlite"), nil
}

type cachingDriver struct {
	inner driver.Driver
}

func (d *cachingDriver) Open(name string) (driver.Conn, error) {
	c, err := d.inner.Open(name)
	if err != nil {
		return nil, err
	}
	return newConn(c)
}

// innerConn is what the wrapper needs of a modernc connection.
type innerConn interface {
	driver.Conn
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.QueryerContext
	driver.ExecerContext
	driver.Pinger
	driver.SessionResetter
	driver.Validator
}

// conn is a connection with its statement cache. database/sql uses a
// connection from one goroutine at a time, and closes rows under the same
// lock; mu makes that independent of database/sql's internals.
type conn struct {
	inner innerConn
	mu    sync.Mutex
	stmts map[string]*list.Element // of *entry, most recently used first
	lru   list.List
	stats Stats
}

// Stats counts a connection's cache use (for tests).
type Stats struct {
	Prepared, Reused, Uncached int
}

// entry is a cached statement. busy while its rows are open: a second use
// of the same SQL meanwhile (a query inside a loop over another) runs
// uncached. An entry evicted while busy is closed when its rows close.
type entry struct {
	query   string
	stmt    driver.Stmt
	busy    bool
	evicted bool
}

func newConn(c driver.Conn) (*conn, error) {
	inner, ok := c.(innerConn)
	if !ok {
		c.Close()
		return nil, errors.New("stmtcache: the sqlite driver's connection lacks a needed interface")
	}
	return &conn{inner: inner, stmts: map[string]*list.Element{}}, nil
}

// take returns query's cached statement, marked busy, preparing and caching
// it if needed; nil when it is busy.
func (c *conn) take(ctx context.Context, query string) (*entry, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.stmts[query]; ok {
		e := el.Value.(*entry)
		if e.busy {
			c.stats.Uncached++
			return nil, nil
		}
		c.lru.MoveToFront(el)
		e.busy = true
		c.stats.Reused++
		return e, nil
	}
	s, err := c.inner.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	e := &entry{query: query, stmt: s, busy: true}
	c.stmts[query] = c.lru.PushFront(e)
	c.stats.Prepared++
	for c.lru.Len() > Size {
		c.evict(c.lru.Back())
	}
	return e, nil
}

// evict drops el from the cache and closes its statement unless in use.
func (c *conn) evict(el *list.Element) {
	e := c.lru.Remove(el).(*entry)
	delete(c.stmts, e.query)
	e.evicted = true
	if !e.busy {
		e.stmt.Close()
	}
}

// release marks e free again, closing it if it was evicted meanwhile.
func (c *conn) release(e *entry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e.busy = false
	if e.evicted {
		e.stmt.Close()
	}
}

func (c *conn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	query, args = canonicalCreateRule(query, args)
	e, err := c.take(ctx, query)
	if err != nil {
		return nil, err
	}
	if e == nil {
		return c.inner.QueryContext(ctx, query, args)
	}
	r, err := e.stmt.(driver.StmtQueryContext).QueryContext(ctx, args)
	if err != nil {
		c.release(e) // modernc resets the statement on every error path
		return nil, err
	}
	return &rows{Rows: r, c: c, e: e}, nil
}

func (c *conn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	e, err := c.take(ctx, query)
	if err != nil {
		return nil, err
	}
	if e == nil {
		return c.inner.ExecContext(ctx, query, args)
	}
	defer c.release(e) // modernc resets the statement after each exec
	return e.stmt.(driver.StmtExecContext).ExecContext(ctx, args)
}

// Close closes the cached statements, then the connection.
func (c *conn) Close() error {
	c.mu.Lock()
	for el := c.lru.Front(); el != nil; el = el.Next() {
		el.Value.(*entry).stmt.Close()
	}
	c.stmts, c.lru = nil, list.List{}
	c.mu.Unlock()
	return c.inner.Close()
}

// Stats returns the connection's cache counters.
func (c *conn) Stats() Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stats
}

func (c *conn) Prepare(query string) (driver.Stmt, error) { return c.inner.Prepare(query) }
func (c *conn) Begin() (driver.Tx, error)                 { return c.BeginTx(context.Background(), driver.TxOptions{}) }
func (c *conn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	return c.inner.PrepareContext(ctx, query)
}
func (c *conn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	return c.inner.BeginTx(ctx, opts)
}
func (c *conn) Ping(ctx context.Context) error         { return c.inner.Ping(ctx) }
func (c *conn) ResetSession(ctx context.Context) error { return c.inner.ResetSession(ctx) }
func (c *conn) IsValid() bool                          { return c.inner.IsValid() }

// rows hands its statement back to the cache when closed. It forwards the
// column type methods of modernc's rows, which database/sql looks for.
type rows struct {
	driver.Rows
	c      *conn
	e      *entry
	closed bool
}

func (r *rows) Close() error {
	if r.closed {
		return nil
	}
	r.closed = true
	err := r.Rows.Close()
	r.c.release(r.e)
	return err
}

func (r *rows) ColumnTypeDatabaseTypeName(i int) string {
	if t, ok := r.Rows.(driver.RowsColumnTypeDatabaseTypeName); ok {
		return t.ColumnTypeDatabaseTypeName(i)
	}
	return ""
}

func (r *rows) ColumnTypeLength(i int) (int64, bool) {
	if t, ok := r.Rows.(driver.RowsColumnTypeLength); ok {
		return t.ColumnTypeLength(i)
	}
	return 0, false
}

func (r *rows) ColumnTypeNullable(i int) (nullable, ok bool) {
	if t, ok := r.Rows.(driver.RowsColumnTypeNullable); ok {
		return t.ColumnTypeNullable(i)
	}
	return false, false
}

func (r *rows) ColumnTypePrecisionScale(i int) (precision, scale int64, ok bool) {
	if t, ok := r.Rows.(driver.RowsColumnTypePrecisionScale); ok {
		return t.ColumnTypePrecisionScale(i)
	}
	return 0, 0, false
}

func (r *rows) ColumnTypeScanType(i int) reflect.Type {
	if t, ok := r.Rows.(driver.RowsColumnTypeScanType); ok {
		return t.ColumnTypeScanType(i)
	}
	return reflect.TypeFor[any]()
}
