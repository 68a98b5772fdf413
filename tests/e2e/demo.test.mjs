// End-to-end tests of the training demo (web/demo/) in Debian's headless Chromium, driven by
// playwright-core. The trainee's side of every scenario: type in the mail client, pick from the
// address book's suggestions, click Send, answer the warning (the extension's own dialog, read
// through its closed shadow root with lib/shadow.mjs), read the feedback. Plus trainer mode, the
// page about 2019, English, and an axe-core accessibility check.
//
// Needs `make demo-build` (web/pkg and the scenario's file). The tests serve a copy of web/demo,
// web/shared and web/pkg from a temporary directory, so they also show that the demo works from
// any static server with nothing else of the repository.
// Screenshots go to tests/e2e/screenshots/demo-*.png (git-ignored).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { CHROMIUM_ARGS, executablePath } from './lib/chromium.mjs';
import { clickUi, extensionUi, waitForWarning } from './lib/shadow.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const web = join(root, 'web');
/** What the demo page loads: its own folder, the shared UI and the Wasm packages. */
const DEMO_FOLDERS = ['demo', 'shared', 'pkg'];
const shots = join(here, 'screenshots');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let server;
let browser;
let base;
let copy;
const requests = [];

/** A fresh page on the demo, every request recorded; page errors fail the test. */
async function openDemo(
  t,
  { path = '', viewport = { width: 1366, height: 900 }, openShadowRoots = false, blockCore = false, ...options } = {},
) {
  const context = await browser.newContext({ viewport, ...options });
  const page = await context.newPage();
  if (blockCore) await page.route('**/zorgvuldig_bg.wasm', (route) => route.abort());
  const errors = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(new Error(`${response.status()} ${response.url()}`));
  });
  page.on('pageerror', (error) => errors.push(error));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(new Error(message.text()));
  });
  if (openShadowRoots) {
    // axe-core cannot look into a closed shadow root; for the accessibility check only, the
    // warning's root is created open. Everything else about the dialog stays the same.
    await page.addInitScript(() => {
      const attach = Element.prototype.attachShadow;
      Element.prototype.attachShadow = function (init) {
        return attach.call(this, { ...init, mode: 'open' });
      };
    });
  }
  t.after(async () => {
    await context.close();
    // With the core blocked, the failed load is the one expected error.
    const unexpected = errors.filter((e) => !(blockCore && /zorgvuldig_bg\.wasm|Failed to load resource|net::ERR_FAILED/.test(String(e))));
    assert.deepEqual(unexpected.map(String), [], 'no errors on the page');
  });
  await page.goto(`${base}${path}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
  return page;
}

async function shot(page, name) {
  await page.screenshot({ path: join(shots, `demo-${name}.png`) });
}

/** Types into a recipient field and picks the suggestion with this address, as a trainee does. */
async function pickRecipient(page, typed, address, field = 'to') {
  const input = page.locator(`#compose-${field}`);
  await input.click();
  await input.pressSequentially(typed, { delay: 15 });
  const option = page.locator(`#compose-${field}-suggestions [role=option][data-address="${address}"]`);
  await option.waitFor();
  await option.click();
  assert.match(await input.inputValue(), new RegExp(`<${address.replace(/[.]/g, '\\.')}>, $`));
}

/** Types into a recipient field and picks the suggestion the address book gives by name only. */
async function pickNameOnly(page, typed, field = 'to') {
  const input = page.locator(`#compose-${field}`);
  await input.click();
  await input.pressSequentially(typed, { delay: 15 });
  const options = page.locator(`#compose-${field}-suggestions [role=option]`);
  await options.first().waitFor();
  assert.equal(await options.first().getAttribute('data-name-only'), '', 'the entry without an address is the top suggestion');
  await options.first().click();
  assert.doesNotMatch(await input.inputValue(), /@/, 'only the name is in the field');
}

async function addAttachment(page, name) {
  await page.getByRole('button', { name: /Bijlage toevoegen|Add attachment/ }).click();
  await page.locator(`#attachment-menu button[data-document="${name}"]`).click();
  await page.locator('.compose .attachment', { hasText: name }).waitFor();
}

/** Types the reason into the warning's justification box (focus moved there by the DevTools protocol). */
async function typeJustification(page, reason) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root: doc } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const find = (node) => {
      if (node.nodeName === 'TEXTAREA' && node.attributes?.includes('reason')) return node;
      for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) {
        const hit = find(child);
        if (hit) return hit;
      }
      return null;
    };
    const box = find(doc);
    assert.ok(box, 'the warning asks for a reason');
    await cdp.send('DOM.focus', { backendNodeId: box.backendNodeId });
  } finally {
    await cdp.detach();
  }
  await page.keyboard.type(reason);
}

async function chooseInWarning(page, choice) {
  const ui = await extensionUi(page, 'warning');
  const button = ui.buttons.find((b) => (choice.fix ? b.fix === choice.fix : b.choice === choice.choice));
  assert.ok(button, `the warning offers ${JSON.stringify(choice)}: ${JSON.stringify(ui.buttons.map((b) => b.text))}`);
  assert.equal(button.disabled, false, `${button.text} can be clicked`);
  await clickUi(page, button);
}

/** Clicks Send and returns the warning (null when the message went without one). */
async function clickSend(page) {
  await page.locator('#send').click();
  const outcome = await Promise.race([
    waitForWarning(page).then((ui) => ui ?? 'timeout'),
    page
      .locator('#feedback[open]')
      .waitFor({ state: 'visible' })
      .then(() => null),
  ]);
  assert.notEqual(outcome, 'timeout', 'after Send either the warning or the feedback shows');
  return outcome ?? (await extensionUi(page, 'warning'));
}

/** The feedback dialog after the trainee's choice: its outcome and text; then it is closed. */
async function feedback(page, { close = true } = {}) {
  const box = page.locator('#feedback[open]');
  await box.waitFor({ state: 'visible' });
  const result = { outcome: await box.getAttribute('data-outcome'), text: await box.innerText() };
  if (close) {
    await page.locator('#feedback-close').click();
    await box.waitFor({ state: 'hidden' });
  }
  return result;
}

async function sentCount(page) {
  await page.locator('.folder', { hasText: /Verzonden|Sent/ }).click();
  return page.locator('#messages button.message').count();
}

/**
 * Every scenario as the trainee plays it: what they do before Send, the warning that must show
 * (rules that must be in it, text the trainee reads), the choice they make in it, and the feedback.
 */
const SCENARIOS = [
  {
    id: 'case-2019',
    play: (page) => pickRecipient(page, 'Marieke', 'm.deboer@bjzkompas.nl'),
    warning: {
      action: 'block',
      rules: ['retired-domain'],
      text: /m\.deboer@bjzkompas\.nl is een adres op bjzkompas\.nl, een domein dat niet meer van de organisatie is/,
    },
    choices: [{ fix: 'replace-recipient' }, { choice: 'send' }],
    feedback: { outcome: 'fixed', text: [/3\.278 dossiers van 2\.702 kinderen/, /Kies het adres op kompasjeugd\.nl/] },
    sent: { to: 'Marieke de Boer <m.deboer@kompasjeugd.nl>' },
  },
  {
    id: 'external-bsn',
    play: (page) => pickRecipient(page, 'GGZ', 'intake@ggzdeweg.nl'),
    warning: { action: 'warn', rules: ['external-unencrypted'], text: /Zet \[versleuteld\] in het onderwerp/ },
    choices: [{ reason: 'Spoed, de GGZ belt vandaag' }, { choice: 'override' }],
    feedback: {
      outcome: 'override',
      text: [/Dit had mis kunnen gaan/, /zorgvuldig waarschuwde, maar u heeft het bericht toch verzonden/, /BSN en de diagnose van Lotte/],
    },
    sent: { to: 'Intake GGZ De Weg <intake@ggzdeweg.nl>' },
  },
  {
    id: 'external-encrypted',
    play: async (page) => {
      await pickRecipient(page, 'GGZ', 'intake@ggzdeweg.nl');
      await page.locator('#compose-subject').press('Home');
      await page.locator('#compose-subject').pressSequentially('[versleuteld] ');
    },
    warning: null,
    feedback: { outcome: 'quiet', text: [/Goed gedaan/, /Wie het goed doet, merkt niets van zorgvuldig/] },
    sent: { subject: '[versleuteld] Aanmelding Lotte' },
  },
  {
    id: 'lookalike',
    play: async (page) => {
      await page.getByRole('button', { name: 'Beantwoorden', exact: true }).click();
      assert.match(await page.locator('#compose-to').inputValue(), /j\.smit@kornpasjeugd\.nl/);
      await addAttachment(page, 'Overzicht plaatsingen 2026.xlsx');
    },
    warning: { action: 'warn', rules: ['lookalike-domain'], text: /lijkt op kompasjeugd\.nl/ },
    choices: [{ choice: 'back' }],
    feedback: { outcome: 'back', text: [/Goed dat u terugging/, /kornpasjeugd\.nl/, /Er is niets verzonden/] },
    sent: null,
  },
  {
    id: 'parent-freemail',
    play: (page) => page.getByRole('button', { name: 'Beantwoorden', exact: true }).click(),
    warning: { action: 'warn', rules: ['external-unencrypted', 'freemail-recipient'], text: /sandra\.bakker82@hotmail\.com/ },
    choices: [{ choice: 'back' }],
    feedback: { outcome: 'back', text: [/Hotmail-adres/, /zonder details/] },
    sent: null,
  },
  {
    id: 'reply-all',
    play: async (page) => {
      await page.getByRole('button', { name: 'Allen beantwoorden', exact: true }).click();
      assert.equal((await page.locator('#compose-to').inputValue()).split(',').length, 17);
      assert.equal((await page.locator('#compose-cc').inputValue()).split(',').length, 5);
    },
    warning: { action: 'warn', rules: ['large-audience', 'external-unencrypted'], text: /ontvangers/ },
    choices: [{ choice: 'back' }],
    feedback: { outcome: 'back', text: [/22 mensen bij 20 organisaties/, /Klik op Beantwoorden \(alleen de afzender\)/] },
    sent: null,
  },
  {
    id: 'attachment',
    play: async (page) => {
      await pickRecipient(page, 'Dekker', 'm.dekker@obsdebrug.nl');
      await addAttachment(page, 'Verslag huisbezoek fam. Yilmaz.pdf');
    },
    warning: { action: 'warn', rules: ['external-unencrypted'], text: /Verslag huisbezoek/ },
    choices: [{ fix: 'add-subject-marker' }, { choice: 'send' }],
    feedback: { outcome: 'fixed', text: [/zorgvuldig hield het bericht tegen. U heeft het aangepast/, /bijlage/] },
    sent: { subject: '[versleuteld] Gevraagde stukken' },
  },
  {
    // The real LibreOffice file, read by the extractors in the page: the warning names its page.
    id: 'attachment-inside',
    play: async (page) => {
      await pickRecipient(page, 'Dekker', 'm.dekker@obsdebrug.nl');
      await addAttachment(page, 'scan_0012.pdf');
    },
    warning: {
      action: 'warn',
      rules: ['external-unencrypted', 'bsn'],
      text: /Pagina 1 van de bijlage scan_0012\.pdf bevat een burgerservicenummer/,
    },
    choices: [{ choice: 'back' }],
    feedback: { outcome: 'back', text: [/Een bestandsnaam zegt niets over de inhoud/] },
    sent: null,
  },
  {
    id: 'retired-address',
    play: (page) => pickRecipient(page, 'Henk', 'h.visser@kompasjeugd.nl'),
    warning: { action: 'block', rules: ['retired-address'], text: /niet meer in gebruik/ },
    choices: [{ choice: 'back' }],
    feedback: { outcome: 'back', text: [/Team Noord/] },
    sent: null,
  },
  {
    id: 'unresolved-recipient',
    play: (page) => pickNameOnly(page, 'Fleur'),
    warning: {
      action: 'warn',
      rules: ['unresolved-recipient', 'external-unencrypted'],
      text: /Het adres van 'Fleur Jansen' kon niet worden gecontroleerd: open de ontvanger en controleer het domein voordat u verstuurt/,
    },
    choices: [{ choice: 'back' }],
    feedback: {
      outcome: 'back',
      text: [/Achter de naam Fleur Jansen kan elk adres zitten/, /Open de ontvanger en kijk wat er achter de @ staat/],
    },
    sent: null,
  },
  {
    id: 'ordinary',
    play: (page) => pickRecipient(page, 'Jeroen', 'j.smit@kompasjeugd.nl'),
    warning: null,
    feedback: { outcome: 'quiet', text: [/Het bericht is verzonden, zonder melding. Dat klopt/] },
    sent: { to: 'Jeroen Smit <j.smit@kompasjeugd.nl>' },
  },
];

describe('training demo', () => {
  before(async () => {
    assert.ok(existsSync(join(web, 'pkg', 'core', 'zorgvuldig_bg.wasm')), 'web/pkg/core is built (make demo-build)');
    assert.ok(existsSync(executablePath), `Chromium at ${executablePath}`);
    mkdirSync(shots, { recursive: true });
    for (const old of readdirSync(shots).filter((f) => f.startsWith('demo-'))) rmSync(join(shots, old));
    // Serve a copy: the built demo must work without anything else from the repository.
    copy = mkdtempSync(join(tmpdir(), 'zorgvuldig-demo-'));
    for (const folder of DEMO_FOLDERS) cpSync(join(web, folder), join(copy, folder), { recursive: true });
    server = await serve({ root: copy, port: 0 });
    base = `http://127.0.0.1:${server.address().port}/demo/`;
    browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  });

  after(async () => {
    await browser?.close();
    await new Promise((done) => (server ? server.close(done) : done()));
    if (copy) rmSync(copy, { recursive: true, force: true });
  });

  test("the demo loads the extension's own warning UI files from their one place (web/shared), not a copy", () => {
    const sources = readdirSync(join(web, 'shared'))
      .filter((f) => f.endsWith('.js'))
      .sort();
    assert.deepEqual(sources, ['decision.js', 'element.js', 'indicator.js', 'strings.js', 'warning.js']);
    const html = readFileSync(join(web, 'demo', 'index.html'), 'utf8');
    for (const file of sources) {
      assert.match(html, new RegExp(`<script src="\\.\\./shared/${file}"></script>`));
      assert.ok(!existsSync(join(web, 'demo', file)) && !existsSync(join(web, 'demo', 'ui')), `no copy of ${file} in web/demo`);
    }
  });

  test('the list has every scenario, each with data-scenario', async (t) => {
    const page = await openDemo(t);
    const ids = await page.locator('#scenario-list [data-scenario]').evaluateAll((nodes) => nodes.map((n) => n.dataset.scenario));
    assert.deepEqual(
      ids,
      SCENARIOS.map((s) => s.id),
    );
    assert.ok(ids.length >= 8);
  });

  SCENARIOS.forEach((scenario, index) => {
    const number = String(index + 1).padStart(2, '0');
    test(`scenario ${scenario.id}: the trainee's choice and its feedback`, async (t) => {
      const page = await openDemo(t);
      await page.locator(`[data-scenario="${scenario.id}"]`).click();
      assert.equal(await page.locator('#exercise').getAttribute('data-current'), scenario.id);
      assert.ok((await page.locator('#exercise-story').innerText()).length > 40, 'a story');
      assert.ok((await page.locator('#exercise-goal').innerText()).length > 20, 'a goal');
      assert.ok(await page.locator('#feedback').isHidden(), 'no feedback before the choice');

      await scenario.play(page);
      const warning = await clickSend(page);
      if (!scenario.warning) {
        assert.equal(warning, null, 'no warning');
      } else {
        assert.ok(warning, 'a warning shows');
        assert.equal(warning.role, 'alertdialog');
        assert.equal(warning.action, scenario.warning.action);
        for (const rule of scenario.warning.rules) assert.ok(warning.rules.includes(rule), `${rule} in ${warning.rules}`);
        assert.match(warning.text, scenario.warning.text);
        assert.ok(await page.locator('#feedback').isHidden(), 'no feedback while the warning is open');
        await shot(page, `${number}-${scenario.id}-warning`);
        for (const choice of scenario.choices) {
          if (choice.reason) await typeJustification(page, choice.reason);
          else await chooseInWarning(page, choice);
          if (choice.fix) {
            // The dialog shows the new verdict; the draft has the fix.
            for (let i = 0; i < 50 && (await extensionUi(page, 'warning'))?.buttons.some((b) => b.fix === choice.fix); i++)
              await page.waitForTimeout(50);
          }
        }
        assert.equal(await extensionUi(page, 'warning'), null, 'the warning is closed');
      }

      await page.locator('#feedback[open]').waitFor();
      await shot(page, `${number}-${scenario.id}-feedback`);
      const result = await feedback(page);
      assert.equal(result.outcome, scenario.feedback.outcome);
      for (const pattern of scenario.feedback.text) assert.match(result.text, pattern);

      if (scenario.sent) {
        assert.equal(await page.locator('#compose').count(), 0, 'the compose window closed');
        assert.match(await page.locator('.sent-note').innerText(), /verzonden/);
        assert.equal(await sentCount(page), 1, 'sent exactly once');
        await page.locator('#messages button.message').first().click();
        const reader = await page.locator('.reader').innerText();
        if (scenario.sent.to) assert.ok(reader.includes(scenario.sent.to), `sent to ${scenario.sent.to}`);
        if (scenario.sent.subject) assert.equal(await page.locator('#reader-subject').innerText(), scenario.sent.subject);
        assert.ok(await page.locator(`[data-scenario="${scenario.id}"] .done`).isVisible(), 'marked as done');
      } else {
        assert.ok(await page.locator('#compose').isVisible(), 'the draft is still open');
        assert.equal(await sentCount(page), 0, 'nothing was sent');
      }
    });
  });

  test('the 2019 case done right at once: no warning, and the feedback says so', async (t) => {
    const page = await openDemo(t);
    await pickRecipient(page, 'Marieke', 'm.deboer@kompasjeugd.nl');
    assert.equal(await clickSend(page), null);
    const result = await feedback(page, { close: false });
    assert.equal(result.outcome, 'cleanFirst');
    assert.match(result.text, /u deed het meteen goed/);
    assert.match(result.text, /bjzkompas\.nl/, 'the risk is still explained');
    // Closing the feedback leaves the outcome in the panel, with a way back to the explanation.
    await page.keyboard.press('Escape');
    await page.locator('#feedback').waitFor({ state: 'hidden' });
    assert.equal(await page.locator('#exercise-outcome-text').innerText(), 'Uw keuze: Goed gedaan.');
    await page.getByRole('button', { name: 'Uitleg opnieuw bekijken' }).click();
    assert.equal((await feedback(page)).outcome, 'cleanFirst');
  });

  test('the indicator names the old-domain address while the trainee is still typing', async (t) => {
    const page = await openDemo(t);
    await pickRecipient(page, 'Marieke', 'm.deboer@bjzkompas.nl');
    let indicator;
    for (let i = 0; i < 60 && indicator?.action !== 'issues'; i++) {
      await page.waitForTimeout(50);
      indicator = await extensionUi(page, 'indicator');
    }
    assert.equal(indicator?.action, 'issues');
    assert.match(indicator.text, /m\.deboer@bjzkompas\.nl: dit domein is niet meer van de organisatie – gebruik m\.deboer@kompasjeugd\.nl/);
    await shot(page, '20-indicator');
  });

  test('a colleague by name only: named while typing, no removal offered; with her address the mail goes', async (t) => {
    const page = await openDemo(t, { path: '#/unresolved-recipient' });
    await pickNameOnly(page, 'Fleur');
    let indicator;
    for (let i = 0; i < 60 && indicator?.action !== 'issues'; i++) {
      await page.waitForTimeout(50);
      indicator = await extensionUi(page, 'indicator');
    }
    assert.match(indicator?.text ?? '', /Fleur Jansen: adres niet te controleren/);
    // Her address may be outside the organisation: the text with a client number may leave, not
    // certainly leaves.
    assert.match(indicator.text, /Fleur Jansen: gevoelige gegevens gaan misschien onversleuteld naar buiten/);
    const warning = await clickSend(page);
    assert.equal(warning.action, 'warn');
    assert.deepEqual(
      warning.buttons.filter((b) => b.fix === 'remove-recipient').map((b) => b.text),
      [],
      'no removal: the recipient is probably right, only the address is unseen',
    );
    assert.match(warning.text, /Fleur Jansen', van wie het adres niet kon worden gecontroleerd en dus buiten de organisatie kan zijn/);
    await chooseInWarning(page, { choice: 'back' });
    assert.equal((await feedback(page)).outcome, 'back');
    // The right path: the name out, the line with her address at our own domain in.
    await page.locator('#compose-to').fill('');
    await pickRecipient(page, 'Fleur', 'f.jansen@kompasjeugd.nl');
    assert.equal(await clickSend(page), null, 'no warning with her address at kompasjeugd.nl');
    assert.equal((await feedback(page)).outcome, 'fixed');
    assert.equal(await sentCount(page), 1, 'sent exactly once');
  });

  test('the suggestions work with the keyboard: arrow down, Enter', async (t) => {
    const page = await openDemo(t);
    const input = page.locator('#compose-to');
    await input.click();
    await input.pressSequentially('jeroen');
    assert.equal(await input.getAttribute('aria-expanded'), 'true');
    const options = await page.locator('#compose-to-suggestions [role=option]').evaluateAll((n) => n.map((o) => o.dataset.address));
    assert.deepEqual(options, ['j.smit@kompasjeugd.nl', 'j.smit@bjzkompas.nl'], 'both addresses, the most used first');
    await input.press('ArrowDown');
    await input.press('ArrowDown');
    assert.equal(await input.getAttribute('aria-activedescendant'), 'compose-to-option-1');
    await input.press('Enter');
    assert.equal(await input.inputValue(), 'Jeroen Smit <j.smit@bjzkompas.nl>, ');
    assert.equal(await input.getAttribute('aria-expanded'), 'false');
    // Enter without choosing takes the first suggestion, as webmail does, and does not send.
    await input.pressSequentially('team');
    await input.press('Enter');
    assert.equal(await input.inputValue(), 'Jeroen Smit <j.smit@bjzkompas.nl>, Team Noord <team-noord@kompasjeugd.nl>, ');
    await page.locator('#compose-subject').press('Enter');
    assert.equal(await extensionUi(page, 'warning'), null, 'Enter in a field does not send');
    assert.ok(await page.locator('#compose').isVisible());
  });

  test('when the core cannot load, the page says so and Send asks instead of passing silently', async (t) => {
    const page = await openDemo(t, { blockCore: true });
    assert.match(await page.locator('#status').innerText(), /De controle kon niet laden/);
    await pickRecipient(page, 'Marieke', 'm.deboer@bjzkompas.nl');
    const warning = await clickSend(page);
    assert.ok(warning, 'a dialog instead of a silent send');
    assert.match(warning.text, /De controle kon niet worden uitgevoerd/);
    assert.ok(warning.buttons.some((b) => b.choice === 'back'));
    await chooseInWarning(page, { choice: 'back' });
    assert.ok(await page.locator('#compose').isVisible(), 'the draft is still there');
    assert.equal(await page.locator('#compose-to').inputValue(), 'Marieke de Boer <m.deboer@bjzkompas.nl>, ');
    assert.equal(await sentCount(page), 0);
  });

  test('Send without a recipient asks for one and sends nothing', async (t) => {
    const page = await openDemo(t, { path: '#/ordinary' });
    await page.locator('#send').click();
    assert.match(await page.locator('#compose-error').innerText(), /Vul minstens één ontvanger in/);
    assert.equal(await extensionUi(page, 'warning'), null);
    assert.ok(await page.locator('#feedback').isHidden());
  });

  test('in English: texts, warning and feedback switch; the mails stay Dutch', async (t) => {
    const page = await openDemo(t);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.equal(await page.locator('[data-scenario="case-2019"] .label').innerText(), 'The case file to a colleague (as in 2019)');
    assert.match(await page.locator('#exercise-goal').innerText(), /Type "Marieke" in the To field/);
    assert.equal(await page.locator('#send').innerText(), 'Send');
    await pickRecipient(page, 'Marieke', 'm.deboer@bjzkompas.nl');
    const warning = await clickSend(page);
    assert.equal(warning.action, 'block');
    assert.match(warning.text, /a domain the organisation no longer owns/);
    assert.ok(warning.buttons.some((b) => b.text === 'Back to message'));
    await shot(page, '21-english-warning');
    await chooseInWarning(page, { choice: 'back' });
    await page.locator('#feedback[open]').waitFor();
    await shot(page, '22-english-feedback');
    const result = await feedback(page);
    assert.match(result.text, /Good that you went back/);
    assert.match(result.text, /3,278 case files of 2,702 children/);
    // The choice is remembered on the next visit.
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  });

  const PLACES = {
    nl: /In de bijlage 'scan_0012\.pdf' \(pagina 1\): ••••••869/,
    en: /In the attachment 'scan_0012\.pdf' \(page 1\): ••••••869/,
  };
  for (const [lang, place] of Object.entries(PLACES)) {
    test(`attachment-inside (${lang}): the warning says which file and which page hold what was found`, async (t) => {
      const page = await openDemo(t, { path: `?lang=${lang}#/attachment-inside` });
      await pickRecipient(page, 'Dekker', 'm.dekker@obsdebrug.nl');
      await addAttachment(page, 'scan_0012.pdf');
      const warning = await clickSend(page);
      assert.ok(warning, 'a warning shows');
      assert.match(warning.text, place);
    });
  }

  test('trainer mode: large type, next and reset, for a projector (1280×720)', async (t) => {
    const page = await openDemo(t, { viewport: { width: 1280, height: 720 } });
    const rootSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    assert.equal(await rootSize(), 16);
    await page.getByRole('button', { name: 'Trainermodus' }).click();
    assert.equal(await page.getByRole('button', { name: 'Trainermodus' }).getAttribute('aria-pressed'), 'true');
    assert.ok((await rootSize()) >= 20, 'larger type');
    await shot(page, '30-trainer-start');

    await page.locator('#next').click();
    assert.equal(await page.locator('#exercise').getAttribute('data-current'), 'external-bsn');
    assert.equal(await page.locator('[data-scenario="external-bsn"]').getAttribute('aria-current'), 'step');
    assert.equal(await page.locator('#exercise-step').innerText(), `Oefening 2 van ${SCENARIOS.length}`);

    // Play it, then reset: the feedback goes and the draft is as it was.
    await pickRecipient(page, 'GGZ', 'intake@ggzdeweg.nl');
    const warning = await clickSend(page);
    assert.equal(warning.action, 'warn');
    await shot(page, '31-trainer-warning');
    await chooseInWarning(page, { choice: 'back' });
    await page.locator('#feedback[open]').waitFor();
    await shot(page, '32-trainer-feedback');
    await page.locator('#feedback-again').click();
    assert.ok(await page.locator('#feedback').isHidden());
    assert.equal(await page.locator('#compose-to').inputValue(), '');
    assert.equal(await page.locator('#compose-subject').inputValue(), 'Aanmelding Lotte');

    // Next wraps around after the last scenario.
    await page.locator(`[data-scenario="${SCENARIOS.at(-1).id}"]`).click();
    await page.locator('#next').click();
    assert.equal(await page.locator('#exercise').getAttribute('data-current'), SCENARIOS[0].id);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling (overflow ${overflow}px)`);
  });

  test('the policy of the fictional organisation, in plain words and as JSON', async (t) => {
    const page = await openDemo(t);
    await page.getByText('Het beleid van Jeugdzorg Kompas').click();
    const text = await page.locator('#policy-list').innerText();
    for (const part of [
      /bjzkompas\.nl \(nu kompasjeugd\.nl\)/,
      /h\.visser@kompasjeugd\.nl/,
      /\[versleuteld\]/,
      /meer dan 15 ontvangers/,
      /met een reden/,
    ]) {
      assert.match(text, part);
    }
    const json = JSON.parse(await page.locator('#policy-json').textContent());
    assert.deepEqual(json.retiredDomains, [{ domain: 'bjzkompas.nl', successor: 'kompasjeugd.nl' }]);
  });

  test('the page about 2019 has the facts from the articles', async (t) => {
    const page = await openDemo(t);
    await page.getByRole('link', { name: 'Wat ging er mis in 2019?' }).click();
    const view = page.locator('#view-2019');
    await view.waitFor({ state: 'visible' });
    assert.ok(await page.locator('#view-training').isHidden());
    const text = await view.innerText();
    for (const fact of [
      /3\.278/,
      /2\.702/,
      /Bureau Jeugdzorg Utrecht/,
      /2015/,
      /oude domeinnaam niet verlengd/,
      /platte tekst/,
      /klokkenluiders/,
      /jonger dan 12/,
    ]) {
      assert.match(text, fact);
    }
    await shot(page, '40-leak-2019');
    await page.getByRole('link', { name: 'Naar de oefeningen' }).click();
    await page.locator('#view-training').waitFor({ state: 'visible' });
  });

  test('readable at 200% zoom (640 px wide, scale 2)', async (t) => {
    const page = await openDemo(t, { viewport: { width: 640, height: 900 }, deviceScaleFactor: 2 });
    await pickRecipient(page, 'Marieke', 'm.deboer@bjzkompas.nl');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling (overflow ${overflow}px)`);
    await page.screenshot({ path: join(shots, 'demo-50-zoom-200.png'), fullPage: true });
  });

  for (const lang of ['nl', 'en']) {
    test(`accessibility (axe-core, ${lang}): no serious or critical violations, also with the warning and the suggestions open`, async (t) => {
      // bypassCSP: the page allows no inline script, and axe-core is injected as one.
      const page = await openDemo(t, { path: `?lang=${lang}`, openShadowRoots: true, bypassCSP: true });
      await page.addScriptTag({ content: axeSource });
      const audit = async (state, { inShadowRoot = false } = {}) => {
        const result = await page.evaluate(() => globalThis.axe.run(document));
        if (inShadowRoot) {
          // A target given as a path of selectors (host, then inside) is in a shadow root: axe saw the dialog.
          assert.ok(
            result.passes.some((rule) => rule.nodes.some((node) => node.target.some(Array.isArray))),
            'axe checked inside the warning',
          );
        }
        const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        assert.deepEqual(
          bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.flat().join(' ')).join(', ')}`),
          [],
          `${lang}, ${state}`,
        );
      };
      await audit('compose window');
      await page.locator('#compose-to').click();
      await page.locator('#compose-to').pressSequentially('Marieke');
      await page.locator('#compose-to-suggestions').waitFor();
      await audit('suggestions open');
      await page.locator('#compose-to-suggestions [role=option]').first().click();
      await page.locator('#send').click();
      await page.locator('[data-zorgvuldig="warning"]').waitFor({ state: 'attached' });
      await audit('warning open', { inShadowRoot: true });
      await page.keyboard.press('Escape');
      await page.locator('#feedback[open]').waitFor({ state: 'visible' });
      await audit('feedback');
      await page.keyboard.press('Escape');
      await page.locator('#feedback').waitFor({ state: 'hidden' });
      await page.locator('[data-scenario="lookalike"]').click();
      await audit('reading a message');
      await page.locator('#trainer').click();
      await page.locator('#policy summary').first().click();
      await audit('trainer mode, policy open');
      await page.goto(`${base}#/2019`);
      await page.waitForSelector('body[data-ready="true"]');
      await page.addScriptTag({ content: axeSource });
      await audit('page about 2019');
    });
  }

  test('the page made requests to 127.0.0.1 only', () => {
    assert.ok(requests.length > 0);
    const foreign = requests.filter((url) => {
      const { protocol, hostname } = new URL(url);
      return !(protocol === 'data:' || protocol === 'blob:' || hostname === '127.0.0.1');
    });
    assert.deepEqual(foreign, []);
  });
});
