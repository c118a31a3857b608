package hooks

import (
	"cmp"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/dishpatch/dishpatch/internal/geo"
	"github.com/dishpatch/dishpatch/internal/order"
)

// offerRadiusM is how far from a courier a restaurant may be for its orders
// to be offered to them: 10 km, as the contract says.
const offerRadiusM = 10_000

// maxOffers bounds an offers answer; the nearest ones are kept. A courier
// cannot pick from more, and the bound keeps the answer cheap in a city
// with a backlog.
const maxOffers = 100

// offer is one item of GET /api/courier/offers. It carries nothing about
// the customer: who and where they are is shown only after the claim.
type offer struct {
	ID                 string         `json:"id"`
	RestaurantName     string         `json:"restaurant_name"`
	RestaurantLocation types.GeoPoint `json:"restaurant_location"`
	PickupDistanceKm   float64        `json:"pickup_distance_km"`
	DistanceKm         float64        `json:"distance_km"`
	Total              int64          `json:"total"`
	Currency           string         `json:"currency"`
	Status             string         `json:"status"`

	pickupM int64
	created string
}

// offerRow is what the offers query reads per order.
type offerRow struct {
	ID                 string  `db:"id"`
	Status             string  `db:"status"`
	Total              float64 `db:"total"`
	Currency           string  `db:"currency"`
	DistanceKm         float64 `db:"distance_km"`
	Created            string  `db:"created"`
	RestaurantName     string  `db:"restaurant_name"`
	RestaurantLocation string  `db:"restaurant_location"`
}

// courierOffers is GET /api/courier/offers?lat=&lon=: the unassigned orders
// waiting for a courier at restaurants within 10 km of the given point,
// nearest restaurant first (then oldest order first).
func courierOffers(e *core.RequestEvent) error {
	if !onlineCourier(e.App, e) {
		return e.ForbiddenError("Only couriers who are online see delivery offers.", nil)
	}
	at, err := queryPoint(e)
	if err != nil {
		return err
	}
	minLat, maxLat, minLon, maxLon := geo.BBox(at, offerRadiusM)
	var rows []offerRow
	err = e.App.DB().NewQuery(`SELECT o.id, o.status, o.total, o.currency, o.distance_km, o.created,
			r.name AS restaurant_name, r.location AS restaurant_location
		FROM orders o JOIN restaurants r ON r.id = o.restaurant
		WHERE o.status IN ({:s1}, {:s2}, {:s3}) AND coalesce(o.courier, '') = ''
			AND json_extract(r.location, '$.lat') BETWEEN {:minLat} AND {:maxLat}
			AND json_extract(r.location, '$.lon') BETWEEN {:minLon} AND {:maxLon}`).
		Bind(dbx.Params{
			"s1": claimable[0], "s2": claimable[1], "s3": claimable[2],
			"minLat": minLat, "maxLat": maxLat, "minLon": minLon, "maxLon": maxLon,
		}).
		All(&rows)
	if err != nil {
		return err
	}
	items := make([]offer, 0, len(rows))
	for _, row := range rows {
		var loc types.GeoPoint
		if err := json.Unmarshal([]byte(row.RestaurantLocation), &loc); err != nil {
			continue // a restaurant without a location cannot be reached
		}
		d := geo.DistanceM(at, geo.Point{Lon: loc.Lon, Lat: loc.Lat})
		if d > offerRadiusM {
			continue
		}
		items = append(items, offer{
			ID: row.ID, RestaurantName: row.RestaurantName, RestaurantLocation: loc,
			PickupDistanceKm: geo.KmFromM(d), DistanceKm: row.DistanceKm, Total: int64(row.Total),
			Currency: row.Currency, Status: row.Status, pickupM: d, created: row.Created,
		})
	}
	slices.SortFunc(items, func(a, b offer) int {
		return cmp.Or(cmp.Compare(a.pickupM, b.pickupM), cmp.Compare(a.created, b.created), cmp.Compare(a.ID, b.ID))
	})
	if len(items) > maxOffers {
		items = items[:maxOffers]
	}
	return e.JSON(http.StatusOK, map[string]any{"items": items})
}

// queryPoint reads the required lat and lon query parameters.
func queryPoint(e *core.RequestEvent) (geo.Point, error) {
	q := e.Request.URL.Query()
	lat, latErr := strconv.ParseFloat(q.Get("lat"), 64)
	lon, lonErr := strconv.ParseFloat(q.Get("lon"), 64)
	errs := pointErrors(lat, lon, latErr == nil, lonErr == nil)
	if len(errs) > 0 {
		return geo.Point{}, e.BadRequestError("Invalid location.", errs)
	}
	return geo.Point{Lat: lat, Lon: lon}, nil
}

// pointErrors names the coordinates that are missing (not ok) or out of
// range.
func pointErrors(lat, lon float64, latOK, lonOK bool) validation.Errors {
	errs := validation.Errors{}
	if !latOK || !(lat >= -90 && lat <= 90) {
		errs["lat"] = validation.NewError("invalid_lat", "lat is required and must be a number between -90 and 90.")
	}
	if !lonOK || !(lon >= -180 && lon <= 180) {
		errs["lon"] = validation.NewError("invalid_lon", "lon is required and must be a number between -180 and 180.")
	}
	return errs
}

// onlineCourier reports whether the caller is a courier who is online.
func onlineCourier(app core.App, e *core.RequestEvent) bool {
	c, ok := courierOf(app, e)
	return ok && c.GetBool("is_online")
}

// courierOf finds the caller's courier record.
func courierOf(app core.App, e *core.RequestEvent) (*core.Record, bool) {
	if e.Auth == nil || e.Auth.Collection().Name != "users" {
		return nil, false
	}
	c, err := app.FindFirstRecordByData("couriers", "user", e.Auth.Id)
	return c, err == nil
}

// claimBody is the body of POST /api/orders/{id}/claim: empty for a
// courier's own claim, {"courier": "<user id>"} for an assignment.
type claimBody struct {
	Courier string `json:"courier"`
}

// claimOrder is POST /api/orders/{id}/claim. The order is re-read and
// written in one transaction; PocketBase has a single writer connection, so
// claims are serialised and only the first finds the order unassigned.
func claimOrder(e *core.RequestEvent) error {
	if e.Auth == nil {
		return e.UnauthorizedError("Sign in to claim an order.", nil)
	}
	var body claimBody
	if err := e.BindBody(&body); err != nil {
		return badBody(e, err)
	}
	// Whether the caller is an online courier does not depend on the order:
	// asking first means an unknown id and someone else's order answer alike.
	if body.Courier == "" && !onlineCourier(e.App, e) {
		return e.ForbiddenError("Only couriers who are online can claim orders.", nil)
	}
	var claimed *core.Record
	err := runWrite(e.App, func(tx core.App) error {
		o, err := tx.FindRecordById("orders", e.Request.PathValue("id"))
		if err != nil {
			return e.NotFoundError("This order does not exist.", nil)
		}
		courier, err := claimant(tx, e, o, body)
		if err != nil {
			return err
		}
		if !isClaimable(o) {
			return conflictError("This order is not waiting for a courier.")
		}
		if body.Courier == "" && o.GetString("courier") == courier {
			return conflictError("You have already claimed this order.")
		}
		if body.Courier == "" && o.GetString("courier") != "" {
			return conflictError("Another courier has already claimed this order.")
		}
		o.Set("courier", courier)
		claimed = o
		return tx.Save(o)
	})
	if err != nil {
		return err
	}
	return orderResponse(e, claimed)
}

// claimant decides who gets order o: the calling courier when the body
// names nobody, else the named courier if the caller is staff of the
// order's restaurant or a superuser. Staff may reassign an order that
// nobody has picked up yet; couriers may only take unassigned ones.
func claimant(tx core.App, e *core.RequestEvent, o *core.Record, body claimBody) (string, error) {
	if body.Courier == "" {
		return e.Auth.Id, nil // claimOrder checked that the caller is an online courier
	}
	if !e.HasSuperuserAuth() {
		r, err := tx.FindRecordById("restaurants", o.GetString("restaurant"))
		if err != nil || !isStaff(r, e.Auth.Id) {
			return "", e.ForbiddenError("Only the restaurant's staff can assign a courier.", nil)
		}
	}
	if _, err := tx.FindFirstRecordByData("couriers", "user", body.Courier); err != nil {
		return "", e.BadRequestError("Unknown courier.",
			fieldError("courier", "unknown_courier", "This user is not a courier."))
	}
	return body.Courier, nil
}

// locationBody is the body of POST /api/orders/{id}/courier-location.
type locationBody struct {
	Lat *float64 `json:"lat"`
	Lon *float64 `json:"lon"`
}

// reportCourierLocation is POST /api/orders/{id}/courier-location: the
// assigned courier's position, which the customer watches live through the
// order's realtime updates.
func reportCourierLocation(e *core.RequestEvent) error {
	var body locationBody
	if err := e.BindBody(&body); err != nil {
		return badBody(e, err)
	}
	var lat, lon float64
	if body.Lat != nil {
		lat = *body.Lat
	}
	if body.Lon != nil {
		lon = *body.Lon
	}
	if errs := pointErrors(lat, lon, body.Lat != nil, body.Lon != nil); len(errs) > 0 {
		return e.BadRequestError("Invalid location.", errs)
	}
	var updated *core.Record
	err := runWrite(e.App, func(tx core.App) error {
		o, _, roles, err := loadOrder(tx, e)
		if err != nil {
			return err
		}
		if !slices.Contains(roles, order.Courier) {
			return e.ForbiddenError("Only the order's courier reports its location.", nil)
		}
		if order.Terminal(order.Status(o.GetString("status"))) {
			return conflictError("This order is over; its location is no longer tracked.")
		}
		o.Set("courier_location", types.GeoPoint{Lon: lon, Lat: lat})
		updated = o
		return tx.Save(o)
	})
	if err != nil {
		return err
	}
	return orderResponse(e, updated)
}
