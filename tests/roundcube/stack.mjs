#!/usr/bin/env node
// Real webmail stacks for the end-to-end tests, on 127.0.0.1 only: dovecot (IMAP) with test users
// from a passwd-file and the SMTP sink (smtp-sink.mjs) that stores what the webmail sends, started
// by startMailStack for every webmail test (Roundcube here, Horde in tests/webmails/horde.mjs),
// and Debian's roundcube 1.6 served by `php -S`. Each part gets a free port and a fresh temp
// directory (config, database, Maildir, logs, stored mail); stop() ends the processes it started,
// by their process groups, and removes the directory. Needs root (dovecot) and the packages
// `.ci/run` installs (roundcube-core, roundcube-sqlite3, roundcube-skin-larry, php-cli,
// dovecot-imapd).
//
//   node tests/roundcube/stack.mjs [larry]   starts it (with the elastic or the larry skin)
//                                            and prints the address and the users; Ctrl+C stops it

import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSmtpSink } from './smtp-sink.mjs';

const here = dirname(fileURLToPath(import.meta.url));
/** Debian's Roundcube: the web root, its defaults and its database schema. */
const ROUNDCUBE = {
  webRoot: '/var/lib/roundcube/public_html',
  defaults: '/etc/roundcube/defaults.inc.php',
  mimetypes: '/etc/roundcube/mimetypes.php',
  schema: '/usr/share/roundcube/SQL/sqlite.initial.sql',
};
const DOVECOT = process.env.DOVECOT ?? '/usr/sbin/dovecot';
const PHP = process.env.PHP ?? '/usr/bin/php';
const READY_MS = 20000;

/** The mailbox users of the test organisation (IMAP login = address). */
export const USERS = [{ address: 'm.jansen@samenveilig.nl', password: 'zorgvuldig-e2e' }];

/** A port nobody listens on now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts connections on 127.0.0.1:`port`; rejects after READY_MS or
 *  when `child` exits first. */
export async function listening(port, child, name, log) {
  const deadline = Date.now() + READY_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}) before it listened on ${port}; see ${log}`);
    }
    const open = await new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${name} did not listen on 127.0.0.1:${port} within ${READY_MS} ms; see ${log}`);
}

/** A config template (a file path) with its @NAMES@ filled in. */
export function fill(template, values) {
  return readFileSync(template, 'utf8').replace(/@([A-Z_]+)@/g, (all, name) => {
    if (!(name in values)) throw new Error(`${template}: no value for ${all}`);
    return values[name];
  });
}

/** Starts a long-running server in its own process group, its output in `log`. */
function startProcess(command, args, { log, env }) {
  writeFileSync(log, '');
  const child = spawn(command, args, {
    detached: true,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const append = (chunk) => writeFileSync(log, chunk, { flag: 'a' });
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  return child;
}

/** Ends a process group this module started and waits for its leader to exit. */
async function stopProcess(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return; // already gone
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }, 5000);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts dovecot and the SMTP sink in a fresh run directory (`zorgvuldig-NAME-*`), then the webmail
 * with `startWeb({run, values, start, fill})`: `values` holds RUN, IMAP_PORT and SMTP_PORT for the
 * webmail's config templates, `start(command, args, {log, env})` starts a server process that
 * stop() ends. startWeb resolves to {url, errors()}. Resolves to {url, users, sink, run, imapPort,
 * errors, stop()}. `keep: true` (or ZORGVULDIG_KEEP_RUN=1) leaves the run directory for a look
 * at the logs. Every webmail test (tests/roundcube/, tests/webmails/) starts its stack this way.
 */
export async function startMailStack({ name, users = USERS, keep = process.env.ZORGVULDIG_KEEP_RUN === '1' }, startWeb) {
  const run = mkdtempSync(join(tmpdir(), `zorgvuldig-${name}-`));
  chmodSync(run, 0o755); // dovecot's mail processes run as the dovecot user
  const children = [];
  let sink = null;
  // Should the test process end without stop() (an uncaught error), the servers end with it.
  const orphans = () =>
    children.forEach((child) => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    });
  process.once('exit', orphans);
  const stop = async () => {
    process.off('exit', orphans);
    for (const child of children.reverse()) await stopProcess(child);
    await sink?.close();
    if (!keep) rmSync(run, { recursive: true, force: true });
  };
  const start = (command, args, options) => {
    const child = startProcess(command, args, options);
    children.push(child);
    return child;
  };
  try {
    const imapPort = await freePort();
    sink = await startSmtpSink({ dir: join(run, 'smtp') });
    const values = { RUN: run, IMAP_PORT: String(imapPort), SMTP_PORT: String(sink.port) };

    // Dovecot: users, Maildir owned by the dovecot user, its own config.
    const mail = join(run, 'mail');
    mkdirSync(mail);
    const dovecotUser = spawnSync('id', ['-u', 'dovecot'], { encoding: 'utf8' });
    const dovecotGroup = spawnSync('id', ['-g', 'dovecot'], { encoding: 'utf8' });
    if (dovecotUser.status !== 0) throw new Error('no dovecot user: install dovecot-imapd (see .ci/run)');
    chownSync(mail, Number(dovecotUser.stdout), Number(dovecotGroup.stdout));
    writeFileSync(join(run, 'users'), users.map((u) => `${u.address}:{PLAIN}${u.password}\n`).join(''));
    writeFileSync(join(run, 'dovecot.conf'), fill(join(here, 'dovecot.conf'), values));
    const dovecot = start(DOVECOT, ['-F', '-c', join(run, 'dovecot.conf')], { log: join(run, 'dovecot.out') });

    const web = await startWeb({ run, values, start, fill });
    await listening(imapPort, dovecot, 'dovecot', join(run, 'dovecot.log'));
    return { ...web, users, sink, run, imapPort, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Starts dovecot, the SMTP sink and Roundcube with the given skin (Debian ships elastic in
 * roundcube-core, larry in roundcube-skin-larry); resolves to the stack of startMailStack.
 */
export function startRoundcube({ skin = 'elastic', ...options } = {}) {
  return startMailStack({ name: `roundcube-${skin}`, ...options }, async ({ run, values, start }) => {
    const httpPort = await freePort();
    // Roundcube: config next to Debian's defaults, a fresh SQLite database, then php -S.
    const config = join(run, 'config');
    for (const dir of [config, join(run, 'temp'), join(run, 'logs')]) mkdirSync(dir);
    writeFileSync(join(config, 'config.inc.php'), fill(join(here, 'config.inc.php'), { ...values, SKIN: skin }));
    symlinkSync(ROUNDCUBE.defaults, join(config, 'defaults.inc.php'));
    symlinkSync(ROUNDCUBE.mimetypes, join(config, 'mimetypes.php'));
    const schema = spawnSync(
      PHP,
      [
        '-r',
        '$db = new PDO("sqlite:" . $argv[1]); $db->setAttribute(PDO::ATTR_ERRMODE, PDO::ERRMODE_EXCEPTION); $db->exec(file_get_contents($argv[2]));',
        join(run, 'roundcube.db'),
        ROUNDCUBE.schema,
      ],
      { encoding: 'utf8' },
    );
    if (schema.status !== 0) throw new Error(`Roundcube database: ${schema.stderr || schema.stdout}`);
    const php = start(PHP, ['-S', `127.0.0.1:${httpPort}`, '-t', ROUNDCUBE.webRoot], {
      log: join(run, 'php.log'),
      // One worker: Roundcube keeps the compose state in the session, and parallel requests
      // (the mail list still loading while the compose page opens) can overwrite each other's
      // session writes ("Invalid compose ID" at send).
      env: { ROUNDCUBE_CONFIG_DIR: config },
    });
    await listening(httpPort, php, 'php -S', join(run, 'php.log'));
    /** What Roundcube wrote to its error log (PHP errors, IMAP and SMTP failures). */
    const errors = () => (existsSync(join(run, 'logs', 'errors.log')) ? readFileSync(join(run, 'logs', 'errors.log'), 'utf8') : '');
    return { url: `http://127.0.0.1:${httpPort}/`, errors };
  });
}

/** Keeps a started stack running for a person to try by hand (`node tests/roundcube/stack.mjs`):
 *  prints where it is and how to log in, and stops it on Ctrl+C. */
export function serveByHand(name, stack) {
  console.log(`${name}: ${stack.url}`);
  for (const user of stack.users) console.log(`  user ${user.address}  password ${user.password}`);
  console.log(`IMAP 127.0.0.1:${stack.imapPort}, SMTP sink 127.0.0.1:${stack.sink.port}; stored mail and logs in ${stack.run}`);
  console.log('Ctrl+C stops');
  const quit = async () => {
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', quit);
  process.on('SIGTERM', quit);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (userInfo().uid !== 0) console.warn('warning: dovecot needs root to switch to its users');
  const skin = process.argv[2] ?? 'elastic';
  serveByHand(`Roundcube (${skin})`, await startRoundcube({ skin, keep: true }));
}
