package delivery

import (
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/dishpatch/dishpatch/internal/search"
)

// queryScenarios are the query builder's table: whatever q holds, the search looks for folded words and
// nothing else. Every FTS5 and SQL special character, operator word and column filter must come out as
// a plain token or a separator.
var queryScenarios = []struct {
	name       string
	q          string
	wantTokens []string
	wantPlan   []string
}{
	{name: "empty", q: "", wantTokens: nil, wantPlan: nil},
	{name: "only punctuation is no query", q: `"" -- () * ^ : , ; . ! ? ' \ / % _ + = < > | & ~ @ # $ { } [ ]`, wantTokens: nil},
	{name: "one word", q: "Pizza", wantTokens: []string{"pizza"}, wantPlan: []string{"pizza"}},
	{name: "folding", q: "Crème BRÛLÉE Straße", wantTokens: []string{"creme", "brulee", "strasse"}, wantPlan: []string{"strasse", "brulee", "creme"}},
	{name: "double quotes", q: `"pizza roma"`, wantTokens: []string{"pizza", "roma"}, wantPlan: []string{"pizza", "roma"}},
	{name: "single quote", q: `l'osteria`, wantTokens: []string{"l", "osteria"}, wantPlan: []string{"osteria", "l"}},
	{name: "star", q: "piz*", wantTokens: []string{"piz"}, wantPlan: []string{"piz"}},
	{name: "lone star", q: "*", wantTokens: nil},
	{name: "minus", q: "-vegan pizza", wantTokens: []string{"vegan", "pizza"}, wantPlan: []string{"vegan", "pizza"}},
	{name: "hyphenated word splits", q: "chili-con-carne", wantTokens: []string{"chili", "con", "carne"}, wantPlan: []string{"chili", "carne", "con"}},
	{name: "parentheses", q: "(sushi OR ramen)", wantTokens: []string{"sushi", "or", "ramen"}, wantPlan: []string{"sushi", "ramen", "or"}},
	{name: "AND is a word", q: "pizza AND pasta", wantTokens: []string{"pizza", "and", "pasta"}, wantPlan: []string{"pizza", "pasta", "and"}},
	{name: "OR is a word", q: "OR", wantTokens: []string{"or"}, wantPlan: []string{"or"}},
	{name: "NOT is a word", q: "NOT vegan", wantTokens: []string{"not", "vegan"}, wantPlan: []string{"vegan", "not"}},
	{name: "NEAR with distance", q: "NEAR(pizza pasta, 3)", wantTokens: []string{"near", "pizza", "pasta", "3"}, wantPlan: []string{"pizza", "pasta", "near", "3"}},
	{name: "NEAR slash", q: "pizza NEAR/2 roma", wantTokens: []string{"pizza", "near", "2", "roma"}, wantPlan: []string{"pizza", "near", "roma", "2"}},
	{name: "caret initial token", q: "^pizza", wantTokens: []string{"pizza"}, wantPlan: []string{"pizza"}},
	{name: "column filter", q: "name:pizza", wantTokens: []string{"name", "pizza"}, wantPlan: []string{"pizza", "name"}},
	{name: "column set filter", q: "{name description}:pizza", wantTokens: []string{"name", "description", "pizza"}, wantPlan: []string{"description", "pizza", "name"}},
	{name: "minus column filter", q: "-name:pizza", wantTokens: []string{"name", "pizza"}, wantPlan: []string{"pizza", "name"}},
	{name: "plus concatenation", q: "pizza+roma", wantTokens: []string{"pizza", "roma"}, wantPlan: []string{"pizza", "roma"}},
	{name: "SQL comment and quote", q: "pizza'; DROP TABLE restaurants; --", wantTokens: []string{"pizza", "drop", "table", "restaurants"}, wantPlan: []string{"restaurants", "pizza", "table", "drop"}},
	{name: "LIKE wildcards", q: "50% off_menu", wantTokens: []string{"50", "off", "menu"}, wantPlan: []string{"menu", "off", "50"}},
	{name: "NUL and control bytes", q: "pizza\x00roma\tpasta\n", wantTokens: []string{"pizza", "roma", "pasta"}, wantPlan: []string{"pizza", "pasta", "roma"}},
	{name: "invalid UTF-8 separates", q: "piz\xffza", wantTokens: []string{"piz", "za"}, wantPlan: []string{"piz", "za"}},
	{name: "duplicates once", q: "pizza Pizza PIZZA", wantTokens: []string{"pizza"}, wantPlan: []string{"pizza"}},
	{name: "a prefix of another token is implied", q: "pi pizza p", wantTokens: []string{"pi", "pizza", "p"}, wantPlan: []string{"pizza"}},
	{name: "implied regardless of order", q: "margherita marg", wantTokens: []string{"margherita", "marg"}, wantPlan: []string{"margherita"}},
	{name: "equal lengths keep typed order", q: "roma pizza", wantTokens: []string{"roma", "pizza"}, wantPlan: []string{"pizza", "roma"}},
	{name: "digits", q: "7up 2", wantTokens: []string{"7up", "2"}, wantPlan: []string{"7up", "2"}},
	{name: "fullwidth and ligatures", q: "ＰＩＺＺＡ ﬁsh", wantTokens: []string{"pizza", "fish"}, wantPlan: []string{"pizza", "fish"}},
	{name: "emoji separates", q: "🍕pizza🍕", wantTokens: []string{"pizza"}, wantPlan: []string{"pizza"}},
}

func TestNewQuery(t *testing.T) {
	for _, s := range queryScenarios {
		t.Run(s.name, func(t *testing.T) {
			q := NewQuery(s.q)
			if !slices.Equal(q.Tokens, s.wantTokens) {
				t.Errorf("NewQuery(%q).Tokens: got %q; want %q", s.q, q.Tokens, s.wantTokens)
			}
			if !slices.Equal(q.plan, s.wantPlan) {
				t.Errorf("NewQuery(%q).plan: got %q; want %q", s.q, q.plan, s.wantPlan)
			}
			if q.Empty() != (len(s.wantTokens) == 0) {
				t.Errorf("NewQuery(%q).Empty(): got %v; want %v", s.q, q.Empty(), len(s.wantTokens) == 0)
			}
		})
	}
}

// checkQuery asserts what every Query must satisfy, whatever q was.
func checkQuery(t *testing.T, q string, got Query) {
	t.Helper()
	if !slices.Equal(got.Tokens, search.Tokens(q)) {
		t.Fatalf("NewQuery(%q).Tokens: got %q; want search.Tokens' %q", q, got.Tokens, search.Tokens(q))
	}
	for _, tok := range got.Tokens {
		if tok == "" || strings.IndexFunc(tok, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) >= 0 {
			t.Fatalf("NewQuery(%q): token %q; want only letters and digits", q, tok)
		}
	}
	for i, p := range got.plan {
		if !slices.Contains(got.Tokens, p) {
			t.Fatalf("NewQuery(%q): plan token %q is not a token", q, p)
		}
		if i > 0 && len(p) > len(got.plan[i-1]) {
			t.Fatalf("NewQuery(%q): plan %q; want longest first", q, got.plan)
		}
	}
	// Every token is in the plan or a prefix of a plan token, so testing the plan tests every token.
	for _, tok := range got.Tokens {
		if !slices.ContainsFunc(got.plan, func(p string) bool { return strings.HasPrefix(p, tok) }) {
			t.Fatalf("NewQuery(%q): token %q is neither planned nor implied by %q", q, tok, got.plan)
		}
	}
}

func FuzzNewQuery(f *testing.F) {
	for _, s := range queryScenarios {
		f.Add(s.q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		checkQuery(t, q, NewQuery(q))
	})
}
