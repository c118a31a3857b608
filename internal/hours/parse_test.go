package hours

import (
	"errors"
	"reflect"
	"testing"
)

// full is the contract's example, with a split lunch break and a night past midnight.
const full = `{
	"tz": "Europe/Berlin",
	"mon": [["11:00", "22:00"]],
	"tue": [["11:00", "14:30"], ["17:00", "22:00"]],
	"wed": [["00:00", "24:00"]],
	"thu": [],
	"fri": [["11:00", "14:00"], ["13:00", "23:30"]],
	"sat": [["12:00", "00:00"]],
	"sun": [["18:00", "02:00"]]
}`

var parseScenarios = []struct {
	name string
	raw  string
	// want is the parsed week, with wantTZ the name of its Loc ("" for nil), when wantErr is "".
	want   Week
	wantTZ string
	// wantErr is the Reason of the expected *ParseError.
	wantErr string
}{
	// No hours: always open.
	{name: "empty input is always open", raw: "", want: Week{Always: true}},
	{name: "whitespace is always open", raw: " \n\t ", want: Week{Always: true}},
	{name: "null is always open", raw: "null", want: Week{Always: true}},
	{name: "empty object is always open", raw: "{}", want: Week{Always: true}},
	{name: "empty object with spaces is always open", raw: " { \n } ", want: Week{Always: true}},

	// Valid hours.
	{
		name:   "contract example",
		raw:    full,
		wantTZ: "Europe/Berlin",
		want: Week{Days: [7][]Interval{
			{{Start: 18 * 60, End: 2 * 60}},
			{{Start: 11 * 60, End: 22 * 60}},
			{{Start: 11 * 60, End: 14*60 + 30}, {Start: 17 * 60, End: 22 * 60}},
			{{Start: 0, End: 24 * 60}},
			{},
			{{Start: 11 * 60, End: 14 * 60}, {Start: 13 * 60, End: 23*60 + 30}},
			{{Start: 12 * 60, End: 0}},
		}},
	},
	{name: "tz alone is closed all week", raw: `{"tz": "Europe/Berlin"}`, wantTZ: "Europe/Berlin"},
	{name: "a day of null is closed, like []", raw: `{"tz": "UTC", "tue": null, "wed": [["11:00", "22:00"]]}`, wantTZ: "UTC",
		want: Week{Days: [7][]Interval{2: {}, 3: {{Start: 660, End: 1320}}}}},
	{
		name:   "every day empty is closed all week",
		raw:    `{"tz": "Asia/Tokyo", "mon": [], "tue": [], "wed": [], "thu": [], "fri": [], "sat": [], "sun": []}`,
		wantTZ: "Asia/Tokyo",
		want:   Week{Days: [7][]Interval{{}, {}, {}, {}, {}, {}, {}}},
	},
	{
		name:   "keys in any order, tz last",
		raw:    `{"sat": [["09:05", "10:59"]], "tz": "UTC"}`,
		wantTZ: "UTC",
		want:   Week{Days: [7][]Interval{6: {{Start: 9*60 + 5, End: 10*60 + 59}}}},
	},
	{
		name:   "extremes of the clock",
		raw:    `{"tz": "UTC", "sun": [["00:00", "00:01"], ["23:59", "24:00"], ["23:59", "00:00"]]}`,
		wantTZ: "UTC",
		want:   Week{Days: [7][]Interval{{{Start: 0, End: 1}, {Start: 1439, End: 1440}, {Start: 1439, End: 0}}}},
	},

	// Not an object.
	{name: "array", raw: `[]`, wantErr: `opening hours must be a JSON object like {"tz": "Europe/Berlin", "mon": [["11:00", "22:00"]]}`},
	{name: "string", raw: `"mon"`, wantErr: `opening hours must be a JSON object like {"tz": "Europe/Berlin", "mon": [["11:00", "22:00"]]}`},
	{name: "number", raw: `42`, wantErr: `opening hours must be a JSON object like {"tz": "Europe/Berlin", "mon": [["11:00", "22:00"]]}`},
	{name: "object followed by another", raw: `{"tz": "UTC"} {}`, wantErr: "opening hours must be a single JSON object, with nothing after it"},
	{name: "object followed by garbage", raw: `{"tz": "UTC"} x`, wantErr: "opening hours must be a single JSON object, with nothing after it"},

	// Not JSON, failing at each step of the reader.
	{name: "bad literal", raw: `nul`, wantErr: "opening hours are not valid JSON: the text ends too early"},
	{name: "bad character", raw: `{"tz": "UTC",}`, wantErr: "opening hours are not valid JSON: invalid character '}' looking for beginning of object key string"},
	{name: "non-string key", raw: `{1: 2}`, wantErr: "opening hours are not valid JSON: invalid character '1'"},
	{name: "missing colon", raw: `{"tz" "UTC"}`, wantErr: "opening hours are not valid JSON: expected colon after object key"},
	{name: "truncated before the closing brace", raw: `{"tz": "UTC"`, wantErr: "opening hours are not valid JSON: the text ends too early"},

	// Keys.
	{name: "duplicate tz", raw: `{"tz": "UTC", "tz": "Europe/Berlin"}`, wantErr: `duplicate key "tz"`},
	{name: "duplicate weekday", raw: `{"tz": "UTC", "mon": [], "mon": [["11:00", "22:00"]]}`, wantErr: `duplicate key "mon"`},
	{name: "long weekday name", raw: `{"tz": "UTC", "monday": []}`, wantErr: `unknown key "monday"; want "tz" or a weekday: mon, tue, wed, thu, fri, sat, sun`},
	{name: "capitalised weekday", raw: `{"tz": "UTC", "Mon": []}`, wantErr: `unknown key "Mon"; want "tz" or a weekday: mon, tue, wed, thu, fri, sat, sun`},
	{name: "empty key", raw: `{"": []}`, wantErr: `unknown key ""; want "tz" or a weekday: mon, tue, wed, thu, fri, sat, sun`},
	{name: "capitalised tz", raw: `{"TZ": "UTC"}`, wantErr: `unknown key "TZ"; want "tz" or a weekday: mon, tue, wed, thu, fri, sat, sun`},

	// tz.
	{name: "weekdays without tz", raw: `{"mon": [["11:00", "22:00"]]}`, wantErr: `tz is required with weekdays, e.g. "tz": "Europe/Berlin"`},
	{name: "empty weekday without tz", raw: `{"mon": []}`, wantErr: `tz is required with weekdays, e.g. "tz": "Europe/Berlin"`},
	{name: "tz is a number", raw: `{"tz": 1}`, wantErr: `tz must be a time zone name like "Europe/Berlin"`},
	{name: "tz is empty", raw: `{"tz": ""}`, wantErr: `tz must name a time zone like "Europe/Berlin", not ""`},
	{name: "tz is null", raw: `{"tz": null}`, wantErr: `tz must name a time zone like "Europe/Berlin", not ""`},
	{name: "tz is Local", raw: `{"tz": "Local"}`, wantErr: `tz must name a time zone like "Europe/Berlin", not "Local"`},
	{name: "tz is unknown", raw: `{"tz": "Mars/Base"}`, wantErr: `unknown time zone "Mars/Base"`},
	{name: "tz is a path", raw: `{"tz": "../../etc/passwd"}`, wantErr: `unknown time zone "../../etc/passwd"`},

	// Shape of a weekday.
	{name: "day is a string", raw: `{"tz": "UTC", "mon": "11:00-22:00"}`, wantErr: `mon must be an array of ["HH:MM", "HH:MM"] pairs, e.g. [["11:00", "22:00"]]`},
	{name: "day is an object", raw: `{"tz": "UTC", "wed": {"11:00": "22:00"}}`, wantErr: `wed must be an array of ["HH:MM", "HH:MM"] pairs, e.g. [["11:00", "22:00"]]`},
	{name: "day is a single pair", raw: `{"tz": "UTC", "thu": ["11:00", "22:00"]}`, wantErr: `thu[0] must be a pair of "HH:MM" strings like ["11:00", "22:00"]`},
	{name: "pair of one", raw: `{"tz": "UTC", "fri": [["11:00"]]}`, wantErr: `fri[0] must be a pair of "HH:MM" strings like ["11:00", "22:00"]`},
	{name: "pair of three", raw: `{"tz": "UTC", "sat": [["11:00", "14:00", "22:00"]]}`, wantErr: `sat[0] must be a pair of "HH:MM" strings like ["11:00", "22:00"]`},
	{name: "pair of numbers", raw: `{"tz": "UTC", "sun": [[1100, 2200]]}`, wantErr: `sun[0] must be a pair of "HH:MM" strings like ["11:00", "22:00"]`},
	{name: "null pair", raw: `{"tz": "UTC", "mon": [null]}`, wantErr: `mon[0] must be a pair of "HH:MM" strings like ["11:00", "22:00"]`},
	{name: "bad second pair", raw: `{"tz": "UTC", "mon": [["11:00", "14:00"], ["17:00"]]}`, wantErr: `mon[1] must be a pair of "HH:MM" strings like ["11:00", "22:00"]`},

	// Times.
	{name: "hour 25", raw: `{"tz": "UTC", "mon": [["25:00", "26:00"]]}`, wantErr: `mon[0]: "25:00" is not a valid HH:MM time`},
	{name: "minute 60", raw: `{"tz": "UTC", "mon": [["11:60", "22:00"]]}`, wantErr: `mon[0]: "11:60" is not a valid HH:MM time`},
	{name: "24:01", raw: `{"tz": "UTC", "mon": [["11:00", "24:01"]]}`, wantErr: `mon[0]: "24:01" is not a valid HH:MM time`},
	{name: "one-digit hour", raw: `{"tz": "UTC", "mon": [["9:00", "22:00"]]}`, wantErr: `mon[0]: "9:00" is not a valid HH:MM time`},
	{name: "one-digit minute", raw: `{"tz": "UTC", "mon": [["09:0", "22:00"]]}`, wantErr: `mon[0]: "09:0" is not a valid HH:MM time`},
	{name: "seconds", raw: `{"tz": "UTC", "mon": [["09:00:00", "22:00"]]}`, wantErr: `mon[0]: "09:00:00" is not a valid HH:MM time`},
	{name: "no colon", raw: `{"tz": "UTC", "mon": [["0900", "22:00"]]}`, wantErr: `mon[0]: "0900" is not a valid HH:MM time`},
	{name: "dash for colon", raw: `{"tz": "UTC", "mon": [["09-00", "22:00"]]}`, wantErr: `mon[0]: "09-00" is not a valid HH:MM time`},
	{name: "letters", raw: `{"tz": "UTC", "mon": [["ab:cd", "22:00"]]}`, wantErr: `mon[0]: "ab:cd" is not a valid HH:MM time`},
	{name: "letter in the hour", raw: `{"tz": "UTC", "mon": [["1a:00", "22:00"]]}`, wantErr: `mon[0]: "1a:00" is not a valid HH:MM time`},
	{name: "letter in the minutes", raw: `{"tz": "UTC", "mon": [["11:0x", "22:00"]]}`, wantErr: `mon[0]: "11:0x" is not a valid HH:MM time`},
	{name: "leading letter in the minutes", raw: `{"tz": "UTC", "mon": [["11:x0", "22:00"]]}`, wantErr: `mon[0]: "11:x0" is not a valid HH:MM time`},
	{name: "empty time", raw: `{"tz": "UTC", "mon": [["", "22:00"]]}`, wantErr: `mon[0]: "" is not a valid HH:MM time`},
	{name: "null time", raw: `{"tz": "UTC", "mon": [[null, "22:00"]]}`, wantErr: `mon[0]: "" is not a valid HH:MM time`},
	{name: "fullwidth digits", raw: `{"tz": "UTC", "mon": [["１１:00", "22:00"]]}`, wantErr: `mon[0]: "１１:00" is not a valid HH:MM time`},
	{name: "padded with a space", raw: `{"tz": "UTC", "mon": [[" 9:00", "22:00"]]}`, wantErr: `mon[0]: " 9:00" is not a valid HH:MM time`},
	{name: "bad end", raw: `{"tz": "UTC", "tue": [["11:00", "22:00"], ["23:00", "25:00"]]}`, wantErr: `tue[1]: "25:00" is not a valid HH:MM time`},
	{name: "24:00 as a start", raw: `{"tz": "UTC", "mon": [["24:00", "02:00"]]}`, wantErr: `mon[0]: "24:00" can only end an interval; start the day at "00:00"`},
	{name: "empty interval", raw: `{"tz": "UTC", "mon": [["10:00", "10:00"]]}`, wantErr: `mon[0]: the interval starts and ends at "10:00", so it is empty; use ["00:00", "24:00"] for a whole day`},
	{name: "midnight to midnight", raw: `{"tz": "UTC", "sun": [["00:00", "00:00"]]}`, wantErr: `sun[0]: the interval starts and ends at "00:00", so it is empty; use ["00:00", "24:00"] for a whole day`},
	{name: "bad day reported before missing tz", raw: `{"mon": [["25:00", "26:00"]]}`, wantErr: `mon[0]: "25:00" is not a valid HH:MM time`},
}

func TestParse(t *testing.T) {
	for _, s := range parseScenarios {
		t.Run(s.name, func(t *testing.T) {
			got, err := Parse([]byte(s.raw))

			if s.wantErr != "" {
				var perr *ParseError
				if !errors.As(err, &perr) {
					t.Fatalf("got error %v (%T); want *ParseError %q", err, err, s.wantErr)
				}
				if perr.Reason != s.wantErr {
					t.Errorf("got reason %q; want %q", perr.Reason, s.wantErr)
				}
				if !reflect.DeepEqual(got, Week{}) {
					t.Errorf("got week %+v with the error; want the zero Week", got)
				}
				return
			}

			if err != nil {
				t.Fatalf("got error %v; want none", err)
			}
			gotTZ := ""
			if got.Loc != nil {
				gotTZ = got.Loc.String()
			}
			if gotTZ != s.wantTZ {
				t.Errorf("got tz %q; want %q", gotTZ, s.wantTZ)
			}
			got.Loc = nil
			if !reflect.DeepEqual(got, s.want) {
				t.Errorf("got %+v; want %+v", got, s.want)
			}
		})
	}
}

func TestParseErrorMessage(t *testing.T) {
	_, err := Parse([]byte(`{"tz": "Mars/Base"}`))
	if got, want := err.Error(), `hours: unknown time zone "Mars/Base"`; got != want {
		t.Errorf("got %q; want %q", got, want)
	}
}

// FuzzParse checks that Parse never panics and that whatever it accepts is a week IsOpen can rely on.
func FuzzParse(f *testing.F) {
	for _, s := range parseScenarios {
		f.Add([]byte(s.raw))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		w, err := Parse(raw)
		if err != nil {
			var perr *ParseError
			if !errors.As(err, &perr) {
				t.Fatalf("got error %v (%T); want a *ParseError", err, err)
			}
			return
		}
		if w.Always {
			return
		}
		if w.Loc == nil {
			t.Fatalf("Parse(%q): got a nil Loc for a scheduled week", raw)
		}
		for day, ivs := range w.Days {
			for _, iv := range ivs {
				if iv.Start < 0 || iv.Start >= minutesPerDay || iv.End < 0 || iv.End > minutesPerDay || iv.Start == iv.End {
					t.Fatalf("Parse(%q): day %d got interval %+v; want 0 <= Start < 1440, 0 <= End <= 1440, Start != End", raw, day, iv)
				}
			}
		}
	})
}
