package menu

import (
	"errors"
	"fmt"
	"testing"
)

var reasonScenarios = []struct {
	name string
	err  error
	want string
}{
	{name: "nil", err: nil, want: ""},
	{name: "menu error", err: &Error{Message: `"Size" has no option "xl"`}, want: `"Size" has no option "xl"`},
	{name: "wrapped", err: fmt.Errorf("item 3: %w", &Error{Message: "x"}), want: "x"},
	{name: "foreign error is not shown", err: errors.New("sql: no rows"), want: "The options are not valid."},
}

func TestReason(t *testing.T) {
	for _, s := range reasonScenarios {
		t.Run(s.name, func(t *testing.T) {
			if got := Reason(s.err); got != s.want {
				t.Errorf("Reason(%v) = %q; want %q", s.err, got, s.want)
			}
		})
	}
}
