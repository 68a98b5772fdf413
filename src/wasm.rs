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
use crate::ErrorCode;

/// The TypeScript types of the snapshot, the verdict and the error codes, written from the core's
/// types (`src/contract.rs`): wasm-bindgen puts them into the package's `zorgvuldig.d.ts`.
#[wasm_bindgen(typescript_custom_section)]
const CONTRACT: &str = include_str!("contract.d.ts");

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

/// A JS `Error` with a stable `code` (one of [`ErrorCode`]).
fn error(code: ErrorCode, message: &str) -> JsValue {
    let error = js_sys::Error::new(message);
    error.set_name("ZorgvuldigError");
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&error, &JsValue::from_str("code"), &JsValue::from_str(code.id()));
    error.into()
}

/// Results cross the boundary as JSON text: the browser's `JSON.parse` builds a verdict with many
/// small objects faster than setting their fields one call at a time.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    // A verdict is a few kilobytes of JSON: one allocation instead of doubling from 128 bytes.
    let mut text = Vec::with_capacity(8192);
    serde_json::to_writer(&mut text, value).map_err(|e| error(ErrorCode::Internal, &e.to_string()))?;
    let text = String::from_utf8(text).map_err(|_| error(ErrorCode::Internal, "the result is not UTF-8"))?;
    js_sys::JSON::parse(&text).map_err(|_| error(ErrorCode::Internal, "the result is not valid JSON"))
}

/// JSON text of a JavaScript value; `None` for `undefined`, functions and symbols.
fn json_text(value: &JsValue) -> Result<Option<String>, String> {
    let text = js_sys::JSON::stringify(value)
        .map_err(|e| e.dyn_ref::<js_sys::Error>().map_or_else(|| "not JSON-compatible".to_string(), |e| String::from(e.message())))?;
    Ok(utf8(&text))
}

#[wasm_bindgen]
extern "C" {
    /// The browser's `TextEncoder`: `encodeInto` writes UTF-8 straight into Wasm memory.
    type TextEncoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;
    #[wasm_bindgen(method, catch, js_name = encodeInto)]
    fn encode_into(this: &TextEncoder, source: &js_sys::JsString, destination: &js_sys::Uint8Array) -> Result<EncodeIntoResult, JsValue>;
    type EncodeIntoResult;
    #[wasm_bindgen(method, getter)]
    fn read(this: &EncodeIntoResult) -> u32;
    #[wasm_bindgen(method, getter)]
    fn written(this: &EncodeIntoResult) -> u32;
}

thread_local! {
    static ENCODER: TextEncoder = TextEncoder::new();
}

/// A body this long (in UTF-16 code units) crosses into Wasm on its own (see `Engine::analyze`).
const LONG_BODY: u32 = 4096;

/// A JS string as Rust text, `None` for anything else: one `encodeInto` call, where
/// wasm-bindgen's own conversion copies ASCII one character at a time in JavaScript. A lone
/// surrogate becomes U+FFFD, as in every browser conversion to UTF-8.
fn utf8(value: &JsValue) -> Option<String> {
    let string = value.dyn_ref::<js_sys::JsString>()?;
    // UTF-8 takes at most three bytes for each UTF-16 code unit.
    let capacity = string.length() as usize * 3;
    let mut bytes: Vec<u8> = Vec::with_capacity(capacity);
    let encoded = ENCODER.with(|encoder| {
        // SAFETY: the view covers the vector's spare capacity, and is gone before the vector is
        // used again.
        let view = unsafe { js_sys::Uint8Array::view_mut_raw(bytes.as_mut_ptr(), capacity) };
        encoder.encode_into(string, &view).ok().map(|result| (result.read(), result.written() as usize))
    });
    match encoded {
        Some((read, written)) if read == string.length() && written <= capacity => {
            // SAFETY: the encoder wrote `written` bytes into the spare capacity.
            unsafe { bytes.set_len(written) };
            // Give back the room ASCII did not need (in place: the allocation only shrinks).
            bytes.shrink_to_fit();
            String::from_utf8(bytes).ok()
        }
        // Wasm memory grew while the view existed (the view was then empty): the slow way.
        _ => string.as_string(),
    }
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
    #[wasm_bindgen(unchecked_return_type = "Verdict")]
    pub fn analyze(&self, #[wasm_bindgen(unchecked_param_type = "Snapshot")] snapshot: JsValue) -> Result<JsValue, JsValue> {
        // The snapshot crosses as JSON text. A long body crosses on its own, straight into Wasm
        // memory: parsing it out of JSON text costs more than copying the rest of the snapshot.
        let body = js_sys::Reflect::get(&snapshot, &JsValue::from_str("body"))
            .ok()
            .filter(|body| body.dyn_ref::<js_sys::JsString>().is_some_and(|s| s.length() >= LONG_BODY))
            .and_then(|body| utf8(&body));
        let rest = match body {
            Some(_) => {
                let copy = js_sys::Object::assign(&js_sys::Object::new(), snapshot.unchecked_ref());
                let _ = js_sys::Reflect::delete_property(&copy, &JsValue::from_str("body"));
                copy.into()
            }
            None => snapshot,
        };
        let invalid = |detail: &str| error(ErrorCode::InvalidSnapshot, &format!("not a compose snapshot: {detail}"));
        let text = json_text(&rest).map_err(|e| invalid(&e))?.ok_or_else(|| invalid("undefined"))?;
        let mut parsed = Snapshot::from_json(&text).map_err(|e| invalid(&e.to_string()))?;
        if let Some(body) = body {
            parsed.body = body;
        }
        to_js(&self.inner.analyze(&parsed))
    }

    /// Problems found in the policy: `[{path, code, message}]`.
    #[wasm_bindgen(js_name = policyErrors, unchecked_return_type = "PolicyError[]")]
    pub fn policy_errors(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.policy_errors())
    }

    /// The effective policy: defaults merged with the policy's valid keys.
    #[wasm_bindgen(js_name = effectivePolicy)]
    pub fn effective_policy(&self) -> Result<JsValue, JsValue> {
        to_js(self.inner.policy())
    }
}
