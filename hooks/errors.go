package hooks

import (
	"strings"
	"unicode"
	"unicode/utf8"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
)

// badBody answers a request body that e.BindBody could not read: not JSON,
// or JSON with a field of the wrong type ({"reason": 5}).
func badBody(e *core.RequestEvent, err error) error {
	return e.BadRequestError("The request body is not valid JSON, or one of its fields has the wrong type.", err)
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
