// The real extension on a real Roundcube (Debian's roundcube 1.6, elastic skin, in Dutch) with a
// real IMAP server (dovecot) and an SMTP server that stores what it receives
// (tests/roundcube/stack.mjs), all on 127.0.0.1. A caseworker logs in and sends; the assertions
// are on what the SMTP server received (envelope recipients, subject, body), counted, and on what
// the user sees. Needs root and the packages `.ci/run` installs; `make test-roundcube` runs it.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_ID, root, screenshots } from '../e2e/lib/extension.mjs';
import { clickUi, extensionUi, waitForWarning } from '../e2e/lib/shadow.mjs';
import { parseMessage } from './mime.mjs';
import { composeFields, openCompose, sendButton, startSession, write } from './roundcube.mjs';
import { WEBMAIL_POLICY as POLICY } from '../e2e/lib/policies.mjs';

const COLLEAGUE = 's.devries@samenveilig.nl';
const CLEAN = {
  to: [COLLEAGUE],
  subject: 'Overleg donderdag',
  body: 'Hoi Sanne,\nZullen we donderdag om tien uur overleggen?\nGroet, Marieke',
};
const RETIRED = {
  to: ['j.bos@bjzutrecht.nl'],
  subject: 'Dossier Daan',
  body: 'Hoi Jan,\nBSN van Daan: 123.456.782. Diagnose: PTSS na een suïcidepoging.\nGroet, Marieke',
};
const SENSITIVE = {
  to: ['info@jeugdhulpzeist.nl'],
  subject: 'Aanmelding',
  body: 'Aanmelding voor Daan, BSN 123.456.782. Hij heeft een suïcidepoging gedaan.',
};
const JUSTIFICATION = 'Spoedaanmelding, telefonisch afgestemd met de ontvanger';
/** After the last expected message, how long no further one may arrive (a second send). */
const QUIET_MS = 2500;
/** How long a send may take to reach the SMTP server (a bound that catches a hang). */
const DELIVERY_MS = 20000;

let session;
let stack;
let browser;

/** Waits until the extension's indicator shows `state` (the check while typing has run). */
async function indicator(page, state) {
  for (let i = 0; i < 200; i++) {
    const ui = await extensionUi(page, 'indicator');
    if (ui?.action === state) return ui;
    await page.waitForTimeout(50);
  }
  throw new Error(`the indicator never showed "${state}"`);
}

/** The messages the SMTP server received after the first `since`: waits for `count` of them,
 *  then QUIET_MS more to see that no other one follows. */
async function received(since, count) {
  const deadline = Date.now() + DELIVERY_MS;
  while (stack.sink.messages().length < since + count && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
  return stack.sink
    .messages()
    .slice(since)
    .map((m) => ({ ...m, ...parseMessage(m.data) }));
}

const audit = async () => (await browser.worker.evaluate(() => chrome.storage.local.get('audit'))).audit ?? [];

before(async () => {
  session = await startSession({ policy: POLICY, policyName: 'zorgvuldig-e2e-roundcube' });
  ({ stack, browser } = session);
});

after(async () => {
  await session?.stop();
});

for (const editor of ['plain', 'html']) {
  const html = editor === 'html';
  describe(`Roundcube, ${editor} editor`, () => {
    test('BSN and a diagnosis to an address at a retired domain: blocked, the SMTP server receives nothing', async () => {
      const since = stack.sink.messages().length;
      const { page, errors } = await openCompose(session, { html });
      await write(page, RETIRED);
      await page.click(sendButton);
      const ui = await waitForWarning(page);
      assert.ok(ui, 'the warning appears');
      assert.equal(ui.action, 'block');
      assert.match(ui.text, /j\.bos@bjzutrecht\.nl/);
      assert.ok(ui.rules.includes('retired-domain'), 'the retired domain is named');
      assert.ok(ui.rules.includes('external-unencrypted'), `the body was read from the ${editor} editor`);
      assert.match(ui.text, /••••••782/, 'the BSN is named, masked');
      assert.doesNotMatch(ui.text, /123\.456\.782|123456782/, 'the BSN is masked in the warning');
      assert.ok(!ui.buttons.some((b) => b.choice === 'override'), 'a block cannot be sent anyway');
      await page.screenshot({ path: join(screenshots, `roundcube-real-${editor}-block-nl.png`) });
      await page.keyboard.press('Escape');
      assert.deepEqual(await received(since, 0), [], 'nothing reached the SMTP server');
      assert.match(page.url(), /_action=compose/, 'the compose window is still open');
      assert.deepEqual(errors, []);
      await page.close();
    });

    test('a clean mail to a colleague: no dialog, delivered exactly once as typed', async () => {
      const since = stack.sink.messages().length;
      const { page, errors } = await openCompose(session, { html });
      await write(page, CLEAN);
      const { box } = await indicator(page, 'protected');
      for (const control of ['#taskmenu a.logout', sendButton]) {
        const other = await page.locator(control).boundingBox();
        const overlaps =
          box.x < other.x + other.width && other.x < box.x + box.width && box.y < other.y + other.height && other.y < box.y + box.height;
        assert.ok(!overlaps, `the indicator (${JSON.stringify(box)}) leaves ${control} free (${JSON.stringify(other)})`);
      }
      await page.click(sendButton);
      await page.waitForTimeout(400);
      assert.equal(await extensionUi(page, 'warning'), null, 'no dialog');
      const messages = await received(since, 1);
      assert.equal(messages.length, 1, 'delivered exactly once');
      const [message] = messages;
      assert.deepEqual(message.rcptTo, [COLLEAGUE]);
      assert.equal(message.mailFrom, stack.users[0].address);
      assert.equal(message.subject, CLEAN.subject);
      assert.equal(message.text.trim().replace(/\s+/g, ' '), CLEAN.body.replace(/\s+/g, ' '));
      if (html) assert.match(message.html ?? '', /Zullen we donderdag om tien uur overleggen\?/, 'sent as HTML too');
      assert.deepEqual(errors, []);
      await page.close();
    });
  });
}

describe("Roundcube: the warning's choices", () => {
  test('sensitive content to an external address, sent anyway with a justification: delivered once and logged', async () => {
    const since = stack.sink.messages().length;
    const { page } = await openCompose(session);
    await write(page, SENSITIVE);
    await page.click(sendButton);
    const ui = await waitForWarning(page);
    assert.equal(ui?.action, 'warn');
    assert.match(ui.text, /onversleuteld/);
    assert.ok(ui.buttons.find((b) => b.choice === 'override')?.disabled, 'no send without a reason');
    await page.screenshot({ path: join(screenshots, 'roundcube-real-warn-nl.png') });
    // Focus starts on "Terug naar bericht"; Shift+Tab reaches the reason, Tab the send button.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.type(JUSTIFICATION);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const messages = await received(since, 1);
    assert.equal(messages.length, 1, 'delivered exactly once');
    assert.deepEqual(messages[0].rcptTo, SENSITIVE.to);
    assert.equal(messages[0].subject, SENSITIVE.subject);
    assert.match(messages[0].text, /BSN 123\.456\.782/, 'the message itself is unchanged');

    const entry = (await audit()).at(-1);
    assert.equal(entry.choice, 'override');
    assert.equal(entry.adapter, 'roundcube');
    assert.equal(entry.justification, JUSTIFICATION);
    assert.ok(entry.rules.includes('external-unencrypted'));
    assert.deepEqual(entry.recipientDomains, ['jeugdhulpzeist.nl']);
    assert.doesNotMatch(JSON.stringify(entry), /123|suïcide|info@/, 'metadata only in the log');
    // And where an administrator reads it: the options page's audit table.
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
    const row = options.locator('#audit-table tbody tr', { hasText: JUSTIFICATION });
    await row.first().waitFor();
    assert.match(await row.first().innerText(), /jeugdhulpzeist\.nl/);
    await options.close();
    await page.close();
  });

  test('the fix "use the successor address": delivered to the successor address only', async () => {
    const since = stack.sink.messages().length;
    const { page } = await openCompose(session);
    await write(page, { to: ['j.bos@bjzutrecht.nl'], subject: 'Overleg', body: 'Tot donderdag.' });
    await page.click(sendButton);
    const ui = await waitForWarning(page);
    assert.equal(ui?.action, 'block');
    const fix = ui.buttons.find((b) => b.fix === 'replace-recipient');
    assert.ok(fix, 'the warning offers the successor address');
    assert.match(fix.text, /j\.bos@samenveilig\.nl/);
    await clickUi(page, fix);
    await page.waitForTimeout(300);
    const fixed = await composeFields(page);
    assert.deepEqual(
      fixed.to.map((t) => t.replace(/,$/, '')),
      ['j.bos@samenveilig.nl'],
      "Roundcube's own chip is replaced",
    );
    const after = await extensionUi(page, 'warning');
    assert.equal(after.action, 'allow');
    assert.equal((await received(since, 0)).length, 0, 'a fix never sends by itself');
    await clickUi(
      page,
      after.buttons.find((b) => b.choice === 'send'),
    );
    const messages = await received(since, 1);
    assert.equal(messages.length, 1, 'delivered exactly once');
    assert.deepEqual(messages[0].rcptTo, ['j.bos@samenveilig.nl']);
    assert.doesNotMatch(messages[0].to, /bjzutrecht/, 'the retired address is not in the headers either');
    await page.close();
  });

  test('"Terug naar bericht" leaves the draft exactly as typed, and a later send works', async () => {
    const since = stack.sink.messages().length;
    const { page } = await openCompose(session);
    await write(page, RETIRED);
    const typed = await composeFields(page);
    await page.click(sendButton);
    const ui = await waitForWarning(page);
    assert.equal(ui?.action, 'block');
    await clickUi(
      page,
      ui.buttons.find((b) => b.choice === 'back'),
    );
    await page.waitForTimeout(300);
    assert.equal(await extensionUi(page, 'warning'), null, 'the warning is gone');
    assert.deepEqual(await composeFields(page), typed, 'the draft is exactly as typed');
    // The user corrects the recipient by hand (the chip's own remove control, then a colleague)
    // and sends again.
    await page.click('#compose_to .recipient-input .recipient a.remove');
    await write(page, { to: [COLLEAGUE] });
    await page.click(sendButton);
    await page.waitForTimeout(400);
    assert.equal(await extensionUi(page, 'warning'), null, 'to a colleague inside the organisation: no dialog');
    const messages = await received(since, 1);
    assert.equal(messages.length, 1, 'delivered exactly once');
    assert.deepEqual(messages[0].rcptTo, [COLLEAGUE]);
    assert.equal(messages[0].subject, RETIRED.subject);
    assert.equal(messages[0].text.trim().replace(/\s+/g, ' '), RETIRED.body.replace(/\s+/g, ' '), 'the body as typed');
    await page.close();
  });

  test("adding the encryption marker through the warning's fix: delivered once with the marker in the subject", async () => {
    const since = stack.sink.messages().length;
    const { page } = await openCompose(session);
    await write(page, { ...SENSITIVE, subject: 'Overdracht' });
    await page.click(sendButton);
    const ui = await waitForWarning(page);
    assert.equal(ui?.action, 'warn');
    const fix = ui.buttons.find((b) => b.fix === 'add-subject-marker');
    assert.ok(fix, 'the warning offers the encryption marker');
    await clickUi(page, fix);
    await page.waitForTimeout(300);
    assert.equal((await composeFields(page)).subject, '[versleuteld] Overdracht');
    const after = await extensionUi(page, 'warning');
    assert.equal(after.action, 'allow');
    await clickUi(
      page,
      after.buttons.find((b) => b.choice === 'send'),
    );
    const messages = await received(since, 1);
    assert.equal(messages.length, 1, 'delivered exactly once');
    assert.equal(messages[0].subject, '[versleuteld] Overdracht');
    assert.deepEqual(messages[0].rcptTo, SENSITIVE.to);
    await page.close();
  });
});

describe('Roundcube, what is inside an attachment', () => {
  // The report LibreOffice made (BSN on page 1, a child-protection measure), as "scan.pdf".
  const SCAN = {
    name: 'scan.pdf',
    mimeType: 'application/pdf',
    buffer: readFileSync(join(root, 'tests', 'attachments', 'files', 'verslag.pdf')),
  };
  const SCHOOL = 'administratie@obs-dewegwijzer.nl';

  /** Attaches a file the way a user does: Roundcube's own file input (its "Bijvoegen"), then
   *  waits until Roundcube has uploaded it and lists it. */
  async function attach(page, file) {
    await page.setInputFiles('#uploadform input[type=file]', file);
    await page.waitForSelector(`#attachment-list li[id^=rcmfile] .attachment-name:text-is("${file.name}")`);
  }

  test('a case file attached as scan.pdf to an external address is held: the SMTP server receives nothing', async () => {
    const since = stack.sink.messages().length;
    const { page, errors } = await openCompose(session);
    await write(page, { to: [SCHOOL], subject: 'Stukken', body: 'Hierbij de stukken.' });
    await attach(page, SCAN);
    await page.click(sendButton);
    const ui = await waitForWarning(page);
    assert.ok(ui, 'the warning appears');
    assert.equal(ui.action, 'warn');
    assert.match(ui.text, /Pagina 1 van de bijlage scan\.pdf bevat een burgerservicenummer \(••••••869\)/);
    assert.ok(ui.rules.includes('external-unencrypted'));
    await page.screenshot({ path: join(screenshots, 'roundcube-attachment-nl.png') });
    await page.keyboard.press('Enter'); // "Terug naar bericht"
    assert.equal((await received(since, 0)).length, 0, 'nothing reached the SMTP server');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('the same file with the encryption marker in the subject: delivered once, the attachment byte for byte', async () => {
    const since = stack.sink.messages().length;
    const { page } = await openCompose(session);
    await write(page, { to: [SCHOOL], subject: '[versleuteld] Stukken', body: 'Hierbij de stukken.' });
    await attach(page, SCAN);
    await page.click(sendButton);
    const messages = await received(since, 1);
    assert.equal(await extensionUi(page, 'warning'), null, 'no dialog');
    assert.equal(messages.length, 1, 'delivered exactly once');
    assert.deepEqual(messages[0].rcptTo, [SCHOOL]);
    assert.equal(messages[0].subject, '[versleuteld] Stukken');
    assert.deepEqual(
      messages[0].attachments.map((a) => a.name),
      ['scan.pdf'],
    );
    assert.ok(messages[0].attachments[0].bytes.equals(SCAN.buffer), 'the file as attached, byte for byte');
    await page.close();
  });
});

test('Roundcube logged no error (IMAP, SMTP, PHP)', () => {
  assert.equal(stack.errors(), '');
});

test('the browser talked only to Roundcube on 127.0.0.1 (the extension made no request)', () => {
  const origin = new URL(stack.url).origin;
  const outside = browser.requests.filter(
    (url) =>
      !url.startsWith(origin) &&
      !url.startsWith('chrome-extension://') &&
      !url.startsWith('about:') &&
      !url.startsWith('data:') &&
      !url.startsWith('blob:'),
  );
  assert.deepEqual(outside, []);
});
