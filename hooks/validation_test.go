package hooks_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"
)

// shape is a JSON value for a JSON field and the error a client gets.
type shape struct {
	name  string
	value string
	ok    bool
}

var openingHoursShapes = []shape{
	{"always open (empty object)", `{}`, true},
	{"always open (null)", `null`, true},
	{"lunch and dinner", `{"tz":"Europe/Berlin","mon":[["11:30","14:30"],["17:30","22:00"]]}`, true},
	{"past midnight", `{"tz":"Europe/Berlin","sat":[["18:00","02:00"]]}`, true},
	{"closed all week", `{"tz":"Europe/Berlin"}`, true},
	{"unknown weekday", `{"tz":"Europe/Berlin","monday":[["11:00","22:00"]]}`, false},
	{"hour out of range", `{"tz":"Europe/Berlin","mon":[["25:00","26:00"]]}`, false},
	{"minutes out of range", `{"tz":"Europe/Berlin","mon":[["11:60","22:00"]]}`, false},
	{"not HH:MM", `{"tz":"Europe/Berlin","mon":[["9am","5pm"]]}`, false},
	{"unknown time zone", `{"tz":"Mars/Olympus","mon":[["11:00","22:00"]]}`, false},
	{"missing time zone", `{"mon":[["11:00","22:00"]]}`, false},
	{"interval of three", `{"tz":"Europe/Berlin","mon":[["11:00","14:00","22:00"]]}`, false},
	{"day not a list", `{"tz":"Europe/Berlin","mon":"11:00-22:00"}`, false},
	{"not an object", `[["11:00","22:00"]]`, false},
	{"number", `42`, false},
}

var currencyShapes = []shape{
	{"euro", `"EUR"`, true},
	{"yen", `"JPY"`, true},
	{"not an ISO 4217 code", `"XYZ"`, false},
	{"four letters", `"EURO"`, false},
}

var optionGroupShapes = []shape{
	{"no options", `[]`, true},
	{"size and extras", `[{"id":"size","name":"Size","min":1,"max":1,"options":[{"id":"m","name":"Medium","price":0},{"id":"l","name":"Large","price":300}]},{"id":"extra","name":"Extras","min":0,"max":2,"options":[{"id":"cheese","name":"Cheese","price":150},{"id":"olives","name":"Olives","price":100}]}]`, true},
	{"duplicate group ids", `[{"id":"size","name":"Size","min":0,"max":1,"options":[{"id":"m","name":"M","price":0}]},{"id":"size","name":"Size 2","min":0,"max":1,"options":[{"id":"l","name":"L","price":0}]}]`, false},
	{"duplicate option ids", `[{"id":"size","name":"Size","min":1,"max":1,"options":[{"id":"m","name":"M","price":0},{"id":"m","name":"M2","price":100}]}]`, false},
	{"min greater than max", `[{"id":"size","name":"Size","min":2,"max":1,"options":[{"id":"m","name":"M","price":0},{"id":"l","name":"L","price":0}]}]`, false},
	{"negative min", `[{"id":"size","name":"Size","min":-1,"max":1,"options":[{"id":"m","name":"M","price":0}]}]`, false},
	{"negative price", `[{"id":"size","name":"Size","min":1,"max":1,"options":[{"id":"m","name":"M","price":-100}]}]`, false},
	{"fractional price", `[{"id":"size","name":"Size","min":1,"max":1,"options":[{"id":"m","name":"M","price":1.5}]}]`, false},
	{"price as text", `[{"id":"size","name":"Size","min":1,"max":1,"options":[{"id":"m","name":"M","price":"300"}]}]`, false},
	{"missing id", `[{"name":"Size","min":1,"max":1,"options":[{"id":"m","name":"M","price":0}]}]`, false},
	{"not a list", `{"size":{"min":1}}`, false},
	// The contract's rules only: ids unique, 0 ≤ min ≤ max, prices ≥ 0.
	{"max above the number of options", `[{"id":"extra","name":"Extras","min":0,"max":5,"options":[{"id":"a","name":"A","price":10},{"id":"b","name":"B","price":20},{"id":"c","name":"C","price":30}]}]`, true},
	{"max zero", `[{"id":"x","name":"X","min":0,"max":0,"options":[{"id":"a","name":"A","price":0}]}]`, true},
	{"max and names missing", `[{"id":"extra","min":0,"options":[{"id":"a","price":10}]}]`, true},
	{"other keys", `[{"id":"size","name":"Size","min":1,"max":1,"note":"n","options":[{"id":"m","name":"M","price":0,"description":"d"}]}]`, true},
}

// TestJSONShapes checks that bad opening_hours, currency codes and
// option_groups are a 400 naming the field, for superusers (create) and
// staff (update) alike.
func TestJSONShapes(t *testing.T) {
	cases := []struct {
		field, method, url, who, prefix string
		shapes                          []shape
	}{
		{"opening_hours", http.MethodPost, "/api/collections/restaurants/records", admin,
			`"name":"Hours test","location":{"lon":13.4,"lat":52.5},"delivery_radius_km":3,`, openingHoursShapes},
		{"opening_hours", http.MethodPatch, "/api/collections/restaurants/records/" + restA, sam, ``, openingHoursShapes},
		{"currency", http.MethodPost, "/api/collections/restaurants/records", admin,
			`"name":"Currency test","location":{"lon":13.4,"lat":52.5},"delivery_radius_km":3,`, currencyShapes},
		{"currency", http.MethodPatch, "/api/collections/restaurants/records/" + restA, sam, ``, currencyShapes},
		{"option_groups", http.MethodPost, "/api/collections/menu_items/records", admin,
			`"restaurant":"` + restA + `","name":"Options test","price":500,`, optionGroupShapes},
		{"option_groups", http.MethodPatch, "/api/collections/menu_items/records/" + itemA1, sam, ``, optionGroupShapes},
	}
	for _, c := range cases {
		for _, sh := range c.shapes {
			s := tests.ApiScenario{
				Name:           c.field + " " + c.method + " as " + c.who + ": " + sh.name,
				Method:         c.method,
				URL:            c.url,
				Body:           strings.NewReader(`{` + c.prefix + `"` + c.field + `":` + sh.value + `}`),
				Headers:        auth(c.who),
				TestAppFactory: newApp,
			}
			if sh.ok {
				s.ExpectedStatus = 200
				s.ExpectedContent = []string{`"` + c.field + `":`}
			} else {
				s.ExpectedStatus = 400
				s.ExpectedContent = []string{`"status":400`, `"` + c.field + `":{"code":"invalid_`}
			}
			s.Test(t)
		}
	}
}
