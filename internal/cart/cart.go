// Package cart prices a cart and lists what stops it from being checked out,
// following the API contract's "Money math" line by line.
//
// Compute is a pure function of its Input, so the cart recompute hook, the
// checkout endpoint and the tests all get the same numbers; the glue loads
// records, calls Compute and writes the Quote back.
package cart

import (
	"time"

	"github.com/dishpatch/dishpatch/internal/geo"
	"github.com/dishpatch/dishpatch/internal/money"
	"github.com/dishpatch/dishpatch/internal/promo"
)

// maxBps is the contract's upper bound for service_fee_bps and tax_rate_bps
// (100 %). Compute clamps rates into [0, maxBps] so that a record that slipped
// past validation can only be mispriced, never negative.
const maxBps = 10000

// Line is a cart item as Compute needs it. UnitPrice is the menu item's price
// plus the selected options (menu.Select), which the glue resolves.
type Line struct {
	MenuItem  string
	Name      string
	UnitPrice int64
	Quantity  int64
	// Available is false when the menu item was switched off or deleted after
	// it went into the cart.
	Available bool
}

// Restaurant holds the restaurant fields that affect a cart's price or
// whether it can be checked out. Amounts are minor units, rates basis points.
type Restaurant struct {
	ID               string
	DeliveryFeeBase  int64
	DeliveryFeePerKm int64
	MinOrder         int64
	SmallOrderFee    int64
	ServiceFeeBps    int64
	// ServiceFeeMax caps the service fee; 0 means no cap.
	ServiceFeeMax int64
	TaxRateBps    int64
	// PricesIncludeTax makes the tax informational (contained in the prices)
	// instead of added to the total.
	PricesIncludeTax bool
	DeliveryRadiusKm float64
	Location         geo.Point
	Active           bool
	// Open is whether the restaurant is open at Input.Now, decided by the
	// caller from its opening hours.
	Open bool
}

// Input is everything a cart's price depends on. Now is passed in rather
// than read from the clock so that a quote is reproducible.
type Input struct {
	Lines []Line
	// Rest sums the cart's other lines, which are not in Lines and are all
	// available: a cart can be requoted from its stored totals and the one
	// line that changed instead of from every line.
	Rest       Totals
	Restaurant Restaurant
	// Delivery is the cart's delivery_location; nil means not set yet.
	Delivery *geo.Point
	// Promo is the code on the cart; nil means none.
	Promo *promo.Code
	// PromoMissing means the cart names a code that no longer exists.
	PromoMissing bool
	Now          time.Time
}

// Totals are the subtotal and item count of some of a cart's lines.
type Totals struct {
	Subtotal, ItemCount int64
}

// Blocker is a reason the cart cannot be checked out yet, stored in the
// cart's blockers field and returned by checkout. Message is a sentence the
// frontend shows as is.
type Blocker struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// The blocker codes of the contract, in the order Compute lists them: most
// fundamental first, so a frontend that shows only the first one shows the
// one to fix first.
const (
	EmptyCart               = "empty_cart"
	MissingDeliveryLocation = "missing_delivery_location"
	OutsideDeliveryArea     = "outside_delivery_area"
	RestaurantInactive      = "restaurant_inactive"
	RestaurantClosed        = "restaurant_closed"
	ItemUnavailable         = "item_unavailable"
	PromoIneligible         = "promo_ineligible"
)

// Quote is a priced cart. Every amount is in minor units and ≥ 0.
type Quote struct {
	Subtotal      int64
	Discount      int64
	DeliveryFee   int64
	ServiceFee    int64
	SmallOrderFee int64
	// Tax is added to Total for exclusive prices and only informational
	// for tax-inclusive prices.
	Tax       int64
	Total     int64
	ItemCount int64
	// DistanceM is the delivery distance, valid when HasDistance; the glue
	// shows it as geo.KmFromM(DistanceM).
	DistanceM   int64
	HasDistance bool
	// Blockers is never nil, so that it encodes as [] rather than null.
	Blockers []Blocker
}

// noBlockers is shared by every quote without blockers: an empty slice that
// encodes as [] without costing a checkout-ready cart an allocation. Its
// capacity is 0, so appending to it can never write into it.
var noBlockers = []Blocker{}

// Compute prices a cart as the contract's "Money math" says:
//
//	line_total      = unit_price × quantity; subtotal = Σ line_total; item_count = Σ quantity
//	delivery_fee    = base + round(per_km × distance_m / 1000)   (0 while the location is unknown)
//	service_fee     = round(subtotal × bps / 10000), capped at service_fee_max when > 0
//	small_order_fee = small_order_fee if subtotal < min_order
//	discount        = the promo's discount if it is eligible, else 0 and a blocker says why
//	tax             = round(taxable × bps / 10000), or round(taxable × bps / (10000 + bps)) when prices include tax,
//	                  taxable = subtotal − discount (subtotal for free delivery)
//	total           = subtotal − discount + delivery_fee + service_fee + small_order_fee (+ tax if exclusive)
//
// An empty cart has every amount 0 but still lists every blocker that
// applies, so the customer learns about a closed restaurant before filling
// the cart. A fee outside the delivery area is still computed, so the
// customer sees what it would cost. Negative inputs count as 0 and sums
// saturate instead of overflowing, so every amount is ≥ 0 whatever the
// records say. Compute allocates only when there are blockers.
func Compute(in Input) Quote {
	r := in.Restaurant
	q := Quote{Subtotal: max(in.Rest.Subtotal, 0), ItemCount: max(in.Rest.ItemCount, 0)}
	// Blockers go into a stack buffer and are copied out once at the end.
	var buf [7]Blocker
	blockers := buf[:0]

	for _, l := range in.Lines {
		quantity := max(l.Quantity, 0)
		q.Subtotal = money.Add(q.Subtotal, money.MulDivRound(max(l.UnitPrice, 0), quantity, 1))
		q.ItemCount = money.Add(q.ItemCount, quantity)
	}
	empty := q.ItemCount == 0
	if empty {
		blockers = append(blockers, Blocker{EmptyCart, "Your cart is empty."})
	}

	switch {
	case in.Delivery == nil || !geo.Valid(*in.Delivery):
		blockers = append(blockers, Blocker{MissingDeliveryLocation, "Choose where your order should be delivered."})
	case !geo.Valid(r.Location):
		// Without a location of its own the restaurant cannot reach anyone.
		blockers = append(blockers, Blocker{OutsideDeliveryArea, "This restaurant cannot deliver to your location."})
	default:
		q.DistanceM, q.HasDistance = geo.DistanceM(r.Location, *in.Delivery), true
		if !empty {
			perKm := money.MulDivRound(max(r.DeliveryFeePerKm, 0), q.DistanceM, 1000)
			q.DeliveryFee = money.Add(max(r.DeliveryFeeBase, 0), perKm)
		}
		if !geo.Within(q.DistanceM, r.DeliveryRadiusKm) {
			blockers = append(blockers, Blocker{OutsideDeliveryArea, outsideMessage(r.DeliveryRadiusKm)})
		}
	}
	if !r.Active {
		blockers = append(blockers, Blocker{RestaurantInactive, "This restaurant is not taking orders at the moment."})
	}
	if !r.Open {
		blockers = append(blockers, Blocker{RestaurantClosed, "This restaurant is closed right now."})
	}
	if msg, ok := unavailableMessage(in.Lines); ok {
		blockers = append(blockers, Blocker{ItemUnavailable, msg})
	}

	if !empty {
		q.ServiceFee = money.MulDivRound(q.Subtotal, bps(r.ServiceFeeBps), 10000)
		if r.ServiceFeeMax > 0 {
			q.ServiceFee = min(q.ServiceFee, r.ServiceFeeMax)
		}
		if q.Subtotal < r.MinOrder {
			q.SmallOrderFee = max(r.SmallOrderFee, 0)
		}
	}

	taxable := q.Subtotal
	if err := promoError(in, q.Subtotal); err != nil {
		blockers = append(blockers, Blocker{PromoIneligible, promo.Reason(err)})
	} else if in.Promo != nil {
		q.Discount = in.Promo.Discount(q.Subtotal, q.DeliveryFee)
		// Free delivery discounts the delivery, not the food, so the tax on
		// the food stays.
		if in.Promo.Kind != promo.FreeDelivery {
			taxable -= q.Discount
		}
	}

	rate := bps(r.TaxRateBps)
	q.Total = money.Add(money.Add(money.Add(q.Subtotal, q.DeliveryFee), q.ServiceFee), q.SmallOrderFee)
	if r.PricesIncludeTax {
		q.Tax = money.MulDivRound(taxable, rate, 10000+rate)
	} else {
		q.Tax = money.MulDivRound(taxable, rate, 10000)
		q.Total = money.Add(q.Total, q.Tax)
	}
	// The discount never exceeds the subtotal (or, for free delivery, the
	// delivery fee), so subtracting it last cannot go below 0.
	q.Total -= q.Discount

	q.Blockers = noBlockers
	if len(blockers) > 0 {
		q.Blockers = append([]Blocker(nil), blockers...)
	}
	return q
}

// promoError is why the cart's promo code gives no discount, or nil when
// there is no code or it applies.
func promoError(in Input, subtotal int64) error {
	switch {
	case in.PromoMissing:
		return promo.ErrNotFound
	case in.Promo != nil:
		return in.Promo.Eligible(in.Now, in.Restaurant.ID, subtotal)
	}
	return nil
}

// bps clamps a rate in basis points into the contract's [0, 10000].
func bps(rate int64) int64 {
	return min(max(rate, 0), maxBps)
}
