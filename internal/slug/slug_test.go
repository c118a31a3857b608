package slug

import "testing"

var makeScenarios = []struct {
	name, in, want string
}{
	{"plain", "Pizza Roma", "pizza-roma"},
	{"accents", "Café Crème", "cafe-creme"},
	{"sharp s", "Straßen Döner", "strassen-doner"},
	{"punctuation runs", "  Mama's -- Kitchen!! ", "mama-s-kitchen"},
	{"digits", "7 Seas Sushi", "7-seas-sushi"},
	{"nothing usable", "¡¿!?", "restaurant"},
	{"cyrillic", "Пицца Ёлка", "pitstsa-elka"},
	{"cyrillic signs and digraphs", "Щи, Борщ & Пельмени", "shchi-borshch-pelmeni"},
	{"ukrainian (folded: ї is і)", "Їжа у Ґанку", "izha-u-ganku"},
	{"serbian", "Ћевапи Љубав", "cevapi-ljubav"},
	{"greek", "Σουβλάκι Ελλάς", "souvlaki-ellas"},
	{"greek letters", "Γύρος & Ψωμί", "gyros-psomi"},
	{"other scripts separate words", "寿司 Bar", "bar"},
	{"other scripts inside a word", "Sushi寿司Bar", "sushi-bar"},
	{"other scripts only", "寿司", "restaurant"},
	{"mixed scripts", "Café Пицца 7", "cafe-pitstsa-7"},
}

func TestMake(t *testing.T) {
	for _, s := range makeScenarios {
		t.Run(s.name, func(t *testing.T) {
			if got := Make(s.in); got != s.want {
				t.Errorf("Make(%q) = %q; want %q", s.in, got, s.want)
			}
		})
	}
}

func TestMakeLength(t *testing.T) {
	long := ""
	for i := 0; i < 60; i++ {
		long += "ab "
	}
	got := Make(long)
	if len(got) > maxLen || got[len(got)-1] == '-' {
		t.Errorf("Make(long) = %q (%d bytes); want at most %d bytes, no trailing hyphen", got, len(got), maxLen)
	}
}

func TestWithSuffix(t *testing.T) {
	for _, s := range []struct {
		n    int
		want string
	}{{0, "pizza"}, {1, "pizza"}, {2, "pizza-2"}, {10, "pizza-10"}} {
		if got := WithSuffix("pizza", s.n); got != s.want {
			t.Errorf("WithSuffix(pizza, %d) = %q; want %q", s.n, got, s.want)
		}
	}
}
