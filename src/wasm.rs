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

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| error("internal", &e.to_string()))
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
        let inner = if let Some(text) = policy.as_string() {
            crate::Engine::from_json_text(&text)
        } else {
            // A value that is not plain data (a function, a symbol) is reported as not an object.
            let value = serde_wasm_bindgen::from_value(policy).unwrap_or(serde_json::Value::Bool(false));
            crate::Engine::from_json(&value)
        };
        Engine { inner }
    }

    /// Analyses a compose snapshot (`{from, to, cc, bcc, subject, body, attachments}`) and
    /// returns the verdict. Throws an `Error` with code `invalid-snapshot` for a value that is
    /// not a snapshot.
    pub fn analyze(&self, snapshot: JsValue) -> Result<JsValue, JsValue> {
        let snapshot: Snapshot = serde_wasm_bindgen::from_value(snapshot.clone()).map_err(|e| {
            // serde-wasm-bindgen's own messages can be cryptic ("Reflect.get called on
            // non-object"); serde_json names the field and the expected type.
            let detail = serde_wasm_bindgen::from_value::<serde_json::Value>(snapshot)
                .map_err(|_| e.to_string())
                .and_then(|v| serde_json::from_value::<Snapshot>(v).map(|_| String::new()).map_err(|e| e.to_string()))
                .unwrap_or_else(|e| e);
            error("invalid-snapshot", &format!("not a compose snapshot: {detail}"))
        })?;
        to_js(&self.inner.analyze(&snapshot))
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
