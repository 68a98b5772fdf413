#!/usr/bin/env node
// The headline of `make bench`: the core as WebAssembly against a plain-JavaScript peer
// (benches/peer.mjs) on casework mail with distinct values (benches/corpus.mjs), in Node (V8, as in
// Chromium), with the native figures of the same corpus beside them.
//
//   node benches/distinct.mjs corpus       writes the corpora and the policy into target/bench/corpus/
//                                          for the native bench (benches/analyze.rs)
//   node benches/distinct.mjs              measures (after `make wasm` and `cargo bench`) and prints
//
// Each round runs every corpus through the peer and through the core twice and times the second
// pass (the first lets V8 optimise both); who goes first alternates by round, so load on the
// machine falls on both alike. A figure is the median over ROUNDS rounds of the mean time per
// message. Also measured: instantiating the module and `new Engine(policy)` in a fresh process
// (the first engine, as after a service-worker restart, and a rebuild in the same process).
// Exits non-zero only when it cannot measure; unmet targets are reported, not failed.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpus } from './corpus.mjs';
import { analyze as peerAnalyze } from './peer.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const targetDir = process.env.CARGO_TARGET_DIR ?? join(root, 'target');
const nativePath = join(targetDir, 'bench', 'native.json');
const outPath = join(targetDir, 'bench', 'distinct.json');
const corpusDir = join(targetDir, 'bench', 'corpus');
const pkg = join(root, 'web', 'pkg', 'core');

/** Body sizes (KB = 1,024 bytes, as in the recipe) and how many messages of each. */
export const SIZES = [
  ['1 KB', 1 << 10, 200],
  ['10 KB', 10 << 10, 100],
  ['100 KB', 100 << 10, 20],
  ['1 MB', 1 << 20, 4],
];
const DENSITY = 2;
const ROUNDS = 5;

// Targets (docs/performance.md).
const MIN_OVER_PEER_SMALL = 2; // 1 KB and 10 KB
const MIN_OVER_PEER_LARGE = 3; // 100 KB and 1 MB
const MAX_WASM_OVER_NATIVE_1KB = 1.5;
const MAX_ENGINE_MS = 10;

const corpora = () => SIZES.map(([label, bytes, count]) => ({ label, bytes, snapshots: corpus({ bytes, count, density: DENSITY }) }));

/** The bench policy: the one the corpus tests use (tests/corpus/policy.json). */
const policyText = () => readFileSync(join(root, 'tests', 'corpus', 'policy.json'), 'utf8');
/** The demo page's policy, for the engine-build figure. */
const demoPolicyText = () => JSON.stringify(JSON.parse(readFileSync(join(root, 'benches', 'bench-input.json'), 'utf8')).policy);

if (process.argv[2] === 'corpus') {
  const dir = corpusDir;
  mkdirSync(dir, { recursive: true });
  for (const { bytes, snapshots } of corpora()) {
    writeFileSync(join(dir, `${bytes}.jsonl`), snapshots.map((s) => `${JSON.stringify(s)}\n`).join(''));
  }
  writeFileSync(join(dir, 'policy.json'), policyText());
  process.exit(0);
}

/** Milliseconds for one pass of `analyze` over the snapshots. */
function pass(analyze, snapshots) {
  let sink = 0;
  const start = performance.now();
  for (const snapshot of snapshots) sink += analyze(snapshot).length;
  return { ms: performance.now() - start, sink };
}

/** Instantiating the module and building the first engines, each in a fresh Node process. */
function coldFigures() {
  const script = `
    import { readFileSync } from 'node:fs';
    const t0 = performance.now();
    const { initSync, Engine } = await import(${JSON.stringify(join(pkg, 'zorgvuldig.js'))});
    initSync({ module: readFileSync(${JSON.stringify(join(pkg, 'zorgvuldig_bg.wasm'))}) });
    const t1 = performance.now();
    const policy = ${JSON.stringify(demoPolicyText())};
    const engine = new Engine(policy);
    const t2 = performance.now();
    new Engine(policy).free();
    const t3 = performance.now();
    engine.analyze(${JSON.stringify(corpus({ bytes: 10 << 10, count: 1 })[0])});
    const t4 = performance.now();
    console.log(JSON.stringify({ instantiateMs: t1 - t0, engineMs: t2 - t1, engineAgainMs: t3 - t2, firstCheckMs: t4 - t3 }));
  `;
  const runs = Array.from({ length: ROUNDS }, () =>
    JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })),
  );
  const median = (key) => runs.map((r) => r[key]).sort((a, b) => a - b)[runs.length >> 1];
  return {
    instantiateMs: median('instantiateMs'),
    engineMs: median('engineMs'),
    engineAgainMs: median('engineAgainMs'),
    firstCheckMs: median('firstCheckMs'),
  };
}

async function measure() {
  const { initSync, Engine } = await import(join(pkg, 'zorgvuldig.js'));
  initSync({ module: readFileSync(join(pkg, 'zorgvuldig_bg.wasm')) });
  const engine = new Engine(policyText());
  if (engine.policyErrors().length) throw new Error('the bench policy has errors');
  const wasm = (snapshot) => engine.analyze(snapshot).findings;
  const sets = corpora();
  const times = sets.map(() => ({ peer: [], wasm: [] }));
  const findings = sets.map(({ snapshots }) => ({
    peer: snapshots.reduce((n, s) => n + peerAnalyze(s).length, 0) / snapshots.length,
    wasm: snapshots.reduce((n, s) => n + wasm(s).length, 0) / snapshots.length,
  }));
  for (let round = 0; round < ROUNDS; round++) {
    sets.forEach(({ snapshots }, i) => {
      const order =
        round % 2 === 0
          ? [
              ['peer', peerAnalyze],
              ['wasm', wasm],
            ]
          : [
              ['wasm', wasm],
              ['peer', peerAnalyze],
            ];
      for (const [who, analyze] of order) {
        pass(analyze, snapshots);
        times[i][who].push((pass(analyze, snapshots).ms * 1000) / snapshots.length);
      }
    });
  }
  engine.free();
  const median = (list) => [...list].sort((a, b) => a - b)[list.length >> 1];
  return sets.map(({ label, bytes, snapshots }, i) => ({
    label,
    bytes,
    messages: snapshots.length,
    peerMicros: median(times[i].peer),
    wasmMicros: median(times[i].wasm),
    findings: findings[i],
  }));
}

const time = (micros) => (micros < 1000 ? `${micros.toFixed(1)} µs` : `${(micros / 1000).toFixed(2)} ms`);
const pad = (s, n) => String(s).padStart(n);

function report(rows, cold, native) {
  const lines = [];
  const out = (line = '') => lines.push(line);
  out(`Distinct-value casework mail (benches/corpus.mjs, ${DENSITY} items per 1,000 characters, 4 recipients),`);
  out(
    `tests/corpus/policy.json; Node ${process.versions.node} (V8 ${process.versions.v8}); second pass of two, median of ${ROUNDS} interleaved rounds`,
  );
  out();
  const header = `${'body'.padEnd(7)}  ${pad('JS peer', 9)}  ${pad('Wasm', 9)}  ${pad('Wasm speed-up', 13)}  ${pad('native', 9)}  ${pad('Wasm/native', 11)}  ${pad('findings (peer, core)', 21)}`;
  out(header);
  out('-'.repeat(header.length));
  for (const row of rows) {
    const n = native?.distinct?.find((d) => d.bytes === row.bytes);
    out(
      `${row.label.padEnd(7)}  ${pad(time(row.peerMicros), 9)}  ${pad(time(row.wasmMicros), 9)}  ${pad(`${(row.peerMicros / row.wasmMicros).toFixed(2)}x`, 13)}  ` +
        `${pad(n ? time(n.micros) : '-', 9)}  ${pad(n ? `${(row.wasmMicros / n.micros).toFixed(2)}x` : '-', 11)}  ` +
        `${pad(`${row.findings.peer.toFixed(1)}, ${row.findings.wasm.toFixed(1)}`, 21)}`,
    );
  }
  out();
  out(
    `Fresh Node process (median of ${ROUNDS}): instantiate ${cold.instantiateMs.toFixed(1)} ms; new Engine(demo policy) ` +
      `${cold.engineMs.toFixed(1)} ms (again in the same process ${cold.engineAgainMs.toFixed(1)} ms); first 10 KB check ${cold.firstCheckMs.toFixed(1)} ms`,
  );
  out();
  out('Targets:');
  const target = (met, what) => out(`  ${met ? 'met    ' : 'NOT MET'}  ${what}`);
  const speedUp = (row) => row.peerMicros / row.wasmMicros;
  const small = rows.filter((r) => r.bytes < 100 << 10);
  const large = rows.filter((r) => r.bytes >= 100 << 10);
  target(
    small.every((r) => speedUp(r) >= MIN_OVER_PEER_SMALL),
    `Wasm >= ${MIN_OVER_PEER_SMALL}x the peer at 1 KB and 10 KB (${small.map((r) => `${speedUp(r).toFixed(2)}x`).join(', ')})`,
  );
  target(
    large.every((r) => speedUp(r) >= MIN_OVER_PEER_LARGE),
    `Wasm >= ${MIN_OVER_PEER_LARGE}x the peer at 100 KB and 1 MB (${large.map((r) => `${speedUp(r).toFixed(2)}x`).join(', ')})`,
  );
  const one = native?.distinct?.find((d) => d.bytes === 1 << 10);
  if (one) {
    const ratio = rows[0].wasmMicros / one.micros;
    target(ratio <= MAX_WASM_OVER_NATIVE_1KB, `Wasm within ${MAX_WASM_OVER_NATIVE_1KB}x of native at 1 KB (${ratio.toFixed(2)}x)`);
  } else {
    out(`  ?        Wasm vs native: no distinct-corpus figures in ${nativePath}`);
  }
  target(
    cold.engineMs <= MAX_ENGINE_MS,
    `new Engine(demo policy) <= ${MAX_ENGINE_MS} ms in Wasm (${cold.engineMs.toFixed(1)} ms, first in a fresh process)`,
  );
  return lines.join('\n');
}

const native = existsSync(nativePath) ? JSON.parse(readFileSync(nativePath, 'utf8')) : null;
console.log('');
console.log('Distinct-value corpus: Wasm against the plain-JavaScript peer in Node (benches/distinct.mjs) ...');
const rows = await measure();
const cold = coldFigures();
mkdirSync(dirname(outPath), { recursive: true });
writeFileSync(outPath, `${JSON.stringify({ node: process.versions.node, rows, cold }, null, 2)}\n`);
console.log('');
console.log('='.repeat(100));
console.log(report(rows, cold, native));
console.log('='.repeat(100));
