package menu

// KnownExtra sums the prices of the selected options that still exist in
// groups, ignoring unknown groups and options and the min/max rules. The
// server uses it to keep pricing a cart line whose options a restaurant has
// since changed: the line is then blocked (item_unavailable) until the
// customer edits it, but it still shows a price.
func KnownExtra(groups []Group, sel map[string][]string) int64 {
	var extra int64
	for _, g := range groups {
		for _, id := range sel[g.ID] {
			if i := findOption(g.Options, id); i >= 0 {
				extra += g.Options[i].Price
			}
		}
	}
	return extra
}
