// The Firefox build of the extension on a real Roundcube (Debian's roundcube 1.6 with dovecot and
// an SMTP server that stores what it receives, tests/roundcube/stack.mjs, all on 127.0.0.1), in
// Debian's headless Firefox ESR with the extension force-installed by policies.json. A caseworker
// logs in and sends; the assertions are on what the SMTP server received and on what the user
// sees. The HTML editor's body is in TinyMCE's iframe, which the content script reads from there.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { By, until } from 'selenium-webdriver';
import { parseMessage } from '../roundcube/mime.mjs';
import { startRoundcube } from '../roundcube/stack.mjs';
import { launch, openOptions, screenshot, type } from './lib/firefox.mjs';
import { button, noWarning, press, Key, waitForIndicator, waitForUi, waitForWarning } from './lib/ui.mjs';
import { WEBMAIL_POLICY as POLICY } from '../e2e/lib/policies.mjs';

const COLLEAGUE = 's.devries@samenveilig.nl';
const CLEAN = {
  to: [COLLEAGUE],
  subject: 'Overleg donderdag',
  body: 'Hoi Sanne, zullen we donderdag om tien uur overleggen? Groet, Marieke',
};
const RETIRED = {
  to: ['j.bos@bjzutrecht.nl'],
  subject: 'Dossier Daan',
  body: 'Hoi Jan, BSN van Daan: 123.456.782. Diagnose: PTSS na een suïcidepoging.',
};
const SENSITIVE = {
  to: ['info@jeugdhulpzeist.nl'],
  subject: 'Aanmelding',
  body: 'Aanmelding voor Daan, BSN 123.456.782. Hij heeft een suïcidepoging gedaan.',
};
const JUSTIFICATION = 'Spoedaanmelding, telefonisch afgestemd met de ontvanger';
/** Roundcube's Send button (elastic skin, the compose footer). */
const SEND = '#layout-content .formbuttons button.send';
/** After the last expected message, how long no further one may arrive (a second send). */
const QUIET_MS = 2500;
/** How long a send may take to reach the SMTP server (a bound that catches a hang). */
const DELIVERY_MS = 20000;

let stack;
let browser;
let driver;

/** The messages the SMTP server received after the first `since`: waits for `count` of them,
 *  then QUIET_MS more to see that no other one follows. */
async function received(since, count) {
  const deadline = Date.now() + DELIVERY_MS;
  while (stack.sink.messages().length < since + count && Date.now() < deadline) await driver.sleep(100);
  await driver.sleep(QUIET_MS);
  return stack.sink
    .messages()
    .slice(since)
    .map((m) => ({ ...m, ...parseMessage(m.data) }));
}

/** Opens Roundcube's compose window (switched to the HTML editor when `html`). */
async function openCompose({ html = false } = {}) {
  await driver.get(`${stack.url}?_task=mail&_action=compose`);
  await driver.wait(until.elementLocated(By.css('#compose-subject')), 10000);
  if (html) {
    // The plain-text editor's own switch to HTML (TinyMCE), as a user would click it.
    await driver.findElement(By.css('#composebodycontainer a.mce-i-html')).click();
    await driver.wait(until.elementLocated(By.css('#composebody_ifr')), 10000);
  }
}

/** Types a mail the way a user does: addresses into the recipient widget (a chip per comma), the
 *  body into the text area or TinyMCE's editable iframe. */
async function write({ to, subject, body }, { html = false } = {}) {
  for (const address of to) await type(browser, '#compose_to .recipient-input input', `${address},`);
  await type(browser, '#compose-subject', subject);
  if (!html) {
    await type(browser, '#composebody', body);
    return;
  }
  await driver.switchTo().frame(await driver.findElement(By.css('#composebody_ifr')));
  try {
    await type(browser, 'body#tinymce', body);
  } finally {
    await driver.switchTo().defaultContent();
  }
}

before(async () => {
  stack = await startRoundcube();
  try {
    browser = await launch({ policy: POLICY });
  } catch (error) {
    await stack.stop();
    throw error;
  }
  ({ driver } = browser);
  const [user] = stack.users;
  await driver.get(stack.url);
  await type(browser, '#rcmloginuser', user.address);
  await type(browser, '#rcmloginpwd', user.password);
  await driver.findElement(By.css('#rcmloginsubmit')).click();
  await driver.wait(until.urlContains('_task=mail'), 20000);
});

after(async () => {
  await browser?.stop();
  await stack?.stop();
});

for (const editor of ['plain', 'html']) {
  const html = editor === 'html';
  describe(`Firefox on Roundcube, ${editor} editor`, () => {
    test('BSN and a diagnosis to a retired domain: blocked, the SMTP server receives nothing', async () => {
      const since = stack.sink.messages().length;
      await openCompose({ html });
      await write(RETIRED, { html });
      await driver.findElement(By.css(SEND)).click();
      const ui = await waitForWarning(driver);
      assert.equal(ui.action, 'block');
      assert.ok(ui.rules.includes('retired-domain'), 'the retired domain is named');
      assert.ok(ui.rules.includes('external-unencrypted'), `the body was read from the ${editor} editor`);
      assert.match(ui.text, /••••••782/, 'the BSN is named, masked');
      assert.ok(!ui.buttons.some((b) => b.choice === 'override'), 'a block cannot be sent anyway');
      await screenshot(browser, `firefox-roundcube-${editor}-block-nl`);
      await press(driver, Key.ESCAPE);
      assert.ok(await noWarning(driver));
      assert.deepEqual(await received(since, 0), [], 'nothing reached the SMTP server');
      assert.match(await driver.getCurrentUrl(), /_action=compose/, 'the compose window is still open');
    });
  });
}

describe('Firefox on Roundcube: a clean mail and a warning sent anyway', () => {
  test('a clean mail to a colleague: no dialog, delivered exactly once as typed', async () => {
    const since = stack.sink.messages().length;
    await openCompose();
    await write(CLEAN);
    await waitForIndicator(driver, 'protected');
    await driver.findElement(By.css(SEND)).click();
    assert.ok(await noWarning(driver), 'no dialog');
    const messages = await received(since, 1);
    assert.equal(messages.length, 1, 'delivered exactly once');
    assert.deepEqual(messages[0].rcptTo, [COLLEAGUE]);
    assert.equal(messages[0].mailFrom, stack.users[0].address);
    assert.equal(messages[0].subject, CLEAN.subject);
    assert.equal(messages[0].text.trim().replace(/\s+/g, ' '), CLEAN.body);
  });

  test('sensitive content to an outside address, sent anyway with a reason: delivered once and logged', async () => {
    const since = stack.sink.messages().length;
    await openCompose();
    await write(SENSITIVE);
    await driver.findElement(By.css(SEND)).click();
    const ui = await waitForWarning(driver);
    assert.equal(ui.action, 'warn');
    assert.ok(button(ui, { choice: 'override' }).disabled, 'no send without a reason');
    await ui.fields[0].element.sendKeys(JUSTIFICATION);
    await screenshot(browser, 'firefox-roundcube-warn-nl');
    const ready = await waitForUi(driver, 'warning', (u) => !button(u, { choice: 'override' }).disabled);
    await button(ready, { choice: 'override' }).element.click();
    const messages = await received(since, 1);
    assert.equal(messages.length, 1, 'delivered exactly once');
    assert.deepEqual(messages[0].rcptTo, SENSITIVE.to);
    assert.match(messages[0].text, /BSN 123\.456\.782/, 'the message itself is unchanged');

    await openOptions(browser);
    const rows = await driver.findElements(By.css('#audit-table tbody tr'));
    const texts = await Promise.all(rows.map((row) => row.getText()));
    const entry = texts.find((text) => text.includes(JUSTIFICATION));
    assert.ok(entry, 'the options page lists the decision with its reason');
    assert.match(entry, /jeugdhulpzeist\.nl/);
    assert.match(entry, /toch verzonden/i);
  });
});

test('Roundcube logged no error (IMAP, SMTP, PHP)', () => {
  assert.equal(stack.errors(), '');
});

test('Firefox and the extension tried to reach nothing outside this machine', () => {
  assert.deepEqual(browser.outsideRequests(), []);
});
