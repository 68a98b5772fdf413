// The Wasm half of `make bench`: times Engine.analyze of the WebAssembly build (web/pkg/core) in the
// browser on the same inputs as the native bench (benches/analyze.rs): the message and demo
// policy from benches/bench-input.json, bodies built from benches/dutch-sentences.txt by the same
// rule, and the same large policy. Each figure is the median of 9 samples, each sample repeating
// the call for at least 50 ms (the browser's clock is coarse, about 0.1 ms, without isolation).
// The call includes what a real caller pays: converting the snapshot object into Rust and the
// verdict back into a JS object.
//
// Loaded by index.html; driven headless by run.mjs, which calls runAll() and prints the table.

import init, { Engine, version } from '../../web/pkg/core/zorgvuldig.js';
import { dutchBody, fingerprint } from '../dutch-body.mjs';

const SAMPLES = 9;
const MIN_SAMPLE_MS = 50;
const WARM_UP_MS = 200;

export const BODIES = [
  ['1 KB', 1_000],
  ['10 KB', 10_000],
  ['100 KB', 100_000],
  ['1 MB', 1_000_000],
];

const wasmUrl = new URL('../../web/pkg/core/zorgvuldig_bg.wasm', import.meta.url);

async function loadText(path) {
  const response = await fetch(new URL(path, import.meta.url));
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.text();
}

/** Resolves once the module is instantiated and the inputs are loaded. */
export const ready = (async () => {
  const started = performance.now();
  await init({ module_or_path: wasmUrl });
  const instantiateMs = performance.now() - started;
  const sentences = (await loadText('../dutch-sentences.txt')).split(/\r?\n/).filter((line) => line.trim() !== '');
  const input = JSON.parse(await loadText('../bench-input.json'));
  return { sentences, input, instantiateMs };
})();

const encoder = new TextEncoder();

async function sha256Hex(text) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** 100,000 former staff (every odd one as a `sha256:` entry) and 1,000 retired domains. */
export async function largePolicy() {
  const retiredAddresses = await Promise.all(
    Array.from({ length: 100_000 }, async (_, i) => {
      const address = `medewerker${i}@samenveilig.nl`;
      return i % 2 === 0 ? address : `sha256:${await sha256Hex(address)}`;
    }),
  );
  const retiredDomains = Array.from({ length: 1_000 }, (_, i) => ({
    domain: `oude-organisatie-${i}.nl`,
    successor: 'samenveilig.nl',
  }));
  return {
    internalDomains: ['samenveilig.nl'],
    retiredDomains,
    retiredAddresses,
    trustedDomains: ['veiligthuis.nl'],
    encryptionMarkers: ['[versleuteld]'],
  };
}

/** Median milliseconds per call over SAMPLES samples of at least MIN_SAMPLE_MS each. */
export function timePerCall(f) {
  // Warm up long enough for V8 to tier the hot Wasm functions up from Liftoff to TurboFan.
  let calls = 0;
  const warmStart = performance.now();
  while (calls < 2 || performance.now() - warmStart < WARM_UP_MS) {
    f();
    calls++;
  }
  const once = Math.max((performance.now() - warmStart) / calls, 0.001);
  const iterations = Math.min(Math.max(Math.ceil(MIN_SAMPLE_MS / once), 1), 1_000_000);
  const samples = [];
  for (let s = 0; s < SAMPLES; s++) {
    const start = performance.now();
    for (let i = 0; i < iterations; i++) f();
    samples.push((performance.now() - start) / iterations);
  }
  samples.sort((a, b) => a - b);
  return samples[SAMPLES >> 1];
}

function newEngine(policy) {
  const engine = new Engine(policy);
  const errors = engine.policyErrors();
  if (errors.length) throw new Error(`bench policy is invalid: ${JSON.stringify(errors)}`);
  return engine;
}

/** Runs every measurement; `log` receives progress lines. Returns plain data for the driver. */
export async function runAll(log = () => {}) {
  const { sentences, input, instantiateMs } = await ready;
  const snapshot = (body) => ({ ...structuredClone(input.snapshot), body });
  let sink = 0;

  const engine = newEngine(input.policy);
  const snaps = BODIES.map(([, bytes]) => snapshot(dutchBody(sentences, bytes)));
  // The first check after the module is instantiated runs unoptimised code (V8's baseline tier).
  const coldStart = performance.now();
  sink += engine.analyze(snaps[1]).findings.length;
  const firstCallMs = performance.now() - coldStart;
  // Every size once before any is timed: V8 compiles the hot Wasm functions with TurboFan in the
  // background, and the first row would otherwise pay for code the later rows get optimised.
  for (const snap of snaps)
    timePerCall(() => {
      sink += engine.analyze(snap).findings.length;
    });
  const bodies = [];
  for (const [index, [label, bytes]] of BODIES.entries()) {
    const snap = snaps[index];
    const body = snap.body;
    const findings = engine.analyze(snap).findings.length;
    const ms = timePerCall(() => {
      sink += engine.analyze(snap).findings.length;
    });
    const micros = ms * 1000;
    bodies.push({ label, bytes, fingerprint: fingerprint(body), findings, micros, mbPerS: bytes / micros });
    log(`${label}: ${micros.toFixed(1)} µs per call, ${(bytes / micros).toFixed(1)} MB/s, ${findings} findings`);
  }

  const policy = await largePolicy();
  const buildStart = performance.now();
  const big = newEngine(policy);
  const buildMicros = (performance.now() - buildStart) * 1000;
  const plain = snapshot(dutchBody(sentences, 10_000));
  const demoPolicyMicros =
    timePerCall(() => {
      sink += engine.analyze(plain).findings.length;
    }) * 1000;
  const sameMailMicros =
    timePerCall(() => {
      sink += big.analyze(plain).findings.length;
    }) * 1000;
  const extra = structuredClone(plain);
  extra.cc.push('medewerker99999@samenveilig.nl'); // a retired (hashed) address
  extra.to.push('x@mail.oude-organisatie-999.nl'); // subdomain of a retired domain
  const verdict = big.analyze(extra);
  const extraRecipientsMicros =
    timePerCall(() => {
      sink += big.analyze(extra).findings.length;
    }) * 1000;
  log(
    `large policy: build ${(buildMicros / 1000).toFixed(1)} ms; 10 KB demo ${demoPolicyMicros.toFixed(1)} µs, ` +
      `large ${sameMailMicros.toFixed(1)} µs, + retired recipients ${extraRecipientsMicros.toFixed(1)} µs`,
  );
  big.free();
  engine.free();

  return {
    version: version(),
    userAgent: navigator.userAgent,
    instantiateMs,
    firstCallMs,
    samples: SAMPLES,
    bodies,
    largePolicy: {
      buildMicros,
      demoPolicyMicros,
      sameMailMicros,
      extraRecipientsMicros,
      extraFindings: verdict.findings.length,
      extraAction: verdict.action,
    },
    sink,
  };
}
