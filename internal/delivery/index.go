package delivery

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/dishpatch/dishpatch/internal/geo"
	"github.com/dishpatch/dishpatch/internal/search"
)

// Index holds the active places and answers searches over them. It is safe for concurrent use: searches
// share a read lock, Put and Remove take the write lock only to swap prepared entries in.
type Index struct {
	mu     sync.RWMutex
	slots  map[string]int32 // place id → slot
	places []*entry         // by slot; nil for a free slot
	// spots, units, cuisines and terms are by slot too, apart from places, so that the candidate scan
	// reads 20 bytes (a spot) for each place listed in the point's cell, and the rest only for the places
	// in range that a filter, a sort key or the page asks about. A query is tested against bitsets.
	spots    []spot
	units    []unit
	cuisines []uint64 // bit Index.cuisineBit[c] for each cuisine c of the place; bit moreCuisines for any other
	terms    []terms
	free     []int32
	grid     grid
	lex      lexicon
	// letters are the bitsets of one-letter tokens, kept up to date (the lexicon's would take a search
	// to fill).
	letters letters
	// cuisineBit numbers the cuisines seen, for cuisines; past 63 of them a place just says "more".
	cuisineBit map[string]uint
}

// terms are the sort keys of a place besides its distance.
type terms struct {
	rating   float64
	prep     int64
	feeBase  int64
	feePerKm int64
}

const moreCuisines = 63

// NewIndex returns an empty Index.
func NewIndex() *Index {
	return &Index{slots: make(map[string]int32), grid: newGrid(), cuisineBit: make(map[string]uint)}
}

// Len returns the number of places the Index holds (the active ones it was given).
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return len(ix.slots)
}

// Put adds places, replacing any place with the same ID. A place that is inactive, or whose location is not
// a valid point (it can deliver nowhere), is removed instead, so the caller can hand over whatever changed.
func (ix *Index) Put(places ...Place) {
	entries := make([]*entry, 0, len(places))
	var gone []string
	for _, p := range places {
		if e := newEntry(p); e != nil {
			entries = append(entries, e)
		} else {
			gone = append(gone, p.ID)
		}
	}
	entries = lastByID(entries)
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for _, id := range gone {
		ix.remove(id)
	}
	for i, slot := range ix.insert(entries) {
		ix.lex.add(slot, &entries[i].vocab)
	}
}

// insert adds prepared entries, except to the lexicon, and returns their slots; the caller holds the
// write lock.
func (ix *Index) insert(entries []*entry) []int32 {
	slots := make([]int32, len(entries))
	for i, e := range entries {
		ix.remove(e.place.ID)
		var slot int32
		if n := len(ix.free); n > 0 {
			slot, ix.free = ix.free[n-1], ix.free[:n-1]
			ix.places[slot] = e
		} else {
			slot = int32(len(ix.places))
			ix.places = append(ix.places, e)
			ix.spots = append(ix.spots, spot{})
			ix.units = append(ix.units, unit{})
			ix.cuisines = append(ix.cuisines, 0)
			ix.terms = append(ix.terms, terms{})
		}
		p := &e.place
		ix.units[slot] = toUnit(p.Location)
		ix.spots[slot] = newSpot(ix.units[slot], newReach(p.RadiusKm))
		ix.cuisines[slot] = ix.cuisineBits(p.Cuisines)
		ix.letters.add(slot, newInitials(&e.vocab))
		ix.terms[slot] = terms{rating: p.RatingAvg, prep: p.PrepMinutes, feeBase: p.FeeBase, feePerKm: p.FeePerKm}
		ix.slots[p.ID] = slot
		ix.grid.add(slot, deliveryBox(p.Location, p.RadiusKm))
		slots[i] = slot
	}
	return slots
}

// lastByID keeps the last entry of each place id, in order, so that a place given twice is indexed once.
func lastByID(entries []*entry) []*entry {
	last := make(map[string]int, len(entries))
	for i, e := range entries {
		last[e.place.ID] = i
	}
	if len(last) == len(entries) {
		return entries
	}
	out := make([]*entry, 0, len(last))
	for i, e := range entries {
		if last[e.place.ID] == i {
			out = append(out, e)
		}
	}
	return out
}

// cuisineBits returns the cuisine mask of a place, numbering cuisines not seen before.
func (ix *Index) cuisineBits(cuisines []string) uint64 {
	var bits uint64
	for _, c := range cuisines {
		n, ok := ix.cuisineBit[c]
		if !ok && len(ix.cuisineBit) < moreCuisines {
			n, ok = uint(len(ix.cuisineBit)), true
			ix.cuisineBit[c] = n
		}
		if !ok {
			n = moreCuisines
		}
		bits |= 1 << n
	}
	return bits
}

// Builder builds an Index from a whole set of places, such as all restaurants at start-up. Each place is
// compacted as it is added, so its input can be dropped at once.
type Builder struct {
	entries []*entry
}

// Add adds a place; inactive places and places without a valid location are skipped.
func (b *Builder) Add(p Place) {
	if e := newEntry(p); e != nil {
		b.entries = append(b.entries, e)
	}
}

// Index returns the Index of the places added. Their slots follow the order of their grid cells, so that
// the places a search scans together sit together in memory.
func (b *Builder) Index() *Index {
	slices.SortFunc(b.entries, func(x, y *entry) int {
		return cmp.Or(
			cmp.Compare(cell(x.place.Location.Lat, 90), cell(y.place.Location.Lat, 90)),
			cmp.Compare(cell(x.place.Location.Lon, 180), cell(y.place.Location.Lon, 180)),
			strings.Compare(x.place.ID, y.place.ID))
	})
	entries := lastByID(b.entries)
	ix := NewIndex()
	ix.lex = buildLexicon(entries, ix.insert(entries))
	b.entries = nil
	return ix
}

// Remove drops the places with the given ids; unknown ids are ignored.
func (ix *Index) Remove(ids ...string) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for _, id := range ids {
		ix.remove(id)
	}
}

func (ix *Index) remove(id string) {
	slot, ok := ix.slots[id]
	if !ok {
		return
	}
	p := &ix.places[slot].place
	ix.grid.remove(slot, deliveryBox(p.Location, p.RadiusKm)) // the box it was added with: same input
	ix.lex.remove(slot, &ix.places[slot].vocab)
	ix.letters.remove(slot, newInitials(&ix.places[slot].vocab))
	delete(ix.slots, id)
	ix.places[slot] = nil
	ix.spots[slot] = spot{}
	ix.units[slot] = unit{}
	ix.cuisines[slot] = 0
	ix.terms[slot] = terms{}
	ix.free = append(ix.free, slot)
}

// hitPool recycles the per-search candidate slices, which run to thousands of hits in a dense city.
var hitPool = sync.Pool{New: func() any { return new([]hit) }}

// Search returns the page of places that p asks for, judging is_open at now.
//
// A place is a hit when it is active, its own radius covers p.At (geo.Within on the haversine distance in
// whole metres), p.RadiusKm (if set) covers it too, it lists p.Cuisine (if set), every query token
// prefix-matches one of its words, and, with p.OpenNow, it is open at now. Hits are ordered by p.Sort with
// ties broken by distance, then id.
func (ix *Index) Search(p Params, now time.Time) Result {
	res := Result{Page: p.Page, PerPage: max(p.PerPage, 1), Items: []Hit{}}
	buf := hitPool.Get().(*[]hit)
	defer hitPool.Put(buf)

	ix.mu.RLock()
	defer ix.mu.RUnlock()

	hits := (*buf)[:0]
	if !geo.Valid(p.At) {
		return res
	}
	relevance := p.Sort == SortRelevance
	at := toUnit(p.At)

	// The query as bitsets of the slots it matches: a one-letter token's are kept ready (and only read),
	// others are filled from the lexicon; several tokens' are intersected in a pooled set of our own.
	var sets tokenSets
	bySets := false
	for _, t := range p.Query.plan {
		one, shared := ix.letters.of(t)
		if !shared {
			one = ix.tokenSets()
			ix.lex.fill(t, one)
		}
		switch {
		case !bySets && (!shared || len(p.Query.plan) == 1):
			sets, bySets = one, true
			if !shared {
				defer ix.releaseTokenSets(sets)
			}
		case !bySets:
			sets, bySets = ix.tokenSets(), true
			defer ix.releaseTokenSets(sets)
			sets.copyFrom(one)
		default:
			sets.and(one)
			if !shared {
				ix.releaseTokenSets(one)
			}
		}
	}
	cuisineBit, knownCuisine := uint64(0), false
	if p.Cuisine != "" {
		var n uint
		n, knownCuisine = ix.cuisineBit[p.Cuisine]
		cuisineBit = 1 << n
	}

	// The radius asked for, if any, as bounds on the squared chord like each place's own.
	asked := reach{in: float32(math.Inf(1)), out: float32(math.Inf(1))}
	if p.RadiusKm > 0 {
		asked = newReach(p.RadiusKm).widen(spotErr)
	}
	metres := func(slot int32) int64 { return ix.metres(slot, at, p.At) }

	// Two passes, each a tight loop: the geometry over every place listed in the point's cell, then the
	// filters and sort keys over those in range, which are kept in place.
	cellList, wide := ix.grid.lookup(p.At)
	hits = ix.inRange(hits, [2][]int32{cellList, wide}, at, p.At, asked, p.RadiusKm)
	if query := !p.Query.Empty(); p.Cuisine != "" || query || p.OpenNow || p.Sort != SortDistance {
		n := 0
		for _, h := range hits {
			slot := h.slot
			if p.Cuisine != "" {
				if c := ix.cuisines[slot]; !(knownCuisine && c&cuisineBit != 0 ||
					c&(1<<moreCuisines) != 0 && slices.Contains(ix.places[slot].place.Cuisines, p.Cuisine)) {
					continue
				}
			}
			tier := int64(levelName)
			if query {
				if !sets.any.has(slot) {
					continue
				}
				if relevance {
					// A name word is an own word too, so the tier is levelItem less one for each;
					// counted rather than branched on, as the tiers of neighbours are unrelated.
					tier = levelItem - b2i(sets.own.has(slot)) - b2i(sets.name.has(slot))
				}
			}
			if p.OpenNow && !ix.places[slot].place.Hours.IsOpen(now) {
				continue
			}
			switch tm := &ix.terms[slot]; p.Sort {
			case SortRating:
				h.rating = tm.rating
			case SortETA:
				h.key = ETAMinutes(tm.prep, metres(slot))
			case SortDeliveryFee:
				h.key = DeliveryFee(tm.feeBase, tm.feePerKm, metres(slot))
			case SortRelevance:
				h.key = tier
			}
			hits[n] = h
			n++
		}
		hits = hits[:n]
	}
	*buf = hits

	res.TotalItems = len(hits)
	res.TotalPages = (len(hits) + res.PerPage - 1) / res.PerPage
	if p.Page < 1 || p.Page > res.TotalPages {
		return res
	}
	offset := (p.Page - 1) * res.PerPage // no overflow: less than len(hits)
	top := settle(hits, offset+min(res.PerPage, len(hits)-offset), spotErr, metres, comparator(ix.id))
	res.Items = make([]Hit, len(top)-offset) // a Hit is large: no appending, which would copy it
	for i, h := range top[offset:] {
		res.Items[i] = ix.places[h.slot].hit(int64(h.dist), p.Query.Tokens, now)
	}
	return res
}

// b2i is 1 for true and 0 for false, without a branch.
func b2i(b bool) int64 {
	var i int64
	if b {
		i = 1
	}
	return i
}

// inRange appends to hits the places of lists within their own radius of the point p, whose unit vector
// is at, and within askedKm of it if askedKm > 0 (asked is then its reach, else infinite). Spot chords
// decide all but the places within a metre or so of a radius, which are measured.
func (ix *Index) inRange(hits []hit, lists [2][]int32, at unit, p geo.Point, asked reach, askedKm float64) []hit {
	for _, list := range lists {
		for _, slot := range list {
			s := &ix.spots[slot]
			csq := s.chordSq(at) // within spotErr: the widened bounds and settle allow for it
			if csq > float64(s.reach.out) || csq > float64(asked.out) {
				continue
			}
			if csq >= float64(s.reach.in) || csq >= float64(asked.in) {
				d := ix.metres(slot, at, p)
				if !geo.Within(d, ix.places[slot].place.RadiusKm) || askedKm > 0 && !geo.Within(d, askedKm) {
					continue
				}
			}
			hits = append(hits, hit{dist: csq, slot: slot})
		}
	}
	return hits
}

// metres is the distance in whole metres (geo.DistanceM) from the place in slot to the point p, whose
// unit vector is at.
func (ix *Index) metres(slot int32, at unit, p geo.Point) int64 {
	if d, ok := chordDistanceM(ix.units[slot], at); ok {
		return d
	}
	return geo.DistanceM(ix.places[slot].place.Location, p)
}

func (ix *Index) id(slot int32) string {
	return ix.places[slot].place.ID
}

// setsPool recycles token bitsets; a pooled one is used only if it fits the current number of slots.
var setsPool sync.Pool

func (ix *Index) tokenSets() tokenSets {
	if s, ok := setsPool.Get().(*tokenSets); ok && len(s.any) == (len(ix.places)+63)/64 {
		s.clear()
		return *s
	}
	return newTokenSets(len(ix.places))
}

func (ix *Index) releaseTokenSets(s tokenSets) {
	setsPool.Put(&s)
}

// entry is a place prepared for searching.
type entry struct {
	// place keeps the fields a Hit shows; its word lists and items live on below in compact form.
	place Place
	vocab vocab
	// items are the available items in display order (sort_order, name, id), so that among items that
	// match equally many tokens the first ones found are the ones to show. Their ids and names are
	// slices of text: an item holds no pointer, so a million of them cost the garbage collector nothing.
	items []item
	text  string
	// itemWords holds, for each item, the vocab indices of its words: items[i].words are
	// itemWords[items[i].w0:items[i].w1].
	itemWords []int32
}

type item struct {
	start, idEnd, nameEnd uint32 // the id is text[start:idEnd], the name text[idEnd:nameEnd]
	w0, w1                int32
	price                 int64
}

// newEntry prepares a place for searching, or returns nil for a place no search can return.
func newEntry(p Place) *entry {
	if !p.Active || !geo.Valid(p.Location) {
		return nil
	}
	flags := make(map[string]uint8, len(p.OwnWords)+8*len(p.Items))
	for _, w := range p.NameWords {
		flags[w] |= fromName | fromOwn
	}
	for _, w := range p.OwnWords {
		flags[w] |= fromOwn
	}
	for _, it := range p.Items {
		for _, w := range it.Words {
			flags[w] |= fromItem
		}
	}
	e := &entry{place: p, vocab: newVocab(flags)}
	e.place.NameWords, e.place.OwnWords, e.place.Items = nil, nil, nil
	if e.place.Cuisines == nil {
		e.place.Cuisines = []string{}
	}

	items := slices.Clone(p.Items)
	slices.SortFunc(items, func(a, b Item) int {
		return cmp.Or(cmp.Compare(a.SortOrder, b.SortOrder), strings.Compare(a.Name, b.Name), strings.Compare(a.ID, b.ID))
	})
	var text strings.Builder
	e.items = make([]item, len(items))
	for i, it := range items {
		w0 := int32(len(e.itemWords))
		for _, w := range it.Words {
			e.itemWords = append(e.itemWords, int32(e.vocab.search(w)))
		}
		start := uint32(text.Len())
		text.WriteString(it.ID)
		idEnd := uint32(text.Len())
		text.WriteString(it.Name)
		e.items[i] = item{start: start, idEnd: idEnd, nameEnd: uint32(text.Len()), w0: w0, w1: int32(len(e.itemWords)), price: it.Price}
	}
	e.text = text.String()
	return e
}

// hit renders the place as a result for a delivery of distanceM metres.
func (e *entry) hit(distanceM int64, tokens []string, now time.Time) Hit {
	p := &e.place
	return Hit{
		ID:           p.ID,
		Name:         p.Name,
		Slug:         p.Slug,
		Cuisines:     p.Cuisines,
		Address:      p.Address,
		Location:     Location{Lon: p.Location.Lon, Lat: p.Location.Lat},
		RatingAvg:    p.RatingAvg,
		RatingCount:  p.RatingCount,
		Cover:        p.Cover,
		Currency:     p.Currency,
		MinOrder:     p.MinOrder,
		DistanceKm:   geo.KmFromM(distanceM),
		EtaMinutes:   ETAMinutes(p.PrepMinutes, distanceM),
		DeliveryFee:  DeliveryFee(p.FeeBase, p.FeePerKm, distanceM),
		IsOpen:       p.Hours.IsOpen(now),
		MatchedItems: e.matchedItems(tokens),
	}
}

// maxMatchedItems is how many matched items a hit shows.
const maxMatchedItems = 3

// matchedItems returns the items to show under the place for the query's tokens: the available items
// whose words match a token that the place's own text does not, most such tokens first, then in display
// order. A place whose own text matches every token shows none.
func (e *entry) matchedItems(tokens []string) []MatchedItem {
	type span struct{ lo, hi int32 }
	var needed []span
	for _, t := range tokens {
		lo, hi := e.vocab.prefixRange(t)
		if e.vocab.level(lo, hi) == levelItem {
			needed = append(needed, span{int32(lo), int32(hi)})
		}
	}
	out := []MatchedItem{}
	if len(needed) == 0 {
		return out
	}
	type pick struct{ item, count int }
	var top [maxMatchedItems]pick
	n := 0
	for i, it := range e.items {
		count := 0
		for _, s := range needed {
			for _, w := range e.itemWords[it.w0:it.w1] {
				if s.lo <= w && w < s.hi {
					count++
					break
				}
			}
		}
		if count == 0 {
			continue
		}
		// Items come in display order, so a later item goes after every earlier one with as many tokens.
		at := n
		for at > 0 && top[at-1].count < count {
			at--
		}
		if at == maxMatchedItems {
			continue
		}
		if n < maxMatchedItems {
			n++
		}
		copy(top[at+1:n], top[at:n-1])
		top[at] = pick{i, count}
	}
	for _, pk := range top[:n] {
		it := e.items[pk.item]
		out = append(out, MatchedItem{ID: e.text[it.start:it.idEnd], Name: e.text[it.idEnd:it.nameEnd], Price: it.price})
	}
	return out
}

// Where a word of a place's vocabulary comes from.
const (
	fromName uint8 = 1 << iota
	fromOwn
	fromItem
)

// vocab is a place's distinct words, sorted byte-wise, with where each comes from. The words share one
// string, so a place costs a few allocations however many words its menu has.
//
// keys holds the first 8 bytes of each word as a big-endian integer, zero-padded: its order is the words'
// order, so a prefix search is a binary search over integers, and for a token of up to 8 bytes (most
// tokens) it never looks at the words themselves.
//
// first narrows every search to the words that share the token's first byte, a few cache lines of keys:
// the words of bucket b (see bucket) are [first[b], first[b+1]).
type vocab struct {
	text  string
	ends  []uint32 // word i is text[ends[i-1]:ends[i]], with ends[-1] = 0
	keys  []uint64
	flags []uint8
	first [buckets + 1]uint32
}

// Words are folded runs of letters and digits, so they start with an ASCII digit, an ASCII lower-case
// letter or the lead byte of a non-ASCII letter, and sort in that order: a bucket per digit, one per
// letter, one for the rest.
const buckets = 10 + 26 + 1

// bucket returns the bucket of a word or token starting with byte c, or -1 for a byte no word starts with.
func bucket(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'z':
		return 10 + int(c-'a')
	case c >= 0x80:
		return buckets - 1
	}
	return -1
}

func newVocab(flags map[string]uint8) vocab {
	words := make([]string, 0, len(flags))
	size := 0
	for w := range flags {
		words = append(words, w)
		size += len(w)
	}
	slices.Sort(words)
	var b strings.Builder
	b.Grow(size)
	v := vocab{ends: make([]uint32, len(words)), keys: make([]uint64, len(words)), flags: make([]uint8, len(words))}
	for i, w := range words {
		b.WriteString(w)
		v.ends[i] = uint32(b.Len())
		v.keys[i] = key8(w)
		v.flags[i] = flags[w]
	}
	v.text = b.String()
	// first[b] is the first word whose first byte is at least bucket b's lowest byte; a byte between
	// buckets (which no folded word starts with) lands in the bucket below, where searches still see it.
	for b := range buckets {
		low := byte(0x80)
		switch {
		case b < 10:
			low = '0' + byte(b)
		case b < 36:
			low = 'a' + byte(b-10)
		}
		v.first[b] = uint32(sort.Search(len(words), func(i int) bool { return len(words[i]) > 0 && words[i][0] >= low }))
	}
	v.first[buckets] = uint32(len(words))
	return v
}

// key8 is the first 8 bytes of s as a big-endian integer, zero-padded. Words never contain a zero byte,
// so s < t implies key8(s) <= key8(t).
func key8(s string) uint64 {
	var k uint64
	for i := range 8 {
		k <<= 8
		if i < len(s) {
			k |= uint64(s[i])
		}
	}
	return k
}

func (v *vocab) word(i int) string {
	start := uint32(0)
	if i > 0 {
		start = v.ends[i-1]
	}
	return v.text[start:v.ends[i]]
}

// search returns the index of the first word not less than s.
func (v *vocab) search(s string) int {
	lo, hi := v.keyRange(key8(s), 0)
	if len(s) <= 8 {
		return lo // the words with key8(s) are s itself and longer words, all >= s
	}
	for lo < hi { // among the words sharing s's first 8 bytes, compare whole words
		m := int(uint(lo+hi) >> 1)
		if v.word(m) < s {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// keyRange returns [first index with key >= k, first index with key > k+extra).
func (v *vocab) keyRange(k, extra uint64) (lo, hi int) {
	keys := v.keys
	lo, hi = 0, len(keys)
	// Within the bucket of k's first byte when that bucket also holds k+extra, as it does for any token:
	// keys outside it are below or above both.
	if b := bucket(byte(k >> 56)); b >= 0 && b == bucket(byte((k+extra)>>56)) {
		lo, hi = int(v.first[b]), int(v.first[b+1])
		keys = keys[:hi]
	}
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if keys[m] < k {
			lo = m + 1
		} else {
			hi = m
		}
	}
	end := k + extra
	if end < k { // the token's bytes are all 0xff, which UTF-8 never has; be exact anyway
		end = math.MaxUint64
	}
	first, last := lo, len(keys)
	for first < last {
		m := int(uint(first+last) >> 1)
		if keys[m] <= end {
			first = m + 1
		} else {
			last = m
		}
	}
	return lo, first
}

// prefixRange returns the index range [lo, hi) of the words that start with token, the range scan a
// B-tree index would do between token and search.PrefixRange's bound. A token of up to 8 bytes is all in
// the key: the words with its prefix are those whose key lies in [key8(token), key8(token) + 256^(8-len)).
func (v *vocab) prefixRange(token string) (lo, hi int) {
	if n := len(token); n > 0 && n <= 8 {
		return v.keyRange(key8(token), 1<<(8*(8-n))-1)
	}
	lo = v.search(token)
	_, end := search.PrefixRange(token)
	if end == "" {
		return lo, len(v.ends)
	}
	return lo, max(lo, v.search(end))
}

// level returns the best match level among the words [lo, hi).
func (v *vocab) level(lo, hi int) int {
	level := levelNone
	for _, f := range v.flags[lo:hi] {
		switch {
		case f&fromName != 0:
			return levelName
		case f&fromOwn != 0:
			level = levelOwn
		case level == levelNone:
			level = levelItem
		}
	}
	return level
}
