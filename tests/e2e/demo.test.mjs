// End-to-end tests of the demo page (www/) in Debian's headless Chromium, driven by
// playwright-core. Needs the Wasm package in www/pkg (`make wasm`); run with `make test-e2e` or
// `node --test tests/e2e/`. Screenshots go to tests/e2e/screenshots/ (git-ignored).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { CHROMIUM_ARGS as ARGS, executablePath } from './lib/chromium.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const www = join(root, 'www');
const shots = join(here, 'screenshots');

let server;
let browser;
let base;
const requests = [];

/** A fresh page on the demo, with every request recorded and page errors failing the test. */
async function openDemo(t, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const errors = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => errors.push(error));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(new Error(message.text()));
  });
  t.after(async () => {
    await context.close();
    assert.deepEqual(errors.map(String), [], 'no errors on the page');
  });
  await page.goto(base);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
  return page;
}

async function shot(page, name) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

describe('demo page', () => {
  before(async () => {
    assert.ok(existsSync(join(www, 'pkg', 'zorgvuldig_bg.wasm')), 'www/pkg is built (make wasm)');
    assert.ok(existsSync(executablePath), `Chromium at ${executablePath}`);
    mkdirSync(shots, { recursive: true });
    server = await serve({ root: www, port: 0 });
    base = `http://127.0.0.1:${server.address().port}/`;
    browser = await chromium.launch({ executablePath, headless: true, args: ARGS });
  });

  after(async () => {
    await browser?.close();
    await new Promise((done) => (server ? server.close(done) : done()));
  });

  test('the server sends .wasm as application/wasm', async () => {
    const response = await fetch(`${base}pkg/zorgvuldig_bg.wasm`, { method: 'HEAD' });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/wasm');
    assert.equal((await fetch(`${base}../Cargo.toml`)).status, 404);
  });

  test('the 2019 case: case file to the retired domain is blocked, with the successor as fix', async (t) => {
    const page = await openDemo(t);
    await page.getByRole('button', { name: 'Dossier naar het oude domein (2019)' }).click();
    const action = page.locator('#action');
    await assert.doesNotReject(action.locator('.action-label', { hasText: 'Niet verzenden' }).waitFor());
    assert.match(await action.getAttribute('class'), /action-block/);
    const first = page.locator('#findings li').first();
    assert.match(await first.locator('.rule').innerText(), /retired-domain/);
    const message = await first.locator('.message').innerText();
    assert.match(message, /bjzutrecht\.nl/);
    assert.match(message, /niet meer van de organisatie/);
    const fix = first.getByRole('button', { name: /m\.deboer@samenveilig\.nl/ });
    assert.equal(await fix.innerText(), 'Vervang door m.deboer@samenveilig.nl');
    // Sensitive content to the outside is reported too.
    assert.ok((await page.locator('#findings .rule', { hasText: 'external-unencrypted' }).count()) >= 1);
    await shot(page, '01-case-2019-blocked');

    // Applying the fix puts the colleague at the successor domain, and the block goes.
    await fix.click();
    assert.equal(await page.locator('#to').inputValue(), 'Marieke de Boer <m.deboer@samenveilig.nl>');
    await page.locator('#action:not(.action-block)').waitFor();
    assert.match(await page.locator('#action').getAttribute('class'), /action-allow/);
    await shot(page, '02-case-2019-fixed');
  });

  test('a clean internal mail shows "Geen problemen"', async (t) => {
    const page = await openDemo(t);
    await page.getByRole('button', { name: 'Gewone interne mail' }).click();
    await page.locator('#action.action-allow').waitFor();
    assert.match(await page.locator('#action').innerText(), /Geen problemen/);
    assert.ok(await page.locator('#no-findings').isVisible());
    assert.equal(await page.locator('#findings li').count(), 0);
    await shot(page, '03-clean-internal');
  });

  test('BSN and diagnosis to an outside partner: warning with the encryption marker as fix', async (t) => {
    const page = await openDemo(t);
    await page.getByRole('button', { name: 'BSN en diagnose naar een externe partner' }).click();
    await page.locator('#action.action-warn').waitFor();
    const warn = page.locator('#findings li', { has: page.locator('.rule', { hasText: 'external-unencrypted' }) });
    await warn.getByRole('button', { name: /\[versleuteld\]/ }).click();
    assert.match(await page.locator('#subject').inputValue(), /^\[versleuteld\] /);
    await page.locator('#action.action-allow').waitFor();
    // The page shows where the BSN is, and the message masks it.
    const bsn = page.locator('#findings li', { has: page.locator('.rule', { hasText: /^bsn$/ }) });
    assert.equal(await bsn.locator('mark').innerText(), '111222333');
    assert.doesNotMatch(await bsn.locator('.message').innerText(), /111222333/);
    await shot(page, '04-external-encrypted');
  });

  test('analysis runs while typing, without pressing the button', async (t) => {
    const page = await openDemo(t);
    await page.locator('#to').pressSequentially('jan@bjzutrecht.nl', { delay: 10 });
    await page.locator('#action.action-block').waitFor({ timeout: 5000 });
    await page.locator('#to').fill('jan@samenveilig.nl');
    await page.locator('#action.action-allow').waitFor({ timeout: 5000 });
  });

  test('a policy with a bad key shows the policy error', async (t) => {
    const page = await openDemo(t);
    await page.locator('#policy-box summary').click();
    await page.locator('#policy').fill(
      JSON.stringify({ internalDomains: ['samenveilig.nl'], retiredDomians: [{ domain: 'bjzutrecht.nl' }] }, null, 2),
    );
    await page.getByRole('button', { name: 'Controleer' }).click();
    const box = page.locator('#policy-errors');
    await box.waitFor({ state: 'visible' });
    assert.match(await box.innerText(), /retiredDomians/);
    assert.match(await box.innerText(), /Fouten in het beleid/);
    await shot(page, '05-policy-error');
  });

  test('the English toggle switches the texts and the messages', async (t) => {
    const page = await openDemo(t);
    await page.getByRole('button', { name: 'English' }).click();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.equal(await page.locator('#compose-h').innerText(), 'Message');
    assert.equal(await page.locator('#check').innerText(), 'Check');
    await page.getByRole('button', { name: 'Case file to the old domain (2019)' }).click();
    await page.locator('#action .action-label', { hasText: 'Do not send' }).waitFor();
    const fix = page.locator('#findings li').first().locator('.fix-button');
    assert.equal(await fix.innerText(), 'Replace with m.deboer@samenveilig.nl');
    await shot(page, '06-english');
    await page.getByRole('button', { name: 'Nederlands' }).click();
    assert.equal(await page.locator('#check').innerText(), 'Controleer');
    await page.locator('#action .action-label', { hasText: 'Niet verzenden' }).waitFor();
  });

  test('readable at 200% zoom (narrow viewport, scale 2)', async (t) => {
    const page = await openDemo(t, { viewport: { width: 640, height: 900 }, deviceScaleFactor: 2 });
    await page.getByRole('button', { name: 'Dossier naar het oude domein (2019)' }).click();
    await page.locator('#action.action-block').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling (overflow ${overflow}px)`);
    await shot(page, '07-zoom-200');
  });

  test('the page made no request to any other host', () => {
    assert.ok(requests.length > 0);
    const foreign = requests.filter((url) => {
      const { protocol, hostname } = new URL(url);
      return !(protocol === 'data:' || protocol === 'blob:' || hostname === '127.0.0.1');
    });
    assert.deepEqual(foreign, []);
  });
});
