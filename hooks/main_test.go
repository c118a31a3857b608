package hooks_test

import (
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/dishpatch/dishpatch/hooks"
	_ "github.com/dishpatch/dishpatch/migrations"
)

// Fixture ids: 15 characters, like PocketBase's own, so rows of the test
// tables can name them directly.
const (
	alice = "alice0000000000" // customer: owns cart K, orders O1/O3/O4, review RV1
	bob   = "bob000000000000" // another customer: owns order O2
	sam   = "sam000000000000" // staff of restaurants A and C (inactive)
	sue   = "sue000000000000" // staff of restaurant B
	cody  = "cody00000000000" // courier, assigned to O1
	dave  = "dave00000000000" // a user with nothing, for account deletion

	restA = "restaurant0000a" // active, staff sam
	restB = "restaurant0000b" // active, staff sue
	restC = "restaurant0000c" // inactive, staff sam

	itemA1 = "menuitem000000a" // in A, available, with a size option group
	itemA2 = "menuitem00000a2" // in A, unavailable
	itemB1 = "menuitem000000b" // in B
	itemC1 = "menuitem000000c" // in C

	cartK  = "cartk0000000000" // alice's cart at A
	lineK1 = "cartitemk000001" // 2 × A1 (large) in cart K

	promoP = "promop000000000"

	orderO1 = "ordero100000000" // alice at A, delivered by cody, reviewed (RV1)
	orderO2 = "ordero200000000" // bob at B, placed
	orderO3 = "ordero300000000" // alice at A, delivered, not reviewed
	orderO4 = "ordero400000000" // alice at A, placed
	orderO5 = "ordero500000000" // alice at A, delivered, reviewed 8 days ago (RV2)

	reviewRV1 = "reviewrv1000000"
	reviewRV2 = "reviewrv2000000"

	courierCR = "courier0000cody"

	adminEmail = "admin@dishpatch.test"
)

// templateDir is a migrated and seeded data dir; every test app is a copy.
var templateDir string

// tokens holds an auth token per fixture user (and "admin").
var tokens = map[string]string{}

func TestMain(m *testing.M) {
	code, err := runTests(m)
	if err != nil {
		fmt.Fprintln(os.Stderr, "test fixture:", err)
		os.Exit(1)
	}
	os.Exit(code)
}

func runTests(m *testing.M) (int, error) {
	app, err := testApp(mustTempDir())
	if err != nil {
		return 0, err
	}
	hooks.Register(app)
	if err := seed(app); err != nil {
		return 0, err
	}
	templateDir = app.DataDir()
	app.ResetBootstrapState() // close the DBs so the copies are consistent
	defer os.RemoveAll(templateDir)
	return m.Run(), nil
}

// testApp is tests.NewTestApp over a copy of dir, connected as the server
// connects (through the statement cache).
func testApp(dir string) (*tests.TestApp, error) {
	return tests.NewTestAppWithConfig(core.BaseAppConfig{
		DataDir:       dir,
		EncryptionEnv: "pb_test_env",
		DBConnect:     hooks.DBConnect,
	})
}

func mustTempDir() string {
	dir, err := os.MkdirTemp("", "dishpatch-template-*")
	if err != nil {
		panic(err)
	}
	return dir
}

// newApp is the TestAppFactory of every API scenario: a fresh copy of the
// seeded template with Dishpatch's hooks.
func newApp(t testing.TB) *tests.TestApp {
	t.Helper()
	app, err := testApp(templateDir)
	if err != nil {
		t.Fatal(err)
	}
	hooks.Register(app)
	return app
}

// auth returns the Authorization header of a fixture user ("" = anonymous).
func auth(who string) map[string]string {
	if who == "" {
		return nil
	}
	return map[string]string{"Authorization": tokens[who]}
}

type recordSpec struct {
	collection string
	id         string
	fields     map[string]any
}

func seed(app core.App) error {
	users := []struct{ id, name string }{
		{alice, "Alice"}, {bob, "Bob"}, {sam, "Sam"}, {sue, "Sue"}, {cody, "Cody"}, {dave, "Dave"},
	}
	for _, u := range users {
		if err := save(app, recordSpec{"users", u.id, map[string]any{
			"email": u.name + "@dishpatch.test", "password": "password123", "name": u.name, "verified": true,
		}}); err != nil {
			return err
		}
	}
	admin := core.NewRecord(mustCollection(app, core.CollectionNameSuperusers))
	admin.SetEmail(adminEmail)
	admin.SetPassword("password123")
	if err := app.Save(admin); err != nil {
		return err
	}

	restaurant := func(id, name string, active bool, staff ...string) recordSpec {
		return recordSpec{"restaurants", id, map[string]any{
			"name": name, "location": types.GeoPoint{Lon: 13.4050, Lat: 52.5200}, "delivery_radius_km": 5,
			"delivery_fee_base": 199, "delivery_fee_per_km": 50, "min_order": 1500, "small_order_fee": 200,
			"service_fee_bps": 500, "service_fee_max": 300, "tax_rate_bps": 700, "prices_include_tax": true,
			"currency": "EUR", "prep_minutes": 15, "is_active": active, "staff": staff, "cuisines": []string{"pizza"},
		}}
	}
	sizes := `[{"id":"size","name":"Size","min":1,"max":1,"options":[{"id":"m","name":"Medium","price":0},{"id":"l","name":"Large","price":300}]}]`
	lastWeek := types.NowDateTime().Add(-8 * 24 * time.Hour)
	specs := []recordSpec{
		restaurant(restA, "Pizza Roma", true, sam),
		restaurant(restB, "Burger Barn", true, sue),
		restaurant(restC, "Closed Café", false, sam),
		{"menu_items", itemA1, map[string]any{"restaurant": restA, "name": "Margherita", "price": 900, "is_available": true, "option_groups": sizes}},
		{"menu_items", itemA2, map[string]any{"restaurant": restA, "name": "Calzone", "price": 1100, "is_available": false}},
		{"menu_items", itemB1, map[string]any{"restaurant": restB, "name": "Cheeseburger", "price": 850, "is_available": true}},
		{"menu_items", itemC1, map[string]any{"restaurant": restC, "name": "Crème brûlée", "price": 500, "is_available": true}},
		{"carts", cartK, map[string]any{"user": alice, "restaurant": restA}},
		{"cart_items", lineK1, map[string]any{"cart": cartK, "menu_item": itemA1, "quantity": 2, "options": map[string]any{"size": []string{"l"}}}},
		{"promo_codes", promoP, map[string]any{"code": "welcome10", "kind": "percent", "value": 10, "is_active": true}},
		{"couriers", courierCR, map[string]any{"user": cody, "is_online": true, "location": types.GeoPoint{Lon: 13.41, Lat: 52.52}}},
		order(orderO1, alice, restA, "delivered", cody),
		order(orderO2, bob, restB, "placed", ""),
		order(orderO3, alice, restA, "delivered", ""),
		order(orderO4, alice, restA, "placed", ""),
		order(orderO5, alice, restA, "delivered", ""),
		{"reviews", reviewRV1, map[string]any{"order": orderO1, "rating": 5, "comment": "Great"}},
		{"reviews", reviewRV2, map[string]any{"order": orderO5, "rating": 3}},
	}
	for _, s := range specs {
		if err := save(app, s); err != nil {
			return err
		}
	}
	if _, err := app.DB().NewQuery("UPDATE reviews SET created = {:at} WHERE id = {:id}").
		Bind(map[string]any{"at": lastWeek.String(), "id": reviewRV2}).Execute(); err != nil {
		return err
	}

	for _, id := range []string{alice, bob, sam, sue, cody, dave} {
		u, err := app.FindRecordById("users", id)
		if err != nil {
			return err
		}
		if tokens[id], err = u.NewAuthToken(); err != nil {
			return err
		}
	}
	var err error
	tokens["admin"], err = admin.NewAuthToken()
	return err
}

func order(id, customer, restaurant, status, courier string) recordSpec {
	return recordSpec{"orders", id, map[string]any{
		"customer": customer, "restaurant": restaurant, "status": status, "courier": courier,
		"items": []map[string]any{}, "total": 1000, "currency": "EUR",
	}}
}

func save(app core.App, s recordSpec) error {
	r := core.NewRecord(mustCollection(app, s.collection))
	r.Set("id", s.id)
	for k, v := range s.fields {
		r.Set(k, v)
	}
	if err := app.Save(r); err != nil {
		return fmt.Errorf("seed %s %s: %w", s.collection, s.id, err)
	}
	return nil
}

func mustCollection(app core.App, name string) *core.Collection {
	c, err := app.FindCollectionByNameOrId(name)
	if err != nil {
		panic(err)
	}
	return c
}

// dbxCart selects the lines of a cart.
func dbxCart(id string) dbx.Expression {
	return dbx.HashExp{"cart": id}
}
