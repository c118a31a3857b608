// Bad input in the web app is answered in words: a wrong password, promo
// codes that don't exist or expired, an item from a closed restaurant, a
// rejection without a reason, a search that finds nothing, a missing order.
// Runs headless Chromium against a real dishpatch with the demo data and
// photographs each of these screens at phone and desktop width.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { launchBrowser, newPage, signIn, snap, text } from '../lib/browser.js';
import { startServer } from '../lib/server.js';

const DEMO_PASSWORD = 'dishpatch-demo';
// Near Kottbusser Tor: Nachtimbiss Kotti (never closes) and Taverna Olympia's
// area are both within reach.
const HOME = { latitude: 52.4990, longitude: 13.4100 };

describe('web app: errors in words', { timeout: 180_000 }, () => {
  let server;
  let browser;
  let kotti;
  let taverna;
  const pages = [];

  before(async () => {
    server = await startServer({ demo: true });
    browser = await launchBrowser();
    kotti = await server.admin.collection('restaurants').getFirstListItem('slug = "nachtimbiss-kotti"');
    taverna = await server.admin.collection('restaurants').getFirstListItem('slug = "taverna-olympia"');
  });

  after(async () => {
    for (const p of pages) assert.deepEqual(p.errors, [], 'no uncaught errors in the page');
    await browser?.close();
    await server?.stop();
  });

  async function open(options) {
    const page = await newPage(browser, options);
    pages.push(page);
    return page;
  }

  test('a wrong password, a taken e-mail and mismatched passwords are explained; a reset link can be requested', async () => {
    const page = await open();
    await page.goto(`${server.url}/#/login`);
    await page.getByLabel('E-mail').fill('customer@dishpatch.demo');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await text(page.getByRole('alert'), 'Wrong e-mail or password');
    await snap(page, 'login-error');

    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('Name').fill('Second Lena');
    await page.getByLabel('E-mail').fill('customer@dishpatch.demo');
    await page.getByLabel('Password', { exact: true }).fill('long-enough-1');
    await page.getByLabel('Repeat the password').fill('long-enough-2');
    await page.getByRole('button', { name: 'Create account' }).click();
    await text(page.locator('#signup-confirm-error'), "The passwords don't match.");
    await page.getByLabel('Repeat the password').fill('long-enough-1');
    await page.getByRole('button', { name: 'Create account' }).click();
    await text(page.locator('#signup-email-error'), 'An account with this e-mail already exists.');
    assert.equal(await page.getByLabel('E-mail').getAttribute('aria-invalid'), 'true');

    await page.goto(`${server.url}/#/reset`);
    await page.getByLabel('E-mail').fill('customer@dishpatch.demo');
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await text(page.getByTestId('reset-sent'), 'we have sent it an e-mail');
    await snap(page, 'reset');
  });

  test('unknown and expired promo codes, and a closed restaurant, are explained in the cart', async () => {
    const page = await open({ geolocation: HOME });
    await signIn(page, server.url, 'customer@dishpatch.demo', DEMO_PASSWORD);
    await page.goto(`${server.url}/#/location`);
    await page.getByRole('button', { name: 'Use my current location' }).click();
    await text(page.getByTestId('deliver-to-label'), 'Your current location');

    // Unknown and expired codes, at a restaurant that never closes.
    await page.goto(`${server.url}/#/restaurant/${kotti.id}`);
    await page.getByRole('button', { name: 'Add Lahmacun' }).click();
    await page.getByTestId('add-submit').click();
    await page.getByTestId('cart-bar').click();
    await page.getByTestId('promo-input').fill('NOSUCHCODE');
    await page.getByRole('button', { name: 'Apply' }).click();
    await text(page.locator('#promo-code-error'), 'This promo code does not exist.');
    assert.equal(await page.getByTestId('promo-input').getAttribute('aria-invalid'), 'true');
    await snap(page, 'cart-promo-error');
    await page.getByTestId('promo-input').fill('winter25');
    await page.getByRole('button', { name: 'Apply' }).click();
    await text(page.locator('#promo-code-error'), 'expired');
    assert.equal(await page.getByTestId('total-discount').count(), 0, 'no discount was applied');

    // A restaurant closed all week: the menu says so, the cart says why it can't be ordered.
    await page.goto(`${server.url}/#/restaurant/${taverna.id}`);
    await text(page.getByTestId('open-badge'), 'Closed now');
    await page.getByRole('button', { name: 'Add Tzatziki' }).click();
    await page.getByTestId('add-submit').click();
    await page.getByTestId('cart-bar').click();
    await text(page.getByTestId('blockers'), 'This restaurant is closed right now.');
    assert.equal(await page.getByTestId('checkout').isDisabled(), true, 'checkout is disabled while blocked');
    await snap(page, 'cart-blocked');
  });

  test('staff must give a reason to reject; the customer reads it', async () => {
    const customer = await open({ geolocation: HOME });
    const staff = await open();
    await signIn(customer, server.url, 'customer@dishpatch.demo', DEMO_PASSWORD);
    await signIn(staff, server.url, 'staff@dishpatch.demo', DEMO_PASSWORD);
    await staff.goto(`${server.url}/#/staff`);
    await staff.getByTestId('lane-placed').waitFor();

    // The Kotti cart from the previous test still holds its Lahmacun.
    await customer.goto(`${server.url}/#/carts`);
    await customer.getByRole('link', { name: /Nachtimbiss Kotti/ }).click();
    await customer.getByLabel('Delivery address').fill('Adalbertstraße 4');
    await customer.getByTestId('checkout').click();
    await customer.waitForURL(/#\/order\//);
    const orderId = decodeURIComponent(customer.url().split('#/order/')[1]);

    const card = staff.locator(`[data-testid="staff-order"][data-order="${orderId}"]`);
    await card.getByRole('button', { name: 'Reject…' }).click();
    await card.getByRole('button', { name: 'Reject order' }).click(); // the browser wants a reason first
    assert.equal(await card.getByLabel("Why can't you take this order?").evaluate((el) => el.validity.valueMissing), true);
    await card.getByLabel("Why can't you take this order?").fill('Too busy right now');
    await snap(staff, 'staff-reject');
    await card.getByRole('button', { name: 'Reject order' }).click();
    await text(customer.getByTestId('order-status'), 'Rejected');
    await text(customer.getByTestId('timeline'), 'Reason: Too busy right now');
    await snap(customer, 'order-rejected');
  });

  test('the delivery pin moves with the keyboard on the map', async () => {
    const page = await open();
    await page.goto(`${server.url}/#/location`);
    const map = page.getByRole('application');
    await map.waitFor();
    await map.focus();
    await page.keyboard.press('ArrowUp');
    await text(page.getByTestId('deliver-to-label'), 'Pinned on the map');
    const before = Number(await page.getByTestId('marker-home').getAttribute('data-lat'));
    await page.keyboard.press('Shift+ArrowDown');
    await page.waitForFunction((lat) => Number(document.querySelector('[data-testid="marker-home"]').dataset.lat) < lat - 0.008, before);
    await snap(page, 'location-pinned');
  });

  test('a search that finds nothing and an order that does not exist say so', async () => {
    const page = await open({ geolocation: HOME });
    await page.goto(`${server.url}/`);
    await page.getByTestId('search-input').fill('zzqxv');
    await text(page.locator('.empty'), 'No restaurant delivers here for “zzqxv”');
    await snap(page, 'search-empty');

    await signIn(page, server.url, 'customer@dishpatch.demo', DEMO_PASSWORD);
    await page.goto(`${server.url}/#/order/doesnotexist123`);
    await text(page.getByTestId('error'), /not exist|not found/i);
  });
});
