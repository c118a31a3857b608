// Browser helpers for the web app's end-to-end tests: headless Chromium
// (Debian's `chromium`, driven by playwright-core) against a real dishpatch
// process, plus screenshots of each screen at phone and desktop width.

import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';

import { chromium } from 'playwright-core';

import { startServer } from './server.js';

const e2eDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The browser: $CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Screenshots go here as <screen>-<phone|desktop>.png (git-ignored). */
export const screenshotDir = path.join(e2eDir, 'test-output', 'screenshots');

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

/**
 * Flags that keep Chromium off the network: the test machine reaches only
 * loopback. Playwright's launch() already gives every run a fresh, temporary
 * --user-data-dir (and refuses one passed in args).
 */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--metrics-recording-only',
  '--no-default-browser-check',
  '--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication',
];

export async function launchBrowser() {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium not found at ${chromiumPath}: install it (apt-get install chromium) or set CHROMIUM_PATH`,
    );
  }
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
}

/**
 * newPage opens a fresh browser context (its own cookies and storage: one
 * person) at phone size, in English with Berlin time, and collects the
 * page's uncaught errors in page.errors.
 */
export async function newPage(browser, { geolocation, ...options } = {}) {
  const context = await browser.newContext({
    viewport: PHONE,
    locale: 'en-US',
    timezoneId: 'Europe/Berlin',
    ...(geolocation ? { geolocation, permissions: ['geolocation'] } : {}),
    ...options,
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (err) => page.errors.push(err.message));
  return page;
}

/**
 * snap writes <name>-phone.png and <name>-desktop.png of what page shows
 * now, after checking the screen's basic accessibility (see checkA11y).
 */
export async function snap(page, name) {
  await checkA11y(page, name);
  mkdirSync(screenshotDir, { recursive: true });
  const before = page.viewportSize();
  for (const [size, tag] of [[PHONE, 'phone'], [DESKTOP, 'desktop']]) {
    await page.setViewportSize(size);
    await page.waitForTimeout(250); // let layout and transitions settle
    await page.screenshot({ path: path.join(screenshotDir, `${name}-${tag}.png`) });
  }
  await page.setViewportSize(before);
}

/** signIn signs in through the app's sign-in screen. */
export async function signIn(page, url, email, password) {
  await page.goto(`${url}/#/login`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/**
 * text waits until locator's text matches want (a RegExp or a substring)
 * and returns it; the failure names what was seen last.
 */
export async function text(locator, want, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  let last = '(nothing)';
  for (;;) {
    try {
      last = (await locator.first().textContent({ timeout: 1_000 })) ?? '';
      if (want instanceof RegExp ? want.test(last) : last.includes(want)) return last;
    } catch {
      // not there yet
    }
    if (Date.now() > deadline) {
      assert.fail(`waited ${timeout} ms for ${locator} to read ${want}; it read ${JSON.stringify(last)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** cents reads the data-cents attribute of the element as a number. */
export async function cents(locator) {
  return Number(await locator.getAttribute('data-cents'));
}

/** money formats minor units the way the app does, in the page's own locale. */
export function money(page, minor, currency) {
  return page.evaluate(([m, c]) => {
    const f = new Intl.NumberFormat(navigator.languages[0], { style: 'currency', currency: c });
    return f.format(m / 10 ** f.resolvedOptions().maximumFractionDigits);
  }, [minor, currency]);
}

/**
 * checkA11y fails when the screen has a visible form control without a
 * label, a button or link without a name, an image without alt text, or
 * not exactly one h1.
 */
export async function checkA11y(page, screen) {
  const problems = await page.evaluate(() => {
    const out = [];
    const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    const named = (el) => Boolean(el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || el.textContent.trim());
    for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
      const labelled = el.labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
      if (!labelled && (visible(el) || el.type === 'radio' || el.type === 'checkbox')) out.push(`unlabelled ${el.outerHTML.slice(0, 80)}`);
    }
    for (const el of document.querySelectorAll('button, a[href]')) {
      if (visible(el) && !named(el)) out.push(`nameless ${el.outerHTML.slice(0, 80)}`);
    }
    for (const el of document.querySelectorAll('img:not([alt])')) out.push(`no alt ${el.outerHTML.slice(0, 80)}`);
    const h1s = document.querySelectorAll('main h1').length;
    if (h1s !== 1) out.push(`${h1s} h1 elements in main`);
    return out;
  });
  assert.deepEqual(problems, [], `accessibility problems on the ${screen} screen`);
}

/**
 * demoBrowser sets up, for the describe() it is called in, a dishpatch
 * with the demo data and a headless Chromium, and tears both down after,
 * asserting that no page it opened had an uncaught error. Returns
 * {server, browser, open(options)}; server and browser are set once the
 * suite's before() hook has run.
 */
export function demoBrowser() {
  const pages = [];
  const suite = {
    server: null,
    browser: null,
    async open(options) {
      const page = await newPage(suite.browser, options);
      pages.push(page);
      return page;
    },
  };
  before(async () => {
    suite.server = await startServer({ demo: true });
    suite.browser = await launchBrowser();
  });
  after(async () => {
    for (const page of pages) assert.deepEqual(page.errors, [], 'no uncaught errors in the page');
    await suite.browser?.close();
    await suite.server?.stop();
  });
  return suite;
}
