package hooks

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
)

// fieldPolicy says which fields of a collection clients (anyone but a
// superuser) may not send. Server fields are computed by Dishpatch and
// superuser fields are granted by superusers (roles, visibility): both are
// refused on create and update; immutable fields are set on create and
// refused on update; when writable is set, every other field is refused on
// update.
type fieldPolicy struct {
	server    []string
	superuser []string
	immutable []string
	writable  []string
}

var moneyFieldNames = []string{
	"subtotal", "discount", "delivery_fee", "service_fee", "small_order_fee", "tax", "total",
	"item_count", "currency", "distance_km",
}

// policies is the table of client-write restrictions, by collection. Who
// may write at all is the collections' API rules; this table is about which
// fields.
var policies = map[string]fieldPolicy{
	"restaurants": {server: []string{"rating_avg", "rating_count"}, superuser: []string{"staff", "is_active"}},
	"menu_items":  {immutable: []string{"restaurant"}},
	"carts":       {server: append(slices.Clone(moneyFieldNames), "blockers"), immutable: []string{"user", "restaurant"}},
	"cart_items":  {server: []string{"name", "unit_price", "line_total"}, immutable: []string{"cart"}},
	"reviews":     {server: []string{"restaurant", "customer"}, immutable: []string{"order"}},
	"couriers":    {writable: []string{"is_online", "location"}},
}

func registerGuards(app core.App) {
	names := make([]string, 0, len(policies))
	for name := range policies {
		names = append(names, name)
	}
	app.OnRecordCreateRequest(names...).BindFunc(guardCreate)
	app.OnRecordUpdateRequest(names...).BindFunc(guardUpdate)
}

func guardCreate(e *core.RecordRequestEvent) error {
	return guard(e, false)
}

func guardUpdate(e *core.RecordRequestEvent) error {
	return guard(e, true)
}

// fieldChanged reports whether the request changed a field's value: a client
// that sends back the whole record it read (collectionId, created, its own
// user...) has not tried to change those.
func fieldChanged(r *core.Record, name string) bool {
	return !reflect.DeepEqual(r.GetRaw(name), r.Original().GetRaw(name))
}

// guard answers 400, naming every offending field, when a client sends a
// field it may not write. Superusers are not limited: the dashboard sends
// whole records, and server fields are recomputed on every save anyway.
func guard(e *core.RecordRequestEvent, isUpdate bool) error {
	if e.HasSuperuserAuth() {
		return e.Next()
	}
	info, err := e.RequestInfo()
	if err != nil {
		return e.BadRequestError("", err)
	}
	p := policies[e.Collection.Name]
	errs := validation.Errors{}
	for key := range info.Body {
		name := strings.Trim(key, "+-")
		switch {
		case slices.Contains(p.server, name):
			errs[name] = validation.NewError("server_field",
				fmt.Sprintf("%s is set by the server and cannot be written by clients.", name))
		case slices.Contains(p.superuser, name):
			errs[name] = validation.NewError("superuser_field",
				fmt.Sprintf("Only a superuser can set %s.", name))
		case isUpdate && slices.Contains(p.immutable, name) && fieldChanged(e.Record, name):
			errs[name] = validation.NewError("immutable_field",
				fmt.Sprintf("%s cannot be changed once set.", name))
		case isUpdate && p.writable != nil && !slices.Contains(p.writable, name) &&
			e.Collection.Fields.GetByName(name) != nil && fieldChanged(e.Record, name):
			errs[name] = validation.NewError("read_only_field",
				fmt.Sprintf("%s cannot be changed; only %s can.", name, strings.Join(p.writable, " and ")))
		}
	}
	if len(errs) > 0 {
		return e.BadRequestError("Some fields cannot be written by clients.", errs)
	}
	return e.Next()
}
