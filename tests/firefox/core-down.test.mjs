// The Firefox build whose core cannot load (its .wasm is not WebAssembly), force-installed by
// policies.json in Debian's headless Firefox ESR: the indicator and the toolbar button say
// protection is off, and Send does what the policy's failMode says (ask: the user may send
// unchecked, and that is logged; block: nothing goes). The policy names no language, so everything
// follows Firefox's own UI language (English on the test machine).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { By } from 'selenium-webdriver';
import { buildExtension } from '../../scripts/build-extension.mjs';
import { launch, open, openOptions, screenshot, sent, textOf, toolbarBadge, type } from './lib/firefox.mjs';
import { button, Key, noWarning, press, waitForIndicator, waitForWarning } from './lib/ui.mjs';

const POLICY = {
  internalDomains: ['samenveilig.nl'],
  retiredDomains: [{ domain: 'bjzutrecht.nl', successor: 'samenveilig.nl' }],
  webmailHosts: ['127.0.0.1'],
};
const CLEAN = { to: 's.devries@samenveilig.nl', subject: 'Overleg', body: 'Tot donderdag!' };
const FAILED = /The check could not run/;

let broken;
before(() => {
  broken = mkdtempSync(join(tmpdir(), 'zorgvuldig-broken-'));
  buildExtension(broken);
  writeFileSync(join(broken, 'firefox', 'pkg', 'core', 'zorgvuldig_bg.wasm'), 'this is not WebAssembly');
});
after(() => {
  rmSync(broken, { recursive: true, force: true });
});

for (const failMode of ['ask', 'block']) {
  describe(`Firefox, the core cannot load, failMode ${failMode}`, () => {
    let browser;
    before(async () => {
      browser = await launch({ policy: { ...POLICY, failMode }, extension: join(broken, 'firefox') });
    });
    after(async () => {
      await browser?.stop();
    });

    test(`"not active" while composing; Send ${failMode === 'ask' ? "asks, and sends once at the user's choice" : 'is refused'}`, async () => {
      const { driver } = browser;
      await open(browser, 'generic.html');
      for (const [name, value] of Object.entries(CLEAN)) await type(browser, `[name=${name}]`, value);
      const indicator = await waitForIndicator(driver, 'inactive');
      assert.match(indicator.text, /not active – the check cannot start/);
      const badge = await toolbarBadge(browser);
      assert.equal(badge.text, '!', 'the toolbar button says it too');
      assert.match(badge.title, /not active/);
      await driver.findElement(By.css('button.send')).click();
      const ui = await waitForWarning(driver, FAILED);
      assert.equal(button(ui, { choice: 'back' }).text, 'Back to message');
      await screenshot(browser, `firefox-core-down-${failMode}-en`);
      if (failMode === 'block') {
        assert.deepEqual(
          ui.buttons.map((b) => b.choice),
          ['back'],
          'block mode offers no send',
        );
      } else {
        assert.equal(button(ui, { choice: 'override' }).text, 'Send anyway');
      }
      await press(driver, Key.ENTER); // focus starts on "Back to message"
      assert.ok(await noWarning(driver));
      assert.deepEqual(await sent(browser), [], 'nothing was sent');
      if (failMode === 'ask') {
        await driver.findElement(By.css('button.send')).click();
        await button(await waitForWarning(driver, FAILED), { choice: 'override' }).element.click();
        await driver.wait(async () => (await sent(browser)).length > 0, 5000);
        await driver.sleep(300);
        assert.equal((await sent(browser)).length, 1, "sent exactly once, at the user's choice");
      }

      await openOptions(browser);
      assert.match(await textOf(browser, '#protection'), /Protection not active/);
      // Newest first: each choice the user made is logged.
      const rows = await Promise.all(
        (await driver.findElements(By.css('#audit-table tbody tr td:nth-child(6)'))).map((cell) => cell.getText()),
      );
      assert.deepEqual(rows, failMode === 'ask' ? ['sent without the check', 'back to message'] : ['back to message']);
      assert.deepEqual(browser.outsideRequests(), [], 'nothing left this machine');
    });
  });
}
