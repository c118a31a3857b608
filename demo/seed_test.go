package demo

import (
	"bytes"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"github.com/dishpatch/dishpatch/hooks"
	"github.com/dishpatch/dishpatch/internal/hours"
	_ "github.com/dishpatch/dishpatch/migrations"
)

// now is pinned: Wednesday 18 June 2025, 12:00 in Berlin.
var now = time.Date(2025, 6, 18, 10, 0, 0, 0, time.UTC)

// seededCollections are the collections Seed writes to.
var seededCollections = []string{"restaurants", "menu_items", "promo_codes", "users", "couriers", core.CollectionNameSuperusers}

func newTestApp(t *testing.T) *tests.TestApp {
	t.Helper()
	app, err := tests.NewTestApp(t.TempDir())
	if err != nil {
		t.Fatalf("NewTestApp: %v", err)
	}
	t.Cleanup(app.Cleanup)
	hooks.Register(app)
	return app
}

// snapshot maps each seeded record's collection and id to its updated
// timestamp, so that two snapshots are equal only when no record was added,
// removed or saved in between.
func snapshot(t *testing.T, app core.App) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, name := range seededCollections {
		recs, err := app.FindAllRecords(name)
		if err != nil {
			t.Fatalf("FindAllRecords(%s): %v", name, err)
		}
		for _, r := range recs {
			out[name+"/"+r.Id] = r.GetString("updated")
		}
	}
	return out
}

func TestSeed(t *testing.T) {
	app := newTestApp(t)

	first, err := Seed(app, now)
	if err != nil {
		t.Fatalf("first Seed: %v", err)
	}
	before := snapshot(t, app)
	second, err := Seed(app, now)
	if err != nil {
		t.Fatalf("second Seed: %v", err)
	}
	after := snapshot(t, app)

	t.Run("counts", func(t *testing.T) {
		minimums := []struct {
			name      string
			got, want int
		}{
			{"restaurants", first.Restaurants, 44},
			{"menu items", first.MenuItems, 450},
			{"cuisines", first.Cuisines, 12},
			{"promo codes", first.PromoCodes, 6},
		}
		for _, m := range minimums {
			if m.got < m.want {
				t.Errorf("%s: got %d; want at least %d", m.name, m.got, m.want)
			}
		}
		if first.Inactive != 2 {
			t.Errorf("inactive restaurants: got %d; want 2", first.Inactive)
		}
		if first.Created == 0 {
			t.Errorf("first run created nothing")
		}
		for _, c := range []struct {
			name string
			want int
		}{{"restaurants", first.Restaurants}, {"menu_items", first.MenuItems}, {"promo_codes", first.PromoCodes}} {
			n, err := app.CountRecords(c.name)
			if err != nil {
				t.Fatal(err)
			}
			if int(n) != c.want {
				t.Errorf("%s in the database: got %d; want %d as summarised", c.name, n, c.want)
			}
		}
	})

	t.Run("second run changes nothing", func(t *testing.T) {
		if second.Created != 0 || second.Updated != 0 {
			t.Errorf("second run: got %d created, %d updated; want 0, 0", second.Created, second.Updated)
		}
		if !maps.Equal(before, after) {
			t.Errorf("records changed: got %d records after, %d before, or different ids or updated times", len(after), len(before))
		}
		a, b := *first, *second
		a.Created, a.Updated, b.Created, b.Updated = 0, 0, 0, 0
		if !equalSummaries(a, b) {
			t.Errorf("summary: got %+v; want %+v", b, a)
		}
	})

	restaurantRecs, err := app.FindAllRecords("restaurants")
	if err != nil {
		t.Fatal(err)
	}
	itemRecs, err := app.FindAllRecords("menu_items")
	if err != nil {
		t.Fatal(err)
	}

	t.Run("restaurants", func(t *testing.T) {
		cuisines := map[string]bool{}
		itemsPer := map[string]int{}
		for _, it := range itemRecs {
			itemsPer[it.GetString("restaurant")]++
		}
		taxExclusive := 0
		for _, r := range restaurantRecs {
			name := r.GetString("name")
			loc := r.GetGeoPoint("location")
			if loc.Lat < 52.45 || loc.Lat > 52.56 || loc.Lon < 13.28 || loc.Lon > 13.50 {
				t.Errorf("%s: location %v is outside central Berlin", name, loc)
			}
			if !strings.HasSuffix(r.GetString("address"), " Berlin") {
				t.Errorf("%s: address %q does not end in Berlin", name, r.GetString("address"))
			}
			if n := itemsPer[r.Id]; n < 8 || n > 14 {
				t.Errorf("%s: got %d menu items; want 8 to 14", name, n)
			}
			ranges := []struct {
				field    string
				min, max float64
			}{
				{"delivery_fee_base", 0, 399}, {"delivery_fee_per_km", 0, 150}, {"min_order", 0, 2000},
				{"small_order_fee", 0, 250}, {"service_fee_bps", 0, 800}, {"delivery_radius_km", 2, 8},
				{"prep_minutes", 10, 40}, {"tax_rate_bps", 700, 700},
			}
			for _, f := range ranges {
				if v := r.GetFloat(f.field); v < f.min || v > f.max {
					t.Errorf("%s: %s = %v; want %v to %v", name, f.field, v, f.min, f.max)
				}
			}
			if r.GetString("currency") != "EUR" {
				t.Errorf("%s: currency %q; want EUR", name, r.GetString("currency"))
			}
			if !r.GetBool("prices_include_tax") {
				taxExclusive++
			}
			for _, c := range r.GetStringSlice("cuisines") {
				cuisines[c] = true
			}
		}
		if len(cuisines) < 12 {
			t.Errorf("distinct cuisines: got %d; want at least 12", len(cuisines))
		}
		if taxExclusive < 1 || taxExclusive > 3 {
			t.Errorf("restaurants with tax-exclusive prices: got %d; want a couple", taxExclusive)
		}
	})

	t.Run("opening hours", func(t *testing.T) {
		var pastMidnight, closedAllWeek, alwaysOpen int
		weeks := make([]hours.Week, 0, len(restaurantRecs))
		for _, r := range restaurantRecs {
			w, err := hours.Parse([]byte(r.GetString("opening_hours")))
			if err != nil {
				t.Fatalf("%s: %v", r.GetString("name"), err)
			}
			weeks = append(weeks, w)
			switch {
			case w.Always:
				alwaysOpen++
			case slices.IndexFunc(w.Days[:], func(d []hours.Interval) bool { return len(d) > 0 }) < 0:
				closedAllWeek++
			}
			if slices.ContainsFunc(w.Days[:], func(d []hours.Interval) bool {
				return slices.ContainsFunc(d, func(iv hours.Interval) bool { return iv.End < iv.Start })
			}) {
				pastMidnight++
			}
		}
		if pastMidnight == 0 || closedAllWeek != 1 || alwaysOpen < 1 || alwaysOpen > 2 {
			t.Errorf("got %d past midnight, %d closed all week, %d always open; want ≥ 1, 1, 1 or 2",
				pastMidnight, closedAllWeek, alwaysOpen)
		}
		// Every 30 minutes of a week, some restaurants are open and some
		// closed, so that search and checkout always have both to show.
		for at := now; at.Before(now.Add(7 * 24 * time.Hour)); at = at.Add(30 * time.Minute) {
			open := 0
			for _, w := range weeks {
				if w.IsOpen(at) {
					open++
				}
			}
			if open == 0 || open == len(weeks) {
				t.Errorf("at %v: %d of %d restaurants open; want some but not all", at, open, len(weeks))
			}
		}
	})

	t.Run("menu items", func(t *testing.T) {
		var withOptions, unavailable int
		for _, it := range itemRecs {
			if it.GetString("description") == "" || it.GetString("category") == "" {
				t.Errorf("%s: missing description or category", it.GetString("name"))
			}
			if it.GetInt("price") <= 0 {
				t.Errorf("%s: price %d; want > 0", it.GetString("name"), it.GetInt("price"))
			}
			if g := it.GetString("option_groups"); g != "" && g != "null" {
				withOptions++
			}
			if !it.GetBool("is_available") {
				unavailable++
			}
		}
		if withOptions < len(itemRecs)/4 {
			t.Errorf("items with option groups: got %d of %d; want at least a quarter", withOptions, len(itemRecs))
		}
		if unavailable == 0 || unavailable > len(itemRecs)/20 {
			t.Errorf("unavailable items: got %d; want a few", unavailable)
		}
	})

	t.Run("accented names", func(t *testing.T) {
		var names strings.Builder
		for _, r := range restaurantRecs {
			names.WriteString(r.GetString("name") + "\n")
		}
		for _, it := range itemRecs {
			names.WriteString(it.GetString("name") + "\n")
		}
		all := names.String()
		for _, want := range []string{"Café", "Crème brûlée", "Phở", "Döner", "Käsespätzle", "Straßenküche", "Açaí", "Jalapeño", "Façade", "Bánh Mì"} {
			if !strings.Contains(all, want) {
				t.Errorf("no restaurant or menu item name contains %q", want)
			}
		}
		if !strings.ContainsFunc(all, func(r rune) bool { return r > unicode.MaxASCII }) {
			t.Errorf("no accented names at all")
		}
	})

	t.Run("promo codes", func(t *testing.T) {
		code := func(c string) *core.Record {
			t.Helper()
			r, err := app.FindFirstRecordByData("promo_codes", "code", c)
			if err != nil {
				t.Fatalf("promo code %s: %v", c, err)
			}
			return r
		}
		scenarios := []struct {
			code                          string
			kind                          string
			value, minSubtotal, maxDiscnt int
		}{
			{"WELCOME10", "percent", 10, 0, 500},
			{"FIVEOFF", "fixed", 500, 2000, 0},
			{"FREEDELIVERY", "free_delivery", 0, 0, 0},
		}
		for _, s := range scenarios {
			r := code(s.code)
			if r.GetString("kind") != s.kind || r.GetInt("value") != s.value ||
				r.GetInt("min_subtotal") != s.minSubtotal || r.GetInt("max_discount") != s.maxDiscnt || !r.GetBool("is_active") {
				t.Errorf("%s: got kind %s value %d min %d max %d active %v; want %s %d %d %d true", s.code,
					r.GetString("kind"), r.GetInt("value"), r.GetInt("min_subtotal"), r.GetInt("max_discount"), r.GetBool("is_active"),
					s.kind, s.value, s.minSubtotal, s.maxDiscnt)
			}
		}
		all, err := app.FindAllRecords("promo_codes")
		if err != nil {
			t.Fatal(err)
		}
		var restaurantOnly, expired, capped int
		for _, r := range all {
			if r.GetString("restaurant") != "" {
				restaurantOnly++
			}
			if end := r.GetDateTime("ends_at"); !end.IsZero() && end.Time().Before(now) {
				expired++
			}
			if r.GetInt("max_redemptions") > 0 {
				capped++
			}
		}
		if restaurantOnly == 0 || expired == 0 || capped == 0 {
			t.Errorf("got %d restaurant-specific, %d expired, %d capped codes; want at least one of each",
				restaurantOnly, expired, capped)
		}
	})

	t.Run("logins", func(t *testing.T) {
		logins := map[string]Login{core.CollectionNameSuperusers: first.Superuser}
		for _, l := range first.Logins {
			logins["users/"+l.Email] = l
		}
		if len(first.Logins) != 3 {
			t.Fatalf("logins: got %d; want customer, staff and courier", len(first.Logins))
		}
		for key, l := range logins {
			collection := "users"
			if key == core.CollectionNameSuperusers {
				collection = core.CollectionNameSuperusers
			}
			rec, err := app.FindAuthRecordByEmail(collection, l.Email)
			if err != nil {
				t.Errorf("%s %s: %v", collection, l.Email, err)
				continue
			}
			if !rec.ValidatePassword(l.Password) {
				t.Errorf("%s: password %q does not validate", l.Email, l.Password)
			}
			if collection == "users" && (!rec.Verified() || rec.GetString("name") == "" || rec.GetString("phone") == "") {
				t.Errorf("%s: want a verified account with name and phone", l.Email)
			}
		}

		staff, err := app.FindAuthRecordByEmail("users", staffUser.email)
		if err != nil {
			t.Fatal(err)
		}
		managed := 0
		for _, r := range restaurantRecs {
			if slices.Contains(r.GetStringSlice("staff"), staff.Id) {
				managed++
			}
		}
		if managed < 2 || managed > 3 {
			t.Errorf("restaurants managed by the staff login: got %d; want 2 or 3", managed)
		}

		courier, err := app.FindAuthRecordByEmail("users", courierUser.email)
		if err != nil {
			t.Fatal(err)
		}
		c, err := app.FindFirstRecordByData("couriers", "user", courier.Id)
		if err != nil {
			t.Fatalf("courier record: %v", err)
		}
		if !c.GetBool("is_online") || c.GetGeoPoint("location").Lat == 0 {
			t.Errorf("courier: got online %v at %v; want online with a location", c.GetBool("is_online"), c.GetGeoPoint("location"))
		}
	})

	t.Run("password reset", func(t *testing.T) {
		rec, err := app.FindAuthRecordByEmail("users", customerUser.email)
		if err != nil {
			t.Fatal(err)
		}
		rec.SetPassword("changed-by-someone")
		if err := app.Save(rec); err != nil {
			t.Fatal(err)
		}
		sum, err := Seed(app, now)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Created != 0 || sum.Updated != 1 {
			t.Errorf("got %d created, %d updated; want 0, 1 (the reset password)", sum.Created, sum.Updated)
		}
		rec, err = app.FindAuthRecordByEmail("users", customerUser.email)
		if err != nil {
			t.Fatal(err)
		}
		if !rec.ValidatePassword(Password) {
			t.Errorf("password was not reset to %q", Password)
		}
	})

	t.Run("command", func(t *testing.T) {
		cmd := Command(app)
		var out bytes.Buffer
		cmd.SetOut(&out)
		cmd.SetArgs([]string{})
		if err := cmd.Execute(); err != nil {
			t.Fatalf("demo command: %v", err)
		}
		for _, want := range []string{AdminEmail, AdminPassword, customerUser.email, staffUser.email, courierUser.email,
			Password, "WELCOME10", "nothing was changed"} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("output lacks %q:\n%s", want, out.String())
			}
		}
	})
}

// equalSummaries compares two summaries field by field.
func equalSummaries(a, b Summary) bool {
	return a.Restaurants == b.Restaurants && a.Inactive == b.Inactive && a.MenuItems == b.MenuItems &&
		a.Cuisines == b.Cuisines && a.PromoCodes == b.PromoCodes && a.Created == b.Created && a.Updated == b.Updated &&
		slices.Equal(a.Codes, b.Codes) && a.Superuser == b.Superuser && slices.Equal(a.Logins, b.Logins)
}

// TestPick checks that dropped dishes are spread over the pool and that
// asking for more dishes than a pool has is an error.
func TestPick(t *testing.T) {
	pool := make([]dish, 10)
	for i := range pool {
		pool[i].name = string(rune('a' + i))
	}
	scenarios := []struct {
		name       string
		n, variant int
		want       string
		wantErr    bool
	}{
		{"all", 10, 3, "abcdefghij", false},
		{"drop two, spread", 8, 0, "bcdeghij", false},
		{"drop two from variant", 8, 2, "abdefgij", false},
		{"drop half", 5, 1, "acegi", false},
		{"wraps around", 8, 7, "abdefgij", false},
		{"too many", 11, 0, "", true},
		{"none", 0, 0, "", true},
	}
	for _, s := range scenarios {
		t.Run(s.name, func(t *testing.T) {
			got, err := pick(pool, s.n, s.variant)
			if (err != nil) != s.wantErr {
				t.Fatalf("error: got %v; want error %v", err, s.wantErr)
			}
			var names strings.Builder
			for _, d := range got {
				names.WriteString(d.name)
			}
			if names.String() != s.want {
				t.Errorf("got %q; want %q", names.String(), s.want)
			}
		})
	}
}
