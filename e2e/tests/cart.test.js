// The cart engine through the official SDK: a customer builds a cart while
// subscribed to it and sees server-computed totals change live, each event
// consistent with the cart's items.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { makeMenuItem, makeRestaurant, signUp, startServer, waitFor } from '../lib/server.js';

const SIZES = [
  {
    id: 'size', name: 'Size', min: 1, max: 1,
    options: [{ id: 'm', name: 'Medium', price: 0 }, { id: 'l', name: 'Large', price: 300 }],
  },
  {
    id: 'extra', name: 'Extras', min: 0, max: 2,
    options: [{ id: 'cheese', name: 'Cheese', price: 150 }, { id: 'olives', name: 'Olives', price: 100 }],
  },
];

/** The contract's money math for one cart, written out independently. */
function expectedTotals({ lines, r, distanceM, promoPercent = 0 }) {
  const round = (a, b, c) => Math.floor((a * b + Math.floor(c / 2)) / c);
  const subtotal = lines.reduce((s, l) => s + l.unit * l.qty, 0);
  if (subtotal === 0) return { subtotal: 0, total: 0 };
  const deliveryFee = distanceM == null ? 0 : r.delivery_fee_base + round(r.delivery_fee_per_km, distanceM, 1000);
  let serviceFee = round(subtotal, r.service_fee_bps, 10000);
  if (r.service_fee_max > 0) serviceFee = Math.min(serviceFee, r.service_fee_max);
  const small = subtotal < r.min_order ? r.small_order_fee : 0;
  const discount = round(subtotal, promoPercent, 100);
  const taxable = subtotal - discount;
  const tax = r.prices_include_tax
    ? round(taxable, r.tax_rate_bps, 10000 + r.tax_rate_bps)
    : round(taxable, r.tax_rate_bps, 10000);
  const total = subtotal - discount + deliveryFee + serviceFee + small + (r.prices_include_tax ? 0 : tax);
  return { subtotal, discount, delivery_fee: deliveryFee, service_fee: serviceFee, small_order_fee: small, tax, total };
}

/** Haversine in whole metres, as the contract defines it. */
function distanceM(a, b) {
  const R = 6371008.8;
  const rad = (d) => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return Math.floor(2 * R * Math.asin(Math.sqrt(h)) + 0.5);
}

describe('cart', { timeout: 60_000 }, () => {
  let server;
  let restaurant;
  let pizza;
  let salad;

  before(async () => {
    server = await startServer();
    // Exclusive tax, so that tax is part of the total.
    restaurant = await makeRestaurant(server.admin, { prices_include_tax: false, tax_rate_bps: 1900 });
    pizza = await makeMenuItem(server.admin, restaurant.id, { name: 'Pizza Funghi', price: 900, option_groups: SIZES });
    salad = await makeMenuItem(server.admin, restaurant.id, { name: 'Insalata', price: 650 });
    await server.admin.collection('promo_codes').create({ code: 'LIVE15', kind: 'percent', value: 15, is_active: true });
  });

  after(async () => {
    await server?.stop();
  });

  test('a subscriber sees consistent server totals after every change', async () => {
    const pb = server.newClient();
    await signUp(pb);
    const cart = await pb.collection('carts').create({ restaurant: restaurant.id });
    assert.equal(cart.user, pb.authStore.record.id, 'user defaults to the caller');
    assert.equal(cart.total, 0);
    assert.deepEqual(cart.blockers.map((b) => b.code), ['empty_cart', 'missing_delivery_location']);

    const events = [];
    await pb.collection('carts').subscribe(cart.id, (e) => events.push(e.record));

    const lines = [];
    const expectLive = async (label, want) => {
      await waitFor(() => events.length > 0 && events.at(-1).subtotal === want.subtotal && events.at(-1).total === want.total,
        5_000, { label: `${label}: live totals` });
      const last = events.at(-1);
      for (const [k, v] of Object.entries(want)) assert.equal(last[k], v, `${label}: ${k}`);
      // Every event is a whole cart: its subtotal is the sum of its items as they were then.
      const stored = await pb.collection('cart_items').getFullList({ filter: pb.filter('cart = {:c}', { c: cart.id }) });
      assert.equal(stored.reduce((s, i) => s + i.line_total, 0), last.subtotal, `${label}: subtotal = Σ line_total`);
      for (const e of events) {
        assert.equal(e.total, e.subtotal - e.discount + e.delivery_fee + e.service_fee + e.small_order_fee + e.tax,
          `${label}: every event's total adds up`);
      }
    };

    const line1 = await pb.collection('cart_items').create({
      cart: cart.id, menu_item: pizza.id, quantity: 2, options: { size: ['l'], extra: ['cheese'] },
    });
    assert.equal(line1.unit_price, 900 + 300 + 150);
    assert.equal(line1.line_total, 2700);
    lines.push({ unit: 1350, qty: 2 });
    await expectLive('first line', expectedTotals({ lines, r: restaurant }));

    const line2 = await pb.collection('cart_items').create({ cart: cart.id, menu_item: salad.id, quantity: 1 });
    lines.push({ unit: 650, qty: 1 });
    await expectLive('second line', expectedTotals({ lines, r: restaurant }));

    await pb.collection('cart_items').update(line2.id, { quantity: 3 });
    lines[1].qty = 3;
    await expectLive('quantity change', expectedTotals({ lines, r: restaurant }));

    const point = { lon: 13.43, lat: 52.51 };
    await pb.collection('carts').update(cart.id, { delivery_location: point, promo_code: ' live15 ' });
    const d = distanceM(restaurant.location, point);
    const want = expectedTotals({ lines, r: restaurant, distanceM: d, promoPercent: 15 });
    await expectLive('promo and location', want);
    const live = events.at(-1);
    assert.equal(live.promo_code, 'LIVE15');
    assert.equal(live.distance_km, Math.floor((d + 5) / 10) / 100);
    assert.deepEqual(live.blockers, []);

    await pb.collection('cart_items').delete(line1.id);
    lines.shift();
    await expectLive('line removed', expectedTotals({ lines, r: restaurant, distanceM: d, promoPercent: 15 }));

    // An admin deactivates the code: the subscriber sees the discount go, and why, without touching the cart.
    const promo = await server.admin.collection('promo_codes').getFirstListItem(server.admin.filter('code = {:c}', { c: 'LIVE15' }));
    await server.admin.collection('promo_codes').update(promo.id, { is_active: false });
    await expectLive('promo deactivated', expectedTotals({ lines, r: restaurant, distanceM: d }));
    assert.deepEqual(events.at(-1).blockers.map((b) => b.code), ['promo_ineligible']);
    assert.equal(events.at(-1).promo_code, 'LIVE15', 'the code stays on the cart');
    await server.admin.collection('promo_codes').update(promo.id, { is_active: true });
    await expectLive('promo reactivated', expectedTotals({ lines, r: restaurant, distanceM: d, promoPercent: 15 }));
    assert.deepEqual(events.at(-1).blockers, []);

    await pb.collection('carts').unsubscribe();
  });

  test('bad cart input is a 400 naming the field, and the cart is unchanged', async () => {
    const pb = server.newClient();
    await signUp(pb);
    const cart = await pb.collection('carts').create({ restaurant: restaurant.id });
    const bad = [
      [{ cart: cart.id, menu_item: pizza.id, quantity: 1, options: { size: ['xxl'] } }, 'options'],
      [{ cart: cart.id, menu_item: pizza.id, quantity: 1 }, 'options'],
      [{ cart: cart.id, menu_item: salad.id, quantity: 0 }, 'quantity'],
      [{ cart: cart.id, menu_item: salad.id, quantity: 1, line_total: 1 }, 'line_total'],
    ];
    for (const [body, field] of bad) {
      await assert.rejects(pb.collection('cart_items').create(body), (err) => {
        assert.equal(err.status, 400, `${field}: status`);
        assert.ok(err.response.data[field], `${field}: named in ${JSON.stringify(err.response.data)}`);
        return true;
      });
    }
    await assert.rejects(pb.collection('carts').update(cart.id, { promo_code: 'NOPE' }), (err) => {
      assert.equal(err.status, 400);
      assert.equal(err.response.data.promo_code.code, 'unknown_promo_code');
      return true;
    });
    const after = await pb.collection('carts').getOne(cart.id);
    assert.equal(after.subtotal, 0);
    assert.equal(after.promo_code, '');
    assert.equal((await pb.collection('cart_items').getFullList()).length, 0);
  });
});
