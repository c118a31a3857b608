// Package hooks is Dishpatch's PocketBase glue: it binds the collection
// hooks and custom routes. Domain rules live in internal/ packages; the
// functions here read fields, call them, write fields and return e.Next().
package hooks

import (
	"github.com/pocketbase/pocketbase/core"
)

// Register binds every Dishpatch hook and route to app. It is the single
// entry point, shared by main.go and the tests.
func Register(app core.App) {
	registerGuards(app)
	registerTypeGuard(app)
	registerAuthCache(app)
	registerRequestLog(app)
	registerCheckpointer(app)
	registerRestaurants(app)
	registerMenuItems(app)
	registerPromoCodes(app)
	registerCarts(app)
	registerCartItems(app)
	registerReviews(app)
	registerOrders(app)
	registerSearch(app)
	registerRealtime(app)
}
