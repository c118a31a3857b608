package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// The users auth collection ships with PocketBase (with name and avatar);
// Dishpatch adds a phone number for couriers and restaurants to call, and
// keeps the default rules: a user reads and updates only their own record.
func init() {
	m.Register(func(app core.App) error {
		users, err := app.FindCollectionByNameOrId(usersID)
		if err != nil {
			return err
		}
		if f, ok := users.Fields.GetByName("name").(*core.TextField); ok {
			f.Presentable = true
			f.Help = "Shown to restaurant staff and couriers on the customer's orders."
		}
		if f, ok := users.Fields.GetByName("avatar").(*core.FileField); ok {
			f.Help = "Profile picture (image)."
		}
		users.Fields.Add(&core.TextField{
			Name:    "phone",
			Max:     32,
			Pattern: `^[0-9+() ./-]*$`,
			Help:    "Contact number for delivery questions, e.g. +49 30 1234567.",
		})
		owner := "id = @request.auth.id"
		users.ListRule = rule(owner)
		users.ViewRule = rule(owner)
		users.UpdateRule = rule(owner)
		users.DeleteRule = rule(owner)
		users.CreateRule = rule("")
		return app.Save(users)
	}, func(app core.App) error {
		users, err := app.FindCollectionByNameOrId(usersID)
		if err != nil {
			return err
		}
		users.Fields.RemoveByName("phone")
		return app.Save(users)
	})
}
