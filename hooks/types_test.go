package hooks_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/types"
)

// storedIs asserts, after a scenario, that field of record id still holds
// (or now holds) want.
func storedIs(collection, id, field string, want any) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		r, err := app.FindRecordById(collection, id)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Get(field); got != want {
			t.Errorf("%s.%s = %v (%T); want %v", collection, field, got, got, want)
		}
	}
}

func multipartBody(fields map[string]string) (*bytes.Buffer, string) {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for k, v := range fields {
		w.WriteField(k, v)
	}
	w.Close()
	return &b, w.FormDataContentType()
}

// TestWrongTypes: a value that cannot mean its field's type is a 400 naming
// the field (code invalid_type) and changes nothing, where PocketBase alone
// would store 0, false, no date or the point (0, 0); values that do mean one,
// including a multipart form's text, pass.
func TestWrongTypes(t *testing.T) {
	restURL := "/api/collections/restaurants/records/" + restA
	scenarios := []struct {
		name, who, method, url, body string
		status                       int
		field                        string // the field named in the 400
		check                        func(testing.TB, *tests.TestApp, *http.Response)
	}{
		{"a number as words", "admin", "PATCH", restURL, `{"min_order":"abc"}`, 400, "min_order", storedIs("restaurants", restA, "min_order", 1500.0)},
		{"a number as a list", "admin", "PATCH", restURL, `{"min_order":[1]}`, 400, "min_order", storedIs("restaurants", restA, "min_order", 1500.0)},
		{"a number as a bool", "admin", "PATCH", restURL, `{"min_order":true}`, 400, "min_order", storedIs("restaurants", restA, "min_order", 1500.0)},
		{"a number in a string", "admin", "PATCH", restURL, `{"min_order":"1600"}`, 200, "", storedIs("restaurants", restA, "min_order", 1600.0)},
		{"a number in a string with spaces", "admin", "PATCH", restURL, `{"min_order":" 1600"}`, 400, "min_order", storedIs("restaurants", restA, "min_order", 1500.0)},
		{"a number cleared", "admin", "PATCH", restURL, `{"min_order":null}`, 200, "", storedIs("restaurants", restA, "min_order", 0.0)},
		{"a bool as a word", "admin", "PATCH", restURL, `{"is_active":"maybe"}`, 400, "is_active", storedIs("restaurants", restA, "is_active", true)},
		{"a bool as 2", "admin", "PATCH", restURL, `{"is_active":2}`, 400, "is_active", storedIs("restaurants", restA, "is_active", true)},
		{"a bool as text", "admin", "PATCH", restURL, `{"is_active":"false"}`, 200, "", storedIs("restaurants", restA, "is_active", false)},
		{"a point as words", "admin", "PATCH", restURL, `{"location":"abc"}`, 400, "location", nil},
		{"a point with text in it", "admin", "PATCH", restURL, `{"location":{"lon":"13.4","lat":52.5}}`, 400, "location", nil},
		{"a point as a number", "admin", "PATCH", restURL, `{"location":5}`, 400, "location", nil},
		{"a point as JSON text", "admin", "PATCH", restURL, `{"location":"{\"lon\":13.41,\"lat\":52.52}"}`, 200, "", nil},
		{"a customer's point as words", alice, "PATCH", "/api/collections/carts/records/" + cartK, `{"delivery_location":"abc"}`, 400, "delivery_location", nil},
		{"a quantity as words", alice, "PATCH", "/api/collections/cart_items/records/" + lineK1, `{"quantity":"two"}`, 400, "quantity",
			storedIs("cart_items", lineK1, "quantity", 2.0)},
		{"a quantity modifier as words", alice, "PATCH", "/api/collections/cart_items/records/" + lineK1, `{"quantity+":"x"}`, 400, "quantity",
			storedIs("cart_items", lineK1, "quantity", 2.0)},
		{"a date as words", "admin", "PATCH", "/api/collections/promo_codes/records/" + promoP, `{"ends_at":"someday"}`, 400, "ends_at",
			storedIs("promo_codes", promoP, "ends_at", types.DateTime{})},
		{"a date as a number", "admin", "PATCH", "/api/collections/promo_codes/records/" + promoP, `{"ends_at":1767225600}`, 400, "ends_at", nil},
		{"a date", "admin", "PATCH", "/api/collections/promo_codes/records/" + promoP, `{"ends_at":"2031-01-01 00:00:00.000Z"}`, 200, "", nil},
		{"a body cut short", "admin", "PATCH", restURL, `{"min_order":`, 400, "", storedIs("restaurants", restA, "min_order", 1500.0)},
		{"a date cleared", "admin", "PATCH", "/api/collections/promo_codes/records/" + promoP, `{"ends_at":""}`, 200, "", nil},
	}
	for _, s := range scenarios {
		var content []string
		if s.field != "" {
			content = []string{`"` + s.field + `":{"code":"invalid_type"`}
		}
		(&tests.ApiScenario{
			Name:            s.name,
			Method:          s.method,
			URL:             s.url,
			Body:            strings.NewReader(s.body),
			Headers:         auth(s.who),
			ExpectedStatus:  s.status,
			ExpectedContent: append(content, `"`),
			TestAppFactory:  newApp,
			AfterTestFunc:   s.check,
		}).Test(t)
	}

	// A multipart form sends every value as text: numbers and bools in words pass.
	body, contentType := multipartBody(map[string]string{"min_order": "1700", "is_active": "false", "location": `{"lon":13.41,"lat":52.52}`})
	headers := auth("admin")
	headers["Content-Type"] = contentType
	(&tests.ApiScenario{
		Name: "a multipart form", Method: "PATCH", URL: restURL, Body: body, Headers: headers,
		ExpectedStatus: 200, ExpectedContent: []string{`"min_order":1700`, `"is_active":false`},
		TestAppFactory: newApp,
	}).Test(t)
	body, contentType = multipartBody(map[string]string{"min_order": "lots"})
	headers = auth("admin")
	headers["Content-Type"] = contentType
	(&tests.ApiScenario{
		Name: "a multipart form with a number in words", Method: "PATCH", URL: restURL, Body: body, Headers: headers,
		ExpectedStatus: 400, ExpectedContent: []string{`"min_order":{"code":"invalid_type"`},
		TestAppFactory: newApp, AfterTestFunc: storedIs("restaurants", restA, "min_order", 1500.0),
	}).Test(t)
}
