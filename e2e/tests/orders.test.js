// Orders through the official SDK against a real dishpatch process: one
// order's whole life with its money and ratings, who receives its realtime
// events, and the races of checkout and courier claims.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { makeMenuItem, makeRestaurant, signUp, sleep, startServer, uid, waitFor } from '../lib/server.js';

const SIZES = [{
  id: 'size', name: 'Size', min: 1, max: 1,
  options: [{ id: 'm', name: 'Medium', price: 0 }, { id: 'l', name: 'Large', price: 300 }],
}];

/** round(a × b / c) half up, as the contract's money math. */
const round = (a, b, c) => Math.floor((a * b + Math.floor(c / 2)) / c);

/** Haversine in whole metres with the contract's Earth radius. */
function distanceM(a, b) {
  const rad = (d) => (d * Math.PI) / 180;
  const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2 +
    Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lon - a.lon) / 2) ** 2;
  return Math.floor(2 * 6371008.8 * Math.asin(Math.sqrt(h)) + 0.5);
}

/** A cart's money per the contract (prices including tax, percent promo), written out independently. */
function quote(r, lines, metres, percent = 0) {
  const subtotal = lines.reduce((s, l) => s + l.unit * l.qty, 0);
  const deliveryFee = r.delivery_fee_base + round(r.delivery_fee_per_km, metres, 1000);
  const serviceFee = Math.min(round(subtotal, r.service_fee_bps, 10000), r.service_fee_max || Infinity);
  const smallOrderFee = subtotal < r.min_order ? r.small_order_fee : 0;
  const discount = round(subtotal, percent, 100);
  const tax = round(subtotal - discount, r.tax_rate_bps, 10000 + r.tax_rate_bps);
  return {
    subtotal, discount, delivery_fee: deliveryFee, service_fee: serviceFee, small_order_fee: smallOrderFee, tax,
    total: subtotal - discount + deliveryFee + serviceFee + smallOrderFee,
  };
}

/** Sends a checkout with pb's auth and answers {status, body}, whatever the status. */
async function checkout(pb, cartId, { key, body = {} } = {}) {
  const headers = key === undefined ? {} : { 'Idempotency-Key': key };
  try {
    return { status: 200, body: await pb.send(`/api/carts/${cartId}/checkout`, { method: 'POST', body, headers }) };
  } catch (err) {
    return { status: err.status, body: err.response };
  }
}

/** POSTs to an order endpoint and answers {status, body}. */
async function post(pb, path, body = {}) {
  try {
    return { status: 200, body: await pb.send(path, { method: 'POST', body }) };
  } catch (err) {
    return { status: err.status, body: err.response };
  }
}

/** Counts statuses: {200: n, 404: m, ...}. */
const tally = (answers) => answers.reduce((t, a) => ({ ...t, [a.status]: (t[a.status] ?? 0) + 1 }), {});

describe('orders', { timeout: 180_000 }, () => {
  let server;
  let restaurant; // staff: staff; courier: courier
  let pizza;
  let salad;
  let staff;
  let courier;
  let courierId;

  /** A signed-in client for a new user. */
  const newUser = async (name) => {
    const pb = server.newClient();
    const user = await signUp(pb, { name });
    return { pb, id: user.id };
  };

  /**
   * A user made by the admin, with a client impersonating them: one bcrypt round instead of two, for
   * the tests that need many users.
   */
  const quickUser = async (name) => {
    const password = `quick-${uid()}-password`;
    const user = await server.admin.collection('users').create({
      email: `quick-${uid()}@dishpatch.test`, password, passwordConfirm: password, name,
    });
    const pb = await server.admin.collection('users').impersonate(user.id, 3600);
    pb.autoCancellation(false);
    return { pb, id: user.id };
  };

  /** A new user with an online courier record. */
  const newCourier = async (name, online = true, make = newUser) => {
    const u = await make(name);
    await server.admin.collection('couriers').create({ user: u.id, is_online: online, location: { lon: 13.41, lat: 52.52 } });
    return u;
  };

  /** A cart of pb's user at r with the given lines, delivered to point. */
  const makeCart = async (pb, r, lines, point = { lon: 13.43, lat: 52.51 }, promo = '') => {
    const cart = await pb.collection('carts').create({ restaurant: r.id, delivery_location: point, promo_code: promo });
    for (const l of lines) {
      await pb.collection('cart_items').create({ cart: cart.id, menu_item: l.item.id, quantity: l.qty, options: l.options ?? {} });
    }
    return pb.collection('carts').getOne(cart.id);
  };

  before(async () => {
    server = await startServer();
    const s = await newUser('Stella Staff');
    staff = s.pb;
    restaurant = await makeRestaurant(server.admin, { name: `Lifecycle Trattoria ${uid()}`, staff: [s.id] });
    pizza = await makeMenuItem(server.admin, restaurant.id, { name: 'Pizza Diavola', price: 950, option_groups: SIZES });
    salad = await makeMenuItem(server.admin, restaurant.id, { name: 'Rucola Salad', price: 700 });
    const c = await newCourier('Carla Courier');
    courier = c.pb;
    courierId = c.id;
  });

  after(async () => {
    await server?.stop();
  });

  test('one order from search to review, with its money and ratings at each step', async () => {
    const { pb: customer, id: customerId } = await newUser('Lia Lifecycle');
    const home = { lon: 13.43, lat: 52.51 };
    const metres = distanceM(restaurant.location, home);
    const travel = Math.ceil((metres * 3) / 1000);

    // Search finds the restaurant with the fee and eta checkout will use.
    const found = await customer.send('/api/delivery/search', { query: { lat: home.lat, lon: home.lon, q: 'lifecycle trattoria' } });
    const hit = found.items.find((r) => r.id === restaurant.id);
    assert.ok(hit, `search did not find ${restaurant.name}: ${JSON.stringify(found.items.map((r) => r.name))}`);
    assert.equal(hit.delivery_fee, restaurant.delivery_fee_base + round(restaurant.delivery_fee_per_km, metres, 1000));
    assert.equal(hit.eta_minutes, restaurant.prep_minutes + travel);

    // The cart prices what checkout will charge.
    const lines = [{ item: pizza, qty: 2, options: { size: ['l'] }, unit: 1250 }, { item: salad, qty: 1, unit: 700 }];
    const cart = await makeCart(customer, restaurant, lines, home);
    const want = quote(restaurant, lines, metres);
    for (const [k, v] of Object.entries(want)) assert.equal(cart[k], v, `cart ${k}`);
    assert.deepEqual(cart.blockers, []);

    // The customer watches the order live.
    const seen = [];
    await customer.collection('orders').subscribe('*', (e) => seen.push(e.record));

    const before = Date.now();
    const lifeKey = `life-${uid()}`;
    const placed = await checkout(customer, cart.id, { key: lifeKey, body: { delivery_address: 'Oranienstraße 1', note: 'Buzz 3' } });
    assert.equal(placed.status, 200, JSON.stringify(placed.body));
    const order = placed.body;
    for (const [k, v] of Object.entries(want)) assert.equal(order[k], v, `order ${k}`);
    assert.equal(order.status, 'placed');
    assert.equal(order.customer, customerId);
    assert.equal(order.currency, 'EUR');
    assert.equal(order.distance_km, Math.floor((metres + 5) / 10) / 100);
    const byItem = (x, y) => x[0].localeCompare(y[0]);
    assert.deepEqual(order.items.map((i) => [i.menu_item, i.quantity, i.unit_price, i.line_total, i.options]).sort(byItem),
      [[pizza.id, 2, 1250, 2500, { size: ['l'] }], [salad.id, 1, 700, 700, {}]].sort(byItem));
    assert.equal(order.idempotency_key, lifeKey, 'the order shows the key of its checkout');
    const eta = (o) => new Date(o.eta.replace(' ', 'T')).getTime();
    const expectEta = (o, minutes, label) => {
      const at = Date.now();
      assert.ok(eta(o) >= before + minutes * 60_000 - 5_000 && eta(o) <= at + minutes * 60_000 + 1_000,
        `${label}: eta ${o.eta} is not about now + ${minutes} minutes`);
    };
    expectEta(order, restaurant.prep_minutes + travel, 'placed');
    await assert.rejects(customer.collection('carts').getOne(cart.id), (err) => err.status === 404, 'the cart is gone');

    // The restaurant moves it; the customer may not.
    assert.equal((await post(customer, `/api/orders/${order.id}/status`, { status: 'accepted' })).status, 403);
    const moves = [
      [staff, 'accepted', restaurant.prep_minutes + travel],
      [staff, 'preparing', null],
      [staff, 'ready_for_pickup', travel],
    ];
    let last = order;
    for (const [who, status, minutes] of moves) {
      const r = await post(who, `/api/orders/${order.id}/status`, { status });
      assert.equal(r.status, 200, `${status}: ${JSON.stringify(r.body)}`);
      assert.equal(r.body.status, status);
      assert.equal(r.body.total, want.total, `${status}: the total is unchanged`);
      if (minutes === null) assert.equal(r.body.eta, last.eta, `${status}: eta unchanged`);
      else expectEta(r.body, minutes, status);
      last = r.body;
    }

    // An online courier sees the offer without the customer's details, and claims it.
    const offers = await courier.send('/api/courier/offers', { query: { lat: 52.52, lon: 13.41 } });
    const offer = offers.items.find((o) => o.id === order.id);
    assert.ok(offer, 'the ready order is offered');
    assert.deepEqual(Object.keys(offer).sort(),
      ['currency', 'distance_km', 'id', 'pickup_distance_km', 'restaurant_location', 'restaurant_name', 'status', 'total']);
    assert.equal(offer.total, want.total);
    assert.equal(offer.restaurant_name, restaurant.name);
    const claimed = await post(courier, `/api/orders/${order.id}/claim`);
    assert.equal(claimed.status, 200, JSON.stringify(claimed.body));
    assert.equal(claimed.body.courier, courierId);
    assert.equal(claimed.body.delivery_address, 'Oranienstraße 1', 'after the claim the courier sees where to go');

    // Pick up, report the way, deliver.
    assert.equal((await post(courier, `/api/orders/${order.id}/status`, { status: 'picked_up' })).status, 200);
    for (const point of [{ lat: 52.515, lon: 13.42 }, { lat: 52.511, lon: 13.428 }]) {
      const r = await post(courier, `/api/orders/${order.id}/courier-location`, point);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.deepEqual(r.body.courier_location, { lon: point.lon, lat: point.lat });
      await waitFor(() => seen.some((o) => o.courier_location?.lat === point.lat), 5_000, { label: 'live courier location' });
    }
    const delivered = await post(courier, `/api/orders/${order.id}/status`, { status: 'delivered' });
    assert.equal(delivered.status, 200);
    assert.equal(delivered.body.eta, '', 'a delivered order has no eta');
    assert.deepEqual(delivered.body.status_history.map((h) => h.status),
      ['placed', 'accepted', 'preparing', 'ready_for_pickup', 'picked_up', 'delivered']);
    for (const [k, v] of Object.entries(want)) assert.equal(delivered.body[k], v, `delivered order ${k}`);
    await waitFor(() => seen.at(-1)?.status === 'delivered', 5_000, { label: 'live delivery' });
    await customer.collection('orders').unsubscribe();

    // The review sets the rating; a second one is refused.
    const review = await customer.collection('reviews').create({ order: order.id, rating: 4, comment: 'Crisp and hot' });
    assert.equal(review.restaurant, restaurant.id);
    let rated = await server.newClient().collection('restaurants').getOne(restaurant.id);
    assert.deepEqual([rated.rating_avg, rated.rating_count], [4, 1]);
    await assert.rejects(customer.collection('reviews').create({ order: order.id, rating: 1 }), (err) => err.status === 400);
    await customer.collection('reviews').update(review.id, { rating: 5 });
    rated = await server.newClient().collection('restaurants').getOne(restaurant.id);
    assert.deepEqual([rated.rating_avg, rated.rating_count], [5, 1]);
  });

  test('realtime: only entitled subscribers receive an order, the customer every status in order', async () => {
    const { pb: customer } = await newUser('Rita Realtime');
    const { pb: stranger } = await newUser('Otto Other');
    const otherStaff = await newUser('Sven Elsewhere');
    await makeRestaurant(server.admin, { name: `Elsewhere Diner ${uid()}`, staff: [otherStaff.id] });
    const { pb: idleCourier } = await newCourier('Ivo Idle');

    // The restaurant's own staff subscribe too: they must see the order, which shows that the silence of
    // the other three is the rules at work and not a subscription that failed.
    const received = { customer: [], staff: [], stranger: [], otherStaff: [], idleCourier: [] };
    const clients = { customer, staff, stranger, otherStaff: otherStaff.pb, idleCourier };
    for (const [name, pb] of Object.entries(clients)) {
      await pb.collection('orders').subscribe('*', (e) => received[name].push(e));
    }

    const cart = await makeCart(customer, restaurant, [{ item: salad, qty: 3 }]);
    const placed = await checkout(customer, cart.id, { key: `rt-${uid()}` });
    assert.equal(placed.status, 200, JSON.stringify(placed.body));
    const id = placed.body.id;
    // A watching customer sees each change before the next one is made: PocketBase hands every realtime
    // message to its connection from a goroutine of its own, and of two changes microseconds apart the
    // server drops the older event if it would arrive after the newer one.
    const seenVersion = (body) => waitFor(() => received.customer.some((e) => e.record.id === id && e.record.updated === body.updated),
      5_000, { label: `the customer's event for ${body.status} at ${body.updated}` });
    await seenVersion(placed.body);
    const steps = [
      [staff, 'status', { status: 'accepted' }],
      [staff, 'status', { status: 'preparing' }],
      [staff, 'status', { status: 'ready_for_pickup' }],
      [courier, 'claim', {}],
      [courier, 'status', { status: 'picked_up' }],
      [courier, 'courier-location', { lat: 52.512, lon: 13.425 }],
      [courier, 'status', { status: 'delivered' }],
    ];
    for (const [pb, path, body] of steps) {
      const r = await post(pb, `/api/orders/${id}/${path}`, body);
      assert.equal(r.status, 200, `${path} ${JSON.stringify(body)}: ${JSON.stringify(r.body)}`);
      await seenVersion(r.body);
    }
    await waitFor(() => received.customer.at(-1)?.record.status === 'delivered', 5_000, { label: 'the delivery event' });
    await sleep(500); // time for any event that should not come

    for (const name of ['customer', 'staff']) {
      const statuses = [];
      for (const e of received[name]) {
        assert.equal(e.record.id, id);
        if (statuses.at(-1) !== e.record.status) statuses.push(e.record.status);
      }
      assert.deepEqual(statuses, ['placed', 'accepted', 'preparing', 'ready_for_pickup', 'picked_up', 'delivered'], name);
      assert.equal(received[name][0].action, 'create', `${name}: the first event is the new order`);
    }
    assert.ok(received.customer.some((e) => e.record.courier_location?.lat === 52.512), 'the customer saw the courier location');
    for (const name of ['stranger', 'otherStaff', 'idleCourier']) {
      assert.deepEqual(received[name].map((e) => `${e.action} ${e.record.id}`), [], `${name} received events`);
    }
    for (const pb of Object.values(clients)) await pb.collection('orders').unsubscribe();
  });

  test('50 racing checkouts of one cart with one Idempotency-Key make one order', async () => {
    const { pb } = await newUser('Dora Duplicate');
    const cart = await makeCart(pb, restaurant, [{ item: salad, qty: 2 }]);
    const key = `same-${uid()}`;
    const answers = await Promise.all(Array.from({ length: 50 }, () => checkout(pb, cart.id, { key })));
    const ids = new Set(answers.filter((a) => a.status === 200).map((a) => a.body.id));
    assert.equal(ids.size, 1, `got orders ${[...ids]}`);
    for (const a of answers) assert.ok(a.status === 200 || (a.status >= 400 && a.status < 500), `got ${a.status}`);
    assert.deepEqual(tally(answers), { 200: 50 });
    const orders = await server.admin.collection('orders').getFullList({ filter: server.admin.filter('cart = {:c}', { c: cart.id }) });
    assert.equal(orders.length, 1);
  });

  test('50 racing checkouts of one cart without a key make one order; the others find no cart', async () => {
    const { pb } = await newUser('Nina Nokey');
    const cart = await makeCart(pb, restaurant, [{ item: salad, qty: 2 }]);
    const answers = await Promise.all(Array.from({ length: 50 }, () => checkout(pb, cart.id)));
    assert.deepEqual(tally(answers), { 200: 1, 404: 49 });
    const orders = await server.admin.collection('orders').getFullList({ filter: server.admin.filter('cart = {:c}', { c: cart.id }) });
    assert.equal(orders.length, 1);
  });

  test('20 carts racing for a promo with 5 redemptions: 5 discounted orders, 15 refused', async () => {
    const code = `FIVE${uid()}`.toUpperCase();
    await server.admin.collection('promo_codes').create({ code, kind: 'percent', value: 10, is_active: true, max_redemptions: 5 });
    const carts = [];
    for (let i = 0; i < 20; i++) {
      const { pb } = await quickUser(`Promo Racer ${i}`);
      carts.push({ pb, cart: await makeCart(pb, restaurant, [{ item: pizza, qty: 1, options: { size: ['m'] } }], undefined, code) });
    }
    const answers = await Promise.all(carts.map(({ pb, cart }) => checkout(pb, cart.id, { key: `promo-${cart.id}` })));
    assert.deepEqual(tally(answers), { 200: 5, 400: 15 });
    for (const a of answers) {
      if (a.status === 200) {
        assert.equal(a.body.discount, 95);
        assert.equal(a.body.promo_code, code);
      } else {
        assert.deepEqual(a.body.data.blockers.map((b) => b.code), ['promo_ineligible'], JSON.stringify(a.body));
      }
    }
    const promo = await server.admin.collection('promo_codes').getFirstListItem(server.admin.filter('code = {:c}', { c: code }));
    assert.equal(promo.redemptions, 5);
  });

  test('20 couriers claiming one order: one wins, 19 get 409', async () => {
    const { pb } = await newUser('Clara Claimed');
    const cart = await makeCart(pb, restaurant, [{ item: salad, qty: 1 }]);
    const placed = await checkout(pb, cart.id);
    assert.equal((await post(staff, `/api/orders/${placed.body.id}/status`, { status: 'accepted' })).status, 200);
    const riders = [];
    for (let i = 0; i < 20; i++) riders.push(await newCourier(`Rider ${i}`, true, quickUser));
    const answers = await Promise.all(riders.map((r) => post(r.pb, `/api/orders/${placed.body.id}/claim`)));
    assert.deepEqual(tally(answers), { 200: 1, 409: 19 });
    const winner = riders[answers.findIndex((a) => a.status === 200)];
    const order = await server.admin.collection('orders').getOne(placed.body.id);
    assert.equal(order.courier, winner.id);
  });
});
