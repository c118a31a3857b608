package hours

import (
	"testing"
	"time"
)

// Instants are pinned as RFC 3339 with the offset the local clock shows, so each scenario reads as a wall-clock
// time. Weekdays in 2026: March 29 and October 25 are Sundays (the European DST switches), March 30 a Monday.
var isOpenScenarios = []struct {
	name  string
	hours string
	at    string
	want  bool
}{
	// Always open and closed all week.
	{name: "no hours, Monday noon", hours: "", at: "2026-03-30T12:00:00+02:00", want: true},
	{name: "no hours, Sunday 03:00", hours: "null", at: "2026-03-29T03:00:00+02:00", want: true},
	{name: "empty object, Sunday midnight", hours: "{}", at: "2026-03-29T00:00:00+01:00", want: true},
	{name: "tz alone, Monday noon", hours: `{"tz": "Europe/Berlin"}`, at: "2026-03-30T12:00:00+02:00", want: false},
	{name: "every day empty, Friday 20:00", hours: everyDayEmpty, at: "2026-04-03T20:00:00+02:00", want: false},

	// Plain intervals: the start minute is open, the end minute closed.
	{name: "Monday 10:59 before opening", hours: mon11to22, at: "2026-03-30T10:59:59+02:00", want: false},
	{name: "Monday 11:00 opening minute", hours: mon11to22, at: "2026-03-30T11:00:00+02:00", want: true},
	{name: "Monday 21:59:59 last second", hours: mon11to22, at: "2026-03-30T21:59:59+02:00", want: true},
	{name: "Monday 22:00 closing minute", hours: mon11to22, at: "2026-03-30T22:00:00+02:00", want: false},
	{name: "Tuesday noon, a day without hours", hours: mon11to22, at: "2026-03-31T12:00:00+02:00", want: false},
	{name: "instant given in UTC", hours: mon11to22, at: "2026-03-30T09:00:00Z", want: true},
	{name: "instant given in UTC, just before", hours: mon11to22, at: "2026-03-30T08:59:00Z", want: false},

	// Several intervals a day.
	{name: "lunch break", hours: splitLunch, at: "2026-03-31T15:00:00+02:00", want: false},
	{name: "dinner opens", hours: splitLunch, at: "2026-03-31T17:00:00+02:00", want: true},
	{name: "overlap, inside the first only", hours: overlapping, at: "2026-04-03T11:30:00+02:00", want: true},
	{name: "overlap, inside both", hours: overlapping, at: "2026-04-03T13:30:00+02:00", want: true},
	{name: "overlap, inside the second only", hours: overlapping, at: "2026-04-03T23:00:00+02:00", want: true},
	{name: "overlap, after both", hours: overlapping, at: "2026-04-03T23:30:00+02:00", want: false},

	// Past midnight: Sunday 18:00-02:00 belongs to Sunday and spills into Monday.
	{name: "Sunday 17:59", hours: sunNight, at: "2026-04-05T17:59:00+02:00", want: false},
	{name: "Sunday 18:00", hours: sunNight, at: "2026-04-05T18:00:00+02:00", want: true},
	{name: "Sunday 23:59", hours: sunNight, at: "2026-04-05T23:59:00+02:00", want: true},
	{name: "Monday 00:00", hours: sunNight, at: "2026-04-06T00:00:00+02:00", want: true},
	{name: "Monday 01:30", hours: sunNight, at: "2026-04-06T01:30:00+02:00", want: true},
	{name: "Monday 02:00", hours: sunNight, at: "2026-04-06T02:00:00+02:00", want: false},
	{name: "Sunday 01:30 is not spilled into from Saturday", hours: sunNight, at: "2026-04-05T01:30:00+02:00", want: false},
	{name: "Tuesday 01:30 is not spilled into", hours: sunNight, at: "2026-04-07T01:30:00+02:00", want: false},
	{name: "Saturday night spills into Sunday", hours: satNight, at: "2026-04-05T02:59:00+02:00", want: true},
	{name: "Saturday night over on Sunday", hours: satNight, at: "2026-04-05T03:00:00+02:00", want: false},

	// Midnight written three ways.
	{name: "24:00, Friday 23:59", hours: friTo2400, at: "2026-04-03T23:59:00+02:00", want: true},
	{name: "24:00, Saturday 00:00", hours: friTo2400, at: "2026-04-04T00:00:00+02:00", want: false},
	{name: "00:00 end, Friday 23:59", hours: friTo0000, at: "2026-04-03T23:59:00+02:00", want: true},
	{name: "00:00 end, Saturday 00:00", hours: friTo0000, at: "2026-04-04T00:00:00+02:00", want: false},
	{name: "whole day, Wednesday 00:00", hours: wedAllDay, at: "2026-04-01T00:00:00+02:00", want: true},
	{name: "whole day, Wednesday 23:59", hours: wedAllDay, at: "2026-04-01T23:59:59+02:00", want: true},
	{name: "whole day, Thursday 00:00", hours: wedAllDay, at: "2026-04-02T00:00:00+02:00", want: false},

	// Spring forward in Berlin, 2026-03-29: 02:00 CET becomes 03:00 CEST.
	{name: "spring, 01:59 CET inside 01:00-03:00", hours: sunEarly, at: "2026-03-29T01:59:00+01:00", want: true},
	{name: "spring, an hour later it is 03:00 CEST and closed", hours: sunEarly, at: "2026-03-29T03:00:00+02:00", want: false},
	{name: "spring, Saturday night to 02:30, 01:59 CET", hours: satTo0230, at: "2026-03-29T01:59:00+01:00", want: true},
	{name: "spring, Saturday night to 02:30 never reaches it, closed at 03:00 CEST", hours: satTo0230, at: "2026-03-29T03:00:00+02:00", want: false},
	{name: "spring, opening at the skipped 02:30 means 03:00 CEST", hours: sunFrom0230, at: "2026-03-29T03:00:00+02:00", want: true},
	{name: "spring, opening at the skipped 02:30, 01:59 CET", hours: sunFrom0230, at: "2026-03-29T01:59:00+01:00", want: false},

	// Fall back in Berlin, 2026-10-25: 03:00 CEST becomes 02:00 CET, so 02:00-03:00 happens twice.
	{name: "fall, first 02:15 (CEST)", hours: satTo0230, at: "2026-10-25T02:15:00+02:00", want: true},
	{name: "fall, first 02:45 (CEST)", hours: satTo0230, at: "2026-10-25T02:45:00+02:00", want: false},
	{name: "fall, second 02:15 (CET) is open again", hours: satTo0230, at: "2026-10-25T02:15:00+01:00", want: true},
	{name: "fall, second 02:30 (CET)", hours: satTo0230, at: "2026-10-25T02:30:00+01:00", want: false},

	// Other zones, where the local weekday differs from the UTC one.
	{name: "Kolkata +05:30 opens at 05:30 UTC", hours: kolkata, at: "2026-03-30T05:30:00Z", want: true},
	{name: "Kolkata +05:30, 05:29 UTC", hours: kolkata, at: "2026-03-30T05:29:00Z", want: false},
	{name: "New York Monday 21:30 is Tuesday in UTC", hours: newYork, at: "2026-03-31T01:30:00Z", want: true},
	{name: "New York Tuesday 21:30", hours: newYork, at: "2026-04-01T01:30:00Z", want: false},
	{name: "Tokyo Monday 05:00 is Sunday in UTC", hours: tokyo, at: "2026-03-29T20:00:00Z", want: true},
	{name: "Tokyo Sunday 05:00", hours: tokyo, at: "2026-03-28T20:00:00Z", want: false},
}

const (
	everyDayEmpty = `{"tz": "Europe/Berlin", "mon": [], "tue": [], "wed": [], "thu": [], "fri": [], "sat": [], "sun": []}`
	mon11to22     = `{"tz": "Europe/Berlin", "mon": [["11:00", "22:00"]]}`
	splitLunch    = `{"tz": "Europe/Berlin", "tue": [["11:00", "14:30"], ["17:00", "22:00"]]}`
	overlapping   = `{"tz": "Europe/Berlin", "fri": [["11:00", "14:00"], ["13:00", "23:30"]]}`
	sunNight      = `{"tz": "Europe/Berlin", "sun": [["18:00", "02:00"]]}`
	satNight      = `{"tz": "Europe/Berlin", "sat": [["22:00", "03:00"]]}`
	friTo2400     = `{"tz": "Europe/Berlin", "fri": [["20:00", "24:00"]]}`
	friTo0000     = `{"tz": "Europe/Berlin", "fri": [["20:00", "00:00"]]}`
	wedAllDay     = `{"tz": "Europe/Berlin", "wed": [["00:00", "24:00"]]}`
	sunEarly      = `{"tz": "Europe/Berlin", "sun": [["01:00", "03:00"]]}`
	satTo0230     = `{"tz": "Europe/Berlin", "sat": [["18:00", "02:30"]]}`
	sunFrom0230   = `{"tz": "Europe/Berlin", "sun": [["02:30", "04:00"]]}`
	kolkata       = `{"tz": "Asia/Kolkata", "mon": [["11:00", "22:00"]]}`
	newYork       = `{"tz": "America/New_York", "mon": [["11:00", "22:00"]]}`
	tokyo         = `{"tz": "Asia/Tokyo", "mon": [["05:00", "06:00"]]}`
)

func TestIsOpen(t *testing.T) {
	for _, s := range isOpenScenarios {
		t.Run(s.name, func(t *testing.T) {
			w, err := Parse([]byte(s.hours))
			if err != nil {
				t.Fatalf("Parse(%s): got error %v; want none", s.hours, err)
			}
			at, err := time.Parse(time.RFC3339, s.at)
			if err != nil {
				t.Fatalf("bad instant %q: %v", s.at, err)
			}
			if got := w.IsOpen(at); got != s.want {
				t.Errorf("IsOpen(%s): got %t; want %t", s.at, got, s.want)
			}
		})
	}
}

// unparsedScenarios are weeks built in Go rather than by Parse, all asked about Monday 2026-03-30 11:00 UTC.
var unparsedScenarios = []struct {
	name string
	week Week
	want bool
}{
	{name: "zero week is closed", week: Week{}, want: false},
	{name: "nil Loc reads in UTC", week: Week{Days: [7][]Interval{1: {{Start: 11 * 60, End: 12 * 60}}}}, want: true},
	{name: "Start equal to End is empty", week: Week{Days: [7][]Interval{1: {{Start: 11 * 60, End: 11 * 60}}}}, want: false},
	{name: "Always ignores Days", week: Week{Always: true, Loc: time.UTC}, want: true},
}

func TestIsOpenUnparsed(t *testing.T) {
	monday := time.Date(2026, 3, 30, 11, 0, 0, 0, time.UTC)
	for _, s := range unparsedScenarios {
		t.Run(s.name, func(t *testing.T) {
			if got := s.week.IsOpen(monday); got != s.want {
				t.Errorf("got %t; want %t", got, s.want)
			}
		})
	}
}

// TestIsOpenOracle checks every minute of a week against a table built the slow, obvious way: paint each
// interval's minutes onto a 7 × 1440 grid, spilling an overnight interval into the next day.
func TestIsOpenOracle(t *testing.T) {
	w, err := Parse([]byte(full))
	if err != nil {
		t.Fatal(err)
	}
	var open [7][minutesPerDay]bool
	for day, ivs := range w.Days {
		for _, iv := range ivs {
			end := iv.End
			if iv.overnight() {
				end = minutesPerDay
				for m := 0; m < iv.End; m++ {
					open[(day+1)%7][m] = true
				}
			}
			for m := iv.Start; m < end; m++ {
				open[day][m] = true
			}
		}
	}

	// A week of Berlin summer time with no DST switch: Monday 2026-04-06 to Sunday 2026-04-12.
	start := time.Date(2026, 4, 6, 0, 0, 0, 0, w.Loc)
	for i := range 7 * minutesPerDay {
		at := start.Add(time.Duration(i) * time.Minute)
		want := open[at.Weekday()][at.Hour()*60+at.Minute()]
		if got := w.IsOpen(at); got != want {
			t.Fatalf("IsOpen(%s): got %t; want %t", at.Format(time.RFC3339), got, want)
		}
	}
}
