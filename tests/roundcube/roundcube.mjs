// A caseworker on the real Roundcube, for the Roundcube test files: the servers of stack.mjs,
// Chromium with the real extension under a managed policy, the login, and the compose window
// used the way a user does (typing recipients into Roundcube's own widget).

import { launch } from '../e2e/lib/extension.mjs';
import { startRoundcube } from './stack.mjs';

/** Roundcube's Send button (elastic skin, the compose footer). */
export const sendButton = '#layout-content .formbuttons button.send';

/** Logs the first test user in (once per browser profile; the session cookie stays). Also for the
 *  larry skin (tests/webmails/webmails.mjs): the login form is the same. */
export async function login(page, stack) {
  const [user] = stack.users;
  await page.goto(stack.url);
  await page.fill('#rcmloginuser', user.address);
  await page.fill('#rcmloginpwd', user.password);
  await page.click('#rcmloginsubmit');
  await page.waitForURL(/_task=mail/);
  await page.waitForLoadState('networkidle');
}

/** Starts Roundcube and its servers, then Chromium with the extension under `policy` (written as
 *  `policyName`.json), waits until the extension sees the policy and logs in. Resolves to
 *  {stack, browser, stop()}. */
export async function startSession({ policy, policyName }) {
  const stack = await startRoundcube();
  let browser;
  try {
    browser = await launch({ policy, policyName });
    for (let i = 0; i < 100; i++) {
      const managed = await browser.worker.evaluate(() => chrome.storage.managed.get(null));
      if (managed.internalDomains) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const page = await browser.context.newPage();
    await login(page, stack);
    await page.close();
  } catch (error) {
    await browser?.stop();
    await stack.stop();
    throw error;
  }
  return {
    stack,
    browser,
    async stop() {
      await browser.stop();
      await stack.stop();
    },
  };
}

/** A new page with Roundcube's compose window open (the editor HTML when `html`). */
export async function openCompose({ stack, browser }, { html = false } = {}) {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(`${stack.url}?_task=mail&_action=compose`);
  await page.waitForSelector('#compose-subject');
  await page.waitForLoadState('networkidle');
  if (html) {
    // The plain-text editor's own switch to HTML (TinyMCE), as a user would click it.
    await page.click('#composebodycontainer a.mce-i-html');
    await page.waitForSelector('#composebody_ifr');
    await page.frameLocator('#composebody_ifr').locator('body#tinymce').waitFor();
  }
  return { page, errors };
}

/** Types a mail the way a user does: addresses into the recipient widget (a chip per comma). */
export async function write(page, { to = [], subject, body }) {
  for (const address of to) {
    await page.click('#compose_to .recipient-input input');
    await page.keyboard.type(`${address},`);
  }
  if (subject !== undefined) await page.fill('#compose-subject', subject);
  if (body !== undefined) {
    if (await page.$('#composebody_ifr')) {
      const editor = page.frameLocator('#composebody_ifr').locator('body#tinymce');
      await editor.click();
      await page.keyboard.type(body);
    } else {
      await page.fill('#composebody', body);
    }
  }
}

/** What the compose window holds now, as the user sees it. */
export function composeFields(page) {
  return page.evaluate(() => {
    const frame = document.querySelector('#composebody_ifr');
    return {
      to: [...document.querySelectorAll('#compose_to .recipient-input .recipient')].map((e) => e.textContent),
      toField: document.querySelector('#_to').value,
      subject: document.querySelector('#compose-subject').value,
      body: frame ? frame.contentDocument.body.innerText : document.querySelector('#composebody').value,
    };
  });
}
