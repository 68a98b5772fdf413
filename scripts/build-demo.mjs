#!/usr/bin/env node
// Writes what the training demo (web/demo/) needs beyond its sources and the Wasm packages in
// web/pkg/ (`make wasm`, `make wasm-extract`): the real files behind the attachment picker's
// documents that have a `file` (web/demo/scenarios.js), each from the one test document it is,
// into the git-ignored web/demo/files/. Fails when a document's file has no source here, or a
// Wasm package is missing.
//
//   node scripts/build-demo.mjs

import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const demo = join(root, 'web', 'demo');

/** The demo's file (relative to web/demo/) → the test document it is made from. A scanner's name
 *  over LibreOffice's report of a home visit (tests/attachments/make.sh). */
const SOURCES = {
  'files/scan_0012.pdf': 'tests/attachments/files/verslag.pdf',
};

const { DOCUMENTS } = await import(pathToFileURL(join(demo, 'scenarios.js')).href);

try {
  for (const wasm of ['web/pkg/core/zorgvuldig_bg.wasm', 'web/pkg/extract/zorgvuldig_extract_bg.wasm']) {
    if (!existsSync(join(root, wasm))) throw new Error(`${wasm} is missing; run \`make wasm wasm-extract\` first`);
  }
  rmSync(join(demo, 'files'), { recursive: true, force: true });
  for (const { name, file } of DOCUMENTS.filter((document) => document.file)) {
    const source = SOURCES[file];
    if (!source) throw new Error(`the demo's document ${name} (${file}) has no source in scripts/build-demo.mjs`);
    mkdirSync(dirname(join(demo, file)), { recursive: true });
    copyFileSync(join(root, source), join(demo, file));
    console.log(`web/demo/${file} from ${source}`);
  }
} catch (error) {
  console.error(`build-demo: ${error.message}`);
  process.exit(1);
}
