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

// groupsCache memoizes menu.ParseGroups by the raw JSON: a cart recompute
// checks every line's options against its menu item's groups, and parsing
// the same menu JSON again for every line of every cart change dominated
// the cart write path. Parsing is pure, so the raw text is a safe key.
var groupsCache = struct {
	sync.RWMutex
	m map[string]parsedGroups
}{m: map[string]parsedGroups{}}

type parsedGroups struct {
	groups []menu.Group
	err    error
}

// groupsCacheSize bounds the cache; when full it starts over, which keeps
// the code simple and the memory bounded (menus change rarely).
const groupsCacheSize = 4096

// optionGroups parses a menu item's option_groups JSON, from the cache when
// it was parsed before. Callers must not modify the returned groups.
func optionGroups(raw []byte) ([]menu.Group, error) {
	groupsCache.RLock()
	p, ok := groupsCache.m[string(raw)]
	groupsCache.RUnlock()
	if ok {
		return p.groups, p.err
	}
	groups, err := menu.ParseGroups(raw)
	groupsCache.Lock()
	if len(groupsCache.m) >= groupsCacheSize {
		groupsCache.m = map[string]parsedGroups{}
	}
	groupsCache.m[string(raw)] = parsedGroups{groups, err}
	groupsCache.Unlock()
	return groups, err
}
