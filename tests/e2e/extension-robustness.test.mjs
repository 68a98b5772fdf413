// Failure, status and language of the real unpacked extension in Debian's headless Chromium, on
// the generic fixture webmail: the service worker stopped
// mid-compose, the extension reloaded under an open compose window, a build whose core cannot
// load (fail mode ask and block), a required justification, report-only enforcement, English,
// 200% zoom, and the indicator naming a retired recipient before Send. Screenshots go to
// tests/e2e/screenshots/extension-*.png.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  launch,
  launchForTests,
  liveWorker as worker,
  open,
  root,
  screenshots,
  stopServiceWorkers as stopServiceWorker,
} from './lib/extension.mjs';
import { clickUi, extensionUi, waitForWarning as warning } from './lib/shadow.mjs';
import { POLICY_DIR } from './lib/chromium.mjs';

const BASE_POLICY = {
  internalDomains: ['samenveilig.nl'],
  retiredDomains: [{ domain: 'bjzutrecht.nl', successor: 'samenveilig.nl' }],
  trustedDomains: ['veiligthuis.nl'],
  webmailHosts: ['127.0.0.1'],
};
const SENSITIVE = {
  to: 'info@jeugdhulpzeist.nl',
  subject: 'Aanmelding',
  body: 'BSN van de cliënt: 123.456.782. Na een suïcidepoging opgenomen.',
};
const RETIRED = { to: 'Jan Bos <j.bos@bjzutrecht.nl>', subject: 'Dossier Daan', body: 'Hoi Jan,\n\nBijgaand het dossier.\n' };
const CLEAN = { to: 'Sanne de Vries <s.devries@samenveilig.nl>', subject: 'Overleg', body: 'Tot donderdag!' };

async function compose(page, { to = '', subject = '', body = '' }) {
  await page.fill('input[name=to]', to);
  await page.fill('input[name=subject]', subject);
  await page.fill('textarea[name=body]', body);
}

async function draftOf(page) {
  return {
    to: await page.inputValue('input[name=to]'),
    subject: await page.inputValue('input[name=subject]'),
    body: await page.inputValue('textarea[name=body]'),
  };
}

const sent = (page) => page.evaluate(() => window.sent);

/** Waits until the indicator is in `state` and, if given, its text matches `text`. */
async function indicator(page, state, text) {
  let ui = null;
  for (let i = 0; i < 100; i++) {
    ui = await extensionUi(page, 'indicator');
    if (ui && ui.action === state && (!text || text.test(ui.text))) return ui;
    await page.waitForTimeout(50);
  }
  throw new Error(`indicator never showed ${state} ${text ?? ''}; last: ${JSON.stringify(ui && { state: ui.action, text: ui.text })}`);
}

async function audit(browser) {
  const w = await worker(browser);
  return (await w.evaluate(async () => (await chrome.storage.local.get('audit')).audit)) ?? [];
}

/** Badge text and title of every tab (the test has one fixture tab open at a time). */
async function badges(browser) {
  const w = await worker(browser);
  return w.evaluate(async () => {
    const tabs = await chrome.tabs.query({});
    return Promise.all(
      tabs.map(async (tab) => ({
        text: await chrome.action.getBadgeText({ tabId: tab.id }),
        title: await chrome.action.getTitle({ tabId: tab.id }),
      })),
    );
  });
}

async function badgeMatching(browser, predicate) {
  let last = [];
  for (let i = 0; i < 50; i++) {
    last = await badges(browser);
    const hit = last.find(predicate);
    if (hit) return hit;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no badge matched; badges: ${JSON.stringify(last)}`);
}

/** The service worker fetched nothing but its own files: no http(s) request from the worker. */
async function assertWorkerOffline(browser) {
  const w = await worker(browser);
  const fetched = await w.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  assert.deepEqual(
    fetched.filter((url) => !url.startsWith('chrome-extension://')),
    [],
    'the service worker made no network request',
  );
  const outside = browser.requests.filter((url) => !url.startsWith(browser.base) && !url.startsWith('chrome-extension://'));
  assert.deepEqual(outside, [], 'nothing left the browser');
}

/** Waits until the managed policy written by launch() has reached the extension (a fresh profile
 *  may first see {}). Chromium merges every file in the policy directory: another test file's
 *  policy there (a test run in parallel) would change what is tested, so that fails loudly. */
async function policyArrived(browser, expected) {
  let managed = {};
  for (let i = 0; i < 100; i++) {
    const w = await worker(browser);
    managed = await w.evaluate(() => chrome.storage.managed.get(null)).catch(() => ({}));
    if (Object.keys(managed).length) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const others = readdirSync(POLICY_DIR).filter((name) => name !== 'zorgvuldig-e2e-robust.json');
  assert.deepEqual(
    managed,
    expected,
    `the extension sees the test's policy (other files in ${POLICY_DIR}: ${others.join(', ') || 'none'})`,
  );
}

describe('extension: service worker, justification, indicator, zoom (Dutch)', () => {
  let browser;
  launchForTests(
    {
      policyName: 'zorgvuldig-e2e-robust',
      policy: { ...BASE_POLICY, language: 'nl', requireJustification: true },
    },
    (started) => (browser = started),
    policyArrived,
  );

  test('the indicator names a retired recipient while typing, before Send; the badge counts it', async () => {
    const { page, errors } = await open(browser, 'generic.html');
    await page.click('input[name=to]');
    await page.keyboard.type('j.bos@bjzutrecht.nl', { delay: 10 });
    const ui = await indicator(page, 'issues', /j\.bos@bjzutrecht\.nl/);
    assert.match(ui.text, /1 aandachtspunt/);
    assert.match(ui.text, /dit domein is niet meer van de organisatie – gebruik j\.bos@samenveilig\.nl/);
    await page.screenshot({ path: join(screenshots, 'extension-indicator-retired-nl.png') });
    assert.equal((await sent(page)).length, 0, 'nothing was sent');
    assert.equal(await extensionUi(page, 'warning'), null, 'typing never opens the dialog');
    const badge = await badgeMatching(browser, (b) => b.text === '1');
    assert.match(badge.title, /1 aandachtspunt/);
    // Corrected: the indicator calms down and the badge says active.
    await page.fill('input[name=to]', 'j.bos@samenveilig.nl');
    await indicator(page, 'protected', /beschermd/);
    const calm = await badgeMatching(browser, (b) => b.text === '✓');
    assert.match(calm.title, /actief/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('the service worker stopped mid-compose: the next Send is still checked (block, then clean once)', async () => {
    const { page, errors } = await open(browser, 'generic.html');
    await compose(page, RETIRED);
    await indicator(page, 'issues', /bjzutrecht/);
    await stopServiceWorker(page);
    await page.waitForTimeout(300);
    // A change after the stop: the verdict must come from the restarted worker.
    await page.fill('textarea[name=body]', `${RETIRED.body}Groet, Sanne`);
    await page.click('button.send');
    const ui = await warning(page);
    assert.equal(ui?.action, 'block', 'the restarted worker blocks the retired domain');
    assert.ok(!ui.buttons.some((b) => b.choice === 'override'));
    await page.keyboard.press('Escape');
    await page.waitForTimeout(200);
    assert.equal((await sent(page)).length, 0);
    assert.equal(await page.inputValue('textarea[name=body]'), `${RETIRED.body}Groet, Sanne`, 'the draft is intact');
    // Stopped again, then a clean mail sent at once (no analysis ready): held, checked, sent once.
    await stopServiceWorker(page);
    await page.waitForTimeout(300);
    await compose(page, CLEAN);
    await page.click('button.send');
    await page.waitForTimeout(1500);
    assert.equal((await sent(page)).length, 1, 'sent exactly once');
    assert.equal(await extensionUi(page, 'warning'), null);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a required justification: "Toch verzenden" stays disabled until a reason is typed; the reason is logged', async () => {
    const { page } = await open(browser, 'generic.html');
    await compose(page, SENSITIVE);
    await page.click('button.send');
    const ui = await warning(page);
    assert.equal(ui.action, 'warn');
    assert.match(ui.text, /Waarom verstuurt u dit toch\? \(verplicht\)/);
    assert.match(ui.text, /Tekst: ••••••782, suïcide/, 'the warning says which part of the text, masked');
    const override = ui.buttons.find((b) => b.choice === 'override');
    assert.ok(override?.disabled, '"Toch verzenden" is disabled without a reason');
    await page.screenshot({ path: join(screenshots, 'extension-justification-nl.png'), fullPage: true });
    // Keyboard only: focus starts on "Terug naar bericht"; Shift+Tab reaches the reason field
    // (the disabled button is skipped), type, Tab to "Toch verzenden", Enter.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.type('Afgestemd met teamleider');
    const ready = await extensionUi(page, 'warning');
    assert.equal(ready.buttons.find((b) => b.choice === 'override').disabled, false);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(400);
    assert.equal((await sent(page)).length, 1, 'sent exactly once');
    const entry = (await audit(browser)).at(-1);
    assert.equal(entry.choice, 'override');
    assert.equal(entry.justification, 'Afgestemd met teamleider');
    assert.doesNotMatch(JSON.stringify(entry), /123|suïcide|info@/, 'no message text or full address in the log');
    await page.close();
  });

  test('the focus stays inside the dialog (Tab wraps) and Esc goes back with the draft unchanged', async () => {
    const { page } = await open(browser, 'generic.html');
    await compose(page, SENSITIVE);
    const before = await draftOf(page);
    await page.click('button.send');
    assert.ok(await warning(page));
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      const inside = await page.evaluate(() => document.activeElement?.getAttribute('data-zorgvuldig'));
      assert.equal(inside, 'warning', 'focus never leaves the dialog');
    }
    await page.keyboard.press('Escape');
    await page.waitForTimeout(200);
    assert.equal(await extensionUi(page, 'warning'), null);
    assert.deepEqual(await draftOf(page), before);
    assert.equal((await sent(page)).length, 0);
    await page.close();
  });

  test('the service worker made no network request', async () => {
    await assertWorkerOffline(browser);
  });

  // Last in this browser: the extension is reloaded under an open compose window.
  test('the extension reloaded mid-compose: "not active" is shown and Send asks; nothing lost, sent once', async () => {
    const { page } = await open(browser, 'generic.html');
    await compose(page, CLEAN);
    await indicator(page, 'protected');
    const w = await worker(browser);
    await w.evaluate(() => chrome.runtime.reload()).catch(() => {});
    await page.waitForTimeout(1000);
    await page.fill('textarea[name=body]', 'Tot donderdag! Neem je het verslag mee?');
    const ui = await indicator(page, 'inactive', /niet actief/);
    assert.match(ui.text, /laad de pagina opnieuw/);
    await page.click('button.send');
    const dialog = await warning(page);
    assert.ok(dialog, 'Send shows the fail-mode dialog, never a silent pass');
    assert.match(dialog.text, /De controle kon niet worden uitgevoerd/);
    assert.match(dialog.text, /bijgewerkt of opnieuw gestart/);
    await page.screenshot({ path: join(screenshots, 'extension-reloaded-nl.png') });
    await clickUi(
      page,
      dialog.buttons.find((b) => b.choice === 'back'),
    );
    await page.waitForTimeout(200);
    assert.equal((await sent(page)).length, 0);
    assert.equal(await page.inputValue('textarea[name=body]'), 'Tot donderdag! Neem je het verslag mee?');
    await page.click('button.send');
    const again = await warning(page);
    await clickUi(
      page,
      again.buttons.find((b) => b.choice === 'override'),
    );
    await page.waitForTimeout(300);
    const sends = await sent(page);
    assert.equal(sends.length, 1, "sent exactly once, at the user's choice");
    assert.equal(sends[0].body, 'Tot donderdag! Neem je het verslag mee?');
    await page.close();
  });
});

describe('extension at 200% zoom', () => {
  let browser;
  // A 1280×900 screen at 200%: 640×450 CSS pixels at two device pixels each.
  launchForTests(
    {
      policyName: 'zorgvuldig-e2e-robust',
      policy: { ...BASE_POLICY, language: 'nl', requireJustification: true },
      viewport: { width: 640, height: 450 },
      deviceScaleFactor: 2,
    },
    (started) => (browser = started),
    policyArrived,
  );

  test('at 200% zoom the warning fits the width, nothing is cut off, and the buttons can be reached', async () => {
    const { page } = await open(browser, 'generic.html');
    const cdp = await page.context().newCDPSession(page);
    await compose(page, SENSITIVE);
    await page.click('button.send');
    const ui = await warning(page);
    assert.equal(ui.action, 'warn');
    await page.screenshot({ path: join(screenshots, 'extension-zoom-200-nl.png') });
    // Every box in the dialog lies within the 640 px width.
    const { root: doc } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const boxes = [];
    const walk = async (node) => {
      if (['BUTTON', 'P', 'H2', 'LI', 'TEXTAREA', 'LABEL', 'SUMMARY'].includes(node.nodeName)) {
        const { model } = await cdp.send('DOM.getBoxModel', { backendNodeId: node.backendNodeId }).catch(() => ({}));
        if (model)
          boxes.push({ name: node.nodeName, left: model.border[0], right: model.border[2], top: model.border[1], bottom: model.border[5] });
      }
      for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) await walk(child);
    };
    const host = (function find(n) {
      if ((n.attributes ?? []).includes('data-zorgvuldig') && n.attributes[n.attributes.indexOf('data-zorgvuldig') + 1] === 'warning')
        return n;
      for (const c of [...(n.shadowRoots ?? []), ...(n.children ?? [])]) {
        const f = find(c);
        if (f) return f;
      }
      return null;
    })(doc);
    await walk(host);
    assert.ok(boxes.length > 5, 'the dialog has boxes');
    for (const box of boxes) assert.ok(box.left >= 0 && box.right <= 640, `${box.name} at ${box.left}–${box.right} fits 640 px`);
    // The dialog opens at its top: the title is what the user sees first (the focus is on
    // "Terug naar bericht" without scrolling to it).
    const title = boxes.find((box) => box.name === 'H2');
    assert.ok(title.top >= 0 && title.bottom <= 450, `the title is in view (${title.top}–${title.bottom})`);
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-zorgvuldig')), 'warning');
    // The dialog scrolls: nothing is cut off, the buttons are reached by scrolling.
    await page.mouse.move(320, 225);
    await page.mouse.wheel(0, 3000);
    await page.waitForTimeout(300);
    const back = ui.buttons.find((b) => b.choice === 'back');
    const { model } = await cdp.send('DOM.getBoxModel', { backendNodeId: back.backendNodeId });
    assert.ok(
      model.border[1] >= 0 && model.border[5] <= 450,
      `"Terug naar bericht" can be scrolled into view (${model.border[1]}–${model.border[5]})`,
    );
    await page.screenshot({ path: join(screenshots, 'extension-zoom-200-nl-buttons.png') });
    await page.keyboard.press('Escape');
    await cdp.detach();
    await page.close();
  });
});

describe('extension: report-only enforcement', () => {
  let browser;
  launchForTests(
    {
      policyName: 'zorgvuldig-e2e-robust',
      policy: { ...BASE_POLICY, language: 'nl', enforcement: 'report' },
    },
    (started) => (browser = started),
    policyArrived,
  );

  test('nothing interrupts the send; the audit log records what enforcement would have done', async () => {
    const { page } = await open(browser, 'generic.html');
    await compose(page, RETIRED);
    await page.waitForTimeout(600);
    await page.click('button.send');
    await page.waitForTimeout(500);
    assert.equal(await extensionUi(page, 'warning'), null, 'no dialog');
    assert.equal((await sent(page)).length, 1, 'sent once');
    const entry = (await audit(browser)).at(-1);
    assert.equal(entry.action, 'allow');
    assert.equal(entry.intendedAction, 'block');
    assert.equal(entry.enforcement, 'report');
    assert.equal(entry.choice, 'sent');
    assert.deepEqual(entry.recipientDomains, ['bjzutrecht.nl']);
    // Also when Send comes before the analysis while typing.
    const { page: fast } = await open(browser, 'generic.html');
    await compose(fast, SENSITIVE);
    await fast.click('button.send');
    await fast.waitForTimeout(500);
    assert.equal(await extensionUi(fast, 'warning'), null);
    assert.equal((await sent(fast)).length, 1);
    const second = (await audit(browser)).at(-1);
    assert.equal(second.intendedAction, 'warn');
    assert.ok(second.rules.includes('external-unencrypted'));
    await page.close();
    await fast.close();
  });
});

describe('extension: the policy allows no override', () => {
  let browser;
  launchForTests(
    {
      policyName: 'zorgvuldig-e2e-robust',
      policy: { ...BASE_POLICY, language: 'nl', allowOverride: false },
    },
    (started) => (browser = started),
    policyArrived,
  );

  test('a warning without "Toch verzenden": only the fix and "Terug naar bericht"', async () => {
    const { page } = await open(browser, 'generic.html');
    await compose(page, SENSITIVE);
    await page.click('button.send');
    const ui = await warning(page);
    assert.equal(ui.action, 'warn');
    assert.deepEqual(
      ui.buttons.map((b) => b.choice ?? `fix:${b.fix}`),
      ['fix:add-subject-marker', 'back'],
    );
    await page.keyboard.press('Escape');
    await page.waitForTimeout(200);
    assert.equal((await sent(page)).length, 0);
    await page.close();
  });
});

describe('extension in English (policy language "en")', () => {
  let browser;
  launchForTests(
    { policyName: 'zorgvuldig-e2e-robust', policy: { ...BASE_POLICY, language: 'en' } },
    (started) => (browser = started),
    policyArrived,
  );

  test('the block dialog is in English, with no send button', async () => {
    const { page } = await open(browser, 'generic.html');
    await compose(page, RETIRED);
    await page.click('button.send');
    const ui = await warning(page);
    assert.equal(ui.action, 'block');
    assert.match(ui.text, /Do not send/);
    assert.match(ui.text, /Back to message/);
    assert.doesNotMatch(ui.text, /Terug naar bericht|niet verzonden/);
    assert.ok(!ui.buttons.some((b) => b.choice === 'override'));
    await page.screenshot({ path: join(screenshots, 'extension-block-en.png') });
    await page.keyboard.press('Escape');
    await page.close();
  });

  test('the warn dialog is in English, with "Send anyway"; indicator and badge title too', async () => {
    const { page } = await open(browser, 'generic.html');
    await compose(page, SENSITIVE);
    const ind = await indicator(page, 'issues');
    assert.match(ind.text, /1 point to check/);
    const badge = await badgeMatching(browser, (b) => b.text === '1');
    assert.match(badge.title, /1 point to check/);
    await page.click('button.send');
    const ui = await warning(page);
    assert.equal(ui.action, 'warn');
    assert.match(ui.text, /Check before sending/);
    assert.match(ui.text, /Text: ••••••782, suïcide/);
    assert.ok(ui.buttons.some((b) => b.choice === 'override' && b.text === 'Send anyway'));
    await page.screenshot({ path: join(screenshots, 'extension-warn-en.png') });
    await page.keyboard.press('Escape');
    await page.close();
  });
});

describe('extension whose core cannot load (corrupt .wasm)', () => {
  let dir;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'zorgvuldig-broken-'));
    execFileSync(process.execPath, [join(root, 'scripts', 'build-extension.mjs'), '--out', dir], { stdio: 'ignore' });
    writeFileSync(join(dir, 'chrome', 'pkg', 'core', 'zorgvuldig_bg.wasm'), Buffer.from('this is not WebAssembly'));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  for (const failMode of ['ask', 'block']) {
    test(`failMode ${failMode}: "not active" on the indicator and the badge; Send ${failMode === 'ask' ? 'asks' : 'is refused'}`, async () => {
      const policy = { ...BASE_POLICY, language: 'nl', ...(failMode === 'block' ? { failMode } : {}) };
      const browser = await launch({ policyName: 'zorgvuldig-e2e-robust', policy, extension: join(dir, 'chrome') });
      try {
        await policyArrived(browser, policy);
        const { page } = await open(browser, 'generic.html');
        await compose(page, CLEAN);
        const ind = await indicator(page, 'inactive', /de controle kan niet starten/);
        assert.match(ind.text, /niet actief/);
        const badge = await badgeMatching(browser, (b) => b.text === '!');
        assert.match(badge.title, /niet actief/);
        await page.screenshot({ path: join(screenshots, `extension-core-down-indicator-${failMode}.png`) });
        await page.click('button.send');
        const ui = await warning(page);
        assert.ok(ui, 'Send shows the fail-mode dialog');
        assert.match(ui.text, /De controle kon niet worden uitgevoerd/);
        assert.ok(ui.buttons.some((b) => b.choice === 'back' && b.text === 'Terug naar bericht'));
        await page.screenshot({ path: join(screenshots, `extension-core-down-${failMode}-nl.png`) });
        if (failMode === 'block') {
          assert.deepEqual(
            ui.buttons.map((b) => b.choice),
            ['back'],
            'block mode offers no send',
          );
          await page.keyboard.press('Enter');
          await page.waitForTimeout(200);
          assert.equal((await sent(page)).length, 0);
        } else {
          assert.ok(ui.buttons.some((b) => b.choice === 'override' && b.text === 'Toch verzenden'));
          await page.keyboard.press('Enter'); // default focus: back
          await page.waitForTimeout(200);
          assert.equal((await sent(page)).length, 0, 'back sends nothing');
          await page.click('button.send');
          const again = await warning(page);
          await clickUi(
            page,
            again.buttons.find((b) => b.choice === 'override'),
          );
          await page.waitForTimeout(300);
          assert.equal((await sent(page)).length, 1, "sent exactly once, at the user's choice");
          const entry = (await audit(browser)).at(-1);
          assert.equal(entry.choice, 'sent-unchecked');
          assert.equal(entry.failure, 'core-unavailable');
        }
        assert.deepEqual(await draftOf(page), { to: CLEAN.to, subject: CLEAN.subject, body: CLEAN.body }, 'the draft is intact');
        await assertWorkerOffline(browser);
        await page.close();
      } finally {
        await browser.stop();
      }
    });
  }
});
