// Faults in the extension, in Debian's headless Chromium with the real unpacked
// extension: the service worker stopped while a send is held, the .wasm missing or truncated,
// extension storage full, the policy changing while a send is held, the webmail removing the
// compose window or the send button while a decision is pending, and the extension reloaded while
// a send is held. Each ends in a state the user sees and can act on, with the draft intact, no
// send that skipped the check and no second send. (extension-robustness.test.mjs has the worker
// stopped between sends, the extension reloaded before Send and a .wasm that is not WebAssembly.)
//
// "While a send is held" is made certain, not hoped for: the service worker is kept busy (a task
// that runs for a few seconds), so the page's question to the core waits in its queue while the
// test stops, reloads or changes things.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  EXTENSION_ID,
  launch,
  launchForTests,
  liveWorker,
  managedPolicyIs,
  open,
  root,
  screenshots,
  stopServiceWorkers,
  writePolicy,
} from './lib/extension.mjs';
import { clickUi, extensionUi } from './lib/shadow.mjs';
import { installDraftHelpers } from './lib/drafts.mjs';
import { FIXTURE_POLICY as POLICY } from './lib/policies.mjs';

const POLICY_NAME = 'zorgvuldig-e2e-faults';
const CLEAN = { to: 's.devries@samenveilig.nl', subject: 'Overleg', body: 'Tot donderdag!' };
const RETIRED = { to: 'j.bos@bjzutrecht.nl', subject: 'Dossier Daan', body: 'Hoi Jan, bijgaand het dossier.' };
const SENSITIVE = { to: 'info@jeugdhulpzeist.nl', subject: 'Aanmelding', body: 'BSN van de cliënt: 123.456.782.' };

const FAILED = /De controle kon niet worden uitgevoerd/;
const GONE = /Het bericht is niet verzonden.*Er is niets verzonden/;

async function compose(page, draft) {
  for (const [name, value] of Object.entries(draft)) await page.fill(`[name=${name}]`, value);
}

async function draftOf(page) {
  return page.evaluate(() =>
    Object.fromEntries(['to', 'subject', 'body'].map((name) => [name, document.querySelector(`[name=${name}]`).value])),
  );
}

const sent = (page) => page.evaluate(() => window.sent);

/** The warning once it shows text matching `text` (within about 20 seconds: a service worker
 *  that starts again loads the core and compiles the policy first, slow on a busy 2-core CI). */
async function warning(page, text = /./) {
  let ui = null;
  for (let i = 0; i < 400; i++) {
    ui = await extensionUi(page, 'warning');
    if (ui && text.test(ui.text)) return ui;
    await page.waitForTimeout(50);
  }
  throw new Error(`no warning matching ${text}; last: ${ui?.text ?? 'none'}`);
}

async function noWarning(page) {
  for (let i = 0; i < 40; i++) {
    if (!(await extensionUi(page, 'warning'))) return true;
    await page.waitForTimeout(50);
  }
  return false;
}

const button = (ui, choice) => ui.buttons.find((b) => b.choice === choice);

/** Keeps the service worker busy for `ms` (one long task), then runs `then` in it ("reload"). */
async function busyWorker(browser, ms, then = null) {
  const worker = await liveWorker(browser);
  await worker.evaluate(
    ([ms, then]) => {
      setTimeout(() => {
        const end = Date.now() + ms;
        while (Date.now() < end);
        if (then === 'reload') chrome.runtime.reload();
      }, 0);
    },
    [ms, then],
  );
}

/** Sends are held while the worker is busy: nothing goes out and no dialog shows yet. */
async function assertHeld(page) {
  await page.waitForTimeout(300);
  assert.equal((await sent(page)).length, 0, 'nothing is sent while the check is pending');
  assert.equal(await extensionUi(page, 'warning'), null, 'no dialog yet: the check is pending');
}

async function audit(browser) {
  const worker = await liveWorker(browser);
  return (await worker.evaluate(async () => (await chrome.storage.local.get('audit')).audit)) ?? [];
}

describe('faults: service worker, storage, policy, the webmail changing its page', () => {
  let browser;
  before(async () => {
    browser = await launch({ policyName: POLICY_NAME, policy: POLICY });
    await installDraftHelpers(browser.context);
    await managedPolicyIs(browser, POLICY);
  });
  after(async () => {
    await browser?.stop();
  });

  test('the service worker stopped while a send is held: a new worker checks it; a retired address is still blocked, a clean mail goes once', async () => {
    const { page, errors } = await open(browser, 'generic.html');
    await compose(page, RETIRED);
    await busyWorker(browser, 3000);
    await page.click('button.send');
    await page.click('button.send'); // pressed again while held
    await assertHeld(page);
    await stopServiceWorkers(page);
    const ui = await warning(page, /bjzutrecht\.nl/);
    assert.equal(ui.action, 'block', 'checked by the new worker: blocked');
    await page.screenshot({ path: join(screenshots, 'extension-fault-worker-stopped-nl.png') });
    await page.keyboard.press('Escape');
    assert.ok(await noWarning(page));
    assert.equal((await sent(page)).length, 0);
    assert.deepEqual(await draftOf(page), RETIRED, 'the draft is intact');

    await compose(page, CLEAN);
    await busyWorker(browser, 3000);
    await page.click('button.send');
    await assertHeld(page);
    await stopServiceWorkers(page);
    await page.waitForFunction(() => window.sent.length > 0, null, { timeout: 10000 });
    await page.waitForTimeout(300);
    assert.deepEqual(await sent(page), [{ ...CLEAN, cc: '', bcc: '' }], 'sent exactly once, as written');
    assert.equal(await extensionUi(page, 'warning'), null);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('the service worker busy while a policy-listed webmail loads: the page is guarded from its start, and a retired address is blocked once the worker answers', async () => {
    // The host is a webmail only because the policy lists it; the page reads the list from
    // managed storage itself, so a worker that is starting or busy leaves no unguarded moment.
    await busyWorker(browser, 3000);
    const { page, errors } = await open(browser, 'generic.html');
    await compose(page, RETIRED);
    await page.click('button.send');
    await assertHeld(page);
    const ui = await warning(page, /bjzutrecht\.nl/);
    assert.equal(ui.action, 'block');
    await page.keyboard.press('Escape');
    assert.ok(await noWarning(page));
    assert.equal((await sent(page)).length, 0, 'nothing was sent');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('the service worker stopped while the warning is open: "Toch verzenden" sends once and the choice is logged', async () => {
    const { page } = await open(browser, 'generic.html');
    await compose(page, SENSITIVE);
    await page.click('button.send');
    const ui = await warning(page, /Let op/);
    await stopServiceWorkers(page);
    await page.waitForTimeout(300);
    await clickUi(page, button(ui, 'override'));
    await page.waitForTimeout(500);
    assert.deepEqual(await sent(page), [{ ...SENSITIVE, cc: '', bcc: '' }], 'sent exactly once, as written');
    const entry = (await audit(browser)).at(-1);
    assert.equal(entry.choice, 'override', 'the woken worker logged the choice');
    await page.close();
  });

  test('extension storage full: the policy still holds after a worker restart, a block holds, an override sends once', async () => {
    const worker = await liveWorker(browser);
    const logged = (await audit(browser)).length;
    // Fill chrome.storage.local to its quota, with no last good policy kept, so a worker that
    // starts must compile the managed policy without being able to write anything.
    const usage = await worker.evaluate(async () => {
      const local = chrome.storage.local;
      await local.remove('lastGoodPolicy');
      const quota = local.QUOTA_BYTES;
      let chunk = quota;
      for (let i = 0; chunk >= 16; i++) {
        try {
          await local.set({ [`filler${i}`]: 'x'.repeat(chunk) });
        } catch {
          chunk = Math.floor(chunk / 2);
        }
      }
      return { used: await local.getBytesInUse(null), quota };
    });
    assert.ok(usage.quota - usage.used < 64, `storage is full (${usage.used} of ${usage.quota} bytes)`);
    try {
      const { page } = await open(browser, 'generic.html');
      await stopServiceWorkers(page);
      await compose(page, RETIRED);
      await page.click('button.send');
      const blocked = await warning(page, /bjzutrecht\.nl/);
      assert.equal(blocked.action, 'block', 'the retired domain is still blocked');
      await page.keyboard.press('Escape');
      assert.ok(await noWarning(page));
      assert.equal((await sent(page)).length, 0);
      assert.deepEqual(await draftOf(page), RETIRED, 'the draft is intact');

      await compose(page, SENSITIVE);
      await page.click('button.send');
      const warn = await warning(page, /Let op/);
      await clickUi(page, button(warn, 'override'));
      await page.waitForTimeout(500);
      assert.deepEqual(await sent(page), [{ ...SENSITIVE, cc: '', bcc: '' }], 'sent exactly once, although the log cannot be written');
      assert.equal((await audit(browser)).length, logged, 'the audit log could not grow: the storage really was full');
      await page.close();

      // The administrator sees that the log has a gap, on the options page.
      const options = await browser.context.newPage();
      await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
      await options.waitForSelector('body[data-ready=true]');
      const notice = options.locator('#audit-lost');
      await notice.waitFor({ state: 'visible' });
      assert.match(
        await notice.innerText(),
        /beslissingen? kon(den)? niet in het logboek worden bewaard.*opslag van de extensie in deze browser is vol/s,
      );
      assert.equal(await notice.getAttribute('role'), 'alert');
      await notice.scrollIntoViewIfNeeded();
      await options.screenshot({ path: join(screenshots, 'extension-fault-audit-lost-nl.png') });
      await options.close();
    } finally {
      const again = await liveWorker(browser);
      await again.evaluate(async () => {
        const all = await chrome.storage.local.get(null);
        await chrome.storage.local.remove(Object.keys(all).filter((key) => key.startsWith('filler')));
        await chrome.storage.session.remove(['auditLost', 'auditLostAt']);
      });
    }
  });

  test('the webmail removes the compose window while the warning is open: nothing is sent, and the user is told', async () => {
    const { page } = await open(browser, 'gmail.html');
    await page.waitForSelector('[data-zorgvuldig=indicator]', { state: 'attached' });
    await page.evaluate((draft) => window.draft.fill(draft), { ...SENSITIVE, to: [SENSITIVE.to] });
    await page.click('.M9[data-compose-id=c1] .IZ .Up [role=button].aoO');
    const ui = await warning(page, /Let op/);
    await page.evaluate(() => document.querySelector('.M9[data-compose-id=c1]').closest('[role=region]').remove());
    await clickUi(page, button(ui, 'override'));
    const notice = await warning(page, GONE);
    assert.deepEqual(
      notice.buttons.map((b) => b.choice),
      ['back'],
      'only "Terug naar bericht"',
    );
    await page.screenshot({ path: join(screenshots, 'extension-fault-compose-gone-nl.png') });
    await page.keyboard.press('Escape');
    assert.ok(await noWarning(page));
    assert.equal((await sent(page)).length, 0, 'nothing was sent from the removed compose window');
    await page.close();
  });

  test('the webmail removes the compose window while the check is pending: nothing is sent, and the user is told', async () => {
    const { page } = await open(browser, 'gmail.html');
    await page.waitForSelector('[data-zorgvuldig=indicator]', { state: 'attached' });
    await page.evaluate((draft) => window.draft.fill(draft), { ...CLEAN, to: [CLEAN.to] });
    await busyWorker(browser, 3000);
    await page.click('.M9[data-compose-id=c1] .IZ .Up [role=button].aoO');
    await assertHeld(page);
    await page.evaluate(() => document.querySelector('.M9[data-compose-id=c1]').closest('[role=region]').remove());
    await warning(page, GONE);
    await page.keyboard.press('Escape');
    await page.waitForTimeout(300);
    assert.equal((await sent(page)).length, 0);
    await page.close();
  });

  test('the webmail removes the send button while the warning is open: nothing is sent, the user is told, the draft is intact', async () => {
    const { page } = await open(browser, 'generic.html');
    await compose(page, SENSITIVE);
    await page.click('button.send');
    const ui = await warning(page, /Let op/);
    await page.evaluate(() => document.querySelector('button.send').remove());
    await clickUi(page, button(ui, 'override'));
    await warning(page, GONE);
    await page.keyboard.press('Escape');
    assert.ok(await noWarning(page));
    assert.equal((await sent(page)).length, 0);
    assert.deepEqual(await draftOf(page), SENSITIVE, 'the draft is intact');
    await page.close();
  });

  test('the policy changes while the check is pending: the answer from the old policy does not count', async () => {
    const { page } = await open(browser, 'generic.html');
    await compose(page, SENSITIVE);
    // Chromium reads a changed policy file about 5 s after it is written; the worker stays busy
    // for 6.5 s, so the page hears of the new policy while its question waits, and the first
    // answer comes from the old engine.
    await busyWorker(browser, 6500);
    await page.click('button.send');
    const retiring = { ...POLICY, retiredDomains: [...POLICY.retiredDomains, { domain: 'jeugdhulpzeist.nl' }] };
    writePolicy(POLICY_NAME, retiring);
    await assertHeld(page);
    const ui = await warning(page, /jeugdhulpzeist\.nl/);
    assert.equal(ui.action, 'block', "the verdict is the new policy's (the old one only warned)");
    await page.keyboard.press('Escape');
    assert.ok(await noWarning(page));
    assert.equal((await sent(page)).length, 0);
    assert.deepEqual(await draftOf(page), SENSITIVE, 'the draft is intact');
    writePolicy(POLICY_NAME, POLICY);
    await managedPolicyIs(browser, POLICY);
    await page.waitForTimeout(1000);
    await page.close();
  });

  // Last in this browser: the policy file changes twice and is put back.
  test('the policy changes while the warning is open: "Toch verzenden" is checked again under the new policy', async () => {
    const { page } = await open(browser, 'generic.html');
    await compose(page, SENSITIVE);
    await page.click('button.send');
    const first = await warning(page, /Let op/);
    // The administrator retires the recipient's domain while the user reads the warning.
    const retiring = { ...POLICY, retiredDomains: [...POLICY.retiredDomains, { domain: 'jeugdhulpzeist.nl' }] };
    writePolicy(POLICY_NAME, retiring);
    await managedPolicyIs(browser, retiring);
    await page.waitForTimeout(1000); // the page hears of it and asks for the compiled policy
    await clickUi(page, button(first, 'override'));
    const now = await warning(page, /jeugdhulpzeist\.nl/);
    assert.equal(now.action, 'block', 'the new policy blocks; the old warning\'s "Toch verzenden" did not send');
    assert.ok(!button(now, 'override'));
    await page.keyboard.press('Escape');
    assert.ok(await noWarning(page));
    assert.equal((await sent(page)).length, 0);
    assert.deepEqual(await draftOf(page), SENSITIVE, 'the draft is intact');

    // And the other way: the domain becomes trusted while a warning for it is open.
    writePolicy(POLICY_NAME, POLICY);
    await managedPolicyIs(browser, POLICY);
    await page.waitForTimeout(1000);
    await page.click('button.send');
    const again = await warning(page, /Let op/);
    const trusting = { ...POLICY, trustedDomains: [...POLICY.trustedDomains, 'jeugdhulpzeist.nl'] };
    writePolicy(POLICY_NAME, trusting);
    await managedPolicyIs(browser, trusting);
    await page.waitForTimeout(1000);
    await clickUi(page, button(again, 'override'));
    await page.waitForTimeout(500);
    assert.deepEqual(await sent(page), [{ ...SENSITIVE, cc: '', bcc: '' }], 'checked again, clean now, sent exactly once');
    assert.ok(await noWarning(page));
    writePolicy(POLICY_NAME, POLICY);
    await managedPolicyIs(browser, POLICY);
    await page.close();
  });
});

describe('faults: the extension reloaded while a send is held', () => {
  let browser;
  launchForTests({ policyName: POLICY_NAME, policy: POLICY }, (started) => (browser = started));

  test('reloaded while the check is pending: the page says so, nothing is sent silently, the user decides', async () => {
    const { page } = await open(browser, 'generic.html');
    // Once the page has its policy (the indicator shows), the worker is made busy before the text
    // is in, so the check while typing cannot answer before Send either (on a loaded machine it
    // otherwise could, and the clean mail would rightly pass at once).
    await page.waitForSelector('[data-zorgvuldig=indicator]', { state: 'attached', timeout: 10000 });
    await busyWorker(browser, 3000, 'reload');
    await compose(page, CLEAN);
    await page.click('button.send');
    await assertHeld(page);
    const ui = await warning(page, FAILED);
    assert.match(ui.text, /bijgewerkt of opnieuw gestart/);
    await page.screenshot({ path: join(screenshots, 'extension-fault-reloaded-pending-nl.png') });
    await page.keyboard.press('Escape');
    assert.ok(await noWarning(page));
    assert.equal((await sent(page)).length, 0);
    assert.deepEqual(await draftOf(page), CLEAN, 'the draft is intact');
    // The orphaned page keeps asking: every Send shows the dialog, never a silent pass.
    await page.click('button.send');
    const again = await warning(page, FAILED);
    await clickUi(page, button(again, 'override'));
    await page.waitForTimeout(300);
    assert.deepEqual(await sent(page), [{ ...CLEAN, cc: '', bcc: '' }], "sent exactly once, at the user's choice");
    await page.close();
  });
});

describe('faults: the extension reloaded with a verdict ready', () => {
  let browser;
  launchForTests({ policyName: POLICY_NAME, policy: POLICY }, (started) => (browser = started));

  test('a clean verdict from before the reload no longer lets Send through: the page says the extension was reloaded', async () => {
    const { page } = await open(browser, 'generic.html');
    await compose(page, CLEAN);
    // The analysis while typing has run: the indicator says protected (a Send now would pass).
    for (let i = 0; i < 100 && (await extensionUi(page, 'indicator'))?.action !== 'protected'; i++) await page.waitForTimeout(50);
    assert.equal((await extensionUi(page, 'indicator'))?.action, 'protected');
    await (await liveWorker(browser)).evaluate(() => chrome.runtime.reload()).catch(() => {});
    await page.waitForTimeout(500);
    await page.click('button.send'); // the draft is unchanged since the check
    const ui = await warning(page, FAILED);
    assert.match(ui.text, /bijgewerkt of opnieuw gestart/);
    await page.keyboard.press('Escape');
    assert.ok(await noWarning(page));
    assert.equal((await sent(page)).length, 0, 'nothing went out on the old verdict');
    assert.deepEqual(await draftOf(page), CLEAN, 'the draft is intact');
    await page.close();
  });
});

describe('faults: the core missing or cut short', () => {
  let dir;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'zorgvuldig-faults-'));
    execFileSync(process.execPath, [join(root, 'scripts', 'build-extension.mjs'), '--out', dir], { stdio: 'ignore' });
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const wasm = () => join(dir, 'chrome', 'pkg', 'core', 'zorgvuldig_bg.wasm');
  const breakages = {
    missing: () => rmSync(wasm()),
    truncated: () => writeFileSync(wasm(), readFileSync(join(root, 'web', 'pkg', 'core', 'zorgvuldig_bg.wasm')).subarray(0, 50000)),
  };

  for (const [name, breakIt] of Object.entries(breakages)) {
    test(`.wasm ${name}: "not active" while composing; Send asks; nothing lost, sent once at the user's choice`, async () => {
      breakIt();
      const browser = await launch({ policyName: POLICY_NAME, policy: POLICY, extension: join(dir, 'chrome') });
      try {
        await managedPolicyIs(browser, POLICY);
        const { page } = await open(browser, 'generic.html');
        await compose(page, RETIRED);
        let indicator = null;
        for (let i = 0; i < 100 && !/de controle kan niet starten/.test(indicator?.text ?? ''); i++) {
          await page.waitForTimeout(50);
          indicator = await extensionUi(page, 'indicator');
        }
        assert.match(indicator?.text ?? '', /niet actief – de controle kan niet starten/);
        await page.click('button.send');
        const ui = await warning(page, FAILED);
        assert.match(ui.text, /De controle kon niet starten/);
        await page.keyboard.press('Enter'); // the focus starts on "Terug naar bericht"
        assert.ok(await noWarning(page));
        assert.equal((await sent(page)).length, 0);
        assert.deepEqual(await draftOf(page), RETIRED, 'the draft is intact');
        await page.click('button.send');
        await clickUi(page, button(await warning(page, FAILED), 'override'));
        await page.waitForTimeout(300);
        assert.equal((await sent(page)).length, 1, "sent exactly once, at the user's choice");
        await page.close();
      } finally {
        await browser.stop();
      }
    });
  }
});
