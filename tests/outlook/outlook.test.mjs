// The Outlook add-in without Outlook (Outlook cannot run here; README "Outlook"): the handler
// script exactly as `make outlook` builds it, run in a Node vm with a stand-in for the Office.js
// objects it touches (office.mjs), asserting what Outlook would be told and what the item holds
// afterwards. Every case in cases.json runs twice: in a runtime with WebAssembly (Outlook on the
// web, new Outlook, Mac) and in one without WebAssembly, TextEncoder and TextDecoder (the
// JavaScript build, for classic Outlook's JavaScript-only runtime). Then: parts of the item that
// cannot be read, a corrupt core under both failModes, English, and the manifest (xmllint).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { buildOutlook } from '../../scripts/build-outlook.mjs';
import { composeItem, mailboxEvent, office } from './office.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { cases } = JSON.parse(readFileSync(join(root, 'tests', 'outlook', 'cases.json'), 'utf8'));
const orgPolicy = JSON.parse(readFileSync(join(root, 'tests', 'policies', 'org.json'), 'utf8'));
const BASE_URL = 'https://addins.samenveilig.nl/zorgvuldig';
const LIMIT = 500; // Outlook's limit for errorMessage and errorMessageMarkdown
const LABEL_LIMIT = 20; // and for cancelLabel
const clean = cases.find((c) => c.name.startsWith('a clean mail'));
const retiredDomain = cases.find((c) => c.name.startsWith('a colleague at the retired domain'));

const RUNTIMES = {
  wasm: { label: 'with WebAssembly', globals: { TextEncoder, TextDecoder }, remove: [] },
  // Classic Outlook's JavaScript-only runtime as an old engine: no WebAssembly, no TextEncoder or
  // TextDecoder (Node's, not the language's: a vm context has none), and none of the library
  // added after ES2016.
  js: {
    label: 'without WebAssembly and what came after ES2016 (JavaScript build)',
    globals: {},
    remove: [
      'WebAssembly',
      'FinalizationRegistry',
      'WeakRef',
      'queueMicrotask',
      'structuredClone',
      'String.prototype.padStart',
      'String.prototype.padEnd',
      'String.prototype.trimStart',
      'String.prototype.trimEnd',
      'String.prototype.matchAll',
      'String.prototype.replaceAll',
      'String.prototype.at',
      'Array.prototype.flat',
      'Array.prototype.flatMap',
      'Array.prototype.at',
      'Array.prototype.findLast',
      'Object.entries',
      'Object.values',
      'Object.fromEntries',
      'Object.hasOwn',
      'Object.getOwnPropertyDescriptors',
      'Promise.prototype.finally',
      'Promise.allSettled',
      'Promise.any',
      'globalThis',
    ],
  },
};

let work;
const builds = {};

/** Builds the add-in with `policy` (as `make outlook` does) into a folder of its own. */
async function buildWith(name, policy, options = {}) {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  const policyPath = join(dir, 'policy.json');
  writeFileSync(policyPath, JSON.stringify(policy));
  const out = join(dir, 'outlook');
  await buildOutlook({ policyPath, baseUrl: BASE_URL, out, ...options });
  return { out, script: readFileSync(join(out, 'zorgvuldig-outlook.js'), 'utf8') };
}

/** One runtime per script and kind, kept between sends as Outlook on the web keeps it: the script
 *  is loaded once and each send puts its own item in Office.context.mailbox. */
const runtimes = new Map();
function runtimeFor(script, runtime) {
  const key = `${runtime}:${createHash('sha256').update(script).digest('hex')}`;
  if (!runtimes.has(key)) {
    const Office = office(null);
    const errors = [];
    const context = vm.createContext({
      Office,
      setTimeout,
      console: { log() {}, warn() {}, error: (...args) => errors.push(args.join(' ')) },
      ...RUNTIMES[runtime].globals,
    });
    for (const name of RUNTIMES[runtime].remove) vm.runInContext(name.includes('.') ? `delete ${name}` : `delete this.${name}`, context);
    vm.runInContext(script, context, { filename: 'zorgvuldig-outlook.js' });
    runtimes.set(key, { Office, errors });
  }
  return runtimes.get(key);
}

/** Puts `message` in a runtime of the handler script; returns the item's state, the functions the
 *  script associated with Office.actions, and what it wrote to the console during this send. */
function load(script, message, { runtime = 'wasm', displayLanguage = 'nl-NL', failing = [] } = {}) {
  const { item, state } = composeItem(message, { failing });
  const { Office, errors } = runtimeFor(script, runtime);
  Office.context.mailbox.item = item;
  Office.context.displayLanguage = displayLanguage;
  errors.length = 0;
  return { state, actions: Office.actions.registered, errors };
}

/** Runs one Outlook event through an associated function; resolves to what `completed` was given,
 *  after checking it was called exactly once. */
async function fire(actions, name, type) {
  const event = mailboxEvent(type);
  actions.get(name)(event);
  const options = await event.done;
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(event.calls, 1, `${name}: event.completed called ${event.calls} times`);
  return options;
}

/** What every Smart Alerts answer must satisfy, whatever the case. */
function withinOutlooksLimits(options) {
  if (options.allowEvent) {
    assert.deepEqual(Object.keys(options), ['allowEvent'], 'an allowed send carries nothing else');
    return;
  }
  assert.equal(typeof options.errorMessage, 'string');
  assert.equal(typeof options.errorMessageMarkdown, 'string');
  assert.ok(options.errorMessage.length <= LIMIT, `errorMessage is ${options.errorMessage.length} characters`);
  assert.ok(options.errorMessageMarkdown.length <= LIMIT, `errorMessageMarkdown is ${options.errorMessageMarkdown.length} characters`);
  if (options.cancelLabel !== undefined) {
    assert.ok(options.cancelLabel.length <= LABEL_LIMIT, `cancelLabel "${options.cancelLabel}" is too long`);
    assert.equal(options.commandId, 'zorgvuldig.fix', 'a Take Action label needs the command it runs');
  }
  if (options.sendModeOverride !== undefined) assert.equal(options.sendModeOverride, 'promptUser');
}

const addresses = (list) => Array.from(list, (r) => r.emailAddress);
/** A value from the vm's realm as plain data of this one, for deepEqual. */
const plain = (value) => JSON.parse(JSON.stringify(value));

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'zorgvuldig-outlook-'));
  builds.ask = await buildWith('ask', orgPolicy);
  // failMode block, and no language: Outlook's display language decides.
  const { language, ...withoutLanguage } = orgPolicy;
  builds.block = await buildWith('block', { ...withoutLanguage, failMode: 'block' }, { sendMode: 'Block' });
});

after(() => rmSync(work, { recursive: true, force: true }));

for (const [runtime, { label }] of Object.entries(RUNTIMES)) {
  describe(`Send, ${label}`, () => {
    for (const c of cases) {
      test(c.name, async () => {
        const { state, actions, errors } = load(builds.ask.script, c.message, { runtime });
        const told = await fire(actions, 'onMessageSendHandler', 'OnMessageSend');
        withinOutlooksLimits(told);
        assert.deepEqual(errors, [], 'nothing went wrong in the add-in');
        assert.equal(told.allowEvent, c.expect.allowEvent, told.errorMessage);
        assert.deepEqual(state.changes, [], 'a Send changes nothing in the message');
        if (c.expect.allowEvent) return;
        assert.equal(told.sendModeOverride === 'promptUser', c.expect.sendAnyway, 'Send Anyway offered or not');
        assert.equal(told.cancelLabel ?? null, c.expect.fix, 'the Take Action button');
        for (const text of c.expect.says) {
          assert.ok(told.errorMessage.includes(text), `the message says "${text}": ${told.errorMessage}`);
          assert.ok(told.errorMessageMarkdown.replace(/\\(.)/g, '$1').includes(text), `the Markdown message says "${text}"`);
        }
        if (!c.expect.afterFix) return;
        // Take Action runs the function command; then the user presses Send again.
        await fire(actions, 'applyFixes', 'ExecuteFunction');
        const fixed = c.expect.afterFix;
        for (const field of ['to', 'cc', 'bcc']) {
          if (fixed[field]) assert.deepEqual(addresses(state[field]), fixed[field], `${field} after Take Action`);
        }
        if (fixed.subjectStartsWith)
          assert.ok(state.subject.startsWith(fixed.subjectStartsWith), `subject after Take Action: ${state.subject}`);
        const again = await fire(actions, 'onMessageSendHandler', 'OnMessageSend');
        withinOutlooksLimits(again);
        if (fixed.sends) assert.equal(again.allowEvent, true, `after Take Action the send goes: ${again.errorMessage}`);
      });
    }

    test('a part of the message that cannot be read holds the send (failMode ask: Send Anyway)', async () => {
      for (const [part, says] of [
        ['body', 'de tekst'],
        ['cc', 'de ontvangers'],
        ['attachments', 'de bijlagen'],
      ]) {
        const { actions } = load(builds.ask.script, clean.message, { runtime, failing: [part] });
        const told = await fire(actions, 'onMessageSendHandler', 'OnMessageSend');
        withinOutlooksLimits(told);
        assert.equal(told.allowEvent, false, `${part} unreadable`);
        assert.equal(told.sendModeOverride, 'promptUser');
        assert.ok(told.errorMessage.includes(says), told.errorMessage);
        assert.ok(told.errorMessage.includes('De controle kon niet worden uitgevoerd'), told.errorMessage);
      }
    });

    test("failMode block: an unreadable message cannot be sent anyway; English from Outlook's display language", async () => {
      const { actions } = load(builds.block.script, clean.message, { runtime, failing: ['to'], displayLanguage: 'en-GB' });
      const told = await fire(actions, 'onMessageSendHandler', 'OnMessageSend');
      withinOutlooksLimits(told);
      assert.equal(told.allowEvent, false);
      assert.equal(told.sendModeOverride, undefined, 'no Send Anyway');
      assert.ok(told.errorMessage.includes('could not read the recipients'), told.errorMessage);
      assert.ok(told.errorMessage.includes('does not allow sending without the check'), told.errorMessage);
    });

    test('English verdict texts and the English Take Action label', async () => {
      const { actions } = load(builds.block.script, retiredDomain.message, { runtime, displayLanguage: 'en-US' });
      const told = await fire(actions, 'onMessageSendHandler', 'OnMessageSend');
      withinOutlooksLimits(told);
      assert.equal(told.allowEvent, false);
      assert.equal(told.cancelLabel, 'Use new address');
      assert.ok(told.errorMessage.includes('This message has not been sent'), told.errorMessage);
      assert.ok(told.errorMessage.includes('j.devries@samenveilig.nl'), told.errorMessage);
    });
  });
}

describe('the two builds of the core', () => {
  test('give Outlook the same answer on a 1 MB mail (the JavaScript build grows its memory into a new buffer)', async () => {
    const paragraph = 'Verslag van het gesprek met de ouders over de voortgang op school en thuis. ';
    const message = {
      to: [{ displayName: 'Intake', emailAddress: 'intake@ggz-voorbeeld.nl' }],
      subject: 'Verslag',
      body: `${paragraph.repeat(13000)}\nCliënt Yara (BSN 111222333) heeft een ADHD-diagnose.`,
    };
    const answers = {};
    for (const runtime of Object.keys(RUNTIMES)) {
      const { actions } = load(builds.ask.script, message, { runtime });
      answers[runtime] = await fire(actions, 'onMessageSendHandler', 'OnMessageSend');
    }
    assert.equal(answers.wasm.allowEvent, false);
    assert.ok(answers.wasm.errorMessage.includes('burgerservicenummer'), answers.wasm.errorMessage);
    assert.deepEqual(plain(answers.js), plain(answers.wasm));
  });
});

describe('a core that does not load', () => {
  // The inlined .wasm with a wrong version number: WebAssembly refuses to compile it.
  const corrupt = (script) => {
    const magic = 'AGFzbQEAAAA'; // "\0asm" version 1, as base64
    assert.equal(script.split(magic).length - 1, 1, 'the inlined core is found once');
    return script.replace(magic, 'AGFzbQIAAAA');
  };

  test('failMode ask: the send is held with Send Anyway', async () => {
    const { actions, errors } = load(corrupt(builds.ask.script), clean.message);
    const told = await fire(actions, 'onMessageSendHandler', 'OnMessageSend');
    withinOutlooksLimits(told);
    assert.equal(told.allowEvent, false, 'a core that does not load never lets a send pass unchecked');
    assert.equal(told.sendModeOverride, 'promptUser');
    assert.ok(told.errorMessage.includes('zorgvuldig kon niet starten'), told.errorMessage);
    assert.equal(errors.length, 1, 'one line in the console, metadata only');
    assert.ok(!errors[0].includes('teamoverleg'), errors[0]);
  });

  test('failMode block: the send is held without Send Anyway', async () => {
    const { actions } = load(corrupt(builds.block.script), clean.message);
    const told = await fire(actions, 'onMessageSendHandler', 'OnMessageSend');
    withinOutlooksLimits(told);
    assert.equal(told.allowEvent, false);
    assert.equal(told.sendModeOverride, undefined);
    assert.ok(told.errorMessage.includes('Uw organisatie laat niet verzenden zonder controle'), told.errorMessage);
  });

  test('the Take Action function says so in the compose window and changes nothing', async () => {
    const { state, actions } = load(corrupt(builds.ask.script), retiredDomain.message);
    await fire(actions, 'applyFixes', 'ExecuteFunction');
    assert.deepEqual(state.changes, []);
    assert.equal(state.notifications.zorgvuldig?.type, 'errorMessage');
    assert.ok(state.notifications.zorgvuldig.message.includes('kon het bericht niet aanpassen'));
  });
});

describe('the build', () => {
  test('refuses a policy with errors, naming the key', async () => {
    await assert.rejects(buildWith('bad', { ...orgPolicy, retiredDomains: [{ domain: 'geen domein' }] }), /retiredDomains\[0\]\.domain/);
    assert.ok(!existsSync(join(work, 'bad', 'outlook', 'zorgvuldig-outlook.js')), 'nothing is written');
  });

  test('refuses a base URL that is not HTTPS', async () => {
    await assert.rejects(buildWith('http', orgPolicy, { baseUrl: 'http://addins.samenveilig.nl' }), /https/);
  });

  test('writes a script that associates exactly the functions the manifest names', () => {
    const { actions } = load(builds.ask.script, clean.message);
    const manifest = readFileSync(join(builds.ask.out, 'manifest.xml'), 'utf8');
    const named = [...manifest.matchAll(/FunctionName(?:="|>)([A-Za-z]+)/g)].map((m) => m[1]).sort();
    assert.deepEqual([...actions.keys()].sort(), named);
  });
});

describe('the manifest', () => {
  /** XPath on a built manifest with xmllint (namespaces by local name). */
  const xpath = (out, expression) =>
    execFileSync('xmllint', ['--xpath', expression, join(out, 'manifest.xml')], { encoding: 'utf8' }).trim();
  const el = (name) => `*[local-name()='${name}']`;

  test('is well-formed XML', () => {
    execFileSync('xmllint', ['--noout', join(builds.ask.out, 'manifest.xml')]);
  });

  test('has every element Outlook requires of an add-in with event-based activation', () => {
    const out = builds.ask.out;
    const text = (path) => xpath(out, `string(${path})`);
    assert.equal(text(`/${el('OfficeApp')}/@*[local-name()='type']`), 'MailApp');
    assert.match(text(`//${el('OfficeApp')}/${el('Id')}`), /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.match(text(`//${el('OfficeApp')}/${el('Version')}`), /^\d+\.\d+\.\d+\.\d+$/);
    for (const name of ['ProviderName', 'DefaultLocale']) assert.ok(text(`//${el('OfficeApp')}/${el(name)}`), name);
    for (const name of ['DisplayName', 'Description', 'IconUrl', 'HighResolutionIconUrl', 'SupportUrl']) {
      assert.ok(text(`//${el('OfficeApp')}/${el(name)}/@DefaultValue`), name);
    }
    assert.equal(text(`//${el('Hosts')}/${el('Host')}/@Name`), 'Mailbox');
    assert.equal(text(`//${el('OfficeApp')}/${el('Requirements')}//${el('Set')}/@Name`), 'Mailbox');
    assert.equal(text(`//${el('Permissions')}`), 'ReadWriteItem');
    assert.equal(text(`//${el('Rule')}[@ItemType]/@FormType`), 'Edit');
    // VersionOverrides 1.1 inside 1.0, asking for Mailbox 1.12 (OnMessageSend).
    const v11 = `//${el('VersionOverrides')}/${el('VersionOverrides')}[@*[local-name()='type']='VersionOverridesV1_1']`;
    assert.equal(text(`${v11}/${el('Requirements')}/${el('Sets')}/@DefaultMinVersion`), '1.12');
    assert.equal(text(`${v11}//${el('Host')}/@*[local-name()='type']`), 'MailHost');
    // The runtime: the HTML page, with the script itself for classic Outlook.
    const runtime = text(`//${el('Runtimes')}/${el('Runtime')}/@resid`);
    assert.equal(text(`//${el('Runtime')}/${el('Override')}/@type`), 'javascript');
    const script = text(`//${el('Runtime')}/${el('Override')}/@resid`);
    // The launch event, on the same runtime.
    const launch = `//${el('ExtensionPoint')}[@*[local-name()='type']='LaunchEvent']`;
    assert.equal(text(`${launch}//${el('LaunchEvent')}/@Type`), 'OnMessageSend');
    assert.equal(text(`${launch}//${el('LaunchEvent')}/@FunctionName`), 'onMessageSendHandler');
    assert.equal(text(`${launch}//${el('LaunchEvent')}/@SendMode`), 'SoftBlock');
    assert.equal(text(`${launch}/${el('SourceLocation')}/@resid`), runtime);
    assert.equal(text(`//${el('FunctionFile')}/@resid`), runtime);
    // The Take Action command: a function command whose id the handler gives as commandId.
    assert.equal(text(`//${el('Control')}[@id='zorgvuldig.fix']/${el('Action')}/@*[local-name()='type']`), 'ExecuteFunction');
    assert.equal(text(`//${el('Control')}[@id='zorgvuldig.fix']/${el('Action')}/${el('FunctionName')}`), 'applyFixes');
    // Every resource id used is defined; every URL is HTTPS under the base URL, and its file is built.
    const used = xpath(out, `//@resid`)
      .match(/resid="[^"]+"/g)
      .map((a) => a.slice(7, -1));
    const defined = xpath(out, `//${el('Resources')}//@id`)
      .match(/id="[^"]+"/g)
      .map((a) => a.slice(4, -1));
    for (const id of used) assert.ok(defined.includes(id), `resource ${id} is defined`);
    const urls = xpath(out, `//@DefaultValue[starts-with(., 'http')]`)
      .match(/"[^"]+"/g)
      .map((a) => a.slice(1, -1));
    for (const url of urls) {
      assert.ok(url.startsWith(`${BASE_URL}/`) || url === BASE_URL, `${url} is under ${BASE_URL}`);
      if (url !== BASE_URL) assert.ok(existsSync(join(out, url.slice(BASE_URL.length + 1))), `${url} is in dist/outlook`);
    }
    assert.equal(text(`//${el('Resources')}//${el('Url')}[@id='${script}']/@DefaultValue`), `${BASE_URL}/zorgvuldig-outlook.js`);
  });

  test('SEND_MODE=Block is written into the manifest', () => {
    assert.equal(xpath(builds.block.out, `string(//*[local-name()='LaunchEvent']/@SendMode)`), 'Block');
  });
});
