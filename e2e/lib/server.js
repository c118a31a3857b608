// The e2e harness: runs the real dishpatch binary on a free loopback port
// with a throw-away data directory, and hands out PocketBase SDK clients.
//
// It builds nothing: run.sh (or you) builds the binary first. The binary is
// taken from $DISHPATCH_BIN, else ../dishpatch next to this e2e/ folder.

import { spawn, execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { EventSource } from 'eventsource';
import PocketBase from 'pocketbase';

// The SDK's realtime client uses the global EventSource, which Node 20 lacks.
if (typeof globalThis.EventSource === 'undefined') {
  globalThis.EventSource = EventSource;
}

const execFileP = promisify(execFile);
const e2eDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The binary under test: $DISHPATCH_BIN, or the repo root's ./dishpatch. */
export const binPath = path.resolve(e2eDir, process.env.DISHPATCH_BIN || '../dishpatch');

export const ADMIN_EMAIL = 'admin@dishpatch.test';
export const ADMIN_PASSWORD = 'admin-password-123';

const HEALTH_TIMEOUT_MS = 20_000;
const STOP_GRACE_MS = 5_000;
const LOG_LIMIT = 64 << 10; // keep the last 64 KiB of the server's output

/**
 * Servers not stopped yet ({child, dataDir}): if the test process exits or
 * is interrupted without stop(), their processes are killed and their data
 * dirs removed, so no server outlives its tests.
 */
const running = new Set();
function killAll() {
  for (const { child, dataDir } of running) {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
  running.clear();
}
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    killAll();
    process.kill(process.pid, signal);
  });
}

/**
 * Starts dishpatch and returns {url, dataDir, admin, newClient, stop, logs}.
 *
 * @param {object} [opts]
 * @param {boolean} [opts.demo] seed the data dir with `dishpatch demo` first
 * @param {Record<string,string>} [opts.env] extra environment for the server
 */
export async function startServer(opts = {}) {
  if (!existsSync(binPath)) {
    throw new Error(
      `dishpatch binary not found at ${binPath}: build it with \`go build -o dishpatch .\` ` +
        'at the repo root, or set DISHPATCH_BIN',
    );
  }
  const env = { ...process.env, ...opts.env };
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'dishpatch-e2e-'));
  let child;
  try {
    await runCommand(['superuser', 'upsert', ADMIN_EMAIL, ADMIN_PASSWORD, '--dir', dataDir], env);
    if (opts.demo) {
      await runDemo(dataDir, env);
    }

    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    child = spawn(binPath, ['serve', '--http', `127.0.0.1:${port}`, '--dir', dataDir], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const entry = { child, dataDir };
    running.add(entry);
    const logs = captureOutput(child);
    const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

    await waitForHealth(url, exited, logs);

    const clients = [];
    const newClient = () => {
      const pb = new PocketBase(url);
      // Tests fire concurrent requests on purpose; the SDK would otherwise
      // cancel a pending request when an identical one starts.
      pb.autoCancellation(false);
      clients.push(pb);
      return pb;
    };
    const admin = newClient();
    await admin.collection('_superusers').authWithPassword(ADMIN_EMAIL, ADMIN_PASSWORD);

    let stopped = false;
    const stop = async () => {
      if (stopped) return;
      stopped = true;
      for (const pb of clients) {
        // Drops the realtime connection, if any, so no EventSource keeps
        // reconnecting to a server that is going away.
        await pb.realtime.unsubscribe().catch(() => {});
      }
      await killGracefully(child, exited);
      running.delete(entry);
      await fs.rm(dataDir, { recursive: true, force: true });
    };

    return { url, dataDir, admin, newClient, stop, logs: () => logs.text() };
  } catch (err) {
    if (child) {
      child.kill('SIGKILL');
      running.forEach((e) => e.child === child && running.delete(e));
    }
    await fs.rm(dataDir, { recursive: true, force: true });
    throw err;
  }
}

async function runCommand(args, env) {
  try {
    return await execFileP(binPath, args, { env, timeout: 60_000, maxBuffer: 16 << 20 });
  } catch (err) {
    throw new Error(
      `\`dishpatch ${args.join(' ')}\` failed (${err.code ?? err.signal}):\n${err.stderr || ''}${err.stdout || ''}`,
    );
  }
}

async function runDemo(dataDir, env) {
  try {
    await execFileP(binPath, ['demo', '--help'], { env, timeout: 30_000 });
  } catch (err) {
    throw new Error(
      'startServer({demo: true}) needs the `dishpatch demo` command, but `dishpatch demo --help` failed ' +
        `(${err.code ?? err.signal}): is it registered in this build?\n${err.stderr || ''}`,
    );
  }
  await runCommand(['demo', '--dir', dataDir], env);
}

/** A TCP port that was free on 127.0.0.1 a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function captureOutput(child) {
  let text = '';
  const append = (chunk) => {
    text += chunk.toString();
    if (text.length > LOG_LIMIT) text = text.slice(-LOG_LIMIT);
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  return { text: () => text };
}

async function waitForHealth(url, exited, logs) {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  let exit = null;
  exited.then((e) => (exit = e));
  let lastError = '';
  while (Date.now() < deadline) {
    if (exit) {
      throw new Error(
        `dishpatch serve exited (code ${exit.code}, signal ${exit.signal}) before becoming healthy:\n${logs.text()}`,
      );
    }
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return;
      lastError = `GET /api/health: ${res.status} ${await res.text()}`;
    } catch (err) {
      lastError = `GET /api/health: ${err.cause?.code || err.message}`;
    }
    await sleep(100);
  }
  throw new Error(
    `dishpatch serve at ${url} was not healthy within ${HEALTH_TIMEOUT_MS / 1000} s (${lastError}). Output:\n${logs.text()}`,
  );
}

async function killGracefully(child, exited) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A short random suffix for unique names and e-mails. */
export function uid() {
  return randomBytes(5).toString('hex');
}

/**
 * Polls predicate until it returns a truthy value (which is returned) or
 * timeoutMs passes (which throws, naming what was awaited).
 */
export async function waitFor(predicate, timeoutMs = 5_000, { interval = 50, label = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    try {
      const value = await predicate();
      if (value) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      const why = lastError ? `; last error: ${lastError.message}` : '';
      throw new Error(`waitFor: ${label} not met within ${timeoutMs} ms${why}`);
    }
    await sleep(interval);
  }
}

/** Resolves like promise, or rejects after ms with a message naming label. */
export function withTimeout(promise, ms, label = 'operation') {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Signs up a `users` record with pb and logs pb in as that user. Returns the
 * auth record; email and password default to fresh random values.
 */
export async function signUp(pb, { email, password = 'customer-password-123', name = 'Test Customer', ...rest } = {}) {
  email ??= `customer-${uid()}@dishpatch.test`;
  await pb.collection('users').create({ email, password, passwordConfirm: password, name, ...rest });
  const auth = await pb.collection('users').authWithPassword(email, password);
  return auth.record;
}

/** Creates an active, always-open pizza restaurant in central Berlin. */
export function makeRestaurant(admin, overrides = {}) {
  return admin.collection('restaurants').create({
    name: `Test Pizzeria ${uid()}`,
    description: 'Wood-fired pizza.',
    address: 'Alexanderplatz 1, 10178 Berlin',
    location: { lon: 13.4132, lat: 52.5219 },
    delivery_radius_km: 5,
    delivery_fee_base: 199,
    delivery_fee_per_km: 50,
    min_order: 1000,
    small_order_fee: 150,
    service_fee_bps: 500,
    service_fee_max: 300,
    tax_rate_bps: 700,
    prices_include_tax: true,
    currency: 'EUR',
    prep_minutes: 15,
    is_active: true,
    cuisines: ['pizza'],
    opening_hours: {},
    ...overrides,
  });
}

/** Creates an available menu item of restaurantId. */
export function makeMenuItem(admin, restaurantId, overrides = {}) {
  return admin.collection('menu_items').create({
    restaurant: restaurantId,
    name: `Margherita ${uid()}`,
    description: 'Tomato, mozzarella, basil.',
    category: 'Pizza',
    price: 850,
    is_available: true,
    sort_order: 0,
    option_groups: [],
    ...overrides,
  });
}
