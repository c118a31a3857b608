package search

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

var tokensScenarios = []struct {
	name string
	in   string
	want []string
}{
	// Nothing to search for: the endpoint treats these as no q.
	{name: "empty", in: "", want: nil},
	{name: "whitespace only", in: " \t\n\r\u00a0\u3000", want: nil},
	{name: "punctuation only", in: `!!! ??? --- "" () **`, want: nil},
	{name: "emoji only", in: "🍕🍔 🌮", want: nil},

	// The contract's examples.
	{name: "crème brûlée", in: "Crème Brûlée", want: []string{"creme", "brulee"}},
	{name: "straße", in: "Straße", want: []string{"strasse"}},

	// Query syntax of FTS engines is plain text here.
	{name: "double quotes", in: `"pizza margherita"`, want: []string{"pizza", "margherita"}},
	{name: "unbalanced quote", in: `pizza"`, want: []string{"pizza"}},
	{name: "star", in: "pizz*", want: []string{"pizz"}},
	{name: "minus", in: "-vegan pizza", want: []string{"vegan", "pizza"}},
	{name: "parentheses", in: "(pizza OR pasta)", want: []string{"pizza", "or", "pasta"}},
	{name: "column filter", in: "name:pizza", want: []string{"name", "pizza"}},
	{name: "caret", in: "^pizza", want: []string{"pizza"}},
	{name: "boost", in: "pizza^2", want: []string{"pizza", "2"}},
	{name: "plus", in: "+cheese +ham", want: []string{"cheese", "ham"}},
	{name: "NEAR", in: "pizza NEAR/3 pasta", want: []string{"pizza", "near", "3", "pasta"}},
	{name: "NEAR group", in: "NEAR(pizza pasta, 5)", want: []string{"near", "pizza", "pasta", "5"}},
	{name: "operators alone are words", in: "AND OR NOT", want: []string{"and", "or", "not"}},
	{name: "operator between words", in: "fish AND chips", want: []string{"fish", "and", "chips"}},
	{name: "sql injection", in: `pizza' OR 1=1; --`, want: []string{"pizza", "or", "1"}},
	{name: "braces and brackets", in: "{a}[b]<c>", want: []string{"a", "b", "c"}},
	{name: "underscore splits", in: "hot_dog", want: []string{"hot", "dog"}},
	{name: "apostrophe splits", in: "Domino's", want: []string{"domino", "s"}},
	{name: "address-like", in: "pizza@home.de", want: []string{"pizza", "home", "de"}},

	// Typographic quotes.
	{name: "english curly quotes", in: "“pizza” ‘pasta’", want: []string{"pizza", "pasta"}},
	{name: "guillemets", in: "«crème» ‹brûlée›", want: []string{"creme", "brulee"}},
	{name: "german quotes", in: "„Döner“ ‚Kebab‘", want: []string{"doner", "kebab"}},
	{name: "cjk brackets", in: "「ラーメン」『寿司』", want: []string{"ラーメン", "寿司"}},
	{name: "right single quote as apostrophe", in: "Domino’s", want: []string{"domino", "s"}},

	// Digits.
	{name: "digits stay in the word", in: "7up", want: []string{"7up"}},
	{name: "street number", in: "Straße 7", want: []string{"strasse", "7"}},
	{name: "decimal point splits", in: "3.5 l", want: []string{"3", "5", "l"}},
	{name: "arabic-indic digits", in: "٧up", want: []string{"7up"}},
	{name: "superscript", in: "m²", want: []string{"m2"}},
	{name: "fraction splits at the fraction slash", in: "½", want: []string{"1", "2"}},

	// Duplicates and order.
	{name: "duplicates fold together", in: "Pizza pizza PIZZA pízza", want: []string{"pizza"}},
	{name: "first-seen order", in: "b a b c a", want: []string{"b", "a", "c"}},

	// Accents from many languages.
	{name: "french", in: "Pâté à la française", want: []string{"pate", "a", "la", "francaise"}},
	{name: "german", in: "Käsespätzle Grüße", want: []string{"kasespatzle", "grusse"}},
	{name: "spanish", in: "Jalapeño piñata", want: []string{"jalapeno", "pinata"}},
	{name: "portuguese", in: "Pão de açúcar", want: []string{"pao", "de", "acucar"}},
	{name: "danish", in: "Smørrebrød på Ærø", want: []string{"smorrebrod", "pa", "aero"}},
	{name: "polish", in: "Pierogi z Łodzi", want: []string{"pierogi", "z", "lodzi"}},
	{name: "turkish", in: "İskender Kebabı", want: []string{"iskender", "kebabi"}},
	{name: "vietnamese", in: "Phở bò", want: []string{"pho", "bo"}},

	// Other scripts.
	{name: "greek", in: "Σουβλάκι ΚΑΦΈΣ", want: []string{"σουβλακι", "καφεσ"}},
	{name: "cyrillic", in: "Борщ и пельмени", want: []string{"борщ", "и", "пельмени"}},
	{name: "chinese has no spaces, so a run is one word", in: "寿司と天ぷら", want: []string{"寿司と天ふら"}},
	{name: "japanese long vowel mark is a letter", in: "ラーメン", want: []string{"ラーメン"}},
	{name: "hindi", in: "हिंदी खाना", want: []string{"हद", "खन"}},
	{name: "arabic", in: "كَبَاب، شاورما", want: []string{"كباب", "شاورما"}},

	// Separators that are not spaces, and invisible characters that are not separators.
	{name: "no-break space", in: "crème\u00a0brûlée", want: []string{"creme", "brulee"}},
	{name: "ideographic space", in: "寿司\u3000拉面", want: []string{"寿司", "拉面"}},
	{name: "zero width space", in: "pizza\u200bpasta", want: []string{"pizza", "pasta"}},
	{name: "soft hyphen", in: "Piz\u00adza", want: []string{"pizza"}},
	{name: "emoji between words", in: "pizza🍕pasta", want: []string{"pizza", "pasta"}},
	{name: "invalid UTF-8 splits", in: "pizza\xffpasta", want: []string{"pizza", "pasta"}},
}

func TestTokens(t *testing.T) {
	for _, s := range tokensScenarios {
		t.Run(s.name, func(t *testing.T) {
			if got := Tokens(s.in); !slices.Equal(got, s.want) {
				t.Errorf("Tokens(%q): got %q; want %q", s.in, got, s.want)
			}
		})
	}
}

// TestTokensASCII puts every ASCII character between two letters: the letters and digits join them into one
// token, everything else (punctuation, symbols, space, control characters) splits them.
func TestTokensASCII(t *testing.T) {
	for c := rune(0); c < utf8.RuneSelf; c++ {
		in := "x" + string(c) + "y"
		want := []string{"x", "y"}
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			want = []string{"x" + strings.ToLower(string(c)) + "y"}
		}
		if got := Tokens(in); !slices.Equal(got, want) {
			t.Errorf("Tokens(%q): got %q; want %q", in, got, want)
		}
	}
}

var wordsScenarios = []struct {
	name  string
	texts []string
	want  []string
}{
	{name: "no texts", texts: nil, want: nil},
	{name: "empty texts", texts: []string{"", " - "}, want: nil},
	{name: "sorted and unique across texts", texts: []string{"Crème Brûlée", "Dessert: crème, caramel"}, want: []string{"brulee", "caramel", "creme", "dessert"}},
	{name: "byte order puts digits before letters", texts: []string{"pizza 7up 10"}, want: []string{"10", "7up", "pizza"}},
	{name: "byte order puts non-ASCII after ASCII", texts: []string{"жар zebra Äpfel"}, want: []string{"apfel", "zebra", "жар"}},
	{name: "prefix sorts before its extensions", texts: []string{"pizzeria pizza pizz"}, want: []string{"pizz", "pizza", "pizzeria"}},
}

func TestWords(t *testing.T) {
	for _, s := range wordsScenarios {
		t.Run(s.name, func(t *testing.T) {
			if got := Words(s.texts...); !slices.Equal(got, s.want) {
				t.Errorf("Words(%q): got %q; want %q", s.texts, got, s.want)
			}
		})
	}
}

// menuDescription is a typical 200-character menu item description.
const menuDescription = "Hausgemachte Crème Brûlée mit Bourbon-Vanille, karamellisiertem Rohrzucker & frischen Beeren – " +
	"dazu eine Kugel Pistazieneis (enthält Nüsse, Milch, Eier). Perfekt für zwei! Tipp: mit Espresso bestellen"

func BenchmarkTokens(b *testing.B) {
	for _, q := range []string{"pizza margherita", "Crème Brûlée"} {
		b.Run(q, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Tokens(q)
			}
		})
	}
}

func BenchmarkWords(b *testing.B) {
	if n := utf8.RuneCountInString(menuDescription); n != 200 {
		b.Fatalf("got a %d-character description; want 200", n)
	}
	b.ReportAllocs()
	for b.Loop() {
		Words("Crème Brûlée", menuDescription)
	}
}
