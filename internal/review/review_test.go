package review

import (
	"testing"
	"time"
)

var averageScenarios = []struct {
	name       string
	sum, count int64
	want       float64
}{
	{"no reviews", 0, 0, 0},
	{"one five", 5, 1, 5},
	{"exact two decimals", 9, 2, 4.5},
	{"thirds round down", 13, 3, 4.33},
	{"two thirds round up", 14, 3, 4.67},
	{"half a hundredth rounds up", 33, 8, 4.13}, // 4.125
	{"many", 4*999 + 5, 1000, 4.00},             // 4.001
	{"negative count is none", 3, -1, 0},
}

func TestAverage(t *testing.T) {
	for _, s := range averageScenarios {
		t.Run(s.name, func(t *testing.T) {
			if got := Average(s.sum, s.count); got != s.want {
				t.Errorf("Average(%d, %d) = %v; want %v", s.sum, s.count, got, s.want)
			}
		})
	}
}

var posted = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

var editableScenarios = []struct {
	name string
	at   time.Time
	want bool
}{
	{"right away", posted, true},
	{"six days later", posted.Add(6 * 24 * time.Hour), true},
	{"exactly seven days", posted.Add(EditWindow), true},
	{"a second too late", posted.Add(EditWindow + time.Second), false},
	{"a month later", posted.AddDate(0, 1, 0), false},
}

func TestEditable(t *testing.T) {
	for _, s := range editableScenarios {
		t.Run(s.name, func(t *testing.T) {
			if got := Editable(posted, s.at); got != s.want {
				t.Errorf("Editable(%v, %v) = %v; want %v", posted, s.at, got, s.want)
			}
		})
	}
}
