package hooks

import (
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

func registerPromoCodes(app core.App) {
	app.OnRecordCreate("promo_codes").BindFunc(preparePromoCode)
	app.OnRecordUpdate("promo_codes").BindFunc(preparePromoCode)
	app.OnRecordValidate("promo_codes").BindFunc(validatePromoCode)
	app.OnRecordUpdateExecute("promo_codes").BindFunc(followPromoCode)
	app.OnRecordDeleteExecute("promo_codes").BindFunc(followPromoCode)
}

// promoFields are the promo code fields a cart's discount or blockers
// depend on.
var promoFields = []string{
	"code", "kind", "value", "min_subtotal", "max_discount", "starts_at", "ends_at", "max_redemptions",
	"redemptions", "restaurant", "is_active",
}

// followPromoCode requotes the carts that carry a promo code when an admin
// changes or deletes it, in the same transaction, so that their discount
// and blockers follow (a deactivated or deleted code gives discount 0 and a
// promo_ineligible blocker). The carts index by promo code keeps this
// bounded by the code's own carts.
func followPromoCode(e *core.RecordEvent) error {
	codes := []string{e.Record.Original().GetString("code"), e.Record.GetString("code")}
	return inTransaction(e, func(tx core.App) error {
		if err := e.Next(); err != nil {
			return err
		}
		if e.Type == core.ModelEventTypeUpdate && !changed(e.Record, promoFields...) {
			return nil
		}
		return requoteCartsWithPromo(tx, "", codes...)
	})
}

// requoteCartsWithPromo recomputes, in transaction tx, every cart that
// carries one of codes, except the cart except.
func requoteCartsWithPromo(tx core.App, except string, codes ...string) error {
	carts, err := tx.FindAllRecords("carts", dbx.In("promo_code", anySlice(codes)...), dbx.Not(dbx.HashExp{"id": except}))
	if err != nil {
		return err
	}
	for _, c := range carts {
		if err := recomputeCart(tx, c); err != nil {
			return err
		}
	}
	return nil
}

// anySlice converts strings to the []any that dbx.In takes.
func anySlice(values []string) []any {
	out := make([]any, len(values))
	for i, v := range values {
		out[i] = v
	}
	return out
}

// promoKey is the stored form of a code: trimmed and upper-cased, so that
// the unique index and lookups are case-insensitive.
func promoKey(code string) string {
	return strings.ToUpper(strings.TrimSpace(code))
}

func preparePromoCode(e *core.RecordEvent) error {
	e.Record.Set("code", promoKey(e.Record.GetString("code")))
	return e.Next()
}

func validatePromoCode(e *core.RecordEvent) error {
	r := e.Record
	value := r.GetInt("value")
	switch r.GetString("kind") {
	case "percent":
		if value < 1 || value > 100 {
			return fieldError("value", "invalid_percent", "A percent discount must be between 1 and 100.")
		}
	case "fixed":
		if value < 1 {
			return fieldError("value", "invalid_amount", "A fixed discount must be at least 1 (in minor units).")
		}
	}
	starts, ends := r.GetDateTime("starts_at"), r.GetDateTime("ends_at")
	if !starts.IsZero() && !ends.IsZero() && !ends.Time().After(starts.Time()) {
		return fieldError("ends_at", "invalid_window", "ends_at must be after starts_at.")
	}
	return e.Next()
}
