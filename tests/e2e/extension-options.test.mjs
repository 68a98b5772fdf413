// The options page of the real unpacked extension (chrome-extension://<id>/options.html) in
// Debian's headless Chromium, with a real managed-policy file that has one invalid value (a bad
// domain in retiredDomains) and an unknown key: the status, the
// policy errors with their key, every setting marked managed or default, the audit log after a
// real send decision on the generic fixture webmail, CSV and JSON exports holding that entry and
// no message text, and the test box (block for the retired domain, nothing for a clean internal
// mail). Screenshots, Dutch and English and at 200% zoom, go to
// tests/e2e/screenshots/extension-options-*.png.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_ID, extensionDir, launch, open, screenshots } from './lib/extension.mjs';
import { clickUi, extensionUi, waitForWarning as warning } from './lib/shadow.mjs';
import { POLICY_DIR } from './lib/chromium.mjs';

const POLICY_NAME = 'zorgvuldig-e2e-options';

const BASE_POLICY = {
  internalDomains: ['samenveilig.nl'],
  // The second entry is not a domain: that one entry is skipped, the first still protects.
  retiredDomains: [{ domain: 'bjzutrecht.nl', successor: 'samenveilig.nl' }, { domain: 'bjz utrecht!nl' }],
  trustedDomains: ['veiligthuis.nl'],
  webmailHosts: ['127.0.0.1'],
  requireJustification: true,
  // An unknown key (a typo of trustedDomains). Chromium checks managed policy against the
  // extension's schema and drops keys the schema does not have before the extension sees them
  // (chrome://policy lists them), so this one never reaches the page; Firefox's policies.json
  // does pass it, and the core then reports it.
  trustedDomain: ['jeugdhulpzeist.nl'],
};
/** What reaches chrome.storage.managed: the file's policy without the unknown key. */
const arrived = ({ trustedDomain, ...rest }) => rest;
const MANAGED_KEYS = ['internalDomains', 'retiredDomains', 'trustedDomains', 'webmailHosts', 'requireJustification', 'language'];
const DEFAULT_KEYS = [
  'retiredAddresses',
  'freemailDomains',
  'encryptionMarkers',
  'customPatterns',
  'sensitiveTerms',
  'actions',
  'enforcement',
  'allowOverride',
  'largeAudienceThreshold',
  'failMode',
  'adapterSelectors',
];
const SENSITIVE = {
  to: 'info@jeugdhulpzeist.nl',
  subject: 'Aanmelding Daan',
  body: 'BSN van de cliënt: 123.456.782. Na een suïcidepoging opgenomen.',
};
const JUSTIFICATION = 'Afgestemd met teamleider';
const OPTIONS_URL = `chrome-extension://${EXTENSION_ID}/options.html`;

/** Waits until the managed policy written by launch() has reached the extension; fails loudly
 *  when another file in the policy directory would be merged into it. */
async function policyArrived(browser, expected) {
  let managed = {};
  for (let i = 0; i < 100; i++) {
    const worker = browser.context.serviceWorkers().at(-1) ?? browser.worker;
    managed = await worker.evaluate(() => chrome.storage.managed.get(null)).catch(() => ({}));
    if (Object.keys(managed).length) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const others = readdirSync(POLICY_DIR).filter((name) => name !== `${POLICY_NAME}.json`);
  assert.deepEqual(
    managed,
    expected,
    `the extension sees the test's policy (other files in ${POLICY_DIR}: ${others.join(', ') || 'none'})`,
  );
}

/** Opens the options page and waits until it has rendered with the managed policy and the
 *  service worker's status. */
async function openOptions(browser) {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(OPTIONS_URL);
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForSelector('#protection.on, #protection.report, #protection.off');
  await page.waitForSelector('#policy-table tr[data-key="internalDomains"][data-source="managed"]');
  return { page, errors };
}

const rowSource = (page, key) => page.getAttribute(`#policy-table tr[data-key="${key}"]`, 'data-source');
const text = (page, selector) => page.locator(selector).innerText();

/** Fills the test box the way an administrator types (so the live input events fire). */
async function tryMessage(page, { to = '', cc = '', bcc = '', subject = '', body = '', attachments = '' }) {
  for (const [id, value] of Object.entries({ to, cc, bcc, subject, body, attachments })) await page.fill(`#t-${id}`, value);
}

async function verdictOf(page, action) {
  await page.waitForSelector(`#verdict[data-action="${action}"]`, { timeout: 5000 });
  return {
    text: await text(page, '#verdict'),
    rules: await page.locator('#verdict li[data-rule]').evaluateAll((nodes) => nodes.map((n) => n.dataset.rule)),
  };
}

async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  assert.equal(await file.failure(), null, 'the download completed');
  return { name: file.suggestedFilename(), url: file.url(), body: readFileSync(await file.path(), 'utf8') };
}

describe('options page (Dutch): status, policy, errors, audit log, exports, test box', () => {
  let browser;
  const policy = { ...BASE_POLICY, language: 'nl' };
  before(async () => {
    browser = await launch({ policyName: POLICY_NAME, policy });
    await policyArrived(browser, arrived(policy));
  });
  after(async () => {
    await browser?.stop();
  });

  test('status: version, id, core version, protection active, policy managed', async () => {
    const { page, errors } = await openOptions(browser);
    assert.equal(await page.getAttribute('html', 'lang'), 'nl');
    const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8'));
    assert.equal(await text(page, '[data-fact="extension-version"]'), manifest.version);
    assert.equal(await text(page, '[data-fact="extension-id"]'), EXTENSION_ID);
    assert.match(await text(page, '[data-fact="core-version"]'), /^\d+\.\d+\.\d+/);
    assert.match(await text(page, '#protection'), /Bescherming actief/);
    assert.equal(await text(page, '[data-fact="protection"]'), 'actief');
    assert.match(await text(page, '[data-fact="source"]'), /beheerd door uw organisatie/);
    assert.match(await text(page, '[data-fact="errors"]'), /^1 /);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('the invalid value shows with its key; everything else is managed or default', async () => {
    const { page } = await openOptions(browser);
    const bad = page.locator('#errors-body li[data-path="retiredDomains[1].domain"]');
    assert.match(await bad.innerText(), /Instelling: retiredDomains\[1\]\.domain \(Vervallen domeinen, nummer 2 in de lijst\)/);
    assert.match(await bad.innerText(), /'bjz utrecht!nl' is geen geldige domeinnaam/);
    assert.equal(await page.locator('#errors-body li').count(), 1, 'one error: Chromium dropped the unknown key itself');
    assert.match(await text(page, '#errors-body'), /chrome:\/\/policy/, 'the page says where Chromium lists what it dropped');
    assert.match(await text(page, '#errors-body'), /De rest van het beleid geldt wel/);
    // Every key of the policy file is managed; the partly invalid one says so; the rest is default.
    for (const key of MANAGED_KEYS) assert.equal(await rowSource(page, key), 'managed', `${key} is managed`);
    for (const key of DEFAULT_KEYS) assert.equal(await rowSource(page, key), 'default', `${key} is default`);
    assert.match(await text(page, 'tr[data-key="retiredDomains"] td.source'), /Beheerd\s+deels overgeslagen, zie fouten/);
    assert.match(await text(page, 'tr[data-key="internalDomains"] td.source'), /^Beheerd$/);
    assert.match(await text(page, 'tr[data-key="failMode"] td.source'), /^Standaard$/);
    // Values are readable lists, not JSON: the valid retired domain with its successor.
    assert.equal(await page.locator('tr[data-key="retiredDomains"] td.value li').count(), 1);
    assert.match(await text(page, 'tr[data-key="retiredDomains"] td.value'), /bjzutrecht\.nl → samenveilig\.nl/);
    assert.equal(await text(page, 'tr[data-key="internalDomains"] td.value li'), 'samenveilig.nl');
    assert.match(await text(page, 'tr[data-key="encryptionMarkers"] td.value'), /\[versleuteld\]/);
    assert.match(await text(page, 'tr[data-key="requireJustification"] td.value'), /^ja$/);
    // The raw JSON is there too, behind a toggle.
    assert.equal(await page.locator('#raw-effective').isVisible(), false);
    await page.click('#raw summary');
    assert.deepEqual(JSON.parse(await text(page, '#raw-managed')), arrived(policy));
    assert.deepEqual(JSON.parse(await text(page, '#raw-effective')).retiredDomains, [BASE_POLICY.retiredDomains[0]]);
    // Read-only: no editable control outside the test box.
    assert.equal(
      await page.locator('input, select, textarea').evaluateAll((nodes) => nodes.filter((n) => !n.closest('#test-form')).length),
      0,
    );
    await page.close();
  });

  test('the test box: block for the retired domain, no findings for a clean internal mail, live as you type', async () => {
    const { page, errors } = await openOptions(browser);
    assert.match(await text(page, '#verdict'), /Vul een ontvanger of tekst in/);
    await tryMessage(page, { to: 'Jan Bos <j.bos@bjzutrecht.nl>', subject: 'Dossier Daan', body: 'Hoi Jan, bijgaand het dossier.' });
    const blocked = await verdictOf(page, 'block');
    assert.match(blocked.text, /Geblokkeerd/);
    assert.match(blocked.text, /Niet verzenden/);
    assert.match(blocked.text, /j\.bos@bjzutrecht\.nl is een adres op bjzutrecht\.nl/);
    assert.match(blocked.text, /Vervang door j\.bos@samenveilig\.nl/);
    assert.deepEqual(blocked.rules, ['retired-domain']);
    // Typing changes the verdict without a button.
    await page.fill('#t-to', '');
    await page.locator('#t-to').pressSequentially('s.devries@samenveilig.nl', { delay: 5 });
    await page.fill('#t-subject', 'Overleg');
    await page.fill('#t-body', 'Tot donderdag!');
    const clean = await verdictOf(page, 'allow');
    assert.deepEqual(clean.rules, []);
    assert.match(clean.text, /Geen bevindingen/);
    // Sensitive content to an outside partner with a case-file attachment: a warning that names it.
    await tryMessage(page, { ...SENSITIVE, attachments: 'Verslag huisbezoek.pdf' });
    const warned = await verdictOf(page, 'warn');
    assert.ok(warned.rules.includes('external-unencrypted'));
    assert.ok(warned.rules.includes('sensitive-attachment'));
    assert.match(warned.text, /met een reden/, 'the policy requires a justification');
    await page.screenshot({
      path: join(screenshots, 'extension-options-test-box-nl.png'),
      fullPage: true,
      clip: await page.locator('#test').boundingBox(),
    });
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a send decision on the webmail appears in the log; CSV and JSON exports hold it and no message text', async () => {
    const { page: mail } = await open(browser, 'generic.html');
    await mail.fill('input[name=to]', SENSITIVE.to);
    await mail.fill('input[name=subject]', SENSITIVE.subject);
    await mail.fill('textarea[name=body]', SENSITIVE.body);
    await mail.click('button.send');
    const ui = await warning(mail);
    assert.equal(ui?.action, 'warn');
    await mail.keyboard.press('Shift+Tab');
    await mail.keyboard.type(JUSTIFICATION);
    await clickUi(
      mail,
      (await extensionUi(mail, 'warning')).buttons.find((b) => b.choice === 'override'),
    );
    await mail.waitForTimeout(400);
    assert.equal((await mail.evaluate(() => window.sent)).length, 1, 'sent once');
    await mail.close();

    const { page, errors } = await openOptions(browser);
    const row = page.locator('#audit-table tbody tr').first();
    await row.waitFor();
    const cells = await row.locator('td').allInnerTexts();
    assert.match(cells[1], /^127\.0\.0\.1:\d+$/);
    assert.match(cells[2], /waarschuwen/);
    assert.match(cells[3], /onversleuteld naar buiten/);
    assert.match(cells[3], /external-unencrypted/);
    assert.equal(cells[4], 'jeugdhulpzeist.nl');
    assert.equal(cells[5], 'toch verzonden');
    assert.equal(cells[6], JUSTIFICATION);
    assert.match(await text(page, '#audit-promise'), /Nooit de tekst van een bericht, nooit volledige e-mailadressen/);
    const log = await text(page, '#audit');
    assert.doesNotMatch(log, /123\.456\.782|123456782|suïcide|Aanmelding|info@/, 'the log shows no message text or address');

    const csv = await download(page, '#export-csv');
    assert.match(csv.name, /^zorgvuldig-logboek-.*\.csv$/);
    assert.match(csv.url, /^blob:chrome-extension:/, 'made in the page, no network');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r\n/);
    assert.equal(lines[0], 'time,host,adapter,action,intendedAction,enforcement,rules,recipientDomains,choice,justification,failure');
    const line = lines.find((l) => l.includes('override'));
    assert.ok(line, 'the override entry is in the CSV');
    assert.match(
      line,
      /,127\.0\.0\.1:\d+,generic,warn,,,[^,]*external-unencrypted[^,]*,jeugdhulpzeist\.nl,override,Afgestemd met teamleider,$/,
    );
    assert.doesNotMatch(csv.body, /123\.456\.782|123456782|suïcide|Aanmelding|info@|BSN/, 'no message text or address in the CSV');

    const json = await download(page, '#export-json');
    assert.match(json.name, /^zorgvuldig-logboek-.*\.json$/);
    const exported = JSON.parse(json.body);
    assert.equal(exported.extensionId, EXTENSION_ID);
    const entry = exported.entries.find((e) => e.choice === 'override');
    assert.match(entry.host, /^127\.0\.0\.1:\d+$/);
    assert.equal(entry.action, 'warn');
    assert.ok(entry.rules.includes('external-unencrypted'));
    assert.deepEqual(entry.recipientDomains, ['jeugdhulpzeist.nl']);
    assert.equal(entry.justification, JUSTIFICATION);
    assert.doesNotMatch(json.body, /123\.456\.782|123456782|suïcide|Aanmelding|info@|BSN/, 'no message text or address in the JSON');
    await page.screenshot({ path: join(screenshots, 'extension-options-nl.png'), fullPage: true });
    assert.deepEqual(errors, []);
    assert.deepEqual(
      browser.requests.filter((url) => !url.startsWith(browser.base) && !url.startsWith('chrome-extension://') && !url.startsWith('blob:')),
      [],
      'nothing left the browser',
    );
    await page.close();
  });

  test('at 200% zoom (640 CSS pixels wide) the page reflows: no sideways scrolling, keyboard reaches the exports', async () => {
    const { page } = await openOptions(browser);
    await page.setViewportSize({ width: 640, height: 450 });
    await page.waitForTimeout(100);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling of the page (overflow ${overflow}px)`);
    await page.screenshot({ path: join(screenshots, 'extension-options-zoom-200-nl.png'), fullPage: true });
    // Keyboard: the skip link first, then on to the export buttons by Tab alone.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.className), 'skip');
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement.id === 'export-csv');
    }
    assert.ok(reached, 'Tab reaches "Exporteer CSV"');
    await page.close();
  });
});

describe('options page (English, set by the policy)', () => {
  let browser;
  const policy = { ...BASE_POLICY, language: 'en' };
  before(async () => {
    browser = await launch({ policyName: POLICY_NAME, policy });
    await policyArrived(browser, arrived(policy));
  });
  after(async () => {
    await browser?.stop();
  });

  test('status, errors, policy, log and test box speak English', async () => {
    // One decision to show in the log: a retired recipient blocked, the user goes back.
    const { page: mail } = await open(browser, 'generic.html');
    await mail.fill('input[name=to]', 'j.bos@bjzutrecht.nl');
    await mail.fill('input[name=subject]', 'Case file');
    await mail.fill('textarea[name=body]', 'Attached.');
    await mail.click('button.send');
    assert.equal((await warning(mail))?.action, 'block');
    await mail.keyboard.press('Escape');
    await mail.waitForTimeout(300);
    await mail.close();

    const { page, errors } = await openOptions(browser);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.match(await text(page, 'h1'), /settings and log/);
    assert.match(await text(page, '#protection'), /Protection active/);
    assert.match(await text(page, '[data-fact="source"]'), /managed by your organisation/);
    assert.match(await text(page, '[data-fact="language"]'), /English \(set by the policy\)/);
    assert.match(
      await text(page, '#errors-body li[data-path="retiredDomains[1].domain"]'),
      /Setting: retiredDomains\[1\]\.domain \(Retired domains, entry 2 of the list\)\s+'bjz utrecht!nl' is not a valid domain name/,
    );
    assert.match(await text(page, 'tr[data-key="retiredDomains"] td.source'), /Managed\s+partly skipped, see errors/);
    assert.match(await text(page, 'tr[data-key="failMode"] td.source'), /^Default$/);
    const row = await page.locator('#audit-table tbody tr').first().locator('td').allInnerTexts();
    assert.match(row[2], /^block$/);
    assert.equal(row[4], 'bjzutrecht.nl');
    assert.equal(row[5], 'back to message');
    await tryMessage(page, { to: 'j.bos@bjzutrecht.nl', subject: 'Case file', body: 'Attached.' });
    const verdict = await verdictOf(page, 'block');
    assert.match(verdict.text, /Blocked/);
    assert.match(verdict.text, /a domain the organisation no longer owns/);
    await page.screenshot({ path: join(screenshots, 'extension-options-en.png'), fullPage: true });
    const json = await download(page, '#export-json');
    assert.match(json.name, /^zorgvuldig-log-.*\.json$/);
    assert.equal(JSON.parse(json.body).entries[0].choice, 'back');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
