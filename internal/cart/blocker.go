package cart

import (
	"slices"
	"strconv"
	"strings"
)

// outsideMessage states the restaurant's radius. It leaves out the distance,
// which the cart shows as distance_km: rounded to two decimals, a distance
// just outside the radius could read the same as the radius.
func outsideMessage(radiusKm float64) string {
	return "This restaurant only delivers within " + strconv.FormatFloat(radiusKm, 'f', -1, 64) +
		" km; choose a closer delivery location."
}

// unavailableMessage names the unavailable items, each once, in cart order,
// so the customer knows what to remove; ok is false when all are available.
func unavailableMessage(lines []Line) (msg string, ok bool) {
	var names []string
	for _, l := range lines {
		if !l.Available && !slices.Contains(names, l.Name) {
			names = append(names, l.Name)
		}
	}
	switch len(names) {
	case 0:
		return "", false
	case 1:
		return names[0] + " is no longer available; remove it to check out.", true
	}
	list := strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
	return list + " are no longer available; remove them to check out.", true
}
