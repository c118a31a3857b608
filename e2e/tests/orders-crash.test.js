// Crash safety of checkout: customers check out their carts while the
// server is killed with SIGKILL and restarted, several times. Every request
// left unanswered is retried with its Idempotency-Key, as a real client
// would. Afterwards every cart is exactly one order, every acknowledged
// order is still there, every replay answers the same order, no cart is
// left behind, and SQLite's integrity check says ok.
//
// Sizes (small by default, for the test command): DISHPATCH_CRASH_CUSTOMERS
// (6), DISHPATCH_CRASH_RESTAURANTS (12; one cart per customer and
// restaurant), DISHPATCH_CRASH_KILLS (3).

import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import PocketBase from 'pocketbase';

import { ADMIN_EMAIL, ADMIN_PASSWORD, binPath, freePort, makeMenuItem, makeRestaurant, sleep, uid } from '../lib/server.js';

const execFileP = promisify(execFile);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const CUSTOMERS = Number(process.env.DISHPATCH_CRASH_CUSTOMERS ?? 6);
const RESTAURANTS = Number(process.env.DISHPATCH_CRASH_RESTAURANTS ?? 12);
const KILLS = Number(process.env.DISHPATCH_CRASH_KILLS ?? 3);

/** One dishpatch process on a fixed port and data dir, which can be killed and started again. */
class Server {
  constructor(dir, port) {
    this.dir = dir;
    this.url = `http://127.0.0.1:${port}`;
    this.port = port;
    this.child = null;
    this.starts = 0;
  }

  async start() {
    const child = spawn(binPath, ['serve', '--http', `127.0.0.1:${this.port}`, '--dir', this.dir], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-8192)));
    this.exited = new Promise((resolve) => child.once('exit', resolve));
    this.child = child;
    this.starts++;
    for (const deadline = Date.now() + 20_000; Date.now() < deadline;) {
      if (child.exitCode !== null) throw new Error(`dishpatch exited with ${child.exitCode}: ${stderr}`);
      try {
        if ((await fetch(`${this.url}/api/health`, { signal: AbortSignal.timeout(1_000) })).ok) return;
      } catch {
        // not listening yet
      }
      await sleep(50);
    }
    throw new Error(`dishpatch did not become healthy: ${stderr}`);
  }

  async kill(signal = 'SIGKILL') {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill(signal);
    await this.exited;
  }
}

/** POSTs a checkout once: {status, body}, or throws when no answer came (connection refused or cut). */
async function checkoutOnce(url, token, cartId, key) {
  const res = await fetch(`${url}/api/carts/${cartId}/checkout`, {
    method: 'POST',
    headers: { Authorization: token, 'Content-Type': 'application/json', 'Idempotency-Key': key },
    body: '{"delivery_address":"Crash Lane 1"}',
    signal: AbortSignal.timeout(15_000),
  });
  return { status: res.status, body: await res.json() };
}

/** Runs PRAGMA integrity_check on a data.db with the sqlite3 shell, or with Go where it is missing. */
async function integrityCheck(dbPath) {
  try {
    return (await execFileP('sqlite3', [dbPath, 'PRAGMA integrity_check;'])).stdout.trim();
  } catch (err) {
    if (err.code !== 'ENOENT') throw err;
    const { stdout } = await execFileP('go', ['run', './bench/checkout/integrity', dbPath], { cwd: repoRoot, timeout: 120_000 });
    return stdout.trim();
  }
}

describe('checkout crash safety', { timeout: 240_000 }, () => {
  let server;
  let dir;

  after(async () => {
    await server?.kill();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  test(`${CUSTOMERS * RESTAURANTS} checkouts survive ${KILLS} SIGKILLs of the server`, async (t) => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dishpatch-crash-'));
    await execFileP(binPath, ['superuser', 'upsert', ADMIN_EMAIL, ADMIN_PASSWORD, '--dir', dir]);
    server = new Server(dir, await freePort());
    await server.start();

    // Setup: restaurants, customers (tokens outlive restarts) and one cart per customer and restaurant.
    const admin = new PocketBase(server.url);
    admin.autoCancellation(false);
    await admin.collection('_superusers').authWithPassword(ADMIN_EMAIL, ADMIN_PASSWORD);
    const menu = [];
    for (let i = 0; i < RESTAURANTS; i++) {
      const r = await makeRestaurant(admin, { name: `Crash Kitchen ${i} ${uid()}` });
      menu.push({ r, item: await makeMenuItem(admin, r.id, { price: 1200 + i }) });
    }
    const customers = [];
    for (let i = 0; i < CUSTOMERS; i++) {
      const password = `crash-${uid()}-password`;
      const user = await admin.collection('users').create({ email: `crash-${uid()}@dishpatch.test`, password, passwordConfirm: password });
      const pb = await admin.collection('users').impersonate(user.id, 3600);
      pb.autoCancellation(false);
      customers.push({ id: user.id, pb, token: pb.authStore.token, carts: [] });
    }
    await Promise.all(customers.map(async (c) => {
      for (const { r, item } of menu) {
        const cart = await c.pb.collection('carts').create({ restaurant: r.id, delivery_location: { lon: 13.42, lat: 52.52 } });
        await c.pb.collection('cart_items').create({ cart: cart.id, menu_item: item.id, quantity: 2 });
        c.carts.push(cart.id);
      }
    }));
    const allCarts = customers.flatMap((c) => c.carts.map((cart) => ({ customer: c, cart, key: `crash-key-${cart}` })));

    // Load: each customer checks out their carts one after another, retrying unanswered requests.
    const acknowledged = new Map(); // cart → order id answered with 200
    const failures = [];
    let inFlight = 0;
    let unanswered = 0;
    let done = false;
    const worker = async (c) => {
      for (const cart of c.carts) {
        for (;;) {
          inFlight++;
          try {
            const { status, body } = await checkoutOnce(server.url, c.token, cart, `crash-key-${cart}`);
            if (status === 200) acknowledged.set(cart, body.id);
            else failures.push(`cart ${cart}: ${status} ${JSON.stringify(body)}`);
            break;
          } catch {
            unanswered++; // the server died under the request: retry with the same key
            await sleep(20);
          } finally {
            inFlight--;
          }
        }
      }
    };
    const killer = async () => {
      for (let k = 0; k < KILLS && !done; k++) {
        await sleep(20 + Math.random() * 80);
        while (inFlight === 0 && !done) await sleep(1);
        if (done) break;
        await server.kill('SIGKILL');
        await server.start();
      }
    };
    const killing = killer();
    await Promise.all(customers.map(worker));
    done = true;
    await killing;

    assert.deepEqual(failures, [], 'every checkout ends in 200');
    assert.ok(server.starts > 1, 'the server was never killed');
    assert.ok(unanswered > 0, 'no request was in flight when the server was killed');
    t.diagnostic(`${allCarts.length} checkouts, ${server.starts - 1} kills, ${unanswered} attempts left unanswered and retried`);

    // Restart once more after a last kill, so that what is checked is what survived a crash.
    await server.kill('SIGKILL');
    await server.start();
    await admin.collection('_superusers').authWithPassword(ADMIN_EMAIL, ADMIN_PASSWORD);

    const orders = await admin.collection('orders').getFullList({ fields: 'id,cart,customer,status,total', batch: 500 });
    const byCart = new Map();
    for (const o of orders) byCart.set(o.cart, [...(byCart.get(o.cart) ?? []), o]);
    for (const { cart } of allCarts) {
      assert.equal(byCart.get(cart)?.length, 1, `cart ${cart} became ${byCart.get(cart)?.length ?? 0} orders`);
      assert.equal(byCart.get(cart)[0].id, acknowledged.get(cart), `cart ${cart}: the acknowledged order is the stored one`);
      assert.equal(byCart.get(cart)[0].status, 'placed');
    }
    assert.equal(orders.length, allCarts.length, 'no order without a cart');

    for (const { customer, cart, key } of allCarts) {
      const replay = await checkoutOnce(server.url, customer.token, cart, key);
      assert.equal(replay.status, 200, `replay of ${cart}: ${JSON.stringify(replay.body)}`);
      assert.equal(replay.body.id, acknowledged.get(cart), `replay of ${cart} answers the same order`);
    }

    assert.deepEqual(await admin.collection('carts').getFullList({ fields: 'id' }), [], 'no cart is left behind');
    assert.deepEqual(await admin.collection('cart_items').getFullList({ fields: 'id' }), [], 'no cart line is left behind');

    await server.kill('SIGKILL');
    assert.equal(await integrityCheck(path.join(dir, 'data.db')), 'ok');
  });
});
