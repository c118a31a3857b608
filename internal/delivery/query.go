package delivery

import (
	"cmp"
	"slices"
	"strings"

	"github.com/dishpatch/dishpatch/internal/search"
)

// Query is the text part of a search. It is built once per request and never interpreted as syntax:
// quotes, "*", "-", parentheses, column filters and AND/OR/NOT/NEAR are separators or ordinary words,
// because search.Tokens keeps only runs of letters and digits.
type Query struct {
	// Tokens are the folded tokens of q in the order typed, each once. Every one must prefix-match a word.
	Tokens []string
	// plan is what a place is tested with: Tokens without those that are a prefix of another token
	// (every word starting with "pizza" also starts with "pi", so "pi" can neither reject a place that
	// "pizza" accepts nor lower its tier), longest first, because a longer prefix rejects more places
	// and the test stops at the first token that fails.
	plan []string
}

// NewQuery tokenizes q. A q without letters or digits gives the empty Query, which the contract treats as
// no query at all. Length limits are the caller's: ParseParams refuses a q over search.MaxQueryLen.
func NewQuery(q string) Query {
	tokens := search.Tokens(q)
	if len(tokens) == 0 {
		return Query{}
	}
	plan := make([]string, 0, len(tokens))
	for i, t := range tokens {
		implied := slices.ContainsFunc(tokens, func(o string) bool {
			return o != t && strings.HasPrefix(o, t)
		})
		if !implied {
			plan = append(plan, tokens[i])
		}
	}
	// Stable, so that equally long tokens keep the order typed and the plan is deterministic.
	slices.SortStableFunc(plan, func(a, b string) int { return cmp.Compare(len(b), len(a)) })
	return Query{Tokens: tokens, plan: plan}
}

// Empty reports whether the query has no tokens, i.e. the search is by location only.
func (q Query) Empty() bool {
	return len(q.Tokens) == 0
}
