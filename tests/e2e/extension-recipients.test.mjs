// A recipient the guard cannot read is never clean: the real extension on the Outlook-on-the-web
// copy as a 2026 capture shows it (`outlook.html?version=2026`: chips of address-book contacts
// carry presence and display name but no address; fields are groups with numeric ids labelled by
// `#recipient-well-label-to`; the subject's id ends in `_SUBJECT`). The page's own send handler
// records the real addresses, so what left is known exactly.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { EXTENSION_ID, launch, open, screenshots } from './lib/extension.mjs';
import { clickUi, extensionUi, waitForWarning } from './lib/shadow.mjs';
import { FIXTURE_POLICY as POLICY } from './lib/policies.mjs';

const COMPOSE = '.compose[data-compose-id=o1]';
const SEND = `${COMPOSE} button[id$=__primaryActionButton]`;

let browser;

async function openOutlook2026() {
  const { page, errors } = await open(browser, 'outlook.html?version=2026');
  await page.waitForSelector('[data-zorgvuldig=indicator]', { state: 'attached', timeout: 10000 });
  return { page, errors };
}

/** Fills the 2026 copy: contacts picked from the address book, addresses typed by hand, text. */
async function fill(page, { contacts = [], typed = [], subject = 'Overleg', body = 'Tot donderdag.' }) {
  for (const address of contacts) await page.evaluate((a) => window.pickContact(a), address);
  for (const address of typed) {
    await page.click(`${COMPOSE} [aria-labelledby=recipient-well-label-to] [contenteditable=true]`);
    await page.keyboard.type(`${address};`);
  }
  await page.fill(`${COMPOSE} input[id$=_SUBJECT]`, subject);
  await page.fill(`${COMPOSE} [id^=editorParent_] [role=textbox]`, body);
}

const sent = (page) => page.evaluate(() => window.sent);

describe('Outlook on the web, 2026: recipients whose address the page does not show', () => {
  before(async () => {
    browser = await launch({ policyName: 'zorgvuldig-e2e-recipients', policy: POLICY });
  });
  after(async () => {
    await browser?.stop();
  });

  test('a contact picked from the address book (name only) warns that its address could not be checked; nothing goes until the user decides', async () => {
    const { page, errors } = await openOutlook2026();
    await fill(page, { contacts: ['m.deboer@samenveilig.nl'] });
    await page.click(SEND);
    const ui = await waitForWarning(page);
    assert.equal(ui?.action, 'warn');
    assert.ok(ui.rules.includes('unresolved-recipient'), ui.rules.join());
    assert.ok(!ui.rules.includes('invalid-address'), 'a display name is not called an invalid address');
    assert.match(ui.text, /Marieke de Boer/);
    assert.doesNotMatch(ui.text, /Beschikbaar/, 'presence is not part of the name');
    assert.equal(
      ui.buttons.some((b) => b.fix === 'remove-recipient'),
      false,
      'no offer to remove a recipient who is probably right',
    );
    await page.screenshot({ path: join(screenshots, 'extension-outlook-2026-unresolved.png') });
    assert.equal((await sent(page)).length, 0);
    await clickUi(
      page,
      ui.buttons.find((b) => b.choice === 'override'),
    );
    await page.waitForTimeout(300);
    const sends = await sent(page);
    assert.equal(sends.length, 1, 'sent once after "Toch verzenden"');
    assert.deepEqual(sends[0].to, ['m.deboer@samenveilig.nl']);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("the 2019 case: the colleague's old address picked from the address book is never sent silently", async () => {
    const { page } = await openOutlook2026();
    await fill(page, { contacts: ['j.bos@bjzutrecht.nl'] });
    const indicator = await (async () => {
      for (let i = 0; i < 60; i++) {
        const ui = await extensionUi(page, 'indicator');
        if (ui?.action === 'issues') return ui;
        await page.waitForTimeout(50);
      }
      return extensionUi(page, 'indicator');
    })();
    assert.equal(indicator?.action, 'issues', 'the indicator names the recipient while typing');
    assert.match(indicator.text, /Jan Bos/);
    await page.click(SEND);
    const ui = await waitForWarning(page);
    assert.ok(ui?.rules.includes('unresolved-recipient'));
    await page.keyboard.press('Escape');
    await page.waitForTimeout(200);
    assert.equal((await sent(page)).length, 0);
    await page.close();
  });

  test('an address typed by hand (a chip that shows it) is read: a retired domain is blocked', async () => {
    const { page } = await openOutlook2026();
    await fill(page, { typed: ['p.jansen@bjzutrecht.nl'] });
    await page.click(SEND);
    const ui = await waitForWarning(page);
    assert.equal(ui?.action, 'block');
    assert.ok(ui.rules.includes('retired-domain'), ui.rules.join());
    await page.keyboard.press('Escape');
    await page.waitForTimeout(200);
    assert.equal((await sent(page)).length, 0);
    await page.close();
  });

  test('a clean typed address and a subject found by its _SUBJECT id: the marker fix lands in the subject, then one send', async () => {
    const { page } = await openOutlook2026();
    await fill(page, {
      typed: ['info@jeugdpraktijk.example'],
      subject: 'Aanmelding',
      body: 'Cliënt Daan, BSN 123456782, is opgenomen na een suïcidepoging.',
    });
    await page.click(SEND);
    const ui = await waitForWarning(page);
    assert.ok(ui?.rules.includes('external-unencrypted'), ui?.rules.join());
    await clickUi(
      page,
      ui.buttons.find((b) => b.fix === 'add-subject-marker'),
    );
    await page.waitForTimeout(300);
    assert.match(await page.inputValue(`${COMPOSE} input[id$=_SUBJECT]`), /^\[versleuteld\] Aanmelding$/);
    const after = await extensionUi(page, 'warning');
    await clickUi(
      page,
      after.buttons.find((b) => b.choice === 'send'),
    );
    await page.waitForTimeout(300);
    const sends = await sent(page);
    assert.equal(sends.length, 1);
    assert.equal(sends[0].subject, '[versleuteld] Aanmelding');
    await page.close();
  });

  test('a clean mail to a colleague whose address the chip shows goes once, with no dialog', async () => {
    const { page } = await openOutlook2026();
    await fill(page, { typed: ['t.vanleeuwen@samenveilig.nl'] });
    await page.waitForTimeout(500);
    await page.click(SEND);
    await page.waitForTimeout(400);
    assert.equal(await extensionUi(page, 'warning'), null);
    assert.equal((await sent(page)).length, 1);
    await page.close();
  });
});

describe('the page check for administrators (options page, and Ctrl+Alt+Shift+D on a webmail page)', () => {
  before(async () => {
    browser = await launch({ policyName: 'zorgvuldig-e2e-recipients', policy: POLICY });
  });
  after(async () => {
    await browser?.stop();
  });

  test("the options page reports, per part, the selector that matched and whether each recipient's address was read; nothing of the message", async () => {
    const { page: outlook } = await openOutlook2026();
    await fill(outlook, {
      contacts: ['m.deboer@samenveilig.nl'],
      typed: ['p.jansen@partner.example'],
      subject: 'Geheim onderwerp',
      body: 'Vertrouwelijke tekst',
    });
    const { page: unfit } = await open(browser, 'send-paths.html?place=unnamed');
    await unfit.waitForSelector('[data-zorgvuldig=indicator]', { state: 'attached', timeout: 10000 });
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${EXTENSION_ID}/options.html#diagnosis`);
    await options.waitForSelector('body[data-ready=true]');
    await options.click('#diagnose');
    await options.waitForSelector('.diagnosis-page', { timeout: 10000 });
    const pages = await options.$$eval('.diagnosis-page', (list) => list.map((p) => p.innerText));
    const outlookReport = pages.find((text) => text.includes('outlook'));
    assert.ok(outlookReport, pages.join('\n---\n'));
    assert.match(outlookReport, /Aan\s+.*recipient-well-label-to.*\s+2/);
    assert.match(outlookReport, /Onderwerp\s+input\[id\$=_SUBJECT\]\s+1/);
    assert.match(outlookReport, /Knop Verzenden\s+button\[id\*=primaryActionButton\]\s+1/);
    assert.match(outlookReport, /Past: ontvangers, tekst en de knop Verzenden zijn gevonden/);
    assert.match(outlookReport, /2 ontvangers: 1 met een leesbaar adres, 1 zonder/);
    const generic = pages.find((text) => text.includes('generic'));
    assert.match(generic, /Knop Verzenden\s+–\s+niet gevonden/);
    assert.match(generic, /Past niet: Knop Verzenden niet gevonden/);
    const all = await options.innerText('#diagnosis');
    for (const secret of ['Marieke', 'm.deboer', 'p.jansen', 'Geheim onderwerp', 'Vertrouwelijke tekst']) {
      assert.ok(!all.includes(secret), `the report holds no "${secret}"`);
    }
    const stored = await options.evaluate(() => chrome.storage.local.get('diagnosis'));
    assert.ok(!JSON.stringify(stored).match(/Marieke|m\.deboer|p\.jansen|Geheim|Vertrouwelijk/), 'nothing of the message is stored');
    await options.locator('#diagnosis').screenshot({ path: join(screenshots, 'options-page-check-nl.png') });
    for (const p of [outlook, unfit, options]) await p.close();
  });

  test('Ctrl+Alt+Shift+D on the webmail page files the same report for the options page', async () => {
    const { page } = await openOutlook2026();
    await fill(page, { contacts: ['s.devries@samenveilig.nl'] });
    await page.keyboard.press('Control+Alt+Shift+D');
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${EXTENSION_ID}/options.html#diagnosis`);
    await options.waitForSelector('.diagnosis-page', { timeout: 10000 });
    const text = await options.innerText('#diagnosis');
    assert.match(text, /herkend als outlook/);
    assert.match(text, /1 ontvanger: 0 met een leesbaar adres, 1 zonder/);
    await page.close();
    await options.close();
  });
});
