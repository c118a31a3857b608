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
