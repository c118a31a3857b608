// Foundation: auth, public reads, API rules, server-field guards and
// realtime, through the official SDK against a real dishpatch process.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  makeMenuItem,
  makeRestaurant,
  signUp,
  sleep,
  startServer,
  uid,
  withTimeout,
} from '../lib/server.js';

/** Asserts that promise rejects with an SDK error of the given status. */
async function rejectsWithStatus(promise, status, check = () => {}) {
  await assert.rejects(promise, (err) => {
    assert.equal(err.status, status, `got status ${err.status} (${err.message}); want ${status}`);
    check(err);
    return true;
  });
}

// The file runs in a few seconds; the cap is generous for a loaded machine.
describe('foundation', { timeout: 60_000 }, () => {
  let server;
  let active;
  let inactive;

  before(async () => {
    server = await startServer();
    active = await makeRestaurant(server.admin, { name: `Active Pizzeria ${uid()}` });
    inactive = await makeRestaurant(server.admin, { name: `Closed Down Pizzeria ${uid()}`, is_active: false });
  });

  after(async () => {
    await server?.stop();
  });

  test('a customer signs up and logs in with email and password', async () => {
    const email = `signup-${uid()}@dishpatch.test`;
    const password = 'a-long-password-1';
    const signedUp = await signUp(server.newClient(), { email, password, name: 'Ada Customer' });
    assert.equal(signedUp.email, email);
    assert.equal(signedUp.name, 'Ada Customer');

    const pb = server.newClient();
    const auth = await pb.collection('users').authWithPassword(email, password);
    assert.equal(auth.record.id, signedUp.id);
    assert.ok(auth.token, 'got no token');
    assert.equal(pb.authStore.isValid, true);
    assert.equal(pb.authStore.record.collectionName, 'users');

    // The token works: the user reads their own record...
    const me = await pb.collection('users').getOne(signedUp.id);
    assert.equal(me.email, email);
    // ...and a wrong password is refused.
    await rejectsWithStatus(server.newClient().collection('users').authWithPassword(email, 'wrong-password'), 400);
  });

  test('active restaurants are visible to anonymous users and customers; inactive ones are not', async () => {
    const anonymous = server.newClient();
    const customer = server.newClient();
    await signUp(customer);

    for (const [who, pb] of [
      ['anonymous', anonymous],
      ['customer', customer],
    ]) {
      const list = await pb.collection('restaurants').getFullList({
        filter: pb.filter('id = {:a} || id = {:b}', { a: active.id, b: inactive.id }),
      });
      assert.deepEqual(
        list.map((r) => r.id),
        [active.id],
        `${who}: got restaurants ${JSON.stringify(list.map((r) => r.name))}; want only the active one`,
      );
      const seen = list[0];
      assert.equal(seen.name, active.name);
      assert.equal(seen.currency, 'EUR');
      assert.deepEqual(seen.cuisines, ['pizza']);
      assert.deepEqual(seen.location, { lon: 13.4132, lat: 52.5219 });

      await rejectsWithStatus(pb.collection('restaurants').getOne(inactive.id), 404);
    }

    // The admin sees both.
    const all = await server.admin.collection('restaurants').getFullList({
      filter: server.admin.filter('id = {:a} || id = {:b}', { a: active.id, b: inactive.id }),
      sort: 'name',
    });
    assert.deepEqual(all.map((r) => r.id), [active.id, inactive.id]);
  });

  test('the menu of an active restaurant is readable; that of an inactive one is not', async () => {
    const pizza = await makeMenuItem(server.admin, active.id, { name: 'Margherita', price: 850, sort_order: 2 });
    const drink = await makeMenuItem(server.admin, active.id, {
      name: 'Lemonade',
      category: 'Drinks',
      price: 350,
      sort_order: 1,
      option_groups: [
        { id: 'size', name: 'Size', min: 1, max: 1, options: [{ id: 'l', name: 'Large', price: 100 }] },
      ],
    });
    await makeMenuItem(server.admin, inactive.id, { name: 'Hidden Calzone' });

    const anonymous = server.newClient();
    const menu = await anonymous.collection('menu_items').getFullList({
      filter: anonymous.filter('restaurant = {:r}', { r: active.id }),
      sort: 'sort_order',
    });
    assert.deepEqual(
      menu.map((m) => [m.id, m.name, m.price]),
      [
        [drink.id, 'Lemonade', 350],
        [pizza.id, 'Margherita', 850],
      ],
    );
    assert.equal(menu[0].option_groups[0].options[0].price, 100);

    const hidden = await anonymous.collection('menu_items').getFullList({
      filter: anonymous.filter('restaurant = {:r}', { r: inactive.id }),
    });
    assert.deepEqual(hidden, [], 'menu items of an inactive restaurant leaked');
  });

  test('a realtime subscriber receives a restaurant update made by another client', async () => {
    const customer = server.newClient();
    await signUp(customer);

    const events = [];
    let notify;
    const firstEvent = new Promise((resolve) => (notify = resolve));
    await customer.collection('restaurants').subscribe(active.id, (e) => {
      events.push(e);
      notify(e);
    });

    const description = `Now with sourdough crust ${uid()}`;
    await server.admin.collection('restaurants').update(active.id, { description });

    const e = await withTimeout(firstEvent, 5_000, 'realtime update event');
    assert.equal(e.action, 'update');
    assert.equal(e.record.id, active.id);
    assert.equal(e.record.collectionName, 'restaurants');
    assert.equal(e.record.description, description);
    assert.equal(e.record.name, active.name);

    // After unsubscribing, later changes are no longer delivered.
    await customer.collection('restaurants').unsubscribe(active.id);
    assert.equal(customer.realtime.isConnected, false, 'realtime connection still open after the last unsubscribe');
    await server.admin.collection('restaurants').update(active.id, { description: 'after unsubscribe' });
    await sleep(300);
    assert.equal(events.length, 1, `got ${events.length} events; want 1`);
  });

  test('a password reset request is accepted, for known and unknown e-mails alike', async () => {
    const pb = server.newClient();
    const user = await signUp(pb);
    assert.equal(await server.newClient().collection('users').requestPasswordReset(user.email), true);
    // No account enumeration: an unknown address gets the same answer.
    assert.equal(
      await server.newClient().collection('users').requestPasswordReset(`nobody-${uid()}@dishpatch.test`),
      true,
    );
  });

  test('an unknown API path or a missing file is a JSON 404; other paths serve the web app', async () => {
    for (const [path, message] of [
      ['/api/no-such-endpoint', "The requested resource wasn't found."],
      ['/api', "The requested resource wasn't found."],
      ['/assets/no-such-file.js', 'File not found.'],
      ['/favicon.ico', 'File not found.'],
    ]) {
      const res = await fetch(`${server.url}${path}`);
      assert.equal(res.status, 404, path);
      assert.deepEqual(await res.json(), { status: 404, message, data: {} }, path);
    }
    for (const path of ['/', '/orders/some-client-route']) {
      const page = await fetch(`${server.url}${path}`);
      assert.equal(page.status, 200, path);
      assert.match(page.headers.get('content-type'), /^text\/html/, path);
    }
  });

  test('a customer cannot create a restaurant', async () => {
    const customer = server.newClient();
    await signUp(customer);
    await rejectsWithStatus(
      customer.collection('restaurants').create({
        name: `Rogue Restaurant ${uid()}`,
        location: { lon: 13.4, lat: 52.5 },
        delivery_radius_km: 3,
        is_active: true,
      }),
      403,
    );
    const rogue = await server.admin.collection('restaurants').getFullList({ filter: 'name ~ "Rogue Restaurant"' });
    assert.deepEqual(rogue, []);
  });

  test('a customer cannot set server-computed cart fields', async () => {
    const customer = server.newClient();
    const me = await signUp(customer);

    await rejectsWithStatus(
      customer.collection('carts').create({ restaurant: active.id, user: me.id, subtotal: 5 }),
      400,
      (err) => {
        assert.ok(err.response.data?.subtotal, `got error data ${JSON.stringify(err.response.data)}; want a subtotal field error`);
      },
    );
    assert.deepEqual(await customer.collection('carts').getFullList(), [], 'the refused cart was created anyway');

    // Without the server field the same cart is fine, and starts at zero.
    const cart = await customer.collection('carts').create({ restaurant: active.id, user: me.id });
    assert.equal(cart.user, me.id);
    assert.equal(cart.restaurant, active.id);
    assert.equal(cart.subtotal, 0);
    assert.equal(cart.total, 0);
    assert.ok(
      cart.blockers.some((b) => b.code === 'empty_cart'),
      `got blockers ${JSON.stringify(cart.blockers)}; want one with code empty_cart`,
    );
  });
});
