//! What each fuzz target feeds the core and what it checks, in one place: the libFuzzer targets
//! in `fuzz_targets/` call these functions, and `tests/fuzz_seeds.rs` replays every committed
//! seed and regression input through them as a plain `cargo test` (no fuzzer needed).
//!
//! Every function panics when the core breaks a promise, which is what the fuzzer reports as a
//! crash: the core must never panic, and its answers must be well formed (spans inside their
//! field, findings in order, the action following from the findings, sensitive values masked).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use serde_json::Value;
use zorgvuldig::{
    eml, parse_address_list, Action, Attachment, Enforcement, Engine, Field, Level, Mailbox, Policy, PolicyError, Reading, Snapshot,
    Verdict, NAME_CHARS,
};

/// What a target does with one input; panics when a check fails.
pub type Check = fn(&[u8]);

/// Every target by name. Its inputs are in `fuzz/seeds/<target>/` (committed, small) and
/// `fuzz/regressions/<target>/` (inputs that once broke something).
pub const TARGETS: [(&str, Check); 7] =
    [("policy", policy), ("analyze", analyze), ("eml", eml), ("address", address), ("pdf", pdf), ("office", office), ("text", text)];

/// Separates the parts of an `analyze` input.
pub const FIELD_SEPARATOR: char = '\u{1e}';
/// Separates the entries of a list part (recipients, attachment names).
pub const ITEM_SEPARATOR: char = '\u{1f}';

/// The policy of the data-driven tests, used when an `analyze` input brings no policy of its own.
const ORG_POLICY: &str = include_str!("../../tests/policies/org.json");

/// The engine for a policy text, from a small cache: building one takes milliseconds (the
/// special-category dictionary), analysing takes microseconds, and most mutations of an input
/// leave its policy as it was. Building is deterministic, so the cache changes no outcome.
fn engine_for(policy: &str) -> Arc<Engine> {
    static CACHE: OnceLock<Mutex<HashMap<String, Arc<Engine>>>> = OnceLock::new();
    let mut cache = CACHE.get_or_init(Default::default).lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(engine) = cache.get(policy) {
        return Arc::clone(engine);
    }
    if cache.len() >= 64 {
        cache.clear();
    }
    let engine = Arc::new(Engine::from_json_text(policy));
    cache.insert(policy.to_string(), Arc::clone(&engine));
    engine
}

/// `policy`: any bytes as policy text. Reading it never fails: every error has a code and a
/// message, a JSON object is never called invalid JSON, and the effective policy, written out
/// as JSON and read again, is valid (but for the same contradictions between lists, which are
/// resolved when used) and the same: an administrator may copy it from the options page. The engine built from it is exercised by the `analyze` target.
pub fn policy(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (policy, errors) = Policy::from_json_text(&text);
    for error in &errors {
        assert!(!error.code.id().is_empty() && !error.message.is_empty(), "policy error without code or message: {error:?}");
    }
    if serde_json::from_str::<Value>(&text).is_ok_and(|v| v.is_object()) {
        assert!(errors.iter().all(|e| e.code != "invalid-json"), "a JSON object reported as invalid JSON");
    }
    let effective = serde_json::to_string(&policy).unwrap_or_else(|e| panic!("effective policy does not serialise: {e}"));
    let (again, again_errors) = Policy::from_json_text(&effective);
    // Only a contradiction between lists is kept (and reported again): it is resolved at use.
    let conflicts = |errors: &[PolicyError]| errors.iter().filter(|e| e.code == "conflict").map(|e| e.path.clone()).collect::<Vec<_>>();
    assert_eq!(again_errors.len(), conflicts(&again_errors).len(), "the effective policy {effective} is not valid: {again_errors:?}");
    assert_eq!(conflicts(&again_errors), conflicts(&errors), "reading the effective policy again changes its conflicts");
    let again = serde_json::to_string(&again).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again, effective, "reading the effective policy again changes it");
}

/// `analyze`: an arbitrary snapshot under an arbitrary policy. The input is UTF-8 (lossy) parts
/// separated by [`FIELD_SEPARATOR`]: policy, from, to, cc, bcc, subject, body, attachments;
/// list parts hold entries separated by [`ITEM_SEPARATOR`]. An empty policy part means the policy
/// of the data-driven tests (tests/policies/org.json).
pub fn analyze(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.split(FIELD_SEPARATOR);
    let mut next = || parts.next().unwrap_or_default();
    let list = |part: &str| -> Vec<String> {
        if part.is_empty() {
            Vec::new()
        } else {
            part.split(ITEM_SEPARATOR).map(str::to_string).collect()
        }
    };
    let policy = next();
    let engine = engine_for(if policy.is_empty() { ORG_POLICY } else { policy });
    let snapshot = Snapshot {
        from: next().to_string(),
        to: list(next()),
        cc: list(next()),
        bcc: list(next()),
        subject: next().to_string(),
        body: next().to_string(),
        attachments: list(next()).into_iter().map(|name| Attachment { size: name.len() as u64, name, ..Attachment::default() }).collect(),
    };
    let verdict = engine.analyze(&snapshot);
    check_verdict(&engine, &snapshot, &verdict);
    assert_eq!(engine.analyze(&snapshot), verdict, "two analyses of one snapshot differ");
}

/// `eml`: any bytes as an `.eml` file. Either a clear error or a snapshot, which then analyses
/// like any other; the HTML-to-text conversion is also run on the bytes as text.
pub fn eml(data: &[u8]) {
    match eml::parse(data) {
        Ok(snapshot) => {
            let engine = engine_for(ORG_POLICY);
            check_verdict(&engine, &snapshot, &engine.analyze(&snapshot));
        }
        Err(error) => assert!(!error.0.is_empty(), "an .eml error without a message"),
    }
    let text = eml::html_to_text(&String::from_utf8_lossy(data));
    assert!(text.is_empty() || text.ends_with('\n'), "HTML text does not end in a line break: {text:?}");
}

/// `pdf`: any bytes as a PDF attachment (see [`attachment`]).
pub fn pdf(data: &[u8]) {
    attachment("scan_0012.pdf", data);
}

/// `office`: any bytes as a zip-based document (Word, Excel, PowerPoint, OpenDocument; the kind
/// is told by the entries inside, so one target covers them all; see [`attachment`]).
pub fn office(data: &[u8]) {
    attachment("document.docx", data);
}

/// `text`: any bytes as a text file, an HTML file and a forwarded message (see [`attachment`]).
pub fn text(data: &[u8]) {
    for name in ["lijst.csv", "pagina.html", "doorgestuurd.eml"] {
        attachment(name, data);
    }
}

/// What every extractor promises for any bytes: no panic, text or a reason (never neither),
/// text within the limit, PDF pages in order; and the core judges what was read like any other
/// snapshot.
fn attachment(name: &str, data: &[u8]) {
    let extracted = zorgvuldig_extract::extract(name, data);
    assert!(!extracted.parts.is_empty() || extracted.unreadable.is_some(), "{name}: nothing read and no reason why");
    let total: usize = extracted.parts.iter().map(|p| p.text.len()).sum();
    // A part may pass the limit by what one element or page added before the check.
    assert!(total <= 2 * zorgvuldig_extract::limits::MAX_TEXT_BYTES, "{name}: {total} bytes of text");
    let pages: Vec<u32> = extracted.parts.iter().filter_map(|p| p.page).collect();
    assert!(pages.windows(2).all(|w| w[0] < w[1]), "{name}: pages out of order: {pages:?}");
    let snapshot = Snapshot {
        to: vec!["administratie@obs-dewegwijzer.nl".to_string()],
        attachments: vec![Attachment {
            name: name.to_string(),
            size: data.len() as u64,
            pages: pages.iter().filter_map(|p| usize::try_from(*p).ok()).collect(),
            texts: extracted.parts.into_iter().map(|p| p.text).collect(),
            unreadable: extracted.unreadable.map(|r| r.id().to_string()),
        }],
        ..Snapshot::default()
    };
    let engine = engine_for(ORG_POLICY);
    check_verdict(&engine, &snapshot, &engine.analyze(&snapshot));
}

/// `address`: any bytes as one recipient entry (and as a domain). Every part's span lies inside
/// the entry; every parsed address is normalised (lower case, ASCII domain with a dot, a local
/// part without invisible or bidirectional control characters) and parses again to itself; look-alike
/// comparison is symmetric and never says a domain looks like itself.
pub fn address(data: &[u8]) {
    let entry = String::from_utf8_lossy(data);
    let units = entry.encode_utf16().count();
    for parsed in parse_address_list(&entry) {
        assert!(parsed.start <= parsed.end && parsed.end <= units, "span {}..{} outside {units} units", parsed.start, parsed.end);
        check_utf16_boundaries(&entry, parsed.start, parsed.end);
        match parsed.reading {
            Reading::Mailbox(mailbox) => check_mailbox(&mailbox),
            Reading::Unresolved(unresolved) => {
                let name = &unresolved.name;
                assert!(
                    name.chars().count() <= NAME_CHARS && !name.chars().any(|c| c.is_control() || is_hidden(c)),
                    "name not fit to quote: {name:?}"
                );
            }
            Reading::Malformed(_) => {}
        }
    }
    if let Some(mailbox) = Mailbox::parse_bare(&entry) {
        check_mailbox(&mailbox);
    }
    let domain = entry.rsplit('@').next().unwrap_or_default();
    for protected in ["samenveilig.nl", "bjzutrecht.nl", "example.co.uk"] {
        let there = zorgvuldig::is_lookalike(domain, protected);
        let back = zorgvuldig::is_lookalike(protected, domain);
        assert_eq!(there.is_some(), back.is_some(), "look-alike is not symmetric for {domain:?} and {protected}");
    }
    assert_eq!(zorgvuldig::is_lookalike(domain, domain), None, "{domain:?} looks like itself");
}

fn check_mailbox(mailbox: &Mailbox) {
    let domain = &mailbox.domain;
    assert!(domain.is_ascii() && domain.contains('.') && *domain == domain.to_ascii_lowercase(), "domain not normalised: {mailbox:?}");
    assert_eq!(mailbox.address, format!("{}@{domain}", mailbox.local.to_lowercase()), "address is not local@domain: {mailbox:?}");
    assert!(!mailbox.local.chars().any(is_hidden), "local part with an invisible or bidirectional control character accepted: {mailbox:?}");
    let again = Mailbox::parse_bare(&mailbox.address).unwrap_or_else(|| panic!("normalised address does not parse again: {mailbox:?}"));
    assert_eq!(again.address, mailbox.address, "normalising twice changes the address");
}

/// Characters that change how an address looks without being visible themselves: bidirectional
/// controls and zero-width characters.
fn is_hidden(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// Panics when `start..end` (UTF-16) splits a surrogate pair of `text`.
fn check_utf16_boundaries(text: &str, start: usize, end: usize) {
    let units: Vec<u16> = text.encode_utf16().collect();
    for at in [start, end] {
        let inside_pair = at > 0 && at < units.len() && (0xDC00..0xE000).contains(&units[at]);
        assert!(!inside_pair, "offset {at} splits a surrogate pair in {text:?}");
    }
}

/// The promises every verdict keeps, whatever the input: well-formed spans that mark the value
/// a finding names, masked values, findings strongest first, the action following from them.
pub fn check_verdict(engine: &Engine, snapshot: &Snapshot, verdict: &Verdict) {
    serde_json::to_string(verdict).unwrap_or_else(|e| panic!("verdict does not serialise: {e}"));
    for finding in &verdict.findings {
        assert!(finding.severity != Level::Off, "a finding of a rule that is off: {finding:?}");
        assert!(!finding.message.is_empty(), "a finding without a message: {finding:?}");
        let text = match (finding.field, finding.index) {
            (Field::Subject, _) => Some(snapshot.subject.as_str()),
            (Field::Body, _) => Some(snapshot.body.as_str()),
            (Field::Attachments, Some(i)) => {
                let attachment = snapshot.attachments.get(i).unwrap_or_else(|| panic!("no attachment {i}"));
                match finding.part {
                    Some(part) => {
                        Some(attachment.texts.get(part).map(String::as_str).unwrap_or_else(|| panic!("no text {part} in attachment {i}")))
                    }
                    None => Some(attachment.name.as_str()),
                }
            }
            (field @ (Field::To | Field::Cc | Field::Bcc), Some(i)) => {
                let list = match field {
                    Field::To => &snapshot.to,
                    Field::Cc => &snapshot.cc,
                    _ => &snapshot.bcc,
                };
                Some(list.get(i).map(String::as_str).unwrap_or_else(|| panic!("no {field:?} entry {i}")))
            }
            _ => None,
        };
        let masked = finding.excerpt.as_ref().filter(|_| !matches!(finding.rule.id(), "special-category" | "sensitive-attachment"));
        if let Some(excerpt) = masked {
            let shown: String = excerpt.chars().filter(|c| c.is_alphanumeric()).collect();
            assert!(shown.chars().count() <= 3, "excerpt shows {shown:?}: {finding:?}");
        }
        match text {
            Some(text) => {
                let units: Vec<u16> = text.encode_utf16().collect();
                assert!(
                    finding.start <= finding.end && finding.end <= units.len(),
                    "span {}..{} outside {} units: {finding:?}",
                    finding.start,
                    finding.end,
                    units.len()
                );
                check_utf16_boundaries(text, finding.start, finding.end);
                // A masked value's last characters are the last ones of the text it marks.
                if let Some(excerpt) = masked {
                    let marked: String =
                        String::from_utf16_lossy(&units[finding.start..finding.end]).chars().filter(|c| c.is_alphanumeric()).collect();
                    let shown: String = excerpt.chars().filter(|c| c.is_alphanumeric()).collect();
                    assert!(marked.ends_with(&shown), "the finding marks {marked:?}, its excerpt is {excerpt:?}: {finding:?}");
                }
            }
            None => assert_eq!((finding.start, finding.end), (0, 0), "a span without a field entry: {finding:?}"),
        }
    }
    let severities: Vec<Level> = verdict.findings.iter().map(|f| f.severity).collect();
    assert!(severities.windows(2).all(|w| w[0] >= w[1]), "findings not strongest first: {severities:?}");
    let intended = match severities.first() {
        Some(Level::Block) => Action::Block,
        Some(Level::Warn) => Action::Warn,
        _ => Action::Allow,
    };
    assert_eq!(verdict.intended_action, intended, "intended action does not follow from the findings");
    let action = if engine.policy().enforcement == Enforcement::Report { Action::Allow } else { intended };
    assert_eq!(verdict.action, action, "action does not follow from the intended action and the enforcement");
    assert_eq!(verdict.policy_errors, engine.policy_errors(), "verdict does not carry the policy errors");
}
