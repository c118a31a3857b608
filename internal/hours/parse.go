package hours

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"time"
)

// ParseError explains why Parse rejected opening hours.
//
// Reason is a sentence for whoever edits the hours, such as `mon[0]: "25:00" is not a valid HH:MM time`, so the
// API can put it in a field error as is; Error adds the package prefix that logs need.
type ParseError struct {
	Reason string
}

// Error returns the reason prefixed with the package name.
func (e *ParseError) Error() string {
	return "hours: " + e.Reason
}

func invalid(format string, args ...any) error {
	return &ParseError{Reason: fmt.Sprintf(format, args...)}
}

// dayKeys maps the JSON key of each weekday to its time.Weekday index.
var dayKeys = map[string]time.Weekday{
	"sun": time.Sunday,
	"mon": time.Monday,
	"tue": time.Tuesday,
	"wed": time.Wednesday,
	"thu": time.Thursday,
	"fri": time.Friday,
	"sat": time.Saturday,
}

// Parse reads opening hours as stored in restaurants.opening_hours:
//
//	{"tz": "Europe/Berlin", "mon": [["11:00", "22:00"]], "sun": [["18:00", "02:00"]]}
//
// No hours at all (empty input, whitespace, null or {}) means always open, as the contract says. Otherwise the
// input must be an object whose only keys are "tz" and the lower-case weekdays "mon" to "sun", each at most
// once. "tz" is an IANA zone name and is required as soon as any weekday key is present, because a wall-clock
// time means nothing without a zone; "Local" is refused since it would depend on the server's setting. A
// missing weekday is closed, so {"tz": "Europe/Berlin"} alone is closed all week; so is a weekday of null or [].
// Otherwise a weekday is an array of ["HH:MM", "HH:MM"] pairs with two-digit hours 00 to 23 and minutes 00 to
// 59; "24:00" may only end an interval. An end before the start runs past midnight; an end equal to the start is refused as an empty
// interval. Overlapping intervals are fine: the restaurant is open if any of them is.
//
// Every error is a *ParseError.
func Parse(raw []byte) (Week, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return Week{Always: true}, nil
	}

	dec := json.NewDecoder(bytes.NewReader(raw))
	tok, err := dec.Token()
	if err != nil {
		return Week{}, notJSON(err)
	}
	if tok != json.Delim('{') {
		return Week{}, invalid(`opening hours must be a JSON object like {"tz": "Europe/Berlin", "mon": [["11:00", "22:00"]]}`)
	}

	// Keys are read one by one rather than into a map so that a duplicate key is an error instead of
	// silently letting the last one win.
	var (
		w       Week
		tz      string
		hasTZ   bool
		hasDays bool
		seen    = map[string]bool{}
	)
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return Week{}, notJSON(err)
		}
		key := tok.(string) // inside an object the decoder yields keys as strings or fails above
		if seen[key] {
			return Week{}, invalid("duplicate key %q", key)
		}
		seen[key] = true

		var val json.RawMessage
		if err := dec.Decode(&val); err != nil {
			return Week{}, notJSON(err)
		}

		if key == "tz" {
			if err := json.Unmarshal(val, &tz); err != nil {
				return Week{}, invalid(`tz must be a time zone name like "Europe/Berlin"`)
			}
			hasTZ = true
			continue
		}
		day, ok := dayKeys[key]
		if !ok {
			return Week{}, invalid(`unknown key %q; want "tz" or a weekday: mon, tue, wed, thu, fri, sat, sun`, key)
		}
		hasDays = true
		if w.Days[day], err = parseDay(key, val); err != nil {
			return Week{}, err
		}
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return Week{}, notJSON(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return Week{}, invalid("opening hours must be a single JSON object, with nothing after it")
	}

	if !hasTZ {
		if hasDays {
			return Week{}, invalid(`tz is required with weekdays, e.g. "tz": "Europe/Berlin"`)
		}
		return Week{Always: true}, nil // {}
	}
	if w.Loc, err = loadLocation(tz); err != nil {
		return Week{}, err
	}
	return w, nil
}

// notJSON turns a decoder error into a reason; the decoder's bare "EOF" would puzzle anyone reading it.
func notJSON(err error) error {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return invalid("opening hours are not valid JSON: the text ends too early")
	}
	return invalid("opening hours are not valid JSON: %v", err)
}

// loadLocation loads an IANA zone, refusing the two names time.LoadLocation accepts without naming a zone:
// "" (UTC) and "Local" (whatever the server is set to).
func loadLocation(tz string) (*time.Location, error) {
	if tz == "" || tz == "Local" {
		return nil, invalid(`tz must name a time zone like "Europe/Berlin", not %q`, tz)
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return nil, invalid("unknown time zone %q", tz)
	}
	return loc, nil
}

// parseDay reads one weekday's array of ["HH:MM", "HH:MM"] pairs; key names the weekday in errors.
func parseDay(key string, val json.RawMessage) ([]Interval, error) {
	if string(val) == "null" { // no hours that day, like []
		return []Interval{}, nil
	}
	var pairs []json.RawMessage
	if json.Unmarshal(val, &pairs) != nil {
		return nil, invalid(`%s must be an array of ["HH:MM", "HH:MM"] pairs, e.g. [["11:00", "22:00"]]`, key)
	}
	days := make([]Interval, 0, len(pairs))
	for i, raw := range pairs {
		at := fmt.Sprintf("%s[%d]", key, i)
		var pair []string
		if json.Unmarshal(raw, &pair) != nil || len(pair) != 2 {
			return nil, invalid(`%s must be a pair of "HH:MM" strings like ["11:00", "22:00"]`, at)
		}
		start, err := parseClock(at, pair[0])
		if err != nil {
			return nil, err
		}
		if start == minutesPerDay {
			return nil, invalid(`%s: "24:00" can only end an interval; start the day at "00:00"`, at)
		}
		end, err := parseClock(at, pair[1])
		if err != nil {
			return nil, err
		}
		if start == end {
			return nil, invalid(`%s: the interval starts and ends at %q, so it is empty; use ["00:00", "24:00"] for a whole day`, at, pair[0])
		}
		days = append(days, Interval{Start: start, End: end})
	}
	return days, nil
}

// parseClock reads "HH:MM" as minutes after midnight. It insists on exactly two digits each, because
// "9:00" or "09:0" are more likely typos than intent; "24:00" is returned as 1440 for the caller to judge.
func parseClock(at, s string) (int, error) {
	if len(s) != 5 || s[2] != ':' || !isDigit(s[0]) || !isDigit(s[1]) || !isDigit(s[3]) || !isDigit(s[4]) {
		return 0, invalid("%s: %q is not a valid HH:MM time", at, s)
	}
	h := int(s[0]-'0')*10 + int(s[1]-'0')
	m := int(s[3]-'0')*10 + int(s[4]-'0')
	if h == 24 && m == 0 {
		return minutesPerDay, nil
	}
	if h > 23 || m > 59 {
		return 0, invalid("%s: %q is not a valid HH:MM time", at, s)
	}
	return h*60 + m, nil
}

func isDigit(b byte) bool {
	return '0' <= b && b <= '9'
}
