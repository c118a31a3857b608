// Package review holds the arithmetic of restaurant ratings.
package review

import "time"

// Average is the mean of count ratings summing to sum, rounded half up to
// 2 decimals (4.125 → 4.13) using integers only, so that the stored
// rating_avg does not depend on float rounding. No reviews → 0.
func Average(sum, count int64) float64 {
	if count <= 0 {
		return 0
	}
	hundredths := (sum*200 + count) / (2 * count)
	return float64(hundredths) / 100
}

// EditWindow is how long after posting a customer may change or delete
// their review.
const EditWindow = 7 * 24 * time.Hour

// Editable reports whether a review posted at created may still be changed
// at now.
func Editable(created, now time.Time) bool {
	return now.Sub(created) <= EditWindow
}
