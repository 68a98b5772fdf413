//! The WebAssembly boundary of the extractors, loaded by the extension's background (and the
//! training demo) when the first attachment arrives. It answers in the terms of the core's
//! snapshot, so what it returns goes onto the attachment as it is.
//!
//! ```js
//! import init, { extract } from "./extract/zorgvuldig_extract.js";
//! await init();
//! extract("scan_0012.pdf", bytes);   // {texts: ["..."], pages: [1], unreadable?: "encrypted"}
//! ```

use serde::Serialize;
use wasm_bindgen::prelude::*;

/// An attachment's content as the core's snapshot carries it: `texts` (one per PDF page, one for
/// another document), `pages` (the page of each text, for a PDF) and `unreadable` (the reason).
#[derive(Serialize)]
struct Outcome<'a> {
    texts: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pages: Vec<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unreadable: Option<crate::Reason>,
}

/// Reads the text of an attachment (`bytes`, a `Uint8Array`) named `name`: `{texts, pages?,
/// unreadable?}`. Never throws for a bad file.
#[wasm_bindgen]
pub fn extract(name: &str, bytes: &[u8]) -> JsValue {
    let extracted = crate::extract(name, bytes);
    let paged = extracted.parts.iter().any(|part| part.page.is_some());
    let outcome = Outcome {
        texts: extracted.parts.iter().map(|part| part.text.as_str()).collect(),
        pages: if paged { extracted.parts.iter().map(|part| part.page.unwrap_or(0)).collect() } else { Vec::new() },
        unreadable: extracted.unreadable,
    };
    // Serialising plain strings and numbers cannot fail; the fallback says so anyway.
    let text = serde_json::to_string(&outcome).unwrap_or_else(|_| r#"{"texts":[],"unreadable":"damaged"}"#.to_string());
    js_sys::JSON::parse(&text).unwrap_or(JsValue::NULL)
}
