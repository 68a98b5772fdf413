//! The WebAssembly boundary of the extractors, loaded by the extension beside the core when the
//! first attachment arrives.
//!
//! ```js
//! import init, { extract } from "./extract/zorgvuldig_extract.js";
//! await init();
//! extract("scan_0012.pdf", bytes);   // {parts: [{page: 1, text: "..."}], unreadable?: "encrypted"}
//! ```

use wasm_bindgen::prelude::*;

/// Reads the text of an attachment (`bytes`, a `Uint8Array`) named `name`: `{parts: [{page?,
/// text}], unreadable?}` (see the crate docs). Never throws for a bad file.
#[wasm_bindgen]
pub fn extract(name: &str, bytes: &[u8]) -> JsValue {
    let extracted = crate::extract(name, bytes);
    // Serialising plain strings and numbers cannot fail; the fallback says so anyway.
    let text = serde_json::to_string(&extracted).unwrap_or_else(|_| r#"{"parts":[],"unreadable":"damaged"}"#.to_string());
    js_sys::JSON::parse(&text).unwrap_or(JsValue::NULL)
}
