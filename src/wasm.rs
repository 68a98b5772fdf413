//! The WebAssembly boundary, and the only module that knows about wasm-bindgen. It holds no
//! logic: it converts between JavaScript values and the core's types, and turns errors into JS
//! `Error` objects with a stable `code` property.
//!
//! ```js
//! import init, { Engine } from "./pkg/zorgvuldig.js";
//! await init();
//! const engine = new Engine(policy);            // object, JSON text, or undefined for defaults
//! engine.policyErrors();                        // [{path, code, message}]
//! const verdict = engine.analyze(snapshot);     // {action, findings, ...}; throws Error with code
//! ```

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::snapshot::Snapshot;

/// Installs the panic hook once, when the module is instantiated, so a panic shows in the console.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// The core's version, for the options page and logs.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// A JS `Error` with a stable `code` (`invalid-snapshot`, `invalid-policy-json`, `internal`).
fn error(code: &str, message: &str) -> JsValue {
    let error = js_sys::Error::new(message);
    error.set_name("ZorgvuldigError");
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&error, &JsValue::from_str("code"), &JsValue::from_str(code));
    error.into()
}

/// Results cross the boundary as JSON text: the browser's `JSON.parse` builds a verdict with many
/// small objects faster than setting their fields one call at a time.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| error("internal", &e.to_string()))?;
    js_sys::JSON::parse(&text).map_err(|_| error("internal", "the result is not valid JSON"))
}

/// JSON text of a JavaScript value; `None` for `undefined`, functions and symbols.
fn json_text(value: &JsValue) -> Result<Option<String>, String> {
    let text = js_sys::JSON::stringify(value)
        .map_err(|e| e.dyn_ref::<js_sys::Error>().map_or_else(|| "not JSON-compatible".to_string(), |e| String::from(e.message())))?;
    Ok(text.as_string())
}

#[wasm_bindgen]
extern "C" {
    /// The browser's `TextEncoder`: `encodeInto` writes UTF-8 straight into Wasm memory.
    type TextEncoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;
    #[wasm_bindgen(method, js_name = encodeInto)]
    fn encode_into(this: &TextEncoder, source: &JsValue, destination: &js_sys::Uint8Array) -> EncodeIntoResult;
    type EncodeIntoResult;
    #[wasm_bindgen(method, getter)]
    fn written(this: &EncodeIntoResult) -> u32;
}

thread_local! {
    static ENCODER: TextEncoder = TextEncoder::new();
}

/// A JS string as Rust text, `None` for anything else. A long body crosses in one `encodeInto`
/// call; wasm-bindgen's own conversion copies ASCII one character at a time in JavaScript.
fn utf8(value: &JsValue) -> Option<String> {
    let length = value.dyn_ref::<js_sys::JsString>()?.length() as usize;
    if length < 4096 {
        return None;
    }
    let capacity = length * 3;
    let mut bytes: Vec<u8> = Vec::with_capacity(capacity);
    // SAFETY: the view covers the vector's own capacity, and nothing allocates while it lives, so
    // Wasm memory cannot grow and detach or move it; `set_len` covers only what the encoder wrote.
    let written = unsafe {
        let view = js_sys::Uint8Array::view_mut_raw(bytes.as_mut_ptr(), capacity);
        let written = ENCODER.with(|encoder| encoder.encode_into(value, &view).written()) as usize;
        bytes.set_len(written.min(capacity));
        written
    };
    debug_assert!(written <= capacity);
    String::from_utf8(bytes).ok()
}

/// A policy compiled once; `analyze` runs for every snapshot.
#[wasm_bindgen]
pub struct Engine {
    inner: crate::Engine,
}

#[wasm_bindgen]
impl Engine {
    /// Compiles a policy given as an object or as JSON text; `undefined` or `null` gives the
    /// defaults. Never throws for a bad policy: problems are in `policyErrors()`.
    #[wasm_bindgen(constructor)]
    pub fn new(policy: JsValue) -> Engine {
        let inner = match policy.as_string() {
            Some(text) => crate::Engine::from_json_text(&text),
            None => match json_text(&policy) {
                Ok(Some(text)) => crate::Engine::from_json_text(&text),
                Ok(None) => crate::Engine::from_json(&serde_json::Value::Null),
                // A value that is not plain data (a cycle) is reported as not an object.
                Err(_) => crate::Engine::from_json(&serde_json::Value::Bool(false)),
            },
        };
        Engine { inner }
    }

    /// Analyses a compose snapshot (`{from, to, cc, bcc, subject, body, attachments}`) and
    /// returns the verdict. Throws an `Error` with code `invalid-snapshot` for a value that is
    /// not a snapshot.
    pub fn analyze(&self, snapshot: JsValue) -> Result<JsValue, JsValue> {
        // In: field by field (no copy of a long body into JSON text first); on a bad value, a
        // second reading through JSON text names the field and the expected type.
        let body = js_sys::Reflect::get(&snapshot, &JsValue::from_str("body")).ok().and_then(|b| utf8(&b));
        let fields = match body {
            Some(_) => {
                let copy = js_sys::Object::assign(&js_sys::Object::new(), snapshot.unchecked_ref());
                let _ = js_sys::Reflect::delete_property(&copy, &JsValue::from_str("body"));
                copy.into()
            }
            None => snapshot.clone(),
        };
        let mut parsed: Snapshot = serde_wasm_bindgen::from_value(fields).map_err(|_| {
            let detail = match json_text(&snapshot) {
                Ok(Some(text)) => serde_json::from_str::<Snapshot>(&text).err().map_or_else(String::new, |e| e.to_string()),
                Ok(None) => "undefined".to_string(),
                Err(e) => e,
            };
            error("invalid-snapshot", &format!("not a compose snapshot: {detail}"))
        })?;
        if let Some(body) = body {
            parsed.body = body;
        }
        to_js(&self.inner.analyze(&parsed))
    }

    /// Problems found in the policy: `[{path, code, message}]`.
    #[wasm_bindgen(js_name = policyErrors)]
    pub fn policy_errors(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.policy_errors())
    }

    /// The effective policy: defaults merged with the policy's valid keys.
    #[wasm_bindgen(js_name = effectivePolicy)]
    pub fn effective_policy(&self) -> Result<JsValue, JsValue> {
        to_js(self.inner.policy())
    }
}
