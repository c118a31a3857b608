package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// The delivery search index: plain tables, not collections (the leading underscore marks them internal,
// like PocketBase's own, and PocketBase refuses a collection named like an existing table). Hooks keep
// them in the transaction of every restaurant and menu item write; the server reads them into memory.
//
// _search_meta is one row. format is the layout of the rows below: 0 means never built, and a server whose
// layout differs rebuilds the index on start-up. gen counts rebuilds; rev counts changes. Every change
// stamps the rows it writes with the new rev, so a reader holding rev n reloads just the places with a
// higher rev, and everything when gen moved.
//
// _search_places is one row per restaurant with what a search filters, sorts and shows: coordinates as
// REAL columns, the terms of the money math, and the folded words (package search) of the name and of
// the restaurant's own text (name, cuisines, description), space-separated. A deleted restaurant leaves a
// row with removed = 1 until the next rebuild, so that readers learn of the deletion.
//
// _search_items is one row per available menu item, clustered by restaurant so that a place's items are one
// range: what matched_items shows and the folded words of the item's name and description.
var searchIndexSchema = []string{
	`CREATE TABLE _search_meta (
		id     INTEGER PRIMARY KEY CHECK (id = 1),
		format INTEGER NOT NULL,
		gen    INTEGER NOT NULL,
		rev    INTEGER NOT NULL
	)`,
	`INSERT INTO _search_meta (id, format, gen, rev) VALUES (1, 0, 0, 0)`,
	`CREATE TABLE _search_places (
		id                  TEXT PRIMARY KEY NOT NULL,
		rev                 INTEGER NOT NULL,
		removed             INTEGER NOT NULL DEFAULT 0,
		active              INTEGER NOT NULL,
		lat                 REAL NOT NULL,
		lon                 REAL NOT NULL,
		radius_km           REAL NOT NULL,
		name                TEXT NOT NULL,
		slug                TEXT NOT NULL,
		cuisines            TEXT NOT NULL,
		address             TEXT NOT NULL,
		cover               TEXT NOT NULL,
		currency            TEXT NOT NULL,
		rating_avg          REAL NOT NULL,
		rating_count        INTEGER NOT NULL,
		min_order           INTEGER NOT NULL,
		prep_minutes        INTEGER NOT NULL,
		delivery_fee_base   INTEGER NOT NULL,
		delivery_fee_per_km INTEGER NOT NULL,
		opening_hours       TEXT NOT NULL,
		name_words          TEXT NOT NULL,
		own_words           TEXT NOT NULL,
		updated             TEXT NOT NULL
	)`,
	`CREATE INDEX _search_places_rev ON _search_places (rev)`,
	`CREATE TABLE _search_items (
		place      TEXT NOT NULL,
		id         TEXT NOT NULL,
		name       TEXT NOT NULL,
		price      INTEGER NOT NULL,
		sort_order INTEGER NOT NULL,
		words      TEXT NOT NULL,
		updated    TEXT NOT NULL,
		PRIMARY KEY (place, id)
	) WITHOUT ROWID`,
}

func init() {
	m.Register(func(app core.App) error {
		for _, stmt := range searchIndexSchema {
			if _, err := app.DB().NewQuery(stmt).Execute(); err != nil {
				return err
			}
		}
		return nil
	}, func(app core.App) error {
		for _, table := range []string{"_search_items", "_search_places", "_search_meta"} {
			if _, err := app.DB().NewQuery("DROP TABLE IF EXISTS " + table).Execute(); err != nil {
				return err
			}
		}
		return nil
	})
}
