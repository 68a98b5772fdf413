// What is inside an attachment counts: the real extension in Chromium reads the file where the
// user attaches it (a file input, a drop, a paste) on the fixture webmails, through the
// extractors' Wasm module in its background, with LibreOffice's documents from
// tests/attachments/files/. A case file under an innocent name to an external address warns and
// names the file and page; an ordinary document passes; the webmail still receives the very file
// (its SHA-256, as the page computed it); an attachment the extension did not see being added
// (already in the draft when the page opened) is reported as not seen. The policy makes
// `unreadable-attachment` a warning (it is information by default), so its message shows.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, open, root, screenshots } from './lib/extension.mjs';
import { clickUi, extensionUi, waitForWarning as warning } from './lib/shadow.mjs';
import { gmail, outlook, roundcube } from './lib/webmails.mjs';

const POLICY = {
  internalDomains: ['samenveilig.nl'],
  retiredDomains: [{ domain: 'bjzutrecht.nl', successor: 'samenveilig.nl' }],
  webmailHosts: ['127.0.0.1'],
  actions: { 'unreadable-attachment': 'warn' },
  language: 'nl',
};

const files = join(root, 'tests', 'attachments', 'files');
/** The report (BSN on page 1, a child-protection measure), under the innocent name a scanner gives. */
const CASE_FILE = { name: 'scan_0012.pdf', mimeType: 'application/pdf', buffer: readFileSync(join(files, 'verslag.pdf')) };
/** An invitation to a team outing. */
const ORDINARY = { name: 'uitnodiging.pdf', mimeType: 'application/pdf', buffer: readFileSync(join(files, 'gewoon.pdf')) };
const EXTERNAL = { to: ['administratie@obs-dewegwijzer.nl'], subject: 'Stukken', body: 'Hierbij de stukken.' };
const NAMED = /Pagina 1 van de bijlage scan_0012\.pdf bevat een burgerservicenummer \(••••••869\)/;
/** The dialog's line that says where the sensitive content is: the file by its name, and the page. */
const PLACE = /In de bijlage 'scan_0012\.pdf' \(pagina 1\): ••••••869/;

const sha256 = (buffer) => createHash('sha256').update(buffer).digest('hex');
const sent = (page) => page.evaluate(() => window.sent);
const attached = (page) => page.evaluate(() => window.attached);

/** Drops (`drop`) or pastes (`paste`) a file on `selector`, as the browser does for a user: the
 *  event carries the file in its DataTransfer. */
async function deliver(page, kind, selector, file) {
  await page.evaluate(
    ({ kind, selector, name, type, data }) => {
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], name, { type }));
      const target = document.querySelector(selector);
      const event =
        kind === 'drop'
          ? new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true, composed: true })
          : new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true, composed: true });
      target.dispatchEvent(event);
    },
    { kind, selector, name: file.name, type: file.mimeType, data: file.buffer.toString('base64') },
  );
}

/** How each test attaches: the file input on Gmail's copy, a drop on Outlook's, a paste on Roundcube's. */
const WAYS = [
  { way: 'the file input', webmail: gmail, attach: (page, file) => page.setInputFiles(`${gmail.scope()} input[type=file]`, file) },
  {
    way: 'a drop',
    webmail: outlook,
    attach: (page, file) => deliver(page, 'drop', `${outlook.scope()} [id^=editorParent_] [role=textbox]`, file),
  },
  { way: 'a paste', webmail: roundcube, attach: (page, file) => deliver(page, 'paste', '#composebody', file) },
];

let browser;
before(async () => {
  browser = await launch({ policy: POLICY, policyName: 'zorgvuldig-e2e-attachments' });
  for (let i = 0; i < 100; i++) {
    const managed = await browser.worker.evaluate(() => chrome.storage.managed.get(null));
    if (managed.webmailHosts) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
});
after(async () => {
  await browser?.stop();
});

for (const { way, webmail, attach } of WAYS) {
  test(`${webmail.name}: a case file attached by ${way} under an innocent name warns, naming the file and page; nothing is sent`, async () => {
    const { page, errors } = await open(browser, webmail.page);
    await webmail.compose(page, EXTERNAL);
    await attach(page, CASE_FILE);
    // Send at once: the file may still be being read; the send waits for it, it does not pass.
    await page.click(webmail.sendButton());
    const ui = await warning(page);
    assert.ok(ui, 'the warning appears');
    assert.equal(ui.action, 'warn');
    assert.match(ui.text, NAMED);
    assert.match(ui.text, PLACE);
    assert.doesNotMatch(ui.text, /Bijlage: /, 'no place without the file name');
    assert.ok(ui.rules.includes('external-unencrypted'), `rules: ${ui.rules}`);
    assert.ok(!ui.text.includes('162275869'), 'the BSN is masked');
    await page.screenshot({ path: join(screenshots, `extension-${webmail.name}-attachment-nl.png`) });
    assert.equal((await sent(page)).length, 0, 'nothing was sent');
    // The webmail got the very file: the event and the file were left alone.
    assert.deepEqual(await attached(page), [{ name: CASE_FILE.name, size: CASE_FILE.buffer.length, sha256: sha256(CASE_FILE.buffer) }]);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('gmail: an ordinary document attached by the file input passes; the mail goes once', async () => {
  const { page, errors } = await open(browser, gmail.page);
  await gmail.compose(page, EXTERNAL);
  await page.setInputFiles(`${gmail.scope()} input[type=file]`, ORDINARY);
  await page.click(gmail.sendButton());
  for (let i = 0; i < 100 && !(await sent(page)).length; i++) await page.waitForTimeout(50);
  assert.equal(await extensionUi(page, 'warning'), null, 'no dialog');
  assert.equal((await sent(page)).length, 1);
  assert.deepEqual(await attached(page), [{ name: ORDINARY.name, size: ORDINARY.buffer.length, sha256: sha256(ORDINARY.buffer) }]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('roundcube: an attachment already in the draft when the page opened (not seen being added) is reported, not taken as clean', async () => {
  const { page } = await open(browser, `${roundcube.page}?attach=document.pdf`);
  await roundcube.compose(page, EXTERNAL);
  await page.click(roundcube.sendButton());
  const ui = await warning(page);
  assert.ok(ui, 'the warning appears');
  assert.deepEqual(ui.rules, ['unreadable-attachment']);
  assert.match(ui.text, /De inhoud van de bijlage document\.pdf is niet gecontroleerd: zorgvuldig zag het niet toevoegen/);
  assert.equal((await sent(page)).length, 0, 'held until the user decides');
  // "Toch verzenden" sends it once, as the policy allows for a warning.
  const send = ui.buttons.find((b) => b.choice === 'override');
  assert.ok(send, 'a warning can be sent anyway');
  await clickUi(page, send);
  for (let i = 0; i < 100 && !(await sent(page)).length; i++) await page.waitForTimeout(50);
  assert.equal((await sent(page)).length, 1);
  await page.close();
});
