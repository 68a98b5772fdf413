// The Firefox build of the extension (dist/firefox) in Debian's headless Firefox ESR, force-installed
// by the organisation's policies.json (tests/firefox/lib/firefox.mjs), on the generic fixture
// webmail and the copies of Gmail's, Outlook's and Roundcube's compose DOM (tests/e2e/fixtures/),
// which the policy names as webmail hosts. Each fixture's own send handler records what it sent
// (window.sent); the tests count those sends. The options page shows the policy from policies.json
// with its source, a malformed entry and an unknown key with their keys, and the audit entry of a
// warning sent anyway. Screenshots go to tests/firefox/screenshots/.
//
// What the Chromium suite (tests/e2e/) covers beyond this (every fix, the robustness and fault
// cases, the demo page) runs the same content scripts and core; here are the cases where Firefox
// itself could make a difference: its policies.json, its storage.managed, its background page,
// its content-script sandbox writing into the webmail's own widgets, and its network.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { By } from 'selenium-webdriver';
import { GECKO_ID } from '../../scripts/build-extension.mjs';
import { launch, open, openOptions, screenshot, sent, suspendBackground, textOf, toolbarBadge, type } from './lib/firefox.mjs';
import { button, Key, noWarning, press, waitForIndicator, waitForUi, waitForWarning } from './lib/ui.mjs';

const POLICY = {
  internalDomains: ['samenveilig.nl'],
  // The second entry is not a domain: that entry is skipped and reported, the first still blocks.
  retiredDomains: [{ domain: 'bjzutrecht.nl', successor: 'samenveilig.nl' }, { domain: 'bjz utrecht!nl' }],
  trustedDomains: ['veiligthuis.nl'],
  webmailHosts: ['127.0.0.1'],
  requireJustification: true,
  language: 'nl',
  // An unknown key (a typo of trustedDomains). Firefox passes policies.json to the extension as
  // written, unlike Chromium, which drops keys its schema does not know: here the core reports it.
  trustedDomain: ['jeugdhulpzeist.nl'],
};
const MANAGED_KEYS = ['internalDomains', 'retiredDomains', 'trustedDomains', 'webmailHosts', 'requireJustification', 'language'];

const CLEAN = { to: 's.devries@samenveilig.nl', subject: 'Overleg', body: 'Tot donderdag!' };
const RETIRED = { to: 'Jan Bos <j.bos@bjzutrecht.nl>', subject: 'Dossier Daan', body: 'Hoi Jan, bijgaand het dossier.' };
const SENSITIVE = {
  to: 'info@jeugdhulpzeist.nl',
  subject: 'Aanmelding',
  body: 'BSN van de cliënt: 123.456.782. Na een suïcidepoging opgenomen.',
};
const JUSTIFICATION = 'Spoedaanmelding, telefonisch afgestemd';

let browser;
let driver;

/** Fills the generic fixture's form the way a user types. */
async function compose(draft) {
  for (const [name, value] of Object.entries(draft)) await type(browser, `[name=${name}]`, value);
}

const draftOf = () =>
  driver.executeScript(() =>
    Object.fromEntries(['to', 'subject', 'body'].map((name) => [name, document.querySelector(`[name=${name}]`).value])),
  );

before(async () => {
  browser = await launch({ policy: POLICY });
  ({ driver } = browser);
});

after(async () => {
  await browser?.stop();
});

describe('Firefox: the policy from policies.json on the options page', () => {
  test('every key from policies.json is managed; the source and the active protection are shown', async () => {
    await openOptions(browser);
    assert.equal(await textOf(browser, '[data-fact="extension-id"]'), GECKO_ID);
    assert.match(await textOf(browser, '#protection'), /Bescherming actief/);
    assert.match(await textOf(browser, '[data-fact="source"]'), /beheerd door uw organisatie/);
    for (const key of MANAGED_KEYS) {
      const row = await driver.findElement(By.css(`#policy-table tr[data-key="${key}"]`));
      assert.equal(await row.getAttribute('data-source'), 'managed', `${key} is managed`);
    }
    assert.match(await textOf(browser, 'tr[data-key="retiredDomains"] td.value'), /bjzutrecht\.nl → samenveilig\.nl/);
    assert.match(await textOf(browser, 'tr[data-key="failMode"] td.source'), /^Standaard$/);
  });

  test('the malformed entry and the unknown key are reported with their keys; the rest applies', async () => {
    await openOptions(browser);
    const bad = await textOf(browser, '#errors-body li[data-path="retiredDomains[1].domain"]');
    assert.match(bad, /'bjz utrecht!nl' is geen geldige domeinnaam/);
    const unknown = await textOf(browser, '#errors-body li[data-path="trustedDomain"]');
    assert.match(unknown, /trustedDomain/);
    assert.equal((await driver.findElements(By.css('#errors-body li'))).length, 2, 'both reach the extension in Firefox');
    assert.match(await textOf(browser, '#errors-body'), /De rest van het beleid geldt wel/);
    assert.doesNotMatch(await textOf(browser, '#errors-body'), /chrome:\/\/policy/, "no hint about Chromium's policy page");
  });
});

describe('Firefox: the generic webmail', () => {
  test("a retired domain is blocked; the page's send handler never runs; Back leaves the draft as typed", async () => {
    await open(browser, 'generic.html');
    await compose(RETIRED);
    await driver.findElement(By.css('button.send')).click();
    const ui = await waitForWarning(driver);
    assert.equal(ui.action, 'block');
    assert.match(ui.text, /Niet verzenden/);
    assert.match(ui.text, /j\.bos@bjzutrecht\.nl/);
    assert.ok(ui.rules.includes('retired-domain'));
    assert.ok(!ui.buttons.some((b) => b.choice === 'override'), 'a block has no send button');
    await screenshot(browser, 'firefox-block-nl');
    await press(driver, Key.ENTER); // focus starts on "Terug naar bericht"
    assert.ok(await noWarning(driver), 'the warning is gone');
    assert.deepEqual(await sent(browser), [], 'nothing was sent');
    assert.deepEqual(await draftOf(), RETIRED, 'the draft is exactly as typed');
  });

  test('Ctrl+Enter in the message is guarded too', async () => {
    await open(browser, 'generic.html');
    await compose(RETIRED);
    await press(driver, Key.CONTROL, Key.ENTER);
    assert.equal((await waitForWarning(driver)).action, 'block');
    await press(driver, Key.ESCAPE);
    assert.ok(await noWarning(driver));
    assert.deepEqual(await sent(browser), []);
  });

  test('the background page suspended (an idle MV3 event page) starts again for a send: block, then a clean mail once', async () => {
    await open(browser, 'generic.html');
    await compose(RETIRED);
    assert.equal(await suspendBackground(browser), 'stopped');
    await driver.findElement(By.css('button.send')).click();
    assert.equal((await waitForWarning(driver, /bjzutrecht\.nl/)).action, 'block', 'checked by the restarted background: blocked');
    await press(driver, Key.ESCAPE);
    assert.ok(await noWarning(driver));
    assert.deepEqual(await sent(browser), []);
    await open(browser, 'generic.html');
    await compose(CLEAN);
    await waitForIndicator(driver, 'protected');
    assert.equal(await suspendBackground(browser), 'stopped');
    await driver.findElement(By.css('button.send')).click();
    await driver.wait(async () => (await sent(browser)).length > 0, 10000, 'the mail was not sent');
    await driver.sleep(300);
    assert.ok(await noWarning(driver), 'no dialog');
    assert.equal((await sent(browser)).length, 1, 'sent exactly once');
  });

  test('a clean mail sent before the check has run is held, checked and sent exactly once', async () => {
    await open(browser, 'generic.html');
    await compose(CLEAN);
    await driver.findElement(By.css('button.send')).click(); // no wait for the check while typing
    await driver.wait(async () => (await sent(browser)).length > 0, 5000, 'the mail was not sent');
    assert.ok(await noWarning(driver), 'no dialog');
    assert.deepEqual(await sent(browser), [{ ...CLEAN, cc: '', bcc: '' }], 'sent once, as typed');
  });

  test('the successor fix writes the To field, then sends once to the successor only', async () => {
    await open(browser, 'generic.html');
    await compose({ ...RETIRED, to: 'j.bos@bjzutrecht.nl' });
    await driver.findElement(By.css('button.send')).click();
    const fix = button(await waitForWarning(driver), { fix: 'replace-recipient' });
    assert.match(fix.text, /j\.bos@samenveilig\.nl/);
    await fix.element.click();
    const fixed = await waitForWarning(driver, /Alles is opgelost/);
    assert.equal(fixed.action, 'allow');
    assert.equal((await draftOf()).to, 'j.bos@samenveilig.nl');
    assert.deepEqual(await sent(browser), [], 'a fix never sends by itself');
    await button(fixed, { choice: 'send' }).element.click();
    await driver.wait(async () => (await sent(browser)).length > 0, 5000);
    assert.deepEqual(
      (await sent(browser)).map((s) => s.to),
      ['j.bos@samenveilig.nl'],
    );
  });

  test('sensitive content to an outside partner warns; sent anyway with a reason: once, and in the log', async () => {
    await open(browser, 'generic.html');
    await compose(SENSITIVE);
    await waitForIndicator(driver, 'issues');
    assert.deepEqual(
      await toolbarBadge(browser),
      { text: '1', title: 'zorgvuldig: 1 aandachtspunt in dit bericht' },
      'the toolbar button counts it',
    );
    await driver.findElement(By.css('button.send')).click();
    const ui = await waitForWarning(driver);
    assert.equal(ui.action, 'warn');
    assert.match(ui.text, /onversleuteld/);
    assert.match(ui.text, /••••••782/, 'the BSN is named, masked');
    assert.doesNotMatch(ui.text, /123\.456\.782|123456782/);
    assert.ok(button(ui, { choice: 'override' }).disabled, 'no send without a reason');
    await ui.fields[0].element.sendKeys(JUSTIFICATION);
    await screenshot(browser, 'firefox-warn-nl');
    const ready = await waitForUi(driver, 'warning', (u) => !button(u, { choice: 'override' }).disabled);
    await button(ready, { choice: 'override' }).element.click();
    await driver.wait(async () => (await sent(browser)).length > 0, 5000);
    await driver.sleep(300);
    assert.equal((await sent(browser)).length, 1, 'sent exactly once');

    await openOptions(browser);
    const [row] = await driver.findElements(By.css('#audit-table tbody tr'));
    assert.ok(row, 'the options page lists the decision');
    const cells = await Promise.all((await row.findElements(By.css('td'))).map((cell) => cell.getText()));
    assert.match(cells[1], /^127\.0\.0\.1:\d+$/);
    assert.match(cells[2], /waarschuwen/);
    assert.match(cells[3], /external-unencrypted/);
    assert.equal(cells[4], 'jeugdhulpzeist.nl');
    assert.match(cells[5], /toch verzonden/i);
    assert.equal(cells[6], JUSTIFICATION);
    assert.doesNotMatch(await textOf(browser, '#audit'), /123|suïcide|info@/, 'the log holds no message text or full addresses');
  });
});

// ---- The copies of Gmail's, Outlook's and Roundcube's compose windows ---------------------------
// How a user fills each one (recipients become chips in the webmail's own widget) and what its
// fields hold, read the way its own send handler reads them.

/** Clicks `selector` and types each of `texts`, pressing Enter after each when `enter`. */
async function typeEach(selector, texts, { enter = false } = {}) {
  for (const text of texts) {
    await type(browser, selector, text);
    if (enter) await press(driver, Key.ENTER);
  }
}

const WEBMAILS = [
  {
    name: 'gmail',
    page: 'gmail.html',
    async compose({ to, subject, body }) {
      await typeEach('.M9[data-compose-id=c1] .anm[name=to] input[role=combobox]', to, { enter: true });
      await type(browser, '.M9[data-compose-id=c1] input[name=subjectbox]', subject);
      await type(browser, '.M9[data-compose-id=c1] [g_editable=true]', body);
    },
    sendButton: '.M9[data-compose-id=c1] .IZ .Up [role=button].aoO',
    fields: () =>
      driver.executeScript(() => {
        const root = document.querySelector('.M9[data-compose-id=c1]');
        return {
          to: [...root.querySelectorAll('.anm[name=to] [role=option]')].map((e) => e.dataset.hovercardId),
          subject: root.querySelector('input[name=subjectbox]').value,
          body: root.querySelector('[g_editable=true]').innerText.trim(),
        };
      }),
  },
  {
    name: 'outlook',
    page: 'outlook.html',
    async compose({ to, subject, body }) {
      await typeEach(
        '.compose[data-compose-id=o1] [id$=_TO] [contenteditable=true]',
        to.map((address) => `${address};`),
      );
      await type(browser, ".compose[data-compose-id=o1] input[aria-label='Onderwerp toevoegen']", subject);
      await type(browser, '.compose[data-compose-id=o1] [id^=editorParent_] [role=textbox]', body);
    },
    sendButton: '.compose[data-compose-id=o1] button[id$=__primaryActionButton]',
    fields: () =>
      driver.executeScript(() => {
        const root = document.querySelector('.compose[data-compose-id=o1]');
        return {
          to: [...root.querySelectorAll('[id$=_TO] ._EType_RECIPIENT_ENTITY')].map(
            (e) => e.getAttribute('aria-label').match(/[^\s<]+@[^\s>]+/)[0],
          ),
          subject: root.querySelector('input.subject').value,
          body: root.querySelector('[id^=editorParent_] [role=textbox]').innerText.trim(),
        };
      }),
  },
  {
    name: 'roundcube',
    page: 'roundcube.html',
    async compose({ to, subject, body }) {
      await typeEach(
        '#compose_to .recipient-input input',
        to.map((address) => `${address},`),
      );
      await type(browser, '#compose-subject', subject);
      await type(browser, '#composebody', body);
    },
    sendButton: '.formbuttons button.send',
    fields: () =>
      driver.executeScript(() => ({
        to: [...document.querySelectorAll('#compose_to li.recipient')].map(
          (e) => e.textContent.replace(/,$/, '').match(/[^\s<]+@[^\s>]+/)[0],
        ),
        subject: document.querySelector('#compose-subject').value,
        body: document.querySelector('#composebody').value.trim(),
      })),
  },
];

/** The recipients one recorded send went to, as addresses. */
const sentTo = (record) =>
  (Array.isArray(record.to)
    ? record.to
    : record.to
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean)
  ).map((a) => a.match(/[^\s<]+@[^\s>]+/)[0]);

for (const webmail of WEBMAILS) {
  describe(`Firefox: the ${webmail.name} compose window`, () => {
    test('a clean mail is sent exactly once, with what the fields held', async () => {
      await open(browser, webmail.page);
      await webmail.compose({ ...CLEAN, to: [CLEAN.to] });
      await waitForIndicator(driver, 'protected');
      await driver.findElement(By.css(webmail.sendButton)).click();
      assert.ok(await noWarning(driver), 'no dialog');
      const sends = await sent(browser);
      assert.equal(sends.length, 1);
      assert.deepEqual(sentTo(sends[0]), [CLEAN.to]);
      assert.equal(sends[0].subject, CLEAN.subject);
      assert.equal(sends[0].body.trim(), CLEAN.body);
    });

    test('a retired domain is blocked; nothing is sent and the draft stays as it was', async () => {
      await open(browser, webmail.page);
      await webmail.compose({ ...RETIRED, to: ['j.bos@bjzutrecht.nl'] });
      const before = await webmail.fields();
      await driver.findElement(By.css(webmail.sendButton)).click();
      const ui = await waitForWarning(driver);
      assert.equal(ui.action, 'block');
      assert.match(ui.text, /j\.bos@bjzutrecht\.nl/);
      await screenshot(browser, `firefox-${webmail.name}-block-nl`);
      await press(driver, Key.ESCAPE);
      assert.ok(await noWarning(driver));
      assert.deepEqual(await sent(browser), [], 'nothing was sent');
      assert.deepEqual(await webmail.fields(), before, 'the draft is exactly as it was');
    });

    test("the successor fix replaces the chip in the webmail's own widget, then sends once", async () => {
      await open(browser, webmail.page);
      await webmail.compose({ ...CLEAN, to: ['j.bos@bjzutrecht.nl'] });
      await driver.findElement(By.css(webmail.sendButton)).click();
      await button(await waitForWarning(driver), { fix: 'replace-recipient' }).element.click();
      const fixed = await waitForWarning(driver, /Alles is opgelost/);
      assert.deepEqual((await webmail.fields()).to, ['j.bos@samenveilig.nl'], 'the chip is replaced');
      assert.deepEqual(await sent(browser), [], 'a fix never sends by itself');
      await button(fixed, { choice: 'send' }).element.click();
      await driver.wait(async () => (await sent(browser)).length > 0, 5000);
      await driver.sleep(300);
      const sends = await sent(browser);
      assert.equal(sends.length, 1);
      assert.deepEqual(sentTo(sends[0]), ['j.bos@samenveilig.nl']);
    });
  });
}

describe('Firefox: the Outlook compose window popped out into an about:blank window', () => {
  test('the content script runs there (match_about_blank): blocked, fixed, sent once from the pop-out', async () => {
    const outlook = WEBMAILS.find((webmail) => webmail.name === 'outlook');
    await open(browser, outlook.page);
    await outlook.compose({ ...CLEAN, to: ['j.bos@bjzutrecht.nl'] });
    const main = await driver.getWindowHandle();
    await driver.findElement(By.css('.compose [data-action=popout]')).click();
    await driver.wait(async () => (await driver.getAllWindowHandles()).length === 2, 5000, 'no pop-out window');
    const popout = (await driver.getAllWindowHandles()).find((handle) => handle !== main);
    await driver.switchTo().window(popout);
    try {
      assert.equal(await driver.getCurrentUrl(), 'about:blank');
      await driver.findElement(By.css('.compose [id$=__primaryActionButton]')).click();
      const ui = await waitForWarning(driver);
      assert.equal(ui.action, 'block', 'the warning shows in the pop-out');
      await screenshot(browser, 'firefox-outlook-popout-block-nl');
      await button(ui, { fix: 'replace-recipient' }).element.click();
      await button(await waitForWarning(driver, /Alles is opgelost/), { choice: 'send' }).element.click();
    } finally {
      await driver.close();
      await driver.switchTo().window(main);
    }
    await driver.wait(async () => (await sent(browser)).length > 0, 5000, 'the mail was not sent');
    await driver.sleep(300);
    const sends = await sent(browser);
    assert.equal(sends.length, 1);
    assert.equal(sends[0].window, 'popout');
    assert.deepEqual(sends[0].to, ['j.bos@samenveilig.nl']);
  });
});

test('Firefox and the extension tried to reach nothing outside this machine', () => {
  assert.deepEqual(browser.outsideRequests(), []);
});
