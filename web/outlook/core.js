// The core for the add-in: wasm-bindgen's glue (the build gives it this folder's TextEncoder,
// TextDecoder and WebAssembly) over the .wasm inlined as base64.
import initGlue, { Engine } from "zorgvuldig:glue";
import { WASM_BASE64 } from "zorgvuldig:wasm";

export { Engine };

/** The bytes of base64 text (no `atob` in every runtime). */
function decodeBase64(text) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const value = new Uint8Array(128);
  for (let i = 0; i < alphabet.length; i++) value[alphabet.charCodeAt(i)] = i;
  const clean = text.replace(/=+$/, "");
  const bytes = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let count = 0;
  let at = 0;
  for (let i = 0; i < clean.length; i++) {
    bits = (bits << 6) | value[clean.charCodeAt(i)];
    count += 6;
    if (count >= 8) {
      count -= 8;
      bytes[at++] = (bits >> count) & 255;
    }
  }
  return bytes;
}

/** Loads the core once; rejects when it cannot (a corrupt module, no memory). */
export default function init() {
  return initGlue({ module_or_path: decodeBase64(WASM_BASE64) });
}
