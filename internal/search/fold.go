// Package search turns text into the folded words that the delivery search indexes and the tokens it looks
// up, so that the index and the query agree on what a word is.
//
// The contract: folding removes case and diacritics ("Crème Brûlée" ≡ "creme brulee", "Straße" ≡ "strasse"),
// text is split on every character that is not a letter or digit, and every query token must prefix-match a
// word. The query is plain text: quotes, "*", "-", parentheses and AND/OR/NOT/NEAR are never syntax, only
// characters that split or ordinary words.
package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// letters maps letters that have no Unicode decomposition to the Latin letters people type for them, so that
// they fold like accented letters do. Keys are lower case because Fold lowers first. Dotless ı and final ς
// need no entry: they upper-case to I and Σ, which lower-case to i and σ.
var letters = map[rune]string{
	'ß': "ss", // also ẞ, which lowers to ß
	'æ': "ae",
	'œ': "oe",
	'ø': "o",
	'ł': "l",
	'đ': "d",
	'ð': "d",
	'þ': "th",
	'ħ': "h",
	'ŧ': "t",
	'ĸ': "k",
}

// Fold returns s without case and diacritics, for comparing words.
//
// It decomposes s with NFKD rather than NFD, because compatibility decomposition also folds what people do not
// type in a search box: ligatures (ﬁ → fi), fullwidth forms (Ｐｉｚｚａ → pizza), superscripts (m² → m2),
// circled and styled letters. It then drops every combining mark (Unicode category M, not only Mn: a spacing
// vowel sign of an Indic script must not split its word in two) and every invisible format character (Cf:
// soft hyphens, joiners, direction marks, which would otherwise split a word the reader sees as one; U+200B
// ZERO WIDTH SPACE is kept, as it separates words). Each remaining letter is lower-cased as
// ToLower(ToUpper(r)), so that all case variants of a letter meet in one form (final ς and σ, dotless ı and i,
// long ſ and s); letters without a decomposition are then spelled out by the letters table (ß → ss, ø → o,
// ł → l, …), and decimal digits of every script become ASCII digits (٣ → 3).
//
// Consequences worth knowing: marks are dropped in every script, so Japanese が folds to か and Devanagari
// vowel signs disappear, trading precision for recall exactly as accents do in Latin; ä folds to a, not ae;
// locale rules such as Turkish I/ı are not applied. Fold is idempotent: Fold(Fold(s)) == Fold(s).
func Fold(s string) string {
	if isASCII(s) {
		return strings.ToLower(s) // ASCII is its own NFKD and has no marks or Cf: skip the tables entirely
	}
	if !utf8.ValidString(s) {
		// norm passes invalid bytes through and may leave the rune after them undecomposed, which a second
		// Fold, seeing U+FFFD instead, would decompose: replace them first to keep Fold idempotent.
		s = strings.ToValidUTF8(s, "\ufffd")
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFKD.String(s) {
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r)) // most of a European text is ASCII even after decomposition
			continue
		}
		if unicode.Is(unicode.M, r) || unicode.Is(unicode.Cf, r) && r != '\u200b' {
			continue
		}
		r = unicode.ToLower(unicode.ToUpper(r))
		if rep, ok := letters[r]; ok {
			b.WriteString(rep)
			continue
		}
		if unicode.IsDigit(r) {
			r = asciiDigit(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// asciiDigit returns the ASCII digit with the value of the decimal digit r. Unicode assigns decimal digits
// only in runs of ten from zero to nine, and unicode.Nd's ranges each start at such a zero (a range may hold
// several adjacent runs), so the value is the distance from the range's start modulo ten.
func asciiDigit(r rune) rune {
	for _, rg := range unicode.Nd.R16 {
		if rune(rg.Lo) <= r && r <= rune(rg.Hi) {
			return '0' + (r-rune(rg.Lo))%10
		}
	}
	for _, rg := range unicode.Nd.R32 {
		if rune(rg.Lo) <= r && r <= rune(rg.Hi) {
			return '0' + (r-rune(rg.Lo))%10
		}
	}
	return r
}
