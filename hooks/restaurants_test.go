package hooks_test

import (
	"fmt"
	"testing"
)

// TestRestaurantSlugs: every name gets a slug of the field's pattern,
// whatever its script, unique by suffix.
func TestRestaurantSlugs(t *testing.T) {
	app := newApp(t)
	defer app.Cleanup()
	srv := serve(t, app)
	for _, s := range []struct{ name, want string }{
		{"Пицца", "pitstsa"},
		{"Пицца", "pitstsa-2"},
		{"Σουβλάκι Ελλάς", "souvlaki-ellas"},
		{"寿司 Bar", "bar"},
		{"寿司", "restaurant"},
		{"寿司", "restaurant-2"},
		{"Łódź Pierogi", "lodz-pierogi"},
	} {
		status, out := call(t, srv, "admin", "POST", "/api/collections/restaurants/records", fmt.Sprintf(
			`{"name":%q,"location":{"lat":30,"lon":30},"delivery_radius_km":10,"currency":"EUR","is_active":true}`, s.name))
		if status != 200 || out["slug"] != s.want {
			t.Errorf("%s: %d %v; want slug %q", s.name, status, out, s.want)
		}
	}
}
