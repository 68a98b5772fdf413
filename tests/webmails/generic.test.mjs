// The generic adapter on real webmails it was not written for (tests/webmails/webmails.mjs: Horde
// IMP and Roundcube's larry skin, from Debian's packages), each started on 127.0.0.1 with real IMAP
// (dovecot) and an SMTP server that stores what it receives, and the real extension in Chromium
// under a managed policy. A caseworker logs in and sends; the assertions are on what the SMTP server
// received and on what the user sees, and on the page check's report (which parts the generic
// adapter found, by which rule; docs/webmails.md). Needs root and the packages `.ci/run` installs;
// `make test-webmails` runs it.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { EXTENSION_ID, launch, screenshots } from '../e2e/lib/extension.mjs';
import { clickUi, extensionUi, waitForWarning } from '../e2e/lib/shadow.mjs';
import { parseMessage } from '../roundcube/mime.mjs';
import { WEBMAILS } from './webmails.mjs';
import { ORGANISATION } from '../e2e/lib/policies.mjs';

const POLICY = { ...ORGANISATION, language: 'nl' };

const CLEAN = {
  to: ['s.devries@samenveilig.nl'],
  subject: 'Overleg donderdag',
  body: 'Hoi Sanne,\nZullen we donderdag om tien uur overleggen?\nGroet, Marieke',
};
const RETIRED = {
  to: ['j.bos@bjzutrecht.nl'],
  subject: 'Dossier Daan',
  body: 'Hoi Jan,\nBSN van Daan: 123.456.782. De uithuisplaatsing van Daan is verlengd.\nGroet, Marieke',
};
const FREEMAIL = {
  to: ['ouders.daan@gmail.com'],
  subject: 'Daan',
  body: 'Beste ouders,\nBSN van Daan: 123.456.782. Daan heeft een suïcidepoging gedaan.\nGroet, Marieke',
};
const MOVED = { to: ['j.bos@bjzutrecht.nl'], subject: 'Overleg', body: 'Hoi Jan,\nTot donderdag.\nGroet, Marieke' };
/** After the last expected message, how long no further one may arrive (a second send). */
const QUIET_MS = 2500;
/** How long a send may take to reach the SMTP server (a bound that catches a hang). */
const DELIVERY_MS = 20000;

for (const webmail of WEBMAILS) {
  describe(`the generic adapter on ${webmail.name}`, () => {
    let stack;
    let browser;

    /** The messages the SMTP server received after the first `since`: waits for `count` of them,
     *  then QUIET_MS more to see that no other one follows. */
    async function received(since, count) {
      const deadline = Date.now() + DELIVERY_MS;
      while (stack.sink.messages().length < since + count && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 100));
      await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
      return stack.sink
        .messages()
        .slice(since)
        .map((m) => ({ ...m, ...parseMessage(m.data) }));
    }

    /** A new page with the webmail's compose window open; page errors the extension caused are kept. */
    async function compose() {
      const page = await browser.context.newPage();
      const errors = [];
      page.on('pageerror', (error) => errors.push(String(error.stack ?? error)));
      await webmail.openCompose(page, stack);
      return { page, errors: () => errors.filter((e) => /zorgvuldig|chrome-extension:/.test(e)) };
    }

    /** Waits until the indicator shows `state` (the check while typing has run). */
    async function indicator(page, state) {
      for (let i = 0; i < 200; i++) {
        const ui = await extensionUi(page, 'indicator');
        if (ui?.action === state) return ui;
        await page.waitForTimeout(50);
      }
      throw new Error(`the indicator never showed "${state}" (it shows ${JSON.stringify((await extensionUi(page, 'indicator'))?.action)})`);
    }

    before(async () => {
      stack = await webmail.start();
      try {
        browser = await launch({ policy: { ...POLICY, ...webmail.policy(stack) }, policyName: `zorgvuldig-e2e-${webmail.id}` });
        for (let i = 0; i < 100 && !(await browser.worker.evaluate(() => chrome.storage.managed.get(null))).internalDomains; i++) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        const page = await browser.context.newPage();
        await webmail.login(page, stack);
        await page.close();
      } catch (error) {
        await browser?.stop();
        await stack.stop();
        throw error;
      }
    });

    after(async () => {
      await browser?.stop();
      await stack?.stop();
    });

    test('BSN and an uithuisplaatsing to an address at a retired domain: blocked, the SMTP server receives nothing', async () => {
      const since = stack.sink.messages().length;
      const { page, errors } = await compose();
      await webmail.write(page, RETIRED);
      await page.click(webmail.sendButton);
      const ui = await waitForWarning(page);
      assert.equal(ui?.action, 'block');
      assert.match(ui.text, /j\.bos@bjzutrecht\.nl/);
      assert.ok(ui.rules.includes('retired-domain'), `rules: ${ui.rules}`);
      assert.ok(ui.rules.includes('external-unencrypted'), 'the body was read');
      await page.screenshot({ path: join(screenshots, `webmail-${webmail.id}-block-nl.png`) });
      await page.keyboard.press('Escape');
      assert.deepEqual(await received(since, 0), [], 'nothing reached the SMTP server');
      assert.deepEqual(errors(), []);
      await page.close();
    });

    test('sensitive content to a gmail.com address: warned, nothing sent while the user goes back', async () => {
      const since = stack.sink.messages().length;
      const { page } = await compose();
      await webmail.write(page, FREEMAIL);
      await page.click(webmail.sendButton);
      const ui = await waitForWarning(page);
      assert.equal(ui?.action, 'warn');
      assert.ok(ui.rules.includes('external-unencrypted'), `rules: ${ui.rules}`);
      assert.match(ui.text, /ouders\.daan@gmail\.com/);
      assert.doesNotMatch(ui.text, /123\.456\.782|123456782/, 'the BSN is masked');
      await clickUi(
        page,
        ui.buttons.find((b) => b.choice === 'back'),
      );
      assert.deepEqual(await received(since, 0), [], 'nothing reached the SMTP server');
      await page.close();
    });

    test('a clean mail to a colleague: protected, no dialog, delivered exactly once as typed', async () => {
      const since = stack.sink.messages().length;
      const { page, errors } = await compose();
      await webmail.write(page, CLEAN);
      await indicator(page, 'protected');
      await page.click(webmail.sendButton);
      await page.waitForTimeout(400);
      assert.equal(await extensionUi(page, 'warning'), null, 'no dialog');
      const messages = await received(since, 1);
      assert.equal(messages.length, 1, 'delivered exactly once');
      assert.deepEqual(messages[0].rcptTo, CLEAN.to);
      assert.equal(messages[0].mailFrom, stack.users[0].address);
      assert.equal(messages[0].subject, CLEAN.subject);
      assert.equal(messages[0].text.trim().replace(/\s+/g, ' '), CLEAN.body.replace(/\s+/g, ' '));
      assert.deepEqual(errors(), []);
      await page.close();
    });

    test("the warning's fix puts the successor address in the recipient field; then sent once to it", async () => {
      const since = stack.sink.messages().length;
      const { page } = await compose();
      await webmail.write(page, MOVED);
      await page.click(webmail.sendButton);
      const ui = await waitForWarning(page);
      const fix = ui?.buttons.find((b) => b.fix === 'replace-recipient');
      assert.ok(fix, 'the warning offers the successor address');
      await clickUi(page, fix);
      await page.waitForTimeout(400);
      assert.match(await webmail.to(page), /^\s*j\.bos@samenveilig\.nl[\s,;]*$/);
      const done = await extensionUi(page, 'warning');
      assert.equal(done.action, 'allow', 'after the fix the dialog says all is fixed');
      assert.deepEqual(await received(since, 0), [], 'a fix never sends by itself');
      await clickUi(
        page,
        done.buttons.find((b) => b.choice === 'send'),
      );
      const messages = await received(since, 1);
      assert.equal(messages.length, 1, 'delivered exactly once');
      assert.deepEqual(messages[0].rcptTo, ['j.bos@samenveilig.nl']);
      assert.equal(messages[0].subject, MOVED.subject);
      await page.close();
    });

    test('the page check: the generic adapter finds the compose window, its recipients, subject, body and Send', async (t) => {
      const { page } = await compose();
      await webmail.write(page, {
        to: ['s.devries@samenveilig.nl', 'Jan Bos <j.bos@samenveilig.nl>'],
        subject: 'Geheim onderwerp',
        body: 'Vertrouwelijke tekst',
      });
      await indicator(page, 'protected');
      const options = await browser.context.newPage();
      await options.goto(`chrome-extension://${EXTENSION_ID}/options.html#diagnosis`);
      await options.waitForSelector('body[data-ready=true]');
      await options.click('#diagnose');
      await options.waitForSelector('.diagnosis-page', { timeout: 10000 });
      const { diagnosis } = await options.evaluate(() => chrome.storage.local.get('diagnosis'));
      const report = diagnosis.reports.find((r) => r.host === new URL(stack.url).host);
      t.diagnostic(JSON.stringify(report));
      assert.equal(report.adapter, 'generic');
      assert.equal(report.compose.count, 1, 'one compose window');
      const [window] = report.windows;
      assert.deepEqual(window.missing, []);
      for (const part of ['to', 'subject', 'body', 'send']) {
        assert.ok(window.parts.find((p) => p.part === part)?.count >= 1, `${part} found: ${JSON.stringify(window.parts)}`);
      }
      // One entry per field value or chip; the two addresses share the To field.
      assert.ok(
        window.recipients.length >= 1 && window.recipients.every((r) => r.field === 'to' && r.address),
        JSON.stringify(window.recipients),
      );
      assert.doesNotMatch(JSON.stringify(diagnosis), /s\.devries|j\.bos|Geheim|Vertrouwelijk/, 'nothing of the message in the report');
      await options.locator('#diagnosis').screenshot({ path: join(screenshots, `webmail-${webmail.id}-page-check-nl.png`) });
      await options.close();
      await page.close();
    });

    test('the extension made no network request outside the webmail', () => {
      const outside = browser.requests.filter(
        (url) => !url.startsWith(stack.url) && !url.startsWith(browser.base) && !url.startsWith('chrome-extension://'),
      );
      assert.deepEqual(outside, []);
    });
  });
}
