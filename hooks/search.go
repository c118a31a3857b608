package hooks

import (
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/picker"
	pbsearch "github.com/pocketbase/pocketbase/tools/search"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/dishpatch/dishpatch/internal/delivery"
	"github.com/dishpatch/dishpatch/internal/geo"
	"github.com/dishpatch/dishpatch/internal/hours"
)

// registerSearch binds the index upkeep and, when the server starts, rebuilds a missing or stale index,
// loads it and serves GET /api/delivery/search.
func registerSearch(app core.App) {
	bindSearchUpkeep(app)
	s := &searchService{}
	app.OnTerminate().BindFunc(func(e *core.TerminateEvent) error {
		if stmt := s.revStmt.Swap(nil); stmt != nil {
			if err := stmt.Close(); err != nil {
				e.App.Logger().Warn("search: closing the revision statement", "error", err)
			}
		}
		return e.Next()
	})
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		if err := s.prepare(se.App); err != nil {
			return err
		}
		// A search is a public read served thousands of times a second; writing a log row for each
		// would cost more than the search (PocketBase flushes 200 rows inside every 200th request).
		// Failed searches are still logged.
		se.Router.GET("/api/delivery/search", s.search).Bind(apis.SkipSuccessActivityLog())
		return se.Next()
	})
}

// searchService serves searches from an in-memory delivery.Index that follows the _search_* tables.
//
// The tables are the truth, written in the transactions of the records they index. Before each search
// the service reads the index's (gen, rev): if another rebuild happened (gen) it loads everything again,
// if changes were committed (rev) it reloads just the restaurants stamped with a newer rev. So a search
// sees every write committed before it, whichever process made it, at the cost of one tiny query.
type searchService struct {
	loading sync.Mutex // one reload at a time; searches meanwhile wait for it
	index   atomic.Pointer[delivery.Index]
	gen     atomic.Int64
	rev     atomic.Int64
	// revStmt reads (gen, rev), prepared once: it runs before every search, and preparing it each time
	// would cost more than half of its 35 µs.
	revStmt atomic.Pointer[sql.Stmt]
}

const revisionSQL = "SELECT gen, rev FROM _search_meta WHERE id = 1"

// revision returns the index's (gen, rev).
func (s *searchService) revision(app core.App) (gen, rev int64, err error) {
	stmt := s.revStmt.Load()
	if stmt == nil {
		if db, ok := app.ConcurrentDB().(*dbx.DB); ok {
			if stmt, err = db.DB().Prepare(revisionSQL); err == nil {
				s.revStmt.Store(stmt)
			}
		}
	}
	if stmt != nil {
		if err = stmt.QueryRow().Scan(&gen, &rev); err == nil {
			return gen, rev, nil
		}
		// The database was closed and opened again (a restored backup): prepare anew next time. The
		// statement died with its database, so closing it cannot fail in a way that matters.
		if s.revStmt.CompareAndSwap(stmt, nil) {
			err = errors.Join(err, stmt.Close())
			app.Logger().Debug("search: preparing the revision statement again", "error", err)
		}
	}
	err = app.DB().NewQuery(revisionSQL).Row(&gen, &rev)
	return gen, rev, err
}

// prepare rebuilds the index if it is stale and loads it, so that the first search is as fast as any.
func (s *searchService) prepare(app core.App) error {
	reason, err := searchIndexStale(app)
	if err != nil {
		return err
	}
	if reason != "" {
		app.Logger().Info("Rebuilding the delivery search index", "reason", reason)
		st, err := rebuildSearchIndex(app)
		if err != nil {
			return err
		}
		app.Logger().Info("Rebuilt the delivery search index", "restaurants", st.Restaurants, "items", st.Items, "took", st.Took.String())
	}
	_, err = s.current(app)
	return err
}

// search is the handler of GET /api/delivery/search.
func (s *searchService) search(e *core.RequestEvent) error {
	query := e.Request.URL.Query()
	p, err := delivery.ParseParams(query, cuisineValues(e.App))
	if err != nil {
		var bad delivery.ParamErrors
		if !errors.As(err, &bad) {
			return e.BadRequestError("Invalid search parameters.", err)
		}
		data := validation.Errors{}
		for _, pe := range bad {
			data[pe.Param] = validation.NewError(pe.Code, pe.Message)
		}
		return e.BadRequestError("Invalid search parameters.", data)
	}
	// PocketBase applies ?fields= after writing the status, so a malformed one would end a 200 without a
	// body: refuse it first, as a bad parameter.
	fields := query.Get("fields")
	if fields != "" {
		if _, err := picker.Pick(&pbsearch.Result{}, fields); err != nil {
			return e.BadRequestError("Invalid search parameters.", validation.Errors{
				"fields": validation.NewError("validation_invalid_fields", "The fields parameter must list field names, e.g. fields=id,name,distance_km."),
			})
		}
	}
	ix, err := s.current(e.App)
	if err != nil {
		return e.InternalServerError("The search is unavailable right now.", err)
	}
	res := ix.Search(p, now())
	if fields != "" {
		// PocketBase's own list type, so that ?fields= picks inside items as on every other list.
		return e.JSON(http.StatusOK, &pbsearch.Result{
			Items: res.Items, Page: res.Page, PerPage: res.PerPage, TotalItems: res.TotalItems, TotalPages: res.TotalPages,
		})
	}
	// The bytes e.JSON would write (AppendJSON's test holds them equal), without reflection.
	buf := jsonBuffers.Get().(*[]byte)
	defer jsonBuffers.Put(buf)
	*buf = append(res.AppendJSON((*buf)[:0]), '\n')
	return e.Blob(http.StatusOK, "application/json", *buf)
}

// jsonBuffers recycles the response buffers of searches, a few kilobytes each.
var jsonBuffers = sync.Pool{New: func() any { return new([]byte) }}

// cuisineValues returns the values of the restaurants' cuisines select, as the dashboard may have changed
// them (the collection is cached by PocketBase).
func cuisineValues(app core.App) []string {
	c, err := app.FindCachedCollectionByNameOrId("restaurants")
	if err != nil {
		return nil
	}
	if f, ok := c.Fields.GetByName("cuisines").(*core.SelectField); ok {
		return f.Values
	}
	return nil
}

// current returns the Index as of the latest committed change.
func (s *searchService) current(app core.App) (*delivery.Index, error) {
	gen, rev, err := s.revision(app)
	if err != nil {
		return nil, err
	}
	if ix := s.index.Load(); ix != nil && s.gen.Load() == gen && s.rev.Load() >= rev {
		return ix, nil
	}
	s.loading.Lock()
	defer s.loading.Unlock()
	ix := s.index.Load()
	switch {
	case ix != nil && s.gen.Load() == gen && s.rev.Load() >= rev:
		// another search loaded it meanwhile
	case ix == nil || s.gen.Load() != gen:
		// A rebuild or the first load. gen and rev were read first, so anything committed during the
		// load is reloaded by the next search.
		var b delivery.Builder
		if err := loadPlaces(app, true, "removed = 0 AND active = 1", nil, b.Add, nil); err != nil {
			return nil, err
		}
		ix = b.Index()
		s.index.Store(ix)
	default:
		var changed []delivery.Place
		err := loadPlaces(app, false, "rev > {:rev}", dbx.Params{"rev": s.rev.Load()},
			func(p delivery.Place) { changed = append(changed, p) }, ix.Remove)
		if err != nil {
			return nil, err
		}
		ix.Put(changed...)
	}
	s.gen.Store(gen)
	s.rev.Store(rev)
	return ix, nil
}

// loadPlaces reads the places of the _search_places rows matching where, with their items, handing each
// complete place to put and the ids of removed or inactive ones to remove. all says that where selects
// every place, so the items are read in one pass instead of by place.
func loadPlaces(app core.App, all bool, where string, params dbx.Params, put func(delivery.Place), remove func(ids ...string)) error {
	var rows []placeRow
	err := app.DB().NewQuery("SELECT * FROM _search_places WHERE " + where + " ORDER BY id").Bind(params).All(&rows)
	if err != nil {
		return err
	}
	places := make(map[string]*delivery.Place, len(rows))
	var ids []any
	var gone []string
	weeks := map[string]hours.Week{} // many restaurants share their hours: parse each text once
	for _, r := range rows {
		if r.Removed || !r.Active {
			gone = append(gone, r.ID)
			continue
		}
		p, err := newPlace(r, weeks)
		if err != nil {
			return err
		}
		places[r.ID] = p
		ids = append(ids, r.ID)
	}
	if len(gone) > 0 && remove != nil {
		remove(gone...)
	}

	items := app.DB().Select("place", "id", "name", "price", "sort_order", "words").From("_search_items").OrderBy("place", "id")
	if all {
		err = loadItems(items, places, put)
	} else {
		const chunk = 500 // far below SQLite's limit of bound parameters
		for i := 0; i < len(ids) && err == nil; i += chunk {
			err = loadItems(items.Where(dbx.In("place", ids[i:min(i+chunk, len(ids))]...)), places, put)
		}
	}
	if err != nil {
		return err
	}
	for _, p := range places { // those without items
		put(*p)
	}
	return nil
}

// loadItems reads items in key order, so that each place's items are one run, and hands each place to put
// as soon as its run ends, deleting it from places.
func loadItems(q *dbx.SelectQuery, places map[string]*delivery.Place, put func(delivery.Place)) error {
	rows, err := q.Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	var cur *delivery.Place
	flush := func() {
		if cur != nil {
			put(*cur)
			delete(places, cur.ID)
			cur = nil
		}
	}
	for rows.Next() {
		var place, words string
		var it delivery.Item
		if err := rows.Scan(&place, &it.ID, &it.Name, &it.Price, &it.SortOrder, &words); err != nil {
			return err
		}
		if cur == nil || cur.ID != place {
			flush()
			cur = places[place] // nil for a place that is not being loaded
		}
		if cur != nil {
			it.Words = strings.Fields(words)
			cur.Items = append(cur.Items, it)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	flush()
	return nil
}

// newPlace turns an index row into what delivery searches.
func newPlace(r placeRow, weeks map[string]hours.Week) (*delivery.Place, error) {
	var cuisines types.JSONArray[string]
	if err := cuisines.Scan(r.Cuisines); err != nil {
		return nil, fmt.Errorf("search: cuisines of %s: %w", r.ID, err)
	}
	week, ok := weeks[r.OpeningHours]
	if !ok {
		var err error
		if week, err = hours.Parse([]byte(r.OpeningHours)); err != nil {
			// Stored hours were validated on save; unreadable ones count as closed all week, as in carts.
			week = hours.Week{}
		}
		weeks[r.OpeningHours] = week
	}
	return &delivery.Place{
		ID:          r.ID,
		Name:        r.Name,
		Slug:        r.Slug,
		Cuisines:    cuisines,
		Address:     r.Address,
		Cover:       r.Cover,
		Currency:    r.Currency,
		Location:    geo.Point{Lon: r.Lon, Lat: r.Lat},
		RadiusKm:    r.RadiusKm,
		Active:      r.Active,
		RatingAvg:   r.RatingAvg,
		RatingCount: r.RatingCount,
		MinOrder:    r.MinOrder,
		PrepMinutes: r.PrepMinutes,
		FeeBase:     r.FeeBase,
		FeePerKm:    r.FeePerKm,
		Hours:       week,
		NameWords:   strings.Fields(r.NameWords),
		OwnWords:    strings.Fields(r.OwnWords),
	}, nil
}
