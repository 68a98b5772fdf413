#!/usr/bin/env node
// Two builds of the core as WebAssembly, timed against each other in one Node process: has a
// change made a check faster or slower? On a shared or busy machine absolute times drift by a
// factor of two from one run to the next; taken in turn in one process, round by round and with
// the order swapped every round, both builds meet the same load, so their ratio holds.
//
//   node benches/compare.mjs BEFORE_PKG AFTER_PKG [BYTES,...]
//
// Each PKG is a folder with wasm-pack's output for the web (zorgvuldig.js, zorgvuldig_bg.wasm);
// build an older commit's with `make wasm` in a git worktree of it. The message is the
// repeated-paragraph bench's (benches/bench-input.json, bodies from benches/dutch-sentences.txt),
// by default at 1 KB, 10 KB and 100 KB. Prints the median time per check of each build and the
// ratio AFTER / BEFORE (below 1: faster).

import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dutchBody } from './dutch-body.mjs';

const ROUNDS = 15;
/** Bytes of body timed per sample, so a sample lasts long enough to time (about 2 MB). */
const BYTES_PER_SAMPLE = 2e6;

const here = dirname(fileURLToPath(import.meta.url));
const [before, after, sizes = '1000,10000,100000'] = process.argv.slice(2);
if (!before || !after) {
  console.error('usage: node benches/compare.mjs BEFORE_PKG AFTER_PKG [BYTES,...]');
  process.exit(2);
}
const sentences = readFileSync(join(here, 'dutch-sentences.txt'), 'utf8')
  .split(/\r?\n/)
  .filter((line) => line.trim() !== '');
const input = JSON.parse(readFileSync(join(here, 'bench-input.json'), 'utf8'));

/** The package's Engine, built with the bench policy. */
async function engineOf(folder) {
  const dir = resolve(folder);
  const core = await import(pathToFileURL(join(dir, 'zorgvuldig.js')).href);
  await core.default({ module_or_path: readFileSync(join(dir, 'zorgvuldig_bg.wasm')) });
  return new core.Engine(input.policy);
}

const builds = [
  { name: 'before', engine: await engineOf(before), times: [] },
  { name: 'after', engine: await engineOf(after), times: [] },
];
const median = (list) => [...list].sort((a, b) => a - b)[list.length >> 1];

console.log(`before: ${resolve(before)}\nafter:  ${resolve(after)}\nmedian of ${ROUNDS} rounds, time per check`);
for (const bytes of sizes.split(',').map(Number)) {
  const snapshot = { ...input.snapshot, body: dutchBody(sentences, bytes) };
  const calls = Math.max(20, Math.round(BYTES_PER_SAMPLE / bytes));
  for (const build of builds) build.times = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const build of round % 2 ? builds : [...builds].reverse()) {
      for (let i = 0; i < 5; i++) build.engine.analyze(snapshot); // warm, as the timed calls
      const start = performance.now();
      for (let i = 0; i < calls; i++) build.engine.analyze(snapshot);
      build.times.push(((performance.now() - start) * 1000) / calls);
    }
  }
  const [was, now] = builds.map((build) => median(build.times));
  const findings = builds.map((build) => build.engine.analyze(snapshot).findings.length).join(' / ');
  console.log(
    `${String(bytes).padStart(8)} B  before ${was.toFixed(1).padStart(7)} µs  after ${now.toFixed(1).padStart(7)} µs  ` +
      `after/before ${(now / was).toFixed(2)}  (findings ${findings})`,
  );
}
