// The real core (the same .wasm the extension runs, from web/pkg/core) in Node, so a browser test can
// say what a snapshot's verdict must be without trusting the extension it is testing.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './extension.mjs';

let loaded = null;

/** An engine compiled from `policy`; `verdict(snapshot)` gives the core's verdict. */
export async function coreFor(policy) {
  const pkg = join(root, 'web', 'pkg', 'core');
  loaded ??= import(join(pkg, 'zorgvuldig.js')).then(async (module) => {
    await module.default({ module_or_path: readFileSync(join(pkg, 'zorgvuldig_bg.wasm')) });
    return module;
  });
  const { Engine } = await loaded;
  const engine = new Engine(policy);
  return {
    verdict: (snapshot) => engine.analyze({ from: '', to: [], cc: [], bcc: [], subject: '', body: '', attachments: [], ...snapshot }),
  };
}
