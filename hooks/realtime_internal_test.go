package hooks

import "testing"

func TestAdmit(t *testing.T) {
	v := func(updated string, moves int) eventVersion { return eventVersion{updated: updated, moves: moves} }
	gone := func(updated string) eventVersion { return eventVersion{updated: updated, deleted: true} }
	cases := []struct {
		name string
		sent []eventVersion // sent before, in order, for the same record
		next eventVersion
		want bool
	}{
		{"first event", nil, v("2026-12-04 10:00:00.001Z", 0), true},
		{"newer", []eventVersion{v("2026-12-04 10:00:00.001Z", 0)}, v("2026-12-04 10:00:00.002Z", 0), true},
		{"older", []eventVersion{v("2026-12-04 10:00:00.002Z", 0)}, v("2026-12-04 10:00:00.001Z", 0), false},
		{"the same version again (a second subscription)", []eventVersion{v("2026-12-04 10:00:00.002Z", 1)}, v("2026-12-04 10:00:00.002Z", 1), true},
		{"same millisecond, longer history", []eventVersion{v("2026-12-04 10:00:00.002Z", 1)}, v("2026-12-04 10:00:00.002Z", 2), true},
		{"same millisecond, shorter history", []eventVersion{v("2026-12-04 10:00:00.002Z", 2)}, v("2026-12-04 10:00:00.002Z", 1), false},
		{"older across seconds", []eventVersion{v("2026-12-04 10:00:01.000Z", 0)}, v("2026-12-04 10:00:00.999Z", 0), false},
		{"delete after updates", []eventVersion{v("2026-12-04 10:00:00.002Z", 0)}, gone("2026-12-04 10:00:00.002Z"), true},
		{"delete carrying an older version", []eventVersion{v("2026-12-04 10:00:00.003Z", 0)}, gone("2026-12-04 10:00:00.002Z"), true},
		{"update after delete", []eventVersion{gone("2026-12-04 10:00:00.002Z")}, v("2026-12-04 10:00:00.001Z", 0), false},
		{"newer update after delete", []eventVersion{gone("2026-12-04 10:00:00.002Z")}, v("2026-12-04 10:00:00.009Z", 0), false},
		{"delete twice", []eventVersion{gone("2026-12-04 10:00:00.002Z")}, gone("2026-12-04 10:00:00.002Z"), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sent := map[string]eventVersion{}
			for _, s := range c.sent {
				if !admit(sent, "carts/a", s) {
					t.Fatalf("setup: %v refused", s)
				}
			}
			if got := admit(sent, "carts/a", c.next); got != c.want {
				t.Errorf("admit(%v) after %v = %v; want %v", c.next, c.sent, got, c.want)
			}
			if !admit(sent, "carts/b", c.next) {
				t.Error("another record's history refused its first event")
			}
		})
	}
}

func TestAdmitForgetsPastTheBound(t *testing.T) {
	sent := map[string]eventVersion{}
	for i := range maxTrackedRecords + 10 {
		admit(sent, string(rune('a'+i%26))+string(rune(i)), eventVersion{updated: "x"})
	}
	if len(sent) > maxTrackedRecords {
		t.Errorf("tracked %d records; want at most %d", len(sent), maxTrackedRecords)
	}
}
