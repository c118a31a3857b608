// Package slug makes URL names ("Café Crème" → "cafe-creme").
package slug

import (
	"strconv"
	"strings"

	"github.com/dishpatch/dishpatch/internal/search"
)

// maxLen keeps slugs well inside the restaurants.slug field (140).
const maxLen = 120

// Make folds s like the search does (no case, no diacritics, ß → ss),
// spells Cyrillic and Greek letters in Latin ones ("Пицца" → "pitstsa",
// "Σουβλάκι" → "souvlaki"), and joins the words with hyphens, so that a
// slug only ever has a-z, 0-9 and single hyphens (the field's pattern).
// Letters of other scripts have no spelling here and separate words
// ("寿司 Bar" → "bar"). A name with nothing left gives "restaurant".
func Make(s string) string {
	var words []string
	for _, token := range search.Tokens(s) {
		words = append(words, latin(token)...)
	}
	out := strings.Join(words, "-")
	if len(out) > maxLen {
		out = strings.TrimRight(out[:maxLen], "-")
	}
	if out == "" {
		return "restaurant"
	}
	return out
}

// latin spells a folded token in a-z and 0-9, as one or more words.
func latin(token string) []string {
	var words []string
	var b strings.Builder
	end := func() {
		if b.Len() > 0 {
			words = append(words, b.String())
			b.Reset()
		}
	}
	runes := []rune(token)
	for i := 0; i < len(runes); i++ {
		r := runes[i]
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == 'ο' && i+1 < len(runes) && runes[i+1] == 'υ': // Greek "ου" is "ou"
			b.WriteString("ou")
			i++
		default:
			if t, ok := spelling[r]; ok {
				b.WriteString(t)
			} else {
				end()
			}
		}
	}
	end()
	return words
}

// spelling is the Latin spelling of the folded (lower-case, no diacritics)
// Cyrillic and Greek letters, after common romanisations (BGN/PCGN for
// Russian, Ukrainian and Serbian Cyrillic, ELOT 743 for Greek). Hard and
// soft signs have none.
var spelling = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ж': "zh", 'з': "z", 'и': "i", 'к': "k",
	'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f",
	'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu",
	'я': "ya", 'ё': "e", 'й': "y", 'і': "i", 'ї': "yi", 'є': "ye", 'ґ': "g", 'ў': "u", 'ђ': "dj", 'ј': "j",
	'љ': "lj", 'њ': "nj", 'ћ': "c", 'џ': "dz", 'ѓ': "gj", 'ќ': "kj", 'ѕ': "dz",
	'α': "a", 'β': "v", 'γ': "g", 'δ': "d", 'ε': "e", 'ζ': "z", 'η': "i", 'θ': "th", 'ι': "i", 'κ': "k",
	'λ': "l", 'μ': "m", 'ν': "n", 'ξ': "x", 'ο': "o", 'π': "p", 'ρ': "r", 'σ': "s", 'ς': "s", 'τ': "t",
	'υ': "y", 'φ': "f", 'χ': "ch", 'ψ': "ps", 'ω': "o",
}

// WithSuffix returns base for n ≤ 1 and base-n otherwise, so that callers
// can probe pizza, pizza-2, pizza-3, … for a free slug.
func WithSuffix(base string, n int) string {
	if n <= 1 {
		return base
	}
	return base + "-" + strconv.Itoa(n)
}
