//! Tests of the WebAssembly boundary (`src/wasm.rs`) in a real browser: headless Chromium through
//! chromedriver (flags in `webdriver.json`). Run with `make test-wasm`, which is
//! `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER=/usr/bin/chromedriver
//! cargo test --target wasm32-unknown-unknown --no-default-features --test wasm`.
//! (`wasm-pack test` always adds `--tests` and so builds the native-only test files for wasm32.)
//!
//! Values are built and inspected as JavaScript sees them (plain objects, `Error` objects, string
//! offsets in UTF-16 code units), not as Rust sees them.
#![cfg(target_arch = "wasm32")]
// Tests may unwrap: a failure is the point.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use js_sys::{Array, JsString, Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use zorgvuldig::wasm::{version, Engine};

wasm_bindgen_test_configure!(run_in_browser);

const POLICY: &str = r#"{
  "internalDomains": ["samenveilig.nl"],
  "retiredDomains": [{"domain": "bjzutrecht.nl", "successor": "samenveilig.nl"}],
  "retiredAddresses": ["p.jansen@samenveilig.nl"],
  "trustedDomains": ["veiligthuis.nl"],
  "encryptionMarkers": ["[versleuteld]"]
}"#;

/// Parses JSON text into a JS value, as a page would do with `JSON.parse`.
fn js(json: &str) -> JsValue {
    JSON::parse(json).unwrap_or_else(|e| panic!("test JSON does not parse: {json}: {e:?}"))
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap_or_else(|_| panic!("no property {key}"))
}

fn string(value: &JsValue, key: &str) -> String {
    get(value, key).as_string().unwrap_or_else(|| panic!("property {key} is not a string"))
}

fn number(value: &JsValue, key: &str) -> f64 {
    get(value, key).as_f64().unwrap_or_else(|| panic!("property {key} is not a number"))
}

fn array(value: &JsValue, key: &str) -> Array {
    let v = get(value, key);
    assert!(Array::is_array(&v), "property {key} is not an array: {v:?}");
    v.unchecked_into()
}

/// A plain object: its prototype is `Object.prototype` (not a Map, not a class instance).
fn assert_plain_object(value: &JsValue) {
    assert!(value.is_object(), "not an object: {value:?}");
    let proto = Object::get_prototype_of(value);
    let object_proto = Object::get_prototype_of(&Object::new());
    assert!(JsValue::from(proto) == JsValue::from(object_proto), "not a plain object: {value:?}");
}

fn rules(verdict: &JsValue) -> Vec<String> {
    array(verdict, "findings").iter().map(|f| string(&f, "rule")).collect()
}

fn case_2019() -> JsValue {
    js(r#"{"from": "a.devries@samenveilig.nl",
           "to": ["Marieke de Boer <m.deboer@bjzutrecht.nl>"],
           "subject": "Dossier Daan",
           "body": "Hoi Marieke, hierbij het dossier."}"#)
}

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn engine_from_an_object() {
    let engine = Engine::new(js(POLICY));
    let errors: Array = engine.policy_errors().unwrap().unchecked_into();
    assert_eq!(errors.length(), 0, "no policy errors");
    let verdict = engine.analyze(case_2019()).unwrap();
    assert_eq!(string(&verdict, "action"), "block");
    assert_eq!(rules(&verdict)[0], "retired-domain");
}

#[wasm_bindgen_test]
fn engine_from_json_text() {
    let engine = Engine::new(JsValue::from_str(POLICY));
    let errors: Array = engine.policy_errors().unwrap().unchecked_into();
    assert_eq!(errors.length(), 0);
    let verdict = engine.analyze(case_2019()).unwrap();
    assert_eq!(string(&verdict, "action"), "block");
    let finding = array(&verdict, "findings").get(0);
    let fix = get(&finding, "fix");
    assert_eq!(string(&fix, "kind"), "replace-recipient");
    assert_eq!(string(&fix, "replacement"), "m.deboer@samenveilig.nl");
}

/// Outlook on the web's chip gives a name only: the finding names the field and the entry as the
/// page gave it, so the extension can point at the chip, and offers no fix.
#[wasm_bindgen_test]
fn a_name_only_recipient_is_unresolved_with_its_field_and_entry() {
    let engine = Engine::new(js(POLICY));
    let verdict = engine.analyze(js(r#"{"to": ["a.jansen@samenveilig.nl"], "cc": ["Beschikbaar Marieke de Boer"]}"#)).unwrap();
    assert_eq!(string(&verdict, "action"), "warn");
    assert_eq!(rules(&verdict), ["unresolved-recipient"]);
    let finding = array(&verdict, "findings").get(0);
    assert_eq!(string(&finding, "field"), "cc");
    assert_eq!(string(&finding, "recipient"), "Beschikbaar Marieke de Boer");
    assert!(get(&finding, "fix").is_undefined(), "no fix offered");
    assert!(string(&finding, "message").starts_with("Het adres van 'Beschikbaar Marieke de Boer' kon niet worden gecontroleerd"));
}

#[wasm_bindgen_test]
fn engine_from_undefined_and_null_uses_defaults() {
    for policy in [JsValue::UNDEFINED, JsValue::NULL] {
        let engine = Engine::new(policy);
        let errors: Array = engine.policy_errors().unwrap().unchecked_into();
        assert_eq!(errors.length(), 0, "defaults have no errors");
        // Without a policy nothing is retired: the 2019 mail passes.
        let verdict = engine.analyze(case_2019()).unwrap();
        assert_eq!(string(&verdict, "action"), "allow");
    }
}

#[wasm_bindgen_test]
fn analyze_returns_plain_json_compatible_objects() {
    let engine = Engine::new(js(POLICY));
    let verdict = engine.analyze(case_2019()).unwrap();
    assert_plain_object(&verdict);
    for key in ["action", "summary", "findings", "policyErrors", "override"] {
        assert!(Reflect::has(&verdict, &JsValue::from_str(key)).unwrap(), "verdict has {key}");
    }
    assert!(!string(&verdict, "summary").is_empty());
    let finding = array(&verdict, "findings").get(0);
    assert_plain_object(&finding);
    assert_eq!(string(&finding, "field"), "to");
    assert_eq!(string(&finding, "recipient"), "m.deboer@bjzutrecht.nl");
    assert!(string(&finding, "message").contains("bjzutrecht.nl"));
    // JSON round trip loses nothing: no Maps, no undefined, no BigInt.
    let text: String = JSON::stringify(&verdict).unwrap().into();
    let again = JSON::parse(&text).unwrap();
    assert_eq!(String::from(JSON::stringify(&again).unwrap()), text);
}

#[wasm_bindgen_test]
fn offsets_are_utf16_code_units() {
    let engine = Engine::new(js(POLICY));
    // é is one UTF-16 unit but two UTF-8 bytes; 😀 is two UTF-16 units and four UTF-8 bytes.
    let body = "Cliënt 😀 Daan, geboren in Utrecht. Zijn BSN 111222333 staat in het dossier.";
    let snapshot = Object::new();
    Reflect::set(&snapshot, &"to".into(), &Array::of1(&"j.smit@samenveilig.nl".into())).unwrap();
    Reflect::set(&snapshot, &"body".into(), &body.into()).unwrap();
    let verdict = engine.analyze(snapshot.into()).unwrap();
    let findings = array(&verdict, "findings");
    let bsn = findings.iter().find(|f| string(f, "rule") == "bsn").unwrap_or_else(|| panic!("no bsn finding in {:?}", rules(&verdict)));
    let js_body = JsString::from(body);
    let expected = js_body.index_of("111222333", 0) as f64;
    assert_eq!(number(&bsn, "start"), expected, "start in UTF-16 units");
    assert_eq!(number(&bsn, "end"), expected + 9.0, "end in UTF-16 units");
    // The JS substring at those offsets is the number itself.
    let found: String = js_body.substring(number(&bsn, "start") as u32, number(&bsn, "end") as u32).into();
    assert_eq!(found, "111222333");
    // And the message does not repeat the full number.
    assert!(!string(&bsn, "message").contains("111222333"));
}

/// Analyses `body` (a JS string) and checks that the BSN 111222333 in it is found at its UTF-16
/// offsets.
fn assert_bsn_found_at_its_offsets(engine: &Engine, body: &JsString, subject: &JsString) {
    let snapshot = Object::new();
    Reflect::set(&snapshot, &"to".into(), &Array::of1(&"j.smit@samenveilig.nl".into())).unwrap();
    Reflect::set(&snapshot, &"subject".into(), subject).unwrap();
    Reflect::set(&snapshot, &"body".into(), body).unwrap();
    let verdict = engine.analyze(snapshot.into()).unwrap_or_else(|e| panic!("analyze threw {e:?} for a body of {}", body.length()));
    let findings = array(&verdict, "findings");
    let bsn = findings.iter().find(|f| string(f, "rule") == "bsn").unwrap_or_else(|| panic!("no bsn finding in {:?}", rules(&verdict)));
    let found: String = body.substring(number(&bsn, "start") as u32, number(&bsn, "end") as u32).into();
    assert_eq!(found, "111222333", "for a body of {} UTF-16 units", body.length());
}

#[wasm_bindgen_test]
fn long_bodies_and_lone_surrogates_cross_intact() {
    let engine = Engine::new(js(POLICY));
    // Half an emoji, as an editor may leave it when it cuts a text.
    let lone = JsString::from_char_code1(0xD83D);
    let tail = JsString::from("Cliënt Daan, geboren in Utrecht. Zijn BSN 111222333 staat in het dossier.");
    // A short body crosses inside the snapshot's JSON text, a long one on its own.
    let filler = "Zoë 😀 schreef: het gesprek op dinsdag ging goed. ".repeat(120);
    for prefix in ["Kort: ".to_string(), filler] {
        let body = JsString::from(prefix.as_str()).concat(&lone).concat(&tail);
        assert_bsn_found_at_its_offsets(&engine, &body, &JsString::from("Overleg"));
        assert_bsn_found_at_its_offsets(&engine, &tail, &JsString::from("Overleg ").concat(&lone));
    }
}

#[wasm_bindgen_test]
fn recipient_offsets_are_utf16_code_units_into_the_entry() {
    let engine = Engine::new(js(POLICY));
    // Two mailboxes in one entry; the second has ë (one UTF-16 unit) and 😀 (two) in its name.
    let entry = "a@samenveilig.nl, Zoë 😀 <zoe@bjzutrecht.nl>";
    let snapshot = Object::new();
    Reflect::set(&snapshot, &"to".into(), &Array::of1(&entry.into())).unwrap();
    let verdict = engine.analyze(snapshot.into()).unwrap();
    let finding = array(&verdict, "findings").get(0);
    assert_eq!(string(&finding, "rule"), "retired-domain");
    let js_entry = JsString::from(entry);
    let (start, end) = (number(&finding, "start") as u32, number(&finding, "end") as u32);
    assert!(end <= js_entry.length(), "end {end} within the entry's {} UTF-16 units", js_entry.length());
    assert!(start >= js_entry.index_of("Zoë", 0) as u32, "start {start} not before the second mailbox");
    let marked: String = js_entry.substring(start, end).into();
    assert!(marked.contains("zoe@bjzutrecht.nl"), "marked text {marked:?} holds the address");
    assert!(!marked.contains("samenveilig"), "marked text {marked:?} is only the retired mailbox");
}

#[wasm_bindgen_test]
fn invalid_snapshot_throws_an_error_with_a_stable_code() {
    let engine = Engine::new(js(POLICY));
    let bad: [JsValue; 4] = [
        JsValue::from_f64(42.0),
        JsValue::from_str("not a snapshot"),
        js(r#"{"to": "one string instead of a list"}"#),
        js(r#"{"attachments": [{"name": 5}]}"#),
    ];
    for value in bad {
        let error = engine.analyze(value.clone()).expect_err("analyze must throw");
        assert!(error.is_instance_of::<js_sys::Error>(), "thrown value is an Error: {error:?}");
        let error: js_sys::Error = error.unchecked_into();
        assert_eq!(String::from(error.name()), "ZorgvuldigError");
        assert_eq!(string(&error, "code"), "invalid-snapshot", "for {value:?}");
        assert!(!String::from(error.message()).is_empty());
    }
    // The message says what is wrong in words a developer can act on.
    let error: js_sys::Error =
        engine.analyze(js(r#"{"to": "one string instead of a list"}"#)).expect_err("analyze must throw").unchecked_into();
    let message = String::from(error.message());
    assert!(message.contains("expected a sequence"), "message names the expected type: {message}");
    // The engine is still usable after an error.
    assert_eq!(string(&engine.analyze(case_2019()).unwrap(), "action"), "block");
}

#[wasm_bindgen_test]
fn policy_errors_name_the_bad_key() {
    let engine = Engine::new(js(r#"{"internalDomains": ["samenveilig.nl"], "retiredDomians": ["bjzutrecht.nl"]}"#));
    let errors: Array = engine.policy_errors().unwrap().unchecked_into();
    assert_eq!(errors.length(), 1, "one error: {:?}", JSON::stringify(&errors));
    let error = errors.get(0);
    assert_plain_object(&error);
    assert_eq!(string(&error, "path"), "retiredDomians");
    assert_eq!(string(&error, "code"), "unknown-key");
    assert!(string(&error, "message").contains("retiredDomians"));
    // The valid rest still applies, and the verdict carries the errors too.
    let verdict = engine.analyze(case_2019()).unwrap();
    assert_eq!(array(&verdict, "policyErrors").length(), 1);
    assert_eq!(engine.effective_policy().map(|p| array(&p, "internalDomains").length()).unwrap(), 1);
}

#[wasm_bindgen_test]
fn policy_json_text_that_does_not_parse_is_a_policy_error() {
    let engine = Engine::new(JsValue::from_str("{\"internalDomains\": ["));
    let errors: Array = engine.policy_errors().unwrap().unchecked_into();
    assert!(errors.length() >= 1);
    // Defaults still work.
    assert_eq!(string(&engine.analyze(case_2019()).unwrap(), "action"), "allow");
}

#[wasm_bindgen_test]
fn effective_policy_has_the_defaults() {
    let effective = Engine::new(JsValue::UNDEFINED).effective_policy().unwrap();
    assert_plain_object(&effective);
    assert_eq!(string(&effective, "language"), "nl");
    assert_eq!(number(&effective, "largeAudienceThreshold"), 20.0);
    assert_eq!(array(&effective, "internalDomains").length(), 0);
    assert_eq!(array(&effective, "retiredDomains").length(), 0);

    let effective = Engine::new(js(POLICY)).effective_policy().unwrap();
    let retired = array(&effective, "retiredDomains").get(0);
    assert_eq!(string(&retired, "domain"), "bjzutrecht.nl");
    assert_eq!(string(&retired, "successor"), "samenveilig.nl");
    assert_eq!(number(&effective, "largeAudienceThreshold"), 20.0, "default kept");
}

#[wasm_bindgen_test]
fn english_messages_when_the_policy_says_so() {
    let engine = Engine::new(js(r#"{"retiredDomains": [{"domain": "bjzutrecht.nl", "successor": "samenveilig.nl"}], "language": "en"}"#));
    let verdict = engine.analyze(case_2019()).unwrap();
    let finding = array(&verdict, "findings").get(0);
    assert_eq!(string(&get(&finding, "fix"), "label"), "Replace with m.deboer@samenveilig.nl");
}

#[wasm_bindgen_test]
fn one_engine_many_analyses() {
    let engine = Engine::new(js(POLICY));
    let clean = js(r#"{"to": ["j.smit@samenveilig.nl"], "subject": "Overleg", "body": "Dinsdag om tien uur?"}"#);
    for i in 0..500 {
        if i % 2 == 0 {
            assert_eq!(string(&engine.analyze(case_2019()).unwrap(), "action"), "block", "run {i}");
        } else {
            let verdict = engine.analyze(clean.clone()).unwrap();
            assert_eq!(string(&verdict, "action"), "allow", "run {i}");
            assert_eq!(array(&verdict, "findings").length(), 0);
        }
    }
}

#[path = "cases.rs"]
mod cases;

/// Every data-driven case (`tests/cases/*.toml`) through the Wasm build, with the same runner and
/// the same expectations as the native build: the snapshot crosses as a JavaScript object, the
/// verdict comes back as one. The policy crosses as JSON text, the other form `new Engine` takes
/// (a JavaScript string is read as JSON text, so a case whose policy is a JSON string could not
/// be given as a value). Engines are kept per policy: building one is the slow part in a debug
/// build.
#[wasm_bindgen_test]
fn every_data_driven_case_through_wasm() {
    let mut engines: std::collections::HashMap<String, Engine> = std::collections::HashMap::new();
    let (total, failures) = cases::run_all(&mut |policy, snapshot| {
        let policy_text = policy.to_string();
        let engine = engines.entry(policy_text.clone()).or_insert_with(|| Engine::new(JsValue::from_str(&policy_text)));
        let verdict = engine.analyze(js(&snapshot.to_string())).map_err(|e| format!("analyze threw: {e:?}"))?;
        let text = JSON::stringify(&verdict).map_err(|e| format!("verdict does not stringify: {e:?}"))?;
        serde_json::from_str(&String::from(text)).map_err(|e| format!("verdict is not JSON: {e}"))
    });
    assert!(failures.is_empty(), "{} of {total} cases failed in Wasm:\n{}", failures.len(), failures.join("\n"));
}
