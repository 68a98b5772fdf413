#!/usr/bin/env node
// Generates every deployment template in docs/deployment/ from ONE example policy,
// docs/deployment/example-policy.json, so the templates never disagree (`make deployment`).
// Node built-ins only. tests/deployment.rs runs this into a temporary folder and fails when the
// committed templates differ from its output, or when a template does not carry the example policy.
//
//   node scripts/deployment.mjs [--policy FILE] [--out DIR] [--firefox-install-url URL]
//
// To deploy your own policy: copy the example, change it (check it with
// `zorgvuldig policy check FILE`), change SITE below, and run with --policy and --out.
// --firefox-install-url replaces SITE's address of the .xpi (the Firefox test, tests/firefox/,
// points it at the package it just built, as a file:// URL).
//
// The forms, and where they are documented (checked while writing this script):
// - Chrome's managed-storage schema and the 3rdparty policy of an extension:
//   https://developer.chrome.com/docs/extensions/reference/manifest/storage ("Manifest for storage
//   areas") and https://www.chromium.org/administrators/configuring-policy-for-extensions/
//   Linux: {"3rdparty": {"extensions": {"<id>": {...}}}} in a JSON file under
//   /etc/opt/chrome/policies/managed/ (Chrome), /etc/chromium/policies/managed/ (Chromium);
//   (tests/e2e/ checks that this reaches chrome.storage.managed in Debian's Chromium, and
//   tests/firefox/ that policies.json reaches storage.managed in Debian's Firefox ESR.)
//   Windows: values under HKLM\Software\Policies\Google\Chrome\3rdparty\extensions\<id>\policy,
//   REG_SZ for strings, REG_DWORD for booleans and integers (the EFF's Privacy Badger deployment
//   guide, doc/admin-deployment.md, says the same, and gives the Edge path
//   HKLM\Software\Policies\Microsoft\Edge\3rdparty\Extensions\<id>\policy).
//   Lists and objects as REG_SZ holding JSON: https://www.chromium.org/administrators/complex-policies-on-windows/
//   ("as a JSON string in the registry").
//   macOS: Chrome reads an extension's policy from its own preference domain
//   com.google.Chrome.extensions.<id> (Edge: com.microsoft.Edge.extensions.<id>), NOT from a
//   3rdparty key in com.google.Chrome; so each .mobileconfig has two payloads: the browser's own
//   (force-install) and the extension's domain (its policy, as native plist types).
// - ExtensionSettings (force-install, update_url, toolbar_pin):
//   https://chromeenterprise.google/policies/#ExtensionSettings,
//   https://www.chromium.org/administrators/policy-list-3/extension-settings-full/ and, for Edge,
//   https://learn.microsoft.com/deployedge/microsoft-edge-browser-policies/extensionsettings
//   On Windows ExtensionSettings is one REG_SZ value holding JSON under ...\Google\Chrome.
// - Firefox: policies.json {"policies": {"3rdparty": {"Extensions": {"<gecko id>": {...}}},
//   "ExtensionSettings": {"<gecko id>": {"installation_mode": "force_installed", "install_url": ...}}}}
//   https://extensionworkshop.com/documentation/enterprise/enterprise-development/ and
//   https://mozilla.github.io/enterprise-admin-reference/reference/policies/extensionsettings/ ;
//   macOS: a profile payload of type org.mozilla.firefox with EnterprisePoliciesEnabled and the
//   same policies as plist keys (github.com/mozilla/policy-templates, "mac").
// - Google Admin console, "Policy for extensions": each key wrapped as {"Value": ...}
//   (Privacy Badger's guide, "Chrome OS").
// - Configuration profiles: PayloadUUIDs must be unique and should not change when the profile is
//   regenerated (an MDM then replaces the installed profile instead of adding a second); they are
//   name-based UUIDs (RFC 4122 version 5) of each payload's PayloadIdentifier.

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
// The Firefox add-on id, where the Firefox build gets it.
import { GECKO_ID as GECKO } from './build-extension.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const policyPath = resolve(root, option('--policy', 'docs/deployment/example-policy.json'));
const out = resolve(root, option('--out', 'docs/deployment'));

// The organisation's own details that are not policy (the fictional youth-care organisation of the
// example). updates.xml and the .xpi come from `make dist` (scripts/package.mjs; set
// ZORGVULDIG_UPDATE_BASE to the folder URL below so updates.xml points at the .crx there).
const SITE = {
  organisation: 'SamenVeilig Jeugdhulp (voorbeeld)',
  updateUrl: 'https://software.samenveilig.nl/zorgvuldig/updates.xml',
  firefoxInstallUrl: option('--firefox-install-url', 'https://software.samenveilig.nl/zorgvuldig/zorgvuldig-firefox.xpi'),
};

// ---------------------------------------------------------------------------------------------
// The ids: derived from the sources, never typed twice

/** The Chrome/Edge id of the extension: the manifest's public key, hashed (fixed by `key`). */
function extensionId() {
  const manifest = JSON.parse(readFileSync(join(root, 'web', 'extension', 'manifest.json'), 'utf8'));
  const hex = createHash('sha256').update(Buffer.from(manifest.key, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

const ID = extensionId();
const policy = JSON.parse(readFileSync(policyPath, 'utf8'));
const policyName = relative(root, policyPath);

/** Reverse-DNS prefix for profile identifiers, from the organisation's first internal domain. */
const reverseDomain = (policy.internalDomains?.[0] ?? 'example.nl').split('.').reverse().join('.');

// ---------------------------------------------------------------------------------------------
// Helpers

const json = (value) => `${JSON.stringify(value, null, 2)}\n`;

/** JSON on one line with every non-ASCII character as \uXXXX (safe in .reg files and plists). */
const asciiJson = (value) =>
  JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** RFC 4122 version-5 UUID (SHA-1, name-based) of `name` in the DNS namespace. */
function uuid5(name) {
  const namespace = Buffer.from('6ba7b8109dad11d180b400c04fd430c8', 'hex');
  const hash = createHash('sha1')
    .update(Buffer.concat([namespace, Buffer.from(name, 'utf8')]))
    .digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const h = hash.subarray(0, 16).toString('hex').toUpperCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const chromeInstall = { installation_mode: 'force_installed', update_url: SITE.updateUrl, toolbar_pin: 'force_pinned' };
// Edge: the same self-hosted CRX; toolbar_pin is Chrome's and left out.
const edgeInstall = { installation_mode: 'force_installed', update_url: SITE.updateUrl };
const firefoxInstall = { installation_mode: 'force_installed', install_url: SITE.firefoxInstallUrl };

// ---------------------------------------------------------------------------------------------
// Linux: one JSON file per browser in its managed-policy folder

function linux(install) {
  return json({ ExtensionSettings: { [ID]: install }, '3rdparty': { extensions: { [ID]: policy } } });
}

// ---------------------------------------------------------------------------------------------
// Windows: .reg (ASCII, CRLF; non-ASCII only inside JSON, as \uXXXX)

const regString = (text) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

function regValue(value) {
  if (typeof value === 'boolean') return `dword:${value ? '00000001' : '00000000'}`;
  if (Number.isInteger(value)) return `dword:${(value >>> 0).toString(16).padStart(8, '0')}`;
  if (typeof value === 'string') {
    if (/[^\x20-\x7e]/.test(value)) throw new Error(`.reg: a plain string with non-ASCII text: ${value}`);
    return regString(value);
  }
  return regString(asciiJson(value)); // lists and objects: REG_SZ holding JSON
}

function windows({ browser, vendorPath, install }) {
  const base = `HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\${vendorPath}`;
  const policyKey = `${base}\\3rdparty\\extensions\\${ID}\\policy`;
  const lines = [
    'Windows Registry Editor Version 5.00',
    '',
    `; zorgvuldig for ${browser}: force-install and the organisation's policy.`,
    `; Generated by scripts/deployment.mjs from ${policyName}; do not edit by hand.`,
    '; ExtensionSettings below replaces a value that is already there: merge it with your own',
    '; ExtensionSettings first if you have one.',
    '',
    `[${base}]`,
    `"ExtensionSettings"=${regValue({ [ID]: install })}`,
    '',
    '; Remove the values of an earlier version, so a key taken out of the policy goes too.',
    `[-${policyKey}]`,
    '',
    `[${policyKey}]`,
    ...Object.entries(policy).map(([key, value]) => `${regString(key)}=${regValue(value)}`),
    '',
  ];
  return lines.join('\r\n');
}

// ---------------------------------------------------------------------------------------------
// macOS: configuration profiles (XML property lists)

const xmlEscape = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function plist(value, indent) {
  const pad = '  '.repeat(indent);
  if (value === true) return `${pad}<true/>`;
  if (value === false) return `${pad}<false/>`;
  if (Number.isInteger(value)) return `${pad}<integer>${value}</integer>`;
  if (typeof value === 'string') return `${pad}<string>${xmlEscape(value)}</string>`;
  if (Array.isArray(value)) {
    if (value.length === 0) return `${pad}<array/>`;
    return [`${pad}<array>`, ...value.map((v) => plist(v, indent + 1)), `${pad}</array>`].join('\n');
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return `${pad}<dict/>`;
    return [
      `${pad}<dict>`,
      ...entries.flatMap(([k, v]) => [`${pad}  <key>${xmlEscape(k)}</key>`, plist(v, indent + 1)]),
      `${pad}</dict>`,
    ].join('\n');
  }
  throw new Error(`plist: cannot write ${JSON.stringify(value)}`);
}

function payload(type, identifier, displayName, content) {
  return {
    PayloadType: type,
    PayloadVersion: 1,
    PayloadIdentifier: identifier,
    PayloadUUID: uuid5(identifier),
    PayloadEnabled: true,
    PayloadDisplayName: displayName,
    ...content,
  };
}

function mobileconfig(browser, slug, payloads) {
  const identifier = `${reverseDomain}.zorgvuldig.${slug}`;
  const profile = {
    PayloadType: 'Configuration',
    PayloadVersion: 1,
    PayloadIdentifier: identifier,
    PayloadUUID: uuid5(identifier),
    PayloadDisplayName: `zorgvuldig (${browser})`,
    PayloadDescription: `Installs zorgvuldig in ${browser} and sets the organisation's policy. Generated by scripts/deployment.mjs from ${policyName}.`,
    PayloadOrganization: SITE.organisation,
    PayloadScope: 'System',
    PayloadRemovalDisallowed: true,
    PayloadContent: payloads.map(([type, suffix, name, content]) => payload(type, `${identifier}.${suffix}`, name, content)),
  };
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    plist(profile, 0),
    '</plist>',
    '',
  ].join('\n');
}

function macosChromium(browser, slug, domain, install) {
  return mobileconfig(browser, slug, [
    [domain, 'install', `${browser}: install zorgvuldig`, { ExtensionSettings: { [ID]: install } }],
    [`${domain}.extensions.${ID}`, 'policy', `zorgvuldig: policy`, policy],
  ]);
}

function macosFirefox() {
  return mobileconfig('Firefox', 'firefox', [
    [
      'org.mozilla.firefox',
      'policies',
      'Firefox: zorgvuldig',
      {
        EnterprisePoliciesEnabled: true,
        ExtensionSettings: { [GECKO]: firefoxInstall },
        '3rdparty': { Extensions: { [GECKO]: policy } },
      },
    ],
  ]);
}

// ---------------------------------------------------------------------------------------------
// Firefox policies.json and the Google Admin console form

const firefoxPolicies = () =>
  json({ policies: { ExtensionSettings: { [GECKO]: firefoxInstall }, '3rdparty': { Extensions: { [GECKO]: policy } } } });

const adminConsole = () => json(Object.fromEntries(Object.entries(policy).map(([key, value]) => [key, { Value: value }])));

// ---------------------------------------------------------------------------------------------
// The files, and an index of where each goes

const TEMPLATES = [
  ['linux-chrome.json', 'Google Chrome, Linux', `/etc/opt/chrome/policies/managed/zorgvuldig.json`, () => linux(chromeInstall)],
  ['linux-chromium.json', 'Chromium, Linux', `/etc/chromium/policies/managed/zorgvuldig.json`, () => linux(chromeInstall)],
  ['linux-edge.json', 'Microsoft Edge, Linux', `/etc/opt/edge/policies/managed/zorgvuldig.json`, () => linux(edgeInstall)],
  [
    'windows-chrome.reg',
    'Google Chrome, Windows',
    'import with `reg import windows-chrome.reg` (as administrator) or turn into a GPO',
    () => windows({ browser: 'Google Chrome', vendorPath: 'Google\\Chrome', install: chromeInstall }),
  ],
  [
    'windows-edge.reg',
    'Microsoft Edge, Windows',
    'import with `reg import windows-edge.reg` (as administrator) or turn into a GPO',
    () => windows({ browser: 'Microsoft Edge', vendorPath: 'Microsoft\\Edge', install: edgeInstall }),
  ],
  [
    'macos-chrome.mobileconfig',
    'Google Chrome, macOS',
    'upload to the MDM (Jamf, Intune, Kandji, ...) as a custom profile',
    () => macosChromium('Google Chrome', 'chrome', 'com.google.Chrome', chromeInstall),
  ],
  [
    'macos-edge.mobileconfig',
    'Microsoft Edge, macOS',
    'upload to the MDM as a custom profile',
    () => macosChromium('Microsoft Edge', 'edge', 'com.microsoft.Edge', edgeInstall),
  ],
  ['macos-firefox.mobileconfig', 'Firefox, macOS', 'upload to the MDM as a custom profile', macosFirefox],
  [
    'firefox-policies.json',
    'Firefox, Windows/Linux/macOS',
    '`policies.json` in the `distribution` folder next to the Firefox program, or /etc/firefox/policies/policies.json on Linux',
    firefoxPolicies,
  ],
  [
    'google-admin-console.json',
    'Chrome managed from the Google Admin console',
    'Devices > Chrome > Apps & extensions > the extension > "Policy for extensions": paste it',
    adminConsole,
  ],
];

function index() {
  const rows = TEMPLATES.map(([file, browser, where]) => `| [\`${file}\`](${file}) | ${browser} | ${where} |`);
  return [
    '# Deployment templates',
    '',
    `Generated by \`scripts/deployment.mjs\` (\`make deployment\`) from [\`example-policy.json\`](example-policy.json);`,
    'do not edit them by hand: change the example (or your copy of it) and regenerate.',
    '`tests/deployment.rs` fails when a template here differs from what the script produces.',
    'How to roll out, step by step: [`docs/admin.md`](../admin.md).',
    '',
    `Extension id (Chrome, Edge): \`${ID}\` · Firefox id: \`${GECKO}\``,
    `Update manifest: \`${SITE.updateUrl}\` · Firefox package: \`${SITE.firefoxInstallUrl}\``,
    '',
    '| file | browser | where it goes |',
    '|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

mkdirSync(out, { recursive: true });
for (const [file, , , make] of TEMPLATES) writeFileSync(join(out, file), make());
writeFileSync(join(out, 'README.md'), index());
console.log(`wrote ${TEMPLATES.length} templates and README.md to ${relative(process.cwd(), out) || '.'}`);
