package hooks

import (
	"errors"
	"testing"
)

var sentenceScenarios = []struct {
	name, in, want string
}{
	{"package prefix dropped", "hours: unknown time zone \"Mars\"", "Unknown time zone \"Mars\"."},
	{"identifier kept lower-case", "hours: mon[0]: \"25:00\" is not a valid HH:MM time", "mon[0]: \"25:00\" is not a valid HH:MM time."},
	{"quoted start kept", "menu: \"Size\" has no option \"xl\"", "\"Size\" has no option \"xl\"."},
	{"full stop not doubled", "promo: This code expired.", "This code expired."},
	{"no prefix", "something broke", "Something broke."},
	{"prefix with spaces is not a package", "group \"size\": min (2) is greater than max (1)", "Group \"size\": min (2) is greater than max (1)."},
	{"empty after prefix", "hours: ", "Invalid value."},
}

func TestSentence(t *testing.T) {
	for _, s := range sentenceScenarios {
		t.Run(s.name, func(t *testing.T) {
			if got := sentence(errors.New(s.in)); got != s.want {
				t.Errorf("sentence(%q) = %q; want %q", s.in, got, s.want)
			}
		})
	}
}
