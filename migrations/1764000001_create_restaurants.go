package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Cuisines is the closed list of cuisines a restaurant may have; the
// delivery search rejects any other value of its cuisine parameter.
var Cuisines = []string{
	"pizza", "burgers", "sushi", "indian", "thai", "italian", "mexican", "chinese", "vegan", "desserts",
	"vegetarian", "japanese", "korean", "vietnamese", "turkish", "greek", "lebanese", "middle_eastern",
	"german", "french", "spanish", "american", "bbq", "seafood", "salads", "sandwiches", "bakery",
	"breakfast", "coffee", "healthy", "kebab", "poke", "halal", "african", "caribbean",
}

// Restaurant staff see their own restaurant even while it is inactive;
// everybody else only sees active ones.
const restaurantReadRule = `is_active = true || (@request.auth.id != "" && staff.id ?= @request.auth.id)`

func init() {
	m.Register(func(app core.App) error {
		c := core.NewBaseCollection("restaurants", restaurantsID)
		c.ListRule = rule(restaurantReadRule)
		c.ViewRule = rule(restaurantReadRule)
		// Which fields staff may not write (staff, is_active, rating_*) is
		// enforced by a hook so that the client gets a 400 naming the field.
		c.UpdateRule = rule(`@request.auth.id != "" && staff.id ?= @request.auth.id`)
		c.CreateRule = nil
		c.DeleteRule = nil

		c.Fields.Add(
			&core.TextField{Name: "name", Required: true, Max: 120, Presentable: true},
			&core.TextField{Name: "slug", Max: 140, Pattern: `^[a-z0-9]+(?:-[a-z0-9]+)*$`,
				Help: "URL name, e.g. pizza-roma. Generated from the name when left empty."},
			&core.TextField{Name: "description", Max: 2000},
			&core.SelectField{Name: "cuisines", Values: Cuisines, MaxSelect: len(Cuisines)},
			&core.GeoPointField{Name: "location", Required: true,
				Help: "Where orders are picked up; delivery distances are measured from here."},
			&core.TextField{Name: "address", Max: 300},
			&core.NumberField{Name: "delivery_radius_km", Required: true, Min: types.Pointer(0.0), Max: types.Pointer(50.0),
				Help: "Delivers only to points within this distance (km, > 0, at most 50)."},
			cents("delivery_fee_base", "Flat delivery fee, in minor units (cents)."),
			cents("delivery_fee_per_km", "Added per km of delivery distance, in minor units (cents)."),
			cents("min_order", "Below this subtotal the small-order fee applies (cents)."),
			cents("small_order_fee", "Charged when the subtotal is below the minimum order (cents)."),
			intRange("service_fee_bps", 0, 10000, "Service fee in basis points of the subtotal: 500 = 5 %."),
			cents("service_fee_max", "Cap for the service fee (cents); 0 = no cap."),
			intRange("tax_rate_bps", 0, 10000, "Tax rate in basis points: 700 = 7 %, 1900 = 19 %."),
			&core.BoolField{Name: "prices_include_tax",
				Help: "On: menu prices contain the tax (shown for information). Off: tax is added at checkout."},
			&core.TextField{Name: "currency", Max: 3, Pattern: `^[A-Z]{3}$`,
				Help: "ISO 4217 code of every amount of this restaurant, e.g. EUR. Defaults to EUR."},
			&core.NumberField{Name: "prep_minutes", OnlyInt: true, Min: types.Pointer(0.0), Max: types.Pointer(1440.0),
				Help: "Typical preparation time; part of the delivery ETA."},
			&core.JSONField{Name: "opening_hours", MaxSize: 16 << 10,
				Help: `{"tz":"Europe/Berlin","mon":[["11:00","22:00"]],...,"sun":[["18:00","02:00"]]}. Local times in tz; an end before the start runs past midnight. Empty = always open.`},
			&core.BoolField{Name: "is_active", Help: "Inactive restaurants are invisible to everyone but their staff."},
			&core.NumberField{Name: "rating_avg", Min: types.Pointer(0.0), Max: types.Pointer(5.0),
				Help: "Average review rating (2 decimals). Maintained by the server."},
			&core.NumberField{Name: "rating_count", OnlyInt: true, Min: types.Pointer(0.0),
				Help: "Number of reviews. Maintained by the server."},
			&core.FileField{Name: "cover", MaxSelect: 1, MaxSize: 5 << 20,
				MimeTypes: []string{"image/jpeg", "image/png", "image/webp", "image/gif"}, Thumbs: []string{"480x270", "100x100"}},
			&core.RelationField{Name: "staff", CollectionId: usersID, MaxSelect: 50,
				Help: "Users who manage this restaurant's menu and orders. Only superusers can change it."},
		)
		addTimestamps(c)
		c.AddIndex("idx_restaurants_slug", true, "slug", "slug != ''")
		c.AddIndex("idx_restaurants_is_active", false, "is_active", "")
		return app.Save(c)
	}, func(app core.App) error {
		return deleteCollection(app, restaurantsID)
	})
}
