// Randomised send trials (issue 8, part 4): many sends on the fixture webmails (generic, Gmail,
// Outlook, Roundcube) through the real extension, mixing clicks, double clicks, Enter on the send
// button, Ctrl+Enter, typing while a decision is pending and recipients or text changing at the
// last moment (the webmail's own code adding or dropping a recipient just before or after Send).
// A warning is answered with "Terug naar bericht" or, when it offers it, "Toch verzenden". Every
// send the webmail's own handler recorded is checked with the real core in Node: a send whose
// content the core would not let through (a block ever; a warning unless the user took "Toch
// verzenden") skipped the check. Also counted: double sends, drafts that were lost or changed, and
// sends that ended in neither a send nor a warning.
//
//   ZORGVULDIG_TRIALS=1000 (default)   how many trials
//   ZORGVULDIG_TRIALS_SEED=123         repeat a run's mix (the seed is printed; timing still varies)
//   ZORGVULDIG_TRIALS_PAGES=8          pages working at the same time (one browser)

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './lib/extension.mjs';
import { coreFor } from './lib/core.mjs';
import { draftOfRecord, installDraftHelpers, snapshotOf } from './lib/drafts.mjs';
import { clickUi, extensionUi } from './lib/shadow.mjs';
import { BSN, RETIRED, TYPED, changedDraft, mixLines, plans, producedBy, seedFromEnv, tally } from './lib/trials.mjs';

const POLICY = {
  internalDomains: ['samenveilig.nl'],
  retiredDomains: [{ domain: 'bjzutrecht.nl', successor: 'samenveilig.nl' }],
  trustedDomains: ['veiligthuis.nl'],
  webmailHosts: ['127.0.0.1'],
  language: 'nl',
};

const TRIALS = Number(process.env.ZORGVULDIG_TRIALS ?? 1000);
const SEED = seedFromEnv();
const PAGES = Number(process.env.ZORGVULDIG_TRIALS_PAGES ?? 8);

/** Each fixture webmail: its page, send control, where the keyboard sends from, its shortcuts. */
const WEBMAILS = {
  generic: { page: 'generic.html', send: 'button.send', body: 'textarea[name=body]', ctrlEnter: false },
  gmail: { page: 'gmail.html', send: '.M9[data-compose-id=c1] .IZ .Up [role=button].aoO', body: '.M9[data-compose-id=c1] [g_editable=true]', ctrlEnter: true },
  outlook: { page: 'outlook.html', send: '.compose[data-compose-id=o1] button[id$=__primaryActionButton]', body: '.compose[data-compose-id=o1] [id^=editorParent_] [role=textbox]', ctrlEnter: true },
  roundcube: { page: 'roundcube.html', send: '.formbuttons button.send', body: '#composebody', ctrlEnter: false },
};

/** The ways to press Send on a fixture webmail (Ctrl+Enter only where it has the shortcut). */
const triggersOf = (webmail) => ['click', 'double-click', 'enter-on-button', ...(WEBMAILS[webmail].ctrlEnter ? ['ctrl-enter', 'click-then-ctrl-enter'] : [])];

async function sendTrigger(page, webmail, trigger) {
  const { send, body } = WEBMAILS[webmail];
  if (trigger === 'click') await page.click(send, { force: true });
  else if (trigger === 'double-click') await page.dblclick(send, { force: true });
  else if (trigger === 'enter-on-button') {
    await page.focus(send);
    await page.keyboard.press('Enter');
  } else if (trigger === 'ctrl-enter') {
    await page.focus(body);
    await page.keyboard.press('Control+Enter');
  } else if (trigger === 'click-then-ctrl-enter') {
    await page.click(send, { force: true });
    await page.focus(body);
    await page.keyboard.press('Control+Enter');
  }
}

/** One trial on `page`; returns what happened. */
async function runTrial(page, base, plan, core) {
  const webmail = WEBMAILS[plan.webmail];
  await page.goto(`${base}/${webmail.page}`);
  // The guard is ready once the extension has looked at the compose window (its indicator shows).
  await page.waitForSelector('[data-zorgvuldig=indicator]', { state: 'attached', timeout: 10000 });
  await page.evaluate((draft) => window.draft.fill(draft), plan.draft);
  if (plan.warm) await page.waitForTimeout(450); // the analysis while typing runs after a 300 ms pause

  const edit = { 'add-retired': ['addRecipient', RETIRED], 'remove-retired': ['removeRecipient', RETIRED], 'append-bsn': ['appendBody', BSN] }[plan.change];
  if (edit && plan.changeAt === 'before') await page.evaluate(([op, arg]) => window.draft[op](arg), edit);
  else if (edit) await page.evaluate(([op, arg, delay]) => setTimeout(() => window.draft[op](arg), delay), [...edit, plan.changeAt]);
  await sendTrigger(page, plan.webmail, plan.trigger);
  if (plan.change === 'type-while-pending') {
    await page.focus(webmail.body);
    await page.keyboard.press('Control+End');
    await page.keyboard.type(TYPED);
  }

  // Settled: a send or a warning (the guard gives up on the core after 8 s), and a moment more
  // for a late second send.
  await page.waitForFunction(() => window.sent.length > 0 || window.draft.warnings > 0, null, { timeout: 8000, polling: 20 }).catch(() => {});
  await page.waitForTimeout(edit && plan.changeAt !== 'before' ? 250 : 150);
  let overridden = false;
  if (plan.answer === 'override' && await page.$('[data-zorgvuldig=warning]')) {
    const override = (await extensionUi(page, 'warning'))?.buttons.find((b) => b.choice === 'override' && !b.disabled);
    if (override) {
      overridden = true;
      const counts = await page.evaluate(() => [window.sent.length, window.draft.warnings]);
      await clickUi(page, override);
      // A send, or a new warning when the draft changed behind the old one.
      await page.waitForFunction(([sends, warnings]) => window.sent.length > sends || window.draft.warnings > warnings, counts, { timeout: 8000, polling: 20 }).catch(() => {});
      await page.waitForTimeout(150);
    }
  }
  if (await page.$('[data-zorgvuldig=warning]')) {
    await page.keyboard.press('Escape'); // "Terug naar bericht"
    await page.waitForTimeout(100);
  }
  const { sent, warnings, final, dialogLeft } = await page.evaluate(() => ({
    sent: window.sent, warnings: window.draft.warnings, final: window.draft.read(),
    dialogLeft: Boolean(document.querySelector('[data-zorgvuldig=warning]')),
  }));

  const records = sent.map(draftOfRecord);
  // What may go out: what the core allows, and after "Toch verzenden" what it warns about; a block never.
  const allowed = overridden ? ['allow', 'warn'] : ['allow'];
  const unchecked = records.filter((record) => !allowed.includes(core.verdict(snapshotOf(record)).action));
  const finalVerdict = core.verdict(snapshotOf(final)).action;
  const allClean = [plan.draft, changedDraft(plan)].every((d) => core.verdict(snapshotOf({ ...d, attachments: final.attachments })).action === 'allow');
  return {
    sends: sent.length,
    warned: warnings > 0,
    overridden,
    skippedCheck: unchecked.length,
    doubleSend: sent.length > 1,
    changedDraft: records.some((record) => !producedBy(plan, record)) || !producedBy(plan, final),
    silent: sent.length === 0 && warnings === 0,
    cleanNotSent: allClean && plan.change !== 'type-while-pending' && sent.length === 0,
    dialogLeft,
    finalVerdict,
    detail: { plan, sent, final, warnings },
  };
}

describe('randomised send trials on the fixture webmails', () => {
  let browser;
  let core;
  before(async () => {
    browser = await launch({ policyName: 'zorgvuldig-e2e-trials', policy: POLICY });
    await installDraftHelpers(browser.context);
    for (let i = 0; i < 100; i++) {
      const managed = await browser.worker.evaluate(() => chrome.storage.managed.get(null));
      if (managed.webmailHosts) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    core = await coreFor(POLICY);
  });
  after(async () => {
    await browser?.stop();
  });

  test(`${TRIALS} trials: no send skips the check, none goes twice, no draft is lost or changed`, { timeout: 15 * 60_000 }, async () => {
    console.log(`send trials: ${TRIALS} trials, seed ${SEED} (ZORGVULDIG_TRIALS_SEED=${SEED} repeats the mix), ${PAGES} pages`);
    const queue = plans(TRIALS, SEED, { webmails: Object.keys(WEBMAILS), triggersOf });
    const mix = mixLines(queue);
    const results = [];
    const started = Date.now();
    await Promise.all(Array.from({ length: PAGES }, async () => {
      const page = await browser.context.newPage();
      for (let plan = queue.shift(); plan; plan = queue.shift()) results.push(await runTrial(page, browser.base, plan, core));
      await page.close();
    }));
    const seconds = (Date.now() - started) / 1000;

    const count = (key) => results.filter((r) => r[key]).length;
    const summary = {
      trials: results.length,
      seconds: Math.round(seconds),
      sent: results.filter((r) => r.sends > 0).length,
      warned: count('warned'),
      skippedCheck: results.reduce((n, r) => n + r.skippedCheck, 0),
      doubleSends: count('doubleSend'),
      changedDrafts: count('changedDraft'),
      silent: count('silent'),
      cleanNotSent: count('cleanNotSent'),
      dialogLeftOpen: count('dialogLeft'),
    };
    for (const line of mix) console.log(line);
    console.log(`mix: answer to a warning: ${tally(results, (r) => r.detail.plan.answer)}; "Toch verzenden" taken in ${count('overridden')} trials`);
    console.log(`outcome: ${tally(results, (r) => (r.sends ? 'sent' : r.warned ? 'warning' : 'nothing'))}; final draft per core: ${tally(results, (r) => r.finalVerdict)}`);
    console.log(`counts: ${JSON.stringify(summary)}`);
    const bad = results.filter((r) => r.skippedCheck || r.doubleSend || r.changedDraft || r.silent || r.cleanNotSent || r.dialogLeft);
    for (const r of bad.slice(0, 10)) console.log(`failed trial: ${JSON.stringify(r.detail)}`);

    assert.equal(results.length, TRIALS);
    assert.equal(summary.skippedCheck, 0, 'sends that skipped the check');
    assert.equal(summary.doubleSends, 0, 'double sends');
    assert.equal(summary.changedDrafts, 0, 'lost or changed drafts');
    assert.equal(summary.silent, 0, 'a Send that ended in neither a send nor a warning');
    assert.equal(summary.cleanNotSent, 0, 'a clean mail that was not sent');
    assert.equal(summary.dialogLeftOpen, 0, '"Terug naar bericht" (Esc) closes the warning');
    // Both outcomes occur: the mix exercises the guard's pass and its hold.
    assert.ok(summary.sent > TRIALS / 10 && summary.warned > TRIALS / 10, `sends ${summary.sent}, warnings ${summary.warned}`);
  });
});
