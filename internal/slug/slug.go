// Package slug makes URL names ("Café Crème" → "cafe-creme").
package slug

import (
	"strconv"
	"strings"

	"github.com/dishpatch/dishpatch/internal/search"
)

// maxLen keeps slugs well inside the restaurants.slug field (140).
const maxLen = 120

// Make folds s like the search does (no case, no diacritics, ß → ss) and
// joins its words with hyphens. A name with no letters or digits gives
// "restaurant".
func Make(s string) string {
	words := search.Tokens(s)
	out := strings.Join(words, "-")
	if len(out) > maxLen {
		out = strings.TrimRight(out[:maxLen], "-")
	}
	if out == "" {
		return "restaurant"
	}
	return out
}

// WithSuffix returns base for n ≤ 1 and base-n otherwise, so that callers
// can probe pizza, pizza-2, pizza-3, … for a free slug.
func WithSuffix(base string, n int) string {
	if n <= 1 {
		return base
	}
	return base + "-" + strconv.Itoa(n)
}
