package hooks

import (
	"sync"

	"github.com/pocketbase/pocketbase/core"

	"github.com/dishpatch/dishpatch/internal/menu"
)

func registerMenuItems(app core.App) {
	app.OnRecordValidate("menu_items").BindFunc(validateMenuItem)
	app.OnRecordUpdateExecute("menu_items").BindFunc(followMenuItem)
}

// followMenuItem re-prices the cart lines of a menu item whose price,
// name, options or availability changed, in the same transaction.
func followMenuItem(e *core.RecordEvent) error {
	return inTransaction(e, func(tx core.App) error {
		if err := e.Next(); err != nil {
			return err
		}
		if !changed(e.Record, "price", "name", "is_available", "option_groups") {
			return nil
		}
		return repriceItemsOf(tx, e.Record.Id)
	})
}

func validateMenuItem(e *core.RecordEvent) error {
	if _, err := menu.ParseGroups(jsonBytes(e.Record, "option_groups")); err != nil {
		return fieldError("option_groups", "invalid_option_groups", sentence(err))
	}
	return e.Next()
}

// memo caches a pure function's results by key. When full it starts
// over, which keeps the code simple and the memory bounded (menus change
// rarely).
type memo[K comparable, V any] struct {
	mu sync.RWMutex
	m  map[K]V
}

// memoSize bounds each memo.
const memoSize = 4096

// get returns the result for k, computing and keeping it if it is new.
func (c *memo[K, V]) get(k K, compute func() V) V {
	c.mu.RLock()
	v, ok := c.m[k]
	c.mu.RUnlock()
	if ok {
		return v
	}
	v = compute()
	c.mu.Lock()
	if c.m == nil || len(c.m) >= memoSize {
		c.m = map[K]V{}
	}
	c.m[k] = v
	c.mu.Unlock()
	return v
}

// parsedGroups memoizes menu.ParseGroups by the raw JSON: a cart recompute
// checks every line's options against its menu item's groups, and parsing
// the same menu JSON again for every line of every cart change dominated
// the cart write path. Parsing is pure, so the raw text is a safe key.
var parsedGroups memo[string, groupsResult]

type groupsResult struct {
	groups []menu.Group
	err    error
}

// optionGroups parses a menu item's option_groups JSON, from the memo when
// it was parsed before. Callers must not modify the returned groups.
func optionGroups(raw []byte) ([]menu.Group, error) {
	r := parsedGroups.get(string(raw), func() groupsResult {
		groups, err := menu.ParseGroups(raw)
		return groupsResult{groups, err}
	})
	return r.groups, r.err
}
