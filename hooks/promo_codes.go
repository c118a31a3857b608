package hooks

import (
	"strings"

	"github.com/pocketbase/pocketbase/core"
)

func registerPromoCodes(app core.App) {
	app.OnRecordCreate("promo_codes").BindFunc(preparePromoCode)
	app.OnRecordUpdate("promo_codes").BindFunc(preparePromoCode)
	app.OnRecordValidate("promo_codes").BindFunc(validatePromoCode)
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
