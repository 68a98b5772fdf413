//! Accuracy of the content detectors and the sensitivity decision on a labelled corpus.
//!
//! `tests/corpus/*.toml` hold realistic messages (mostly Dutch, some English) of a fictional
//! youth-care organisation, each labelled by hand with the content rules a careful reader would
//! say are present, whether the message is sensitive (must not leave the organisation
//! unencrypted) and the action expected under `tests/corpus/policy.json`. The labels are the
//! truth, not what the detectors say today.
//!
//! This test runs the engine on every message and computes, per content rule, precision and
//! recall (counted per message: a message is a true positive for a rule when its label has the
//! rule and some finding of that rule exists), the accuracy of the sensitivity decision (the
//! engine's decision for a copy of the message addressed to one external address without an
//! encryption marker: does `external-unencrypted` appear?) and the accuracy of the action. It
//! fails when a figure drops below its minimum in `tests/corpus/baseline.toml`.
//!
//! ```sh
//! cargo test --test corpus -- --nocapture                              # figures and misses
//! ZORGVULDIG_WRITE_BASELINE=1 cargo test --test corpus -- --nocapture  # record the current level
//! ```
//! Writing the baseline records the current figures rounded down to two decimals and puts the
//! table into `docs/detection.md` between its markers.
//!
//! # Message format
//! ```toml
//! [[message]]
//! id = "consult-nl-001"               # unique across all files
//! lang = "nl"                         # nl or en
//! kind = "case-consultation"
//! from = "a.devries@samenveilig.nl"   # optional
//! to = ["..."]                        # cc, bcc, attachments optional
//! subject = "..."
//! body = '''...'''
//! attachments = [{ name = "verslag.pdf", size = 120000 }]
//! rules = ["special-category"]        # exact set of content rules present
//! sensitive = true
//! action = "warn"                     # expected verdict.action under policy.json
//! note = "why a hard case is labelled this way"   # optional
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;
use zorgvuldig::{Attachment, Engine, Snapshot};

/// The content rules scored here.
const CONTENT_RULES: [&str; 8] =
    ["bsn", "iban", "date-of-birth", "phone-number", "postcode-address", "id-document", "special-category", "sensitive-attachment"];

const MIN_MESSAGES: usize = 300;

/// Where the sensitivity decision is tested: one external recipient, no encryption marker.
const EXTERNAL_PROBE: &str = "toets@partner-extern.example";

const TABLE_START: &str = "<!-- corpus-table:start -->";
const TABLE_END: &str = "<!-- corpus-table:end -->";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CorpusFile {
    #[serde(default)]
    message: Vec<Message>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct Message {
    id: String,
    lang: String,
    kind: String,
    #[serde(default)]
    from: Option<String>,
    #[serde(default)]
    to: Vec<String>,
    #[serde(default)]
    cc: Vec<String>,
    #[serde(default)]
    bcc: Vec<String>,
    #[serde(default)]
    subject: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    attachments: Vec<AttachmentLabel>,
    rules: Vec<String>,
    sensitive: bool,
    action: String,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct AttachmentLabel {
    name: String,
    #[serde(default)]
    size: u64,
}

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests").join("corpus")
}

fn load() -> Vec<(String, Message)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir())
        .unwrap_or_else(|e| panic!("cannot read tests/corpus: {e}"))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.file_name().is_some_and(|n| n != "baseline.toml"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let file: CorpusFile = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        out.extend(file.message.into_iter().map(|m| (name.clone(), m)));
    }
    out
}

fn snapshot(m: &Message) -> Snapshot {
    Snapshot {
        from: m.from.clone().unwrap_or_else(|| "medewerker@samenveilig.nl".into()),
        to: m.to.clone(),
        cc: m.cc.clone(),
        bcc: m.bcc.clone(),
        subject: m.subject.clone(),
        body: m.body.clone(),
        attachments: m.attachments.iter().map(|a| Attachment { name: a.name.clone(), size: a.size, ..Attachment::default() }).collect(),
    }
}

/// Removes every occurrence of the markers from the subject, ignoring case.
fn strip_markers(subject: &str, markers: &[String]) -> String {
    let mut s = subject.to_string();
    for marker in markers {
        let needle = marker.to_lowercase();
        if needle.is_empty() {
            continue;
        }
        while let Some(at) = s.to_lowercase().find(&needle) {
            // Lower-casing can change byte lengths; fall back to dropping the subject then.
            if s.to_lowercase().len() != s.len() {
                return String::new();
            }
            s.replace_range(at..at + needle.len(), "");
        }
    }
    s
}

fn domain_of(entry: &str) -> String {
    let address = match (entry.rfind('<'), entry.rfind('>')) {
        (Some(a), Some(b)) if a < b => &entry[a + 1..b],
        _ => entry,
    };
    address.rsplit('@').next().unwrap_or("").trim().to_lowercase()
}

fn in_domains(domain: &str, list: &[String]) -> bool {
    list.iter().any(|d| domain == d || domain.ends_with(&format!(".{d}")))
}

fn string_list(policy: &Value, key: &str) -> Vec<String> {
    policy[key].as_array().map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_lowercase)).collect()).unwrap_or_default()
}

/// The action that follows from a message's own labels under the corpus policy (retired domain:
/// block; sensitive, to someone external, no marker: warn; otherwise allow). Checks the labels
/// for consistency, so that `action` and `sensitive` never contradict each other.
fn labelled_action(m: &Message, policy: &Value) -> &'static str {
    let internal = string_list(policy, "internalDomains");
    let trusted = string_list(policy, "trustedDomains");
    let retired: Vec<String> = policy["retiredDomains"]
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_str().or_else(|| v["domain"].as_str()).map(str::to_lowercase)).collect())
        .unwrap_or_default();
    let markers = {
        let m = string_list(policy, "encryptionMarkers");
        if m.is_empty() {
            vec!["[versleuteld]".to_string()]
        } else {
            m
        }
    };
    let domains: Vec<String> = m.to.iter().chain(&m.cc).chain(&m.bcc).map(|e| domain_of(e)).collect();
    if domains.iter().any(|d| in_domains(d, &retired)) {
        return "block";
    }
    let external = domains.iter().any(|d| !in_domains(d, &internal) && !in_domains(d, &trusted));
    let marked = markers.iter().any(|mk| m.subject.to_lowercase().contains(mk.as_str()));
    if m.sensitive && external && !marked {
        "warn"
    } else {
        "allow"
    }
}

#[derive(Default, Clone)]
struct Score {
    labelled: usize,
    found: usize,
    tp: usize,
    false_positives: Vec<String>,
    false_negatives: Vec<String>,
}

impl Score {
    fn add(&mut self, id: &str, expected: bool, got: bool) {
        self.labelled += usize::from(expected);
        self.found += usize::from(got);
        match (expected, got) {
            (true, true) => self.tp += 1,
            (false, true) => self.false_positives.push(id.to_string()),
            (true, false) => self.false_negatives.push(id.to_string()),
            (false, false) => {}
        }
    }
    /// None when nothing was found (precision undefined).
    fn precision(&self) -> Option<f64> {
        (self.found > 0).then(|| self.tp as f64 / self.found as f64)
    }
    /// None when nothing is labelled.
    fn recall(&self) -> Option<f64> {
        (self.labelled > 0).then(|| self.tp as f64 / self.labelled as f64)
    }
}

struct Figures {
    messages: usize,
    by_lang: BTreeMap<String, usize>,
    by_kind: BTreeMap<String, usize>,
    rules: BTreeMap<&'static str, Score>,
    sensitive: Score,
    sensitive_correct: usize,
    sensitive_wrong: Vec<String>,
    action_correct: usize,
    action_wrong: Vec<String>,
}

impl Figures {
    fn sensitive_accuracy(&self) -> f64 {
        self.sensitive_correct as f64 / self.messages.max(1) as f64
    }
    fn action_accuracy(&self) -> f64 {
        self.action_correct as f64 / self.messages.max(1) as f64
    }
    /// Every figure with a recorded minimum, by its key in baseline.toml (undefined figures
    /// count as 0).
    fn values(&self) -> Vec<(String, f64)> {
        let mut v = Vec::new();
        for (rule, score) in &self.rules {
            v.push((format!("rules.{rule}.precision"), score.precision().unwrap_or(0.0)));
            v.push((format!("rules.{rule}.recall"), score.recall().unwrap_or(0.0)));
        }
        v.push(("sensitive.accuracy".into(), self.sensitive_accuracy()));
        v.push(("sensitive.precision".into(), self.sensitive.precision().unwrap_or(0.0)));
        v.push(("sensitive.recall".into(), self.sensitive.recall().unwrap_or(0.0)));
        v.push(("action.accuracy".into(), self.action_accuracy()));
        v
    }
}

fn pct(x: Option<f64>) -> String {
    x.map_or_else(|| "–".to_string(), |x| format!("{x:.2}"))
}

fn table(f: &Figures) -> String {
    let mut t = String::new();
    let langs: Vec<String> = f.by_lang.iter().map(|(l, n)| format!("{n} {l}")).collect();
    let _ = writeln!(t, "{} messages ({}), {} kinds.\n", f.messages, langs.join(", "), f.by_kind.len());
    let _ = writeln!(t, "| rule | labelled | found | true pos. | false pos. | missed | precision | recall |");
    let _ = writeln!(t, "|---|---:|---:|---:|---:|---:|---:|---:|");
    for (rule, s) in &f.rules {
        let _ = writeln!(
            t,
            "| `{rule}` | {} | {} | {} | {} | {} | {} | {} |",
            s.labelled,
            s.found,
            s.tp,
            s.false_positives.len(),
            s.false_negatives.len(),
            pct(s.precision()),
            pct(s.recall())
        );
    }
    let s = &f.sensitive;
    let _ = writeln!(
        t,
        "| **sensitive** (external, no marker) | {} | {} | {} | {} | {} | {} | {} |",
        s.labelled,
        s.found,
        s.tp,
        s.false_positives.len(),
        s.false_negatives.len(),
        pct(s.precision()),
        pct(s.recall())
    );
    let _ = writeln!(t);
    let _ = writeln!(t, "| decision | correct | accuracy |");
    let _ = writeln!(t, "|---|---:|---:|");
    let _ = writeln!(t, "| sensitive or not | {} / {} | {:.2} |", f.sensitive_correct, f.messages, f.sensitive_accuracy());
    let _ = writeln!(t, "| action (allow / warn / block) | {} / {} | {:.2} |", f.action_correct, f.messages, f.action_accuracy());
    let _ = writeln!(t);
    let _ = writeln!(t, "Precision: of the messages where the rule fired, the share labelled with it. Recall: of the messages");
    let _ = writeln!(t, "labelled with the rule, the share where it fired. – : nothing found (precision) or nothing labelled.");
    t
}

fn misclassified(f: &Figures) -> String {
    let mut t = String::new();
    let _ = writeln!(t, "Misclassified messages:");
    for (rule, s) in &f.rules {
        if !s.false_positives.is_empty() {
            let _ = writeln!(t, "  {rule} false positives ({}): {}", s.false_positives.len(), s.false_positives.join(", "));
        }
        if !s.false_negatives.is_empty() {
            let _ = writeln!(t, "  {rule} missed ({}): {}", s.false_negatives.len(), s.false_negatives.join(", "));
        }
    }
    if !f.sensitive.false_positives.is_empty() {
        let _ = writeln!(
            t,
            "  sensitive, but labelled not ({}): {}",
            f.sensitive.false_positives.len(),
            f.sensitive.false_positives.join(", ")
        );
    }
    if !f.sensitive.false_negatives.is_empty() {
        let _ = writeln!(
            t,
            "  not sensitive, but labelled so ({}): {}",
            f.sensitive.false_negatives.len(),
            f.sensitive.false_negatives.join(", ")
        );
    }
    if !f.action_wrong.is_empty() {
        let _ = writeln!(t, "  action ({}): {}", f.action_wrong.len(), f.action_wrong.join(", "));
    }
    t
}

/// The minimums in baseline.toml, flattened to "rules.bsn.precision" style keys.
fn read_baseline(path: &Path) -> Result<BTreeMap<String, f64>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let value: toml::Value = toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    fn walk(prefix: &str, v: &toml::Value, out: &mut BTreeMap<String, f64>) {
        match v {
            toml::Value::Table(t) => {
                for (k, v) in t {
                    let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                    walk(&key, v, out);
                }
            }
            toml::Value::Float(x) => {
                out.insert(prefix.to_string(), *x);
            }
            toml::Value::Integer(x) => {
                out.insert(prefix.to_string(), *x as f64);
            }
            _ => {}
        }
    }
    let mut out = BTreeMap::new();
    walk("", &value, &mut out);
    Ok(out)
}

fn floor2(x: f64) -> f64 {
    ((x * 100.0) + 1e-9).floor() / 100.0
}

fn write_baseline(path: &Path, f: &Figures) {
    let mut t = String::new();
    let _ = writeln!(t, "# Minimum accuracy on the labelled corpus (tests/corpus.rs). The test fails when a figure drops");
    let _ = writeln!(t, "# below its minimum. Written by `ZORGVULDIG_WRITE_BASELINE=1 cargo test --test corpus` from the");
    let _ = writeln!(t, "# figures at that moment, rounded down to two decimals; raise them as the detectors improve.");
    let _ = writeln!(t, "# An undefined figure (nothing found, nothing labelled) is recorded as 0.");
    let _ = writeln!(t);
    let _ = writeln!(t, "messages = {}", f.messages);
    let _ = writeln!(t);
    let _ = writeln!(t, "[sensitive]");
    let _ = writeln!(t, "accuracy = {:.2}", floor2(f.sensitive_accuracy()));
    let _ = writeln!(t, "precision = {:.2}", floor2(f.sensitive.precision().unwrap_or(0.0)));
    let _ = writeln!(t, "recall = {:.2}", floor2(f.sensitive.recall().unwrap_or(0.0)));
    let _ = writeln!(t);
    let _ = writeln!(t, "[action]");
    let _ = writeln!(t, "accuracy = {:.2}", floor2(f.action_accuracy()));
    for (rule, s) in &f.rules {
        let _ = writeln!(t);
        let _ = writeln!(t, "[rules.{rule}]");
        let _ = writeln!(t, "precision = {:.2}", floor2(s.precision().unwrap_or(0.0)));
        let _ = writeln!(t, "recall = {:.2}", floor2(s.recall().unwrap_or(0.0)));
    }
    std::fs::write(path, t).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

fn write_docs(table: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs").join("detection.md");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let (Some(a), Some(b)) = (text.find(TABLE_START), text.find(TABLE_END)) else {
        panic!("{} lacks the markers {TABLE_START} and {TABLE_END}", path.display());
    };
    assert!(a < b, "{}: markers out of order", path.display());
    let new = format!("{}{TABLE_START}\n{table}{TABLE_END}{}", &text[..a], &text[b + TABLE_END.len()..]);
    std::fs::write(&path, new).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

#[test]
fn corpus_accuracy() {
    let policy_path = dir().join("policy.json");
    let policy_text = std::fs::read_to_string(&policy_path).unwrap_or_else(|e| panic!("{}: {e}", policy_path.display()));
    let policy: Value = serde_json::from_str(&policy_text).unwrap_or_else(|e| panic!("{}: {e}", policy_path.display()));
    let engine = Engine::from_json(&policy);
    assert!(engine.policy_errors().is_empty(), "policy.json has errors: {:?}", engine.policy_errors());
    let markers = engine.policy().encryption_markers.clone();

    let messages = load();
    let mut problems = Vec::new();
    if messages.len() < MIN_MESSAGES {
        problems.push(format!("only {} messages loaded, at least {MIN_MESSAGES} expected", messages.len()));
    }
    let mut ids = BTreeSet::new();
    for (file, m) in &messages {
        if !ids.insert(m.id.as_str()) {
            problems.push(format!("{file}: id {} repeats", m.id));
        }
        if !["nl", "en"].contains(&m.lang.as_str()) {
            problems.push(format!("{file}: {}: lang must be nl or en", m.id));
        }
        if !["allow", "warn", "block"].contains(&m.action.as_str()) {
            problems.push(format!("{file}: {}: action must be allow, warn or block", m.id));
        }
        let mut seen = BTreeSet::new();
        for rule in &m.rules {
            if !CONTENT_RULES.contains(&rule.as_str()) {
                problems.push(format!("{file}: {}: unknown content rule {rule}", m.id));
            }
            if !seen.insert(rule) {
                problems.push(format!("{file}: {}: rule {rule} listed twice", m.id));
            }
        }
        if m.to.is_empty() && m.cc.is_empty() && m.bcc.is_empty() {
            problems.push(format!("{file}: {}: no recipients", m.id));
        }
        let follows = labelled_action(m, &policy);
        if follows != m.action {
            problems.push(format!("{file}: {}: action {} does not follow from the labels ({follows})", m.id, m.action));
        }
    }

    let mut figures = Figures {
        messages: messages.len(),
        by_lang: BTreeMap::new(),
        by_kind: BTreeMap::new(),
        rules: CONTENT_RULES.iter().map(|r| (*r, Score::default())).collect(),
        sensitive: Score::default(),
        sensitive_correct: 0,
        sensitive_wrong: Vec::new(),
        action_correct: 0,
        action_wrong: Vec::new(),
    };
    for (_, m) in &messages {
        *figures.by_lang.entry(m.lang.clone()).or_default() += 1;
        *figures.by_kind.entry(m.kind.clone()).or_default() += 1;
        let snap = snapshot(m);
        let verdict = engine.analyze(&snap);
        let found: BTreeSet<&str> = verdict.findings.iter().map(|f| f.rule.id()).collect();
        for rule in CONTENT_RULES {
            let expected = m.rules.iter().any(|r| r == rule);
            if let Some(score) = figures.rules.get_mut(rule) {
                score.add(&m.id, expected, found.contains(rule));
            }
        }
        let action = serde_json::to_value(verdict.action).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
        if action == m.action {
            figures.action_correct += 1;
        } else {
            figures.action_wrong.push(format!("{} (expected {}, got {action})", m.id, m.action));
        }

        let probe = Snapshot {
            to: vec![EXTERNAL_PROBE.to_string()],
            cc: Vec::new(),
            bcc: Vec::new(),
            subject: strip_markers(&snap.subject, &markers),
            ..snap
        };
        let sensitive = engine.analyze(&probe).findings.iter().any(|f| f.rule.id() == "external-unencrypted");
        figures.sensitive.add(&m.id, m.sensitive, sensitive);
        if sensitive == m.sensitive {
            figures.sensitive_correct += 1;
        } else {
            figures.sensitive_wrong.push(m.id.clone());
        }
    }

    let table = table(&figures);
    println!("\n{table}");
    println!("{}", misclassified(&figures));

    let baseline_path = dir().join("baseline.toml");
    if std::env::var_os("ZORGVULDIG_WRITE_BASELINE").is_some_and(|v| v == "1") {
        assert!(problems.is_empty(), "corpus problems, baseline not written:\n{}", problems.join("\n"));
        write_baseline(&baseline_path, &figures);
        write_docs(&table);
        println!("wrote {} and docs/detection.md", baseline_path.display());
        return;
    }

    match read_baseline(&baseline_path) {
        Err(e) => problems.push(format!("{e} (write it with ZORGVULDIG_WRITE_BASELINE=1)")),
        Ok(minimums) => {
            let values: BTreeMap<String, f64> = figures.values().into_iter().collect();
            for (key, min) in &minimums {
                if key == "messages" {
                    continue;
                }
                match values.get(key) {
                    Some(v) if *v + 1e-9 < *min => problems.push(format!("{key} = {v:.3}, below the recorded minimum {min:.2}")),
                    Some(_) => {}
                    None => problems.push(format!("baseline.toml: unknown figure {key}")),
                }
            }
            for key in values.keys() {
                if !minimums.contains_key(key) {
                    problems.push(format!("baseline.toml has no minimum for {key} (rewrite it with ZORGVULDIG_WRITE_BASELINE=1)"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "corpus accuracy:\n{}", problems.join("\n"));
}
