package search

import (
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/runenames"
)

var foldScenarios = []struct {
	name string
	in   string
	want string
}{
	// The contract's examples.
	{name: "crème brûlée", in: "Crème Brûlée", want: "creme brulee"},
	{name: "straße", in: "Straße", want: "strasse"},
	{name: "capital sharp s", in: "STRAẞE", want: "strasse"},

	// ASCII: only case changes, punctuation stays for Tokens to split on.
	{name: "empty", in: "", want: ""},
	{name: "ascii lower", in: "pizza", want: "pizza"},
	{name: "ascii mixed case and punctuation", in: `Pizza NEAR/3 "Pasta" AND (x*)`, want: `pizza near/3 "pasta" and (x*)`},

	// Latin diacritics, which decompose.
	{name: "french e", in: "é è ê ë É È Ê Ë", want: "e e e e e e e e"},
	{name: "french a and c", in: "à â ç À Â Ç", want: "a a c a a c"},
	{name: "german umlauts", in: "ä ö ü Ä Ö Ü", want: "a o u a o u"},
	{name: "spanish", in: "Ñoño jalapeño", want: "nono jalapeno"},
	{name: "scandinavian ring", in: "Å å smørrebrød", want: "a a smorrebrod"},
	{name: "polish", in: "Łódź Żurek ŁÓDŹ", want: "lodz zurek lodz"},
	{name: "czech", in: "Řízek Škoda", want: "rizek skoda"},
	{name: "vietnamese", in: "Phở Bánh mì Đà Nẵng", want: "pho banh mi da nang"},
	{name: "turkish dotted capital I", in: "İSTANBUL İskender", want: "istanbul iskender"},
	{name: "turkish dotless i", in: "Kırmızı ı", want: "kirmizi i"},
	{name: "hungarian double acute", in: "Gőzös Ű", want: "gozos u"},
	{name: "romanian comma below", in: "Mămăligă cu brânză și ţuică", want: "mamaliga cu branza si tuica"},

	// Latin letters with no decomposition, spelled out.
	{name: "ae and oe ligature letters", in: "Æble æ Œuf œ", want: "aeble ae oeuf oe"},
	{name: "o with stroke", in: "Ø ø", want: "o o"},
	{name: "l with stroke", in: "Ł ł", want: "l l"},
	{name: "d with stroke and eth", in: "Đ đ Ð ð", want: "d d d d"},
	{name: "thorn", in: "Þorramatur þ", want: "thorramatur th"},
	{name: "maltese h with stroke", in: "Ħobż ħ", want: "hobz h"},
	{name: "sami t with stroke", in: "Ŧ ŧ", want: "t t"},
	{name: "kra", in: "ĸ", want: "k"},
	{name: "catalan l with middle dot decomposes to l and a dot", in: "Ŀ ŀ", want: "l· l·"},

	// Compatibility forms, folded by NFKD.
	{name: "fi ligature", in: "ﬁsh ﬂan", want: "fish flan"},
	{name: "dutch ij", in: "Ĳs ĳs", want: "ijs ijs"},
	{name: "fullwidth", in: "ＰＩＺＺＡ ｐｉｚｚａ １２", want: "pizza pizza 12"},
	{name: "halfwidth katakana", in: "ｽｼ", want: "スシ"},
	{name: "superscript", in: "m² H₂O", want: "m2 h2o"},
	{name: "circled digit", in: "①", want: "1"},
	{name: "vulgar fraction", in: "½", want: "1⁄2"},
	{name: "roman numeral", in: "Ⅻ", want: "xii"},
	{name: "mathematical bold", in: "𝐏𝐢𝐳𝐳𝐚 𝟕", want: "pizza 7"},
	{name: "kelvin sign and long s", in: "K ſ", want: "k s"},
	{name: "titlecase digraph", in: "ǅ", want: "dz"},

	// Other scripts.
	{name: "greek capitals with tonos", in: "ΚΑΦΈΣ", want: "καφεσ"},
	{name: "greek final sigma", in: "καφές", want: "καφεσ"},
	{name: "greek lower", in: "ελληνικά σουβλάκι", want: "ελληνικα σουβλακι"},
	{name: "cyrillic capitals", in: "БОРЩ", want: "борщ"},
	{name: "cyrillic yo and short i lose their marks", in: "Ёлка чай", want: "елка чаи"},
	{name: "cyrillic lower", in: "пельмени", want: "пельмени"},
	{name: "arabic harakat", in: "كَبَاب", want: "كباب"},
	{name: "hebrew niqqud", in: "שָׁלוֹם", want: "שלום"},
	{name: "devanagari vowel signs", in: "हिंदी", want: "हद"},
	{name: "chinese", in: "寿司 拉面", want: "寿司 拉面"},
	{name: "japanese voicing marks", in: "がっこう ぷ", want: "かっこう ふ"},
	{name: "hangul splits into jamo", in: "김치", want: "\u1100\u1175\u11b7\u110e\u1175"},

	// Digits of other scripts.
	{name: "arabic-indic digits", in: "٣٤", want: "34"},
	{name: "devanagari digits", in: "१२", want: "12"},
	{name: "thai digits", in: "๙", want: "9"},
	{name: "adlam digits, outside the BMP", in: "\U0001E950\U0001E959", want: "09"},

	// Invisible characters.
	{name: "soft hyphen is dropped", in: "Piz\u00adza", want: "pizza"},
	{name: "zero width joiner and non-joiner are dropped", in: "a\u200db\u200cc", want: "abc"},
	{name: "direction marks are dropped", in: "\u200fpizza\u200e", want: "pizza"},
	{name: "zero width space is kept as a separator", in: "a\u200bb", want: "a\u200bb"},
	{name: "no-break space becomes a space", in: "crème\u00a0brûlée", want: "creme brulee"},

	// Invalid UTF-8 becomes U+FFFD, without keeping the next rune from folding.
	{name: "invalid byte before a decomposable letter", in: "\xf1ǹ", want: "\ufffdn"},
	{name: "stray continuation byte", in: "caf\x80é", want: "caf\ufffde"},

	// Symbols stay for Tokens to drop.
	{name: "emoji", in: "🍕 Pizza", want: "🍕 pizza"},
	{name: "emoji variation selector is a mark", in: "☕\ufe0f", want: "☕"},
	{name: "typographic quotes", in: "“Pizza” ‘x’ «Crème» „Döner“", want: "“pizza” ‘x’ «creme» „doner“"},
}

func TestFold(t *testing.T) {
	for _, s := range foldScenarios {
		t.Run(s.name, func(t *testing.T) {
			if got := Fold(s.in); got != s.want {
				t.Errorf("Fold(%q): got %q; want %q", s.in, got, s.want)
			}
		})
	}
}

// TestFoldEveryRune checks each code point alone and before a letter: folding twice changes nothing, and every
// case variant of a letter folds like the letter.
func TestFoldEveryRune(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if 0xd800 <= r && r <= 0xdfff {
			continue // surrogates are not runes of valid UTF-8
		}
		s := string(r)
		f := Fold(s)
		if g := Fold(f); g != f {
			t.Errorf("Fold(Fold(%U)): got %q; want %q", r, g, f)
		}
		if g, want := Fold(s+"x"), f+"x"; g != want {
			t.Errorf("Fold(%U + x): got %q; want %q", r, g, want)
		}
		if unicode.Is(unicode.M, r) {
			continue // U+0345 YPOGEGRAMMENI is a case variant of ι, but as a mark it is dropped
		}
		for o := unicode.SimpleFold(r); o != r; o = unicode.SimpleFold(o) {
			if g := Fold(string(o)); g != f && !unicode.Is(unicode.M, o) {
				t.Errorf("Fold(%U): got %q; want %q like its case variant %U", o, g, f, r)
			}
		}
	}
}

// TestFoldDigits checks the digit arithmetic against the character names: every decimal digit of every script
// is named "… DIGIT ZERO" to "… DIGIT NINE" and must fold to that ASCII digit.
func TestFoldDigits(t *testing.T) {
	names := []string{"ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE"}
	count := 0
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !unicode.IsDigit(r) {
			continue
		}
		count++
		got := Fold(string(r))
		if len(got) != 1 || got[0] < '0' || got[0] > '9' {
			t.Errorf("Fold(%U): got %q; want one ASCII digit", r, got)
			continue
		}
		name := runenames.Name(r)
		if want := "DIGIT " + names[got[0]-'0']; !strings.HasSuffix(name, want) {
			t.Errorf("Fold(%U %s): got %q; want the digit its name ends with", r, name, got)
		}
	}
	if count < 600 {
		t.Errorf("got %d decimal digits; want the 600-odd of Unicode 15", count)
	}
}

// TestAsciiDigitNotADigit covers asciiDigit's fallback, which Fold never reaches since it only passes digits.
func TestAsciiDigitNotADigit(t *testing.T) {
	for _, r := range []rune{'x', 'é', 0x1f355} {
		if got := asciiDigit(r); got != r {
			t.Errorf("asciiDigit(%U): got %U; want it unchanged", r, got)
		}
	}
}
