// Opening a cart in a fresh browser shows it as it is: the app's default
// delivery point (the city centre, which the customer never chose) does
// not overwrite the point the cart already has, set on another device;
// the app takes the cart's point instead. #/cart and #/order without an id
// are the lists. Runs headless Chromium against a real dishpatch with the
// demo data.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { demoBrowser, signIn, text } from '../lib/browser.js';

const DEMO_PASSWORD = 'dishpatch-demo';
const ELSEWHERE = { lat: 52.4990, lon: 13.4100 }; // near Nachtimbiss Kotti, not the city centre

describe('web app: a cart opened on another device; keyboard focus', { timeout: 120_000 }, () => {
  const suite = demoBrowser();

  test('viewing a cart keeps its delivery point and totals', async () => {
    const { server } = suite;
    const phone = server.newClient();
    await phone.collection('users').authWithPassword('customer@dishpatch.demo', DEMO_PASSWORD);
    const kotti = await phone.collection('restaurants').getFirstListItem('slug = "nachtimbiss-kotti"');
    const items = await phone.collection('menu_items').getFullList({ filter: phone.filter('restaurant = {:r}', { r: kotti.id }) });
    const item = items.find((i) => i.is_available && !(i.option_groups?.length));
    assert.ok(item, 'Kotti has an item without options');
    const cart = await phone.collection('carts').create({ restaurant: kotti.id, delivery_location: ELSEWHERE });
    await phone.collection('cart_items').create({ cart: cart.id, menu_item: item.id, quantity: 2 });
    const before = await phone.collection('carts').getOne(cart.id);

    const page = await suite.open(); // no geolocation: the app falls back to its default point
    await signIn(page, server.url, 'customer@dishpatch.demo', DEMO_PASSWORD);
    await page.goto(`${server.url}/#/cart/${cart.id}`);
    await text(page.getByTestId('deliver-to'), "This cart's delivery point");
    await page.waitForTimeout(1_000); // time for a write the app should not make
    const after = await phone.collection('carts').getOne(cart.id);
    assert.deepEqual(after.delivery_location, ELSEWHERE);
    assert.equal(after.delivery_fee, before.delivery_fee);
    assert.equal(after.total, before.total);
    assert.equal(after.updated, before.updated, 'the cart was not written');

    await page.goto(`${server.url}/#/cart`);
    await text(page.locator('h1'), 'Your carts');
    await page.goto(`${server.url}/#/order`);
    await text(page.locator('h1'), 'Your orders');
  });

  test('keyboard: a fresh load starts at the skip link; a navigation moves focus to the new heading', async () => {
    const { server } = suite;
    const fresh = await suite.open();
    await fresh.goto(`${server.url}/#/`);
    await fresh.locator('h1').waitFor();
    await fresh.keyboard.press('Tab');
    assert.equal(await fresh.evaluate(() => document.activeElement?.textContent), 'Skip to content');
    await fresh.goto(`${server.url}/#/login`);
    await text(fresh.locator('h1'), 'Sign in');
    await fresh.waitForFunction(() => document.activeElement?.tagName === 'H1');
  });
});
