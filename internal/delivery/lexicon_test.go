package delivery

import (
	"slices"
	"testing"
)

func testVocab(words map[string]uint8) *vocab {
	v := newVocab(words)
	return &v
}

func TestLexiconFill(t *testing.T) {
	var lx lexicon
	lx.add(0, testVocab(map[string]uint8{"pizza": fromName | fromOwn, "roma": fromName | fromOwn, "tiramisu": fromItem}))
	lx.add(1, testVocab(map[string]uint8{"pizzeria": fromOwn, "pasta": fromItem}))
	lx.add(2, testVocab(map[string]uint8{"pizza": fromItem, "sushi": fromName | fromOwn}))
	members := func(b bitset) []int32 {
		var out []int32
		for slot := int32(0); slot < 3; slot++ {
			if b.has(slot) {
				out = append(out, slot)
			}
		}
		return out
	}
	scenarios := []struct {
		token          string
		any, own, name []int32
	}{
		{"pizz", []int32{0, 1, 2}, []int32{0, 1}, []int32{0}},
		{"pizza", []int32{0, 2}, []int32{0}, []int32{0}},
		{"pizzer", []int32{1}, []int32{1}, nil},
		{"p", []int32{0, 1, 2}, []int32{0, 1}, []int32{0}},
		{"s", []int32{2}, []int32{2}, []int32{2}},
		{"x", nil, nil, nil},
	}
	for _, s := range scenarios {
		sets := newTokenSets(3)
		lx.fill(s.token, sets)
		if got := members(sets.any); !slices.Equal(got, s.any) {
			t.Errorf("fill(%q).any: got %v; want %v", s.token, got, s.any)
		}
		if got := members(sets.own); !slices.Equal(got, s.own) {
			t.Errorf("fill(%q).own: got %v; want %v", s.token, got, s.own)
		}
		if got := members(sets.name); !slices.Equal(got, s.name) {
			t.Errorf("fill(%q).name: got %v; want %v", s.token, got, s.name)
		}
	}
	lx.remove(0, testVocab(map[string]uint8{"pizza": fromName | fromOwn, "roma": fromName | fromOwn, "tiramisu": fromItem}))
	sets := newTokenSets(3)
	lx.fill("pizza", sets)
	if got := members(sets.any); !slices.Equal(got, []int32{2}) {
		t.Errorf("after removing slot 0: fill(pizza).any: got %v; want [2]", got)
	}
}

func TestInitials(t *testing.T) {
	in := newInitials(testVocab(map[string]uint8{"pizza": fromName | fromOwn, "7up": fromItem, "ölive": fromOwn, "crème": fromItem}))
	for _, s := range []struct {
		token          string
		exact          bool
		any, own, name bool
	}{
		{"p", true, true, true, true},
		{"7", true, true, false, false},
		{"c", true, true, false, false},
		{"o", true, false, false, false},
		{"pi", false, false, false, false}, // longer tokens go to the lexicon
		{"ö", false, false, false, false},  // so do non-ASCII ones
	} {
		bit, ok := initialToken(s.token)
		if ok != s.exact {
			t.Errorf("initialToken(%q): got %v; want %v", s.token, ok, s.exact)
			continue
		}
		if !ok {
			continue
		}
		if got := [3]bool{in.any&bit != 0, in.own&bit != 0, in.name&bit != 0}; got != [3]bool{s.any, s.own, s.name} {
			t.Errorf("initials for %q: got %v; want %v", s.token, got, [3]bool{s.any, s.own, s.name})
		}
	}
}
