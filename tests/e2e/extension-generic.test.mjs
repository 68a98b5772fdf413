// The real unpacked extension (dist/chrome, `make extension`) in Debian's headless Chromium, with
// a managed-policy file in /etc/chromium/policies/managed (as root, like CI), on the generic
// fixture webmail that the policy names as a webmail host. Counts the page's own sends.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { EXTENSION_ID, launch, open, screenshots } from './lib/extension.mjs';
import { clickUi, extensionUi, waitForWarning as warning } from './lib/shadow.mjs';
import { FIXTURE_POLICY as POLICY } from './lib/policies.mjs';

let browser;

async function compose(page, { to = '', cc = '', subject = '', body = '' }) {
  await page.fill('input[name=to]', to);
  if (cc) await page.fill('input[name=cc]', cc);
  await page.fill('input[name=subject]', subject);
  await page.fill('textarea[name=body]', body);
}

const sent = (page) => page.evaluate(() => window.sent);

/** Waits until the indicator shows a state (the analysis while typing has run). */
async function settled(page, state) {
  for (let i = 0; i < 100; i++) {
    const ui = await extensionUi(page, 'indicator');
    if (ui && (!state || ui.action === state)) return ui;
    await page.waitForTimeout(50);
  }
  throw new Error(`indicator never showed ${state}`);
}

describe('extension on a generic webmail', () => {
  before(async () => {
    browser = await launch({ policy: POLICY });
  });
  after(async () => {
    await browser?.stop();
  });

  test('a clean mail to a colleague sends exactly once, with no dialog', async () => {
    const { page, errors } = await open(browser, 'generic.html');
    await compose(page, { to: 'Sanne de Vries <s.devries@samenveilig.nl>', subject: 'Overleg', body: 'Tot donderdag!' });
    await settled(page, 'protected');
    await page.click('button.send');
    await page.waitForTimeout(300);
    assert.equal((await sent(page)).length, 1);
    assert.equal(await extensionUi(page, 'warning'), null);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a retired domain is blocked; "Terug naar bericht" leaves the draft exactly as typed', async () => {
    const { page } = await open(browser, 'generic.html');
    const draft = { to: 'Jan Bos <j.bos@bjzutrecht.nl>', subject: 'Dossier Daan', body: 'Hoi Jan,\n\nBijgaand het dossier.\n' };
    await compose(page, draft);
    await page.click('button.send');
    const ui = await warning(page);
    assert.ok(ui, 'the warning appears');
    assert.equal(ui.role, 'alertdialog');
    assert.equal(ui.action, 'block');
    assert.match(ui.text, /Niet verzenden/);
    assert.match(ui.text, /j\.bos@bjzutrecht\.nl/);
    assert.ok(!ui.buttons.some((b) => b.choice === 'override'), 'a block has no send button');
    await page.screenshot({ path: join(screenshots, 'extension-block-nl.png') });
    // Keyboard: focus starts on "Terug naar bericht"; Enter goes back.
    await page.keyboard.press('Enter');
    await page.waitForTimeout(200);
    assert.equal(await extensionUi(page, 'warning'), null, 'the warning is gone');
    assert.equal((await sent(page)).length, 0, 'nothing was sent');
    assert.equal(await page.inputValue('input[name=to]'), draft.to);
    assert.equal(await page.inputValue('input[name=subject]'), draft.subject);
    assert.equal(await page.inputValue('textarea[name=body]'), draft.body);
    await page.close();
  });

  test('the successor fix changes the To field, then sends once to the successor only', async () => {
    const { page } = await open(browser, 'generic.html');
    await compose(page, { to: 'j.bos@bjzutrecht.nl', subject: 'Overleg', body: 'Tot dan.' });
    await page.click('button.send');
    const ui = await warning(page);
    const fix = ui.buttons.find((b) => b.fix === 'replace-recipient');
    assert.ok(fix, 'the warning offers the successor address');
    assert.match(fix.text, /j\.bos@samenveilig\.nl/);
    await clickUi(page, fix);
    await page.waitForTimeout(300);
    assert.equal(await page.inputValue('input[name=to]'), 'j.bos@samenveilig.nl');
    const after = await extensionUi(page, 'warning');
    assert.equal(after.action, 'allow', 'after the fix the dialog says all is fixed');
    assert.equal((await sent(page)).length, 0, 'a fix never sends by itself');
    await clickUi(
      page,
      after.buttons.find((b) => b.choice === 'send'),
    );
    await page.waitForTimeout(300);
    const sends = await sent(page);
    assert.equal(sends.length, 1);
    assert.equal(sends[0].to, 'j.bos@samenveilig.nl');
    await page.close();
  });

  test('sensitive content to an external partner warns; sending anyway sends once and is logged', async () => {
    const { page } = await open(browser, 'generic.html');
    await compose(page, {
      to: 'info@jeugdhulpzeist.nl',
      subject: 'Aanmelding',
      body: 'BSN van de cliënt: 123.456.782. Na een suïcidepoging opgenomen.',
    });
    await page.click('button.send');
    const ui = await warning(page);
    assert.equal(ui.action, 'warn');
    assert.match(ui.text, /onversleuteld/);
    assert.doesNotMatch(ui.text, /123\.456\.782|123456782/, 'the BSN is masked');
    await page.screenshot({ path: join(screenshots, 'extension-warn-nl.png') });
    await clickUi(
      page,
      ui.buttons.find((b) => b.choice === 'override'),
    );
    await page.waitForTimeout(300);
    assert.equal((await sent(page)).length, 1);
    const audit = await browser.worker.evaluate(async () => (await chrome.storage.local.get('audit')).audit);
    const entry = audit.at(-1);
    assert.equal(entry.choice, 'override');
    assert.ok(entry.rules.includes('external-unencrypted'));
    assert.deepEqual(entry.recipientDomains, ['jeugdhulpzeist.nl']);
    assert.doesNotMatch(JSON.stringify(audit), /123|suïcide|info@/, 'the log holds no message text or full addresses');
    await page.close();
  });

  test('the encryption-marker fix puts the marker in the subject', async () => {
    const { page } = await open(browser, 'generic.html');
    await compose(page, { to: 'info@jeugdhulpzeist.nl', subject: 'Overdracht', body: 'De OTS van Daan is verlengd.' });
    await page.click('button.send');
    const ui = await warning(page);
    await clickUi(
      page,
      ui.buttons.find((b) => b.fix === 'add-subject-marker'),
    );
    await page.waitForTimeout(300);
    assert.equal(await page.inputValue('input[name=subject]'), '[versleuteld] Overdracht');
    const after = await extensionUi(page, 'warning');
    await clickUi(
      page,
      after.buttons.find((b) => b.choice === 'send'),
    );
    await page.waitForTimeout(300);
    assert.equal((await sent(page)).length, 1);
    await page.close();
  });

  test('Ctrl+Enter and Enter on the send button are guarded too', async () => {
    const { page } = await open(browser, 'generic.html');
    await compose(page, { to: 'j.bos@bjzutrecht.nl', subject: 'Overleg', body: 'Hoi' });
    await page.focus('textarea[name=body]');
    await page.keyboard.press('Control+Enter');
    assert.ok(await warning(page), 'Ctrl+Enter shows the warning');
    await page.keyboard.press('Escape');
    await page.waitForTimeout(200);
    await page.focus('button.send');
    await page.keyboard.press('Enter');
    assert.ok(await warning(page), 'Enter on the send button shows the warning');
    await page.keyboard.press('Escape');
    await page.waitForTimeout(200);
    assert.equal((await sent(page)).length, 0);
    await page.close();
  });

  test('a fast double click sends at most once', async () => {
    const { page } = await open(browser, 'generic.html');
    await compose(page, { to: 's.devries@samenveilig.nl', subject: 'Overleg', body: 'Tot donderdag!' });
    await settled(page, 'protected');
    await page.dblclick('button.send');
    await page.waitForTimeout(300);
    assert.equal((await sent(page)).length, 1);
    await page.close();
  });

  test('a send before the analysis is ready is held, checked and replayed once', async () => {
    const { page } = await open(browser, 'generic.html');
    await compose(page, { to: 's.devries@samenveilig.nl', subject: 'Snel', body: 'Meteen weg' });
    await page.click('button.send'); // no wait for the typing analysis
    await page.waitForTimeout(500);
    assert.equal((await sent(page)).length, 1);
    assert.equal(await extensionUi(page, 'warning'), null);
    await page.close();
  });

  test('the strict page CSP does not stop the check', async () => {
    const { page, errors } = await open(browser, 'strict-csp.html');
    await compose(page, { to: 'j.bos@bjzutrecht.nl', subject: 'Overleg', body: 'Hoi' });
    await page.click('button.send');
    const ui = await warning(page);
    assert.equal(ui?.action, 'block');
    assert.equal((await sent(page)).length, 0);
    assert.deepEqual(errors, []);
    await page.close();
  });

  describe('a compose dialog outside any form, with Material chips and an icon Send button (chip-dialog.html)', () => {
    /** Types a mail as a user does: each address into its chip field, ended by a comma. */
    async function write(page, { to = [], cc = [], subject = '', body = '' }) {
      for (const [field, addresses] of [
        ['#mat-input-0', to],
        ['#mat-input-1', cc],
      ]) {
        for (const address of addresses) {
          await page.click(field);
          await page.keyboard.type(`${address},`);
        }
      }
      await page.fill('#mat-input-2', subject);
      await page.click('.editor');
      await page.keyboard.type(body);
    }
    const chips = (page) =>
      page.$$eval('[data-field=to] mat-chip-row', (rows) => rows.map((r) => r.textContent.replace('cancel', '').trim()));

    test('BSN and an uithuisplaatsing to a retired domain: blocked, nothing sent', async () => {
      const { page, errors } = await open(browser, 'chip-dialog.html');
      await write(page, {
        to: ['j.bos@bjzutrecht.nl'],
        subject: 'Dossier Daan',
        body: 'BSN van Daan: 123.456.782. De uithuisplaatsing van Daan is verlengd.',
      });
      await page.click('.send-button');
      const ui = await warning(page);
      assert.equal(ui?.action, 'block');
      assert.ok(ui.rules.includes('retired-domain'), "the chip's address was read");
      assert.ok(ui.rules.includes('external-unencrypted'), 'the contenteditable body was read');
      await page.keyboard.press('Escape');
      await page.waitForTimeout(200);
      assert.deepEqual(await sent(page), []);
      assert.deepEqual(await chips(page), ['j.bos@bjzutrecht.nl'], 'the draft is as typed');
      assert.deepEqual(errors, []);
      await page.close();
    });

    test('sensitive content to a gmail.com chip: warned, nothing sent before the user decides', async () => {
      const { page } = await open(browser, 'chip-dialog.html');
      await write(page, {
        cc: ['ouder.daan@gmail.com'],
        subject: 'Daan',
        body: 'BSN van Daan: 123.456.782. Hij heeft een suïcidepoging gedaan.',
      });
      await page.click('.send-button');
      const ui = await warning(page);
      assert.equal(ui?.action, 'warn');
      assert.ok(ui.rules.includes('external-unencrypted'));
      assert.match(ui.text, /ouder\.daan@gmail\.com/, 'the Cc chip was read');
      assert.deepEqual(await sent(page), []);
      await clickUi(
        page,
        ui.buttons.find((b) => b.choice === 'back'),
      );
      await page.waitForTimeout(200);
      assert.deepEqual(await sent(page), []);
      await page.close();
    });

    test('a clean mail: protected, sent exactly once as typed', async () => {
      const { page } = await open(browser, 'chip-dialog.html');
      await write(page, { to: ['s.devries@samenveilig.nl'], subject: 'Overleg', body: 'Tot donderdag!' });
      await settled(page, 'protected');
      await page.click('.send-button');
      await page.waitForTimeout(400);
      assert.equal(await extensionUi(page, 'warning'), null);
      assert.deepEqual(await sent(page), [{ to: ['s.devries@samenveilig.nl'], cc: [], subject: 'Overleg', body: 'Tot donderdag!' }]);
      await page.close();
    });

    test('the successor fix removes the chip with its own button and types the successor; then sent once', async () => {
      const { page } = await open(browser, 'chip-dialog.html');
      await write(page, { to: ['j.bos@bjzutrecht.nl'], subject: 'Overleg', body: 'Tot dan.' });
      await page.click('.send-button');
      const ui = await warning(page);
      await clickUi(
        page,
        ui.buttons.find((b) => b.fix === 'replace-recipient'),
      );
      await page.waitForTimeout(400);
      assert.deepEqual(await chips(page), ['j.bos@samenveilig.nl']);
      const after = await extensionUi(page, 'warning');
      assert.equal(after.action, 'allow');
      await clickUi(
        page,
        after.buttons.find((b) => b.choice === 'send'),
      );
      await page.waitForTimeout(300);
      assert.deepEqual(
        (await sent(page)).map((m) => m.to),
        [['j.bos@samenveilig.nl']],
      );
      await page.close();
    });

    test('chips that show names only: the user is told the addresses could not be checked; nothing sent', async () => {
      const { page } = await open(browser, 'chip-dialog.html?chips=names');
      await write(page, { to: ['j.bos@samenveilig.nl'], subject: 'Overleg', body: 'Tot dan.' });
      await page.click('.send-button');
      const ui = await warning(page);
      assert.equal(ui?.action, 'warn');
      assert.ok(ui.rules.includes('unresolved-recipient'), `rules: ${ui.rules}`);
      assert.deepEqual(await sent(page), []);
      await page.close();
    });

    test('the page check names the rules that found each part: the dialog, the labelled rows and their chips, the icon button', async (t) => {
      const { page } = await open(browser, 'chip-dialog.html');
      await write(page, {
        to: ['s.devries@samenveilig.nl', 'j.bos@samenveilig.nl'],
        cc: ['a.smit@veiligthuis.nl'],
        subject: 'Geheim onderwerp',
        body: 'Vertrouwelijke tekst',
      });
      await settled(page, 'protected');
      const options = await browser.context.newPage();
      await options.goto(`chrome-extension://${EXTENSION_ID}/options.html#diagnosis`);
      await options.waitForSelector('body[data-ready=true]');
      await options.click('#diagnose');
      await options.waitForSelector('.diagnosis-page', { timeout: 10000 });
      const { diagnosis } = await options.evaluate(() => chrome.storage.local.get('diagnosis'));
      const report = diagnosis.reports.find((r) => r.adapter === 'generic' && r.windows.length);
      t.diagnostic(JSON.stringify(report));
      assert.match(report.compose.selector, /\[role=dialog\].* holding body \+ send/);
      const [window] = report.windows;
      const part = (name) => window.parts.find((p) => p.part === name);
      assert.deepEqual(window.missing, []);
      assert.match(part('to').selector, /^a chip in the row labelled to/);
      assert.equal(part('to').count, 2);
      assert.match(part('cc').selector, /^a chip in the row labelled cc/);
      assert.match(part('subject').selector, /^a field labelled/);
      assert.match(part('body').selector, /labelled/);
      assert.match(part('send').selector, /named/);
      assert.deepEqual(window.recipients, [
        { field: 'to', address: true, chip: true },
        { field: 'to', address: true, chip: true },
        { field: 'cc', address: true, chip: true },
      ]);
      assert.doesNotMatch(JSON.stringify(diagnosis), /s\.devries|j\.bos|a\.smit|Geheim|Vertrouwelijk/);
      await options.close();
      await page.close();
    });

    test('a recipient row that shows only a count: no recipient can be read, so a clean-looking mail is held; sent once if the user chooses', async () => {
      const { page } = await open(browser, 'chip-dialog.html?chips=collapsed');
      await write(page, { to: ['j.bos@bjzutrecht.nl'], subject: 'Overleg', body: 'Tot donderdag.' });
      await page.click('.send-button');
      const ui = await warning(page);
      assert.match(ui?.text ?? '', /ziet in dit bericht geen ontvanger die het kan controleren/, 'never taken as clean');
      assert.deepEqual(await sent(page), [], 'held until the user decides');
      await clickUi(
        page,
        ui.buttons.find((b) => b.choice === 'override'),
      );
      await page.waitForTimeout(300);
      assert.deepEqual(
        (await sent(page)).map((m) => m.to),
        [['j.bos@bjzutrecht.nl']],
        'sent once, as the user chose',
      );
      await page.close();
    });

    test('recipients the adapter cannot find (no label anywhere): "not active", and Send is held', async () => {
      const { page } = await open(browser, 'chip-dialog.html?labels=none');
      await write(page, { to: ['j.bos@bjzutrecht.nl'], subject: 'Dossier', body: 'BSN van Daan: 123.456.782.' });
      const indicator = await settled(page, 'inactive');
      assert.match(indicator.text, /niet actief/i);
      await page.click('.send-button');
      const ui = await warning(page);
      assert.match(ui?.text ?? '', /ziet in dit bericht geen ontvanger die het kan controleren/);
      assert.deepEqual(await sent(page), [], 'held until the user decides');
      await clickUi(
        page,
        ui.buttons.find((b) => b.choice === 'back'),
      );
      await page.waitForTimeout(200);
      assert.deepEqual(await sent(page), []);
      await page.close();
    });
  });

  test('the extension made no network request', () => {
    const outside = browser.requests.filter((url) => !url.startsWith(browser.base) && !url.startsWith('chrome-extension://'));
    assert.deepEqual(outside, []);
  });
});
