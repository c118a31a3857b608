package hooks

import (
	"encoding/json"
	"errors"
	"math"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/dishpatch/dishpatch/internal/geo"
	"github.com/dishpatch/dishpatch/internal/order"
)

// maxReasonLength bounds the reason of a move: it is shown to the customer
// and kept forever in status_history.
const maxReasonLength = 500

// registerOrders binds the order endpoints: checkout, the status machine and
// courier dispatch. Orders are never written through the records API; every
// change goes through one of these handlers, each in one transaction, and
// is saved with app.Save so that realtime subscribers see it (PocketBase
// checks each subscriber's view rule before sending).
func registerOrders(app core.App) {
	co := newCheckouts()
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.POST("/api/carts/{id}/checkout", co.checkout).Bind(apis.RequireAuth("users"))
		se.Router.POST("/api/orders/{id}/status", moveOrder)
		se.Router.POST("/api/orders/{id}/claim", claimOrder)
		se.Router.POST("/api/orders/{id}/courier-location", reportCourierLocation)
		se.Router.GET("/api/courier/offers", courierOffers)
		return se.Next()
	})
	app.OnRecordCreateRequest("orders").BindFunc(keepHistoryOfEdits)
	app.OnRecordUpdateRequest("orders").BindFunc(keepHistoryOfEdits)
}

// jsonChanged reports whether the request changed the value of JSON field
// name: the dashboard and the SDKs send back the JSON they read, but
// re-encoded (keys sorted, other spacing), which is not a change.
func jsonChanged(r *core.Record, name string) bool {
	var now, was any
	if json.Unmarshal(jsonBytes(r, name), &now) != nil || json.Unmarshal(jsonBytes(r.Original(), name), &was) != nil {
		return fieldChanged(r, name)
	}
	return !reflect.DeepEqual(now, was)
}

// keepHistoryOfEdits keeps status_history and eta true to a superuser's
// direct edit of an order's status in the dashboard (the records API
// refuses everyone else): the move is appended to the history, by the
// superuser, and eta follows the same rule as on the status endpoint. An
// edit that writes status_history or eta itself keeps what it wrote.
func keepHistoryOfEdits(e *core.RecordRequestEvent) error {
	o := e.Record
	to, ok := order.ParseStatus(o.GetString("status"))
	isNew := o.IsNew()
	if !ok || (!isNew && o.Original().GetString("status") == string(to)) || jsonChanged(o, "status_history") {
		return e.Next()
	}
	by := ""
	if e.Auth != nil {
		by = e.Auth.Id
	}
	if err := recordMove(o, historyEntry{Status: string(to), By: by}); err != nil {
		return e.BadRequestError("status_history is not a list.", err)
	}
	if o.GetDateTime("eta").Equal(o.Original().GetDateTime("eta")) {
		if r, err := e.App.FindRecordById("restaurants", o.GetString("restaurant")); err == nil {
			setETA(o, to, int64(r.GetInt("prep_minutes")), travelMinutes(r, o))
		}
	}
	return e.Next()
}

// statusBody is the body of POST /api/orders/{id}/status.
type statusBody struct {
	Status string `json:"status"`
	Reason string `json:"reason"`
}

// moveOrder is POST /api/orders/{id}/status: it re-reads the order inside
// the write transaction, so two concurrent moves from the same status cannot
// both succeed (the second sees the new status and gets a 400).
func moveOrder(e *core.RequestEvent) error {
	var body statusBody
	if err := e.BindBody(&body); err != nil {
		return badBody(e, err)
	}
	reason := strings.TrimSpace(body.Reason)
	if utf8.RuneCountInString(reason) > maxReasonLength {
		return e.BadRequestError("The reason is too long.",
			fieldError("reason", "reason_too_long", "A reason can be at most 500 characters long."))
	}
	var moved *core.Record
	err := runWrite(e.App, func(tx core.App) error {
		o, r, roles, err := loadOrder(tx, e)
		if err != nil {
			return err
		}
		from := order.Status(o.GetString("status"))
		to, ok := order.ParseStatus(body.Status)
		if !ok {
			return e.BadRequestError("Unknown status.", fieldError("status", "unknown_status",
				"The status must be one of placed, accepted, rejected, preparing, ready_for_pickup, picked_up, delivered or cancelled."))
		}
		if err := order.Check(from, to, roles...); err != nil {
			return moveError(e, err)
		}
		if order.NeedsReason(to) && reason == "" {
			return e.BadRequestError("Say why the order is rejected.",
				fieldError("reason", "reason_required", "A rejection needs a reason the customer can read."))
		}
		if err := recordMove(o, historyEntry{Status: string(to), By: e.Auth.Id, Reason: reason}); err != nil {
			return err
		}
		setETA(o, to, int64(r.GetInt("prep_minutes")), travelMinutes(r, o))
		moved = o
		return tx.Save(o)
	})
	if err != nil {
		return err
	}
	return orderResponse(e, moved)
}

// moveError maps the status machine's errors to HTTP: a move nobody may make
// is a 400, a move someone else may make is a 403.
func moveError(e *core.RequestEvent, err error) error {
	if errors.Is(err, order.ErrForbidden) {
		return e.ForbiddenError(sentence(err), nil)
	}
	return e.BadRequestError(sentence(err), fieldError("status", "illegal_move", sentence(err)))
}

// loadOrder reads the order named in the path and its restaurant through
// app (a transaction, when the caller is about to write it) and works out
// the caller's roles. An order the caller may not view is a 404, exactly as
// the records API answers, so that order ids cannot be probed.
func loadOrder(app core.App, e *core.RequestEvent) (o, r *core.Record, roles []order.Role, err error) {
	notFound := e.NotFoundError("This order does not exist or is not yours.", nil)
	o, err = app.FindRecordById("orders", e.Request.PathValue("id"))
	if err != nil {
		return nil, nil, nil, notFound
	}
	r, err = app.FindRecordById("restaurants", o.GetString("restaurant"))
	if err != nil {
		return nil, nil, nil, notFound
	}
	roles = orderRoles(e, o, r)
	if len(roles) == 0 {
		return nil, nil, nil, notFound
	}
	return o, r, roles, nil
}

// orderRoles lists the capacities in which the caller acts on order o of
// restaurant r; none means the caller may not even view it.
func orderRoles(e *core.RequestEvent, o, r *core.Record) []order.Role {
	var roles []order.Role
	if e.HasSuperuserAuth() {
		roles = append(roles, order.Superuser)
	}
	if e.Auth == nil || e.Auth.Collection().Name != "users" {
		return roles
	}
	id := e.Auth.Id
	if o.GetString("customer") == id {
		roles = append(roles, order.Customer)
	}
	if isStaff(r, id) {
		roles = append(roles, order.Staff)
	}
	if o.GetString("courier") == id {
		roles = append(roles, order.Courier)
	}
	return roles
}

// historyEntry is one element of orders.status_history, with the
// contract's four keys always present: Reason is "" when none was given
// (a rejection always has one).
type historyEntry struct {
	Status string `json:"status"`
	At     string `json:"at"`
	By     string `json:"by"`
	Reason string `json:"reason"`
}

// recordMove sets the order's status and appends entry, stamped now, to its
// history. Earlier entries are kept byte for byte, whatever they hold.
func recordMove(o *core.Record, entry historyEntry) error {
	var history []json.RawMessage
	if raw := jsonBytes(o, "status_history"); len(raw) > 0 && string(raw) != "null" {
		if err := json.Unmarshal(raw, &history); err != nil {
			return err
		}
	}
	entry.At = now().UTC().Format(types.DefaultDateLayout)
	raw, err := json.Marshal(entry)
	if err != nil {
		return err
	}
	o.Set("status", entry.Status)
	o.Set("status_history", append(history, raw))
	return nil
}

// setETA applies order.ETA's rule for a move to status to: a new estimate
// from now, a cleared one once the order is over, or the old one.
func setETA(o *core.Record, to order.Status, prepMinutes, travelMinutes int64) {
	minutes, set, clear := order.ETA(to, prepMinutes, travelMinutes)
	switch {
	case set:
		o.Set("eta", now().Add(time.Duration(minutes)*time.Minute))
	case clear:
		o.Set("eta", "")
	}
}

// travelMinutes is the courier's budgeted time from restaurant r to the
// order's delivery point, from the same integer metres checkout priced the
// delivery with. An order without a stored location falls back to its
// distance_km.
func travelMinutes(r, o *core.Record) int64 {
	from, okFrom := geoPoint(r, "location")
	to, okTo := geoPoint(o, "delivery_location")
	if okFrom && okTo {
		return geo.TravelMinutes(geo.DistanceM(from, to))
	}
	return geo.TravelMinutes(int64(math.Round(o.GetFloat("distance_km") * 1000)))
}

// orderResponse answers with the order as the records API would show it to
// the caller: hidden fields (idempotency_key, cart) stay hidden and
// ?expand= works.
func orderResponse(e *core.RequestEvent, o *core.Record) error {
	if err := apis.EnrichRecord(e, o); err != nil {
		return err
	}
	return e.JSON(http.StatusOK, o)
}

// conflictError is a 409: the request was fine, but the order has moved on.
func conflictError(message string) *router.ApiError {
	return router.NewApiError(http.StatusConflict, message, nil)
}

// claimable are the statuses in which an order waits for a courier.
var claimable = []string{string(order.Accepted), string(order.Preparing), string(order.ReadyForPickup)}

// isClaimable reports whether o is in a status in which it waits for a
// courier (whether or not one has claimed it yet).
func isClaimable(o *core.Record) bool {
	return slices.Contains(claimable, o.GetString("status"))
}
