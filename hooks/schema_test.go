package hooks_test

import (
	"net/http"
	"os"
	"slices"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
)

// schema is what the contract says each collection has: field → type, and
// the rules (nil = superusers only).
var schema = []struct {
	name   string
	fields map[string]string
	rules  [5]*string // list, view, create, update, delete
}{
	{"users", map[string]string{"email": "email", "name": "text", "phone": "text", "avatar": "file"},
		rules("id = @request.auth.id", "id = @request.auth.id", "", "id = @request.auth.id", "id = @request.auth.id")},
	{"restaurants", map[string]string{
		"name": "text", "slug": "text", "description": "text", "cuisines": "select", "location": "geoPoint",
		"address": "text", "delivery_radius_km": "number", "delivery_fee_base": "number", "delivery_fee_per_km": "number",
		"min_order": "number", "small_order_fee": "number", "service_fee_bps": "number", "service_fee_max": "number",
		"tax_rate_bps": "number", "prices_include_tax": "bool", "currency": "text", "prep_minutes": "number",
		"opening_hours": "json", "is_active": "bool", "rating_avg": "number", "rating_count": "number",
		"cover": "file", "staff": "relation"},
		[5]*string{p(restaurantRead), p(restaurantRead), nil, p(`@request.auth.id != "" && staff.id ?= @request.auth.id`), nil}},
	{"menu_items", map[string]string{
		"restaurant": "relation", "name": "text", "description": "text", "category": "text", "price": "number",
		"is_available": "bool", "sort_order": "number", "image": "file", "option_groups": "json"},
		rules(menuRead, menuRead, menuWrite, menuWrite, menuWrite)},
	{"carts", map[string]string{
		"user": "relation", "restaurant": "relation", "promo_code": "text", "delivery_location": "geoPoint",
		"subtotal": "number", "discount": "number", "delivery_fee": "number", "service_fee": "number",
		"small_order_fee": "number", "tax": "number", "total": "number", "item_count": "number", "currency": "text",
		"distance_km": "number", "blockers": "json"},
		rules(cartOwner, cartOwner, `@request.auth.id != ""`, cartOwner, cartOwner)},
	{"cart_items", map[string]string{
		"cart": "relation", "menu_item": "relation", "quantity": "number", "options": "json", "note": "text",
		"name": "text", "unit_price": "number", "line_total": "number"},
		rules(itemOwner, itemOwner, `@request.auth.id != ""`, itemOwner, itemOwner)},
	{"promo_codes", map[string]string{
		"code": "text", "kind": "select", "value": "number", "min_subtotal": "number", "max_discount": "number",
		"starts_at": "date", "ends_at": "date", "max_redemptions": "number", "redemptions": "number",
		"restaurant": "relation", "is_active": "bool"},
		[5]*string{}},
	{"orders", map[string]string{
		"customer": "relation", "restaurant": "relation", "courier": "relation", "status": "select", "items": "json",
		"subtotal": "number", "discount": "number", "delivery_fee": "number", "service_fee": "number",
		"small_order_fee": "number", "tax": "number", "total": "number", "item_count": "number", "currency": "text",
		"promo_code": "text", "delivery_location": "geoPoint", "delivery_address": "text", "note": "text",
		"distance_km": "number", "eta": "date", "status_history": "json", "courier_location": "geoPoint",
		"idempotency_key": "text"},
		[5]*string{p(orderRead), p(orderRead), nil, nil, nil}},
	{"reviews", map[string]string{
		"order": "relation", "restaurant": "relation", "customer": "relation", "rating": "number", "comment": "text"},
		[5]*string{p(reviewRead), p(reviewRead), p(`@request.auth.id != ""`), p(reviewOwn), p(reviewOwn)}},
	{"couriers", map[string]string{"user": "relation", "is_online": "bool", "location": "geoPoint"},
		[5]*string{p(courierRead), p(courierRead), nil, p(`@request.auth.id != "" && user = @request.auth.id`), nil}},
}

const (
	restaurantRead = `is_active = true || (@request.auth.id != "" && staff.id ?= @request.auth.id)`
	menuRead       = `restaurant.is_active = true || (@request.auth.id != "" && restaurant.staff.id ?= @request.auth.id)`
	menuWrite      = `@request.auth.id != "" && restaurant.staff.id ?= @request.auth.id`
	cartOwner      = `@request.auth.id != "" && user = @request.auth.id`
	itemOwner      = `@request.auth.id != "" && cart.user = @request.auth.id`
	orderRead      = `@request.auth.id != "" && (customer = @request.auth.id || courier = @request.auth.id || restaurant.staff.id ?= @request.auth.id)`
	reviewRead     = `restaurant.is_active = true || (@request.auth.id != "" && (customer = @request.auth.id || restaurant.staff.id ?= @request.auth.id))`
	reviewOwn      = `@request.auth.id != "" && customer = @request.auth.id`
	courierRead    = `@request.auth.id != "" && (user = @request.auth.id || @collection.restaurants.staff.id ?= @request.auth.id)`
)

func p(s string) *string { return &s }

func rules(list, view, create, update, del string) [5]*string {
	return [5]*string{p(list), p(view), p(create), p(update), p(del)}
}

// TestCollectionsAPI checks what the dashboard and SDK users see: every
// collection of the contract, listed by GET /api/collections.
func TestCollectionsAPI(t *testing.T) {
	want := []string{}
	for _, c := range schema {
		want = append(want, `"name":"`+c.name+`"`)
	}
	s := tests.ApiScenario{
		Name:            "superuser lists the nine collections",
		Method:          http.MethodGet,
		URL:             "/api/collections?perPage=100",
		Headers:         auth(admin),
		ExpectedStatus:  200,
		ExpectedContent: want,
		TestAppFactory:  newApp,
	}
	s.Test(t)
}

// TestSchema checks each collection's fields, their types and its rules.
func TestSchema(t *testing.T) {
	app := newApp(t)
	defer app.Cleanup()
	for _, want := range schema {
		t.Run(want.name, func(t *testing.T) {
			c, err := app.FindCollectionByNameOrId(want.name)
			if err != nil {
				t.Fatalf("collection %s: %v", want.name, err)
			}
			for name, typ := range want.fields {
				f := c.Fields.GetByName(name)
				if f == nil {
					t.Errorf("field %s.%s: missing", want.name, name)
					continue
				}
				if f.Type() != typ {
					t.Errorf("field %s.%s: got type %s; want %s", want.name, name, f.Type(), typ)
				}
			}
			got := [5]*string{c.ListRule, c.ViewRule, c.CreateRule, c.UpdateRule, c.DeleteRule}
			for i, verb := range []string{"list", "view", "create", "update", "delete"} {
				if str(got[i]) != str(want.rules[i]) {
					t.Errorf("%s rule: got %s; want %s", verb, str(got[i]), str(want.rules[i]))
				}
			}
		})
	}
}

func str(s *string) string {
	if s == nil {
		return "<superusers only>"
	}
	return "`" + *s + "`"
}

// TestMigrationsTwice runs the migrations on an empty data dir, then again
// on the same dir from a new process-like app: no error, nothing duplicated.
func TestMigrationsTwice(t *testing.T) {
	dir := t.TempDir()
	first := core.NewBaseApp(core.BaseAppConfig{DataDir: dir})
	if err := first.Bootstrap(); err != nil {
		t.Fatal(err)
	}
	if err := first.RunAllMigrations(); err != nil {
		t.Fatalf("first run: %v", err)
	}
	before := collectionNames(t, first)
	if err := first.ResetBootstrapState(); err != nil {
		t.Fatal(err)
	}

	second := core.NewBaseApp(core.BaseAppConfig{DataDir: dir})
	if err := second.Bootstrap(); err != nil {
		t.Fatal(err)
	}
	defer second.ResetBootstrapState()
	if err := second.RunAllMigrations(); err != nil {
		t.Fatalf("second run: %v", err)
	}
	after := collectionNames(t, second)
	if !slices.Equal(before, after) {
		t.Errorf("collections after the second run: got %v; want %v", after, before)
	}
	for _, c := range schema {
		if !slices.Contains(after, c.name) {
			t.Errorf("collection %s: missing after migrations", c.name)
		}
	}
	if _, err := os.Stat(dir + "/data.db"); err != nil {
		t.Errorf("data.db: %v", err)
	}
	if s := second.Settings(); !s.RateLimits.Enabled || !s.Batch.Enabled {
		t.Errorf("settings: rate limits enabled %v, batch enabled %v; want both on", s.RateLimits.Enabled, s.Batch.Enabled)
	}
}

func collectionNames(t *testing.T, app core.App) []string {
	t.Helper()
	var names []string
	if err := app.DB().NewQuery("SELECT name FROM _collections ORDER BY name").Column(&names); err != nil {
		t.Fatal(err)
	}
	return names
}
