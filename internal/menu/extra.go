package menu

import (
	"slices"

	"github.com/dishpatch/dishpatch/internal/money"
)

// KnownExtra sums the prices of the selected options that still exist in
// groups, each counted once, ignoring unknown groups and options and the
// min/max rules. The server uses it to keep pricing a cart line whose
// options a restaurant has since changed: the line is then blocked
// (item_unavailable) until the customer edits it, but it still shows a
// price.
func KnownExtra(groups []Group, sel map[string][]string) int64 {
	var extra int64
	for _, g := range groups {
		chosen := sel[g.ID]
		for i, id := range chosen {
			if slices.Contains(chosen[:i], id) {
				continue
			}
			if j := findOption(g.Options, id); j >= 0 {
				extra = money.Add(extra, g.Options[j].Price)
			}
		}
	}
	return extra
}
