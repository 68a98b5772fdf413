#!/usr/bin/env node
// A real Horde IMP (Debian's php-horde-imp 6.2) for the end-to-end test, on 127.0.0.1 only, with
// the mail servers of tests/roundcube/stack.mjs (dovecot, the SMTP sink). Horde reads its config
// from HORDE_BASE/config, which Debian links to /etc/horde: the run gets its own copy of Horde's
// folder (links to /usr/share/horde, a config folder of links to /etc/horde plus the run's
// conf.php) and php -S defines HORDE_BASE to it before every script (prepend.php), so the
// machine's Horde configuration is neither read nor changed.
//
//   node tests/webmails/horde.mjs     starts it and prints the address and the users; Ctrl+C stops it

import { mkdirSync, readdirSync, symlinkSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fill, freePort, listening, serveByHand, startMailStack } from '../roundcube/stack.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const PHP = process.env.PHP ?? '/usr/bin/php';
/** Debian's Horde: the application folders and their shipped config. */
const HORDE = { base: '/usr/share/horde', config: '/etc/horde/horde', impConfig: '/etc/horde/imp' };

/** A folder of links to every entry of `source` except `own`, which the caller fills. */
function linkFolder(source, target, own) {
  mkdirSync(target, { recursive: true });
  for (const entry of readdirSync(source)) if (!own.includes(entry)) symlinkSync(join(source, entry), join(target, entry));
}

/** Starts dovecot, the SMTP sink and Horde; resolves to the stack of startMailStack. */
export function startHorde(options = {}) {
  if (!existsSync(join(HORDE.base, 'imp'))) throw new Error('no Horde IMP: install php-horde-imp (see .ci/run)');
  return startMailStack({ name: 'horde', ...options }, async ({ run, values, start }) => {
    const httpPort = await freePort();
    const base = join(run, 'horde');
    linkFolder(HORDE.base, base, ['config', 'imp']);
    linkFolder(HORDE.config, join(base, 'config'), ['conf.php']);
    linkFolder(join(HORDE.base, 'imp'), join(base, 'imp'), ['config']);
    linkFolder(HORDE.impConfig, join(base, 'imp', 'config'), ['conf.php', 'backends.local.php']);
    writeFileSync(join(base, 'config', 'conf.php'), fill(join(here, 'horde', 'conf.php'), values));
    writeFileSync(join(base, 'imp', 'config', 'conf.php'), fill(join(here, 'horde', 'imp-conf.php'), values));
    writeFileSync(join(base, 'imp', 'config', 'backends.local.php'), fill(join(here, 'horde', 'backends.local.php'), values));
    writeFileSync(join(run, 'prepend.php'), fill(join(here, 'horde', 'prepend.php'), values));
    for (const dir of ['tmp', 'vfs', 'sessions']) mkdirSync(join(run, dir));
    const php = start(
      PHP,
      [
        '-d',
        `auto_prepend_file=${join(run, 'prepend.php')}`,
        '-d',
        `session.save_path=${join(run, 'sessions')}`,
        '-S',
        `127.0.0.1:${httpPort}`,
        '-t',
        base,
      ],
      { log: join(run, 'php.log') },
    );
    await listening(httpPort, php, 'php -S (Horde)', join(run, 'php.log'));
    /** What Horde logged (PHP errors, IMAP and SMTP failures). */
    const errors = () => (existsSync(join(run, 'horde.log')) ? readFileSync(join(run, 'horde.log'), 'utf8') : '');
    return { url: `http://127.0.0.1:${httpPort}/`, errors };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  serveByHand('Horde IMP', await startHorde({ keep: true }));
}
