package search

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

var prefixRangeScenarios = []struct {
	name   string
	token  string
	wantHi string
}{
	{name: "word", token: "pizza", wantHi: "pizzb"},
	{name: "one letter", token: "a", wantHi: "b"},
	{name: "last letter z", token: "piz", wantHi: "pi{"},
	{name: "digit", token: "7", wantHi: "8"},
	{name: "two-byte rune", token: "é", wantHi: "\xc3\xaa"},
	{name: "last byte of a rune carries no further", token: "ж", wantHi: "\xd0\xb7"},
	{name: "four-byte rune", token: "\U0001E950", wantHi: "\xf0\x9e\xa5\x91"},
	{name: "replacement character is not trimmed", token: "a\ufffd", wantHi: "a\xef\xbf\xbe"},
	{name: "byte 0x7f", token: "ab\x7f", wantHi: "ab\x80"},
	{name: "trailing 0xff carries", token: "a\xff", wantHi: "b"},
	{name: "several trailing 0xff carry", token: "ab\xff\xff", wantHi: "ac"},
	{name: "only 0xff has no upper bound", token: "\xff\xff", wantHi: ""},
	{name: "empty token has no upper bound", token: "", wantHi: ""},
}

func TestPrefixRange(t *testing.T) {
	for _, s := range prefixRangeScenarios {
		t.Run(s.name, func(t *testing.T) {
			lo, hi := PrefixRange(s.token)
			if lo != s.token || hi != s.wantHi {
				t.Errorf("PrefixRange(%q): got (%q, %q); want (%q, %q)", s.token, lo, hi, s.token, s.wantHi)
			}
		})
	}
}

// TestPrefixRangeOracle compares the range with strings.HasPrefix for a grid of tokens and candidate words.
func TestPrefixRangeOracle(t *testing.T) {
	alphabet := []string{"", "a", "b", "z", "é", "\x7f", "\x80", "\xfe", "\xff"}
	var strs []string
	for _, x := range alphabet {
		for _, y := range alphabet {
			for _, z := range alphabet {
				strs = append(strs, x+y+z)
			}
		}
	}
	for _, token := range strs {
		lo, hi := PrefixRange(token)
		for _, word := range strs {
			inRange := word >= lo && (hi == "" || word < hi)
			if want := strings.HasPrefix(word, token); inRange != want {
				t.Errorf("PrefixRange(%q) = [%q, %q) holds %q: got %t; want %t", token, lo, hi, word, inRange, want)
			}
		}
	}
}

// restaurantWords are the words of a restaurant's own text, as Words builds them.
var restaurantWords = Words("Pizzeria Napoli", "pizza, italian", "Margherita & Pizza bianca aus dem Steinofen")

var hasPrefixWordScenarios = []struct {
	name  string
	words []string
	token string
	want  bool
}{
	{name: "prefix of a word", words: restaurantWords, token: "pizz", want: true},
	{name: "whole word", words: restaurantWords, token: "pizzeria", want: true},
	{name: "longer than every word", words: restaurantWords, token: "pizzerias", want: false},
	{name: "prefix of the first word", words: restaurantWords, token: "au", want: true},
	{name: "prefix of the last word", words: restaurantWords, token: "stein", want: true},
	{name: "infix is no match", words: restaurantWords, token: "zz", want: false},
	{name: "suffix is no match", words: restaurantWords, token: "ofen", want: false},
	{name: "before every word", words: restaurantWords, token: "a", want: true},
	{name: "sorts before every word, no match", words: restaurantWords, token: "0", want: false},
	{name: "after every word", words: restaurantWords, token: "zzz", want: false},
	{name: "between words", words: restaurantWords, token: "n", want: true},
	{name: "between words, no match", words: restaurantWords, token: "o", want: false},
	{name: "empty token matches any word", words: restaurantWords, token: "", want: true},
	{name: "no words", words: nil, token: "pizza", want: false},
	{name: "no words, empty token", words: nil, token: "", want: false},
}

func TestHasPrefixWord(t *testing.T) {
	for _, s := range hasPrefixWordScenarios {
		t.Run(s.name, func(t *testing.T) {
			if got := HasPrefixWord(s.words, s.token); got != s.want {
				t.Errorf("HasPrefixWord(%q, %q): got %t; want %t", s.words, s.token, got, s.want)
			}
		})
	}
}

// TestHasPrefixWordOracle compares the binary search with a linear scan, for every prefix of every word and
// for every one- and two-letter token.
func TestHasPrefixWordOracle(t *testing.T) {
	tokens := []string{""}
	for _, w := range restaurantWords {
		for i := range w {
			tokens = append(tokens, w[:i+1])
		}
	}
	for a := 'a'; a <= 'z'; a++ {
		for b := 'a'; b <= 'z'; b++ {
			tokens = append(tokens, string(a), string(a)+string(b))
		}
	}
	for _, token := range tokens {
		want := false
		for _, w := range restaurantWords {
			want = want || strings.HasPrefix(w, token)
		}
		if got := HasPrefixWord(restaurantWords, token); got != want {
			t.Errorf("HasPrefixWord(%q): got %t; want %t", token, got, want)
		}
	}
}

// FuzzTokens checks the properties the index and the query rely on, for any input: folding is idempotent;
// every token is non-empty, folded, made only of letters and digits, and unique; Words holds exactly the
// tokens, sorted; each token prefix-matches the words and lies in its own PrefixRange, as do its extensions.
// The seed corpus is every scenario input, so plain `go test` runs it.
func FuzzTokens(f *testing.F) {
	for _, s := range foldScenarios {
		f.Add(s.in)
	}
	for _, s := range tokensScenarios {
		f.Add(s.in)
	}
	f.Add(menuDescription)
	f.Fuzz(func(t *testing.T, s string) {
		folded := Fold(s)
		if again := Fold(folded); again != folded {
			t.Fatalf("Fold(Fold(%q)): got %q; want %q", s, again, folded)
		}

		tokens := Tokens(s)
		seen := map[string]bool{}
		for _, tok := range tokens {
			if tok == "" || seen[tok] {
				t.Fatalf("Tokens(%q): got %q; want unique non-empty tokens", s, tokens)
			}
			seen[tok] = true
			if Fold(tok) != tok {
				t.Fatalf("Tokens(%q): got token %q that folds to %q; want it folded", s, tok, Fold(tok))
			}
			if !utf8.ValidString(tok) || strings.IndexFunc(tok, func(r rune) bool {
				return !unicode.IsLetter(r) && !unicode.IsDigit(r)
			}) >= 0 {
				t.Fatalf("Tokens(%q): got token %q; want only letters and digits", s, tok)
			}
			lo, hi := PrefixRange(tok)
			if lo != tok || hi == "" || !(lo <= tok && tok < hi && tok+"\xff\xff" < hi) {
				t.Fatalf("PrefixRange(%q): got [%q, %q); want it to hold the token and its extensions", tok, lo, hi)
			}
		}
		if again := Tokens(folded); !slices.Equal(again, tokens) {
			t.Fatalf("Tokens(Fold(%q)): got %q; want %q", s, again, tokens)
		}

		words := Words(s)
		if len(words) != len(tokens) {
			t.Fatalf("Words(%q): got %q; want the %d tokens %q sorted", s, words, len(tokens), tokens)
		}
		for i, w := range words {
			if !seen[w] || i > 0 && words[i-1] >= w {
				t.Fatalf("Words(%q): got %q; want the tokens %q sorted", s, words, tokens)
			}
		}
		for _, tok := range tokens {
			if !HasPrefixWord(words, tok) {
				t.Fatalf("HasPrefixWord(%q, %q): got false; want true", words, tok)
			}
		}
	})
}
