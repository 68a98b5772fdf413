// Every way a webmail can send, held by the real extension in Chromium: one fixture compose window
// (fixtures/send-paths.js) whose way of sending is chosen per case, the way real webmails differ
// (a sender per event type, form submission by click, Enter, shortcut and menu, send controls in
// shadow roots, frames and toolbars, an editor iframe, save-then-send, a button re-rendered on
// mousedown). Each case runs four times and counts the page's own sends: a retired recipient is
// blocked (0 sends, the warning shows), after the check while typing and when sent at once (the
// check still running: the race a page that sends on a later event than the guard holds would
// win), a clean mail sent after the check while typing goes out exactly once, and a clean mail
// sent at once (held, checked, replayed) goes out exactly once.
// Also: a held Enter key on Gmail's and Outlook's Send, and a compose window the guard cannot read.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, open, screenshots } from './lib/extension.mjs';
import { clickUi, extensionUi, waitForWarning } from './lib/shadow.mjs';
import { installDraftHelpers } from './lib/drafts.mjs';
import { FIXTURE_POLICY as POLICY } from './lib/policies.mjs';

const RETIRED = { to: 'j.bos@bjzutrecht.nl', subject: 'Overleg', body: 'Hoi Jan, tot donderdag.' };
const CLEAN = { to: 's.devries@samenveilig.nl', subject: 'Overleg', body: 'Hoi Sanne, tot donderdag.' };

// Triggers: what the user does to send, as real input (Playwright and the DevTools protocol).
// Clicks are forced: the warning opens while Playwright would still be checking the target.
const click =
  (selector, options = {}) =>
  (page) =>
    page.click(selector, { force: true, ...options });
const key = (selector, keys) => async (page) => {
  await page.focus(selector);
  await page.keyboard.press(keys);
};
/** Enter pressed and released at once on a control: the release arrives before the warning can
 *  take the focus (the race a page that sends on keyup wins). */
const quickKey = (selector, keys) => async (page) => {
  await page.focus(selector);
  await Promise.all([page.keyboard.down(keys), page.keyboard.up(keys)]);
};
/** Tab from a field to the next focusable element (into a closed shadow root), then a key. */
const tabThenKey = (selector, keys) => async (page) => {
  await page.focus(selector);
  await page.keyboard.press('Tab');
  await page.keyboard.press(keys);
};
const inFrame = (frame, selector) => (page) => page.frameLocator(frame).locator(selector).click({ force: true });
const keyInFrame = (frame, selector, keys) => async (page) => {
  await page.frameLocator(frame).locator(selector).focus();
  await page.keyboard.press(keys);
};
const menu = (name) => async (page) => {
  await page.click('button.more');
  await page.locator('[role=menuitem]', { hasText: new RegExp(`^${name}$`) }).click({ force: true });
};
/** A finger tap (touch events, then the pointer and mouse events and the click Chromium makes of them). */
const tap = (selector) => async (page) => {
  const box = await page.locator(selector).boundingBox();
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 1 });
    await cdp.send('Input.dispatchTouchEvent', {
      type: 'touchStart',
      touchPoints: [{ x: box.x + box.width / 2, y: box.y + box.height / 2 }],
    });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  } finally {
    await cdp.detach();
  }
};

/** Each way of sending: the fixture's query string and what the user does. */
const CASES = [
  { name: 'a send control that acts on pointerdown', query: 'via=pointerdown', send: click('button.send') },
  { name: 'a send control that acts on pointerup', query: 'via=pointerup', send: click('button.send') },
  { name: 'a send control that acts on touchend (a tap)', query: 'via=touchend', send: tap('button.send') },
  { name: 'a send control that acts on auxclick (middle button)', query: 'via=auxclick', send: click('button.send', { button: 'middle' }) },
  { name: 'a send control that acts on keyup of Enter', query: 'via=keyup', send: quickKey('button.send', 'Enter') },
  { name: 'form submission by its submit button', query: 'via=submit', send: click('button.send') },
  { name: 'form submission by Enter in the subject (implicit submission)', query: 'via=submit', send: key('input[name=subject]', 'Enter') },
  { name: 'form submission by requestSubmit() from Alt+S', query: 'keys=alt-s', send: key('textarea[name=body]', 'Alt+s') },
  { name: '"Verzenden" in a menu rendered at the end of <body>', query: 'place=menu', send: menu('Verzenden') },
  { name: '"Later verzenden" in a menu rendered at the end of <body>', query: 'place=menu', send: menu('Later verzenden') },
  { name: 'a menu item that submits the form', query: 'place=menu&via=submit', send: menu('Verzenden') },
  { name: 'a send control in an open shadow root', query: 'place=open-shadow', send: click('zv-send-button') },
  { name: 'a send control in a closed shadow root (click)', query: 'place=closed-shadow', send: click('zv-send-button') },
  {
    name: 'a send control in a closed shadow root (Tab, then Enter)',
    query: 'place=closed-shadow',
    send: tabThenKey('textarea[name=body]', 'Enter'),
  },
  { name: 'a send control in a toolbar outside the form', query: 'place=toolbar', send: click('.toolbar button.send') },
  {
    name: 'Ctrl+Enter with the send control in a toolbar outside the form',
    query: 'place=toolbar&keys=ctrl-enter',
    send: key('textarea[name=body]', 'Control+Enter'),
  },
  { name: 'a send control in a same-origin frame', query: 'place=frame', send: inFrame('iframe.toolbar-frame', 'button.send') },
  {
    name: 'a compose window in a frame written with document.open/write',
    query: 'place=written-frame',
    send: inFrame('#compose-frame', 'button.send'),
  },
  {
    name: 'Ctrl+Enter in a frame written with document.open/write',
    query: 'place=written-frame&keys=ctrl-enter',
    send: keyInFrame('#compose-frame', 'textarea[name=body]', 'Control+Enter'),
  },
  { name: 'an editor iframe body (click on Send)', query: 'body=editor-frame', send: click('button.send') },
  {
    name: 'Ctrl+Enter inside an editor iframe',
    query: 'body=editor-frame&keys=ctrl-enter',
    send: keyInFrame('#body_ifr', 'body', 'Control+Enter'),
  },
  { name: 'a Gmail-style button re-rendered on mousedown, handlers delegated', query: 'via=rerender', send: click('[data-action=send]') },
  {
    name: 'a webmail that reads the draft after Send (save, then send)',
    query: 'via=save-then-send',
    send: click('button.send'),
    settle: 900,
  },
];

let browser;

const sends = (page) => page.evaluate(() => window.sent);

async function openCase(query) {
  const { page, errors } = await open(browser, `send-paths.html?${query}`);
  await page.waitForFunction(() => window.composeDocument?.().getElementById('compose'));
  // The guard is ready once the extension has looked at the compose window (its indicator shows).
  await page.waitForSelector('[data-zorgvuldig=indicator]', { state: 'attached', timeout: 10000 });
  return { page, errors };
}

/** The indicator's state once it shows `state` (or the last one seen). */
async function indicatorState(page, state) {
  let ui = null;
  for (let i = 0; i < 60; i++) {
    ui = await extensionUi(page, 'indicator');
    if (ui?.action === state) break;
    await page.waitForTimeout(50);
  }
  return ui?.action;
}

describe('the send guard holds every way a webmail sends', () => {
  before(async () => {
    browser = await launch({ policyName: 'zorgvuldig-e2e-send-paths', policy: POLICY });
    await installDraftHelpers(browser.context);
  });
  after(async () => {
    await browser?.stop();
  });

  for (const { name, query, send, settle = 500 } of CASES) {
    describe(name, () => {
      test('a retired recipient: blocked, nothing sent, the draft as it was', async () => {
        const { page, errors } = await openCase(query);
        await page.evaluate((draft) => window.fillDraft(draft), RETIRED);
        assert.equal(await indicatorState(page, 'issues'), 'issues', 'the indicator names the retired recipient');
        await send(page);
        const warning = await waitForWarning(page);
        assert.equal(warning?.action, 'block', 'the block warning shows');
        await page.waitForTimeout(settle);
        assert.equal((await sends(page)).length, 0, 'nothing was sent');
        await page.keyboard.press('Escape');
        await page.waitForTimeout(200);
        assert.equal((await sends(page)).length, 0, 'nothing was sent after "Terug naar bericht"');
        assert.deepEqual(errors, []);
        await page.close();
      });

      test('a retired recipient sent at once, before the check while typing: blocked, nothing sent', async () => {
        const { page, errors } = await openCase(query);
        await page.evaluate((draft) => window.fillDraft(draft), RETIRED);
        await send(page);
        const warning = await waitForWarning(page);
        assert.equal(warning?.action, 'block', 'the block warning shows');
        await page.waitForTimeout(settle);
        await page.keyboard.press('Escape');
        await page.waitForTimeout(200);
        assert.equal((await sends(page)).length, 0, 'nothing was sent');
        assert.deepEqual(errors, []);
        await page.close();
      });

      test('a clean mail, checked while typing: sent exactly once, no dialog', async () => {
        const { page, errors } = await openCase(query);
        await page.evaluate((draft) => window.fillDraft(draft), CLEAN);
        assert.equal(await indicatorState(page, 'protected'), 'protected', 'the indicator says protected');
        await send(page);
        await page.waitForTimeout(settle);
        const sent = await sends(page);
        assert.equal(sent.length, 1, `sent once (${JSON.stringify(sent)})`);
        assert.deepEqual({ to: sent[0].to, subject: sent[0].subject, body: sent[0].body.trim() }, CLEAN);
        assert.equal(await extensionUi(page, 'warning'), null);
        assert.deepEqual(errors, []);
        await page.close();
      });

      test('a clean mail sent at once: held, checked, replayed exactly once', async () => {
        const { page, errors } = await openCase(query);
        await page.evaluate((draft) => window.fillDraft(draft), CLEAN);
        await send(page);
        await page.waitForTimeout(settle + 300);
        const sent = await sends(page);
        assert.equal(sent.length, 1, `sent once (${JSON.stringify(sent)})`);
        assert.equal(await extensionUi(page, 'warning'), null);
        assert.deepEqual(errors, []);
        await page.close();
      });
    });
  }

  test('save-then-send: text typed just after Send does not go out unchecked', async () => {
    const { page } = await openCase('via=save-then-send');
    await page.evaluate((draft) => window.fillDraft(draft), { ...CLEAN, to: 'info@jeugdpraktijk.example' });
    assert.equal(await indicatorState(page, 'protected'), 'protected');
    await page.click('button.send');
    await page.focus('textarea[name=body]');
    await page.keyboard.press('End');
    await page.keyboard.type(' BSN 123456782, diagnose depressie.');
    await page.waitForTimeout(900);
    const sent = await sends(page);
    assert.equal(sent.length, 1);
    assert.equal(sent[0].body, CLEAN.body, 'what was sent is what was checked');
    await page.close();
  });

  test('save-then-send by Enter on the button, checked while typing: sent once, no dialog', async () => {
    // Enter's click renames the button ("Opslaan…") before Enter's keyup arrives: the keyup of a
    // press that passed must not be taken for a send control the guard can no longer find.
    const { page, errors } = await openCase('via=save-then-send');
    await page.evaluate((draft) => window.fillDraft(draft), CLEAN);
    assert.equal(await indicatorState(page, 'protected'), 'protected');
    await page.waitForTimeout(1000); // the check while typing has run on the draft as it is now
    await key('button.send', 'Enter')(page);
    await page.waitForTimeout(900);
    assert.equal((await sends(page)).length, 1, 'sent once');
    assert.equal(await extensionUi(page, 'warning'), null, 'no dialog after a clean send');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('an editor iframe body is read: sensitive content to an external partner warns', async () => {
    const { page } = await openCase('body=editor-frame');
    await page.evaluate((draft) => window.fillDraft(draft), {
      to: 'info@jeugdpraktijk.example',
      subject: 'Aanmelding',
      body: 'Cliënt Daan, BSN 123456782, is opgenomen na een suïcidepoging.',
    });
    await page.click('button.send');
    const warning = await waitForWarning(page);
    assert.equal(warning?.action, 'warn');
    assert.ok(warning.rules.includes('external-unencrypted'), warning.rules.join());
    await page.keyboard.press('Escape');
    assert.equal((await sends(page)).length, 0);
    await page.close();
  });

  for (const [webmail, sendControl] of [
    ['gmail', '.M9[data-compose-id=c1] .IZ .Up [role=button].aoO'],
    ['outlook', '.compose[data-compose-id=o1] button[id$=__primaryActionButton]'],
  ]) {
    test(`${webmail}: Enter held down on Send (auto-repeat) sends nothing and the warning stays open`, async () => {
      const { page } = await open(browser, `${webmail}.html`);
      await page.waitForSelector('[data-zorgvuldig=indicator]', { state: 'attached', timeout: 10000 });
      await page.evaluate(() => window.draft.fill({ to: ['j.bos@bjzutrecht.nl'], subject: 'Overleg', body: 'Hoi Jan' }));
      await page.waitForTimeout(450);
      await page.focus(sendControl);
      // The first press, then 40 repeats about 30 ms apart (a key held for 1.2 s); Playwright marks
      // every keydown after the first as a repeat.
      for (let i = 0; i < 41; i++) {
        await page.keyboard.down('Enter');
        await page.waitForTimeout(30);
      }
      await page.keyboard.up('Enter');
      await page.waitForTimeout(300);
      const { sent, warnings } = await page.evaluate(() => ({ sent: window.sent.length, warnings: window.draft.warnings }));
      assert.equal(sent, 0, 'nothing was sent');
      assert.equal(warnings, 1, 'the warning opened once and did not flicker');
      const warning = await extensionUi(page, 'warning');
      assert.equal(warning?.action, 'block', 'the block warning is still open');
      await page.screenshot({ path: join(screenshots, `send-guard-held-enter-${webmail}.png`) });
      await page.close();
    });
  }

  describe('a compose window whose send control cannot be recognised', () => {
    test('the indicator says protection is not active, also after a check while typing', async () => {
      const { page } = await openCase('place=unnamed&keys=ctrl-enter');
      await page.evaluate((draft) => window.fillDraft(draft), CLEAN);
      await page.waitForTimeout(800);
      const ui = await extensionUi(page, 'indicator');
      assert.equal(ui?.action, 'inactive');
      assert.match(ui.text, /niet actief/);
      await page.close();
    });

    test('Ctrl+Enter to a retired recipient is blocked', async () => {
      const { page } = await openCase('place=unnamed&keys=ctrl-enter');
      await page.evaluate((draft) => window.fillDraft(draft), RETIRED);
      await page.waitForTimeout(500);
      await key('textarea[name=body]', 'Control+Enter')(page);
      const warning = await waitForWarning(page);
      assert.equal(warning?.action, 'block');
      await page.keyboard.press('Escape');
      assert.equal((await sends(page)).length, 0);
      await page.close();
    });

    test('Ctrl+Enter with a clean draft: the user is told it could not be checked, and may send once', async () => {
      const { page } = await openCase('place=unnamed&keys=ctrl-enter');
      await page.evaluate((draft) => window.fillDraft(draft), CLEAN);
      await page.waitForTimeout(500);
      await key('textarea[name=body]', 'Control+Enter')(page);
      const warning = await waitForWarning(page);
      assert.match(warning?.text ?? '', /niet alles vinden/);
      assert.equal((await sends(page)).length, 0, 'held until the user decides');
      await page.screenshot({ path: join(screenshots, 'send-guard-unguarded.png') });
      await clickUi(
        page,
        warning.buttons.find((b) => b.choice === 'override'),
      );
      await page.waitForTimeout(300);
      const sent = await sends(page);
      assert.equal(sent.length, 1);
      assert.equal(sent[0].via, 'ctrl-enter');
      await page.close();
    });
  });

  test('the extension made no network request', () => {
    const outside = browser.requests.filter((url) => !url.startsWith(browser.base) && !url.startsWith('chrome-extension://'));
    assert.deepEqual(outside, []);
  });
});
