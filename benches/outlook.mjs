#!/usr/bin/env node
// The Outlook half of `make bench`: how long the add-in's send check takes against Outlook's
// 5-second budget (after 5 s Outlook tells the user the add-in is taking long), for both builds of
// the core in the handler script: with WebAssembly, and the JavaScript build (wasm2js) used where
// WebAssembly is missing. The handler script is built as `make outlook` builds it, with the demo
// policy of benches/bench-input.json, and run in a Node vm with the Office.js stand-in of the
// tests (tests/outlook/office.mjs) on the bench message with a 10 KB body.
//
//   cold: a fresh runtime per send, as Outlook's short-lived event runtime: the script loaded,
//         the core instantiated, the policy compiled, the message read and checked; each sample in
//         a new Node process, so that nothing compiled before is reused (median of 5)
//         (also its CPU time, user + system, which depends less on what else the machine runs;
//         it includes V8's background compilation)
//   warm: the next send in the same runtime (median of 9)
//
// Node's V8 stands in for Outlook's engines (Edge WebView2 on Windows, the browser on the web);
// classic Outlook's JavaScript-only runtime may be slower. Writes target/bench/outlook.json.
//
//   node benches/outlook.mjs        (after `make outlook-core`)

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { buildOutlook } from '../scripts/build-outlook.mjs';
import { composeItem, mailboxEvent, office } from '../tests/outlook/office.mjs';
import { dutchBody } from './dutch-body.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(process.env.CARGO_TARGET_DIR ?? join(root, 'target'), 'bench');
const BUDGET_MS = 5000;
const COLD_SAMPLES = 5;
const WARM_SAMPLES = 9;

const input = JSON.parse(readFileSync(join(root, 'benches', 'bench-input.json'), 'utf8'));
const sentences = readFileSync(join(root, 'benches', 'dutch-sentences.txt'), 'utf8')
  .split(/\r?\n/)
  .filter((l) => l.trim() !== '');

/** The bench snapshot as Office.js gives it: recipients as EmailAddressDetails. */
function message() {
  const details = (entry) => {
    const match = entry.match(/^(.*?)\s*<([^>]+)>$/);
    return match ? { displayName: match[1], emailAddress: match[2] } : { displayName: entry, emailAddress: entry };
  };
  const s = input.snapshot;
  return {
    to: s.to.map(details),
    cc: s.cc.map(details),
    bcc: s.bcc.map(details),
    subject: s.subject,
    body: dutchBody(sentences, 10_000),
    attachments: s.attachments,
  };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function runtime(script, build) {
  const Office = office(null);
  const context = vm.createContext({ Office, setTimeout, console: { log() {}, warn() {}, error() {} } });
  if (build === 'wasm') Object.assign(context, { TextEncoder, TextDecoder });
  else vm.runInContext('delete globalThis.WebAssembly', context);
  const started = performance.now();
  vm.runInContext(script, context);
  return { Office, loadMs: performance.now() - started };
}

async function send(Office) {
  Office.context.mailbox.item = composeItem(message()).item;
  const event = mailboxEvent('OnMessageSend');
  const started = performance.now();
  Office.actions.registered.get('onMessageSendHandler')(event);
  const options = await event.done;
  return { ms: performance.now() - started, options };
}

/** One cold send in this process (the child of a cold sample): prints {loadMs, coldMs, allowEvent}. */
async function coldOnce(scriptPath, build) {
  const script = readFileSync(scriptPath, 'utf8');
  const cpu = process.cpuUsage();
  const { Office, loadMs } = runtime(script, build);
  const { ms, options } = await send(Office);
  const { user, system } = process.cpuUsage(cpu);
  console.log(JSON.stringify({ loadMs, coldMs: loadMs + ms, cpuMs: (user + system) / 1000, allowEvent: options.allowEvent }));
}

async function measure(scriptPath, build) {
  const cold = [];
  for (let i = 0; i < COLD_SAMPLES; i++) {
    const output = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--cold', build, scriptPath], { encoding: 'utf8' });
    cold.push(JSON.parse(output.trim().split('\n').pop()));
  }
  const { Office } = runtime(readFileSync(scriptPath, 'utf8'), build);
  await send(Office);
  const warm = [];
  for (let i = 0; i < WARM_SAMPLES; i++) warm.push((await send(Office)).ms);
  return {
    loadMs: median(cold.map((c) => c.loadMs)),
    coldMs: median(cold.map((c) => c.coldMs)),
    cpuMs: median(cold.map((c) => c.cpuMs)),
    warmMs: median(warm),
    allowEvent: cold[0].allowEvent,
  };
}

if (process.argv[2] === '--cold') {
  await coldOnce(process.argv[4], process.argv[3]);
  process.exit(0);
}

mkdirSync(out, { recursive: true });
const policyPath = join(out, 'outlook-policy.json');
writeFileSync(policyPath, JSON.stringify(input.policy));
const dir = join(out, 'outlook');
await buildOutlook({ policyPath, baseUrl: 'https://addins.example.nl/zorgvuldig', out: dir });
const script = readFileSync(join(dir, 'zorgvuldig-outlook.js'), 'utf8');
const raw = Buffer.byteLength(script);
const gzip = execFileSync('gzip', ['-9', '-c', join(dir, 'zorgvuldig-outlook.js')], { maxBuffer: 64 << 20 }).length;

console.log('');
console.log('Outlook add-in bench (benches/outlook.mjs): the handler script in a Node vm, 10 KB body');
const results = {};
for (const build of ['wasm', 'js']) results[build] = await measure(join(dir, 'zorgvuldig-outlook.js'), build);
if (results.wasm.allowEvent !== results.js.allowEvent) throw new Error('the two builds disagree on the bench message');
const ms = (v) => `${v.toFixed(0)} ms`;
console.log('='.repeat(100));
console.log(`handler script: ${(raw / 1024 / 1024).toFixed(2)} MB, gzip -9 ${(gzip / 1024).toFixed(0)} KiB; Node ${process.version}`);
console.log(
  `${'build'.padEnd(28)}  ${'load script'.padStart(11)}  ${'cold send'.padStart(10)}  ${'(CPU)'.padStart(8)}  ${'warm send'.padStart(10)}  budget ${BUDGET_MS} ms`,
);
for (const [build, r] of Object.entries(results)) {
  const label = build === 'wasm' ? 'WebAssembly' : 'JavaScript (wasm2js)';
  console.log(
    `${label.padEnd(28)}  ${ms(r.loadMs).padStart(11)}  ${ms(r.coldMs).padStart(10)}  ${ms(r.cpuMs).padStart(8)}  ${ms(r.warmMs).padStart(10)}  ` +
      `${(BUDGET_MS / r.coldMs).toFixed(0)}x under`,
  );
}
console.log(
  `JavaScript build / WebAssembly: cold ${(results.js.coldMs / results.wasm.coldMs).toFixed(1)}x, warm ${(results.js.warmMs / results.wasm.warmMs).toFixed(1)}x`,
);
console.log('='.repeat(100));
writeFileSync(join(out, 'outlook.json'), `${JSON.stringify({ node: process.version, raw, gzip, results }, null, 2)}\n`);
