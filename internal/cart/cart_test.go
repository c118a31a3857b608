package cart

import (
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/dishpatch/dishpatch/internal/geo"
	"github.com/dishpatch/dishpatch/internal/money"
	"github.com/dishpatch/dishpatch/internal/promo"
)

var (
	now = time.Date(2025, 6, 15, 12, 0, 0, 0, time.UTC)
	// 2483 m apart (see the geo tests).
	alexanderplatz   = geo.Point{Lon: 13.413215, Lat: 52.521918}
	brandenburgerTor = geo.Point{Lon: 13.377704, Lat: 52.516275}
)

// base is the cart every scenario starts from. Its numbers are chosen so
// that two formulas land exactly on .5 and must round up:
//
//	subtotal     = 850×2 + 250×1                    = 1950, item_count 3
//	delivery_fee = 199 + round(50 × 2483 / 1000)     = 199 + round(124.15) = 323
//	service_fee  = round(1950 × 500 / 10000)          = round(97.5)  = 98 (cap 300)
//	small_order  = 0 (1950 ≥ 1500)
//	tax          = round(1950 × 700 / 10000)          = round(136.5) = 137, exclusive
//	total        = 1950 + 323 + 98 + 137             = 2508
func base() Input {
	delivery := brandenburgerTor
	return Input{
		Lines: []Line{
			{MenuItem: "m1", Name: "Margherita", UnitPrice: 850, Quantity: 2, Available: true},
			{MenuItem: "m2", Name: "Cola", UnitPrice: 250, Quantity: 1, Available: true},
		},
		Restaurant: Restaurant{
			ID: "pizzeria", DeliveryFeeBase: 199, DeliveryFeePerKm: 50, MinOrder: 1500, SmallOrderFee: 200,
			ServiceFeeBps: 500, ServiceFeeMax: 300, TaxRateBps: 700, DeliveryRadiusKm: 5,
			Location: alexanderplatz, Active: true, Open: true,
		},
		Delivery: &delivery,
		Now:      now,
	}
}

// baseQuote is Compute(base()).
var baseQuote = Quote{Subtotal: 1950, DeliveryFee: 323, ServiceFee: 98, Tax: 137, Total: 2508, ItemCount: 3,
	DistanceM: 2483, HasDistance: true}

func input(change func(*Input)) Input {
	in := base()
	change(&in)
	return in
}

func quote(change func(*Quote)) Quote {
	q := baseQuote
	change(&q)
	return q
}

// withPromo is base() with a code that is eligible unless change breaks it.
func withPromo(change func(*promo.Code)) Input {
	c := promo.Code{Code: "summer", Kind: promo.Percent, Value: 10, IsActive: true}
	change(&c)
	return input(func(in *Input) { in.Promo = &c })
}

func promoBlocker(err error) []Blocker {
	return []Blocker{{PromoIneligible, promo.Reason(err)}}
}

var computeScenarios = []struct {
	name string
	in   Input
	want Quote
}{
	{name: "base: exclusive tax, two .5 roundings", in: base(), want: baseQuote},

	// line_total, subtotal, item_count
	{name: "one line", in: input(func(in *Input) { in.Lines = in.Lines[:1] }),
		// 1700; service round(85) = 85; tax round(119) = 119; 1700+323+85+119
		want: quote(func(q *Quote) { q.Subtotal, q.ItemCount, q.ServiceFee, q.Tax, q.Total = 1700, 2, 85, 119, 2227 })},
	{name: "free item still counts", in: input(func(in *Input) {
		in.Lines = append(in.Lines, Line{MenuItem: "m3", Name: "Napkins", UnitPrice: 0, Quantity: 5, Available: true})
	}), want: quote(func(q *Quote) { q.ItemCount = 8 })},

	// delivery_fee
	{name: "per-km fee exactly .5 rounds up", in: input(func(in *Input) { in.Restaurant.DeliveryFeePerKm = 500 }),
		// 199 + round(1241.5) = 1441; total 1950+1441+98+137
		want: quote(func(q *Quote) { q.DeliveryFee, q.Total = 1441, 3626 })},
	{name: "per-km fee below .5 rounds down", in: input(func(in *Input) { in.Restaurant.DeliveryFeePerKm = 10 }),
		// 199 + round(24.83) = 224
		want: quote(func(q *Quote) { q.DeliveryFee, q.Total = 224, 2409 })},
	{name: "no per-km fee", in: input(func(in *Input) { in.Restaurant.DeliveryFeePerKm = 0 }),
		want: quote(func(q *Quote) { q.DeliveryFee, q.Total = 199, 2384 })},
	{name: "delivery to the restaurant's door", in: input(func(in *Input) { p := alexanderplatz; in.Delivery = &p }),
		want: quote(func(q *Quote) { q.DistanceM, q.DeliveryFee, q.Total = 0, 199, 2384 })},
	{name: "no delivery fee at all", in: input(func(in *Input) { in.Restaurant.DeliveryFeeBase, in.Restaurant.DeliveryFeePerKm = 0, 0 }),
		want: quote(func(q *Quote) { q.DeliveryFee, q.Total = 0, 2185 })},

	// service_fee
	{name: "service fee capped", in: input(func(in *Input) { in.Restaurant.ServiceFeeBps = 2000 }),
		// round(390) capped at 300
		want: quote(func(q *Quote) { q.ServiceFee, q.Total = 300, 2710 })},
	{name: "service fee exactly at the cap", in: input(func(in *Input) { in.Restaurant.ServiceFeeBps = 1538 }),
		// round(299.91) = 300 = cap
		want: quote(func(q *Quote) { q.ServiceFee, q.Total = 300, 2710 })},
	{name: "zero cap is no cap", in: input(func(in *Input) { in.Restaurant.ServiceFeeBps, in.Restaurant.ServiceFeeMax = 2000, 0 }),
		want: quote(func(q *Quote) { q.ServiceFee, q.Total = 390, 2800 })},
	{name: "no service fee", in: input(func(in *Input) { in.Restaurant.ServiceFeeBps = 0 }),
		want: quote(func(q *Quote) { q.ServiceFee, q.Total = 0, 2410 })},
	{name: "service fee rate above 100% is clamped", in: input(func(in *Input) {
		in.Restaurant.ServiceFeeBps, in.Restaurant.ServiceFeeMax = 20000, 0
	}), want: quote(func(q *Quote) { q.ServiceFee, q.Total = 1950, 4360 })},

	// small_order_fee
	{name: "subtotal one below min_order pays the small-order fee", in: input(func(in *Input) { in.Restaurant.MinOrder = 1951 }),
		want: quote(func(q *Quote) { q.SmallOrderFee, q.Total = 200, 2708 })},
	{name: "subtotal equal to min_order pays no small-order fee", in: input(func(in *Input) { in.Restaurant.MinOrder = 1950 }),
		want: baseQuote},
	{name: "no min_order", in: input(func(in *Input) { in.Restaurant.MinOrder = 0 }), want: baseQuote},

	// tax
	{name: "inclusive tax is informational", in: input(func(in *Input) { in.Restaurant.PricesIncludeTax = true }),
		// round(1950 × 700 / 10700) = round(127.57) = 128, not added
		want: quote(func(q *Quote) { q.Tax, q.Total = 128, 2371 })},
	{name: "inclusive tax exactly .5 rounds up", in: input(func(in *Input) {
		in.Restaurant.PricesIncludeTax, in.Restaurant.TaxRateBps = true, 2000
		in.Lines = []Line{{Name: "Menu", UnitPrice: 1503, Quantity: 1, Available: true}}
	}), // round(1503 × 2000 / 12000) = round(250.5) = 251; service round(75.15) = 75; 1503+323+75
		want: Quote{Subtotal: 1503, DeliveryFee: 323, ServiceFee: 75, Tax: 251, Total: 1901, ItemCount: 1, DistanceM: 2483, HasDistance: true}},
	{name: "inclusive tax on 121 at 10% is 11", in: input(func(in *Input) {
		in.Restaurant.PricesIncludeTax, in.Restaurant.TaxRateBps = true, 1000
		in.Lines = []Line{{Name: "Soup", UnitPrice: 121, Quantity: 1, Available: true}}
		in.Restaurant.MinOrder, in.Restaurant.ServiceFeeBps = 0, 0
	}), // round(121 × 1000 / 11000) = round(11.0) = 11
		want: Quote{Subtotal: 121, DeliveryFee: 323, Tax: 11, Total: 444, ItemCount: 1, DistanceM: 2483, HasDistance: true}},
	{name: "exclusive tax exactly .5 on a small amount", in: input(func(in *Input) {
		in.Restaurant.TaxRateBps = 1000
		in.Lines = []Line{{Name: "Gum", UnitPrice: 5, Quantity: 1, Available: true}}
		in.Restaurant.MinOrder, in.Restaurant.ServiceFeeBps = 0, 0
	}), // round(0.5) = 1
		want: Quote{Subtotal: 5, DeliveryFee: 323, Tax: 1, Total: 329, ItemCount: 1, DistanceM: 2483, HasDistance: true}},
	{name: "zero tax rate", in: input(func(in *Input) { in.Restaurant.TaxRateBps = 0 }),
		want: quote(func(q *Quote) { q.Tax, q.Total = 0, 2371 })},
	{name: "tax rate above 100% is clamped", in: input(func(in *Input) { in.Restaurant.TaxRateBps = 1 << 62 }),
		want: quote(func(q *Quote) { q.Tax, q.Total = 1950, 4321 })},

	// promo kinds
	{name: "percent promo lowers the taxable amount", in: withPromo(func(c *promo.Code) {}),
		// discount 195; tax round(1755 × 0.07) = round(122.85) = 123; 1950-195+323+98+123
		want: quote(func(q *Quote) { q.Discount, q.Tax, q.Total = 195, 123, 2299 })},
	{name: "percent promo capped by max_discount", in: withPromo(func(c *promo.Code) { c.Value, c.MaxDiscount = 50, 500 }),
		// tax round(1450 × 0.07) = round(101.5) = 102
		want: quote(func(q *Quote) { q.Discount, q.Tax, q.Total = 500, 102, 1973 })},
	{name: "percent promo with zero max_discount is uncapped", in: withPromo(func(c *promo.Code) { c.Value = 50 }),
		// 975; tax round(68.25) = 68
		want: quote(func(q *Quote) { q.Discount, q.Tax, q.Total = 975, 68, 1464 })},
	{name: "percent 100 makes the food free", in: withPromo(func(c *promo.Code) { c.Value = 100 }),
		want: quote(func(q *Quote) { q.Discount, q.Tax, q.Total = 1950, 0, 421 })},
	{name: "fixed promo", in: withPromo(func(c *promo.Code) { c.Kind, c.Value = promo.Fixed, 500 }),
		want: quote(func(q *Quote) { q.Discount, q.Tax, q.Total = 500, 102, 1973 })},
	{name: "fixed promo larger than the subtotal", in: withPromo(func(c *promo.Code) { c.Kind, c.Value = promo.Fixed, 5000 }),
		want: quote(func(q *Quote) { q.Discount, q.Tax, q.Total = 1950, 0, 421 })},
	{name: "free delivery keeps the tax on the food", in: withPromo(func(c *promo.Code) { c.Kind = promo.FreeDelivery }),
		// discount = delivery fee 323; taxable stays 1950 → tax 137
		want: quote(func(q *Quote) { q.Discount, q.Total = 323, 2185 })},
	{name: "free delivery with inclusive tax", in: input(func(in *Input) {
		in.Promo = &promo.Code{Kind: promo.FreeDelivery, IsActive: true}
		in.Restaurant.PricesIncludeTax = true
	}), want: quote(func(q *Quote) { q.Discount, q.Tax, q.Total = 323, 128, 2048 })},
	{name: "free delivery larger than the subtotal", in: input(func(in *Input) {
		in.Promo = &promo.Code{Kind: promo.FreeDelivery, IsActive: true}
		in.Lines = []Line{{Name: "Gum", UnitPrice: 100, Quantity: 1, Available: true}}
		in.Restaurant.MinOrder = 0
	}), // service round(5) = 5, tax 7; 100 - 323 + 323 + 5 + 7
		want: Quote{Subtotal: 100, Discount: 323, DeliveryFee: 323, ServiceFee: 5, Tax: 7, Total: 112, ItemCount: 1, DistanceM: 2483, HasDistance: true}},
	{name: "free delivery before a location is set", in: input(func(in *Input) {
		in.Promo = &promo.Code{Kind: promo.FreeDelivery, IsActive: true}
		in.Delivery = nil
	}), want: Quote{Subtotal: 1950, ServiceFee: 98, Tax: 137, Total: 2185, ItemCount: 3,
		Blockers: []Blocker{{MissingDeliveryLocation, "Choose where your order should be delivered."}}}},
	{name: "percent promo with inclusive tax", in: input(func(in *Input) {
		in.Promo = &promo.Code{Kind: promo.Percent, Value: 10, IsActive: true}
		in.Restaurant.PricesIncludeTax = true
	}), // round(1755 × 700 / 10700) = round(114.81) = 115; 1950-195+323+98
		want: quote(func(q *Quote) { q.Discount, q.Tax, q.Total = 195, 115, 2176 })},

	// promo eligibility
	{name: "promo exactly at min_subtotal", in: withPromo(func(c *promo.Code) { c.MinSubtotal = 1950 }),
		want: quote(func(q *Quote) { q.Discount, q.Tax, q.Total = 195, 123, 2299 })},
	{name: "promo below min_subtotal", in: withPromo(func(c *promo.Code) { c.MinSubtotal = 1951 }),
		want: quote(func(q *Quote) { q.Blockers = promoBlocker(promo.ErrBelowMinimum) })},
	{name: "promo inactive", in: withPromo(func(c *promo.Code) { c.IsActive = false }),
		want: quote(func(q *Quote) { q.Blockers = promoBlocker(promo.ErrInactive) })},
	{name: "promo not started", in: withPromo(func(c *promo.Code) { c.StartsAt = now.Add(time.Nanosecond) }),
		want: quote(func(q *Quote) { q.Blockers = promoBlocker(promo.ErrNotStarted) })},
	{name: "promo starts right now", in: withPromo(func(c *promo.Code) { c.StartsAt = now }),
		want: quote(func(q *Quote) { q.Discount, q.Tax, q.Total = 195, 123, 2299 })},
	{name: "promo ends right now", in: withPromo(func(c *promo.Code) { c.EndsAt = now }),
		want: quote(func(q *Quote) { q.Blockers = promoBlocker(promo.ErrExpired) })},
	{name: "promo ends a nanosecond later", in: withPromo(func(c *promo.Code) { c.EndsAt = now.Add(time.Nanosecond) }),
		want: quote(func(q *Quote) { q.Discount, q.Tax, q.Total = 195, 123, 2299 })},
	{name: "promo used up", in: withPromo(func(c *promo.Code) { c.MaxRedemptions, c.Redemptions = 5, 5 }),
		want: quote(func(q *Quote) { q.Blockers = promoBlocker(promo.ErrExhausted) })},
	{name: "promo of another restaurant", in: withPromo(func(c *promo.Code) { c.Restaurant = "sushi" }),
		want: quote(func(q *Quote) { q.Blockers = promoBlocker(promo.ErrOtherRestaurant) })},
	{name: "promo of this restaurant", in: withPromo(func(c *promo.Code) { c.Restaurant = "pizzeria" }),
		want: quote(func(q *Quote) { q.Discount, q.Tax, q.Total = 195, 123, 2299 })},
	{name: "promo deleted after it was set", in: input(func(in *Input) { in.PromoMissing = true }),
		want: quote(func(q *Quote) { q.Blockers = promoBlocker(promo.ErrNotFound) })},
	{name: "missing promo wins over a stale code", in: input(func(in *Input) {
		in.Promo = &promo.Code{Kind: promo.Percent, Value: 10, IsActive: true}
		in.PromoMissing = true
	}), want: quote(func(q *Quote) { q.Blockers = promoBlocker(promo.ErrNotFound) })},

	// location
	{name: "missing delivery location", in: input(func(in *Input) { in.Delivery = nil }),
		want: Quote{Subtotal: 1950, ServiceFee: 98, Tax: 137, Total: 2185, ItemCount: 3,
			Blockers: []Blocker{{MissingDeliveryLocation, "Choose where your order should be delivered."}}}},
	{name: "invalid delivery location counts as missing", in: input(func(in *Input) { in.Delivery = &geo.Point{Lat: 91} }),
		want: Quote{Subtotal: 1950, ServiceFee: 98, Tax: 137, Total: 2185, ItemCount: 3,
			Blockers: []Blocker{{MissingDeliveryLocation, "Choose where your order should be delivered."}}}},
	{name: "outside the delivery area still shows the fee", in: input(func(in *Input) { in.Restaurant.DeliveryRadiusKm = 2 }),
		want: quote(func(q *Quote) {
			q.Blockers = []Blocker{{OutsideDeliveryArea, "This restaurant only delivers within 2 km; choose a closer delivery location."}}
		})},
	{name: "radius exactly the distance", in: input(func(in *Input) { in.Restaurant.DeliveryRadiusKm = 2.483 }), want: baseQuote},
	{name: "radius one metre short", in: input(func(in *Input) { in.Restaurant.DeliveryRadiusKm = 2.482 }),
		want: quote(func(q *Quote) {
			q.Blockers = []Blocker{{OutsideDeliveryArea, "This restaurant only delivers within 2.482 km; choose a closer delivery location."}}
		})},
	{name: "restaurant without a valid location", in: input(func(in *Input) { in.Restaurant.Location = geo.Point{Lon: 200} }),
		want: Quote{Subtotal: 1950, ServiceFee: 98, Tax: 137, Total: 2185, ItemCount: 3,
			Blockers: []Blocker{{OutsideDeliveryArea, "This restaurant cannot deliver to your location."}}}},

	// restaurant and items
	{name: "restaurant inactive", in: input(func(in *Input) { in.Restaurant.Active = false }),
		want: quote(func(q *Quote) {
			q.Blockers = []Blocker{{RestaurantInactive, "This restaurant is not taking orders at the moment."}}
		})},
	{name: "restaurant closed", in: input(func(in *Input) { in.Restaurant.Open = false }),
		want: quote(func(q *Quote) { q.Blockers = []Blocker{{RestaurantClosed, "This restaurant is closed right now."}} })},
	{name: "unavailable item still priced", in: input(func(in *Input) { in.Lines[1].Available = false }),
		want: quote(func(q *Quote) {
			q.Blockers = []Blocker{{ItemUnavailable, "Cola is no longer available; remove it to check out."}}
		})},

	// empty cart
	{name: "empty cart has every amount 0", in: input(func(in *Input) {
		in.Lines = nil
		in.Promo = &promo.Code{Kind: promo.FreeDelivery, IsActive: true}
	}), want: Quote{DistanceM: 2483, HasDistance: true, Blockers: []Blocker{{EmptyCart, "Your cart is empty."}}}},
	{name: "lines without quantity are an empty cart", in: input(func(in *Input) {
		in.Lines = []Line{{Name: "Cola", UnitPrice: 250, Quantity: 0, Available: true}}
	}), want: Quote{DistanceM: 2483, HasDistance: true, Blockers: []Blocker{{EmptyCart, "Your cart is empty."}}}},
	{name: "empty cart still lists the other blockers", in: input(func(in *Input) {
		in.Lines = nil
		in.Delivery = nil
		in.Restaurant.Open = false
		in.Promo = &promo.Code{Kind: promo.Fixed, Value: 500, MinSubtotal: 1000, IsActive: true}
	}), want: Quote{Blockers: []Blocker{
		{EmptyCart, "Your cart is empty."},
		{MissingDeliveryLocation, "Choose where your order should be delivered."},
		{RestaurantClosed, "This restaurant is closed right now."},
		{PromoIneligible, "Your order is below this promo code's minimum amount."},
	}}},

	// every blocker at once, in the contract's order
	{name: "every blocker in order", in: input(func(in *Input) {
		in.Lines = []Line{{Name: "Cola", UnitPrice: 250, Quantity: 0, Available: false}}
		in.Restaurant.DeliveryRadiusKm = 1
		in.Restaurant.Active, in.Restaurant.Open = false, false
		in.PromoMissing = true
	}), want: Quote{DistanceM: 2483, HasDistance: true, Blockers: []Blocker{
		{EmptyCart, "Your cart is empty."},
		{OutsideDeliveryArea, "This restaurant only delivers within 1 km; choose a closer delivery location."},
		{RestaurantInactive, "This restaurant is not taking orders at the moment."},
		{RestaurantClosed, "This restaurant is closed right now."},
		{ItemUnavailable, "Cola is no longer available; remove it to check out."},
		{PromoIneligible, "This promo code does not exist."},
	}}},

	// bad records
	{name: "negative inputs count as 0", in: input(func(in *Input) {
		in.Lines = []Line{{Name: "A", UnitPrice: -850, Quantity: 2, Available: true}, {Name: "B", UnitPrice: 250, Quantity: -1, Available: true},
			{Name: "C", UnitPrice: 100, Quantity: 1, Available: true}}
		in.Restaurant.DeliveryFeeBase, in.Restaurant.DeliveryFeePerKm = -500, -50
		in.Restaurant.ServiceFeeBps, in.Restaurant.TaxRateBps = -500, -700
		in.Restaurant.MinOrder, in.Restaurant.SmallOrderFee = 1000, -200
		in.Promo = &promo.Code{Kind: promo.Fixed, Value: -100, IsActive: true}
	}), want: Quote{Subtotal: 100, Total: 100, ItemCount: 3, DistanceM: 2483, HasDistance: true}},
	{name: "huge amounts saturate instead of turning negative", in: input(func(in *Input) {
		in.Lines = []Line{{Name: "Gold", UnitPrice: math.MaxInt64 / 2, Quantity: 99, Available: true}, {Name: "More", UnitPrice: 1, Quantity: math.MaxInt64, Available: true}}
		in.Restaurant.TaxRateBps, in.Restaurant.ServiceFeeMax = 0, 0
	}), want: Quote{Subtotal: math.MaxInt64, DeliveryFee: 323, ServiceFee: 461168601842738790, Total: math.MaxInt64,
		ItemCount: math.MaxInt64, DistanceM: 2483, HasDistance: true}},
}

func TestCompute(t *testing.T) {
	for _, s := range computeScenarios {
		t.Run(s.name, func(t *testing.T) {
			want := s.want
			if want.Blockers == nil {
				want.Blockers = []Blocker{}
			}
			got := Compute(s.in)
			if got.Blockers == nil {
				t.Errorf("Blockers = nil; want a non-nil slice")
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Compute =\n%+v\nwant\n%+v", got, want)
			}
			checkIdentities(t, s.in, got)
		})
	}
}

// TestComputeDoesNotShareBlockers guards the shared empty slice: a caller
// appending to one quote's blockers must not change another quote.
func TestComputeDoesNotShareBlockers(t *testing.T) {
	a := Compute(base())
	a.Blockers = append(a.Blockers, Blocker{Code: "x"})
	if b := Compute(base()); len(b.Blockers) != 0 {
		t.Errorf("Blockers = %v; want []", b.Blockers)
	}
}

// TestComputeDoesNotAllocate pins the promise in Compute's doc: a cart that
// can be checked out is priced without touching the heap.
func TestComputeDoesNotAllocate(t *testing.T) {
	in := withPromo(func(c *promo.Code) {})
	if n := testing.AllocsPerRun(100, func() { Compute(in) }); n != 0 {
		t.Errorf("Compute allocates %v times per run; want 0", n)
	}
}

// checkIdentities asserts what must hold for every quote, whatever the input.
func checkIdentities(t *testing.T, in Input, q Quote) {
	t.Helper()
	for name, v := range map[string]int64{"subtotal": q.Subtotal, "discount": q.Discount, "delivery_fee": q.DeliveryFee,
		"service_fee": q.ServiceFee, "small_order_fee": q.SmallOrderFee, "tax": q.Tax, "total": q.Total, "item_count": q.ItemCount} {
		if v < 0 {
			t.Errorf("%s = %d; want ≥ 0", name, v)
		}
	}
	if q.Total == math.MaxInt64 {
		return // saturated: the sums below no longer hold exactly
	}
	want := q.Subtotal - q.Discount + q.DeliveryFee + q.ServiceFee + q.SmallOrderFee
	if !in.Restaurant.PricesIncludeTax {
		want += q.Tax
	}
	if q.Total != want {
		t.Errorf("total = %d; want subtotal - discount + fees (+ exclusive tax) = %d", q.Total, want)
	}
	if in.Promo != nil && in.Promo.Kind == promo.FreeDelivery && q.Discount != 0 {
		if q.Discount != q.DeliveryFee {
			t.Errorf("free delivery discount = %d; want the delivery fee %d", q.Discount, q.DeliveryFee)
		}
	} else if q.Discount > q.Subtotal {
		t.Errorf("discount = %d; want ≤ subtotal %d", q.Discount, q.Subtotal)
	}
	if q.ItemCount == 0 && q.Subtotal+q.Discount+q.DeliveryFee+q.ServiceFee+q.SmallOrderFee+q.Tax+q.Total != 0 {
		t.Errorf("empty cart quote %+v; want every amount 0", q)
	}
	if q.ServiceFee > in.Restaurant.ServiceFeeMax && in.Restaurant.ServiceFeeMax > 0 {
		t.Errorf("service fee = %d; want ≤ cap %d", q.ServiceFee, in.Restaurant.ServiceFeeMax)
	}
	if len(q.Blockers) > 0 && q.Blockers[0].Code == EmptyCart != (q.ItemCount == 0) {
		t.Errorf("blockers %v with item_count %d; want empty_cart exactly when the cart is empty", q.Blockers, q.ItemCount)
	}
}

// randomInput draws carts across the whole contract: any kind of promo,
// either tax mode, rates and fees over their full ranges, sometimes no lines
// or no location.
func randomInput(r *rand.Rand) Input {
	in := Input{Now: now}
	for range r.IntN(6) {
		in.Lines = append(in.Lines, Line{Name: "item", UnitPrice: r.Int64N(5000), Quantity: r.Int64N(99) + 1, Available: r.IntN(10) > 0})
	}
	in.Restaurant = Restaurant{
		ID: "pizzeria", DeliveryFeeBase: r.Int64N(500), DeliveryFeePerKm: r.Int64N(200), MinOrder: r.Int64N(3000),
		SmallOrderFee: r.Int64N(300), ServiceFeeBps: r.Int64N(10001), ServiceFeeMax: r.Int64N(3) * r.Int64N(1000),
		TaxRateBps: r.Int64N(10001), PricesIncludeTax: r.IntN(2) == 0, DeliveryRadiusKm: float64(r.IntN(50000)+1) / 1000,
		Location: alexanderplatz, Active: r.IntN(10) > 0, Open: r.IntN(10) > 0,
	}
	if r.IntN(5) > 0 {
		p := geo.Point{Lon: 13.4 + r.NormFloat64()*0.1, Lat: 52.5 + r.NormFloat64()*0.1}
		in.Delivery = &p
	}
	if r.IntN(4) > 0 {
		kinds := []promo.Kind{promo.Percent, promo.Fixed, promo.FreeDelivery}
		c := promo.Code{Kind: kinds[r.IntN(3)], Value: r.Int64N(100) + 1, MinSubtotal: r.Int64N(2) * r.Int64N(3000),
			MaxDiscount: r.Int64N(2) * r.Int64N(1000), IsActive: r.IntN(10) > 0}
		if c.Kind == promo.Fixed {
			c.Value = r.Int64N(5000)
		}
		in.Promo = &c
	}
	in.PromoMissing = r.IntN(20) == 0
	return in
}

// TestComputeProperties checks the identities on many random carts.
func TestComputeProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(2025, 6))
	for i := range 20000 {
		in := randomInput(r)
		q := Compute(in)
		checkIdentities(t, in, q)
		if t.Failed() {
			t.Fatalf("cart %d: %+v", i, in)
		}
	}
}

// BenchmarkCompute20Lines prices a full cart with a percent promo, exclusive
// tax and every fee, the recompute that runs on each cart change.
func BenchmarkCompute20Lines(b *testing.B) {
	in := base()
	in.Lines = nil
	for i := range 20 {
		in.Lines = append(in.Lines, Line{MenuItem: "m", Name: "Item", UnitPrice: int64(300 + 37*i), Quantity: int64(1 + i%3), Available: true})
	}
	in.Promo = &promo.Code{Kind: promo.Percent, Value: 15, MaxDiscount: 1000, MinSubtotal: 1000, IsActive: true,
		StartsAt: now.AddDate(0, -1, 0), EndsAt: now.AddDate(0, 1, 0), MaxRedemptions: 100, Restaurant: "pizzeria"}
	b.ReportAllocs()
	for b.Loop() {
		q := Compute(in)
		if len(q.Blockers) != 0 {
			b.Fatalf("Blockers = %v; want none", q.Blockers)
		}
	}
}

// TestLimitsKeepAmountsExact: with every admin-entered amount at its limit, the delivery point at the
// antipode, tax and service fee at 100 % and the subtotal at money.MaxSubtotal, every amount of the
// quote stays at or below money.MaxExact, so JSON clients read it exactly.
func TestLimitsKeepAmountsExact(t *testing.T) {
	antipode := geo.Point{Lon: alexanderplatz.Lon - 180, Lat: -alexanderplatz.Lat}
	for _, inclusive := range []bool{false, true} {
		in := Input{
			Lines: []Line{{MenuItem: "m", Name: "Gold", UnitPrice: money.MaxSubtotal / 99, Quantity: 99, Available: true}},
			Restaurant: Restaurant{
				ID: "r", DeliveryFeeBase: money.MaxAmount, DeliveryFeePerKm: money.MaxPerKm, MinOrder: money.MaxAmount,
				SmallOrderFee: money.MaxAmount, ServiceFeeBps: 10000, TaxRateBps: 10000, PricesIncludeTax: inclusive,
				DeliveryRadiusKm: 50, Location: alexanderplatz, Active: true, Open: true,
			},
			Delivery: &antipode,
			Now:      now,
		}
		q := Compute(in)
		for name, v := range map[string]int64{"subtotal": q.Subtotal, "delivery fee": q.DeliveryFee,
			"service fee": q.ServiceFee, "small-order fee": q.SmallOrderFee, "tax": q.Tax, "total": q.Total} {
			if v < 0 || v > money.MaxExact {
				t.Errorf("inclusive %t: %s = %d; want 0..%d", inclusive, name, v, int64(money.MaxExact))
			}
		}
		if q.Total < q.Subtotal {
			t.Errorf("inclusive %t: total %d < subtotal %d", inclusive, q.Total, q.Subtotal)
		}
	}
}

// TestComputeWithRest: a quote from some lines plus the totals of the others (all available) equals
// the quote from every line, for many random carts and every split.
func TestComputeWithRest(t *testing.T) {
	r := rand.New(rand.NewPCG(2026, 12))
	for i := range 5000 {
		in := randomInput(r)
		k := r.IntN(len(in.Lines) + 1)
		full := in
		full.Lines = slices.Clone(in.Lines)
		for j := k; j < len(full.Lines); j++ {
			full.Lines[j].Available = true
		}
		split := full
		split.Lines = full.Lines[:k]
		for _, l := range full.Lines[k:] {
			split.Rest.Subtotal += max(l.UnitPrice, 0) * max(l.Quantity, 0)
			split.Rest.ItemCount += max(l.Quantity, 0)
		}
		if got, want := Compute(split), Compute(full); !reflect.DeepEqual(got, want) {
			t.Fatalf("cart %d split at %d: got %+v; want %+v", i, k, got, want)
		}
	}
}
