// Shared harness for the extension's browser tests: Debian's Chromium (headless) with the real
// unpacked extension from dist/chrome, a real managed-policy file where an administrator puts
// it, and the fixture webmail pages served on 127.0.0.1.

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { serve } from '../../../scripts/serve.mjs';
import { CHROMIUM_ARGS, executablePath, POLICY_DIR } from './chromium.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const root = join(here, '..', '..', '..');
/** The build under test: dist/chrome, or another (`ZORGVULDIG_EXTENSION=dir`, e.g. an older build to
 *  see a test fail against it). */
export const extensionDir = process.env.ZORGVULDIG_EXTENSION ?? join(root, 'dist', 'chrome');
export const screenshots = join(here, '..', 'screenshots');
/** The fixed extension id, from the public key in web/extension/manifest.json. */
export const EXTENSION_ID = 'pmlnokpddnepmhgjgpiebfikiogoncfm';

/** Writes the organisation's policy for the extension where Chromium reads managed policy.
 *  Chromium merges every file in that folder, and the test files run one at a time, so a test
 *  policy left by an interrupted run (`zorgvuldig-e2e*.json`) is removed first. */
export function writePolicy(name, policy) {
  mkdirSync(POLICY_DIR, { recursive: true });
  for (const leftover of readdirSync(POLICY_DIR).filter((f) => f.startsWith('zorgvuldig-e2e') && f.endsWith('.json'))) {
    rmSync(join(POLICY_DIR, leftover), { force: true });
  }
  const file = join(POLICY_DIR, `${name}.json`);
  writeFileSync(file, JSON.stringify({ '3rdparty': { extensions: { [EXTENSION_ID]: policy } } }, null, 2));
  return file;
}

const LOCK = join(tmpdir(), 'zorgvuldig-chromium-policy.lock');

/** Chromium reads managed policy from one folder for the whole machine, so browsers started by
 *  test runs from two checkouts at once would see each other's policies. A lock file (holding the
 *  pid of its owner) makes them take turns; one left by a process that has gone is taken over. */
export async function lockPolicyFolder() {
  for (;;) {
    try {
      writeFileSync(LOCK, String(process.pid), { flag: 'wx' });
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    let owner = 0;
    try {
      owner = Number(readFileSync(LOCK, 'utf8'));
      if (owner === process.pid) return; // ours, from a launch that failed
      if (owner) process.kill(owner, 0);
    } catch (error) {
      if (error.code === 'ESRCH' || !owner) rmSync(LOCK, { force: true }); // the owner has gone
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export const unlockPolicyFolder = () => rmSync(LOCK, { force: true });

/** For the tests of the enclosing `describe`: before them, Chromium with the extension as `launch`
 *  starts it (handed to `started`) and `arrived` waits until the extension sees the policy;
 *  after them, the browser stops. */
export function launchForTests(options, started, arrived = managedPolicyIs) {
  let browser;
  before(async () => {
    browser = await launch(options);
    started(browser);
    await arrived(browser, options.policy);
  });
  after(async () => {
    await browser?.stop();
  });
}

/** Starts the fixture server and Chromium with the extension; returns helpers and a stop().
 *  `extension` loads another build than dist/chrome (a broken copy, for the failure tests);
 *  `viewport` and `deviceScaleFactor` emulate another screen (200% zoom: 640×450 at 2). */
export async function launch({
  policyName = 'zorgvuldig-e2e',
  policy,
  extension = extensionDir,
  viewport = { width: 1280, height: 900 },
  deviceScaleFactor,
} = {}) {
  await lockPolicyFolder();
  const policyFile = policy ? writePolicy(policyName, policy) : null;
  const server = await serve({ root: join(here, '..', 'fixtures'), port: 0 });
  const base = `http://127.0.0.1:${server.address().port}`;
  const profile = mkdtempSync(join(tmpdir(), 'zorgvuldig-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: false,
    viewport,
    ...(deviceScaleFactor ? { deviceScaleFactor } : {}),
    args: ['--headless=new', ...CHROMIUM_ARGS, `--disable-extensions-except=${extension}`, `--load-extension=${extension}`],
  });
  const requests = [];
  context.on('request', (request) => requests.push(request.url()));
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  mkdirSync(screenshots, { recursive: true });
  return {
    base,
    context,
    worker,
    requests,
    async stop() {
      await context.close();
      await new Promise((resolve) => server.close(resolve));
      rmSync(profile, { recursive: true, force: true });
      if (policyFile) rmSync(policyFile, { force: true });
      unlockPolicyFolder();
    },
  };
}

/** Opens a fixture page and waits until the extension's policy has reached the page. */
export async function open(browser, path) {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(`${browser.base}/${path}`);
  return { page, errors };
}

/** A live handle on the extension's service worker (a stopped worker comes back as a new one). */
export async function liveWorker(browser) {
  const [existing] = browser.context.serviceWorkers().slice(-1);
  if (existing) {
    try {
      await existing.evaluate(() => 1);
      return existing;
    } catch {
      // stopped: wait for the next one
    }
  }
  return browser.context.waitForEvent('serviceworker');
}

/** Stops every service worker of the page's profile through the DevTools protocol, as Chromium
 *  does to an idle worker (or under memory pressure). */
export async function stopServiceWorkers(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
  } finally {
    await cdp.detach();
  }
}

/** Waits until the managed policy the extension reads equals `expected` (Chromium reads a new or
 *  changed policy file a moment after it is written). */
export async function managedPolicyIs(browser, expected, seconds = 60) {
  let managed = {};
  for (let i = 0; i < seconds * 10; i++) {
    const worker = await liveWorker(browser);
    managed = await worker.evaluate(() => chrome.storage.managed.get(null)).catch(() => ({}));
    if (isDeepStrictEqual(managed, expected)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the extension did not see the policy ${JSON.stringify(expected)}; it sees ${JSON.stringify(managed)}`);
}
