package gctune

import "testing"

func TestLimit(t *testing.T) {
	const gib = int64(1) << 30
	for _, c := range []struct {
		name          string
		total, cgroup int64
		want          int64
	}{
		{"machine only", 24 * gib, 0, 12 * gib},
		{"container smaller than the machine", 24 * gib, 2 * gib, gib},
		{"container limit above the machine", 4 * gib, 64 * gib, 2 * gib},
		{"container only", 0, 2 * gib, gib},
		{"nothing known", 0, 0, 0},
	} {
		if got := Limit(c.total, c.cgroup); got != c.want {
			t.Errorf("%s: Limit(%d, %d) = %d; want %d", c.name, c.total, c.cgroup, got, c.want)
		}
	}
}

func TestParseMemTotal(t *testing.T) {
	for _, c := range []struct {
		line string
		want int64
		ok   bool
	}{
		{"MemTotal:       24576000 kB", 24576000 * 1024, true},
		{"MemFree:        1000 kB", 0, false},
		{"MemTotal: 12 MB", 0, false},
		{"MemTotal: x kB", 0, false},
		{"MemTotal: -5 kB", 0, false},
		{"", 0, false},
	} {
		if got, ok := ParseMemTotal(c.line); got != c.want || ok != c.ok {
			t.Errorf("ParseMemTotal(%q) = %d, %t; want %d, %t", c.line, got, ok, c.want, c.ok)
		}
	}
}

func TestParseCgroupMax(t *testing.T) {
	for raw, want := range map[string]int64{"max\n": 0, "2147483648\n": 2147483648, "": 0, "0": 0, "junk": 0} {
		if got := ParseCgroupMax(raw); got != want {
			t.Errorf("ParseCgroupMax(%q) = %d; want %d", raw, got, want)
		}
	}
}
