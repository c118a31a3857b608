package hooks

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"unicode/utf8"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/dishpatch/dishpatch/internal/cart"
	"github.com/dishpatch/dishpatch/internal/geo"
	"github.com/dishpatch/dishpatch/internal/order"
	"github.com/dishpatch/dishpatch/internal/promo"
)

// Limits of what a checkout stores: the contract's key length and the
// orders fields' own limits, checked here because the order is saved
// without PocketBase's validation (see placeOrder).
const (
	maxIdempotencyKeyLength = 255
	maxAddressLength        = 500
	maxNoteLength           = 1000
	maxItemsJSON            = 256 << 10
)

// checkoutAttempts is how often checkout starts over when the cart changes
// between its quote and its write, before it gives up with a 409.
const checkoutAttempts = 3

// The ways the write transaction of a checkout ends without an order; each
// is answered after the rollback.
var (
	errCartChanged    = errors.New("checkout: the cart changed during checkout")
	errCartGone       = errors.New("checkout: the cart is gone")
	errKeyUsed        = errors.New("checkout: the idempotency key is already used")
	errPromoExhausted = errors.New("checkout: the promo code has no redemptions left")
)

// newCheckouts returns the queue that writes checkouts in shared
// transactions (see groupCommit and runCheckouts).
func newCheckouts() *groupCommit {
	return &groupCommit{runBatch: runCheckouts}
}

// runCheckouts writes a batch of checkouts in one transaction and hands
// each its outcome.
//
// For a checkout (an order with its indexes, five cart lines, a cart) the
// commit's WAL pages are most of its cost, and consecutive orders share
// pages. A job refuses (its cart changed or is gone, its key is taken, its
// promo ran out) before it writes anything, so a refusal needs no rollback
// and the rest of the batch commits. A job that fails otherwise, or refuses
// after writing, rolls the whole batch back; its jobs are then written one
// transaction each, so that only the faulty one fails. (Savepoints would
// also isolate a job, but they cost a checkout about a tenth of its time in
// the serialised section.)
func runCheckouts(app core.App, batch []*commitJob) {
	outcomes := make([]error, len(batch))
	err := recovered(func() error {
		return runWrite(app, func(tx core.App) error {
			for i, job := range batch {
				outcome, err := unwritten(tx, job.write)
				if err != nil {
					return err
				}
				outcomes[i] = outcome
			}
			return nil
		})
	})
	if err != nil {
		for i, job := range batch {
			if len(batch) == 1 {
				// Rolled back: a refusal after a write is then a plain refusal.
				outcomes[i] = cmp.Or(refusal(err), err)
			} else {
				outcomes[i] = recovered(func() error { return runWrite(app, job.write) })
			}
		}
	}
	for i, job := range batch {
		job.done <- outcomes[i]
	}
}

// unwritten runs write in tx and returns a refusal as its outcome, having
// checked that nothing was written before it (SQLite's count of changed
// rows did not move); any other error, or a refusal after a write, is
// returned as err, to fail the batch. Savepoints would also isolate a job,
// but each costs SQLite a statement journal, allocated and freed again,
// inside the serialised section.
func unwritten(tx core.App, write func(tx core.App) error) (outcome, err error) {
	before, err := totalChanges(tx)
	if err != nil {
		return nil, err
	}
	outcome = write(tx)
	switch {
	case outcome == nil:
		return nil, nil
	case refusal(outcome) != nil:
		after, err := totalChanges(tx)
		if err != nil {
			return nil, err
		}
		if after != before {
			return nil, fmt.Errorf("checkout: refused after writing: %w", outcome)
		}
		return outcome, nil
	}
	return nil, outcome
}

// refusal returns the refusal that err is or wraps, else nil.
func refusal(err error) error {
	for _, r := range []error{errCartChanged, errCartGone, errKeyUsed, errPromoExhausted} {
		if errors.Is(err, r) {
			return r
		}
	}
	return nil
}

// totalChanges is SQLite's count of rows changed on tx's connection.
func totalChanges(tx core.App) (n int64, err error) {
	ex, err := sqlReader(tx)
	if err != nil {
		return 0, err
	}
	err = ex.QueryRowContext(context.Background(), "SELECT total_changes()").Scan(&n)
	return n, err
}

// errNoCart is the answer for a cart that is not there or not the caller's.
func errNoCart() error {
	return router.NewNotFoundError("This cart does not exist or is not yours.", nil)
}

// checkoutBody is the body of POST /api/carts/{id}/checkout.
type checkoutBody struct {
	DeliveryAddress string `json:"delivery_address"`
	Note            string `json:"note"`
}

// checkout is POST /api/carts/{id}/checkout.
//
// PocketBase has one writer connection, so everything inside a write
// transaction is serialised with every other write. To keep that section
// short, the cart is read and priced outside it, and the transaction only
// checks that the cart is still exactly what was priced (else checkout
// starts over), then writes: the order, the promo redemption (a conditional
// UPDATE that cannot exceed max_redemptions), the cart's deletion. Racing
// duplicates are serialised by the same transaction: the first one deletes
// the cart, so the others find it gone and answer with the first one's
// order (same Idempotency-Key) or 404 (no key).
func (co *groupCommit) checkout(e *core.RequestEvent) error {
	key, err := idempotencyKey(e.Request.Header)
	if err != nil {
		return err
	}
	var body checkoutBody
	if err := e.BindBody(&body); err != nil {
		return badBody(e, err)
	}
	if errs := body.validate(); len(errs) > 0 {
		return e.BadRequestError("Invalid checkout details.", errs)
	}
	cartID := e.Request.PathValue("id")
	for attempt := 1; ; attempt++ {
		o, err := co.placeOrder(e, cartID, key, body)
		switch {
		case errors.Is(err, errCartChanged) && attempt < checkoutAttempts:
			continue
		case errors.Is(err, errCartChanged):
			return router.NewApiError(http.StatusConflict, "Your cart changed during checkout; check it and try again.", nil)
		case err != nil:
			return err
		}
		return orderResponse(e, o)
	}
}

func (b checkoutBody) validate() validation.Errors {
	errs := validation.Errors{}
	if utf8.RuneCountInString(b.DeliveryAddress) > maxAddressLength {
		errs["delivery_address"] = validation.NewError("too_long", "A delivery address can be at most 500 characters long.")
	}
	if utf8.RuneCountInString(b.Note) > maxNoteLength {
		errs["note"] = validation.NewError("too_long", "A note can be at most 1000 characters long.")
	}
	return errs
}

// idempotencyKey reads the optional Idempotency-Key header: "" when absent,
// else 1..255 printable ASCII characters, else a 400.
func idempotencyKey(h http.Header) (string, error) {
	values := h.Values("Idempotency-Key")
	if len(values) == 0 {
		return "", nil
	}
	invalid := router.NewBadRequestError("Invalid Idempotency-Key.", fieldError("Idempotency-Key", "invalid_idempotency_key",
		"An Idempotency-Key is 1 to 255 printable ASCII characters, sent once."))
	if len(values) > 1 || values[0] == "" || len(values[0]) > maxIdempotencyKeyLength {
		return "", invalid
	}
	for i := 0; i < len(values[0]); i++ {
		if c := values[0][i]; c < 0x20 || c > 0x7e {
			return "", invalid
		}
	}
	return values[0], nil
}

// placeOrder makes one attempt at checking out the cart: price it from
// plain reads, then, in a short transaction, confirm that the cart is still
// what was priced and write the order, or confirm the refusal.
func (co *groupCommit) placeOrder(e *core.RequestEvent, cartID, key string, body checkoutBody) (*core.Record, error) {
	c, err := e.App.FindRecordById("carts", cartID)
	if err != nil || c.GetString("user") != e.Auth.Id {
		return priorOrder(e, cartID, key, errNoCart())
	}
	in, err := quoteInput(e.App, c)
	if err != nil {
		return nil, err
	}
	q := cart.Compute(in)
	var o *core.Record
	err = co.inTurn(e.App, func(tx core.App) error {
		o = nil // the queue may run this again after a failed batch
		prep, lines, err := sameCart(tx, c, in.Lines)
		switch {
		case err != nil:
			return err
		case len(q.Blockers) > 0:
			return refreshBlockers(tx, c, q.Blockers)
		}
		o, err = writeOrder(tx, e.Auth.Id, c, in, q, lines, prep, body, key)
		return err
	})
	if errors.Is(err, errPromoExhausted) {
		// Priced while a redemption was left, but others took the last ones.
		q.Blockers = []cart.Blocker{{Code: cart.PromoIneligible, Message: promo.Reason(promo.ErrExhausted)}}
		err = co.inTurn(e.App, func(tx core.App) error {
			if _, _, err := sameCart(tx, c, in.Lines); err != nil {
				return err
			}
			return refreshBlockers(tx, c, q.Blockers)
		})
	}
	switch {
	case errors.Is(err, errCartGone), errors.Is(err, errKeyUsed):
		return priorOrder(e, cartID, key, errNoCart())
	case err != nil:
		return nil, err
	case o == nil:
		refusal := router.NewBadRequestError("This cart cannot be checked out yet.", nil)
		// Set after construction: PocketBase would turn other data into field errors.
		refusal.Data = map[string]any{"blockers": q.Blockers}
		return priorOrder(e, cartID, key, refusal)
	}
	return o, nil
}

// writeOrder counts the promo redemption, saves the order and deletes the
// cart, inside transaction tx. It refuses (a taken key, a promo run out)
// before its first write, as the checkout queue requires.
func writeOrder(tx core.App, customer string, c *core.Record, in cart.Input, q cart.Quote, lines []lineRow,
	prepMinutes int64, body checkoutBody, key string) (*core.Record, error) {
	if key != "" {
		ex, err := sqlReader(tx)
		if err != nil {
			return nil, err
		}
		var taken int
		err = ex.QueryRowContext(context.Background(), `SELECT count(*) FROM orders
			WHERE customer = ? AND idempotency_key = ? AND idempotency_key != ''`, customer, key).Scan(&taken)
		switch {
		case err != nil:
			return nil, err
		case taken > 0:
			return nil, errKeyUsed
		}
	}
	lastRedemption := false
	if in.Promo != nil {
		var err error
		if lastRedemption, err = redeemPromo(tx, in.Promo.Code); err != nil {
			return nil, err
		}
	}
	o, err := newOrder(tx, customer, c, q, lines, prepMinutes, body, key)
	if err != nil {
		return nil, err
	}
	// The order is built from records just read and checked; a full
	// validation would only repeat those reads inside the serialised section.
	if err := tx.SaveNoValidate(o); err != nil {
		if key != "" && isUniqueViolation(err, "idempotency_key") {
			return nil, errKeyUsed
		}
		return nil, err
	}
	// With nobody subscribed to cart lines, the items go in one statement
	// rather than one cascaded delete (and realtime event) each.
	if !hasSubscribers(tx, "cart_items") {
		if _, err := tx.DB().NewQuery("DELETE FROM cart_items WHERE cart = {:cart}").
			Bind(dbx.Params{"cart": c.Id}).Execute(); err != nil {
			return nil, err
		}
	}
	if lastRedemption {
		// The code's other carts lose their discount now, and show why.
		if err := requoteCartsWithPromo(tx, c.Id, in.Promo.Code); err != nil {
			return nil, err
		}
	}
	return o, tx.Delete(c)
}

// priorOrder answers a checkout that cannot place an order (its cart is
// not there, its key is taken, or it has blockers), if the key says why:
// with the order this customer already placed with key from this cart (a
// replay), or 422 when the key went to another cart. Otherwise, it answers
// with fallback.
func priorOrder(e *core.RequestEvent, cartID, key string, fallback error) (*core.Record, error) {
	if key == "" {
		return nil, fallback
	}
	found, err := e.App.FindAllRecords("orders",
		dbx.HashExp{"customer": e.Auth.Id, "idempotency_key": key},
		// Redundant, but it lets SQLite use the partial unique index.
		dbx.NewExp("idempotency_key != ''"))
	switch {
	case err != nil:
		return nil, err
	case len(found) == 0:
		return nil, fallback
	case found[0].GetString("cart") != cartID:
		return nil, router.NewApiError(http.StatusUnprocessableEntity,
			"This Idempotency-Key was already used for another cart; use a new key for each checkout.", nil)
	}
	return found[0], nil
}

// refreshBlockers re-saves cart c, which sameCart just found unchanged,
// when its stored blockers are not the ones checkout found (a promo ran
// out, the restaurant closed): a client reloading the cart then sees what
// the refusal said.
func refreshBlockers(tx core.App, c *core.Record, blockers []cart.Blocker) error {
	var stored []cart.Blocker
	if err := c.UnmarshalJSONField("blockers", &stored); err == nil && slices.Equal(stored, blockers) {
		return nil
	}
	return tx.SaveNoValidate(c) // recomputeCartOnSave writes the fresh quote
}

// lineRow is a cart item as checkout snapshots and compares it.
type lineRow struct {
	ID        string  `db:"id" json:"-"`
	MenuItem  string  `db:"menu_item" json:"menu_item"`
	Name      string  `db:"name" json:"name"`
	Quantity  float64 `db:"quantity" json:"quantity"`
	Options   string  `db:"options" json:"-"`
	UnitPrice float64 `db:"unit_price" json:"unit_price"`
	LineTotal float64 `db:"line_total" json:"line_total"`
}

// linesMatch reports whether the quote's lines are the rows, in any order.
func linesMatch(lines []cart.Line, rows []lineRow) bool {
	if len(lines) != len(rows) {
		return false
	}
	type key struct {
		menuItem, name  string
		quantity, price int64
	}
	a, b := make([]key, len(lines)), make([]key, len(rows))
	for i, l := range lines {
		a[i] = key{l.MenuItem, l.Name, l.Quantity, l.UnitPrice}
	}
	for i, r := range rows {
		b[i] = key{r.MenuItem, r.Name, int64(r.Quantity), int64(r.UnitPrice)}
	}
	order := func(x, y key) int {
		return cmp.Or(cmp.Compare(x.menuItem, y.menuItem), cmp.Compare(x.name, y.name),
			cmp.Compare(x.quantity, y.quantity), cmp.Compare(x.price, y.price))
	}
	slices.SortFunc(a, order)
	slices.SortFunc(b, order)
	return slices.Equal(a, b)
}

// sameCart checks, inside the write transaction, that cart c and its items
// are still what was priced, and returns its restaurant's prep_minutes and
// its lines for the snapshot. Every change of the cart, its items, its
// restaurant's terms or its menu items re-saves the cart, which moves its
// updated time; comparing the other fields and the lines as well covers
// changes within the same millisecond and a quote whose reads straddled a
// change. One query reads it all: this runs in the serialised section.
func sameCart(tx core.App, c *core.Record, priced []cart.Line) (prepMinutes int64, lines []lineRow, err error) {
	ex, err := sqlReader(tx)
	if err != nil {
		return 0, nil, err
	}
	rows, err := ex.QueryContext(context.Background(), `SELECT c.updated, c.promo_code, c.delivery_location, r.prep_minutes,
			i.id IS NOT NULL, coalesce(i.id, ''), coalesce(i.menu_item, ''), coalesce(i.name, ''),
			coalesce(i.quantity, 0), coalesce(i.options, ''), coalesce(i.unit_price, 0), coalesce(i.line_total, 0)
		FROM carts c JOIN restaurants r ON r.id = c.restaurant LEFT JOIN cart_items i ON i.cart = c.id
		WHERE c.id = ? ORDER BY i.created, i.id`, c.Id)
	if err != nil {
		return 0, nil, err
	}
	defer rows.Close()
	found := false
	for rows.Next() {
		var updated, promoCode string
		var location types.GeoPoint
		var prep float64
		var hasLine bool
		var l lineRow
		if err := rows.Scan(&updated, &promoCode, &location, &prep, &hasLine,
			&l.ID, &l.MenuItem, &l.Name, &l.Quantity, &l.Options, &l.UnitPrice, &l.LineTotal); err != nil {
			return 0, nil, err
		}
		if !found {
			found = true
			if updated != c.GetDateTime("updated").String() || promoCode != c.GetString("promo_code") ||
				location != c.GetRaw("delivery_location") {
				return 0, nil, errCartChanged
			}
			prepMinutes = int64(prep)
		}
		if hasLine {
			lines = append(lines, l)
		}
	}
	switch {
	case rows.Err() != nil:
		return 0, nil, rows.Err()
	case !found:
		return 0, nil, errCartGone
	case !linesMatch(priced, lines):
		return 0, nil, errCartChanged
	}
	return prepMinutes, lines, nil
}

// orderItem is one line of an order's items snapshot.
type orderItem struct {
	lineRow
	Options types.JSONRaw `json:"options"`
}

// newOrder builds the order of cart c as priced by q: snapshots of the
// lines and the money, so that later menu or price changes never alter
// what the customer ordered and pays.
func newOrder(app core.App, customer string, c *core.Record, q cart.Quote, lines []lineRow, prepMinutes int64,
	body checkoutBody, key string) (*core.Record, error) {
	items := make([]orderItem, len(lines))
	for i, l := range lines {
		items[i] = orderItem{lineRow: l, Options: types.JSONRaw(l.Options)}
		if l.Options == "" || l.Options == "null" {
			items[i].Options = types.JSONRaw("{}")
		}
	}
	snapshot, err := json.Marshal(items)
	if err != nil {
		return nil, err
	}
	if len(snapshot) > maxItemsJSON {
		return nil, router.NewBadRequestError("This cart has too many lines for one order.", nil)
	}
	collection, err := app.FindCachedCollectionByNameOrId("orders")
	if err != nil {
		return nil, err
	}
	o := core.NewRecord(collection)
	o.Load(map[string]any{
		"customer":          customer,
		"restaurant":        c.GetString("restaurant"),
		"items":             types.JSONRaw(snapshot),
		"subtotal":          q.Subtotal,
		"discount":          q.Discount,
		"delivery_fee":      q.DeliveryFee,
		"service_fee":       q.ServiceFee,
		"small_order_fee":   q.SmallOrderFee,
		"tax":               q.Tax,
		"total":             q.Total,
		"item_count":        q.ItemCount,
		"currency":          c.GetString("currency"), // set from the restaurant by quoteInput
		"distance_km":       geo.KmFromM(q.DistanceM),
		"promo_code":        c.GetString("promo_code"),
		"delivery_location": c.GetRaw("delivery_location"),
		"delivery_address":  body.DeliveryAddress,
		"note":              body.Note,
		"idempotency_key":   key,
		"cart":              c.Id,
	})
	if err := recordMove(o, historyEntry{Status: string(order.Placed), By: customer}); err != nil {
		return nil, err
	}
	setETA(o, order.Placed, prepMinutes, geo.TravelMinutes(q.DistanceM))
	return o, nil
}

// redeemPromo counts one redemption of the promo code, unless that would go
// beyond max_redemptions (0 = unlimited), and reports whether it was the
// last one. The condition is in the UPDATE itself, so the limit holds
// however many checkouts priced the cart with the last redemption still
// free.
func redeemPromo(tx core.App, code string) (last bool, err error) {
	ex, err := sqlReader(tx)
	if err != nil {
		return false, err
	}
	err = ex.QueryRowContext(context.Background(), `UPDATE promo_codes
		SET redemptions = redemptions + 1, updated = ?
		WHERE code = ? AND (max_redemptions = 0 OR redemptions < max_redemptions)
		RETURNING max_redemptions > 0 AND redemptions >= max_redemptions`,
		now().UTC().Format(types.DefaultDateLayout), promoKey(code)).Scan(&last)
	if errors.Is(err, sql.ErrNoRows) {
		return false, errPromoExhausted
	}
	return last, err
}

// isUniqueViolation reports whether err is PocketBase's answer to a unique
// index on field.
func isUniqueViolation(err error, field string) bool {
	var errs validation.Errors
	if !errors.As(err, &errs) {
		return false
	}
	fe, ok := errs[field].(validation.Error)
	return ok && fe.Code() == "validation_not_unique"
}
