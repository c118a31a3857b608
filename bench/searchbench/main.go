// Command searchbench is the helper of bench/search.sh: it loads the S and D data sets by bulk SQL,
// prepares them for measuring, writes the request lists for wrk, measures what the search index upkeep
// adds to a write, and turns wrk's output into the README table.
//
//	searchbench load -set S -dir DATA      migrate DATA and bulk-load the data set
//	searchbench prepare -dir DATA          checkpoint the WAL, ANALYZE, print table sizes
//	searchbench urls -set S -dir URLS      write one request list per endpoint
//	searchbench upkeep -dir DATA           time menu item writes with and without the index upkeep
//	searchbench report -dir OUT            print the markdown table of OUT's wrk results
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/pocketbase/pocketbase/core"

	_ "github.com/dishpatch/dishpatch/migrations"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: searchbench load|prepare|urls|upkeep|report [flags]")
		os.Exit(2)
	}
	fs := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	set := fs.String("set", "S", "data set: S (10,000 restaurants × 100 items) or D (100,000 × 10)")
	dir := fs.String("dir", "", "data, request list or result directory")
	n := fs.Int("n", 500, "requests per list (urls) or writes per side (upkeep)")
	if err := fs.Parse(os.Args[2:]); err != nil {
		os.Exit(2)
	}
	if *dir == "" {
		fmt.Fprintln(os.Stderr, "searchbench: -dir is required")
		os.Exit(2)
	}
	ds, ok := dataSets[*set]
	if !ok {
		fmt.Fprintf(os.Stderr, "searchbench: unknown data set %q\n", *set)
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "load":
		err = runLoad(*dir, ds.seed, ds.restaurants, ds.itemsEach)
	case "prepare":
		err = runPrepare(*dir)
	case "urls":
		err = writeURLs(*dir, ds.seed, *n)
	case "upkeep":
		err = measureUpkeep(*dir, *n, os.Stdout)
	case "report":
		err = report(*dir, os.Stdout)
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "searchbench:", err)
		os.Exit(1)
	}
}

func runLoad(dir string, seed uint64, restaurants, itemsEach int) error {
	start := time.Now()
	app, err := openApp(dir)
	if err != nil {
		return err
	}
	data := generate(seed, restaurants, itemsEach)
	if err := load(app, data); err != nil {
		return err
	}
	fmt.Printf("loaded %d restaurants and %d menu items in %s\n", restaurants, restaurants*itemsEach, time.Since(start).Round(time.Millisecond))
	return nil
}

// runPrepare leaves the data dir as a server that has run for a while would find it: the bulk load
// checkpointed out of the WAL and the query planner's statistics gathered. It prints the size of every
// table and index, the search index's in total.
func runPrepare(dir string) error {
	app, err := openApp(dir)
	if err != nil {
		return err
	}
	for _, stmt := range []string{"PRAGMA wal_checkpoint(TRUNCATE)", "ANALYZE", "PRAGMA wal_checkpoint(TRUNCATE)"} {
		if _, err := app.DB().NewQuery(stmt).Execute(); err != nil {
			return fmt.Errorf("%s: %w", stmt, err)
		}
	}
	return printSizes(app)
}

func printSizes(app core.App) error {
	var rows []struct {
		Name  string `db:"name"`
		Bytes int64  `db:"bytes"`
	}
	err := app.DB().NewQuery(`SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC`).All(&rows)
	if err != nil {
		return err
	}
	var total, index int64
	for _, r := range rows {
		total += r.Bytes
		if len(r.Name) >= 7 && r.Name[:7] == "_search" || len(r.Name) > 24 && r.Name[:24] == "sqlite_autoindex__search" {
			index += r.Bytes
			fmt.Printf("  %-40s %8.1f MB\n", r.Name, float64(r.Bytes)/1e6)
		}
	}
	fmt.Printf("search index: %.1f MB of a %.1f MB database\n", float64(index)/1e6, float64(total)/1e6)
	return nil
}
