// An administrator changes the managed-policy file while the browser runs: Chromium notices the
// change in /etc/chromium/policies/managed by itself (it watches the folder and reloads after a
// short settle time), and the extension applies the new policy without a restart — also in a
// compose window that was already open.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, writePolicy } from './lib/extension.mjs';
import { extensionUi } from './lib/shadow.mjs';

const NAME = 'zorgvuldig-e2e-live';
const BASE = { internalDomains: ['samenveilig.nl'], webmailHosts: ['127.0.0.1'], language: 'nl' };
const FIRST = { ...BASE, retiredDomains: [{ domain: 'bjzutrecht.nl', successor: 'samenveilig.nl' }] };
const SECOND = { ...BASE, retiredDomains: [{ domain: 'oudepartner.nl' }] };

let browser;

/** What the extension's service worker reads from managed storage, once it equals `expected`. */
async function managedBecomes(expected, seconds = 60) {
  for (let i = 0; i < seconds * 4; i++) {
    const managed = await browser.worker.evaluate(() => chrome.storage.managed.get(null));
    if (JSON.stringify(managed.retiredDomains) === JSON.stringify(expected.retiredDomains)) return managed;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the managed policy did not change to ${JSON.stringify(expected.retiredDomains)}`);
}

/** Types a recipient, presses Send, and says whether the warning blocked it (then goes back). */
async function blocked(page, to) {
  await page.fill('input[name=to]', to);
  await page.fill('input[name=subject]', 'Overleg');
  await page.fill('textarea[name=body]', 'Tot donderdag.');
  const before = await page.evaluate(() => window.sent.length);
  await page.click('button.send');
  let ui = null;
  for (let i = 0; i < 40 && !ui; i++) {
    await page.waitForTimeout(50);
    ui = await extensionUi(page, 'warning');
  }
  if (ui) await page.keyboard.press('Escape');
  const sentNow = (await page.evaluate(() => window.sent.length)) > before;
  return { blocked: ui?.action === 'block', sent: sentNow };
}

describe('a managed policy that changes while the browser runs', () => {
  before(async () => {
    browser = await launch({ policyName: NAME, policy: FIRST });
    await managedBecomes(FIRST);
  });
  after(async () => {
    await browser?.stop();
  });

  test('the new value applies without a restart, in a compose window already open', async () => {
    const { page, errors } = await open(browser, 'generic.html');
    assert.deepEqual(
      await blocked(page, 'j.bos@bjzutrecht.nl'),
      { blocked: true, sent: false },
      'the first policy blocks its retired domain',
    );

    writePolicy(NAME, SECOND);
    await managedBecomes(SECOND);
    await page.waitForTimeout(500); // the content script hears storage.onChanged and refetches the policy

    assert.deepEqual(await blocked(page, 'p.smit@oudepartner.nl'), { blocked: true, sent: false }, 'the new retired domain is blocked');
    assert.deepEqual(await blocked(page, 'j.bos@bjzutrecht.nl'), { blocked: false, sent: true }, 'the old one no longer is');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
