// The real webmails the generic adapter is tried on, each as data for the one test runner
// (generic.test.mjs): how its stack starts, how a user logs in, opens a compose window, writes a
// mail and presses Send, and the policy that makes the extension watch it with the generic
// adapter. None of them has an adapter of its own: Horde IMP is simply listed in `webmailHosts`;
// Roundcube's larry skin would be recognised as Roundcube, so the policy names the generic adapter
// for its host (`webmailAdapters`), as an administrator would for a Roundcube skin the Roundcube
// adapter does not fit.

import { login as roundcubeLogin } from '../roundcube/roundcube.mjs';
import { startRoundcube } from '../roundcube/stack.mjs';
import { startHorde } from './horde.mjs';

const hostOf = (url) => new URL(url).host;

export const WEBMAILS = [
  {
    name: 'Horde IMP',
    id: 'horde',
    /** IMP's basic view: its dynamic view fails on Debian 12's PHP 8.2 (see docs/webmails.md). */
    start: () => startHorde(),
    policy: (stack) => ({ webmailHosts: [hostOf(stack.url)] }),
    async login(page, stack) {
      const [user] = stack.users;
      await page.goto(`${stack.url}login.php`);
      await page.fill('#horde_user', user.address);
      await page.fill('#horde_pass', user.password);
      await page.click('#login-button');
      await page.waitForURL(/services\/portal/);
    },
    async openCompose(page, stack) {
      await page.goto(`${stack.url}imp/basic.php?page=compose`);
      await page.waitForSelector('#composeMessage');
    },
    async write(page, { to = [], subject, body }) {
      if (to.length) await page.fill('#to', to.join(', '));
      if (subject !== undefined) await page.fill('#subject', subject);
      if (body !== undefined) await page.fill('#composeMessage', body);
    },
    sendButton: 'input[name=btn_send_message] >> nth=0',
    to: (page) => page.inputValue('#to'),
  },
  {
    name: 'Roundcube, larry skin',
    id: 'roundcube-larry',
    start: () => startRoundcube({ skin: 'larry' }),
    policy: (stack) => ({ webmailAdapters: { [hostOf(stack.url)]: 'generic' } }),
    login: roundcubeLogin,
    async openCompose(page, stack) {
      await page.goto(`${stack.url}?_task=mail&_action=compose`);
      await page.waitForSelector('#compose-subject');
      await page.waitForLoadState('networkidle');
    },
    async write(page, { to = [], subject, body }) {
      // Larry's recipient field is a plain textarea with Roundcube's address completion.
      if (to.length) {
        await page.click('#_to');
        await page.keyboard.type(`${to.join(', ')}, `);
      }
      if (subject !== undefined) await page.fill('#compose-subject', subject);
      if (body !== undefined) await page.fill('#composebody', body);
    },
    sendButton: '#messagetoolbar a.button.send',
    to: (page) => page.inputValue('#_to'),
  },
];
