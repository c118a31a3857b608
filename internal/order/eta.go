package order

// ETA says how a move to status to changes the order's eta, in minutes from the moment of the move.
//
// With set, the eta becomes now + minutes: prep plus travel while the kitchen has not started (placed,
// accepted), travel alone once the food is ready or on its way (ready_for_pickup, picked_up). With clear, the
// eta is removed because the order is over (delivered, rejected, cancelled). With neither, the eta stays as it
// was: preparing keeps the estimate made on acceptance, since the kitchen's progress is not known. Unknown
// statuses also leave it alone.
//
// prepMinutes is the restaurant's prep_minutes and travelMinutes is ceil(distance_m × 3 / 1000); both are
// taken as given.
func ETA(to Status, prepMinutes, travelMinutes int64) (minutes int64, set bool, clear bool) {
	switch to {
	case Placed, Accepted:
		return prepMinutes + travelMinutes, true, false
	case ReadyForPickup, PickedUp:
		return travelMinutes, true, false
	case Delivered, Rejected, Cancelled:
		return 0, false, true
	}
	return 0, false, false
}
