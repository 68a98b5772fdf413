#!/usr/bin/env node
// Packages the built extension (`make extension`: dist/chrome, dist/firefox) for distribution,
// into dist/packages/ (`make dist`). Node built-ins only.
//
//   zorgvuldig-<version>-chrome.zip   Chrome Web Store / Edge Add-ons upload (the stores sign it)
//   zorgvuldig-<version>-firefox.xpi  unsigned; sign it with `web-ext sign` (docs/packages.md)
//   zorgvuldig-<version>.crx          CRX3, signed with the private key (self-hosting)
//   updates.xml                       the update manifest (gupdate) pointing at the .crx
//
// The private key is never in the repository. It comes from ZORGVULDIG_CRX_KEY (a path to a PEM
// file) or ZORGVULDIG_CRX_KEY_PEM (the PEM text); without either, the .crx and updates.xml are
// skipped with a message. The key must match the public `key` in the manifest (the fixed id);
// a key that does not is an error, not a package with another id.
// ZORGVULDIG_UPDATE_BASE is the URL the .crx will be served from (the `codebase` in updates.xml
// is BASE/zorgvuldig-<version>.crx); default: the file:// URL of the output folder.
//
//   node scripts/package.mjs [--out dist/packages]   build the packages
//   node scripts/package.mjs --check-id               only check the key against the manifest

import { createHash, createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { crc32 as zlibCrc32, deflateRawSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// ---------------------------------------------------------------------------------------------
// Zip (deterministic: sorted paths, fixed timestamps, deflate level 9)

let crcTable;
function crc32(data) {
  if (zlibCrc32) return zlibCrc32(data);
  crcTable ??= Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let c = 0xffffffff;
  for (const byte of data) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function filesUnder(dir) {
  const out = [];
  const visit = (d) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) visit(path);
      else out.push(relative(dir, path).split(sep).join('/'));
    }
  };
  visit(dir);
  return out.sort();
}

/** A zip archive of every file under `dir` (paths relative to it), as a Buffer. */
export function zipDirectory(dir) {
  const DOS_TIME = 0; // 00:00:00
  const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
  const locals = [];
  const central = [];
  let offset = 0;
  for (const name of filesUnder(dir)) {
    const data = readFileSync(join(dir, name));
    const packed = deflateRawSync(data, { level: 9 });
    const stored = packed.length >= data.length;
    const body = stored ? data : packed;
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(stored ? 0 : 8, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, 2.0
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(stored ? 0 : 8, 10);
    entry.writeUInt16LE(DOS_TIME, 12);
    entry.writeUInt16LE(DOS_DATE, 14);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(body.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    // extra, comment, disk, internal attributes: 0
    entry.writeUInt32LE((0o100644 << 16) >>> 0, 38); // external: -rw-r--r--
    entry.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, body);
    central.push(entry, nameBytes);
    offset += local.length + nameBytes.length + body.length;
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(central.length / 2, 8);
  end.writeUInt16LE(central.length / 2, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...central, end]);
}

// ---------------------------------------------------------------------------------------------
// Extension ids and CRX3

/** The Chrome extension id of a public key (DER SubjectPublicKeyInfo): the first 16 bytes of its
 *  SHA-256, each hex digit written as a letter a–p. */
export function extensionId(publicKeyDer) {
  const hex = createHash('sha256').update(publicKeyDer).digest('hex').slice(0, 32);
  return [...hex].map((d) => String.fromCharCode(97 + parseInt(d, 16))).join('');
}

/** The id fixed by a manifest's `key` (base64 DER public key). */
export function manifestId(manifest) {
  if (!manifest.key) throw new Error('the manifest has no `key`');
  return extensionId(Buffer.from(manifest.key, 'base64'));
}

/** The DER SubjectPublicKeyInfo of a private key (PEM text or KeyObject). */
export function publicKeyDer(privateKey) {
  return createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
}

function varint(n) {
  const bytes = [];
  while (n > 0x7f) {
    bytes.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  bytes.push(n);
  return Buffer.from(bytes);
}

/** One length-delimited protobuf field (wire type 2). */
function field(number, bytes) {
  return Buffer.concat([varint(number * 8 + 2), varint(bytes.length), bytes]);
}

/**
 * A CRX3 file: "Cr24", version 3, the header length, a protobuf CrxFileHeader, the zip.
 *   CrxFileHeader { repeated AsymmetricKeyProof sha256_with_rsa = 2; bytes signed_header_data = 10000; }
 *   AsymmetricKeyProof { bytes public_key = 1; bytes signature = 2; }
 *   SignedData { bytes crx_id = 1; }   (the first 16 bytes of SHA-256 of the public key)
 * The signature is RSA PKCS#1 v1.5 SHA-256 over
 *   "CRX3 SignedData\0" + uint32le(len(signed_header_data)) + signed_header_data + zip.
 * (Chromium: components/crx_file/crx3.proto, crx_verifier.cc, crx_creator.cc.)
 */
export function crx3(zip, privateKeyPem) {
  const key = createPrivateKey(privateKeyPem);
  if (key.asymmetricKeyType !== 'rsa') throw new Error(`the CRX key must be RSA, not ${key.asymmetricKeyType}`);
  const publicKey = publicKeyDer(key);
  const crxId = createHash('sha256').update(publicKey).digest().subarray(0, 16);
  const signedData = field(1, crxId);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(signedData.length);
  const signature = sign('sha256', Buffer.concat([Buffer.from('CRX3 SignedData\0', 'latin1'), length, signedData, zip]), key);
  const header = Buffer.concat([field(2, Buffer.concat([field(1, publicKey), field(2, signature)])), field(10000, signedData)]);
  const prefix = Buffer.alloc(12);
  prefix.write('Cr24', 0, 'latin1');
  prefix.writeUInt32LE(3, 4);
  prefix.writeUInt32LE(header.length, 8);
  return Buffer.concat([prefix, header, zip]);
}

const xmlEscape = (s) => String(s).replace(/[&<>'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The update manifest (gupdate protocol 2.0) for one extension. */
export function updateManifest({ appid, codebase, version }) {
  return `<?xml version='1.0' encoding='UTF-8'?>
<gupdate xmlns='http://www.google.com/update2/response' protocol='2.0'>
  <app appid='${xmlEscape(appid)}'>
    <updatecheck codebase='${xmlEscape(codebase)}' version='${xmlEscape(version)}' />
  </app>
</gupdate>
`;
}

/** The private key from ZORGVULDIG_CRX_KEY (a path) or ZORGVULDIG_CRX_KEY_PEM (the text), or null. */
export function keyFromEnvironment(env = process.env) {
  if (env.ZORGVULDIG_CRX_KEY) return { pem: readFileSync(env.ZORGVULDIG_CRX_KEY, 'utf8'), from: env.ZORGVULDIG_CRX_KEY };
  if (env.ZORGVULDIG_CRX_KEY_PEM) return { pem: env.ZORGVULDIG_CRX_KEY_PEM, from: 'ZORGVULDIG_CRX_KEY_PEM' };
  return null;
}

/** Throws when the private key's id is not the id of the manifest's public `key`. */
export function checkKey(manifest, privateKeyPem) {
  const expected = manifestId(manifest);
  const actual = extensionId(publicKeyDer(privateKeyPem));
  if (actual !== expected) {
    throw new Error(`the private key does not match the manifest: it gives the id ${actual}, the manifest's public key gives ${expected}`);
  }
  return actual;
}

/**
 * Writes the packages into `out`. `chrome` and `firefox` are built extension folders (either may
 * be omitted); `key` the PEM text or null (then no .crx and no updates.xml).
 * Returns { id, version, files: {zip, xpi, crx, updates} }.
 */
export function packageExtension({ chrome, firefox, out, key = null, updateBase }) {
  const files = {};
  let manifest = null;
  if (chrome) manifest = JSON.parse(readFileSync(join(chrome, 'manifest.json'), 'utf8'));
  const version = manifest?.version ?? JSON.parse(readFileSync(join(firefox, 'manifest.json'), 'utf8')).version;
  const id = manifest?.key ? manifestId(manifest) : null;
  if (key && chrome) checkKey(manifest, key); // before writing anything
  mkdirSync(out, { recursive: true });
  // Packages of an earlier run go first, so a run without the key leaves no stale .crx behind.
  for (const old of readdirSync(out).filter((f) => f === 'updates.xml' || /^zorgvuldig-.*\.(zip|xpi|crx)$/.test(f))) {
    rmSync(join(out, old), { force: true });
  }
  if (chrome) {
    const zip = zipDirectory(chrome);
    files.zip = join(out, `zorgvuldig-${version}-chrome.zip`);
    writeFileSync(files.zip, zip);
    if (key) {
      files.crx = join(out, `zorgvuldig-${version}.crx`);
      writeFileSync(files.crx, crx3(zip, key));
      const base = (updateBase ?? pathToFileURL(resolve(out)).href).replace(/\/+$/, '');
      files.updates = join(out, 'updates.xml');
      writeFileSync(files.updates, updateManifest({ appid: id, codebase: `${base}/zorgvuldig-${version}.crx`, version }));
    }
  }
  if (firefox) {
    files.xpi = join(out, `zorgvuldig-${version}-firefox.xpi`);
    writeFileSync(files.xpi, zipDirectory(firefox));
  }
  return { id, version, files };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const arg = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
  const fail = (message) => {
    console.error(`package: ${message}`);
    process.exit(1);
  };
  let key;
  try {
    key = keyFromEnvironment();
  } catch (error) {
    fail(`cannot read the private key: ${error.message}`);
  }
  if (args.includes('--check-id')) {
    const manifest = JSON.parse(readFileSync(join(root, 'web', 'extension', 'manifest.json'), 'utf8'));
    if (!key) fail('no key: set ZORGVULDIG_CRX_KEY (path to a PEM) or ZORGVULDIG_CRX_KEY_PEM (the PEM text)');
    try {
      console.log(`ok: the key from ${key.from} gives ${checkKey(manifest, key.pem)}, the id of the manifest's public key`);
    } catch (error) {
      fail(error.message);
    }
    process.exit(0);
  }
  const chrome = join(root, 'dist', 'chrome');
  const firefox = join(root, 'dist', 'firefox');
  const out = resolve(root, arg('--out', join('dist', 'packages')));
  for (const dir of [chrome, firefox]) {
    try {
      statSync(join(dir, 'manifest.json'));
    } catch {
      fail(`${relative(root, dir)} is missing; run \`make extension\` first`);
    }
  }
  let result;
  try {
    result = packageExtension({ chrome, firefox, out, key: key?.pem, updateBase: process.env.ZORGVULDIG_UPDATE_BASE });
  } catch (error) {
    fail(error.message);
  }
  for (const file of Object.values(result.files)) console.log(`wrote ${relative(root, file)} (${statSync(file).size} bytes)`);
  if (key) {
    console.log(`CRX signed with the key from ${key.from}; id ${result.id} (matches the manifest's public key)`);
    console.log(`updates.xml codebase: ${readFileSync(result.files.updates, 'utf8').match(/codebase='([^']*)'/)[1]}`);
  } else {
    console.log('skipped the .crx and updates.xml: no private key. Set ZORGVULDIG_CRX_KEY=/path/to/key.pem');
    console.log('  (or ZORGVULDIG_CRX_KEY_PEM to the PEM text) to sign a CRX3 for self-hosting.');
  }
}
