#!/usr/bin/env node
// The attachment part of `make bench` in the browser: a 2 MB .docx and a 5 MB, 50-page text PDF
// (the inputs `cargo bench -p zorgvuldig-extract --bench extract` writes to
// target/bench/extract/) read by the extractors' real Wasm module (web/pkg/extract) and judged by the
// core's (web/pkg/core), in Debian's headless Chromium, on a page served from the repository root on
// 127.0.0.1: what the extension's background does with a file the user attaches. Prints, per
// input, the median of 5 runs of extract, of analyse and of both (target: both under 300 ms),
// the first run (with the module's compilation before it), the extractors' module size, and the
// load average, because figures taken on a busy machine are not final.
//
//   node benches/extract.mjs     (after `make wasm wasm-extract` and the native extract bench)

import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../scripts/serve.mjs';
import { CHROMIUM_ARGS, executablePath } from '../tests/e2e/lib/chromium.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const inputs = join(process.env.CARGO_TARGET_DIR ?? join(root, 'target'), 'bench', 'extract');
const extractWasm = join(root, 'web', 'pkg', 'extract', 'zorgvuldig_extract_bg.wasm');
const TARGET_MS = 300;
const RUNS = 5;
const FILES = [
  { label: '.docx, 2 MB', name: 'verslag.docx' },
  { label: 'PDF, 5 MB, 50 pages', name: 'scan.pdf' },
];

function fail(message) {
  console.error(`make bench (extract): ${message}`);
  process.exit(1);
}

for (const file of FILES) {
  if (!existsSync(join(inputs, file.name)))
    fail(`${join(inputs, file.name)} is missing: run \`cargo bench -p zorgvuldig-extract --bench extract\` first`);
}
if (!existsSync(extractWasm)) fail(`${extractWasm} is missing: run \`make wasm-extract\` first`);
if (!existsSync(executablePath)) fail(`no Chromium at ${executablePath}`);

const load = loadavg();
const server = await serve({ root, port: 0 });
const browser = await chromium.launch({ executablePath, headless: true, args: ['--headless=new', ...CHROMIUM_ARGS] });
let results;
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/benches/wasm/index.html`);
  results = await page.evaluate(
    async ({ files, runs, path }) => {
      const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
      const started = performance.now();
      const extractor = await import('/web/pkg/extract/zorgvuldig_extract.js');
      await extractor.default();
      const compile = performance.now() - started;
      const core = await import('/web/pkg/core/zorgvuldig.js');
      await core.default();
      const engine = new core.Engine({ internalDomains: ['kompasjeugd.nl'], language: 'nl' });
      const out = [];
      for (const file of files) {
        const bytes = new Uint8Array(await (await fetch(`${path}/${file.name}`)).arrayBuffer());
        const extract = [];
        const analyse = [];
        let findings = 0;
        let texts = 0;
        for (let run = 0; run < runs; run++) {
          const t0 = performance.now();
          const inside = extractor.extract(file.name, bytes);
          const t1 = performance.now();
          const verdict = engine.analyze({
            to: ['administratie@obs-dewegwijzer.nl'],
            subject: 'Stukken',
            body: '',
            attachments: [{ name: file.name, size: bytes.length, ...inside }],
          });
          const t2 = performance.now();
          extract.push(t1 - t0);
          analyse.push(t2 - t1);
          findings = verdict.findings.length;
          texts = inside.texts.reduce((sum, text) => sum + text.length, 0);
        }
        const both = extract.map((e, i) => e + analyse[i]);
        out.push({
          ...file,
          bytes: bytes.length,
          texts,
          findings,
          first: both[0],
          extract: median(extract),
          analyse: median(analyse),
          both: median(both),
        });
      }
      return { compile, files: out };
    },
    { files: FILES, runs: RUNS, path: `/${inputs.slice(root.length + 1)}` },
  );
  results.browser = browser.version();
} finally {
  await browser.close();
  await new Promise((done) => server.close(done));
}

const raw = statSync(extractWasm).size;
const gzip = execFileSync('gzip', ['-9', '-c', extractWasm], { maxBuffer: 64 << 20 }).length;
const ms = (value) => `${value.toFixed(1)} ms`.padStart(10);
console.log(`\nattachments in Chromium ${results.browser} (headless): the extractors' Wasm module, then the core; median of ${RUNS} runs`);
console.log(
  `load average at the start: ${load.map((l) => l.toFixed(2)).join(' ')} (${load[0] > 1 ? 'busy machine: not final figures' : 'quiet machine'})`,
);
console.log(
  `extractors' module: ${raw.toLocaleString('en-US')} B raw, ${gzip.toLocaleString('en-US')} B gzip -9; fetched and compiled in ${results.compile.toFixed(1)} ms`,
);
console.log(
  `${'input'.padEnd(22)} ${'file B'.padStart(10)} ${'text chars'.padStart(10)} ${'extract'.padStart(10)} ${'analyse'.padStart(10)} ${'both'.padStart(10)} ${'first run'.padStart(10)}  target ${TARGET_MS} ms`,
);
for (const file of results.files) {
  console.log(
    `${file.label.padEnd(22)} ${String(file.bytes).padStart(10)} ${String(file.texts).padStart(10)} ${ms(file.extract)} ${ms(file.analyse)} ${ms(file.both)} ${ms(file.first)}  ${file.both < TARGET_MS ? 'met' : 'NOT MET'}`,
  );
}
