//! Data-driven tests: every `tests/cases/*.toml` file holds cases, each a compose snapshot, a
//! policy and the verdict expected for it. One runner runs them all and reports every failing
//! case by name with what was expected and what came out.
//!
//! # Case format
//! ```toml
//! [[case]]
//! name = "retired domain in Unicode"        # unique across all files
//! policy = "org"                            # tests/policies/org.json
//! # or: policy_json = '''{"internalDomains": ["samenveilig.nl"]}'''   (inline, instead of `policy`)
//! # optional, with `policy`: policy_extra = '''{"language": "en"}'''  (keys replace the file's keys)
//! snapshot = { to = ["Jan <jan@bjzutrecht.nl>"], subject = "", body = "" }
//! action = "block"                          # expected verdict.action
//! rules = ["retired-domain"]                # EXACT set of rule ids among the findings
//!
//! # Optional expectations:
//! intended_action = "block"
//! severities = { "retired-domain" = "block" }     # every finding of that rule has this severity
//! counts = { "retired-domain" = 2 }               # number of findings of that rule
//! confidences = { "bsn" = "high" }                # every finding of that rule has this confidence
//! recipients = { "external-unencrypted" = ["a@x.nl"] }  # sorted addresses named by that rule's
//!                                                 # findings (`recipient`, or `recipients` if set)
//! fixes = [{ kind = "replace-recipient", recipient = "...", replacement = "jan@samenveilig.nl" }]
//!                                                 # each must equal some finding's fix in the
//!                                                 # keys given (kind always; recipient,
//!                                                 # replacement, marker when given)
//! policy_errors = ["retiredDomains[1].domain invalid-domain"]  # exact set of "path code"
//!                                                 # ("code" alone for the root path); when left
//!                                                 # out, the policy must have no errors
//! policy_error_contains = ["Bedoelt u 'internalDomains'?"]    # in some policy error message
//! message_contains = ["Gebruik jan@samenveilig.nl"]  # in some finding message
//! message_excludes = ["123456782"]                # in no finding message, summary or excerpt
//! summary_contains = ["Niet verzenden"]
//! spans = [{ rule = "bsn", field = "body", text = "123.456.782" }]
//!                                                 # some finding of the rule has UTF-16
//!                                                 # start/end cutting exactly this text out of
//!                                                 # the field (recipient fields and attachments:
//!                                                 # the entry at `index`, default 0; the text
//!                                                 # inside an attachment: its `part = n`)
//! override = { allowed = true, justification_required = false }
//! ```
//! Snapshot keys are those of the compose snapshot (`from`, `to`, `cc`, `bcc`, `subject`, `body`,
//! `attachments`); an unknown key is an error in the case, not silently ignored.
//!
//! Every case is also checked for things that must always hold: the verdict serialises with
//! the contract's keys, and every finding's span lies inside its field on UTF-16 boundaries.
//!
//! The same cases run through the WebAssembly build too: `tests/wasm.rs` includes this file as a
//! module and calls [`run_all`] with the Wasm `Engine` (`make test-wasm`). The files are compiled in
//! ([`CASE_FILES`], [`POLICY_FILES`]), so both builds read the same data; a native test checks that
//! the lists name every file in `tests/cases/` and `tests/policies/`.

// In the Wasm test crate only `run_all` and the file lists are used.
#![cfg_attr(target_arch = "wasm32", allow(dead_code))]

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;
use serde_json::Value;
use zorgvuldig::Snapshot;

const MIN_CASES: usize = 150;

/// Every case file, compiled in, so that the native and the Wasm build run the same data.
pub const CASE_FILES: &[(&str, &str)] = &[
    ("addresses.toml", include_str!("cases/addresses.toml")),
    ("attachments.toml", include_str!("cases/attachments.toml")),
    ("bsn.toml", include_str!("cases/bsn.toml")),
    ("content_detectors.toml", include_str!("cases/content_detectors.toml")),
    ("custom_pattern.toml", include_str!("cases/custom_pattern.toml")),
    ("external_unencrypted.toml", include_str!("cases/external_unencrypted.toml")),
    ("freemail.toml", include_str!("cases/freemail.toml")),
    ("hostile.toml", include_str!("cases/hostile.toml")),
    ("large_audience.toml", include_str!("cases/large_audience.toml")),
    ("lookalike.toml", include_str!("cases/lookalike.toml")),
    ("person.toml", include_str!("cases/person.toml")),
    ("policy_validation.toml", include_str!("cases/policy_validation.toml")),
    ("retired_address.toml", include_str!("cases/retired_address.toml")),
    ("retired_domain.toml", include_str!("cases/retired_domain.toml")),
    ("special_category.toml", include_str!("cases/special_category.toml")),
    ("unresolved_recipient.toml", include_str!("cases/unresolved_recipient.toml")),
    ("verdict.toml", include_str!("cases/verdict.toml")),
];

/// The shared policies cases name with `policy = "..."` (tests/policies/<name>.json).
pub const POLICY_FILES: &[(&str, &str)] = &[
    ("empty", include_str!("policies/empty.json")),
    ("minimal", include_str!("policies/minimal.json")),
    ("org", include_str!("policies/org.json")),
    ("punycode", include_str!("policies/punycode.json")),
];

/// What a build does with a case: compile the policy (JSON), analyse the snapshot (JSON), and
/// give the verdict as JSON.
pub type Analyze<'a> = dyn FnMut(&Value, &Value) -> Result<Value, String> + 'a;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    #[serde(default)]
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    policy: Option<String>,
    policy_json: Option<String>,
    policy_extra: Option<String>,
    snapshot: toml::Value,
    action: String,
    rules: Vec<String>,
    intended_action: Option<String>,
    #[serde(default)]
    severities: BTreeMap<String, String>,
    #[serde(default)]
    counts: BTreeMap<String, usize>,
    #[serde(default)]
    confidences: BTreeMap<String, String>,
    #[serde(default)]
    recipients: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    fixes: Vec<ExpectedFix>,
    policy_errors: Option<Vec<String>>,
    #[serde(default)]
    policy_error_contains: Vec<String>,
    #[serde(default)]
    message_contains: Vec<String>,
    #[serde(default)]
    message_excludes: Vec<String>,
    #[serde(default)]
    summary_contains: Vec<String>,
    #[serde(default)]
    spans: Vec<ExpectedSpan>,
    #[serde(rename = "override")]
    override_: Option<ExpectedOverride>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct ExpectedFix {
    kind: String,
    recipient: Option<String>,
    replacement: Option<String>,
    marker: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct ExpectedSpan {
    rule: String,
    field: String,
    #[serde(default)]
    index: usize,
    /// For the text inside an attachment: which of its parts (left out: the name).
    part: Option<usize>,
    text: String,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct ExpectedOverride {
    allowed: bool,
    justification_required: bool,
}

const SNAPSHOT_KEYS: [&str; 7] = ["from", "to", "cc", "bcc", "subject", "body", "attachments"];

/// The shared policies by name.
fn policies() -> BTreeMap<String, Value> {
    POLICY_FILES
        .iter()
        .map(|(name, text)| {
            let value: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("tests/policies/{name}.json: {e}"));
            (name.to_string(), value)
        })
        .collect()
}

/// The policy JSON a case asks for.
fn policy_of(case: &Case, policies: &BTreeMap<String, Value>) -> Result<Value, String> {
    let mut policy = match (&case.policy, &case.policy_json) {
        (Some(name), None) => policies.get(name).cloned().ok_or_else(|| format!("no policy tests/policies/{name}.json"))?,
        (None, Some(json)) => serde_json::from_str(json).map_err(|e| format!("policy_json is not JSON: {e}"))?,
        (None, None) => return Err("case needs `policy` or `policy_json`".into()),
        (Some(_), Some(_)) => return Err("case has both `policy` and `policy_json`".into()),
    };
    if let Some(extra) = &case.policy_extra {
        let extra: Value = serde_json::from_str(extra).map_err(|e| format!("policy_extra is not JSON: {e}"))?;
        match (policy.as_object_mut(), extra.as_object()) {
            (Some(base), Some(extra)) => {
                for (key, value) in extra {
                    base.insert(key.clone(), value.clone());
                }
            }
            _ => return Err("policy_extra needs an object policy and an object".into()),
        }
    }
    Ok(policy)
}

fn snapshot_of(case: &Case) -> Result<Snapshot, String> {
    let json = serde_json::to_value(&case.snapshot).map_err(|e| format!("snapshot: {e}"))?;
    let object = json.as_object().ok_or("snapshot must be a table")?;
    if let Some(bad) = object.keys().find(|k| !SNAPSHOT_KEYS.contains(&k.as_str())) {
        return Err(format!("snapshot has unknown key '{bad}'"));
    }
    serde_json::from_value(json).map_err(|e| format!("snapshot: {e}"))
}

/// The text a finding's offsets point into.
fn field_text<'s>(snapshot: &'s Snapshot, field: &str, index: Option<usize>, part: Option<usize>) -> Option<&'s str> {
    if let (Some(part), "attachments") = (part, field) {
        return snapshot.attachments.get(index?)?.texts.get(part).map(String::as_str);
    }
    match field {
        "subject" => Some(&snapshot.subject),
        "body" => Some(&snapshot.body),
        "to" => snapshot.to.get(index?).map(String::as_str),
        "cc" => snapshot.cc.get(index?).map(String::as_str),
        "bcc" => snapshot.bcc.get(index?).map(String::as_str),
        "attachments" => snapshot.attachments.get(index?).map(|a| a.name.as_str()),
        _ => None,
    }
}

/// Cuts UTF-16 code units `start..end` out of `text`, failing on a range outside the text or
/// one that splits a surrogate pair.
fn utf16_slice(text: &str, start: usize, end: usize) -> Result<String, String> {
    let units: Vec<u16> = text.encode_utf16().collect();
    if start > end || end > units.len() {
        return Err(format!("span {start}..{end} outside a text of {} UTF-16 units", units.len()));
    }
    String::from_utf16(&units[start..end]).map_err(|_| format!("span {start}..{end} splits a surrogate pair"))
}

fn str_of<'v>(value: &'v Value, key: &str) -> Option<&'v str> {
    value.get(key).and_then(Value::as_str)
}

/// Runs one case; returns what did not match.
fn run(case: &Case, policies: &BTreeMap<String, Value>, analyze: &mut Analyze) -> Vec<String> {
    let mut problems = Vec::new();
    let policy = match policy_of(case, policies) {
        Ok(p) => p,
        Err(e) => return vec![e],
    };
    let snapshot = match snapshot_of(case) {
        Ok(s) => s,
        Err(e) => return vec![e],
    };
    let snapshot_json = match serde_json::to_value(&case.snapshot) {
        Ok(json) => json,
        Err(e) => return vec![format!("snapshot: {e}")],
    };
    let verdict = match analyze(&policy, &snapshot_json) {
        Ok(v) => v,
        Err(e) => return vec![e],
    };
    let empty = Vec::new();
    let findings = verdict.get("findings").and_then(Value::as_array).unwrap_or(&empty);
    fn of_rule<'a>(findings: &'a [Value], rule: &'a str) -> impl Iterator<Item = &'a Value> + 'a {
        findings.iter().filter(move |f| str_of(f, "rule") == Some(rule))
    }
    let mut check = |ok: bool, what: String| {
        if !ok {
            problems.push(what);
        }
    };

    // The contract's keys are there.
    for key in ["action", "intendedAction", "summary", "findings", "override", "policyErrors"] {
        check(verdict.get(key).is_some(), format!("verdict lacks key '{key}'"));
    }

    let action = str_of(&verdict, "action").unwrap_or("?");
    check(action == case.action, format!("action: expected {}, got {action}", case.action));
    if let Some(expected) = &case.intended_action {
        let got = str_of(&verdict, "intendedAction").unwrap_or("?");
        check(got == expected, format!("intendedAction: expected {expected}, got {got}"));
    }

    let got_rules: BTreeSet<&str> = findings.iter().filter_map(|f| str_of(f, "rule")).collect();
    let expected_rules: BTreeSet<&str> = case.rules.iter().map(String::as_str).collect();
    check(got_rules == expected_rules, format!("rules: expected {expected_rules:?}, got {got_rules:?}"));

    for (rule, severity) in &case.severities {
        let got: Vec<&str> = of_rule(findings, rule).filter_map(|f| str_of(f, "severity")).collect();
        check(!got.is_empty() && got.iter().all(|s| s == severity), format!("severity of {rule}: expected {severity}, got {got:?}"));
    }
    for (rule, count) in &case.counts {
        let got = of_rule(findings, rule).count();
        check(got == *count, format!("count of {rule}: expected {count}, got {got}"));
    }
    for (rule, confidence) in &case.confidences {
        let got: Vec<&str> = of_rule(findings, rule).map(|f| str_of(f, "confidence").unwrap_or("none")).collect();
        check(!got.is_empty() && got.iter().all(|c| c == confidence), format!("confidence of {rule}: expected {confidence}, got {got:?}"));
    }
    for (rule, expected) in &case.recipients {
        let mut got: Vec<String> = Vec::new();
        for f in of_rule(findings, rule) {
            match f.get("recipients").and_then(Value::as_array) {
                Some(list) if !list.is_empty() => got.extend(list.iter().filter_map(Value::as_str).map(str::to_string)),
                _ => got.extend(str_of(f, "recipient").map(str::to_string)),
            }
        }
        got.sort();
        let mut expected = expected.clone();
        expected.sort();
        check(got == expected, format!("recipients of {rule}: expected {expected:?}, got {got:?}"));
    }

    let fixes: Vec<&Value> = findings.iter().filter_map(|f| f.get("fix")).collect();
    for want in &case.fixes {
        let matches = |fix: &&Value| {
            str_of(fix, "kind") == Some(want.kind.as_str())
                && want.recipient.as_deref().is_none_or(|r| str_of(fix, "recipient") == Some(r))
                && want.replacement.as_deref().is_none_or(|r| str_of(fix, "replacement") == Some(r))
                && want.marker.as_deref().is_none_or(|m| str_of(fix, "marker") == Some(m))
        };
        check(fixes.iter().any(matches), format!("fix {want:?} not among {fixes:?}"));
    }

    let errors = verdict.get("policyErrors").and_then(Value::as_array).unwrap_or(&empty);
    let got_errors: BTreeSet<String> = errors
        .iter()
        .map(|e| format!("{} {}", str_of(e, "path").unwrap_or("?"), str_of(e, "code").unwrap_or("?")).trim_start().to_string())
        .collect();
    let expected_errors: BTreeSet<String> = case.policy_errors.iter().flatten().cloned().collect();
    check(got_errors == expected_errors, format!("policyErrors: expected {expected_errors:?}, got {got_errors:?}"));
    for text in &case.policy_error_contains {
        let found = errors.iter().any(|e| str_of(e, "message").is_some_and(|m| m.contains(text.as_str())));
        check(found, format!("no policy error message contains {text:?}; got {errors:?}"));
    }

    let messages: Vec<&str> = findings.iter().filter_map(|f| str_of(f, "message")).collect();
    for text in &case.message_contains {
        check(messages.iter().any(|m| m.contains(text.as_str())), format!("no message contains {text:?}; messages: {messages:#?}"));
    }
    let summary = str_of(&verdict, "summary").unwrap_or("");
    let excerpts: Vec<&str> = findings.iter().filter_map(|f| str_of(f, "excerpt")).collect();
    for text in &case.message_excludes {
        let leaked = messages.iter().chain(&excerpts).chain(std::iter::once(&summary)).find(|m| m.contains(text.as_str()));
        check(leaked.is_none(), format!("{text:?} appears in {leaked:?}"));
    }
    for text in &case.summary_contains {
        check(summary.contains(text.as_str()), format!("summary {summary:?} lacks {text:?}"));
    }

    // Every span lies in its field on UTF-16 boundaries.
    let mut cut: Vec<(String, String, usize, Option<usize>, String)> = Vec::new();
    for f in findings {
        let (Some(rule), Some(field)) = (str_of(f, "rule"), str_of(f, "field")) else {
            check(false, format!("finding without rule or field: {f}"));
            continue;
        };
        let start = f.get("start").and_then(Value::as_u64).unwrap_or(u64::MAX) as usize;
        let end = f.get("end").and_then(Value::as_u64).unwrap_or(u64::MAX) as usize;
        let index = f.get("index").and_then(Value::as_u64).map(|i| i as usize);
        let part = f.get("part").and_then(Value::as_u64).map(|i| i as usize);
        let needs_index = matches!(field, "to" | "cc" | "bcc" | "attachments");
        if needs_index && index.is_none() {
            check(start == 0 && end == 0, format!("{rule} finding in {field} without index has span {start}..{end}"));
            continue;
        }
        match field_text(&snapshot, field, index, part) {
            None => check(false, format!("{rule} finding points at missing {field}[{index:?}] part {part:?}")),
            Some(text) => match utf16_slice(text, start, end) {
                Ok(slice) => cut.push((rule.to_string(), field.to_string(), index.unwrap_or(0), part, slice)),
                Err(e) => check(false, format!("{rule} finding in {field}: {e}")),
            },
        }
    }
    for span in &case.spans {
        let found = cut.iter().any(|(rule, field, index, part, text)| {
            *rule == span.rule
                && *field == span.field
                && (!matches!(field.as_str(), "to" | "cc" | "bcc" | "attachments") || *index == span.index)
                && *part == span.part
                && *text == span.text
        });
        let got: Vec<&(String, String, usize, Option<usize>, String)> = cut.iter().filter(|(rule, ..)| *rule == span.rule).collect();
        check(found, format!("no {} finding spans {:?} in {}[{}]; got {got:?}", span.rule, span.text, span.field, span.index));
    }

    if let Some(expected) = &case.override_ {
        let o = verdict.get("override");
        let allowed = o.and_then(|o| o.get("allowed")).and_then(Value::as_bool);
        let justification = o.and_then(|o| o.get("justificationRequired")).and_then(Value::as_bool);
        check(
            allowed == Some(expected.allowed) && justification == Some(expected.justification_required),
            format!("override: expected {expected:?}, got {o:?}"),
        );
    }
    problems
}

/// Runs every case with `analyze`; returns how many ran and what failed, per case.
pub fn run_all(analyze: &mut Analyze) -> (usize, Vec<String>) {
    let policies = policies();
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    let mut failures: Vec<String> = Vec::new();
    let mut total = 0;
    for (file, text) in CASE_FILES {
        let cases: CaseFile = match toml::from_str(text) {
            Ok(cases) => cases,
            Err(e) => {
                failures.push(format!("{file}: cannot be read: {e}"));
                continue;
            }
        };
        for case in &cases.case {
            total += 1;
            if let Some(other) = names.insert(case.name.clone(), file.to_string()) {
                failures.push(format!("{file}: case name {:?} is also used in {other}", case.name));
            }
            let problems = run(case, &policies, analyze);
            if !problems.is_empty() {
                failures.push(format!("{file}: {:?}\n    {}", case.name, problems.join("\n    ")));
            }
        }
    }
    if total < MIN_CASES {
        failures.push(format!("only {total} cases loaded; at least {MIN_CASES} are required"));
    }
    (total, failures)
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn cases() {
    let (total, failures) = run_all(&mut |policy, snapshot| {
        let snapshot: Snapshot = serde_json::from_value(snapshot.clone()).map_err(|e| format!("snapshot: {e}"))?;
        serde_json::to_value(zorgvuldig::Engine::from_json(policy).analyze(&snapshot))
            .map_err(|e| format!("verdict does not serialise: {e}"))
    });
    assert!(failures.is_empty(), "{} of {total} cases failed:\n{}", failures.len(), failures.join("\n"));
    println!("{total} cases passed");
}

/// The compiled-in lists name exactly the files on disk: a new case file is run, not forgotten.
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn every_case_and_policy_file_is_listed() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let on_disk = |sub: &str, extension: &str, keep_extension: bool| -> BTreeSet<String> {
        std::fs::read_dir(dir.join(sub))
            .unwrap_or_else(|e| panic!("cannot read tests/{sub}: {e}"))
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == extension))
            .filter_map(|p| if keep_extension { p.file_name() } else { p.file_stem() }.map(|n| n.to_string_lossy().into_owned()))
            .collect()
    };
    let listed = |list: &[(&str, &str)]| -> BTreeSet<String> { list.iter().map(|(name, _)| name.to_string()).collect() };
    assert_eq!(listed(CASE_FILES), on_disk("cases", "toml", true), "CASE_FILES in tests/cases.rs must list every tests/cases/*.toml");
    assert_eq!(
        listed(POLICY_FILES),
        on_disk("policies", "json", false),
        "POLICY_FILES in tests/cases.rs must list every tests/policies/*.json"
    );
}
