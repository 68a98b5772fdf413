// UTF-8 text conversion for the core's JavaScript glue: the runtime's own TextEncoder and
// TextDecoder where it has them, else a small implementation of the two calls the glue makes
// (classic Outlook on Windows runs add-ins in a JavaScript-only runtime whose engine may lack them).

/** UTF-8 bytes of a string; a lone surrogate becomes U+FFFD, as in every TextEncoder. */
function utf8(string) {
  const bytes = [];
  for (let i = 0; i < string.length; i++) {
    let code = string.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < string.length) {
      const next = string.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
        i++;
      }
    }
    if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd;
    if (code < 0x80) bytes.push(code);
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 63));
    else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
    else bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 63), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
  }
  return bytes;
}

class Utf8Encoder {
  encode(string = "") {
    return new Uint8Array(utf8(String(string)));
  }

  /** Writes as many whole characters as fit; `read` counts UTF-16 code units, as the standard does. */
  encodeInto(string, view) {
    let read = 0;
    let written = 0;
    while (read < string.length) {
      const pair =
        string.charCodeAt(read) >= 0xd800 &&
        string.charCodeAt(read) <= 0xdbff &&
        read + 1 < string.length &&
        string.charCodeAt(read + 1) >= 0xdc00 &&
        string.charCodeAt(read + 1) <= 0xdfff;
      const units = pair ? 2 : 1;
      const bytes = utf8(string.slice(read, read + units));
      if (written + bytes.length > view.length) break;
      view.set(bytes, written);
      written += bytes.length;
      read += units;
    }
    return { read, written };
  }
}

class Utf8Decoder {
  /** Decodes UTF-8; a malformed sequence becomes U+FFFD, a byte order mark is kept (ignoreBOM). */
  decode(input) {
    if (input === undefined) return "";
    const bytes = input instanceof Uint8Array ? input : new Uint8Array(input.buffer ?? input);
    let out = "";
    let chunk = [];
    const flush = () => {
      out += String.fromCharCode.apply(null, chunk);
      chunk = [];
    };
    for (let i = 0; i < bytes.length;) {
      const b = bytes[i];
      const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
      let code = need === 0 ? b : need === 1 ? b & 31 : need === 2 ? b & 15 : b & 7;
      let ok = need >= 0 && i + need < bytes.length + (need === 0 ? 1 : 0);
      for (let k = 1; ok && k <= need; k++) {
        const c = bytes[i + k];
        if (c === undefined || (c & 0xc0) !== 0x80) ok = false;
        else code = (code << 6) | (c & 63);
      }
      const minimum = [0, 0x80, 0x800, 0x10000][need];
      if (!ok || code < minimum || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
        chunk.push(0xfffd);
        i += 1;
      } else {
        if (code >= 0x10000) chunk.push(0xd800 + ((code - 0x10000) >> 10), 0xdc00 + ((code - 0x10000) & 1023));
        else chunk.push(code);
        i += need + 1;
      }
      if (chunk.length >= 8192) flush();
    }
    flush();
    return out;
  }
}

const encoder = typeof TextEncoder === "function" ? TextEncoder : Utf8Encoder;
const decoder = typeof TextDecoder === "function" ? TextDecoder : Utf8Decoder;

export { encoder as TextEncoder, decoder as TextDecoder };
