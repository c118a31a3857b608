package search

import (
	"slices"
	"strings"
)

// PrefixRange returns the half-open byte-wise range [lo, hi) of all strings that start with token, so that a
// prefix match becomes a B-tree range scan: `word >= lo AND word < hi` under SQLite's BINARY collation, which
// compares bytes like Go does. LIKE 'x%' would be no substitute: it is case-insensitive for ASCII, treats
// % and _ in the token as wildcards and cannot use an ordinary index.
//
// lo is token itself; hi is token with its last byte incremented, after dropping trailing 0xFF bytes, which
// cannot be incremented (UTF-8 never contains 0xFF, so this only matters for arbitrary bytes). When nothing is
// left, as for the empty token, every string has the prefix and hi is "", meaning no upper bound. hi need not
// be valid UTF-8; bind it as a Go string (TEXT), not []byte, since SQLite sorts every BLOB after every TEXT.
func PrefixRange(token string) (lo, hi string) {
	// A byte loop, not strings.TrimRight: its cutset is read as UTF-8, where "\xff" would mean U+FFFD.
	end := len(token)
	for end > 0 && token[end-1] == 0xff {
		end--
	}
	if end == 0 {
		return token, ""
	}
	return token, token[:end-1] + string([]byte{token[end-1] + 1})
}

// HasPrefixWord reports whether some word in words, which must be sorted byte-wise as Words returns them,
// starts with token. It is a binary search: the first word not less than token is the only candidate, since
// every word with the prefix sorts at or after the prefix itself and before anything without it.
func HasPrefixWord(words []string, token string) bool {
	i, _ := slices.BinarySearch(words, token)
	return i < len(words) && strings.HasPrefix(words[i], token)
}
