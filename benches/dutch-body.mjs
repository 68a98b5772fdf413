// The generated message bodies of the benches, the same in the browser and in Node: `dutchBody`
// as `dutch_body` in benches/analyze.rs, and its fingerprint to check that both sides timed the
// same text. Used by benches/wasm/bench.mjs and benches/outlook.mjs.

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * `bytes` bytes of UTF-8 text: the sentences in turn, separated by a space, a newline after every
 * 4th and an empty line after every 8th, cut on a character boundary (as `dutch_body` in
 * benches/analyze.rs).
 */
export function dutchBody(sentences, bytes) {
  const parts = [];
  let length = 0;
  for (let i = 0; length < bytes; i++) {
    const sentence = sentences[i % sentences.length];
    let piece = sentence + (i % 4 === 3 ? '\n' : ' ');
    if (i % 8 === 7) piece += '\n';
    parts.push(piece);
    length += encoder.encode(piece).length;
  }
  const utf8 = encoder.encode(parts.join(''));
  let end = Math.min(bytes, utf8.length);
  while (end < utf8.length && (utf8[end] & 0xc0) === 0x80) end--;
  return decoder.decode(utf8.subarray(0, end));
}

/** FNV-1a (32 bit) of the UTF-8 bytes, as hex (as `fingerprint` in benches/analyze.rs). */
export function fingerprint(text) {
  let hash = 0x811c9dc5;
  for (const byte of encoder.encode(text)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}
