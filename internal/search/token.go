package search

import (
	"slices"
	"strings"
	"unicode"
)

// MaxQueryLen is the longest q the search endpoint accepts, in characters (runes, as counted by
// utf8.RuneCountInString), before folding; longer queries are a 400.
const MaxQueryLen = 200

// Tokens returns the folded query tokens of q, each once, in the order they first appear. A query with no
// letters or digits has no tokens, which the endpoint treats as no query at all.
//
// Nothing in q is syntax: `"pizza" AND -(vegan*)` gives ["pizza", "and", "vegan"], and "and" must then
// prefix-match a word like any other token. Duplicates are dropped because a token that must match twice is
// no stronger than one that must match once; order is kept so that callers can report tokens as typed.
func Tokens(q string) []string {
	var tokens []string
	for _, f := range fields(q) {
		if !slices.Contains(tokens, f) {
			tokens = append(tokens, f)
		}
	}
	return tokens
}

// Words returns the folded words of all texts, each once, sorted byte-wise: the form HasPrefixWord searches
// and the order SQLite's BINARY collation stores them in.
func Words(texts ...string) []string {
	var words []string
	for _, t := range texts {
		words = append(words, fields(t)...)
	}
	slices.Sort(words)
	return slices.Compact(words)
}

// fields folds s and splits it on every rune that is not a letter or digit. Folding comes first: NFKD turns é
// into e and U+0301, and splitting before the mark was dropped would cut words at every accent.
func fields(s string) []string {
	return strings.FieldsFunc(Fold(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}
