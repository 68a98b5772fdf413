#!/usr/bin/env node
// Builds the Outlook add-in for one organisation (`make outlook POLICY=...`): the manifest and one
// self-contained handler script, with the organisation's policy baked in (Outlook gives add-ins no
// managed storage), into dist/outlook/. Everything there is served from the organisation's own
// HTTPS host at --base-url.
//
//   node scripts/build-outlook.mjs --policy policy.json --base-url https://addins.example.nl/zorgvuldig
//        [--send-mode SoftBlock|Block] [--id GUID] [--provider NAME] [--out dist/outlook]
//
// The handler script (zorgvuldig-outlook.js) is a classic script without imports, as classic
// Outlook for Windows runs it: web/outlook/handler.js bundled by esbuild down to ES2016 (checked with
// acorn afterwards, and for library calls newer than ES2016) with wasm-bindgen's glue, the core as
// base64 .wasm and binaryen's wasm2js translation of the same .wasm for a runtime without
// WebAssembly. The core comes from
// target/outlook/core/ (`make outlook-core`): built without reference types and multi-value and
// lowered to WebAssembly 1.0, so that wasm2js can translate it and old engines can run it.
// The glue is used as wasm-bindgen writes it, with two checked edits: its cached memory views are
// renewed whenever the memory's buffer changes (wasm2js grows memory into a new buffer without
// detaching the old one), and it gets this folder's TextEncoder, TextDecoder and WebAssembly.
//
// The policy is checked with the core first; a policy with errors is refused.
//
// Imported (tests, benches) it builds nothing by itself: buildOutlook(options), CORE_DIR.

import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse as parseJs } from 'acorn';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'web', 'outlook');
/** Where `make outlook-core` puts the core for the add-in. */
export const CORE_DIR = join(root, 'target', 'outlook', 'core');
/** The language level of the handler script: classic Outlook's older JavaScript engines. */
export const ECMA_VERSION = 2016;
/** The id Outlook knows the add-in by, unless the organisation gives its own. */
export const DEFAULT_ID = '6ccc888a-8573-4d4f-81b5-b26fd54278fd';
export const SEND_MODES = ['SoftBlock', 'Block'];
/** Library functions newer than ES2016, which esbuild does not lower (it rewrites syntax, not the
 *  library, and its own helpers use some: object spread becomes Object.getOwnPropertyDescriptors):
 *  one named in the handler script fails the build. */
const NEWER_BUILTINS =
  /\.(padStart|padEnd|trimStart|trimEnd|flat|flatMap|finally|matchAll|replaceAll|at|findLast|findLastIndex)\(|\bObject\.(entries|values|fromEntries|hasOwn|getOwnPropertyDescriptors)\b|\bPromise\.(allSettled|any)\b|\b(globalThis|structuredClone|queueMicrotask|BigInt|WeakRef)\b/;

/** Replaces `from` in `text`, where it must occur exactly once (the glue changed otherwise). */
function edit(text, from, to, what) {
  const found = text.split(from).length - 1;
  if (found !== 1)
    throw new Error(`wasm-bindgen's glue has changed (${what}: expected once, found ${found} times); update scripts/build-outlook.mjs`);
  return text.replace(from, to);
}

/** wasm-bindgen's glue with the edits described at the top. */
function glue() {
  let text = readFileSync(join(CORE_DIR, 'zorgvuldig.js'), 'utf8');
  text = edit(
    text,
    'cachedUint8ArrayMemory0 === null || cachedUint8ArrayMemory0.byteLength === 0',
    'cachedUint8ArrayMemory0 === null || cachedUint8ArrayMemory0.buffer !== wasm.memory.buffer',
    'byte view check',
  );
  text = edit(
    text,
    'cachedDataViewMemory0 === null || cachedDataViewMemory0.buffer.detached === true || (cachedDataViewMemory0.buffer.detached === undefined && cachedDataViewMemory0.buffer !== wasm.memory.buffer)',
    'cachedDataViewMemory0 === null || cachedDataViewMemory0.buffer !== wasm.memory.buffer',
    'data view check',
  );
  const imports = [
    `import { TextEncoder, TextDecoder } from ${JSON.stringify(join(source, 'text.js'))};`,
    `import { WebAssembly } from ${JSON.stringify(join(source, 'wasm-api.js'))};`,
  ];
  return `${imports.join('\n')}\n${text}`;
}

/** binaryen's wasm2js output as a module with one export, `instantiate(imports)`. */
function wasm2js() {
  const text = readFileSync(join(CORE_DIR, 'core.js'), 'utf8');
  const body = text.replace(/^import \* as \S+ from '[^']+';\n/, '');
  const end = body.indexOf('\nvar retasmFunc = asmFunc(');
  if (end < 0 || body === text)
    throw new Error(`${join(CORE_DIR, 'core.js')} is not wasm2js output as expected; run \`make outlook-core\``);
  return `${body.slice(0, end)}\nexport function instantiate(imports) { return asmFunc(imports); }\n`;
}

/** The core's verdict on the policy: its errors, from the same core the add-in runs. */
export async function policyErrors(policy) {
  const { initSync, Engine } = await import(pathToFileURL(join(CORE_DIR, 'zorgvuldig.js')).href);
  initSync({ module: readFileSync(join(CORE_DIR, 'core.wasm')) });
  const engine = new Engine(policy);
  try {
    return engine.policyErrors();
  } finally {
    engine.free();
  }
}

/** The handler script's text for a policy. */
export async function bundleHandler(policy) {
  const modules = {
    'zorgvuldig:glue': glue(),
    'zorgvuldig:wasm': `export const WASM_BASE64 = ${JSON.stringify(readFileSync(join(CORE_DIR, 'core.wasm')).toString('base64'))};`,
    'zorgvuldig:wasm2js': wasm2js(),
    'zorgvuldig:policy': `export const POLICY = ${JSON.stringify(policy)};`,
  };
  const result = await build({
    entryPoints: [join(source, 'handler.js')],
    bundle: true,
    format: 'iife',
    target: `es${ECMA_VERSION}`,
    write: false,
    legalComments: 'none',
    minify: true,
    // No tsconfig.json is read (the repository's is for the extension's type check; one in a
    // folder above the checkout must not change the build either).
    tsconfigRaw: '{}',
    // The glue's default path to its .wasm (never taken: the bytes are passed in).
    logOverride: { 'empty-import-meta': 'silent' },
    plugins: [
      {
        name: 'zorgvuldig',
        setup(builder) {
          builder.onResolve({ filter: /^zorgvuldig:/ }, (args) => ({ path: args.path, namespace: 'zorgvuldig' }));
          builder.onLoad({ filter: /.*/, namespace: 'zorgvuldig' }, (args) => ({
            contents: modules[args.path],
            loader: 'js',
            resolveDir: source,
          }));
        },
      },
    ],
  });
  const code = result.outputFiles[0].text;
  // The syntax level, checked on the output itself: a script (no import or export) in ES2016.
  try {
    parseJs(code, { ecmaVersion: ECMA_VERSION, sourceType: 'script' });
  } catch (error) {
    throw new Error(`the handler script is not ES${ECMA_VERSION}: ${error.message}`);
  }
  const newer = code.match(NEWER_BUILTINS);
  if (newer) throw new Error(`the handler script calls ${newer[0].replace(/\($/, '')}, which is newer than ES${ECMA_VERSION}`);
  return `// zorgvuldig for Outlook: the send check (web/outlook/handler.js) with its core and policy; built by scripts/build-outlook.mjs.\n${code}`;
}

/** The manifest for a base URL and send mode. */
export function manifest({ baseUrl, sendMode = 'SoftBlock', id = DEFAULT_ID, provider = 'zorgvuldig' }) {
  const url = new URL(baseUrl);
  if (url.protocol !== 'https:')
    throw new Error(`--base-url must be an https:// address (Outlook loads add-ins over HTTPS only), not ${baseUrl}`);
  if (!SEND_MODES.includes(sendMode)) throw new Error(`--send-mode must be one of ${SEND_MODES.join(', ')}, not ${sendMode}`);
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw new Error(`--id must be a GUID, not ${id}`);
  const base = url.href.replace(/\/+$/, '');
  const version = `${readFileSync(join(root, 'Cargo.toml'), 'utf8')
    .match(/^version = "(\d+)\.(\d+)\.(\d+)"/m)
    .slice(1, 4)
    .join('.')}.0`;
  const xml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  const values = {
    ID: id,
    VERSION: version,
    PROVIDER: provider,
    BASE_URL: base,
    SUPPORT_URL: base,
    ORIGIN: url.origin,
    SEND_MODE: sendMode,
  };
  return readFileSync(join(source, 'manifest.xml'), 'utf8').replace(/@([A-Z_]+)@/g, (all, key) => {
    if (!(key in values)) throw new Error(`web/outlook/manifest.xml: unknown placeholder ${all}`);
    return xml(values[key]);
  });
}

/** Builds the add-in into `out`; rejects (and writes nothing) for a policy with errors. */
export async function buildOutlook({ policyPath, baseUrl, sendMode = 'SoftBlock', id, provider, out }) {
  for (const file of ['zorgvuldig.js', 'core.wasm', 'core.js']) {
    if (!existsSync(join(CORE_DIR, file))) throw new Error(`${join(CORE_DIR, file)} is missing; run \`make outlook-core\` first`);
  }
  let policy;
  try {
    policy = JSON.parse(readFileSync(policyPath, 'utf8'));
  } catch (error) {
    throw new Error(`the policy ${policyPath} cannot be read: ${error.message}`);
  }
  const errors = await policyErrors(policy);
  if (errors.length) {
    throw new Error(
      `the policy ${policyPath} has errors; the add-in is not built:\n${errors.map((e) => `  ${e.path || '(policy)'}: ${e.message} [${e.code}]`).join('\n')}`,
    );
  }
  const manifestXml = manifest({ baseUrl, sendMode, id, provider });
  const handler = await bundleHandler(policy);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'manifest.xml'), manifestXml);
  writeFileSync(join(out, 'zorgvuldig-outlook.js'), handler);
  cpSync(join(source, 'commands.html'), join(out, 'commands.html'));
  // The extension's icons, and the two sizes only Outlook asks for (scaled from the 128 one).
  for (const size of [16, 32, 128]) cpSync(join(root, 'web', 'extension', 'icons', `${size}.png`), join(out, `icon-${size}.png`));
  for (const size of [64, 80]) cpSync(join(source, 'icons', `${size}.png`), join(out, `icon-${size}.png`));
  return { out, bytes: Buffer.byteLength(handler) };
}

function option(args, name, fallback) {
  const at = args.indexOf(`--${name}`);
  if (at < 0) return fallback;
  if (at + 1 >= args.length) throw new Error(`--${name} needs a value`);
  return args[at + 1];
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  try {
    const policyPath = option(args, 'policy');
    const baseUrl = option(args, 'base-url');
    if (!policyPath) throw new Error("--policy is required: the organisation's policy JSON (make outlook POLICY=policy.json)");
    if (!baseUrl)
      throw new Error(
        '--base-url is required: the HTTPS address the files in dist/outlook/ are served from (make outlook BASE_URL=https://...)',
      );
    const out = resolve(option(args, 'out', join(root, 'dist', 'outlook')));
    const sendMode = option(args, 'send-mode', 'SoftBlock');
    const { bytes } = await buildOutlook({
      policyPath,
      baseUrl,
      sendMode,
      id: option(args, 'id', DEFAULT_ID),
      provider: option(args, 'provider', 'zorgvuldig'),
      out,
    });
    try {
      execFileSync('xmllint', ['--noout', join(out, 'manifest.xml')], { stdio: 'inherit' });
    } catch (error) {
      if (error.code !== 'ENOENT') throw new Error('the manifest is not well-formed XML (xmllint)');
    }
    console.log(
      `built ${out}: manifest.xml (SendMode ${sendMode}), zorgvuldig-outlook.js (${(bytes / 1024 / 1024).toFixed(1)} MB, ES${ECMA_VERSION}), commands.html, icons`,
    );
  } catch (error) {
    console.error(`make outlook: ${error.message}`);
    process.exit(1);
  }
}
