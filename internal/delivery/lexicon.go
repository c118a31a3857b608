package delivery

import (
	"math/bits"
	"slices"
	"strings"

	"github.com/dishpatch/dishpatch/internal/search"
)

// A search around a dense centre weighs thousands of places against the query. Looking each one's words
// up costs a cache miss or two per place, which at 20,000 places is the whole budget; so the Index turns
// each token into a bitset over slots first, from a lexicon of every word with the slots whose text has
// it, and the candidate scan then tests one bit per place. A one-letter token, which prefixes a large part
// of the lexicon, has its bitsets kept ready instead (Index.letters), from the first letters of each
// place's words.

// Flags of a posting: the low bits of slot<<2 | flags.
const (
	postName uint32 = 1 << iota // a word of the place's name
	postOwn                     // a word of the place's own text (name, cuisines, description)
)

// lexicon is every word of every place, sorted, with its postings: the slots whose text has it.
type lexicon struct {
	words    []string
	postings [][]uint32 // slot<<2 | flags, in no particular order
}

func posting(slot int32, f uint8) uint32 {
	p := uint32(slot) << 2
	if f&fromName != 0 {
		p |= postName
	}
	if f&fromOwn != 0 {
		p |= postOwn
	}
	return p
}

// buildLexicon builds the lexicon of a whole set of entries at once.
func buildLexicon(entries []*entry, slots []int32) lexicon {
	byWord := map[string][]uint32{}
	for i, e := range entries {
		for w := range e.vocab.ends {
			word := e.vocab.word(w)
			byWord[word] = append(byWord[word], posting(slots[i], e.vocab.flags[w]))
		}
	}
	lx := lexicon{words: make([]string, 0, len(byWord))}
	for w := range byWord {
		lx.words = append(lx.words, strings.Clone(w)) // not a slice of some place's vocabulary text
	}
	slices.Sort(lx.words)
	lx.postings = make([][]uint32, len(lx.words))
	for i, w := range lx.words {
		lx.postings[i] = byWord[w]
	}
	return lx
}

// add posts slot under each word of v.
func (lx *lexicon) add(slot int32, v *vocab) {
	for w := range v.ends {
		word := v.word(w)
		i, found := slices.BinarySearch(lx.words, word)
		if !found {
			lx.words = slices.Insert(lx.words, i, strings.Clone(word))
			lx.postings = slices.Insert(lx.postings, i, nil)
		}
		lx.postings[i] = append(lx.postings[i], posting(slot, v.flags[w]))
	}
}

// remove takes slot off each word of v, which must be the vocabulary it was added with. A word left
// without postings stays until the next full build: it costs a binary search step, not a wrong answer.
func (lx *lexicon) remove(slot int32, v *vocab) {
	for w := range v.ends {
		i, found := slices.BinarySearch(lx.words, v.word(w))
		if !found {
			continue
		}
		ps := lx.postings[i]
		for j, p := range ps {
			if int32(p>>2) == slot {
				ps[j] = ps[len(ps)-1]
				lx.postings[i] = ps[:len(ps)-1]
				break
			}
		}
	}
}

// prefixRange returns the range of words that start with token.
func (lx *lexicon) prefixRange(token string) (lo, hi int) {
	lo, _ = slices.BinarySearch(lx.words, token)
	_, end := search.PrefixRange(token)
	if end == "" {
		return lo, len(lx.words)
	}
	hi, _ = slices.BinarySearch(lx.words, end)
	return lo, max(lo, hi)
}

// bitset is a set of slots.
type bitset []uint64

func (b bitset) has(slot int32) bool {
	return b[slot>>6]&(1<<(slot&63)) != 0
}

func (b bitset) set(slot uint32) {
	b[slot>>6] |= 1 << (slot & 63)
}

func (b bitset) unset(slot uint32) {
	b[slot>>6] &^= 1 << (slot & 63)
}

// tokenSets are, for one token or the conjunction of several, the slots where every token matches some
// word, the slots where every token matches a word of the place's own text, and those where every token
// matches a word of its name.
type tokenSets struct {
	any, own, name bitset
}

func newTokenSets(slots int) tokenSets {
	n := (slots + 63) / 64
	return tokenSets{any: make(bitset, n), own: make(bitset, n), name: make(bitset, n)}
}

func (s tokenSets) clear() {
	clear(s.any)
	clear(s.own)
	clear(s.name)
}

// fill sets the slots of token in s, which must be clear.
func (lx *lexicon) fill(token string, s tokenSets) {
	lo, hi := lx.prefixRange(token)
	for _, ps := range lx.postings[lo:hi] {
		for _, p := range ps {
			slot := p >> 2
			s.any.set(slot)
			if p&postOwn != 0 {
				s.own.set(slot)
			}
			if p&postName != 0 {
				s.name.set(slot)
			}
		}
	}
}

// copyFrom makes s the sets t, which may be longer (letters grow ahead).
func (s tokenSets) copyFrom(t tokenSets) {
	copy(s.any, t.any)
	copy(s.own, t.own)
	copy(s.name, t.name)
}

// and keeps in s only the slots also in t.
func (s tokenSets) and(t tokenSets) {
	for i := range s.any {
		s.any[i] &= t.any[i]
		s.own[i] &= t.own[i]
		s.name[i] &= t.name[i]
	}
}

// initials are the buckets (see bucket) of the first bytes of a place's words: of any word, of its own
// text's words and of its name's words. A one-letter ASCII token matches a place exactly when the
// token's bucket is in the place's set.
type initials struct {
	any, own, name uint64
}

func newInitials(v *vocab) initials {
	var in initials
	for w := range v.ends {
		word := v.word(w)
		if word == "" {
			continue
		}
		b := bucket(word[0])
		if b < 0 {
			continue
		}
		bit := uint64(1) << b
		in.any |= bit
		if v.flags[w]&fromOwn != 0 {
			in.own |= bit
		}
		if v.flags[w]&fromName != 0 {
			in.name |= bit
		}
	}
	return in
}

// initialToken returns the bucket bit of a one-letter token that initials answer exactly: an ASCII
// letter or digit. Other tokens go through the lexicon.
func initialToken(token string) (uint64, bool) {
	if len(token) != 1 {
		return 0, false
	}
	b := bucket(token[0])
	if b < 0 || b == buckets-1 {
		return 0, false
	}
	return 1 << b, true
}

// letters are the tokenSets of every one-letter token initialToken answers, by bucket, kept up to date
// as places come and go: such a token prefixes so much of the lexicon that filling its sets per search
// would cost more than the search.
type letters [buckets - 1]tokenSets

// add sets slot in the sets of the initials in; it grows the sets to hold the slot as needed.
func (ls *letters) add(slot int32, in initials) {
	if n := int(slot>>6) + 1; n > len(ls[0].any) {
		n = max(n, 2*len(ls[0].any))
		for b := range ls {
			s := &ls[b]
			s.any, s.own, s.name = grown(s.any, n), grown(s.own, n), grown(s.name, n)
		}
	}
	ls.each(slot, in, bitset.set)
}

func grown(b bitset, n int) bitset {
	return append(b, make(bitset, n-len(b))...)
}

// remove undoes add; in must be the initials slot was added with.
func (ls *letters) remove(slot int32, in initials) {
	ls.each(slot, in, bitset.unset)
}

func (ls *letters) each(slot int32, in initials, op func(bitset, uint32)) {
	for b := range ls {
		bit := uint64(1) << b
		if in.any&bit != 0 {
			op(ls[b].any, uint32(slot))
		}
		if in.own&bit != 0 {
			op(ls[b].own, uint32(slot))
		}
		if in.name&bit != 0 {
			op(ls[b].name, uint32(slot))
		}
	}
}

// of returns the sets of a one-letter token, or false for another token.
func (ls *letters) of(token string) (tokenSets, bool) {
	bit, ok := initialToken(token)
	if !ok {
		return tokenSets{}, false
	}
	return ls[bits.TrailingZeros64(bit)], true
}
