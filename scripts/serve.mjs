#!/usr/bin/env node
// A tiny static file server for the demo page (`make demo`: web/, the demo at /demo/) and the browser tests.
// Node built-ins only. Listens on 127.0.0.1 only, serves `.wasm` as `application/wasm` (needed
// for WebAssembly.instantiateStreaming), never serves anything outside the root directory.
//
//   node scripts/serve.mjs [--root web] [--open demo/] [--port 8000]     (--port 0 picks a free port;
//   --open is the path of the page the printed URL points at)

import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

/** Starts serving `root` on 127.0.0.1:`port`; resolves to the listening server. */
export function serve({ root = 'web', port = 8000, host = '127.0.0.1', log = false } = {}) {
  const base = resolve(root);
  const server = createServer((req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      res.writeHead(400).end('bad request\n');
      return;
    }
    let file = resolve(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) {
      res.writeHead(403).end('forbidden\n');
      return;
    }
    let stat;
    try {
      stat = statSync(file);
      if (stat.isDirectory()) {
        file = join(file, 'index.html');
        stat = statSync(file);
      }
    } catch {
      if (log) console.log(`404 ${req.method} ${req.url}`);
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    if (log) console.log(`200 ${req.method} ${req.url}`);
    res.writeHead(200, {
      'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': stat.size,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok(server));
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
  };
  const root = arg('--root', 'web');
  const open = arg('--open', '');
  const port = Number(arg('--port', process.env.PORT ?? 8000));
  serve({ root, port, log: true }).then(
    (server) => {
      const url = `http://127.0.0.1:${server.address().port}/${open}`;
      console.log('');
      console.log(`  zorgvuldig demo: ${url}`);
      console.log(`  (serving ${resolve(root)}; Ctrl+C stops)`);
      console.log('');
    },
    (err) => {
      console.error(`cannot serve on 127.0.0.1:${port}: ${err.message}`);
      process.exit(1);
    },
  );
}
