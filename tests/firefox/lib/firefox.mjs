// Shared harness for the Firefox tests: Debian's Firefox ESR, headless, driven through geckodriver
// with selenium-webdriver, and the real Firefox build of the extension (dist/firefox) installed
// the way an organisation installs it: packaged as an .xpi and force-installed by policies.json,
// the file `scripts/deployment.mjs` generates, at the path Debian's Firefox ESR reads
// (/etc/firefox/policies/policies.json; root, as in CI). The same file carries the organisation's
// policy (`3rdparty` → `Extensions`), which the extension reads from storage.managed.
//
// Two settings differ from an organisation's machine, both because a test machine has no network:
// the .xpi's install_url is the file:// URL of the package just built instead of the
// organisation's web server, and the package is unsigned (Mozilla signs it when it is published;
// Firefox ESR, unlike release Firefox, installs unsigned add-ons when
// xpinstall.signatures.required is false).
//
// No request may leave the machine: every proxy setting points at a recording proxy on 127.0.0.1
// (loopback itself is never proxied), which refuses and records whatever Firefox or the extension
// tries to reach outside; `outsideRequests()` is what a test asserts to be empty.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { Builder, By } from 'selenium-webdriver';
import firefox from 'selenium-webdriver/firefox.js';
import { GECKO_ID } from '../../../scripts/build-extension.mjs';
import { zipDirectory } from '../../../scripts/package.mjs';
import { serve } from '../../../scripts/serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const root = join(here, '..', '..', '..');
/** The Firefox build of the extension (`make extension`). */
export const extensionDir = join(root, 'dist', 'firefox');
export const fixtures = join(root, 'tests', 'e2e', 'fixtures');
export const screenshots = join(here, '..', 'screenshots');

/** Debian's Firefox ESR (`FIREFOX=...` to use another). */
export const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
/** geckodriver from `cargo install geckodriver` (`GECKODRIVER=...` to use another). */
export const GECKODRIVER =
  process.env.GECKODRIVER ??
  [join(homedir(), '.cargo', 'bin', 'geckodriver'), '/usr/local/bin/geckodriver', '/usr/bin/geckodriver'].find(existsSync) ??
  'geckodriver';
/** Where Firefox on Linux reads the system's policies.json (Debian's firefox-esr included: it does
 *  not read /etc/firefox-esr/policies). `FIREFOX_POLICIES=...` to use another path. */
export const POLICIES_FILE = process.env.FIREFOX_POLICIES ?? '/etc/firefox/policies/policies.json';

/** The extension's moz-extension:// host. Firefox draws a random one per profile; the test profile
 *  fixes it (extensions.webextensions.uuids) so the options page has a known address. */
export const EXTENSION_UUID = '5d0c2f4e-8a4b-4c61-9f3e-2b7a1c9d0e11';
export const OPTIONS_URL = `moz-extension://${EXTENSION_UUID}/options.html`;

/** Profile settings for a machine without network: Firefox's own background connections off.
 *  (geckodriver adds more of the same kind once Marionette starts; these hold from the first
 *  moment.) Whatever still tries to connect reaches the recording proxy and fails the test. */
const QUIET_PREFERENCES = {
  'app.normandy.enabled': false, // studies and recipes
  'app.update.auto': false,
  'browser.region.update.enabled': false,
  'browser.safebrowsing.downloads.remote.enabled': false,
  'browser.safebrowsing.provider.google4.updateURL': '',
  'browser.safebrowsing.provider.mozilla.updateURL': '',
  'browser.startup.page': 0, // a blank start page, no home page fetch
  'browser.newtabpage.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'extensions.getAddons.cache.enabled': false,
  'extensions.update.enabled': false,
  'media.gmp-manager.updateEnabled': false, // codecs
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'network.dns.disablePrefetch': true,
  'network.http.speculative-parallel-limit': 0,
  'network.predictor.enabled': false,
  'network.prefetch-next': false,
  'network.trr.mode': 5, // no DNS over HTTPS
  // Remote settings: a release build keeps its own server unless MOZ_DISABLE_NONLOCAL_CONNECTIONS
  // is set (see launch), which lets this setting point it at nothing.
  'services.settings.server': 'data:,#remote-settings-dummy/v1',
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.unified': false,
};

/**
 * A proxy on 127.0.0.1 that forwards nothing: it answers plain HTTP with 502, closes HTTPS
 * tunnels, and records each attempt ("GET http://host/path", "CONNECT host:443").
 */
async function startRecordingProxy() {
  const attempts = [];
  const server = createServer((request, response) => {
    attempts.push(`${request.method} ${request.url}`);
    response.writeHead(502, { connection: 'close' });
    response.end();
  });
  server.on('connect', (request, socket) => {
    attempts.push(`CONNECT ${request.url}`);
    socket.destroy();
  });
  server.on('upgrade', (request, socket) => {
    attempts.push(`UPGRADE ${request.url}`);
    socket.destroy();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    attempts: () => [...attempts],
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(resolve);
      }),
  };
}

/** The proxy settings that send every connection Firefox makes, except to loopback, to `port`. */
function proxyPreferences(port) {
  const prefs = { 'network.proxy.type': 1, 'network.proxy.no_proxies_on': '', 'network.proxy.allow_hijacking_localhost': false };
  for (const scheme of ['http', 'ssl', 'socks']) {
    prefs[`network.proxy.${scheme}`] = '127.0.0.1';
    prefs[`network.proxy.${scheme}_port`] = port;
  }
  return prefs;
}

/** Is this policies.json one this harness wrote (a leftover of an interrupted run)? */
function writtenByTest(file) {
  try {
    const install = JSON.parse(readFileSync(file, 'utf8')).policies?.ExtensionSettings?.[GECKO_ID]?.install_url ?? '';
    return install.startsWith(pathToFileURL(tmpdir()).href);
  } catch {
    return false;
  }
}

/**
 * Writes policies.json for `policy` with the deployment template generator, installing `xpi`.
 * Refuses to replace a policies.json that a person or another program put there; a leftover of
 * an interrupted test run is replaced. Returns the file's path.
 */
export function writePolicies({ policy, xpi, work }) {
  if (existsSync(POLICIES_FILE) && !writtenByTest(POLICIES_FILE)) {
    throw new Error(`${POLICIES_FILE} exists and was not written by this test; move it away first`);
  }
  const policyFile = join(work, 'policy.json');
  writeFileSync(policyFile, JSON.stringify(policy, null, 2));
  const out = join(work, 'deployment');
  execFileSync(
    process.execPath,
    [join(root, 'scripts', 'deployment.mjs'), '--policy', policyFile, '--out', out, '--firefox-install-url', pathToFileURL(xpi).href],
    { stdio: 'ignore' },
  );
  createdFolder ??= mkdirSync(dirname(POLICIES_FILE), { recursive: true }) ?? null;
  writeFileSync(POLICIES_FILE, readFileSync(join(out, 'firefox-policies.json')));
  return POLICIES_FILE;
}

/** The first folder writePolicies had to create for policies.json, removed again with it. */
let createdFolder;

/** Removes policies.json if this harness wrote it, and the folders it made for it. */
function removePolicies() {
  if (writtenByTest(POLICIES_FILE)) rmSync(POLICIES_FILE, { force: true });
  if (!createdFolder) return;
  // Empty folders only, from the file's up to the first one made (nothing else is touched).
  for (let folder = dirname(POLICIES_FILE); folder.startsWith(createdFolder); folder = dirname(folder)) {
    if (!existsSync(folder) || readdirSync(folder).length > 0) return;
    rmdirSync(folder);
  }
  createdFolder = undefined;
}

/**
 * Starts the fixture server, the recording proxy and Firefox with the extension force-installed
 * under `policy`; waits until the extension's options page shows the managed policy. Resolves to
 * {driver, base, outsideRequests(), stop()}; policies.json is removed by stop(), and also when the
 * test process ends without it or is interrupted. `extension` installs another build than dist/firefox (a broken
 * copy, for the failure tests).
 */
export async function launch({ policy, extension = extensionDir }) {
  const work = mkdtempSync(join(tmpdir(), 'zorgvuldig-firefox-'));
  let server;
  let proxy;
  let driver;
  const cleanUp = () => {
    removePolicies();
    rmSync(work, { recursive: true, force: true });
  };
  // Interrupted (Ctrl+C, a CI time-out): clean up, end Firefox (within 5 seconds), then end as the
  // signal would have.
  const interrupted = async (signal) => {
    cleanUp();
    await Promise.race([driver?.quit().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 5000))]);
    process.kill(process.pid, signal);
  };
  process.once('exit', cleanUp);
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const stop = async () => {
    await driver?.quit().catch(() => {});
    if (server) await new Promise((resolve) => server.close(resolve));
    await proxy?.close();
    process.off('exit', cleanUp);
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    cleanUp();
  };
  try {
    const xpi = join(work, 'zorgvuldig-firefox.xpi');
    writeFileSync(xpi, zipDirectory(extension));
    writePolicies({ policy, xpi, work });
    server = await serve({ root: fixtures, port: 0 });
    proxy = await startRecordingProxy();
    const options = new firefox.Options().setBinary(FIREFOX).addArguments('-headless').windowSize({ width: 1280, height: 900 });
    const preferences = {
      ...QUIET_PREFERENCES,
      ...proxyPreferences(proxy.port),
      // The test package is unsigned (see the top of this file); ESR honours this setting.
      'xpinstall.signatures.required': false,
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
    };
    for (const [name, value] of Object.entries(preferences)) options.setPreference(name, value);
    // WebDriver opens only http(s), file and blob pages unless "system access" is allowed; the
    // options page is a moz-extension:// page.
    const service = new firefox.ServiceBuilder(GECKODRIVER).addArguments('--allow-system-access').setEnvironment({
      ...process.env,
      // Mozilla's switch for a browser without network: lets remote settings point nowhere.
      MOZ_DISABLE_NONLOCAL_CONNECTIONS: '1',
    });
    driver = await new Builder().forBrowser('firefox').setFirefoxOptions(options).setFirefoxService(service).build();
    mkdirSync(screenshots, { recursive: true });
    const browser = {
      driver,
      base: `http://127.0.0.1:${server.address().port}`,
      /** What Firefox tried to reach outside loopback since it started. */
      outsideRequests: () => proxy.attempts(),
      stop,
    };
    await managedPolicyArrived(browser, policy);
    return browser;
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Waits until the force-installed extension is there and its options page shows, as the managed
 *  policy it read, exactly the policy written to policies.json (a fresh profile installs the
 *  extension a moment after start). The raw managed policy is shown with or without the core. */
async function managedPolicyArrived({ driver }, policy) {
  const deadline = Date.now() + 30000;
  let last = '';
  while (Date.now() < deadline) {
    try {
      await driver.get(OPTIONS_URL);
      await driver.wait(async () => (await driver.findElements(By.css('body[data-ready="true"]'))).length > 0, 5000);
      last = await driver.executeScript(() => document.querySelector('#raw-managed').textContent);
      if (isDeepStrictEqual(JSON.parse(last), policy)) return;
    } catch (error) {
      last = error.message;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the extension did not show the policy from ${POLICIES_FILE}; it shows: ${last}`);
}

/** Runs `script(GECKO_ID)` in the browser's privileged context (system access, see launch). */
async function privileged({ driver }, script) {
  await driver.setContext(firefox.Context.CHROME);
  try {
    return await driver.executeScript(script, GECKO_ID);
  } finally {
    await driver.setContext(firefox.Context.CONTENT);
  }
}

// The `privileged` callbacks run in Firefox's own chrome context, where these are globals.
/* global WebExtensionPolicy, ChromeUtils, gBrowser */

/**
 * Suspends the extension's background page as Firefox does when it has been idle (an MV3
 * background is an event page there: it stops after a while without events and starts again for
 * the next message). Runs Firefox's own terminateBackground(), as its idle timer does; resolves to
 * the background's state afterwards ("stopped").
 */
export const suspendBackground = (browser) =>
  privileged(browser, async (id) => {
    const { extension } = WebExtensionPolicy.getByID(id);
    await extension.terminateBackground();
    return extension.backgroundState;
  });

/** The extension's toolbar button for the selected tab as Firefox shows it: {text, title}. */
export const toolbarBadge = (browser) =>
  privileged(browser, (id) => {
    const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
    const { action } = ExtensionParent.apiManager.global.browserActionFor(WebExtensionPolicy.getByID(id).extension);
    const tab = gBrowser.selectedTab;
    return { text: action.getProperty(tab, 'badgeText'), title: action.getProperty(tab, 'title') };
  });

/** Opens a fixture page in the current tab. */
export async function open(browser, path) {
  await browser.driver.get(`${browser.base}/${path}`);
}

/** Opens the extension's options page in the current tab and waits until it has rendered the
 *  policy and the background page's answer (protection on, off or report-only). */
export async function openOptions({ driver }) {
  await driver.get(OPTIONS_URL);
  await driver.wait(
    async () => (await driver.findElements(By.css('body[data-ready="true"] #protection:is(.on, .off, .report)'))).length > 0,
    10000,
    'the options page did not finish loading',
  );
}

/** Clicks the element at `selector` and types `text` into it, key by key, as a user does. */
export async function type({ driver }, selector, text) {
  const element = await driver.findElement(By.css(selector));
  await element.click();
  await element.sendKeys(text);
}

/** The text of the element at `selector` as the user sees it. */
export const textOf = ({ driver }, selector) => driver.findElement(By.css(selector)).getText();

/** What the fixture webmail's own send handler recorded (one entry per send that went out). */
export const sent = ({ driver }) => driver.executeScript('return window.sent');

/** Saves a screenshot of the current tab as tests/firefox/screenshots/`name`.png. */
export async function screenshot(browser, name) {
  writeFileSync(join(screenshots, `${name}.png`), Buffer.from(await browser.driver.takeScreenshot(), 'base64'));
}
