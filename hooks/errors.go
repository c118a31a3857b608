package hooks

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"unicode"
	"unicode/utf8"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
)

// badBody answers a request body that e.BindBody could not read: JSON with
// a field of the wrong type ({"reason": 5}) is a 400 naming the field, with
// code invalid_type; anything else (not JSON at all) a plain 400.
func badBody(e *core.RequestEvent, err error) error {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) && typeErr.Field != "" {
		return e.BadRequestError("One of the request body's fields has the wrong type.",
			fieldError(typeErr.Field, "invalid_type", "Must be "+jsonKind(typeErr.Type)+"."))
	}
	return e.BadRequestError("The request body is not valid JSON, or one of its fields has the wrong type.", err)
}

// jsonKind names, for a client, the JSON value a Go type decodes from.
func jsonKind(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "a list"
	}
	return "an object"
}

// fieldError is a 400-worthy validation error on one field, in
// PocketBase's error shape: data: {field: {code, message}}.
func fieldError(field, code, message string) validation.Errors {
	return validation.Errors{field: validation.NewError(code, message)}
}

// sentence turns a domain error ("hours: mon[0]: bad time") into a message
// a frontend can show: without the package prefix, capitalised, with a
// full stop.
func sentence(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, ": "); i > 0 && !strings.ContainsAny(msg[:i], " \"[") {
		msg = msg[i+2:]
	}
	if msg == "" {
		return "Invalid value."
	}
	// Capitalise prose ("unknown time zone"), not identifiers ("mon[0]").
	if word, _, _ := strings.Cut(msg, " "); !strings.ContainsAny(word, `[]"_.:`) {
		r, size := utf8.DecodeRuneInString(msg)
		msg = string(unicode.ToUpper(r)) + msg[size:]
	}
	if !strings.HasSuffix(msg, ".") {
		msg += "."
	}
	return msg
}
