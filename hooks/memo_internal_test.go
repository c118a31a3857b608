package hooks

import "testing"

func TestMemo(t *testing.T) {
	var c memo[int, int]
	calls := 0
	square := func(k int) func() int { return func() int { calls++; return k * k } }
	for round := 0; round < 2; round++ {
		for k := 0; k < 10; k++ {
			if got := c.get(k, square(k)); got != k*k {
				t.Fatalf("get(%d) = %d", k, got)
			}
		}
	}
	if calls != 10 {
		t.Fatalf("computed %d times for 10 keys read twice", calls)
	}
	for k := 10; k < memoSize+10; k++ {
		c.get(k, square(k))
	}
	if len(c.m) > memoSize {
		t.Fatalf("memo holds %d entries; bound %d", len(c.m), memoSize)
	}
	if got := c.get(3, square(3)); got != 9 {
		t.Fatalf("after starting over: get(3) = %d", got)
	}
}

func TestOptionsStillOffered(t *testing.T) {
	const groups = `[{"id":"size","name":"Size","min":1,"max":1,"options":[{"id":"m","name":"M","price":0},{"id":"l","name":"L","price":300}]}]`
	for _, c := range []struct {
		groups, options string
		want            bool
	}{
		{groups, `{"size":["l"]}`, true},
		{groups, `{"size":["xl"]}`, false}, // no longer offered
		{groups, `{}`, false},              // a required group is missing
		{groups, `not json`, false},
		{`[`, `{"size":["l"]}`, false}, // unreadable groups
		{``, ``, true},                 // no groups, no options
	} {
		for range 2 { // computed, then memoized
			if got := optionsStillOffered(c.groups, c.options); got != c.want {
				t.Errorf("optionsStillOffered(%.20q, %q) = %t; want %t", c.groups, c.options, got, c.want)
			}
		}
	}
}
