// Package demo loads Dishpatch's demo data: Berlin restaurants with their
// menus, promo codes, and one login per role, so that a fresh install can be
// tried out at once (`dishpatch demo`).
package demo

import (
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Demo credentials. They are public by design: the demo data is for trying
// Dishpatch out, never for production.
const (
	// Password is the password of every demo user (customer, staff, courier).
	Password = "dishpatch-demo"
	// AdminEmail is the demo superuser, who signs in to the dashboard at /_/.
	AdminEmail = "admin@dishpatch.demo"
	// AdminPassword is the demo superuser's password.
	AdminPassword = "dishpatch-admin"
)

// foodTaxBps is the German reduced VAT rate (7 %) on delivered food.
const foodTaxBps = 700

// Login is a demo account and what it is for.
type Login struct {
	Role     string
	Name     string
	Email    string
	Password string
	// Note says what the account can do, e.g. which restaurants it manages.
	Note string
}

// Summary reports what the demo data holds after Seed.
type Summary struct {
	// Restaurants, MenuItems, Cuisines and PromoCodes count the demo data
	// (whether this run created it or found it).
	Restaurants int
	Inactive    int // restaurants hidden from customers (is_active false)
	MenuItems   int
	Cuisines    int
	PromoCodes  int
	// Codes are the demo promo codes, for trying them in a cart.
	Codes []string
	// Created and Updated count the records this run wrote; both are 0 when
	// the demo data was already complete.
	Created int
	Updated int
	// Superuser signs in to the dashboard; Logins are the customer, the
	// restaurant staff member and the courier, in that order.
	Superuser Login
	Logins    []Login
}

// demoUser is a demo account of the users collection.
type demoUser struct {
	role, name, email, phone, note string
}

var (
	customerUser = demoUser{role: "Customer", name: "Lena Schröder", email: "customer@dishpatch.demo",
		phone: "+49 30 1234567", note: "orders from any restaurant"}
	staffUser = demoUser{role: "Restaurant staff", name: "Enzo Moretti", email: "staff@dishpatch.demo",
		phone: "+49 30 2345678"}
	courierUser = demoUser{role: "Courier", name: "Mehmet Yılmaz", email: "courier@dishpatch.demo",
		phone: "+49 176 12345678", note: "online, in Mitte"}
)

// courierLocation is where the demo courier waits: Alexanderplatz, Mitte.
var courierLocation = types.GeoPoint{Lon: 13.4132, Lat: 52.5219}

// Seed loads the demo data into app, which must be migrated, with
// Dishpatch's hooks registered so that records are validated and
// normalised as any other write would be.
//
// Seed is idempotent: records are looked up by natural key (restaurant slug,
// restaurant and menu item name, promo code, e-mail) and only missing ones
// are created, so a second run creates nothing and keeps whatever an admin
// edited since. The exceptions keep the printed logins working: a demo
// account whose password no longer matches gets it reset, and the staff
// account is re-added to its restaurants if it manages none of them.
// Everything happens in one transaction, so an interrupted run leaves no
// half-seeded data. now anchors the promo codes' validity windows.
func Seed(app core.App, now time.Time) (*Summary, error) {
	var sum *Summary
	err := app.RunInTransaction(func(txApp core.App) error {
		s := &seeder{app: txApp, now: now, sum: &Summary{}}
		if err := s.run(); err != nil {
			return err
		}
		sum = s.sum
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	return sum, nil
}

// seeder holds the state of one Seed run.
type seeder struct {
	app core.App
	now time.Time
	sum *Summary
}

func (s *seeder) run() error {
	if err := s.superuser(); err != nil {
		return err
	}
	customer, err := s.user(customerUser)
	if err != nil {
		return err
	}
	staff, err := s.user(staffUser)
	if err != nil {
		return err
	}
	courier, err := s.user(courierUser)
	if err != nil {
		return err
	}
	bySlug, err := s.restaurants(staff.Id)
	if err != nil {
		return err
	}
	managed, err := s.ensureStaff(bySlug, staff.Id)
	if err != nil {
		return err
	}
	if err := s.courier(courier.Id); err != nil {
		return err
	}
	if err := s.promoCodes(bySlug); err != nil {
		return err
	}

	s.sum.Superuser = Login{Role: "Superuser", Name: "Admin", Email: AdminEmail, Password: AdminPassword,
		Note: "dashboard at /_/"}
	s.sum.Logins = []Login{
		login(customerUser, customer, customerUser.note),
		login(staffUser, staff, "manages "+strings.Join(managed, ", ")),
		login(courierUser, courier, courierUser.note),
	}
	return nil
}

// login describes a demo user for the summary, under the name the account
// has now (an admin may have renamed it).
func login(u demoUser, rec *core.Record, note string) Login {
	return Login{Role: u.role, Name: rec.GetString("name"), Email: u.email, Password: Password, Note: note}
}

// isMissing reports whether err is a lookup that found nothing.
func isMissing(err error) bool {
	return errors.Is(err, sql.ErrNoRows)
}

func (s *seeder) create(rec *core.Record) error {
	if err := s.app.Save(rec); err != nil {
		return err
	}
	s.sum.Created++
	return nil
}

func (s *seeder) update(rec *core.Record) error {
	if err := s.app.Save(rec); err != nil {
		return err
	}
	s.sum.Updated++
	return nil
}

// superuser upserts the dashboard account, like `superuser upsert`.
func (s *seeder) superuser() error {
	rec, err := s.authRecord(core.CollectionNameSuperusers, AdminEmail, AdminPassword)
	if err != nil {
		return fmt.Errorf("superuser %s: %w", AdminEmail, err)
	}
	if rec != nil {
		return nil
	}
	col, err := s.app.FindCachedCollectionByNameOrId(core.CollectionNameSuperusers)
	if err != nil {
		return fmt.Errorf("superuser %s: %w", AdminEmail, err)
	}
	rec = core.NewRecord(col)
	rec.SetEmail(AdminEmail)
	rec.SetPassword(AdminPassword)
	if err := s.create(rec); err != nil {
		return fmt.Errorf("superuser %s: %w", AdminEmail, err)
	}
	return nil
}

// user finds or creates a demo account of the users collection.
func (s *seeder) user(u demoUser) (*core.Record, error) {
	rec, err := s.authRecord("users", u.email, Password)
	if err != nil {
		return nil, fmt.Errorf("user %s: %w", u.email, err)
	}
	if rec != nil {
		return rec, nil
	}
	col, err := s.app.FindCachedCollectionByNameOrId("users")
	if err != nil {
		return nil, fmt.Errorf("user %s: %w", u.email, err)
	}
	rec = core.NewRecord(col)
	rec.SetEmail(u.email)
	rec.SetVerified(true)
	rec.SetPassword(Password)
	rec.Set("name", u.name)
	rec.Set("phone", u.phone)
	if err := s.create(rec); err != nil {
		return nil, fmt.Errorf("user %s: %w", u.email, err)
	}
	return rec, nil
}

// authRecord finds an auth record by e-mail and resets its password if it
// no longer matches; it returns nil, nil when there is no such record. A
// matching password is left alone: setting it again would also rotate the
// token key and sign the account out everywhere on every run.
func (s *seeder) authRecord(collection, email, password string) (*core.Record, error) {
	rec, err := s.app.FindAuthRecordByEmail(collection, email)
	if isMissing(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if rec.ValidatePassword(password) {
		return rec, nil
	}
	rec.SetPassword(password)
	if err := s.update(rec); err != nil {
		return nil, fmt.Errorf("reset password: %w", err)
	}
	return rec, nil
}

// restaurants finds or creates every demo restaurant and its menu, and
// returns the restaurant records by slug.
func (s *seeder) restaurants(staffID string) (map[string]*core.Record, error) {
	restaurantsCol, err := s.app.FindCachedCollectionByNameOrId("restaurants")
	if err != nil {
		return nil, err
	}
	itemsCol, err := s.app.FindCachedCollectionByNameOrId("menu_items")
	if err != nil {
		return nil, err
	}
	bySlug := make(map[string]*core.Record, len(restaurants))
	var cuisines []string
	for _, r := range restaurants {
		rec, err := s.restaurant(restaurantsCol, r, staffID)
		if err != nil {
			return nil, fmt.Errorf("restaurant %s: %w", r.slug, err)
		}
		n, err := s.menu(itemsCol, rec, r)
		if err != nil {
			return nil, fmt.Errorf("restaurant %s: menu: %w", r.slug, err)
		}
		bySlug[r.slug] = rec
		s.sum.Restaurants++
		s.sum.MenuItems += n
		if r.inactive {
			s.sum.Inactive++
		}
		for _, c := range r.cuisines {
			if !slices.Contains(cuisines, c) {
				cuisines = append(cuisines, c)
			}
		}
	}
	s.sum.Cuisines = len(cuisines)
	return bySlug, nil
}

func (s *seeder) restaurant(col *core.Collection, r restaurant, staffID string) (*core.Record, error) {
	rec, err := s.app.FindFirstRecordByData(col, "slug", r.slug)
	if !isMissing(err) {
		return rec, err
	}
	rec = core.NewRecord(col)
	rec.Set("name", r.name)
	rec.Set("slug", r.slug)
	rec.Set("description", r.description)
	rec.Set("cuisines", r.cuisines)
	rec.Set("location", types.GeoPoint{Lon: r.lon, Lat: r.lat})
	rec.Set("address", r.address)
	rec.Set("delivery_radius_km", r.radiusKm)
	rec.Set("delivery_fee_base", r.fees.base)
	rec.Set("delivery_fee_per_km", r.fees.perKm)
	rec.Set("min_order", r.fees.minOrder)
	rec.Set("small_order_fee", r.fees.smallOrder)
	rec.Set("service_fee_bps", r.fees.serviceBps)
	rec.Set("service_fee_max", r.fees.serviceMax)
	rec.Set("tax_rate_bps", foodTaxBps)
	rec.Set("prices_include_tax", !r.taxExclusive)
	rec.Set("currency", "EUR")
	rec.Set("prep_minutes", r.prepMinutes)
	if r.hours != nil {
		rec.Set("opening_hours", r.hours)
	}
	rec.Set("is_active", !r.inactive)
	if r.staff {
		rec.Set("staff", []string{staffID})
	}
	if err := s.create(rec); err != nil {
		return nil, err
	}
	return rec, nil
}

// menu creates the restaurant's missing menu items and returns how many
// items its demo menu has.
func (s *seeder) menu(col *core.Collection, restaurantRec *core.Record, r restaurant) (int, error) {
	dishes, err := pick(menus[r.menu], r.items, r.variant)
	if err != nil {
		return 0, fmt.Errorf("pool %q: %w", r.menu, err)
	}
	existing, err := s.app.FindAllRecords(col, dbx.HashExp{"restaurant": restaurantRec.Id})
	if err != nil {
		return 0, err
	}
	for i, d := range dishes {
		if slices.ContainsFunc(existing, func(rec *core.Record) bool { return rec.GetString("name") == d.name }) {
			continue
		}
		rec := core.NewRecord(col)
		rec.Set("restaurant", restaurantRec.Id)
		rec.Set("name", d.name)
		rec.Set("description", d.description)
		rec.Set("category", d.category)
		rec.Set("price", d.price)
		rec.Set("is_available", !d.soldOut)
		// Gaps of ten leave room for staff to slot items in between.
		rec.Set("sort_order", (i+1)*10)
		if d.options != "" {
			groups, ok := optionSets[d.options]
			if !ok {
				return 0, fmt.Errorf("%s: unknown option set %q", d.name, d.options)
			}
			rec.Set("option_groups", groups)
		}
		if err := s.create(rec); err != nil {
			return 0, fmt.Errorf("%s: %w", d.name, err)
		}
	}
	return len(dishes), nil
}

// pick returns n dishes of pool in menu order. It leaves out len(pool)-n
// dishes spread evenly from index variant on, rather than cutting the
// pool's end, so that every section of the menu (mains, desserts, drinks)
// stays represented and restaurants sharing a pool differ.
func pick(pool []dish, n, variant int) ([]dish, error) {
	drop := len(pool) - n
	if n < 1 || drop < 0 {
		return nil, fmt.Errorf("want %d dishes from a pool of %d", n, len(pool))
	}
	skip := make(map[int]bool, drop)
	if drop > 0 {
		step := len(pool) / drop
		for j := range drop {
			skip[(variant+j*step)%len(pool)] = true
		}
	}
	out := make([]dish, 0, n)
	for i, d := range pool {
		if !skip[i] {
			out = append(out, d)
		}
	}
	return out, nil
}

// ensureStaff makes sure the staff account manages its demo restaurants and
// returns their names. If an admin removed it from only some of them, that
// is respected; if it manages none (say the account was deleted and
// re-created), it is added back to all, so the printed staff login works.
func (s *seeder) ensureStaff(bySlug map[string]*core.Record, staffID string) ([]string, error) {
	var mine []*core.Record
	for _, r := range restaurants {
		if r.staff {
			mine = append(mine, bySlug[r.slug])
		}
	}
	managesAny := slices.ContainsFunc(mine, func(rec *core.Record) bool {
		return slices.Contains(rec.GetStringSlice("staff"), staffID)
	})
	var names []string
	for _, rec := range mine {
		if !managesAny {
			rec.Set("staff+", staffID)
			if err := s.update(rec); err != nil {
				return nil, fmt.Errorf("restaurant %s: add staff: %w", rec.GetString("slug"), err)
			}
		}
		if slices.Contains(rec.GetStringSlice("staff"), staffID) {
			names = append(names, rec.GetString("name"))
		}
	}
	return names, nil
}

// courier makes the courier account a courier, online in Mitte.
func (s *seeder) courier(userID string) error {
	_, err := s.app.FindFirstRecordByData("couriers", "user", userID)
	if !isMissing(err) {
		return err
	}
	col, err := s.app.FindCachedCollectionByNameOrId("couriers")
	if err != nil {
		return fmt.Errorf("courier: %w", err)
	}
	rec := core.NewRecord(col)
	rec.Set("user", userID)
	rec.Set("is_online", true)
	rec.Set("location", courierLocation)
	if err := s.create(rec); err != nil {
		return fmt.Errorf("courier: %w", err)
	}
	return nil
}

// promo is a demo promo code. Its validity window is relative to Seed's
// now, so that "expired" stays expired whenever the demo is loaded; a zero
// offset leaves that end of the window open.
type promo struct {
	code, kind                                      string
	value, minSubtotal, maxDiscount, maxRedemptions int
	restaurant                                      string // slug; "" for every restaurant
	startsIn, endsIn                                time.Duration
	inactive                                        bool
}

// promos are the demo codes: one of each kind, plus the cases a cart must
// refuse or limit (restaurant-specific, expired, capped, inactive).
var promos = []promo{
	{code: "WELCOME10", kind: "percent", value: 10, maxDiscount: 500},
	{code: "FIVEOFF", kind: "fixed", value: 500, minSubtotal: 2000},
	{code: "FREEDELIVERY", kind: "free_delivery"},
	{code: "ENZO20", kind: "percent", value: 20, maxDiscount: 800, restaurant: "pizzeria-da-enzo"},
	{code: "WINTER25", kind: "percent", value: 25, startsIn: -120 * 24 * time.Hour, endsIn: -30 * 24 * time.Hour},
	{code: "FIRST100", kind: "fixed", value: 300, minSubtotal: 1500, maxRedemptions: 100},
	{code: "BERLIN5", kind: "fixed", value: 500, inactive: true},
}

func (s *seeder) promoCodes(bySlug map[string]*core.Record) error {
	col, err := s.app.FindCachedCollectionByNameOrId("promo_codes")
	if err != nil {
		return fmt.Errorf("promo codes: %w", err)
	}
	for _, p := range promos {
		if err := s.promoCode(col, p, bySlug); err != nil {
			return fmt.Errorf("promo code %s: %w", p.code, err)
		}
		s.sum.PromoCodes++
		s.sum.Codes = append(s.sum.Codes, p.code)
	}
	return nil
}

func (s *seeder) promoCode(col *core.Collection, p promo, bySlug map[string]*core.Record) error {
	_, err := s.app.FindFirstRecordByData(col, "code", p.code)
	if !isMissing(err) {
		return err
	}
	rec := core.NewRecord(col)
	rec.Set("code", p.code)
	rec.Set("kind", p.kind)
	rec.Set("value", p.value)
	rec.Set("min_subtotal", p.minSubtotal)
	rec.Set("max_discount", p.maxDiscount)
	rec.Set("max_redemptions", p.maxRedemptions)
	rec.Set("is_active", !p.inactive)
	if p.startsIn != 0 {
		rec.Set("starts_at", s.now.Add(p.startsIn))
	}
	if p.endsIn != 0 {
		rec.Set("ends_at", s.now.Add(p.endsIn))
	}
	if p.restaurant != "" {
		r, ok := bySlug[p.restaurant]
		if !ok {
			return fmt.Errorf("unknown restaurant %q", p.restaurant)
		}
		rec.Set("restaurant", r.Id)
	}
	return s.create(rec)
}
