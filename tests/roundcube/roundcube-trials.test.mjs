// Randomised send trials on the real Roundcube: the
// mix of tests/e2e/send-trials.test.mjs (same PRNG and plans, tests/e2e/lib/trials.mjs) on
// Debian's Roundcube with dovecot and the SMTP sink (tests/roundcube/stack.mjs). Each trial opens
// a compose window, types the draft into Roundcube's own fields, presses Send (a click, a double
// click or Enter on the button), and may change the draft at the last moment the way Roundcube's
// own code does (its recipient widget taking an autocompleted retired address, or dropping it
// with its Backspace handler; a BSN appended to the text), just before Send or 0–60 ms after it,
// or type in the body while the decision is pending. A warning is answered with "Toch verzenden" and a justification (when
// offered) or "Terug naar bericht". Every trial's subject carries its number, so each message the
// SMTP sink received maps to its trial; each is judged with the real core in Node
// (tests/e2e/lib/core.mjs): a message the core would block, or warn about without the user's
// "Toch verzenden", skipped the check.
//
//   ZORGVULDIG_RC_TRIALS=60 (default)   how many trials
//   ZORGVULDIG_TRIALS_SEED=123          repeat a run's mix (the seed is printed; timing still varies)

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { coreFor } from '../e2e/lib/core.mjs';
import { snapshotOf } from '../e2e/lib/drafts.mjs';
import { clickUi, extensionUi, typeUi } from '../e2e/lib/shadow.mjs';
import { BSN, RETIRED, TYPED, changedDraft, mixLines, plans, producedBy, sameDraft, seedFromEnv, tally } from '../e2e/lib/trials.mjs';
import { parseMessage } from './mime.mjs';
import { composeFields, openCompose, sendButton, startSession, write } from './roundcube.mjs';
import { WEBMAIL_POLICY as POLICY } from '../e2e/lib/policies.mjs';

const TRIALS = Number(process.env.ZORGVULDIG_RC_TRIALS ?? 60);
const SEED = seedFromEnv();
const TRIGGERS = ['click', 'double-click', 'enter-on-button'];
const JUSTIFICATION = 'Telefonisch afgestemd met de ontvanger';
/** How long a Send may take to end in a delivery or a warning (the guard gives up on the core
 *  after 8 s): a bound that catches a hang. */
const SETTLE_MS = 12000;
/** After the last trial, how long no further message may arrive (a late second send). */
const QUIET_MS = 3000;

const ADDRESS = /[^\s<>"',;()]+@[^\s<>"',;()]+/g;
const addresses = (text) => (String(text).match(ADDRESS) ?? []).map((a) => a.toLowerCase());
const trimEnd = (text) => text.replace(/\s+$/, '');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const MARK = /\(proef (\d+)\)$/;
const subjectOf = (plan) => `${plan.draft.subject} (proef ${plan.index + 1})`;

/** The trial's plan with its number in the subject (how the SMTP sink's messages map to trials). */
const marked = (plan) => ({ ...plan, draft: { ...plan.draft, subject: subjectOf(plan) } });

/** A message as the SMTP sink received it, as a draft ({to, subject, body}). */
function draftOfMessage(message) {
  const { subject, text } = parseMessage(message.data);
  return { to: message.rcptTo.map((a) => a.toLowerCase()), subject, body: trimEnd(text) };
}

/** The compose window's fields now, as a draft. */
async function draftOnPage(page) {
  const fields = await composeFields(page);
  return { to: addresses(fields.toField), subject: fields.subject, body: trimEnd(fields.body) };
}

/** Makes the trial's change in the page's own world, the way Roundcube's code does it: the
 *  recipient widget takes an address (autocomplete fires "change" on its input) or drops the last
 *  one (its Backspace handler; the retired address is always the last one typed; the chip's own
 *  remove control would also move the focus, taking a pressed Enter away from the send button),
 *  or text added to the body. Now, or `delay` ms later. */
function changeInPage(page, change, delay) {
  return page.evaluate(
    ({ change, delay, RETIRED, BSN }) => {
      const run = () => {
        if (change === 'add-retired') {
          const input = document.querySelector('#compose_to .recipient-input input');
          input.value = `${RETIRED},`;
          input.dispatchEvent(new Event('change'));
        } else if (change === 'remove-retired') {
          const input = document.querySelector('#compose_to .recipient-input input');
          window.jQuery(input).trigger(window.jQuery.Event('keydown', { keyCode: 8 }));
        } else if (change === 'append-bsn') {
          const body = document.querySelector('#composebody');
          body.value += BSN;
          body.dispatchEvent(new Event('input', { bubbles: true }));
        }
      };
      if (delay === null) run();
      else setTimeout(run, delay);
    },
    { change, delay, RETIRED, BSN },
  );
}

async function pressSend(page, trigger) {
  // Forced: the warning opens while Playwright would still be checking the target.
  if (trigger === 'click') await page.click(sendButton, { force: true });
  else if (trigger === 'double-click') await page.dblclick(sendButton, { force: true });
  else if (trigger === 'enter-on-button') {
    await page.focus(sendButton);
    await page.keyboard.press('Enter');
  }
}

/** Whether the extension's warning is open (false while Roundcube leaves the page after a send). */
const warningOpen = (page) => page.$('[data-zorgvuldig=warning]').then(Boolean, () => false);

/** The text of Roundcube's own dialog when one is open (null otherwise). */
const roundcubeDialog = (page) =>
  page.evaluate(
    () =>
      [...document.querySelectorAll('.ui-dialog')]
        .filter((d) => d.offsetParent !== null)
        .map((d) => d.querySelector('.ui-dialog-content').innerText.trim())
        .join(' ') || null,
  );

/** Waits for a message of the trial at the sink or a warning on the page; 'sent', 'warning' or
 *  'nothing' (after SETTLE_MS). */
async function settle(page, sink, plan) {
  const deadline = Date.now() + SETTLE_MS;
  while (Date.now() < deadline) {
    if (sink.messages().some((m) => parseMessage(m.data).subject === plan.draft.subject)) return 'sent';
    if (await warningOpen(page)) return 'warning';
    await sleep(50);
  }
  return 'nothing';
}

/** One trial; returns what happened on the page (the messages are counted after all trials). */
async function runTrial(session, plan) {
  const { page, errors } = await openCompose(session);
  // The guard is ready once the extension has looked at the compose window (its indicator shows).
  await page.waitForSelector('[data-zorgvuldig=indicator]', { state: 'attached', timeout: 10000 });
  await write(page, plan.draft);
  if (plan.warm) await page.waitForTimeout(450); // the analysis while typing runs after a 300 ms pause
  if (plan.changeAt !== null) await changeInPage(page, plan.change, plan.changeAt === 'before' ? null : plan.changeAt);
  await pressSend(page, plan.trigger);
  if (plan.change === 'type-while-pending') {
    await page.focus('#composebody');
    await page.keyboard.press('Control+End');
    await page.keyboard.type(TYPED);
  }

  let outcome = await settle(page, session.stack.sink, plan);
  const warned = outcome === 'warning';
  let overridden = false;
  if (outcome === 'warning' && plan.answer === 'override') {
    const ui = await extensionUi(page, 'warning');
    const reason = ui?.fields.find((f) => f.id === 'reason');
    if (ui?.buttons.some((b) => b.choice === 'override')) {
      if (reason) await typeUi(page, reason, JUSTIFICATION);
      const override = (await extensionUi(page, 'warning'))?.buttons.find((b) => b.choice === 'override' && !b.disabled);
      if (override) {
        overridden = true;
        await clickUi(page, override);
        await page.waitForTimeout(100); // the warning closes; a new one comes when the draft changed behind it
        outcome = await settle(page, session.stack.sink, plan);
      }
    }
  }
  // The compose window as the user finds it after "Terug naar bericht", or after Roundcube's own
  // refusal (its dialog "Geef tenminste één ontvanger op." when the last recipient was dropped).
  let kept = null;
  let refusal = null;
  if (outcome === 'warning') {
    const ui = await extensionUi(page, 'warning');
    const button = ui?.buttons.find((b) => b.choice === 'back');
    if (button) await clickUi(page, button); // "Terug naar bericht"
  } else if (outcome === 'nothing') {
    refusal = await roundcubeDialog(page);
    if (refusal) await page.click('.ui-dialog .ui-dialog-buttonset button');
  } else {
    await page.waitForTimeout(150); // a moment for a second click's send to start
  }
  if (outcome !== 'sent') {
    await page.waitForTimeout(200);
    kept = { dialogLeft: await warningOpen(page), stillComposing: /_action=compose/.test(page.url()), draft: await draftOnPage(page) };
  }
  await page.close();
  return { plan, outcome, warned, overridden, kept, refusal, errors };
}

describe('randomised send trials on the real Roundcube', () => {
  let session;
  let core;
  before(async () => {
    session = await startSession({ policy: POLICY, policyName: 'zorgvuldig-e2e-roundcube-trials' });
    core = await coreFor(POLICY);
  });
  after(async () => {
    await session?.stop();
  });

  test(`${TRIALS} trials: no send skips the check, none goes twice, no draft is lost or changed`, { timeout: 20 * 60_000 }, async () => {
    console.log(`Roundcube send trials: ${TRIALS} trials, seed ${SEED} (ZORGVULDIG_TRIALS_SEED=${SEED} repeats the mix)`);
    const planned = plans(TRIALS, SEED, { webmails: ['roundcube'], triggersOf: () => TRIGGERS }).map(marked);
    const started = Date.now();
    const results = [];
    for (const plan of planned) results.push(await runTrial(session, plan));
    await sleep(QUIET_MS); // a late second copy still arrives and is counted
    const seconds = (Date.now() - started) / 1000;

    // Every message the SMTP sink received, by trial.
    const messages = session.stack.sink.messages();
    const byTrial = new Map();
    let unmarked = 0;
    for (const message of messages) {
      const draft = draftOfMessage(message);
      const index = Number(draft.subject.match(MARK)?.[1] ?? 0) - 1;
      if (index < 0) unmarked += 1;
      else byTrial.set(index, [...(byTrial.get(index) ?? []), draft]);
    }
    const verdict = (draft) => core.verdict(snapshotOf(draft)).action;
    for (const r of results) {
      const { plan } = r;
      r.delivered = byTrial.get(plan.index) ?? [];
      // What may go out: what the core allows, and after "Toch verzenden" what it warns about; a block never.
      const allowed = r.overridden ? ['allow', 'warn'] : ['allow'];
      r.skippedCheck = r.delivered.filter((d) => !allowed.includes(verdict(d))).length;
      r.doubleSend = r.delivered.length > 1;
      // A message must be a draft the user produced; after "Terug naar bericht" the compose window
      // holds the draft as it is now (with the change, or part of the typed word).
      const keptIntact =
        !r.kept ||
        (r.kept.stillComposing &&
          (plan.change === 'type-while-pending' ? producedBy(plan, r.kept.draft) : sameDraft(r.kept.draft, changedDraft(plan))));
      r.changedDraft = r.delivered.some((d) => !producedBy(plan, d)) || !keptIntact;
      // Roundcube itself refuses a mail without recipients (its own dialog); anything else must end
      // in a message or the extension's warning.
      r.refusedEmpty = Boolean(r.refusal) && r.kept.draft.to.length === 0;
      r.silent = !r.warned && r.delivered.length === 0 && !r.refusedEmpty;
      const allClean = [plan.draft, changedDraft(plan)].every((d) => verdict(d) === 'allow');
      r.cleanNotSent = allClean && plan.change !== 'type-while-pending' && r.delivered.length === 0;
      r.dialogLeft = Boolean(r.kept?.dialogLeft);
    }

    const count = (key) => results.filter((r) => r[key]).length;
    const summary = {
      trials: results.length,
      seconds: Math.round(seconds),
      messages: messages.length,
      sent: results.filter((r) => r.delivered.length > 0).length,
      warned: count('warned'),
      overridden: count('overridden'),
      skippedCheck: results.reduce((n, r) => n + r.skippedCheck, 0),
      doubleSends: count('doubleSend'),
      changedDrafts: count('changedDraft'),
      unmarked,
      refusedByRoundcube: count('refusedEmpty'),
      silent: count('silent'),
      cleanNotSent: count('cleanNotSent'),
      dialogLeftOpen: count('dialogLeft'),
      pageErrors: results.reduce((n, r) => n + r.errors.length, 0),
    };
    for (const line of mixLines(planned)) console.log(line);
    console.log(
      `mix: answer to a warning: ${tally(planned, (p) => p.answer)}; "Toch verzenden" with a justification taken in ${summary.overridden} trials`,
    );
    console.log(
      `outcome: ${tally(results, (r) => (r.delivered.length ? 'delivered' : r.warned ? 'warning' : r.refusedEmpty ? 'Roundcube: no recipient' : 'nothing'))}; ` +
        `what the user produced last, per core: ${tally(results, (r) => verdict(r.kept?.draft ?? changedDraft(r.plan)))}`,
    );
    console.log(`counts: ${JSON.stringify(summary)}`);
    const bad = results.filter((r) => r.skippedCheck || r.doubleSend || r.changedDraft || r.silent || r.cleanNotSent || r.dialogLeft);
    for (const r of bad.slice(0, 10))
      console.log(
        `failed trial: ${JSON.stringify({ plan: r.plan, outcome: r.outcome, overridden: r.overridden, kept: r.kept, refusal: r.refusal, delivered: r.delivered })}`,
      );

    assert.equal(results.length, TRIALS);
    assert.equal(summary.skippedCheck, 0, 'messages at the SMTP server that skipped the check');
    assert.equal(summary.doubleSends, 0, 'trials delivered more than once');
    assert.equal(summary.changedDrafts, 0, 'drafts lost or changed (at the SMTP server or after "Terug naar bericht")');
    assert.equal(summary.unmarked, 0, 'messages that belong to no trial');
    assert.equal(summary.silent, 0, 'a Send that ended in neither a delivery nor a warning');
    assert.equal(summary.cleanNotSent, 0, 'a clean mail that was not delivered');
    assert.equal(summary.dialogLeftOpen, 0, '"Terug naar bericht" closes the warning');
    assert.equal(session.stack.errors(), '', 'Roundcube logged no error');
    // Both outcomes occur: the sample exercises the guard's pass and its hold.
    assert.ok(summary.sent > 0 && summary.warned > 0, `deliveries ${summary.sent}, warnings ${summary.warned}`);
  });
});
