// Force-install from a CRX3 package, the way an IT department deploys zorgvuldig without a store:
// a managed policy file with ExtensionSettings → force_installed + update_url (an updates.xml on
// a file:// URL) and the extension's own 3rdparty policy, in Debian's headless Chromium started
// WITHOUT --load-extension. The real private key is not in the repository (nor in CI), so the
// test makes a throwaway RSA key, puts its public key in a copy of dist/chrome's manifest (a
// different id), and packages that copy with scripts/package.mjs, as `make dist` does.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { checkKey, extensionId, packageExtension, publicKeyDer } from '../../scripts/package.mjs';
import { EXTENSION_ID, extensionDir, lockPolicyFolder, unlockPolicyFolder } from './lib/extension.mjs';
import { extensionUi } from './lib/shadow.mjs';
import { POLICY_DIR, executablePath } from './lib/chromium.mjs';

const POLICY_FILE = join(POLICY_DIR, 'zorgvuldig-e2e-crx.json');
const POLICY = {
  internalDomains: ['samenveilig.nl'],
  retiredDomains: [{ domain: 'bjzutrecht.nl', successor: 'samenveilig.nl' }],
  webmailHosts: ['127.0.0.1'],
  language: 'nl',
};

let temp;
let id;
let version;
let context;
let server;
let base;
let worker;
let profile;

describe('force-install of the CRX3 package through ExtensionSettings', () => {
  before(async () => {
    temp = mkdtempSync(join(tmpdir(), 'zorgvuldig-crx-'));
    // A throwaway key, and a copy of the built extension whose manifest carries its public key.
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' });
    const copy = join(temp, 'chrome');
    cpSync(extensionDir, copy, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(copy, 'manifest.json'), 'utf8'));
    manifest.key = publicKeyDer(privateKey).toString('base64');
    writeFileSync(join(copy, 'manifest.json'), JSON.stringify(manifest, null, 2));
    const out = join(temp, 'packages');
    // Default codebase: the file:// URL of the output folder.
    const result = packageExtension({ chrome: copy, out, key: pem });
    id = result.id;
    version = result.version;
    assert.equal(id, extensionId(publicKeyDer(privateKey)));
    assert.notEqual(id, EXTENSION_ID, 'a throwaway key gives another id than the real one');

    // The administrator's policy file: force-install from updates.xml, and the 3rdparty policy.
    // (Other test files' leftover policies name the real id, not this one, so only this file's
    // own name is written over.)
    await lockPolicyFolder();
    mkdirSync(POLICY_DIR, { recursive: true });
    writeFileSync(
      POLICY_FILE,
      JSON.stringify(
        {
          ExtensionSettings: {
            [id]: { installation_mode: 'force_installed', update_url: pathToFileURL(result.files.updates).href },
          },
          '3rdparty': { extensions: { [id]: POLICY } },
          // Only for the test: by default (0) Chromium refuses the DevTools protocol on extensions
          // installed by policy, so Playwright would not see the service worker, could not open the
          // options page, and DOM.getDocument would not show the extension's shadow roots.
          DeveloperToolsAvailability: 1,
        },
        null,
        2,
      ),
    );

    server = await serve({ root: join(extensionDir, '..', '..', 'tests', 'e2e', 'fixtures'), port: 0 });
    base = `http://127.0.0.1:${server.address().port}`;
    profile = join(temp, 'profile');
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: false,
      // Playwright's defaults turn extensions off (--disable-extensions) and, with
      // --disable-background-networking, the extension updater that fetches force-installed
      // extensions (with it, nothing is installed); both must go for a policy install.
      ignoreDefaultArgs: ['--disable-extensions', '--disable-background-networking'],
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
    });
    const ours = (w) => w.url().startsWith(`chrome-extension://${id}/`);
    worker =
      context.serviceWorkers().find(ours) ??
      (await context.waitForEvent('serviceworker', { predicate: ours, timeout: 30000 }).catch(() => undefined));
  });

  after(async () => {
    await context?.close();
    if (server) await new Promise((resolve) => server.close(resolve));
    rmSync(POLICY_FILE, { force: true });
    unlockPolicyFolder();
    if (temp) rmSync(temp, { recursive: true, force: true });
  });

  test('Chromium installs the CRX from the file:// update manifest as an admin install', async () => {
    assert.ok(worker, `the service worker of ${id} appeared (the extension was force-installed)`);
    assert.equal(worker.url(), `chrome-extension://${id}/background.js`);
    // chrome.management.getSelf() needs no permission.
    const self = await worker.evaluate(() => chrome.management.getSelf());
    assert.equal(self.id, id);
    assert.equal(self.installType, 'admin');
    assert.equal(self.version, version);
    assert.equal(self.enabled, true);
  });

  test('the force-installed extension reads the 3rdparty policy and blocks a retired domain', async () => {
    assert.ok(worker, 'the extension is installed');
    // A fresh force-install first sees an empty managed storage ({}); Chromium loads the
    // 3rdparty policy once the extension's schema is registered, about 3 s later here.
    let managed = {};
    for (let i = 0; i < 100 && !managed.webmailHosts; i++) {
      managed = await worker.evaluate(() => chrome.storage.managed.get());
      if (!managed.webmailHosts) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.deepEqual(managed.webmailHosts, ['127.0.0.1'], 'the 3rdparty policy reached the extension');
    const page = await context.newPage();
    await page.goto(`${base}/generic.html`);
    await page.fill('input[name=to]', 'Jan Bos <j.bos@bjzutrecht.nl>');
    await page.fill('input[name=subject]', 'Dossier Daan');
    await page.fill('textarea[name=body]', 'Hoi Jan,\n\nBijgaand het dossier.\n');
    await page.click('button.send');
    let ui = null;
    for (let i = 0; i < 100 && !ui; i++) {
      ui = await extensionUi(page, 'warning');
      if (!ui) await page.waitForTimeout(50);
    }
    assert.ok(ui, 'the warning appears');
    assert.equal(ui.action, 'block');
    assert.match(ui.text, /j\.bos@bjzutrecht\.nl/);
    assert.equal((await page.evaluate(() => window.sent)).length, 0, 'nothing was sent');
    await page.close();
  });
});

describe('scripts/package.mjs', () => {
  test("a private key that does not match the manifest's public key is refused, before writing", () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' });
    const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8'));
    assert.throws(() => checkKey(manifest, pem), /does not match the manifest.*pmlnokpddnepmhgjgpiebfikiogoncfm/);
    const out = mkdtempSync(join(tmpdir(), 'zorgvuldig-pkg-'));
    try {
      assert.throws(() => packageExtension({ chrome: extensionDir, out: join(out, 'p'), key: pem }), /does not match/);
      assert.throws(() => readFileSync(join(out, 'p', 'updates.xml')), /ENOENT/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
