// Package menu validates a menu item's option groups (size, extras, …) and a
// customer's choice among them, and prices that choice.
//
// Option groups live in a free-form JSON field, so this package is the only
// thing standing between a typo in the admin dashboard and a cart that
// charges the wrong amount: parsing is strict and every error names the group
// and option at fault.
package menu

import (
	"errors"
	"fmt"
)

// Error is a problem with option groups or a selection. Message is a sentence
// for the person who made the mistake (a restaurant's staff editing groups, a
// customer choosing options); Error adds the package prefix for logs.
type Error struct {
	Message string
}

// Error implements error.
func (e *Error) Error() string {
	return "menu: " + e.Message
}

// Reason is the message to show for err, which may be wrapped; nil gets "".
// An error from outside this package gets a generic sentence rather than its
// own text, so nothing internal reaches a customer.
func Reason(err error) string {
	if err == nil {
		return ""
	}
	if e, ok := errors.AsType[*Error](err); ok {
		return e.Message
	}
	return "The options are not valid."
}

func errorf(format string, args ...any) error {
	return &Error{Message: fmt.Sprintf(format, args...)}
}
