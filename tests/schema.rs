//! One source of truth for the policy: the managed-storage schema the browsers validate against
//! (`web/extension/schema.json`) and the Rust parser (`src/policy.rs`) must describe the same policy.
//! Chromium drops every value its schema does not describe, and the core drops every value it
//! cannot parse; when the two disagree a key an administrator sets reaches one and not the other,
//! silently. These tests fail on any such difference, and on schema features Chrome rejects.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::{json, Map, Value};
use zorgvuldig::rules::Rule;
use zorgvuldig::{Policy, POLICY_KEYS};

fn read_json(relative: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: not JSON: {e}", path.display()))
}

fn schema() -> Value {
    read_json("web/extension/schema.json")
}

fn example() -> Value {
    read_json("docs/deployment/example-policy.json")
}

fn properties(node: &Value) -> &Map<String, Value> {
    node["properties"].as_object().expect("a node with `properties`")
}

fn keys(map: &Map<String, Value>) -> BTreeSet<String> {
    map.keys().cloned().collect()
}

/// Parses `policy` and returns its errors as `path: code` lines (for readable failures).
fn errors(policy: &Value) -> Vec<String> {
    Policy::from_json(policy).1.iter().map(|e| format!("{}: {} ({})", e.path, e.code, e.message)).collect()
}

// ---------------------------------------------------------------------------------------------
// Keys

#[test]
fn every_top_level_key_is_in_the_schema_and_in_the_rust_policy() {
    let schema = schema();
    let in_schema = keys(properties(&schema));
    let in_rust: BTreeSet<String> = POLICY_KEYS.iter().map(|k| k.to_string()).collect();
    assert_eq!(
        in_schema,
        in_rust,
        "web/extension/schema.json and POLICY_KEYS differ.\n  only in the schema: {:?}\n  only in POLICY_KEYS: {:?}",
        in_schema.difference(&in_rust).collect::<Vec<_>>(),
        in_rust.difference(&in_schema).collect::<Vec<_>>()
    );
    // POLICY_KEYS is the unknown-key list; the effective policy is the struct. They must agree too.
    let serialized = serde_json::to_value(Policy::default()).unwrap();
    assert_eq!(keys(serialized.as_object().unwrap()), in_rust, "Policy's fields and POLICY_KEYS differ");
    // A key that is in the schema is not reported as unknown by the parser.
    for key in &in_schema {
        let reported: Vec<String> =
            Policy::from_json(&json!({ key.as_str(): null })).1.into_iter().filter(|e| e.code == "unknown-key").map(|e| e.path).collect();
        assert!(reported.is_empty(), "the parser calls schema key {key} unknown");
    }
}

/// The object keys of the list entries: the schema's `items.properties`, the fields the Rust type
/// serialises, and the keys the parser accepts without an `unknown-key` error must be one set.
#[test]
fn nested_object_keys_agree() {
    let schema = schema();
    let full = json!({
        "retiredDomains": [{"domain": "oud.nl", "successor": "nieuw.nl"}],
        "customPatterns": [{"id": "p", "label": "P", "pattern": "P-\\d+", "severity": "low"}]
    });
    let (policy, errs) = Policy::from_json(&full);
    assert!(errs.is_empty(), "{errs:?}");
    let serialized = serde_json::to_value(&policy).unwrap();
    for (list, expected) in
        [("retiredDomains", vec!["domain", "successor"]), ("customPatterns", vec!["id", "label", "pattern", "severity"])]
    {
        let expected: BTreeSet<String> = expected.into_iter().map(String::from).collect();
        let item = &properties(&schema)[list]["items"];
        assert_eq!(item["type"], "object", "{list}.items");
        let in_schema = keys(properties(item));
        let in_rust = keys(serialized[list][0].as_object().unwrap());
        assert_eq!(in_schema, expected, "schema {list}[] keys");
        assert_eq!(in_rust, expected, "Rust {list}[] fields");
        // Each schema key is accepted; a key the schema does not know is reported.
        let required = if list == "retiredDomains" { "domain" } else { "pattern" };
        for key in &in_schema {
            let mut entry = json!({ required: full[list][0][required].clone() });
            entry[key.as_str()] = full[list][0][key.as_str()].clone();
            assert!(errors(&json!({ list: [entry] })).is_empty(), "{list}[].{key}: {:?}", errors(&json!({ list: [entry] })));
        }
        let mut entry = full[list][0].clone();
        entry["notInTheSchema"] = json!("x");
        let errs = Policy::from_json(&json!({ list: [entry] })).1;
        assert!(
            errs.iter().any(|e| e.code == "unknown-key" && e.path == format!("{list}[0].notInTheSchema")),
            "a {list}[] key outside the schema is not reported: {errs:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Documentation in the schema (Chrome shows it in chrome://policy and admin consoles)

/// Every `properties` entry, at any depth, with its path.
fn all_properties<'a>(node: &'a Value, path: &str, out: &mut Vec<(String, &'a Value)>) {
    if let Some(props) = node.get("properties").and_then(Value::as_object) {
        for (key, child) in props {
            let child_path = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
            out.push((child_path.clone(), child));
            all_properties(child, &child_path, out);
        }
    }
    if let Some(items) = node.get("items") {
        all_properties(items, &format!("{path}[]"), out);
    }
    if let Some(extra) = node.get("additionalProperties").filter(|v| v.is_object()) {
        all_properties(extra, &format!("{path}.*"), out);
    }
}

#[test]
fn every_property_has_a_title_and_a_description() {
    let schema = schema();
    let mut props = Vec::new();
    all_properties(&schema, "", &mut props);
    assert!(props.len() > POLICY_KEYS.len(), "nested properties are walked too");
    for (path, node) in props {
        for field in ["title", "description"] {
            let text = node.get(field).and_then(Value::as_str).unwrap_or("");
            assert!(!text.trim().is_empty(), "{path} has no {field}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The subset of JSON Schema Chrome accepts (developer.chrome.com, "Manifest for storage areas"):
// the top-level schema is an object without `additionalProperties`; every schema has exactly one
// `type` or one `$ref`; `$ref` points at an `id` in the same file (no `definitions`, nothing
// outside).

/// The attributes Chrome's policy schema parser knows (components/policy/core/common/schema.cc).
const CHROME_ATTRIBUTES: [&str; 15] = [
    "type",
    "title",
    "description",
    "properties",
    "additionalProperties",
    "patternProperties",
    "items",
    "enum",
    "minimum",
    "maximum",
    "pattern",
    "required",
    "id",
    "$ref",
    "sensitiveValue",
];
const CHROME_TYPES: [&str; 7] = ["object", "array", "string", "integer", "number", "boolean", "null"];

fn walk_schemas<'a>(node: &'a Value, path: &str, out: &mut Vec<(String, &'a Value)>) {
    out.push((path.to_string(), node));
    if let Some(props) = node.get("properties").and_then(Value::as_object) {
        for (key, child) in props {
            walk_schemas(child, &format!("{path}.properties.{key}"), out);
        }
    }
    if let Some(props) = node.get("patternProperties").and_then(Value::as_object) {
        for (key, child) in props {
            walk_schemas(child, &format!("{path}.patternProperties.{key}"), out);
        }
    }
    if let Some(items) = node.get("items") {
        walk_schemas(items, &format!("{path}.items"), out);
    }
    if let Some(extra) = node.get("additionalProperties") {
        walk_schemas(extra, &format!("{path}.additionalProperties"), out);
    }
}

#[test]
fn schema_uses_only_what_chrome_accepts() {
    let schema = schema();
    assert_eq!(schema["type"], "object", "the top-level schema must have type object");
    assert!(schema.get("additionalProperties").is_none(), "Chrome forbids a top-level additionalProperties");
    assert!(schema.get("definitions").is_none() && schema.get("$defs").is_none(), "no definitions: use id/$ref inline");

    let mut nodes = Vec::new();
    walk_schemas(&schema, "#", &mut nodes);
    let ids: BTreeSet<&str> = nodes.iter().filter_map(|(_, n)| n.get("id").and_then(Value::as_str)).collect();
    for (path, node) in &nodes {
        let object = node.as_object().unwrap_or_else(|| panic!("{path}: a schema must be an object (not {node})"));
        for attribute in object.keys() {
            assert!(CHROME_ATTRIBUTES.contains(&attribute.as_str()), "{path}: Chrome does not know `{attribute}`");
        }
        match (object.get("type"), object.get("$ref")) {
            (Some(t), None) => {
                let t = t.as_str().unwrap_or_else(|| panic!("{path}: `type` must be one string, not {t}"));
                assert!(CHROME_TYPES.contains(&t), "{path}: unknown type {t}");
                if t == "array" {
                    assert!(object.contains_key("items"), "{path}: an array needs `items`");
                }
            }
            (None, Some(r)) => {
                let r = r.as_str().unwrap_or_default();
                assert!(ids.contains(r), "{path}: $ref {r} is not an id in this file");
            }
            _ => panic!("{path}: needs exactly one of `type` and `$ref`"),
        }
        if let Some(values) = object.get("enum") {
            let values = values.as_array().unwrap_or_else(|| panic!("{path}: enum must be a list"));
            assert!(!values.is_empty(), "{path}: empty enum");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Enumerations: what the schema lets through is what the parser accepts

/// Wraps a value for the enum at `path` into a whole policy.
fn policy_with_enum_value(path: &str, value: &str) -> (Value, String) {
    match path {
        "customPatterns[].severity" => (
            json!({"customPatterns": [{"id": "p", "label": "P", "pattern": "P-\\d+", "severity": value}]}),
            "customPatterns[0].severity".into(),
        ),
        "actions.*" => (json!({"actions": {"bsn": value}}), "actions.bsn".into()),
        top if POLICY_KEYS.contains(&top) => (json!({ top: value }), top.into()),
        other => panic!("tests/schema.rs does not know how to place the enum at {other}; add it here"),
    }
}

#[test]
fn enum_values_are_exactly_what_the_parser_accepts() {
    let schema = schema();
    let mut props = Vec::new();
    all_properties(&schema, "", &mut props);
    // additionalProperties nodes (the `actions` values) are not `properties`; add them.
    let actions_values = &properties(&schema)["actions"]["additionalProperties"];
    props.push(("actions.*".to_string(), actions_values));
    let mut checked = 0;
    for (path, node) in props {
        let Some(values) = node.get("enum").and_then(Value::as_array) else { continue };
        for value in values {
            let value = value.as_str().unwrap_or_else(|| panic!("{path}: non-string enum value {value}"));
            let (policy, _) = policy_with_enum_value(&path, value);
            assert!(errors(&policy).is_empty(), "schema allows {path} = {value:?}, the parser refuses it: {:?}", errors(&policy));
        }
        for outside in ["not-in-the-enum", "BLOCK", ""] {
            let (policy, error_path) = policy_with_enum_value(&path, outside);
            let errs = Policy::from_json(&policy).1;
            assert!(
                errs.iter().any(|e| e.path == error_path),
                "{path} = {outside:?} is outside the schema's enum, but the parser accepts it"
            );
        }
        checked += 1;
    }
    // language, enforcement, failMode, customPatterns[].severity, actions.*
    assert_eq!(checked, 5, "enums found in the schema");
}

#[test]
fn every_rule_id_is_accepted_in_actions() {
    for rule in Rule::ALL {
        let policy = json!({"actions": { rule.id(): "warn" }});
        assert!(errors(&policy).is_empty(), "{}", rule.id());
    }
}

// ---------------------------------------------------------------------------------------------
// Types: a value of the schema's type is parsed; a value of another type is reported

/// A minimal validator for the schema subset above: the problems Chrome would find in `value`.
fn validate(value: &Value, schema: &Value, path: &str, problems: &mut Vec<String>) {
    let t = schema["type"].as_str().unwrap_or_default();
    let ok = match t {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        _ => false,
    };
    if !ok {
        problems.push(format!("{path}: not of type {t}: {value}"));
        return;
    }
    if let Some(allowed) = schema.get("enum").and_then(Value::as_array) {
        if !allowed.contains(value) {
            problems.push(format!("{path}: {value} is not one of {allowed:?}"));
        }
    }
    match value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                validate(item, &schema["items"], &format!("{path}[{i}]"), problems);
            }
        }
        Value::Object(fields) => {
            for (key, field) in fields {
                let child_path = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                match schema.get("properties").and_then(|p| p.get(key)) {
                    Some(child) => validate(field, child, &child_path, problems),
                    None => match schema.get("additionalProperties").filter(|a| a.is_object()) {
                        Some(child) => validate(field, child, &child_path, problems),
                        None => problems.push(format!("{child_path}: not in the schema")),
                    },
                }
            }
        }
        _ => {}
    }
}

/// A valid value for each key; the example policy's where it has one.
fn sample(key: &str) -> Value {
    if let Some(value) = example().get(key) {
        return value.clone();
    }
    match key {
        "adapterSelectors" => json!({"roundcube": {"send": ["button.send"]}}),
        "webmailAdapters" => json!({"webmail.samenveilig.nl": "generic"}),
        other => panic!("give tests/schema.rs a sample value for {other}, or put it in the example policy"),
    }
}

#[test]
fn schema_types_are_the_parser_types() {
    let schema = schema();
    for key in POLICY_KEYS {
        let node = &properties(&schema)[key];
        let value = sample(key);
        let mut problems = Vec::new();
        validate(&value, node, key, &mut problems);
        assert!(problems.is_empty(), "sample {key} does not fit the schema: {problems:?}");
        assert!(errors(&json!({ key: value })).is_empty(), "{key}: {:?}", errors(&json!({ key: value })));
        // A value of another JSON type: Chrome would drop it, the parser must report it.
        let wrong = match node["type"].as_str().unwrap() {
            "array" => json!("x.nl"),
            "object" => json!(["x"]),
            "string" => json!(1),
            "integer" => json!("15"),
            "boolean" => json!("true"),
            other => panic!("{key}: type {other}"),
        };
        let errs = Policy::from_json(&json!({ key: wrong.clone() })).1;
        assert!(errs.iter().any(|e| e.path == key), "{key} = {wrong} (wrong type) is not reported: {errs:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// The example policy every deployment template is generated from (docs/deployment/)

#[test]
fn example_policy_is_valid_for_the_parser_and_the_schema() {
    let example = example();
    assert_eq!(errors(&example), Vec::<String>::new(), "docs/deployment/example-policy.json has policy errors");
    let mut problems = Vec::new();
    validate(&example, &schema(), "", &mut problems);
    assert!(problems.is_empty(), "Chrome would drop parts of the example policy: {problems:?}");
    // The pilot settings the administrator guide describes.
    assert_eq!(example["enforcement"], "report");
    assert_eq!(example["requireJustification"], true);
    assert!(example["retiredAddresses"].as_array().unwrap().iter().any(|a| a.as_str().unwrap().starts_with("sha256:")));
}

// ---------------------------------------------------------------------------------------------
// The administrator guide's key table (docs/admin.md, "Every key")

/// The rows of the key table: key → [type, default, example, meaning] cells.
fn admin_table() -> Vec<(String, Vec<String>)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/admin.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let section = text.split("### Every key").nth(1).expect("docs/admin.md has a section \"### Every key\"");
    let section = section.split("\n#").next().unwrap();
    section
        .lines()
        .filter(|line| line.starts_with("| `"))
        .map(|line| {
            let cells: Vec<String> = line.trim().trim_matches('|').split('|').map(|c| c.trim().to_string()).collect();
            assert_eq!(cells.len(), 5, "docs/admin.md: a key row needs 5 cells: {line}");
            (cells[0].trim_matches('`').to_string(), cells[1..].to_vec())
        })
        .collect()
}

/// The text of the first `code span` in a cell.
fn first_code(cell: &str) -> &str {
    cell.split('`').nth(1).unwrap_or_else(|| panic!("no `code` in {cell:?}"))
}

#[test]
fn admin_guide_lists_every_key_with_its_type_default_and_a_valid_example() {
    let schema = schema();
    let rows = admin_table();
    let listed: Vec<&str> = rows.iter().map(|(key, _)| key.as_str()).collect();
    assert_eq!(listed, POLICY_KEYS.to_vec(), "docs/admin.md: the key table lists exactly the policy keys, in POLICY_KEYS order");
    let defaults = serde_json::to_value(Policy::default()).unwrap();
    for (key, cells) in &rows {
        let node = &properties(&schema)[key.as_str()];
        let (kind, default, example, meaning) = (&cells[0], &cells[1], &cells[2], &cells[3]);
        // Type: the schema's, in words; an enumeration lists its values.
        let words = match node["type"].as_str().unwrap() {
            "array" => "list",
            "object" => "object",
            "boolean" => "true or false",
            "integer" => "whole number",
            "string" => "",
            other => panic!("{key}: type {other}"),
        };
        assert!(kind.contains(words), "docs/admin.md {key}: type {kind:?} should say {words:?}");
        if let Some(values) = node.get("enum").and_then(Value::as_array) {
            for value in values {
                assert!(kind.contains(&format!("`{}`", value.as_str().unwrap())), "docs/admin.md {key}: type should list {value}");
            }
        }
        // Default: the first code span is the core's default, as JSON.
        let written: Value = serde_json::from_str(first_code(default))
            .unwrap_or_else(|e| panic!("docs/admin.md {key}: default {default:?} is not JSON: {e}"));
        assert_eq!(written, defaults[key.as_str()], "docs/admin.md {key}: the default is not the core's");
        // Example: JSON that fits the schema and that the parser takes without an error.
        let value: Value = serde_json::from_str(first_code(example))
            .unwrap_or_else(|e| panic!("docs/admin.md {key}: example {example:?} is not JSON: {e}"));
        let mut problems = Vec::new();
        validate(&value, node, key, &mut problems);
        assert!(problems.is_empty(), "docs/admin.md {key}: example does not fit the schema: {problems:?}");
        assert!(errors(&json!({ key.as_str(): value })).is_empty(), "docs/admin.md {key}: {:?}", errors(&json!({ key.as_str(): value })));
        assert!(meaning.len() > 20, "docs/admin.md {key}: say what it does");
    }
}
