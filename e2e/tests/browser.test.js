// The web app end to end, in headless Chromium against a real dishpatch
// with the Berlin demo data: a customer finds pizza, builds a cart with
// options and a promo code, checks out and follows the order live while
// restaurant staff and a courier (each in their own browser context) move
// it along; then the customer reviews it. Every screen is photographed at
// phone and desktop width under e2e/test-output/screenshots/.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { cents, launchBrowser, money, newPage, signIn, snap, text } from '../lib/browser.js';
import { startServer, uid } from '../lib/server.js';

const DEMO_PASSWORD = 'dishpatch-demo';
// The customer waits near Rosenthaler Platz, 1 km from Pizzeria Da Enzo.
const HOME = { latitude: 52.5297, longitude: 13.4125 };
// The courier starts near the restaurant and rides east to the customer.
const COURIER_START = { latitude: 52.5290, longitude: 13.4000 };
const RIDE = [
  { latitude: 52.5292, longitude: 13.4040 },
  { latitude: 52.5294, longitude: 13.4080 },
  { latitude: 52.5296, longitude: 13.4110 },
];

describe('web app: order to doorstep', { timeout: 240_000 }, () => {
  let server;
  let browser;
  let enzo;
  const pages = [];

  before(async () => {
    server = await startServer({ demo: true });
    browser = await launchBrowser();
    // The demo pizzeria keeps lunch and dinner hours; make it open whenever
    // the test runs, as an admin would in the dashboard.
    enzo = await server.admin.collection('restaurants').getFirstListItem('slug = "pizzeria-da-enzo"');
    await server.admin.collection('restaurants').update(enzo.id, { opening_hours: {} });
  });

  after(async () => {
    for (const p of pages) {
      assert.deepEqual(p.errors, [], `uncaught errors in the page ${p.label}`);
    }
    await browser?.close();
    await server?.stop();
  });

  async function open(label, options) {
    const page = await newPage(browser, options);
    page.label = label;
    pages.push(page);
    return page;
  }

  test('customer orders pizza; staff and courier move it; the customer watches it live and reviews it', async () => {
    const { url } = server;
    const customer = await open('customer', { geolocation: HOME });
    const staff = await open('staff');
    const courier = await open('courier', { geolocation: COURIER_START });

    // Sign up.
    const email = `lena-${uid()}@dishpatch.test`;
    const password = 'pizza-lover-123';
    await customer.goto(`${url}/#/signup`);
    await customer.getByLabel('Name').fill('Lena Test');
    await customer.getByLabel('E-mail').fill(email);
    await customer.getByLabel('Password', { exact: true }).fill(password);
    await customer.getByLabel('Repeat the password').fill(password);
    await snap(customer, 'signup');
    await customer.getByRole('button', { name: 'Create account' }).click();
    await customer.getByRole('heading', { name: 'What would you like to eat?' }).waitFor();

    // Deliver to the browser's position.
    await customer.getByRole('link', { name: /Change/ }).click();
    await customer.getByRole('button', { name: 'Use my current location' }).click();
    await text(customer.getByTestId('deliver-to-label'), 'Your current location');
    await snap(customer, 'location');
    await customer.getByRole('link', { name: /Done/ }).click();

    // Search as you type: a dish finds its restaurant and names the dish.
    await customer.getByTestId('search-input').fill('margherita');
    const byDish = customer.getByTestId('result').filter({ hasText: 'Pizzeria Da Enzo' });
    await text(byDish.getByTestId('matched-items'), 'Pizza Margherita');
    await snap(customer, 'search-dishes');

    // Cuisine chips, open now and sort narrow and order the results.
    await customer.getByTestId('search-input').fill('');
    await customer.getByRole('group', { name: 'Cuisine' }).getByRole('button', { name: 'Italian', exact: true }).click();
    await customer.getByTestId('open-now').check();
    await customer.getByTestId('sort').selectOption('rating');
    await text(customer.getByTestId('result-summary'), /· Italian · open now\.$/);
    const italian = await customer.getByTestId('result').allTextContents();
    assert.ok(italian.length > 0 && italian.every((t) => /Open/.test(t) && !/Closed/.test(t)), `only open places: ${italian}`);
    assert.ok(italian.some((t) => t.includes('Pizzeria Da Enzo')), 'the (always open) pizzeria is among them');
    await customer.getByRole('group', { name: 'Cuisine' }).getByRole('button', { name: 'All', exact: true }).click();
    await customer.getByTestId('open-now').uncheck();
    await customer.getByTestId('sort').selectOption('');

    await customer.getByTestId('search-input').fill('pizza');
    await text(customer.getByTestId('result-summary'), /delivers? here for “pizza”/);
    const result = customer.getByTestId('result').filter({ hasText: 'Pizzeria Da Enzo' });
    await result.waitFor();
    const card = await result.textContent();
    assert.match(card, /Open/, 'the result says the pizzeria is open');
    assert.match(card, /km away|m away/, 'the result shows the distance');
    assert.match(card, /about \d+ min/, 'the result shows the ETA');
    assert.match(card, /delivery/, 'the result shows the delivery fee');
    await snap(customer, 'search');
    await result.click();

    // The restaurant's menu, by category; add a pizza with options.
    await customer.getByRole('heading', { level: 1, name: 'Pizzeria Da Enzo' }).waitFor();
    await customer.getByRole('heading', { level: 2, name: 'Pizza' }).waitFor();
    await snap(customer, 'restaurant');
    await customer.getByRole('button', { name: 'Add Pizza Margherita' }).click();
    const dialog = customer.getByTestId('add-dialog');
    await dialog.getByRole('radio', { name: /Ø 32 cm/ }).check();
    await dialog.getByRole('checkbox', { name: /Mozzarella di Bufala/ }).check();
    await dialog.getByRole('button', { name: 'One more' }).click();
    await text(dialog.getByTestId('add-submit'), await money(customer, 2 * (890 + 300 + 200), 'EUR'));
    await snap(customer, 'item-options');
    await dialog.getByTestId('add-submit').click();
    await text(customer.getByTestId('cart-bar'), '2 items');

    // The cart: promo code and the server's exact totals.
    await customer.getByTestId('cart-bar').click();
    await customer.getByTestId('promo-input').fill('enzo20');
    await customer.getByRole('button', { name: 'Apply' }).click();
    await text(customer.getByTestId('promo-applied'), 'ENZO20');
    await text(customer.getByTestId('total-discount'), await money(customer, 556, 'EUR'));

    const sdk = server.newClient();
    await sdk.collection('users').authWithPassword(email, password);
    const [serverCart] = await sdk.collection('carts').getFullList();
    assert.equal(serverCart.subtotal, 2780, 'server subtotal: 2 × (8.90 + 3.00 + 2.00)');
    assert.equal(serverCart.discount, 556, 'server discount: 20 % of 27.80');
    assert.deepEqual(serverCart.blockers, []);
    for (const field of ['subtotal', 'discount', 'delivery_fee', 'service_fee', 'tax', 'total']) {
      const shown = customer.getByTestId(`total-${field}`);
      assert.equal(await cents(shown), serverCart[field], `${field} shown is the server's`);
      assert.match(await shown.textContent(), new RegExp(escape(await money(customer, serverCart[field], 'EUR'))),
        `${field} is formatted from minor units`);
    }
    await customer.getByLabel('Delivery address').fill('Weinbergsweg 1, 3rd floor');
    await snap(customer, 'cart');

    // Staff watch their board before the order exists.
    await signIn(staff, url, 'staff@dishpatch.demo', DEMO_PASSWORD);
    await staff.goto(`${url}/#/staff`);
    await staff.getByRole('heading', { name: 'Incoming orders' }).waitFor();
    await staff.getByTestId('lane-placed').waitFor();

    // Check out.
    await customer.getByTestId('checkout').click();
    await customer.waitForURL(/#\/order\//);
    const orderId = decodeURIComponent(customer.url().split('#/order/')[1]);
    await text(customer.getByTestId('order-status'), 'Placed');
    await customer.evaluate(() => { window.__sameDocument = true; });
    const order = await sdk.collection('orders').getOne(orderId);
    assert.equal(order.total, serverCart.total, 'the order costs what the cart said');
    await snap(customer, 'order-placed');

    // The new order appears on the staff board without a reload, highlighted.
    const staffCard = staff.locator(`[data-testid="staff-order"][data-order="${orderId}"]`);
    await staffCard.waitFor();
    assert.equal(await staffCard.getAttribute('data-new'), 'true', 'the new order is highlighted');
    assert.equal(await staffCard.getAttribute('data-status'), 'placed');
    await text(staffCard, 'Pizza Margherita');
    await text(staffCard, 'Mozzarella di Bufala');
    await snap(staff, 'staff-board');
    await staffCard.getByRole('button', { name: /^Accept/ }).click();
    await text(customer.getByTestId('order-status'), 'Accepted');

    // A courier near the restaurant claims it.
    await signIn(courier, url, 'courier@dishpatch.demo', DEMO_PASSWORD);
    await courier.goto(`${url}/#/courier`);
    assert.equal(await courier.getByTestId('online').isChecked(), true, 'the demo courier is online');
    const offer = courier.locator(`[data-testid="offer"][data-order="${orderId}"]`);
    await offer.waitFor();
    await text(offer, 'Pizzeria Da Enzo');
    await snap(courier, 'courier-offers');
    await offer.getByRole('button', { name: /^Claim/ }).click();
    const delivery = courier.locator(`[data-testid="delivery"][data-order="${orderId}"]`);
    await delivery.waitFor();
    await customer.getByTestId('marker-courier').waitFor();

    // The kitchen cooks; the customer sees every step.
    await staffCard.getByRole('button', { name: 'Start preparing' }).click();
    await text(customer.getByTestId('order-status'), 'Preparing');
    await staffCard.getByRole('button', { name: 'Ready for pickup' }).click();
    await text(customer.getByTestId('order-status'), 'Ready for pickup');

    // Pick up, ride (the browser's position moves), deliver.
    await text(delivery, 'Ready for pickup');
    await delivery.getByRole('button', { name: 'Picked up' }).click();
    await text(customer.getByTestId('order-status'), 'On the way');
    for (const p of RIDE) {
      await courier.context().setGeolocation(p);
      await customer.waitForFunction(
        ([lat, lon]) => {
          const m = document.querySelector('[data-testid="marker-courier"]');
          return m && Math.abs(Number(m.dataset.lat) - lat) < 1e-6 && Math.abs(Number(m.dataset.lon) - lon) < 1e-6;
        },
        [p.latitude, p.longitude],
        { timeout: 15_000 },
      );
    }
    await text(customer.getByTestId('map-caption'), /The courier is \d+ m from you/);
    await snap(courier, 'courier-delivery');
    await snap(customer, 'order-tracking');
    await delivery.getByRole('button', { name: 'Delivered' }).click();
    await text(customer.getByTestId('order-status'), 'Delivered');
    assert.equal(await customer.evaluate(() => window.__sameDocument), true, 'the order page never reloaded');
    const steps = await customer.locator('[data-testid="timeline"] li').evaluateAll((lis) => lis.map((li) => li.className));
    assert.equal(steps.length, 6);
    assert.ok(steps.every((c) => c.includes('step-done')), `every step is done: ${steps}`);

    // Review.
    const form = customer.getByTestId('review-form');
    await form.locator('label').filter({ hasText: '4 stars' }).click();
    await form.getByLabel('Comment (optional)').fill('Crisp crust, hot on arrival.');
    await snap(customer, 'review');
    await form.getByRole('button', { name: 'Post review' }).click();
    await customer.getByTestId('review-done').waitFor();
    const rated = await sdk.collection('restaurants').getOne(enzo.id);
    assert.equal(rated.rating_count, 1);
    assert.equal(rated.rating_avg, 4);

    // History.
    await customer.goto(`${url}/#/orders`);
    await text(customer.getByTestId('order-history'), 'Delivered');
    await snap(customer, 'orders');
  });

  test('staff switch an item off; a customer looking at the menu sees it sold out at once', async () => {
    const { url } = server;
    const staff = await open('staff (menu)');
    const customer = await open('customer (menu)');
    await signIn(staff, url, 'staff@dishpatch.demo', DEMO_PASSWORD);
    await staff.goto(`${url}/#/staff/menu/${enzo.id}`);
    const row = staff.getByTestId('menu-switch').filter({ hasText: 'Tiramisù' });
    const toggle = row.getByRole('switch');
    assert.equal(await toggle.isChecked(), true);

    await customer.goto(`${url}/#/restaurant/${enzo.id}`);
    const item = customer.getByTestId('menu-item').filter({ hasText: 'Tiramisù' });
    await item.getByRole('button', { name: 'Add Tiramisù' }).waitFor();

    await toggle.click();
    await text(row, 'Sold out');
    await text(item, 'Sold out');
    assert.equal(await item.getByRole('button').count(), 0, 'a sold-out item has no Add button');
    await snap(staff, 'staff-menu');
    await toggle.click();
    await item.getByRole('button', { name: 'Add Tiramisù' }).waitFor();
  });
});

function escape(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
