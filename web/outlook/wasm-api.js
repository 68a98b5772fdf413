// What wasm-bindgen's glue calls `WebAssembly`: the runtime's own where it has one, else a
// stand-in with the three members the glue uses, which runs the core's JavaScript translation
// (binaryen's wasm2js of the same .wasm) with the same imports. The build gives the glue this
// binding in place of the global.
import { instantiate as instantiateJs } from "zorgvuldig:wasm2js";

class Module {}
class Instance {
  constructor(module, imports) {
    this.exports = instantiateJs(imports);
  }
}

const javaScriptBuild = {
  Module,
  Instance,
  instantiate(bytes, imports) {
    return new Promise((resolve) => resolve({ module: new Module(), instance: new Instance(null, imports) }));
  },
};

const native = typeof WebAssembly === "object" && WebAssembly !== null && typeof WebAssembly.instantiate === "function";
const api = native ? WebAssembly : javaScriptBuild;
export { api as WebAssembly };
