package hooks

import (
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
	"golang.org/x/text/currency"

	"github.com/dishpatch/dishpatch/internal/hours"
	"github.com/dishpatch/dishpatch/internal/review"
	"github.com/dishpatch/dishpatch/internal/slug"
)

// defaultCurrency is used when an admin leaves a restaurant's currency empty.
const defaultCurrency = "EUR"

func registerRestaurants(app core.App) {
	app.OnRecordCreate("restaurants").BindFunc(prepareRestaurant)
	app.OnRecordUpdate("restaurants").BindFunc(prepareRestaurant)
	app.OnRecordValidate("restaurants").BindFunc(validateRestaurant)
	app.OnRecordUpdateExecute("restaurants").BindFunc(followRestaurant)
}

// pricingFields are the restaurant fields a cart's totals or blockers
// depend on.
var pricingFields = []string{
	"location", "delivery_radius_km", "delivery_fee_base", "delivery_fee_per_km", "min_order",
	"small_order_fee", "service_fee_bps", "service_fee_max", "tax_rate_bps", "prices_include_tax",
	"currency", "opening_hours", "is_active",
}

// followRestaurant recomputes the restaurant's open carts when its terms
// change, in the same transaction. The carts index by restaurant keeps
// this bounded by the restaurant's own carts.
func followRestaurant(e *core.RecordEvent) error {
	return inTransaction(e, func(tx core.App) error {
		if err := e.Next(); err != nil {
			return err
		}
		if !changed(e.Record, pricingFields...) {
			return nil
		}
		carts, err := tx.FindAllRecords("carts", dbx.HashExp{"restaurant": e.Record.Id})
		if err != nil {
			return err
		}
		for _, c := range carts {
			if err := tx.SaveNoValidate(c); err != nil {
				return err
			}
		}
		return nil
	})
}

// changed reports whether any of the fields differs from the stored record.
func changed(r *core.Record, fields ...string) bool {
	orig := r.Original()
	for _, f := range fields {
		if fmt.Sprint(r.GetRaw(f)) != fmt.Sprint(orig.GetRaw(f)) {
			return true
		}
	}
	return false
}

// prepareRestaurant fills the fields the server owns or defaults before the
// record is validated: slug, currency and the rating aggregate, which is
// always recomputed so that no write (not even a superuser's) can make it
// disagree with the reviews.
func prepareRestaurant(e *core.RecordEvent) error {
	r := e.Record
	if r.GetString("currency") == "" {
		r.Set("currency", defaultCurrency)
	}
	if r.GetString("slug") == "" {
		s, err := uniqueSlug(e.App, r)
		if err != nil {
			return err
		}
		r.Set("slug", s)
	}
	if err := setRating(e.App, r); err != nil {
		return err
	}
	return e.Next()
}

// uniqueSlug derives a free slug from the restaurant's name.
func uniqueSlug(app core.App, r *core.Record) (string, error) {
	base := slug.Make(r.GetString("name"))
	for n := 1; ; n++ {
		candidate := slug.WithSuffix(base, n)
		var count int
		err := app.RecordQuery("restaurants").
			Select("count(*)").
			AndWhere(dbx.HashExp{"slug": candidate}).
			AndWhere(dbx.Not(dbx.HashExp{"id": r.Id})).
			Row(&count)
		if err != nil {
			return "", err
		}
		if count == 0 {
			return candidate, nil
		}
	}
}

// setRating writes the restaurant's review aggregate into its fields.
func setRating(app core.App, r *core.Record) error {
	var agg struct {
		Count int64 `db:"count"`
		Sum   int64 `db:"sum"`
	}
	if !r.IsNew() {
		err := app.DB().
			NewQuery("SELECT count(*) AS count, coalesce(sum(rating), 0) AS sum FROM reviews WHERE restaurant = {:id}").
			Bind(dbx.Params{"id": r.Id}).
			One(&agg)
		if err != nil {
			return err
		}
	}
	r.Set("rating_count", agg.Count)
	r.Set("rating_avg", review.Average(agg.Sum, agg.Count))
	return nil
}

func validateRestaurant(e *core.RecordEvent) error {
	if _, err := hours.Parse(jsonBytes(e.Record, "opening_hours")); err != nil {
		return fieldError("opening_hours", "invalid_opening_hours", sentence(err))
	}
	if _, err := currency.ParseISO(e.Record.GetString("currency")); err != nil {
		return fieldError("currency", "invalid_currency", "currency must be an ISO 4217 code, such as EUR or USD.")
	}
	return e.Next()
}

// jsonBytes returns a JSON field's raw value ("" and null included).
func jsonBytes(r *core.Record, field string) []byte {
	switch v := r.GetRaw(field).(type) {
	case types.JSONRaw:
		return v
	case []byte:
		return v
	case string:
		return []byte(v)
	case nil:
		return nil
	default:
		return []byte(r.GetString(field))
	}
}
