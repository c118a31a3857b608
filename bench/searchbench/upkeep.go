package main

import (
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/dishpatch/dishpatch/hooks"
)

// measureUpkeep times menu item updates through PocketBase (validation, every Dishpatch hook, the commit)
// on two apps over the same data dir: one with the search index upkeep and one with its handlers
// unbound. Writes alternate between the two so that a growing WAL or a warming cache cost both alike;
// the difference of the medians is what the upkeep adds to a write.
func measureUpkeep(dir string, n int, w io.Writer) error {
	with, err := openApp(dir)
	if err != nil {
		return err
	}
	hooks.Register(with)
	without, err := openApp(dir)
	if err != nil {
		return err
	}
	hooks.Register(without)
	for _, h := range []interface{ Unbind(...string) }{
		without.OnRecordCreateExecute(), without.OnRecordUpdateExecute(), without.OnRecordDeleteExecute(),
	} {
		h.Unbind(hooks.SearchMenuItemsHookID, hooks.SearchRestaurantsHookID)
	}

	var ids []string
	if err := with.DB().NewQuery("SELECT id FROM menu_items ORDER BY random() LIMIT {:n}").
		Bind(map[string]any{"n": 2 * n}).Column(&ids); err != nil {
		return err
	}
	r := rand.New(rand.NewPCG(5, 5))
	var tWith, tWithout []time.Duration
	for i, id := range ids {
		app := with
		if i%2 == 1 {
			app = without
		}
		rec, err := app.FindRecordById("menu_items", id)
		if err != nil {
			return err
		}
		// A realistic edit: a new price and a renamed dish, so the item's words change.
		rec.Set("price", 100+r.IntN(3000))
		rec.Set("name", fmt.Sprintf("%s %s", pick(r, styles[r.IntN(len(styles))].dishes), pick(r, common)))
		start := time.Now()
		if err := app.Save(rec); err != nil {
			return err
		}
		if app == with {
			tWith = append(tWith, time.Since(start))
		} else {
			tWithout = append(tWithout, time.Since(start))
		}
	}
	mw, mo := median(tWith), median(tWithout)
	_, err = fmt.Fprintf(w, "menu item update, median of %d: %.3f ms with the index upkeep, %.3f ms without: upkeep %+.3f ms\n",
		len(tWith), ms(mw), ms(mo), ms(mw-mo))
	return err
}

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
