package hooks

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/dishpatch/dishpatch/internal/cart"
	"github.com/dishpatch/dishpatch/internal/geo"
	"github.com/dishpatch/dishpatch/internal/hours"
	"github.com/dishpatch/dishpatch/internal/menu"
	"github.com/dishpatch/dishpatch/internal/promo"
)

// now is the clock of the cart engine; tests may pin it.
var now = time.Now

func registerCarts(app core.App) {
	app.OnRecordCreateRequest("carts").BindFunc(claimCart)
	app.OnRecordValidate("carts").BindFunc(validateCartPromo)
	app.OnRecordCreateExecute("carts").BindFunc(recomputeCartOnSave)
	app.OnRecordUpdateExecute("carts").BindFunc(recomputeCartOnSave)
	app.OnRecordDeleteExecute("carts").BindFunc(markCartDeleting)
}

// claimCart makes the caller the cart's owner when `user` is left empty and
// refuses another user's id or a restaurant the caller cannot see, with
// field errors rather than a bare rule failure.
func claimCart(e *core.RecordRequestEvent) error {
	if e.HasSuperuserAuth() {
		return e.Next()
	}
	if e.Auth == nil {
		return e.UnauthorizedError("Sign in to create a cart.", nil)
	}
	switch e.Record.GetString("user") {
	case "":
		e.Record.Set("user", e.Auth.Id)
	case e.Auth.Id:
	default:
		return e.BadRequestError("Invalid cart owner.",
			fieldError("user", "not_caller", "A cart always belongs to the signed-in user."))
	}
	if id := e.Record.GetString("restaurant"); id != "" {
		r, err := e.App.FindRecordById("restaurants", id)
		if err != nil || (!r.GetBool("is_active") && !isStaff(r, e.Auth.Id)) {
			return e.BadRequestError("Unknown restaurant.",
				fieldError("restaurant", "unknown_restaurant", "This restaurant does not exist or is not taking orders."))
		}
	}
	return e.Next()
}

// validateCartPromo refuses a newly entered promo code that is unknown or
// cannot be used at this restaurant now, and stores it in canonical form.
// A code that was valid when entered but stops being eligible later is not
// an error: the recompute reports it as a promo_ineligible blocker.
func validateCartPromo(e *core.RecordEvent) error {
	c := e.Record
	entered := c.GetString("promo_code")
	if entered != "" && promoKey(entered) == "" {
		c.Set("promo_code", "") // only spaces: no code, like ""
		return e.Next()
	}
	if entered == "" {
		return e.Next()
	}
	if stored := c.Original().GetString("promo_code"); !c.IsNew() && promoKey(entered) == promoKey(stored) {
		// The code the cart already has, resent in any spelling: kept as
		// stored, and not checked again (a used-up code stays on the cart
		// with its promo_ineligible blocker).
		c.Set("promo_code", stored)
		return e.Next()
	}
	code, err := findPromo(e.App, entered)
	if err != nil {
		return fieldError("promo_code", "unknown_promo_code", "This promo code does not exist.")
	}
	if err := code.Usable(now(), c.GetString("restaurant")); err != nil {
		return fieldError("promo_code", "promo_code_unusable", promo.Reason(err))
	}
	c.Set("promo_code", code.Code)
	return e.Next()
}

// deletingCarts holds the ids of carts being deleted, so that the cascade
// deleting their items does not recompute (and broadcast) a dying cart.
var deletingCarts sync.Map

func markCartDeleting(e *core.RecordEvent) error {
	deletingCarts.Store(e.Record.Id, struct{}{})
	defer deletingCarts.Delete(e.Record.Id)
	return e.Next()
}

// recomputeCartOnSave computes every server field of the cart inside the
// transaction that writes it, so a reader or realtime subscriber never sees
// totals that disagree with the items.
func recomputeCartOnSave(e *core.RecordEvent) error {
	if quoted, _ := contextValue(e.Context, quotedCart{}).(*core.Record); quoted != nil && quoted == e.Record {
		return e.Next() // priced by requoteCart in this transaction
	}
	return inTransaction(e, func(tx core.App) error {
		if err := applyQuote(tx, e.Record); err != nil {
			return err
		}
		return e.Next()
	})
}

// contextValue is ctx.Value(key), or nil for a nil ctx.
func contextValue(ctx context.Context, key any) any {
	if ctx == nil {
		return nil
	}
	return ctx.Value(key)
}

// quotedCart marks, in a save's context, the cart record whose server
// fields requoteCart has just computed inside the save's transaction.
type quotedCart struct{}

// quoteBasis is what a cart's quote depends on besides its lines, read
// before the write transaction so that the serialised section stays short,
// with the versions of the records it came from.
type quoteBasis struct {
	in                cart.Input // without Lines
	cartUpdated       string
	restaurantUpdated string
}

// readQuoteBasis reads the basis of cart c's quote (its restaurant's terms;
// its promo code is read in the transaction, as a checkout elsewhere may
// take its last redemption at any moment).
func readQuoteBasis(app core.App, c *core.Record) (quoteBasis, error) {
	b := quoteBasis{cartUpdated: c.GetDateTime("updated").String()}
	t := now()
	b.in = cart.Input{Now: t}
	var currency string
	var err error
	b.in.Restaurant, currency, b.restaurantUpdated, err = restaurantTerms(app, c.GetString("restaurant"), t)
	if errors.Is(err, sql.ErrNoRows) {
		return b, fieldError("restaurant", "unknown_restaurant", "This restaurant does not exist.")
	}
	if err != nil {
		return b, err
	}
	c.Set("currency", currency)
	if p, ok := geoPoint(c, "delivery_location"); ok {
		b.in.Delivery = &p
	}
	return b, nil
}

// stillCurrent reports, inside the write transaction, whether cart c, its
// restaurant and (unless "") menu item menuItem are still the versions the
// basis and the item's price were read from. Every change of a cart, its
// items, its restaurant's terms or a menu item re-saves the record and so
// moves its updated time. The cart's own inputs are compared as well, as
// its owner may edit it from two devices at once; the restaurant and the
// menu item are compared by updated time only, which would miss a change
// only if the record were saved twice within one millisecond with this
// write's read in between.
//
// With a line change, it also decides whether the cart's other lines can
// be priced from the cart's stored totals (see lineChange.rest).
func (b quoteBasis) stillCurrent(tx core.App, c *core.Record, menuItem, menuItemUpdated string, line *lineChange) (bool, error) {
	ex, err := sqlReader(tx)
	if err != nil {
		return false, err
	}
	var updated, restaurant, promoCode, restaurantUpdated, itemUpdated, blockers string
	var location types.GeoPoint
	var subtotal, itemCount float64
	var lineTotal, lineQuantity sql.NullFloat64
	lineID := ""
	if line != nil {
		lineID = line.id
	}
	err = ex.QueryRowContext(context.Background(), `SELECT c.updated, c.restaurant, c.promo_code, c.delivery_location,
			coalesce((SELECT r.updated FROM restaurants r WHERE r.id = c.restaurant), ''),
			coalesce((SELECT m.updated FROM menu_items m WHERE m.id = ?), ''),
			c.subtotal, c.item_count, coalesce(c.blockers, ''), ci.line_total, ci.quantity
		FROM carts c LEFT JOIN cart_items ci ON ci.id = ? AND ci.cart = c.id
		WHERE c.id = ?`, menuItem, lineID, c.Id).
		Scan(&updated, &restaurant, &promoCode, &location, &restaurantUpdated, &itemUpdated,
			&subtotal, &itemCount, &blockers, &lineTotal, &lineQuantity)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	current := updated == b.cartUpdated && restaurant == c.GetString("restaurant") &&
		promoCode == c.GetString("promo_code") && location == c.GetRaw("delivery_location") &&
		restaurantUpdated == b.restaurantUpdated && (menuItem == "" || itemUpdated == menuItemUpdated)
	if current && line != nil {
		stored := cart.Totals{Subtotal: int64(lineTotal.Float64), ItemCount: int64(lineQuantity.Float64)}
		if lineTotal.Valid == line.stored && lineQuantity.Valid == line.stored && stored == line.before &&
			int64(subtotal) == int64(c.GetInt("subtotal")) && int64(itemCount) == int64(c.GetInt("item_count")) &&
			!strings.Contains(blockers, `"`+cart.ItemUnavailable+`"`) {
			rest := cart.Totals{Subtotal: int64(subtotal) - stored.Subtotal, ItemCount: int64(itemCount) - stored.ItemCount}
			if rest.Subtotal >= 0 && rest.ItemCount >= 0 {
				line.rest = &rest
			}
		}
	}
	return current, nil
}

// lineChange is what a customer's cart write does to one line, so that the
// cart can be requoted from its stored totals and that line instead of
// from every line (a cart read line by line costs the single writer time in
// proportion to its size).
type lineChange struct {
	id     string
	stored bool        // the line is stored (an update or delete)
	before cart.Totals // its stored line_total and quantity, when stored
	after  *cart.Line  // the line as written; nil when deleted
	// rest, set by stillCurrent, sums the cart's other lines: the cart's
	// stored subtotal and item count less the line's stored values. It is
	// set only when those are the ones read with the cart and none of the
	// cart's lines is unavailable, as cart.Input.Rest requires: every change
	// of a line, of its menu item or of its availability requotes the cart
	// in the same transaction, so the stored totals are its lines' sums.
	rest *cart.Totals
}

// requoteCart prices cart c from basis b, its promo code and its lines as
// they are now in transaction tx, and saves it. With line.rest set, the
// other lines come from the cart's stored totals instead.
func requoteCart(tx core.App, ctx context.Context, c *core.Record, b quoteBasis, line *lineChange) error {
	if _, dying := deletingCarts.Load(c.Id); dying {
		return nil
	}
	var in cart.Input
	if line != nil && line.rest != nil {
		in = b.withPromo(tx, c)
		in.Rest = *line.rest
		if line.after != nil {
			in.Lines = []cart.Line{*line.after}
		}
	} else {
		var err error
		if in, err = b.complete(tx, c); err != nil {
			return err
		}
	}
	setQuote(c, cart.Compute(in))
	if ctx == nil {
		ctx = context.Background()
	}
	return tx.SaveNoValidateWithContext(context.WithValue(ctx, quotedCart{}, c), c)
}

// recomputeCartByID re-saves a cart so that its totals follow a change of
// its items, its restaurant or its menu items. tx must be a transaction.
func recomputeCartByID(tx core.App, cartID string) error {
	if _, dying := deletingCarts.Load(cartID); dying {
		return nil
	}
	c, err := tx.FindRecordById("carts", cartID)
	if err != nil {
		return nil // deleted meanwhile: nothing to recompute
	}
	return tx.SaveNoValidate(c)
}

// recomputeCart is recomputeCartByID for a cart record read in tx.
func recomputeCart(tx core.App, c *core.Record) error {
	if _, dying := deletingCarts.Load(c.Id); dying {
		return nil
	}
	return tx.SaveNoValidate(c)
}

// applyQuote loads what the cart's price depends on and writes the quote
// into the cart's server fields.
func applyQuote(app core.App, c *core.Record) error {
	in, err := quoteInput(app, c)
	if err != nil {
		return err
	}
	setQuote(c, cart.Compute(in))
	return nil
}

// setQuote writes quote q into cart c's server fields.
func setQuote(c *core.Record, q cart.Quote) {
	c.Set("subtotal", q.Subtotal)
	c.Set("discount", q.Discount)
	c.Set("delivery_fee", q.DeliveryFee)
	c.Set("service_fee", q.ServiceFee)
	c.Set("small_order_fee", q.SmallOrderFee)
	c.Set("tax", q.Tax)
	c.Set("total", q.Total)
	c.Set("item_count", q.ItemCount)
	c.Set("blockers", q.Blockers)
	distance := 0.0
	if q.HasDistance {
		distance = geo.KmFromM(q.DistanceM)
	}
	c.Set("distance_km", distance)
}

// quoteInput gathers the cart's lines, restaurant terms and promo code.
func quoteInput(app core.App, c *core.Record) (cart.Input, error) {
	b, err := readQuoteBasis(app, c)
	if err != nil {
		return b.in, err
	}
	return b.complete(app, c)
}

// complete adds cart c's promo code and lines, as app reads them now, to
// the basis.
func (b quoteBasis) complete(app core.App, c *core.Record) (cart.Input, error) {
	in := b.withPromo(app, c)
	if c.IsNew() {
		return in, nil
	}
	var err error
	in.Lines, err = cartLines(app, c.Id)
	return in, err
}

// withPromo adds cart c's promo code, as app reads it now, to the basis (an
// unknown code marks the input PromoMissing).
func (b quoteBasis) withPromo(app core.App, c *core.Record) cart.Input {
	in := b.in
	if code := c.GetString("promo_code"); code != "" {
		p, err := findPromo(app, code)
		if err != nil {
			in.PromoMissing = true
		} else {
			in.Promo = &p
		}
	}
	return in
}

// cartLines reads the stored lines of a cart together with the current
// state of their menu items, in one query: a line whose item is no longer
// available, or whose chosen options are no longer offered, blocks
// checkout.
func cartLines(app core.App, cartID string) ([]cart.Line, error) {
	ex, err := sqlReader(app)
	if err != nil {
		return nil, err
	}
	rows, err := ex.QueryContext(context.Background(), `
		SELECT ci.menu_item, ci.name, ci.unit_price, ci.quantity, coalesce(ci.options, ''),
		       mi.id IS NOT NULL, coalesce(mi.is_available, 0), coalesce(mi.option_groups, '')
		FROM cart_items ci LEFT JOIN menu_items mi ON mi.id = ci.menu_item
		WHERE ci.cart = ?
		ORDER BY ci.created, ci.id`, cartID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var lines []cart.Line
	for rows.Next() {
		var l cart.Line
		var options, groups string
		var exists, available bool
		if err := rows.Scan(&l.MenuItem, &l.Name, &l.UnitPrice, &l.Quantity, &options, &exists, &available, &groups); err != nil {
			return nil, err
		}
		l.Available = exists && available && optionsStillOffered(groups, options)
		lines = append(lines, l)
	}
	return lines, rows.Err()
}

// optionsStillOffered reports whether a line's chosen options (JSON) are
// still a valid choice among its menu item's option groups (JSON). Every
// cart write asks this of each of its lines; the answer depends on the two
// texts only, so it is memoized by them.
func optionsStillOffered(optionGroupsJSON, options string) bool {
	return offered.get([2]string{optionGroupsJSON, options}, func() bool {
		groups, err := optionGroups([]byte(optionGroupsJSON))
		if err != nil {
			return false
		}
		sel, err := menu.ParseSelection([]byte(options))
		if err != nil {
			return false
		}
		_, err = menu.Select(groups, sel)
		return err == nil
	})
}

// offered memoizes optionsStillOffered.
var offered memo[[2]string, bool]

// restaurantTerms reads the pricing terms of restaurant id at instant t,
// its currency and its updated time (as stored, which stillCurrent
// compares). Every cart write and checkout reads them, so only these
// columns are read, without building a record.
func restaurantTerms(app core.App, id string, t time.Time) (terms cart.Restaurant, currency, updated string, err error) {
	ex, err := sqlReader(app)
	if err != nil {
		return terms, "", "", err
	}
	var base, perKm, minOrder, smallFee, serviceBps, serviceMax, taxBps float64
	var location types.GeoPoint
	var openingHours string
	err = ex.QueryRowContext(context.Background(), `SELECT updated, currency, delivery_fee_base, delivery_fee_per_km,
			min_order, small_order_fee, service_fee_bps, service_fee_max, tax_rate_bps, prices_include_tax,
			delivery_radius_km, location, is_active, coalesce(opening_hours, '')
		FROM restaurants WHERE id = ?`, id).
		Scan(&updated, &currency, &base, &perKm, &minOrder, &smallFee, &serviceBps, &serviceMax, &taxBps,
			&terms.PricesIncludeTax, &terms.DeliveryRadiusKm, &location, &terms.Active, &openingHours)
	if err != nil {
		return terms, "", "", err
	}
	terms.ID = id
	// Integer fields (onlyInt), read as numbers as record.GetInt reads them.
	terms.DeliveryFeeBase, terms.DeliveryFeePerKm = int64(base), int64(perKm)
	terms.MinOrder, terms.SmallOrderFee = int64(minOrder), int64(smallFee)
	terms.ServiceFeeBps, terms.ServiceFeeMax, terms.TaxRateBps = int64(serviceBps), int64(serviceMax), int64(taxBps)
	if location.Lon != 0 || location.Lat != 0 {
		terms.Location = geo.Point{Lon: location.Lon, Lat: location.Lat}
	}
	week, err := openingWeek(openingHours)
	// Stored hours are validated on save; unreadable ones count as closed.
	terms.Open = err == nil && week.IsOpen(t)
	return terms, currency, updated, nil
}

// openingWeek parses stored opening hours, memoized by their text.
func openingWeek(raw string) (hours.Week, error) {
	r := parsedWeeks.get(raw, func() weekResult {
		w, err := hours.Parse([]byte(raw))
		return weekResult{w, err}
	})
	return r.week, r.err
}

var parsedWeeks memo[string, weekResult]

type weekResult struct {
	week hours.Week
	err  error
}

// findPromo looks a promo code up case-insensitively.
func findPromo(app core.App, code string) (promo.Code, error) {
	r, err := app.FindFirstRecordByData("promo_codes", "code", promoKey(code))
	if err != nil {
		return promo.Code{}, errors.New("promo: unknown code")
	}
	return promo.Code{
		Code:           r.GetString("code"),
		Kind:           promo.Kind(r.GetString("kind")),
		Value:          int64(r.GetInt("value")),
		MinSubtotal:    int64(r.GetInt("min_subtotal")),
		MaxDiscount:    int64(r.GetInt("max_discount")),
		StartsAt:       r.GetDateTime("starts_at").Time(),
		EndsAt:         r.GetDateTime("ends_at").Time(),
		MaxRedemptions: int64(r.GetInt("max_redemptions")),
		Redemptions:    int64(r.GetInt("redemptions")),
		Restaurant:     r.GetString("restaurant"),
		IsActive:       r.GetBool("is_active"),
	}, nil
}

// geoPoint reads a geoPoint field; ok is false when it is unset (0, 0).
func geoPoint(r *core.Record, field string) (geo.Point, bool) {
	v, ok := r.GetRaw(field).(types.GeoPoint)
	if !ok || (v.Lon == 0 && v.Lat == 0) {
		return geo.Point{}, false
	}
	return geo.Point{Lon: v.Lon, Lat: v.Lat}, true
}

// isStaff reports whether user works for restaurant r.
func isStaff(r *core.Record, user string) bool {
	return user != "" && slices.Contains(r.GetStringSlice("staff"), user)
}
