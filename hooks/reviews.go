package hooks

import (
	"github.com/pocketbase/pocketbase/core"

	"github.com/dishpatch/dishpatch/internal/review"
)

func registerReviews(app core.App) {
	app.OnRecordCreateRequest("reviews").BindFunc(checkReviewable)
	app.OnRecordUpdateRequest("reviews").BindFunc(checkReviewEditable)
	app.OnRecordDeleteRequest("reviews").BindFunc(checkReviewEditable)
	app.OnRecordCreate("reviews").BindFunc(fillReview)
	app.OnRecordCreateExecute("reviews").BindFunc(refreshRatingOnReview)
	app.OnRecordUpdateExecute("reviews").BindFunc(refreshRatingOnReview)
	app.OnRecordDeleteExecute("reviews").BindFunc(refreshRatingOnReview)
}

// checkReviewable lets only the customer of a delivered order review it.
// (Once per order is the unique index on reviews.order.)
func checkReviewable(e *core.RecordRequestEvent) error {
	if e.HasSuperuserAuth() {
		return e.Next()
	}
	o, err := e.App.FindRecordById("orders", e.Record.GetString("order"))
	if err != nil || e.Auth == nil || o.GetString("customer") != e.Auth.Id {
		return e.BadRequestError("Unknown order.", fieldError("order", "unknown_order", "This order does not exist or is not yours."))
	}
	if o.GetString("status") != "delivered" {
		return e.BadRequestError("The order is not delivered yet.",
			fieldError("order", "not_delivered", "Only delivered orders can be reviewed."))
	}
	return e.Next()
}

// checkReviewEditable closes a review for changes after review.EditWindow.
func checkReviewEditable(e *core.RecordRequestEvent) error {
	if e.HasSuperuserAuth() {
		return e.Next()
	}
	if !review.Editable(e.Record.GetDateTime("created").Time(), now()) {
		return e.ForbiddenError("Reviews can be changed or deleted only within 7 days of posting.", nil)
	}
	return e.Next()
}

// fillReview copies the restaurant and the customer from the order, so that
// they cannot disagree with it.
func fillReview(e *core.RecordEvent) error {
	o, err := e.App.FindRecordById("orders", e.Record.GetString("order"))
	if err != nil {
		return fieldError("order", "unknown_order", "This order does not exist.")
	}
	e.Record.Set("restaurant", o.GetString("restaurant"))
	e.Record.Set("customer", o.GetString("customer"))
	return e.Next()
}

// refreshRatingOnReview keeps the restaurant's rating_avg and rating_count
// equal to the aggregate of its reviews, in the review's transaction.
func refreshRatingOnReview(e *core.RecordEvent) error {
	return inTransaction(e, func(tx core.App) error {
		if err := e.Next(); err != nil {
			return err
		}
		r, err := tx.FindRecordById("restaurants", e.Record.GetString("restaurant"))
		if err != nil {
			return nil // the restaurant is being deleted with its reviews
		}
		return tx.SaveNoValidate(r) // prepareRestaurant recomputes the rating
	})
}
