//! The sensitivity decision on real published texts (`tests/realtexts/`, see its README): court
//! and disciplinary rulings about one person, and generic texts (government pages, vacancies,
//! statistics, parliamentary papers, laws), each labelled by hand before the core was run on it.
//!
//! Each text is mailed as it is, with its title as the subject, to one external address without
//! the encryption marker, under the corpus policy. A text about a person should warn
//! (`external-unencrypted`); a generic text should not. The test fails when more than
//! [`MAX_FALSE_ALARMS`] of the generic texts warn or fewer than [`MIN_WARNED`] of the texts about a
//! person do.
//!
//! ```sh
//! cargo test --test realtexts -- --nocapture                               # figures and misses
//! ZORGVULDIG_WRITE_REALTEXTS=1 cargo test --test realtexts -- --nocapture  # also update the docs
//! ```
//! Writing also puts the table into `docs/detection.md` between its markers and the core's
//! answers into `target/realtexts/core.json`, which `benches/deduce/compare.py` reads.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use serde::Deserialize;
use serde_json::{json, Value};
use zorgvuldig::{person_references, Engine, Snapshot};

/// The most generic texts that may warn, as a share of them.
const MAX_FALSE_ALARMS: f64 = 0.10;
/// The fewest texts about a person that must warn, as a share of them.
const MIN_WARNED: f64 = 0.95;
/// The set must stay at least this large and about half of each.
const MIN_TEXTS: usize = 60;

const EXTERNAL_PROBE: &str = "toets@partner-extern.example";
const TABLE_START: &str = "<!-- realtexts-table:start -->";
const TABLE_END: &str = "<!-- realtexts-table:end -->";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TextFile {
    text: Vec<Text>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // `source`, `via`, `licence` and `reason` are for the reader.
struct Text {
    id: String,
    kind: String,
    about: String,
    names_person: bool,
    /// In the batch collected after the person layer was built, not used to tune it.
    #[serde(default)]
    held_out: bool,
    title: String,
    source: String,
    via: Option<String>,
    licence: String,
    reason: String,
    text: String,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn load() -> Vec<Text> {
    let dir = root().join("tests").join("realtexts");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut texts = Vec::new();
    for path in files {
        let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let file: TextFile = toml::from_str(&source).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        texts.extend(file.text);
    }
    texts
}

/// Warned and total, per (about, kind).
type Tally = BTreeMap<(String, String), (usize, usize)>;

/// Warned and total of one kind of text (`about`).
fn total(tally: &Tally, about: &str) -> (usize, usize) {
    tally.iter().filter(|((a, _), _)| a == about).fold((0, 0), |(w, n), (_, (x, y))| (w + x, n + y))
}

fn table(tally: &Tally, held_out: &Tally, false_alarms: f64, warned: f64) -> String {
    let mut t = String::new();
    let _ = writeln!(t, "| about | kind | texts | warned |");
    let _ = writeln!(t, "|---|---|---:|---:|");
    for ((about, kind), (w, n)) in tally {
        let _ = writeln!(t, "| {about} | {kind} | {n} | {w} |");
    }
    let (gw, gn) = total(tally, "generic");
    let (pw, pn) = total(tally, "person");
    let _ = writeln!(t);
    let _ = writeln!(
        t,
        "All texts: false alarms on generic texts {gw} of {gn} ({:.0}%); texts about a person warned {pw} of {pn} ({:.0}%).",
        false_alarms * 100.0,
        warned * 100.0
    );
    let (hgw, hgn) = total(held_out, "generic");
    let (hpw, hpn) = total(held_out, "person");
    let _ = writeln!(t);
    let _ =
        writeln!(t, "Held-out batch only (not used for tuning): false alarms {hgw} of {hgn}; texts about a person warned {hpw} of {hpn}.");
    t
}

fn write_docs(table: &str) {
    let path = root().join("docs").join("detection.md");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let (Some(a), Some(b)) = (text.find(TABLE_START), text.find(TABLE_END)) else {
        panic!("{} lacks the markers {TABLE_START} and {TABLE_END}", path.display());
    };
    let new = format!("{}{TABLE_START}\n{table}{TABLE_END}{}", &text[..a], &text[b + TABLE_END.len()..]);
    std::fs::write(&path, new).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

#[test]
fn real_texts() {
    let policy_path = root().join("tests").join("corpus").join("policy.json");
    let policy = std::fs::read_to_string(&policy_path).unwrap_or_else(|e| panic!("{}: {e}", policy_path.display()));
    let engine = Engine::from_json_text(&policy);
    let texts = load();
    assert!(texts.len() >= MIN_TEXTS, "only {} real texts", texts.len());
    let mut ids = std::collections::BTreeSet::new();
    let mut tally = Tally::new();
    let mut held_out = Tally::new();
    let mut misses = Vec::new();
    let mut answers = Vec::new();
    for t in &texts {
        assert!(ids.insert(t.id.as_str()), "id {} repeats", t.id);
        assert!(matches!(t.about.as_str(), "person" | "generic"), "{}: about must be person or generic", t.id);
        let snapshot = Snapshot {
            from: "medewerker@samenveilig.nl".into(),
            to: vec![EXTERNAL_PROBE.into()],
            subject: t.title.clone(),
            body: t.text.clone(),
            ..Snapshot::default()
        };
        let verdict = engine.analyze(&snapshot);
        let warned = verdict.findings.iter().any(|f| f.rule.id() == "external-unencrypted");
        let tallies = if t.held_out { vec![&mut tally, &mut held_out] } else { vec![&mut tally] };
        for tally in tallies {
            let entry = tally.entry((t.about.clone(), t.kind.clone())).or_default();
            entry.0 += usize::from(warned);
            entry.1 += 1;
        }
        if warned != (t.about == "person") {
            let why: Vec<String> =
                verdict.findings.iter().filter(|f| f.confidence.is_some()).map(|f| format!("{} {:?}", f.rule.id(), f.excerpt)).collect();
            let batch = if t.held_out { " [held out]" } else { "" };
            misses.push(format!("  {}{batch} ({}): {}", t.id, if warned { "warned" } else { "silent" }, why.join("; ")));
        }
        let references = person_references(&t.text);
        let persons: Vec<&str> = references.iter().map(|&(s, e, _)| &t.text[s..e]).collect();
        let strong: Vec<&str> = references.iter().filter(|r| r.2).map(|&(s, e, _)| &t.text[s..e]).collect();
        answers.push(json!({"id": t.id, "warned": warned, "persons": persons, "strong": strong}));
    }
    let share = |about: &str| {
        let (w, n) = total(&tally, about);
        assert!(n * 3 >= texts.len(), "too few {about} texts: {n} of {}", texts.len());
        w as f64 / n as f64
    };
    let (false_alarms, warned) = (share("generic"), share("person"));
    let table = table(&tally, &held_out, false_alarms, warned);
    println!("{table}");
    if !misses.is_empty() {
        println!("Misclassified:\n{}", misses.join("\n"));
    }
    if std::env::var_os("ZORGVULDIG_WRITE_REALTEXTS").is_some() {
        write_docs(&table);
        let out = root().join("target").join("realtexts");
        std::fs::create_dir_all(&out).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
        let answers = Value::Array(answers);
        std::fs::write(out.join("core.json"), answers.to_string()).unwrap_or_else(|e| panic!("core.json: {e}"));
    }
    assert!(
        false_alarms <= MAX_FALSE_ALARMS,
        "{:.0}% of generic texts warn (at most {:.0}%)",
        false_alarms * 100.0,
        MAX_FALSE_ALARMS * 100.0
    );
    assert!(warned >= MIN_WARNED, "{:.0}% of texts about a person warn (at least {:.0}%)", warned * 100.0, MIN_WARNED * 100.0);
}
