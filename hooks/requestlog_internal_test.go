package hooks

import (
	"regexp"
	"testing"
	"time"
)

// TestLogRowIDs: 15 characters of PocketBase's id alphabet, strictly
// increasing, also for rows of the same instant or an earlier one.
func TestLogRowIDs(t *testing.T) {
	var l requestLog
	at := time.Date(2026, 12, 4, 18, 0, 0, 0, time.UTC)
	valid := regexp.MustCompile(`^[a-z0-9]{15}$`)
	prev := ""
	for i, at := range []time.Time{at, at, at.Add(-time.Hour), at.Add(time.Nanosecond), at.Add(time.Second)} {
		id := l.nextID(at)
		if !valid.MatchString(id) {
			t.Fatalf("id %d = %q; want 15 of [a-z0-9]", i, id)
		}
		if id[:12] <= prev {
			t.Errorf("id %d = %q after %q; want a later time part", i, id, prev)
		}
		prev = id[:12]
	}
}
