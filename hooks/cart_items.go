package hooks

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/dishpatch/dishpatch/internal/cart"
	"github.com/dishpatch/dishpatch/internal/menu"
	"github.com/dishpatch/dishpatch/internal/money"
)

// repricing marks a cart item save made by the server because its menu
// item changed: it must not fail on what the customer can no longer fix
// (the cart shows an item_unavailable blocker instead).
type repricing struct{}

func registerCartItems(app core.App) {
	ci := cartItems{writes: &groupCommit{runBatch: runShared}}
	app.OnRecordCreateRequest("cart_items").BindFunc(checkCartOwner)
	app.OnRecordCreateExecute("cart_items").BindFunc(ci.save)
	app.OnRecordUpdateExecute("cart_items").BindFunc(ci.save)
	app.OnRecordDeleteExecute("cart_items").BindFunc(ci.delete)
}

// cartItems writes cart lines. Customers' writes share transactions
// through writes (see groupCommit): each is a short check-write-requote
// whose own BEGIN, COMMIT and hand-over of the writer connection would
// cost about as much as its statements.
type cartItems struct {
	writes *groupCommit
}

// inTurn is inTransaction through the cart write queue: fn runs with e.App
// set to a transaction shared with other customers' cart writes (see
// runShared). The request's cancellation does not reach fn: a customer who
// hangs up must not interrupt a transaction that others' writes share.
func (ci cartItems) inTurn(e *core.RecordEvent, fn func(tx core.App) error) error {
	app, ctx := e.App, e.Context
	detached := context.Background()
	if ctx != nil {
		detached = context.WithoutCancel(ctx)
	}
	return ci.writes.inTurn(app, func(tx core.App) error {
		e.App, e.Context = tx, detached
		defer func() { e.App, e.Context = app, ctx }()
		return fn(tx)
	})
}

// checkCartOwner answers "not your cart" with a field error. Unknown and
// foreign carts get the same answer so that cart ids cannot be probed.
func checkCartOwner(e *core.RecordRequestEvent) error {
	if e.HasSuperuserAuth() {
		return e.Next()
	}
	c, err := e.App.FindRecordById("carts", e.Record.GetString("cart"))
	if err != nil || e.Auth == nil || c.GetString("user") != e.Auth.Id {
		return e.BadRequestError("Unknown cart.", fieldError("cart", "unknown_cart", "This cart does not exist or is not yours."))
	}
	requestCarts.Store(e.Record, c)
	defer requestCarts.Delete(e.Record)
	return e.Next()
}

// requestCarts hands the cart that checkCartOwner read on to the save of
// the same request (e.Next() runs it), so that adding an item reads its
// cart once. Keyed by the item record; an entry lives for that save only.
var requestCarts sync.Map // *core.Record (the item) → *core.Record (its cart)

// cartOf returns item's cart: the one checkCartOwner read for this request
// if there is one and app is not a transaction, else as app reads it now.
func cartOf(app core.App, item *core.Record) (*core.Record, error) {
	if !app.IsTransactional() {
		if c, ok := requestCarts.Load(item); ok && c.(*core.Record).Id == item.GetString("cart") {
			return c.(*core.Record), nil
		}
	}
	return app.FindRecordById("carts", item.GetString("cart"))
}

// save prices the item from its menu item and options, writes it
// and recomputes its cart, all in one transaction.
//
// PocketBase has one writer connection, so a write transaction holds up
// every other write. A customer's write is therefore checked and priced
// from plain reads first; the transaction only confirms that the cart, its
// restaurant and the menu item are still the versions read (else it prices
// again inside), writes the item and requotes the cart: from its stored
// totals and this line when those are still as read (see lineChange), else
// from every line.
func (ci cartItems) save(e *core.RecordEvent) error {
	lenient := contextValue(e.Context, repricing{}) != nil
	previousCart := ""
	if !e.Record.IsNew() {
		previousCart = e.Record.Original().GetString("cart")
	}
	if lenient || e.App.IsTransactional() || previousCart != "" && previousCart != e.Record.GetString("cart") {
		return inTransaction(e, func(tx core.App) error {
			return writeCartItem(tx, e, lenient, previousCart)
		})
	}
	c, m, err := priceCartItem(e.App, e.Record, false)
	if err != nil {
		return err
	}
	b, err := readQuoteBasis(e.App, c)
	if err != nil {
		return err
	}
	line := &lineChange{id: e.Record.Id, after: &cart.Line{MenuItem: m.id, Name: m.name,
		UnitPrice: int64(e.Record.GetInt("unit_price")), Quantity: int64(e.Record.GetInt("quantity")), Available: true}}
	if !e.Record.IsNew() {
		line.stored, line.before = true, storedLine(e.Record.Original())
	}
	return ci.inTurn(e, func(tx core.App) error {
		current, err := b.stillCurrent(tx, c, m.id, m.updated, line)
		switch {
		case err != nil:
			return err
		case !current:
			return writeCartItem(tx, e, false, previousCart)
		}
		if err := e.Next(); err != nil {
			return err
		}
		return requoteCart(tx, e.Context, c, b, line)
	})
}

// storedLine is the line_total and quantity of a cart line as stored.
func storedLine(item *core.Record) cart.Totals {
	return cart.Totals{Subtotal: int64(item.GetInt("line_total")), ItemCount: int64(item.GetInt("quantity"))}
}

// writeCartItem prices the item from what tx reads, writes it and
// recomputes its cart (and the cart it left, if it moved).
func writeCartItem(tx core.App, e *core.RecordEvent, lenient bool, previousCart string) error {
	c, _, err := priceCartItem(tx, e.Record, lenient)
	if err != nil {
		return err
	}
	if err := e.Next(); err != nil {
		return err
	}
	if err := recomputeCart(tx, c); err != nil {
		return err
	}
	if previousCart != "" && previousCart != c.Id {
		return recomputeCartByID(tx, previousCart)
	}
	return nil
}

// delete deletes the item and requotes its cart in one transaction, with
// the cart's basis read before it (see save).
func (ci cartItems) delete(e *core.RecordEvent) error {
	cartID := e.Record.GetString("cart")
	var c *core.Record
	var b quoteBasis
	fast := !e.App.IsTransactional() // not a cascade or a delete inside another write
	if fast {
		var err error
		if c, err = e.App.FindRecordById("carts", cartID); err == nil {
			b, err = readQuoteBasis(e.App, c)
		}
		fast = err == nil
	}
	line := &lineChange{id: e.Record.Id, stored: true, before: storedLine(e.Record)}
	write := func(tx core.App) error {
		current := false
		if fast {
			var err error
			if current, err = b.stillCurrent(tx, c, "", "", line); err != nil {
				return err
			}
		}
		if err := e.Next(); err != nil {
			return err
		}
		if !current {
			return recomputeCartByID(tx, cartID)
		}
		return requoteCart(tx, e.Context, c, b, line)
	}
	if fast {
		return ci.inTurn(e, write)
	}
	return inTransaction(e, write)
}

// priceCartItem sets the item's name, unit_price and line_total from its
// menu item and returns the item's cart. Unless lenient, it refuses (with
// field errors) items of another restaurant, unavailable items and invalid
// option choices.
func priceCartItem(app core.App, item *core.Record, lenient bool) (c *core.Record, m menuItem, err error) {
	c, err = cartOf(app, item)
	if err != nil {
		return nil, m, fieldError("cart", "unknown_cart", "This cart does not exist.")
	}
	m, err = readMenuItem(app, item.GetString("menu_item"))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, m, fieldError("menu_item", "unknown_menu_item", "This menu item does not exist.")
	}
	if err != nil {
		return nil, m, err
	}
	groups, groupsErr := optionGroups([]byte(m.optionGroups))
	sel, selErr := menu.ParseSelection(jsonBytes(item, "options"))
	extra, optErr := int64(0), groupsErr
	if optErr == nil {
		optErr = selErr
	}
	if optErr == nil {
		extra, optErr = menu.Select(groups, sel)
	}
	if !lenient {
		switch {
		case m.restaurant != c.GetString("restaurant"):
			return nil, m, fieldError("menu_item", "other_restaurant",
				fmt.Sprintf("%s is from another restaurant; a cart holds items of one restaurant.", m.name))
		case !m.available:
			return nil, m, fieldError("menu_item", "item_unavailable",
				fmt.Sprintf("%s is not available right now.", m.name))
		case optErr != nil:
			return nil, m, fieldError("options", "invalid_options", sentence(optErr))
		}
		item.Set("options", menu.Canonical(sel))
	} else if optErr != nil {
		extra = menu.KnownExtra(groups, sel)
	}
	unit, quantity := m.price+extra, int64(item.GetInt("quantity"))
	lineTotal := money.MulDivRound(unit, quantity, 1) // saturates rather than wraps
	if !lenient && money.Add(cartSubtotalWithout(c, item), lineTotal) > money.MaxSubtotal {
		return nil, m, fieldError("quantity", "cart_too_large",
			fmt.Sprintf("This would take the cart's subtotal over %d minor units, the most one order can hold.", int64(money.MaxSubtotal)))
	}
	item.Set("name", m.name)
	item.Set("unit_price", unit)
	item.Set("line_total", lineTotal)
	return c, m, nil
}

// cartSubtotalWithout is cart c's stored subtotal without item's own stored
// line, if item is already one of c's lines.
func cartSubtotalWithout(c, item *core.Record) int64 {
	subtotal := int64(c.GetInt("subtotal"))
	if !item.IsNew() && item.Original().GetString("cart") == c.Id {
		subtotal -= storedLine(item.Original()).Subtotal
	}
	return subtotal
}

// menuItem is what pricing a cart line needs of its menu item.
type menuItem struct {
	id, restaurant, name, optionGroups string
	price                              int64
	available                          bool
	updated                            string // as stored, which stillCurrent compares
}

// readMenuItem reads menu item id's pricing columns, without building a
// record: every cart write does it.
func readMenuItem(app core.App, id string) (menuItem, error) {
	m := menuItem{id: id}
	ex, err := sqlReader(app)
	if err != nil {
		return m, err
	}
	var price float64
	err = ex.QueryRowContext(context.Background(), `SELECT restaurant, name, price, is_available,
			coalesce(option_groups, ''), updated FROM menu_items WHERE id = ?`, id).
		Scan(&m.restaurant, &m.name, &price, &m.available, &m.optionGroups, &m.updated)
	m.price = int64(price) // an integer field (onlyInt), read as record.GetInt reads it
	return m, err
}

// repriceItemsOf re-saves the cart items of a changed menu item so that
// their prices and their carts' totals follow it.
func repriceItemsOf(tx core.App, menuItemID string) error {
	items, err := tx.FindAllRecords("cart_items", dbx.HashExp{"menu_item": menuItemID})
	if err != nil {
		return err
	}
	ctx := context.WithValue(context.Background(), repricing{}, true)
	for _, it := range items {
		if err := tx.SaveNoValidateWithContext(ctx, it); err != nil {
			return err
		}
	}
	return nil
}
