// Package hours decides whether a restaurant is open at an instant, from the opening hours stored on it.
//
// Hours are wall-clock times in the restaurant's time zone, so "11:00" means 11:00 on the local clock on every
// day of the year, whatever the UTC offset is that day. On the night clocks spring forward, the skipped hour
// simply never comes; on the night they fall back, the repeated hour is open both times if its wall-clock
// minutes are.
package hours

import (
	"time"
	_ "time/tzdata" // Parse must load "tz" on hosts without a zoneinfo database (scratch and distroless images).
)

// minutesPerDay is the End of an interval that closes at "24:00".
const minutesPerDay = 24 * 60

// Interval is one opening period of a day, in minutes after local midnight.
//
// Start is in [0, 1440) and End in [0, 1440]. An End before Start means the interval runs past midnight into
// the next day: {1080, 120} is 18:00 to 02:00 the next morning. An End equal to Start is empty (Parse rejects
// it, so that nobody types "00:00"–"00:00" meaning a whole day and gets a closed one).
type Interval struct {
	Start, End int
}

// overnight reports whether the interval closes on the day after it opens.
func (iv Interval) overnight() bool {
	return iv.End < iv.Start
}

// Week is a restaurant's parsed opening hours.
//
// The zero Week is closed all week in UTC: a restaurant is never shown open because its hours were lost.
type Week struct {
	// Always is true when the restaurant stores no opening hours: it is open at every instant and the other
	// fields are unused.
	Always bool
	// Loc is the time zone the intervals are read in; nil reads them in UTC.
	Loc *time.Location
	// Days holds each weekday's intervals, indexed by time.Weekday (0 = Sunday). An interval that runs past
	// midnight belongs to the day it opens on. Intervals may overlap.
	Days [7][]Interval
}

// IsOpen reports whether the restaurant is open at the instant t.
//
// The local minute m of t counts as open when an interval of the local weekday has Start <= m < End (or just
// Start <= m when it runs past midnight), or an interval of the previous local weekday runs past midnight and
// m < End. The closing minute itself is closed, so "22:00" stops orders at 22:00:00 sharp.
func (w Week) IsOpen(t time.Time) bool {
	if w.Always {
		return true
	}
	loc := w.Loc
	if loc == nil {
		loc = time.UTC
	}
	local := t.In(loc)
	m := local.Hour()*60 + local.Minute()
	today := local.Weekday()
	for _, iv := range w.Days[today] {
		if m >= iv.Start && (m < iv.End || iv.overnight()) {
			return true
		}
	}
	for _, iv := range w.Days[(today+6)%7] {
		if iv.overnight() && m < iv.End {
			return true
		}
	}
	return false
}
