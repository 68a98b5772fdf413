// The real unpacked extension on copies of the compose DOM of Gmail, Outlook on the web and
// Roundcube 1.6 (elastic), served on 127.0.0.1, which the policy lists as a webmail host; the
// adapters recognise each webmail by its DOM there. Each fixture has its own send handler that
// records what the webmail's own fields held (window.sent); the tests count those sends.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, open, screenshots } from './lib/extension.mjs';
import { clickUi, extensionUi, waitForWarning as warning } from './lib/shadow.mjs';
import { gmail, outlook, roundcube, sentTo } from './lib/webmails.mjs';

const POLICY = {
  internalDomains: ['samenveilig.nl'],
  retiredDomains: [{ domain: 'bjzutrecht.nl', successor: 'samenveilig.nl' }, { domain: 'oudepartner.nl' }],
  trustedDomains: ['veiligthuis.nl'],
  webmailHosts: ['127.0.0.1'],
  language: 'nl',
};

const CLEAN = { to: ['s.devries@samenveilig.nl'], subject: 'Overleg', body: 'Tot donderdag!' };
const RETIRED = { to: ['j.bos@bjzutrecht.nl'], subject: 'Dossier Daan', body: 'Hoi Jan,\nBijgaand het dossier.' };
const SENSITIVE = {
  to: ['info@jeugdhulpzeist.nl'],
  subject: 'Aanmelding',
  body: 'BSN van de cliënt: 123.456.782. Na een suïcidepoging opgenomen.',
};

let browser;
const sent = (page) => page.evaluate(() => window.sent);

async function noWarning(page) {
  await page.waitForTimeout(400);
  return (await extensionUi(page, 'warning')) === null;
}

/** Waits until the indicator shows a state (the analysis while typing has run). */
async function settled(page, state) {
  for (let i = 0; i < 100; i++) {
    const ui = await extensionUi(page, 'indicator');
    if (ui && (!state || ui.action === state)) return ui;
    await page.waitForTimeout(50);
  }
  throw new Error(`indicator never showed ${state}`);
}

before(async () => {
  browser = await launch({ policy: POLICY, policyName: 'zorgvuldig-e2e-webmails' });
  // A fresh profile reads managed policy a moment after start; a page opened before that is not
  // yet known as a webmail host (main.js picks the adapter once, when the page loads).
  for (let i = 0; i < 100; i++) {
    const managed = await browser.worker.evaluate(() => chrome.storage.managed.get(null));
    if (managed.webmailHosts) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
});
after(async () => {
  await browser?.stop();
});

for (const webmail of [gmail, outlook, roundcube]) {
  describe(`extension on ${webmail.name}`, () => {
    test('a clean mail sends exactly once, with no dialog, with what the fields held', async () => {
      const { page, errors } = await open(browser, webmail.page);
      await webmail.compose(page, CLEAN);
      await settled(page, 'protected');
      await page.click(webmail.sendButton());
      assert.ok(await noWarning(page), 'no dialog');
      const sends = await sent(page);
      assert.equal(sends.length, 1);
      assert.deepEqual(sentTo(sends[0]), CLEAN.to);
      assert.equal(sends[0].subject, CLEAN.subject);
      assert.equal(sends[0].body.trim(), CLEAN.body);
      assert.deepEqual(errors, []);
      await page.close();
    });

    test('a retired domain is blocked, nothing is sent, and "Terug naar bericht" leaves the draft as it was', async () => {
      const { page } = await open(browser, webmail.page);
      await webmail.compose(page, RETIRED);
      const before = await webmail.fields(page);
      await page.click(webmail.sendButton());
      const ui = await warning(page);
      assert.ok(ui, 'the warning appears');
      assert.equal(ui.action, 'block');
      assert.match(ui.text, /j\.bos@bjzutrecht\.nl/);
      assert.ok(!ui.buttons.some((b) => b.choice === 'override'), 'a block has no send button');
      await page.screenshot({ path: join(screenshots, `extension-${webmail.name}-block-nl.png`) });
      await page.keyboard.press('Enter'); // focus starts on "Terug naar bericht"
      assert.ok(await noWarning(page));
      assert.equal((await sent(page)).length, 0, 'nothing was sent');
      assert.deepEqual(await webmail.fields(page), before, 'the draft is exactly as it was');
      await page.close();
    });

    test('an address still being typed (not yet a chip) is checked too', async () => {
      const { page } = await open(browser, webmail.page);
      await webmail.compose(page, { subject: 'Overleg', body: 'Hoi', typed: 'j.bos@bjzutrecht.nl' });
      await page.click(webmail.sendButton());
      const ui = await warning(page);
      assert.equal(ui?.action, 'block');
      assert.equal((await sent(page)).length, 0);
      await page.close();
    });

    test("the successor fix replaces the recipient in the webmail's own field, then sends once", async () => {
      const { page } = await open(browser, webmail.page);
      await webmail.compose(page, { to: ['j.bos@bjzutrecht.nl'], cc: ['s.devries@samenveilig.nl'], subject: 'Overleg', body: 'Tot dan.' });
      await page.click(webmail.sendButton());
      const ui = await warning(page);
      const fix = ui.buttons.find((b) => b.fix === 'replace-recipient');
      assert.ok(fix, 'the warning offers the successor address');
      await clickUi(page, fix);
      await page.waitForTimeout(300);
      const fields = await webmail.fields(page);
      assert.deepEqual(
        fields.to.map((t) => t.match(/[^\s<]+@[^\s>]+/)[0]),
        ['j.bos@samenveilig.nl'],
        'the chip is replaced',
      );
      assert.deepEqual(
        fields.cc.map((t) => t.match(/[^\s<]+@[^\s>]+/)[0]),
        ['s.devries@samenveilig.nl'],
        'Cc is untouched',
      );
      const after = await extensionUi(page, 'warning');
      assert.equal(after.action, 'allow');
      assert.equal((await sent(page)).length, 0, 'a fix never sends by itself');
      await clickUi(
        page,
        after.buttons.find((b) => b.choice === 'send'),
      );
      await page.waitForTimeout(300);
      const sends = await sent(page);
      assert.equal(sends.length, 1);
      assert.deepEqual(sentTo(sends[0]), ['j.bos@samenveilig.nl']);
      await page.close();
    });

    test("the remove fix removes the recipient through the chip's own control", async () => {
      const { page } = await open(browser, webmail.page);
      await webmail.compose(page, { to: ['s.devries@samenveilig.nl', 'k.smit@oudepartner.nl'], subject: 'Overleg', body: 'Tot dan.' });
      await page.click(webmail.sendButton());
      const ui = await warning(page);
      const fix = ui.buttons.find((b) => b.fix === 'remove-recipient');
      assert.ok(fix, 'the warning offers to remove the recipient');
      await clickUi(page, fix);
      await page.waitForTimeout(300);
      const fields = await webmail.fields(page);
      assert.deepEqual(
        fields.to.map((t) => t.match(/[^\s<]+@[^\s>]+/)[0]),
        ['s.devries@samenveilig.nl'],
      );
      if (webmail === roundcube) assert.doesNotMatch(fields.toField, /oudepartner/, 'the hidden #_to follows the chips');
      const after = await extensionUi(page, 'warning');
      await clickUi(
        page,
        after.buttons.find((b) => b.choice === 'send'),
      );
      await page.waitForTimeout(300);
      const sends = await sent(page);
      assert.equal(sends.length, 1);
      assert.deepEqual(sentTo(sends[0]), ['s.devries@samenveilig.nl']);
      await page.close();
    });

    test('sensitive content to an external address warns; sending anyway sends once and is logged', async () => {
      const { page } = await open(browser, webmail.page);
      await webmail.compose(page, SENSITIVE);
      await page.click(webmail.sendButton());
      const ui = await warning(page);
      assert.equal(ui.action, 'warn');
      assert.match(ui.text, /onversleuteld/);
      assert.doesNotMatch(ui.text, /123\.456\.782|123456782/, 'the BSN is masked');
      await page.screenshot({ path: join(screenshots, `extension-${webmail.name}-warn-nl.png`) });
      await clickUi(
        page,
        ui.buttons.find((b) => b.choice === 'override'),
      );
      await page.waitForTimeout(300);
      assert.equal((await sent(page)).length, 1);
      const audit = await browser.worker.evaluate(async () => (await chrome.storage.local.get('audit')).audit);
      const entry = audit.at(-1);
      assert.equal(entry.choice, 'override');
      assert.equal(entry.adapter, webmail.name);
      assert.ok(entry.rules.includes('external-unencrypted'));
      assert.deepEqual(entry.recipientDomains, ['jeugdhulpzeist.nl']);
      await page.close();
    });

    test('the encryption-marker fix puts the marker in the subject field', async () => {
      const { page } = await open(browser, webmail.page);
      await webmail.compose(page, { ...SENSITIVE, subject: 'Overdracht', body: 'De OTS van Daan is verlengd.' });
      await page.click(webmail.sendButton());
      const ui = await warning(page);
      await clickUi(
        page,
        ui.buttons.find((b) => b.fix === 'add-subject-marker'),
      );
      await page.waitForTimeout(300);
      assert.equal((await webmail.fields(page)).subject, '[versleuteld] Overdracht');
      const after = await extensionUi(page, 'warning');
      await clickUi(
        page,
        after.buttons.find((b) => b.choice === 'send'),
      );
      await page.waitForTimeout(300);
      const sends = await sent(page);
      assert.equal(sends.length, 1);
      assert.equal(sends[0].subject, '[versleuteld] Overdracht');
      await page.close();
    });

    test('Ctrl+Enter and Enter on the send button are guarded', async () => {
      const { page } = await open(browser, webmail.page);
      await webmail.compose(page, RETIRED);
      if (webmail !== roundcube) {
        // Roundcube has no Ctrl+Enter send
        await page.focus(webmail.keyTarget());
        await page.keyboard.press('Control+Enter');
        assert.ok(await warning(page), 'Ctrl+Enter shows the warning');
        await page.keyboard.press('Escape');
        await page.waitForTimeout(200);
      }
      await page.focus(webmail.sendButton());
      await page.keyboard.press('Enter');
      assert.ok(await warning(page), 'Enter on the send button shows the warning');
      await page.keyboard.press('Escape');
      await page.waitForTimeout(200);
      assert.equal((await sent(page)).length, 0);
      // And a clean mail still goes by keyboard, once.
      await page.close();
      const clean = await open(browser, webmail.page);
      await webmail.compose(clean.page, CLEAN);
      await settled(clean.page, 'protected');
      if (webmail !== roundcube) {
        await clean.page.focus(webmail.keyTarget());
        await clean.page.keyboard.press('Control+Enter');
      } else {
        await clean.page.focus(webmail.sendButton());
        await clean.page.keyboard.press('Enter');
      }
      assert.ok(await noWarning(clean.page));
      assert.equal((await sent(clean.page)).length, 1);
      await clean.page.close();
    });

    test('a fast double click sends at most once', async () => {
      const { page } = await open(browser, webmail.page);
      await webmail.compose(page, CLEAN);
      await settled(page, 'protected');
      await page.dblclick(webmail.sendButton());
      await page.waitForTimeout(300);
      assert.equal((await sent(page)).length, 1);
      await page.close();
    });

    if (webmail.schedule) {
      test('scheduled send (Gmail: the menu inside the compose window, its item known only by selector=scheduledSend; Outlook: a layer at the end of <body>) is guarded', async () => {
        const { page } = await open(browser, webmail.page);
        await webmail.compose(page, RETIRED);
        await webmail.schedule(page);
        const ui = await warning(page);
        assert.equal(ui?.action, 'block');
        await page.keyboard.press('Escape');
        await page.waitForTimeout(200);
        assert.equal((await sent(page)).length, 0);
        await page.close();
        const clean = await open(browser, webmail.page);
        await webmail.compose(clean.page, CLEAN);
        await settled(clean.page, 'protected');
        await webmail.schedule(clean.page);
        assert.ok(await noWarning(clean.page));
        const sends = await sent(clean.page);
        assert.equal(sends.length, 1);
        assert.equal(sends[0].via, 'schedule');
        await clean.page.close();
      });
    }
  });
}

describe('extension on gmail: several compose windows, full screen, inline reply', () => {
  test('several compose windows at once are each checked on their own', async () => {
    const { page } = await open(browser, gmail.page);
    const second = await page.evaluate(() => window.openCompose());
    await gmail.compose(page, RETIRED, 'c1');
    await gmail.compose(page, CLEAN, second);
    await page.click(gmail.sendButton(second));
    assert.ok(await noWarning(page), 'the clean window sends without a dialog');
    let sends = await sent(page);
    assert.equal(sends.length, 1);
    assert.equal(sends[0].compose, second);
    await page.click(gmail.sendButton('c1'));
    const ui = await warning(page);
    assert.equal(ui.action, 'block');
    assert.match(ui.text, /j\.bos@bjzutrecht\.nl/);
    assert.doesNotMatch(ui.text, /s\.devries/, 'the warning is about this window only');
    await page.keyboard.press('Escape');
    sends = await sent(page);
    assert.equal(sends.length, 1, 'the blocked window sent nothing');
    await page.close();
  });

  test('a full-screen compose window is guarded', async () => {
    const { page } = await open(browser, gmail.page);
    await page.click('.nH.Hd [data-action=fullscreen]');
    assert.ok(await page.$('.aSs[role=dialog] .M9[data-compose-id=c1]'));
    await gmail.compose(page, RETIRED, 'c1');
    await page.click(gmail.sendButton('c1'));
    assert.equal((await warning(page))?.action, 'block');
    await page.keyboard.press('Escape');
    assert.equal((await sent(page)).length, 0);
    await page.close();
  });

  test('an inline reply: send and send-and-archive are guarded; a clean reply sends once', async () => {
    const { page } = await open(browser, gmail.page);
    await gmail.compose(page, { to: ['j.bos@bjzutrecht.nl'], body: 'Akkoord.' }, 'c2');
    await page.click('.M9[data-compose-id=c2] [role=button].Uo');
    assert.equal((await warning(page))?.action, 'block', 'send and archive is held');
    await page.keyboard.press('Escape');
    await page.click(gmail.sendButton('c2'));
    const ui = await warning(page);
    assert.equal(ui?.action, 'block', 'send is held');
    await clickUi(
      page,
      ui.buttons.find((b) => b.fix === 'replace-recipient'),
    );
    await page.waitForTimeout(300);
    await page.keyboard.press('Escape');
    await page.waitForTimeout(200);
    await settled(page, 'protected');
    await page.click('.M9[data-compose-id=c2] [role=button].Uo');
    assert.ok(await noWarning(page));
    const sends = await sent(page);
    assert.equal(sends.length, 1);
    assert.deepEqual(sends[0], {
      compose: 'c2',
      via: 'send-archive',
      to: ['j.bos@samenveilig.nl'],
      cc: [],
      bcc: [],
      subject: null,
      body: 'Akkoord.',
      attachments: [],
    });
    await page.close();
  });
});

describe('extension on outlook: pop-out window', () => {
  test('a compose popped out into an about:blank window is guarded there', async () => {
    const { page } = await open(browser, outlook.page);
    await outlook.compose(page, { to: ['j.bos@bjzutrecht.nl'], subject: 'Overleg', body: 'Tot dan.' });
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.click('.compose [data-action=popout]')]);
    assert.equal(popup.url(), 'about:blank');
    await popup.waitForSelector('.compose [id$=__primaryActionButton]');
    await popup.click('.compose [id$=__primaryActionButton]');
    const ui = await warning(popup);
    assert.equal(ui?.action, 'block', 'the warning shows in the pop-out');
    await popup.screenshot({ path: join(screenshots, 'extension-outlook-popout-block-nl.png') });
    assert.equal((await sent(page)).length, 0);
    await clickUi(
      popup,
      ui.buttons.find((b) => b.fix === 'replace-recipient'),
    );
    await popup.waitForTimeout(300);
    const after = await extensionUi(popup, 'warning');
    assert.equal(after.action, 'allow');
    await clickUi(
      popup,
      after.buttons.find((b) => b.choice === 'send'),
    );
    await popup.waitForTimeout(300);
    const sends = await sent(page);
    assert.equal(sends.length, 1);
    assert.equal(sends[0].window, 'popout');
    assert.deepEqual(sends[0].to, ['j.bos@samenveilig.nl']);
    assert.deepEqual(sends[0].attachments, ['verslag.pdf']);
    await popup.close();
    await page.close();
  });
});

describe('extension on roundcube: HTML editor and attachments', () => {
  test('the HTML editor (TinyMCE iframe) is read: sensitive text warns, a clean mail sends once', async () => {
    const { page } = await open(browser, 'roundcube.html?editor=html&attach=verslag.pdf');
    await roundcube.compose(page, SENSITIVE);
    await page.click(roundcube.sendButton());
    const ui = await warning(page);
    assert.equal(ui?.action, 'warn');
    assert.match(ui.text, /onversleuteld/);
    await page.keyboard.press('Escape');
    await page.waitForTimeout(200);
    assert.equal((await sent(page)).length, 0);
    await page.close();
    const clean = await open(browser, 'roundcube.html?editor=html&attach=verslag.pdf');
    await roundcube.compose(clean.page, CLEAN);
    await clean.page.click(roundcube.sendButton());
    assert.ok(await noWarning(clean.page));
    const sends = await sent(clean.page);
    assert.equal(sends.length, 1);
    assert.equal(sends[0].editor, 'html');
    assert.equal(sends[0].body.trim(), CLEAN.body);
    assert.deepEqual(sends[0].attachments, ['verslag.pdf']);
    await clean.page.close();
  });
});

test('the extension made no network request', () => {
  const outside = browser.requests.filter(
    (url) => !url.startsWith(browser.base) && !url.startsWith('chrome-extension://') && url !== 'about:blank',
  );
  assert.deepEqual(outside, []);
});
