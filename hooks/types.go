package hooks

import (
	"encoding/json"
	"math"
	"net/http"
	"strconv"
	"strings"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/types"
)

// dishpatchCollections are the collections whose request bodies typeGuard
// checks.
var dishpatchCollections = []string{
	"restaurants", "menu_items", "promo_codes", "carts", "cart_items", "orders", "reviews", "couriers",
}

// rawBodyKey holds, in a request event, the record request's body as the
// client sent it: by the time the record request hooks run, PocketBase has
// replaced RequestInfo().Body with the values as its fields read them ("abc"
// already 0).
const rawBodyKey = "dishpatch.rawBody"

func registerTypeGuard(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.Bind(&hook.Handler[*core.RequestEvent]{
			Id: "dishpatchRawBody",
			// After the body size limit, which must come before any read.
			Priority: apis.DefaultBodyLimitMiddlewarePriority + 1,
			Func:     keepRawBody,
		})
		return se.Next()
	})
	app.OnRecordCreateRequest(dishpatchCollections...).BindFunc(typeGuard)
	app.OnRecordUpdateRequest(dishpatchCollections...).BindFunc(typeGuard)
}

// keepRawBody keeps the parsed body of a record create or update request
// (PocketBase parses it once and caches it; this only keeps a reference).
func keepRawBody(e *core.RequestEvent) error {
	m := e.Request.Method
	path := e.Request.URL.Path
	if (m == http.MethodPost || m == http.MethodPatch) && strings.HasPrefix(path, "/api/collections/") &&
		strings.Contains(path, "/records") {
		if info, err := e.RequestInfo(); err == nil {
			e.Set(rawBodyKey, info.Body)
		}
	}
	return e.Next()
}

// typeGuard answers 400, naming every such field (code invalid_type), when
// a request body gives a number, bool, date or point field a value that
// cannot mean one. PocketBase would convert it silently: "abc" to 0 for a
// number, "maybe" to false, an unreadable date to none, "abc" to the point
// (0, 0) — a lost value, stored without a word. Values that do mean one
// pass, in the forms PocketBase reads: JSON numbers and numeric strings
// (multipart forms send every value as text), true/false and their
// strconv.ParseBool spellings, date strings, points as objects or JSON
// text; null and "" clear a field as before. It applies to superusers too.
func typeGuard(e *core.RecordRequestEvent) error {
	body, ok := e.Get(rawBodyKey).(map[string]any)
	if !ok {
		// A request of a batch (/api/batch) passes no router middleware:
		// read its body again (PocketBase makes it rereadable; the batch
		// sends its values, typed, as the multipart field @jsonPayload).
		if err := e.BindBody(&body); err != nil {
			return e.BadRequestError("Failed to read the submitted data.", err)
		}
	}
	errs := validation.Errors{}
	for key, value := range body {
		name := strings.TrimSuffix(strings.TrimSuffix(strings.TrimPrefix(key, "+"), "+"), "-") // modifiers
		if msg := typeProblem(e.Collection.Fields.GetByName(name), value); msg != "" {
			errs[name] = validation.NewError("invalid_type", msg)
		}
	}
	if len(errs) > 0 {
		return e.BadRequestError("Some fields have values of the wrong type.", errs)
	}
	return e.Next()
}

// typeProblem says what value field f needs when v cannot be one, or "".
func typeProblem(f core.Field, v any) string {
	if s, ok := v.(string); ok && (strings.TrimSpace(s) == "" || s == "null") {
		v = nil // cleared, as PocketBase reads it
	}
	if v == nil {
		return ""
	}
	switch f.(type) {
	case *core.NumberField:
		if !isNumber(v) {
			return "Must be a number."
		}
	case *core.BoolField:
		if !isBool(v) {
			return "Must be true or false."
		}
	case *core.DateField:
		if s, ok := v.(string); !ok || !isDate(s) {
			return `Must be a date like "2026-12-24 18:00:00.000Z".`
		}
	case *core.GeoPointField:
		if !isPoint(v) {
			return `Must be a point like {"lon": 13.405, "lat": 52.52}.`
		}
	}
	return ""
}

func isNumber(v any) bool {
	switch x := v.(type) {
	case float64, float32, int, int64, int32, json.Number:
		return true
	case string:
		// As PocketBase reads it (cast.ToFloat64): " 12" is not 12 but 0.
		f, err := strconv.ParseFloat(x, 64)
		return err == nil && !math.IsNaN(f) && !math.IsInf(f, 0)
	}
	return false
}

func isBool(v any) bool {
	switch x := v.(type) {
	case bool:
		return true
	case float64:
		return x == 0 || x == 1
	case string:
		_, err := strconv.ParseBool(x) // as cast.ToBool reads it
		return err == nil
	}
	return false
}

func isDate(s string) bool {
	d, err := types.ParseDateTime(s)
	return err == nil && !d.IsZero()
}

// isPoint accepts an object (or its JSON text) whose keys lon and lat, when
// present, are numbers; PocketBase's own validation then checks the ranges.
func isPoint(v any) bool {
	if s, ok := v.(string); ok {
		var m any
		if json.Unmarshal([]byte(s), &m) != nil {
			return false
		}
		v = m
	}
	m, ok := v.(map[string]any)
	if !ok {
		return false
	}
	for _, key := range []string{"lon", "lat"} {
		if c, ok := m[key]; ok {
			if _, ok := c.(float64); !ok {
				return false
			}
		}
	}
	return true
}
