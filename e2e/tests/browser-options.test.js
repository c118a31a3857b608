// A menu item whose option groups give only what the contract requires
// (ids, prices; no names, no max) is offered in the web app as the server
// reads it: a group without max takes any of its options, a nameless
// option shows its id, and the customer's choice is priced by the server.
// Runs headless Chromium against a real dishpatch with the demo data.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { demoBrowser, signIn, snap, text } from '../lib/browser.js';

const DEMO_PASSWORD = 'dishpatch-demo';
const HOME = { latitude: 52.4990, longitude: 13.4100 }; // near Nachtimbiss Kotti, which never closes

describe('web app: sparse option groups', { timeout: 120_000 }, () => {
  const suite = demoBrowser();

  test('a group without max or names takes any of its options, and the server prices the choice', async () => {
    const { server } = suite;
    const kotti = await server.admin.collection('restaurants').getFirstListItem('slug = "nachtimbiss-kotti"');
    const bowl = await server.admin.collection('menu_items').create({
      restaurant: kotti.id, name: 'Build your bowl', price: 700, is_available: true, category: 'Bowls',
      option_groups: [
        { id: 'toppings', options: [{ id: 'feta', price: 150 }, { id: 'olives' }, { id: 'mint', price: 20, note: 'fresh' }] },
        { id: 'sauce', name: 'Sauce', min: 1, max: 1, options: [{ id: 'garlic', name: 'Garlic' }] },
      ],
    });

    const page = await suite.open({ geolocation: HOME });
    await signIn(page, server.url, 'customer@dishpatch.demo', DEMO_PASSWORD);
    await page.goto(`${server.url}/#/location`);
    await page.getByRole('button', { name: 'Use my current location' }).click();
    await text(page.getByTestId('deliver-to-label'), 'Your current location');
    await page.goto(`${server.url}/#/restaurant/${kotti.id}`);
    await page.getByRole('button', { name: 'Add Build your bowl' }).click();
    const dialog = page.getByTestId('add-dialog');
    await text(dialog.locator('legend').first(), 'toppings (up to 3)');
    for (const id of ['feta', 'olives', 'mint']) await dialog.getByRole('checkbox', { name: id }).check();
    assert.ok(await dialog.getByRole('radio', { name: 'Garlic' }).isChecked(), 'the one sauce is chosen');
    await snap(page, 'add-sparse-options');
    await dialog.getByTestId('add-submit').click();
    await page.getByTestId('cart-bar').waitFor();

    const line = await server.admin.collection('cart_items').getFirstListItem(`menu_item = "${bowl.id}"`);
    assert.equal(line.unit_price, 700 + 150 + 20);
    assert.deepEqual(line.options, { toppings: ['feta', 'mint', 'olives'], sauce: ['garlic'] }); // stored sorted
  });
});
