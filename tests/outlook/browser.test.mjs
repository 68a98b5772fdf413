// The add-in's handler script in Debian's headless Chromium: Outlook on the web and the new
// Outlook run it in a browser engine (the new Outlook in Edge WebView2, which is Chromium), on
// the page's main thread, where browsers limit what may be compiled synchronously. The
// script built as `make outlook` builds it, on a page served from 127.0.0.1 with the Office.js
// stand-in of the vm tests (browser.html); a fresh page for every send, as a new event runtime.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { buildOutlook } from '../../scripts/build-outlook.mjs';
import { serve } from '../../scripts/serve.mjs';
import { CHROMIUM_ARGS, executablePath } from '../e2e/lib/chromium.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { cases } = JSON.parse(readFileSync(join(root, 'tests', 'outlook', 'cases.json'), 'utf8'));
const out = join(root, 'target', 'outlook', 'browser-test');

let server;
let browser;
let base;

before(async () => {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const policyPath = join(out, 'policy.json');
  writeFileSync(policyPath, readFileSync(join(root, 'tests', 'policies', 'org.json')));
  await buildOutlook({ policyPath, baseUrl: 'https://addins.samenveilig.nl/zorgvuldig', out: join(out, 'outlook') });
  server = await serve({ root, port: 0 });
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({ executablePath, headless: true, args: ['--headless=new', ...CHROMIUM_ARGS] });
});

after(async () => {
  await browser?.close();
  await new Promise((done) => (server ? server.close(done) : done()));
  rmSync(out, { recursive: true, force: true });
});

const script = () => `/${relative(root, join(out, 'outlook', 'zorgvuldig-outlook.js'))}`;

for (const name of ['a colleague at the retired domain', 'a BSN and a diagnosis', 'a clean mail']) {
  const c = cases.find((x) => x.name.startsWith(name));
  test(`in Chromium: ${c.name}`, async () => {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${base}/tests/outlook/browser.html`);
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
    const told = await page.evaluate(([url, message]) => window.send(url, message), [script(), c.message]);
    await page.close();
    assert.deepEqual(errors, [], 'nothing went wrong in the page');
    assert.equal(told.allowEvent, c.expect.allowEvent, told.errorMessage);
    if (c.expect.allowEvent) return;
    assert.equal(told.sendModeOverride === 'promptUser', c.expect.sendAnyway);
    assert.equal(told.cancelLabel ?? null, c.expect.fix);
    for (const text of c.expect.says) assert.ok(told.errorMessage.includes(text), told.errorMessage);
  });
}
