package hooks

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/types"
	"github.com/spf13/cobra"

	"github.com/dishpatch/dishpatch/internal/search"
)

// searchFormat is the layout of the _search_* rows (migration 1764000010) that this build writes and
// reads. A data dir whose index has another format, or none (0), is rebuilt on start-up.
const searchFormat = 1

// Ids of the search index upkeep handlers, each bound to the create, update and delete execute hooks of
// its collection. Exported so that a benchmark can unbind them and measure what the upkeep adds to a write.
const (
	SearchRestaurantsHookID = "dishpatch.search.restaurants"
	SearchMenuItemsHookID   = "dishpatch.search.menu_items"
)

// bindSearchUpkeep keeps the index in the transaction of every restaurant and menu item write, so that a
// search after a committed write sees it and a rolled-back write leaves no trace.
func bindSearchUpkeep(app core.App) {
	bind := func(h *hook.TaggedHook[*core.RecordEvent], id string, fn func(*core.RecordEvent) error) {
		h.Bind(&hook.Handler[*core.RecordEvent]{Id: id, Func: fn})
	}
	bind(app.OnRecordCreateExecute("restaurants"), SearchRestaurantsHookID, indexRestaurant)
	bind(app.OnRecordUpdateExecute("restaurants"), SearchRestaurantsHookID, indexRestaurant)
	bind(app.OnRecordDeleteExecute("restaurants"), SearchRestaurantsHookID, unindexRestaurant)
	bind(app.OnRecordCreateExecute("menu_items"), SearchMenuItemsHookID, indexMenuItem)
	bind(app.OnRecordUpdateExecute("menu_items"), SearchMenuItemsHookID, indexMenuItem)
	bind(app.OnRecordDeleteExecute("menu_items"), SearchMenuItemsHookID, unindexMenuItem)
}

// indexRestaurant writes the restaurant's row after it is saved. Every field the search shows or sorts by
// is copied, so this runs on every save; a rating refresh is a save too.
func indexRestaurant(e *core.RecordEvent) error {
	return inTransaction(e, func(tx core.App) error {
		if err := e.Next(); err != nil {
			return err
		}
		rev, err := nextSearchRev(tx)
		if err != nil {
			return err
		}
		row, err := newPlaceRow(e.Record, rev)
		if err != nil {
			return err
		}
		return insertPlaces(tx, []placeRow{row})
	})
}

// unindexRestaurant leaves a removed row behind the deleted restaurant, for readers to drop it. Its menu
// items are gone by then: the cascade ran inside e.Next().
func unindexRestaurant(e *core.RecordEvent) error {
	return inTransaction(e, func(tx core.App) error {
		if err := e.Next(); err != nil {
			return err
		}
		rev, err := nextSearchRev(tx)
		if err != nil {
			return err
		}
		params := dbx.Params{"id": e.Record.Id, "rev": rev}
		if _, err := tx.DB().NewQuery(`UPDATE _search_places
			SET removed = 1, active = 0, rev = {:rev}, name_words = '', own_words = '', opening_hours = ''
			WHERE id = {:id}`).Bind(params).Execute(); err != nil {
			return err
		}
		_, err = tx.DB().NewQuery("DELETE FROM _search_items WHERE place = {:id}").Bind(params).Execute()
		return err
	})
}

// indexMenuItem replaces the item's row: an available item is indexed under its restaurant, an unavailable
// one is not indexed at all. Both restaurants are marked changed when the item moved.
func indexMenuItem(e *core.RecordEvent) error {
	return inTransaction(e, func(tx core.App) error {
		// The stored restaurant, read before the save: the record's Original() is only the state it was
		// loaded in, which a record saved twice has left behind.
		oldID, _ := e.Record.LastSavedPK().(string) // "" for a new record
		before, err := storedRestaurant(tx, oldID)
		if err != nil {
			return err
		}
		if err := e.Next(); err != nil {
			return err
		}
		rev, err := nextSearchRev(tx)
		if err != nil {
			return err
		}
		r := e.Record
		if err := deleteItemRow(tx, before, oldID); err != nil {
			return err
		}
		place := r.GetString("restaurant")
		if r.GetBool("is_available") {
			if err := insertItems(tx, []itemRow{newItemRow(r)}); err != nil {
				return err
			}
		} else if err := deleteItemRow(tx, place, r.Id); err != nil {
			return err
		}
		return touchPlaces(tx, rev, before, place)
	})
}

func unindexMenuItem(e *core.RecordEvent) error {
	return inTransaction(e, func(tx core.App) error {
		place, err := storedRestaurant(tx, e.Record.Id)
		if err != nil {
			return err
		}
		if err := e.Next(); err != nil {
			return err
		}
		rev, err := nextSearchRev(tx)
		if err != nil {
			return err
		}
		if err := deleteItemRow(tx, place, e.Record.Id); err != nil {
			return err
		}
		return touchPlaces(tx, rev, place)
	})
}

// storedRestaurant returns the restaurant of the stored menu item id, or "" for none.
func storedRestaurant(tx core.App, id string) (string, error) {
	if id == "" {
		return "", nil
	}
	var place []string
	err := tx.DB().NewQuery("SELECT restaurant FROM menu_items WHERE id = {:id}").Bind(dbx.Params{"id": id}).Column(&place)
	if err != nil || len(place) == 0 {
		return "", err
	}
	return place[0], nil
}

// nextSearchRev counts a change of the index and returns its number. The update takes SQLite's write lock,
// so revs are handed out and committed in order.
func nextSearchRev(tx core.App) (int64, error) {
	var rev int64
	err := tx.DB().NewQuery("UPDATE _search_meta SET rev = rev + 1 WHERE id = 1 RETURNING rev").Row(&rev)
	return rev, err
}

// touchPlaces stamps places with rev, so that readers reload them with their items.
func touchPlaces(tx core.App, rev int64, ids ...string) error {
	for i, id := range ids {
		if id == "" || i > 0 && id == ids[0] {
			continue
		}
		if _, err := tx.DB().NewQuery("UPDATE _search_places SET rev = {:rev} WHERE id = {:id}").
			Bind(dbx.Params{"rev": rev, "id": id}).Execute(); err != nil {
			return err
		}
	}
	return nil
}

func deleteItemRow(tx core.App, place, id string) error {
	if place == "" {
		return nil
	}
	_, err := tx.DB().NewQuery("DELETE FROM _search_items WHERE place = {:place} AND id = {:id}").
		Bind(dbx.Params{"place": place, "id": id}).Execute()
	return err
}

// placeRow is a row of _search_places.
type placeRow struct {
	ID           string  `db:"id"`
	Rev          int64   `db:"rev"`
	Removed      bool    `db:"removed"`
	Active       bool    `db:"active"`
	Lat          float64 `db:"lat"`
	Lon          float64 `db:"lon"`
	RadiusKm     float64 `db:"radius_km"`
	Name         string  `db:"name"`
	Slug         string  `db:"slug"`
	Cuisines     string  `db:"cuisines"` // JSON array
	Address      string  `db:"address"`
	Cover        string  `db:"cover"`
	Currency     string  `db:"currency"`
	RatingAvg    float64 `db:"rating_avg"`
	RatingCount  int64   `db:"rating_count"`
	MinOrder     int64   `db:"min_order"`
	PrepMinutes  int64   `db:"prep_minutes"`
	FeeBase      int64   `db:"delivery_fee_base"`
	FeePerKm     int64   `db:"delivery_fee_per_km"`
	OpeningHours string  `db:"opening_hours"`
	NameWords    string  `db:"name_words"`
	OwnWords     string  `db:"own_words"`
	Updated      string  `db:"updated"`
}

// placeColumns are the columns of placeRow in the order of its fields.
var placeColumns = []string{"id", "rev", "removed", "active", "lat", "lon", "radius_km", "name", "slug",
	"cuisines", "address", "cover", "currency", "rating_avg", "rating_count", "min_order", "prep_minutes",
	"delivery_fee_base", "delivery_fee_per_km", "opening_hours", "name_words", "own_words", "updated"}

func (p placeRow) values() []any {
	return []any{p.ID, p.Rev, p.Removed, p.Active, p.Lat, p.Lon, p.RadiusKm, p.Name, p.Slug,
		p.Cuisines, p.Address, p.Cover, p.Currency, p.RatingAvg, p.RatingCount, p.MinOrder, p.PrepMinutes,
		p.FeeBase, p.FeePerKm, p.OpeningHours, p.NameWords, p.OwnWords, p.Updated}
}

func newPlaceRow(r *core.Record, rev int64) (placeRow, error) {
	loc, _ := r.GetRaw("location").(types.GeoPoint) // the zero point when unset
	return placeFromFields(rev, r.Id, r.GetString("name"), r.GetString("description"), r.GetStringSlice("cuisines"), placeRow{
		Active:       r.GetBool("is_active"),
		Lat:          loc.Lat,
		Lon:          loc.Lon,
		RadiusKm:     r.GetFloat("delivery_radius_km"),
		Slug:         r.GetString("slug"),
		Address:      r.GetString("address"),
		Cover:        r.GetString("cover"),
		Currency:     r.GetString("currency"),
		RatingAvg:    r.GetFloat("rating_avg"),
		RatingCount:  int64(r.GetInt("rating_count")),
		MinOrder:     int64(r.GetInt("min_order")),
		PrepMinutes:  int64(r.GetInt("prep_minutes")),
		FeeBase:      int64(r.GetInt("delivery_fee_base")),
		FeePerKm:     int64(r.GetInt("delivery_fee_per_km")),
		OpeningHours: string(jsonBytes(r, "opening_hours")),
		Updated:      r.GetString("updated"),
	})
}

// placeFromFields completes row with what the record and the rebuild compute alike: the words.
func placeFromFields(rev int64, id, name, description string, cuisines []string, row placeRow) (placeRow, error) {
	row.ID, row.Rev, row.Name = id, rev, name
	if cuisines == nil {
		cuisines = []string{}
	}
	raw, err := json.Marshal(cuisines)
	if err != nil {
		return row, err
	}
	row.Cuisines = string(raw)
	row.NameWords = strings.Join(search.Words(name), " ")
	row.OwnWords = strings.Join(search.Words(append([]string{name, description}, cuisines...)...), " ")
	return row, nil
}

// itemRow is a row of _search_items.
type itemRow struct {
	Place     string
	ID        string
	Name      string
	Price     int64
	SortOrder int64
	Words     string
	Updated   string
}

var itemColumns = []string{"place", "id", "name", "price", "sort_order", "words", "updated"}

func (i itemRow) values() []any {
	return []any{i.Place, i.ID, i.Name, i.Price, i.SortOrder, i.Words, i.Updated}
}

func newItemRow(r *core.Record) itemRow {
	return itemRow{
		Place:     r.GetString("restaurant"),
		ID:        r.Id,
		Name:      r.GetString("name"),
		Price:     int64(r.GetInt("price")),
		SortOrder: int64(r.GetInt("sort_order")),
		Words:     strings.Join(search.Words(r.GetString("name"), r.GetString("description")), " "),
		Updated:   r.GetString("updated"),
	}
}

func insertPlaces(tx core.App, rows []placeRow) error {
	return insertRows(tx, "_search_places", placeColumns, len(rows), func(i int) []any { return rows[i].values() })
}

func insertItems(tx core.App, rows []itemRow) error {
	return insertRows(tx, "_search_items", itemColumns, len(rows), func(i int) []any { return rows[i].values() })
}

// insertRows writes n rows with one prepared INSERT OR REPLACE: a rebuild writes a million rows, and
// preparing a statement per row, or a long multi-row statement per batch, would cost more than the writes.
func insertRows(tx core.App, table string, columns []string, n int, values func(i int) []any) error {
	if n == 0 {
		return nil
	}
	names := make([]string, len(columns))
	for c, col := range columns {
		names[c] = "{:" + col + "}"
	}
	q := tx.DB().NewQuery(fmt.Sprintf("INSERT OR REPLACE INTO %s (%s) VALUES (%s)",
		table, strings.Join(columns, ", "), strings.Join(names, ", "))).Prepare()
	defer q.Close()
	params := make(dbx.Params, len(columns))
	for i := range n {
		for c, v := range values(i) {
			params[columns[c]] = v
		}
		if _, err := q.Bind(params).Execute(); err != nil {
			return fmt.Errorf("search: write %s: %w", table, err)
		}
	}
	return nil
}

// searchIndexStats describes a rebuilt index.
type searchIndexStats struct {
	Restaurants int
	Items       int
	Took        time.Duration
}

// rebuildSearchIndex replaces the index with one built from the restaurants and menu_items collections,
// in one transaction, and bumps gen so that every reader reloads it.
func rebuildSearchIndex(app core.App) (searchIndexStats, error) {
	start := time.Now()
	var st searchIndexStats
	err := app.RunInTransaction(func(tx core.App) error {
		for _, stmt := range []string{"DELETE FROM _search_items", "DELETE FROM _search_places"} {
			if _, err := tx.DB().NewQuery(stmt).Execute(); err != nil {
				return err
			}
		}
		var err error
		if st.Restaurants, err = rebuildPlaces(tx); err != nil {
			return err
		}
		if st.Items, err = rebuildItems(tx); err != nil {
			return err
		}
		_, err = tx.DB().NewQuery("UPDATE _search_meta SET format = {:format}, gen = gen + 1, rev = 1 WHERE id = 1").
			Bind(dbx.Params{"format": searchFormat}).Execute()
		return err
	})
	st.Took = time.Since(start)
	return st, err
}

func rebuildPlaces(tx core.App) (int, error) {
	rows, err := tx.DB().NewQuery(`SELECT id, name, description, cuisines, location, delivery_radius_km, is_active,
		slug, address, cover, currency, rating_avg, rating_count, min_order, prep_minutes, delivery_fee_base,
		delivery_fee_per_km, coalesce(opening_hours, ''), updated FROM restaurants`).Rows()
	if err != nil {
		return 0, err
	}
	return copyRows(rows, 500, func() (placeRow, error) {
		var (
			id, name, description, cuisines, location string
			row                                       placeRow
		)
		if err := rows.Scan(&id, &name, &description, &cuisines, &location, &row.RadiusKm, &row.Active,
			&row.Slug, &row.Address, &row.Cover, &row.Currency, &row.RatingAvg, &row.RatingCount, &row.MinOrder,
			&row.PrepMinutes, &row.FeeBase, &row.FeePerKm, &row.OpeningHours, &row.Updated); err != nil {
			return row, err
		}
		var loc types.GeoPoint
		var list types.JSONArray[string]
		// Stored by PocketBase, so valid; a damaged value is indexed as (0, 0) or as no cuisines, with a
		// warning, rather than failing the whole rebuild.
		if err := errors.Join(loc.Scan(location), list.Scan(cuisines)); err != nil {
			tx.Logger().Warn("search: unreadable location or cuisines", "restaurant", id, "error", err)
		}
		row.Lat, row.Lon = loc.Lat, loc.Lon
		return placeFromFields(1, id, name, description, list, row)
	}, func(batch []placeRow) error { return insertPlaces(tx, batch) })
}

// rebuildItems indexes every available item, in the table's key order so that the B-tree is appended to.
// Items of a restaurant that no longer exists are indexed too: they are never read, and the start-up check
// compares plain counts.
func rebuildItems(tx core.App) (int, error) {
	rows, err := tx.DB().NewQuery(`SELECT restaurant, id, name, description, price, sort_order, updated
		FROM menu_items WHERE is_available = TRUE ORDER BY restaurant, id`).Rows()
	if err != nil {
		return 0, err
	}
	return copyRows(rows, 1000, func() (itemRow, error) {
		var row itemRow
		var description string
		if err := rows.Scan(&row.Place, &row.ID, &row.Name, &description, &row.Price, &row.SortOrder, &row.Updated); err != nil {
			return row, err
		}
		row.Words = strings.Join(search.Words(row.Name, description), " ")
		return row, nil
	}, func(batch []itemRow) error { return insertItems(tx, batch) })
}

// copyRows turns each of rows into an index row with scan and writes them with insert, size at a time, so
// that a rebuild holds one batch in memory, not the whole table. It closes rows and returns how many it
// wrote.
func copyRows[T any](rows *dbx.Rows, size int, scan func() (T, error), insert func([]T) error) (int, error) {
	defer rows.Close()
	batch := make([]T, 0, size)
	n := 0
	flush := func() error {
		n += len(batch)
		err := insert(batch)
		batch = batch[:0]
		return err
	}
	for rows.Next() {
		row, err := scan()
		if err != nil {
			return 0, err
		}
		if batch = append(batch, row); len(batch) == size {
			if err := flush(); err != nil {
				return 0, err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	if err := flush(); err != nil {
		return 0, err
	}
	return n, nil
}

// searchIndexStale reports why the index must be rebuilt before serving, or "" when it is current: it
// was never built or has another layout, or its rows disagree with the collections in number or in the
// latest update, as after a bulk load or a restore that bypassed the hooks.
func searchIndexStale(app core.App) (string, error) {
	var format int
	if err := app.DB().NewQuery("SELECT format FROM _search_meta WHERE id = 1").Row(&format); err != nil {
		return "", err
	}
	if format != searchFormat {
		return fmt.Sprintf("index format %d, want %d", format, searchFormat), nil
	}
	checks := []struct{ what, source, index string }{
		{"restaurants", "SELECT count(*), coalesce(max(updated), '') FROM restaurants",
			"SELECT count(*), coalesce(max(updated), '') FROM _search_places WHERE removed = 0"},
		{"available menu items", "SELECT count(*), coalesce(max(updated), '') FROM menu_items WHERE is_available = TRUE",
			"SELECT count(*), coalesce(max(updated), '') FROM _search_items"},
	}
	for _, c := range checks {
		var n1, n2 int
		var u1, u2 string
		if err := app.DB().NewQuery(c.source).Row(&n1, &u1); err != nil {
			return "", err
		}
		if err := app.DB().NewQuery(c.index).Row(&n2, &u2); err != nil {
			return "", err
		}
		if n1 != n2 || u1 != u2 {
			return fmt.Sprintf("%s: %d last updated %q, index has %d last updated %q", c.what, n1, u1, n2, u2), nil
		}
	}
	return "", nil
}

// ReindexCommand returns the `reindex` command, which rebuilds the delivery search index from the
// restaurants and menu items. The server rebuilds a missing or stale index on start-up by itself; the
// command is for after a bulk import, and takes SQLite's write lock for as long as the rebuild runs.
func ReindexCommand(app core.App) *cobra.Command {
	return &cobra.Command{
		Use:          "reindex",
		Short:        "Rebuilds the delivery search index from the restaurants and menu items",
		Args:         cobra.NoArgs,
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !app.IsBootstrapped() {
				if err := app.Bootstrap(); err != nil {
					return fmt.Errorf("reindex: bootstrap: %w", err)
				}
			}
			if err := app.RunAllMigrations(); err != nil {
				return fmt.Errorf("reindex: run migrations: %w", err)
			}
			st, err := rebuildSearchIndex(app)
			if err != nil {
				return fmt.Errorf("reindex: %w", err)
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "Search index rebuilt: %d restaurants, %d available menu items in %s.\n",
				st.Restaurants, st.Items, st.Took.Round(time.Millisecond))
			return err
		},
	}
}
