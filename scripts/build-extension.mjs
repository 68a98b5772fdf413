#!/usr/bin/env node
// Builds the loadable extension from its one source in web/extension/: dist/chrome/ (Chrome, Edge)
// and dist/firefox/, each with the UI it shares with the demo (web/shared/ → shared/), the core's
// Wasm package (web/pkg/core → pkg/core, `make wasm` first) and the extractors' (web/pkg/extract →
// pkg/extract, `make wasm-extract`), which the background compiles only when the first attachment
// arrives. Inside the extension these folders sit where they sit beside web/extension/ in the
// source tree, so the same relative paths work in both (tsconfig.json's rootDirs).
// The per-browser differences live here and nowhere else:
//   Chrome/Edge: a service worker as background, the public `key` that fixes the extension id;
//   Firefox:     background scripts, browser_specific_settings.gecko.id, no `key`.
//
//   node scripts/build-extension.mjs [--out dist]
//
// Imported (tests, scripts/deployment.mjs) it builds nothing by itself: buildExtension(out) and
// GECKO_ID.

import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(root, 'web');
const source = join(web, 'extension');
const shared = join(web, 'shared');
const pkg = join(web, 'pkg', 'core');
const extractPkg = join(web, 'pkg', 'extract');

/** The Firefox add-on id (Firefox has no `key`; policies.json refers to this id). */
export const GECKO_ID = 'zorgvuldig@zorgvuldig.nl';

const BROWSERS = {
  chrome: (manifest) => manifest,
  firefox: (manifest) => {
    const { key, minimum_chrome_version, background, ...rest } = manifest;
    return {
      ...rest,
      background: { scripts: [background.service_worker], type: 'module' },
      browser_specific_settings: {
        gecko: {
          id: GECKO_ID,
          // 140 (ESR) is the first release that knows data_collection_permissions.
          strict_min_version: '140.0',
          // The extension collects and transmits nothing.
          data_collection_permissions: { required: ['none'] },
        },
        gecko_android: { strict_min_version: '142.0' },
      },
    };
  },
};

/** Builds every browser's extension into `out` (the Wasm packages must be in web/pkg/core and web/pkg/extract). */
export function buildExtension(out) {
  if (!existsSync(join(pkg, 'zorgvuldig_bg.wasm'))) {
    throw new Error('web/pkg/core is missing; run `make wasm` first');
  }
  if (!existsSync(join(extractPkg, 'zorgvuldig_extract_bg.wasm'))) {
    throw new Error('web/pkg/extract is missing; run `make wasm-extract` first');
  }
  const manifest = JSON.parse(readFileSync(join(source, 'manifest.json'), 'utf8'));
  const built = {};
  for (const [browser, adapt] of Object.entries(BROWSERS)) {
    const dir = join(out, browser);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    // Not the manifest (adapted below) nor type declarations (protocol.d.ts: for `tsc` only).
    cpSync(source, dir, { recursive: true, filter: (path) => !path.endsWith('manifest.json') && !path.endsWith('.d.ts') });
    cpSync(shared, join(dir, 'shared'), { recursive: true });
    mkdirSync(join(dir, 'pkg', 'core'), { recursive: true });
    for (const file of ['zorgvuldig.js', 'zorgvuldig_bg.wasm']) cpSync(join(pkg, file), join(dir, 'pkg', 'core', file));
    mkdirSync(join(dir, 'pkg', 'extract'), { recursive: true });
    for (const file of ['zorgvuldig_extract.js', 'zorgvuldig_extract_bg.wasm'])
      cpSync(join(extractPkg, file), join(dir, 'pkg', 'extract', file));
    writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(adapt(manifest), null, 2)}\n`);
    built[browser] = dir;
  }
  return built;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // --out may be relative (to the repository) or absolute (a temporary copy for a test).
  const out = resolve(root, process.argv.includes('--out') ? process.argv[process.argv.indexOf('--out') + 1] : 'dist');
  try {
    for (const dir of Object.values(buildExtension(out))) console.log(`built ${dir}`);
  } catch (error) {
    console.error(`build-extension: ${error.message}`);
    process.exit(1);
  }
}
