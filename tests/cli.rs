//! The `zorgvuldig` command-line tool, run as a user runs it, on real `.eml` messages, snapshot
//! files, JSON lines on stdin and broken input (tests/eml/). Each message is checked twice: what
//! the reader made of it (`zorgvuldig::eml::parse`) and what the binary prints for it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;
use zorgvuldig::Snapshot;

const POLICY: &str = "tests/eml/policy.json";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the binary in the crate root (so relative paths are as a user types them).
fn run(args: &[&str]) -> Output {
    run_with_stdin(args, None)
}

fn run_with_stdin(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_zorgvuldig"))
        .args(args)
        .current_dir(root())
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the zorgvuldig binary starts");
    if let Some(input) = stdin {
        child.stdin.take().expect("stdin is piped").write_all(input).expect("stdin takes the input");
    }
    child.wait_with_output().expect("the zorgvuldig binary finishes")
}

fn code(output: &Output) -> i32 {
    output.status.code().expect("exited, not killed")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

/// Every stdout line as a verdict; panics when a line is not JSON.
fn verdicts(output: &Output) -> Vec<Value> {
    stdout(output).lines().map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("not a verdict line: {e}: {line}"))).collect()
}

/// `check --policy tests/eml/policy.json FILE`: exit 0 and exactly one verdict.
fn check(file: &str) -> Value {
    let output = run(&["check", "--policy", POLICY, file]);
    assert_eq!(code(&output), 0, "{file}: stderr: {}", stderr(&output));
    let mut lines = verdicts(&output);
    assert_eq!(lines.len(), 1, "{file}: one verdict line");
    lines.remove(0)
}

fn action(verdict: &Value) -> &str {
    verdict["action"].as_str().expect("action is a string")
}

fn rules(verdict: &Value) -> BTreeSet<String> {
    findings(verdict).iter().map(|f| f["rule"].as_str().expect("rule id").to_string()).collect()
}

fn findings(verdict: &Value) -> Vec<Value> {
    verdict["findings"].as_array().expect("findings is an array").clone()
}

fn only(verdict: &Value, rule: &str) -> Vec<Value> {
    findings(verdict).into_iter().filter(|f| f["rule"] == rule).collect()
}

fn one(verdict: &Value, rule: &str) -> Value {
    let mut found = only(verdict, rule);
    assert_eq!(found.len(), 1, "exactly one {rule} finding in {verdict:#}");
    found.remove(0)
}

fn set(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

fn strings(value: &Value) -> Vec<String> {
    value.as_array().map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect()).unwrap_or_default()
}

/// What the `.eml` reader makes of a message under tests/eml/.
fn parsed(file: &str) -> Snapshot {
    let raw = std::fs::read(root().join(file)).expect("test message exists");
    zorgvuldig::eml::parse(&raw).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// Each attachment's name and size.
fn names_and_sizes(snapshot: &Snapshot) -> Vec<(&str, u64)> {
    snapshot.attachments.iter().map(|a| (a.name.as_str(), a.size)).collect()
}

/// UTF-16 offsets of `needle` in `haystack`, as findings report them.
fn utf16_span(haystack: &str, needle: &str) -> (u64, u64) {
    let at = haystack.find(needle).unwrap_or_else(|| panic!("{needle:?} not in {haystack:?}"));
    let start = haystack[..at].encode_utf16().count() as u64;
    (start, start + needle.encode_utf16().count() as u64)
}

fn span(finding: &Value) -> (u64, u64) {
    (finding["start"].as_u64().expect("start"), finding["end"].as_u64().expect("end"))
}

/// A scratch directory for inputs a test makes itself.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("zorgvuldig-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

// ---------------------------------------------------------------------------------------------
// One message each
// ---------------------------------------------------------------------------------------------

#[test]
fn pdf_report_to_a_lawyer_warns_about_unencrypted_bsn() {
    let file = "tests/eml/01-verslag-extern-pdf.eml";
    let snapshot = parsed(file);
    assert_eq!(snapshot.from, "l.vandam@samenveilig.nl");
    assert_eq!(snapshot.to, ["\"Bakker, Marieke\" <m.bakker@bakker-advocaten.nl>"]);
    assert_eq!(snapshot.cc, ["\"Sanne de Vries\" <s.devries@samenveilig.nl>"]);
    assert_eq!(names_and_sizes(&snapshot), [("Verslag huisbezoek Daan.pdf", 452)]);
    // Quoted-printable: UTF-8 escapes decoded, soft line breaks joined (also inside the number).
    assert!(snapshot.body.contains("Moeder is geïnformeerd over de coördinatie met de gezinsvoogd"), "{}", snapshot.body);
    assert!(snapshot.body.contains("het dossiernummer is SV-204816."), "{}", snapshot.body);

    let verdict = check(file);
    assert_eq!(action(&verdict), "warn");
    // The attached "PDF" is a few lines of text, not a PDF: its content could not be checked.
    assert_eq!(snapshot.attachments[0].unreadable.as_deref(), Some("damaged"));
    assert_eq!(
        rules(&verdict),
        set(&["external-unencrypted", "bsn", "special-category", "custom-pattern", "sensitive-attachment", "unreadable-attachment"])
    );
    let external = one(&verdict, "external-unencrypted");
    // The quoted display name with a comma is one recipient, not two; the internal Cc is not
    // among those the data leaves to.
    assert_eq!(strings(&external["recipients"]), ["m.bakker@bakker-advocaten.nl"]);
    assert_eq!((external["field"].as_str(), external["index"].as_u64()), (Some("to"), Some(0)));
    assert_eq!(external["fix"]["marker"], "[versleuteld]");
    assert!(only(&verdict, "invalid-address").is_empty());
    let bsn = one(&verdict, "bsn");
    assert_eq!((bsn["field"].as_str(), bsn["confidence"].as_str()), (Some("body"), Some("high")));
    assert_eq!(bsn["excerpt"], "••••••782");
    assert_eq!(span(&bsn), utf16_span(&snapshot.body, "123456782"), "offsets point into the decoded body");
    let dossier = one(&verdict, "custom-pattern");
    assert_eq!(dossier["excerpt"], "•••••816");
    assert_eq!(span(&dossier), utf16_span(&snapshot.body, "SV-204816"));
    assert!(!verdict.to_string().contains("123456782"), "the verdict never repeats the full BSN");
}

#[test]
fn encryption_marker_in_an_encoded_subject_is_recognised() {
    let file = "tests/eml/02-versleuteld-onderwerp.eml";
    let snapshot = parsed(file);
    // Two base64 encoded words, the marker split between them.
    assert_eq!(snapshot.subject, "[versleuteld] Zorgmelding Noëlle – verslag gesprek");
    assert_eq!(snapshot.to, ["\"Ouaziz, Daniël\" <d.ouaziz@jeugdteam-houten.nl>"]);
    assert_eq!(snapshot.from, "d.timmermans@samenveilig.nl");
    assert!(snapshot.body.contains("gesprek over Noëlle (BSN: 111222333)"));

    let verdict = check(file);
    assert_eq!(action(&verdict), "allow", "{verdict:#}");
    assert_eq!(rules(&verdict), set(&["bsn", "special-category"]));
    let in_subject: Vec<Value> = only(&verdict, "special-category").into_iter().filter(|f| f["field"] == "subject").collect();
    assert_eq!(in_subject.len(), 1);
    assert_eq!(span(&in_subject[0]), utf16_span(&snapshot.subject, "Zorgmelding"), "offsets into the decoded subject");

    // The same message without the marker: the BSN leaves unencrypted.
    let raw = std::fs::read_to_string(root().join(file)).expect("message");
    let unmarked = raw.replace("=?UTF-8?B?W3ZlcnNsZQ==?=\n =?UTF-8?B?dXRlbGRd", "=?UTF-8?B?dXRlbGRd");
    assert_ne!(unmarked, raw, "the subject header was rewritten");
    let path = scratch("unmarked").join("zonder-markering.eml");
    std::fs::write(&path, unmarked).expect("write");
    let output = run(&["check", "--policy", POLICY, path.to_str().expect("UTF-8 path")]);
    assert_eq!(code(&output), 0);
    let verdict = &verdicts(&output)[0];
    assert_eq!(action(verdict), "warn");
    assert_eq!(strings(&one(verdict, "external-unencrypted")["recipients"]), ["d.ouaziz@jeugdteam-houten.nl"]);
}

#[test]
fn alternative_message_to_a_trusted_domain_reads_the_text_part_once() {
    let file = "tests/eml/03-alternatief-veiligthuis.eml";
    let snapshot = parsed(file);
    assert_eq!(snapshot.to, ["\"Veilig Thuis Utrecht\" <advies@veiligthuis.nl>"]);
    assert_eq!(snapshot.cc, ["\"Jansen, Pieter\" <p.jansen@samenveilig.nl>", "\"Lotte van Dam\" <l.vandam@samenveilig.nl>"]);
    assert!(snapshot.body.contains("signalen van huiselijk geweld in het gezin Kaya"));
    assert!(!snapshot.body.contains('<'), "the HTML alternative is not added: {}", snapshot.body);
    assert!(snapshot.attachments.is_empty());

    let verdict = check(file);
    // Trusted and internal recipients only: sensitive, but nothing leaves unencrypted.
    assert_eq!(action(&verdict), "allow");
    assert_eq!(rules(&verdict), set(&["bsn", "special-category"]));
    assert_eq!(one(&verdict, "bsn")["field"], "body");
}

#[test]
fn html_only_message_still_gives_text_with_its_table_cells_apart() {
    let file = "tests/eml/04-alleen-html.eml";
    let snapshot = parsed(file);
    assert_eq!(snapshot.subject, "Terugkoppeling coördinatie jeugdhulp");
    assert_eq!(snapshot.to, ["\"J. Pietersen (gemeente Zeist)\" <j.pietersen@zeist.nl>"]);
    for expected in ["De coördinatie van de jeugdhulp voor Noëlle", "Noëlle de Graaf", "BSN 111222333"] {
        assert!(snapshot.body.contains(expected), "{expected:?} in {:?}", snapshot.body);
    }
    for markup in ["<", "&euml;", "margin", "Content-Type"] {
        assert!(!snapshot.body.contains(markup), "{markup:?} in {:?}", snapshot.body);
    }

    let verdict = check(file);
    assert_eq!(action(&verdict), "warn");
    assert_eq!(rules(&verdict), set(&["external-unencrypted", "bsn", "custom-pattern"]));
    // "BSN" in the cell before the number is the context that makes it a person's number.
    assert_eq!(one(&verdict, "bsn")["confidence"], "high");
    assert_eq!(strings(&one(&verdict, "external-unencrypted")["recipients"]), ["j.pietersen@zeist.nl"]);
}

#[test]
fn recipient_at_the_retired_domain_is_blocked_with_the_successor_as_fix() {
    let file = "tests/eml/05-opgeheven-domein.eml";
    let raw = std::fs::read(root().join(file)).expect("message");
    assert!(raw.windows(2).any(|w| w == b"\r\n"), "this message has CRLF line ends");
    let snapshot = parsed(file);
    assert_eq!(snapshot.to, ["\"Renée de Brüijn\" <R.deBruijn@BJZUtrecht.nl>"]);
    assert_eq!(snapshot.cc, ["\"Jansen, Pieter\" <p.jansen@samenveilig.nl>"]);
    assert!(snapshot.body.starts_with("Dag Renée,\n"), "{:?}", snapshot.body);
    assert!(snapshot.body.contains("De coördinatie ligt vanaf 1 april bij ons team; de ouders zijn geïnformeerd."));
    assert!(!snapshot.body.contains('\r'));

    let verdict = check(file);
    assert_eq!(action(&verdict), "block");
    assert_eq!(rules(&verdict), set(&["retired-domain", "external-unencrypted", "custom-pattern"]));
    let retired = one(&verdict, "retired-domain");
    assert_eq!(findings(&verdict)[0]["rule"], "retired-domain", "the blocking finding comes first");
    assert_eq!((retired["field"].as_str(), retired["index"].as_u64()), (Some("to"), Some(0)));
    assert_eq!(retired["recipient"], "R.deBruijn@BJZUtrecht.nl");
    assert_eq!(retired["fix"]["kind"], "replace-recipient");
    assert_eq!(retired["fix"]["replacement"], "R.deBruijn@samenveilig.nl");
    assert_eq!(retired["severity"], "block");
    assert_eq!(one(&verdict, "custom-pattern")["field"], "subject");
    assert_eq!(verdict["override"]["allowed"], false);

    // Without the organisation's policy the old domain means nothing: the policy is what blocks.
    let output = run(&["check", file]);
    assert_eq!(code(&output), 0);
    assert!(!rules(&verdicts(&output)[0]).contains("retired-domain"));
}

#[test]
fn nested_multipart_with_rfc2231_file_name_and_a_lookalike_domain() {
    let file = "tests/eml/06-genest-rfc2231.eml";
    let snapshot = parsed(file);
    assert_eq!(names_and_sizes(&snapshot), [("Plan van aanpak Noëlle – uithuisplaatsing.docx", 516), ("", 16)]);
    assert_eq!(snapshot.body.matches("Hoi Wim,").count(), 1, "text alternative only: {:?}", snapshot.body);
    assert_eq!(snapshot.to, ["\"Wim Dekker\" <w.dekker@samenvei1ig.nl>"]);

    let verdict = check(file);
    assert_eq!(action(&verdict), "warn");
    assert_eq!(
        rules(&verdict),
        set(&["lookalike-domain", "external-unencrypted", "sensitive-attachment", "special-category", "unreadable-attachment"])
    );
    let lookalike = one(&verdict, "lookalike-domain");
    assert_eq!(lookalike["recipient"], "w.dekker@samenvei1ig.nl");
    assert_eq!(lookalike["fix"]["replacement"], "w.dekker@samenveilig.nl");
    // The term is split over the two RFC 2231 continuations of the file name.
    let in_name = one(&verdict, "special-category");
    assert_eq!((in_name["field"].as_str(), in_name["index"].as_u64()), (Some("attachments"), Some(0)));
    assert_eq!(span(&in_name), utf16_span(&snapshot.attachments[0].name, "uithuisplaatsing"));
}

#[test]
fn clean_internal_message_with_a_group_address_has_no_findings() {
    let file = "tests/eml/07-intern-schoon.eml";
    let snapshot = parsed(file);
    // `Team Jeugd Noord: a, b;` gives its members; the quotes inside the encoded word go.
    assert_eq!(snapshot.to, ["a.bos@samenveilig.nl", "\"Yılmaz, Emre\" <e.yilmaz@samenveilig.nl>"]);

    let verdict = check(file);
    assert_eq!(action(&verdict), "allow");
    assert_eq!(verdict["intendedAction"], "allow");
    assert_eq!(findings(&verdict), Vec::<Value>::new());
    assert_eq!(verdict["policyErrors"], Value::Array(Vec::new()));
}

#[test]
fn bcc_to_a_parent_at_a_freemail_address_is_seen() {
    let file = "tests/eml/08-bcc-gratis-mail.eml";
    let snapshot = parsed(file);
    assert_eq!(snapshot.bcc, ["\"El Amrani, Fatima (moeder)\" <fatima.elamrani83@gmail.com>"]);
    assert_eq!(snapshot.cc, ["\"Veilig Thuis\" <advies@VeiligThuis.nl>"]);

    let verdict = check(file);
    assert_eq!(action(&verdict), "warn");
    assert_eq!(rules(&verdict), set(&["external-unencrypted", "freemail-recipient", "special-category"]));
    let external = one(&verdict, "external-unencrypted");
    // Veilig Thuis (trusted, in capitals) and the colleague (internal) are not among them.
    assert_eq!(strings(&external["recipients"]), ["fatima.elamrani83@gmail.com"]);
    assert_eq!(external["field"], "bcc");
    let freemail = one(&verdict, "freemail-recipient");
    assert_eq!((freemail["field"].as_str(), freemail["recipient"].as_str()), (Some("bcc"), Some("fatima.elamrani83@gmail.com")));
}

#[test]
fn forwarded_message_is_an_attachment_named_after_its_subject() {
    let file = "tests/eml/09-doorgestuurd-bericht.eml";
    let snapshot = parsed(file);
    assert_eq!(snapshot.attachments.len(), 2, "{:?}", snapshot.attachments);
    assert_eq!(names_and_sizes(&snapshot)[0], ("", 70), "the inline logo, without a name");
    assert_eq!(snapshot.attachments[1].name, "Verslag MDO - ondertoezichtstelling Kaya.eml");
    assert!(snapshot.attachments[1].size > 200);
    assert_eq!(snapshot.body, "Ter informatie, zie het doorgestuurde bericht.\n", "HTML from multipart/related, as text");

    let verdict = check(file);
    assert_eq!(action(&verdict), "warn");
    // The forwarded message is read: its subject and body are judged like the body.
    let forwarded = &snapshot.attachments[1];
    assert_eq!(forwarded.unreadable, None);
    assert!(forwarded.texts[0].contains("het kader van de ondertoezichtstelling"), "{:?}", forwarded.texts);
    // The inline logo is an image: nothing to read, and said so.
    assert_eq!(snapshot.attachments[0].unreadable.as_deref(), Some("unsupported"));
    assert_eq!(rules(&verdict), set(&["external-unencrypted", "sensitive-attachment", "special-category", "unreadable-attachment"]));
    // Once in the attachment's name, once inside it ("De jeugdige ... de ondertoezichtstelling").
    let found = only(&verdict, "special-category");
    let places: Vec<_> = found.iter().map(|f| (f["field"].as_str(), f["index"].as_u64(), f["part"].as_u64())).collect();
    assert_eq!(places, [(Some("attachments"), Some(1), None), (Some("attachments"), Some(1), Some(0))], "{verdict:#}");
    let inside = found[1]["message"].as_str().unwrap_or_default();
    assert!(inside.starts_with("De bijlage Verslag MDO - ondertoezichtstelling Kaya.eml bevat"), "{inside}");
}

// ---------------------------------------------------------------------------------------------
// The text inside attachments: messages with LibreOffice-made files (tests/attachments/make.sh)
// ---------------------------------------------------------------------------------------------

#[test]
fn case_file_in_an_innocently_named_pdf_to_a_school_warns() {
    let verdict = check("tests/attachments/files/scan-extern.eml");
    assert_eq!(action(&verdict), "warn");
    assert_eq!(rules(&verdict), set(&["external-unencrypted", "bsn", "date-of-birth", "phone-number", "special-category"]));
    let bsn = one(&verdict, "bsn");
    assert_eq!((bsn["field"].as_str(), bsn["index"].as_u64(), bsn["page"].as_u64()), (Some("attachments"), Some(0), Some(1)));
    let message = bsn["message"].as_str().unwrap_or_default();
    assert!(message.starts_with("Pagina 1 van de bijlage scan_0012.pdf bevat een burgerservicenummer (••••••869)"), "{message}");
    assert!(!verdict.to_string().contains("162275869"), "the BSN is masked everywhere");
}

#[test]
fn the_same_pdf_with_the_encryption_marker_goes_out() {
    let verdict = check("tests/attachments/files/scan-extern-versleuteld.eml");
    assert_eq!(action(&verdict), "allow");
    assert!(!rules(&verdict).contains("external-unencrypted"));
    assert!(rules(&verdict).contains("bsn"), "still reported for information");
}

#[test]
fn an_ordinary_pdf_and_word_file_to_a_school_are_no_finding() {
    let verdict = check("tests/attachments/files/gewoon-extern.eml");
    assert_eq!(action(&verdict), "allow");
    assert_eq!(rules(&verdict), set(&[]));
}

#[test]
fn a_forwarded_message_is_read_down_to_its_attachment_and_a_protected_pdf_is_reported() {
    let file = "tests/attachments/files/doorgestuurd-extern.eml";
    let snapshot = parsed(file);
    assert_eq!(names_and_sizes(&snapshot).iter().map(|(n, _)| *n).collect::<Vec<_>>(), ["beveiligd.pdf", "Verslag.eml"]);
    assert_eq!(snapshot.attachments[0].unreadable.as_deref(), Some("encrypted"));
    assert!(snapshot.attachments[1].texts[0].contains("document.docx:\nVerslag huisbezoek"), "{:?}", snapshot.attachments[1]);
    let verdict = check(file);
    assert_eq!(action(&verdict), "warn");
    let external = one(&verdict, "external-unencrypted");
    assert!(external["message"].as_str().unwrap_or_default().contains("een burgerservicenummer"), "{external}");
    let unreadable = one(&verdict, "unreadable-attachment");
    assert_eq!((unreadable["index"].as_u64(), unreadable["severity"].as_str()), (Some(0), Some("info")));
    assert!(unreadable["message"]
        .as_str()
        .unwrap_or_default()
        .contains("beveiligd.pdf is niet gecontroleerd: het is met een wachtwoord beveiligd"));
}

#[test]
fn former_colleague_in_a_large_cc_list_is_blocked() {
    let file = "tests/eml/10-oud-collega-grote-groep.eml";
    let snapshot = parsed(file);
    assert_eq!((snapshot.to.len(), snapshot.cc.len()), (18, 4));
    assert_eq!(snapshot.subject, "Nieuwsbrief maart: geïnteresseerden gezocht voor de werkgroep");

    let verdict = check(file);
    assert_eq!(action(&verdict), "block");
    assert_eq!(rules(&verdict), set(&["retired-address", "large-audience"]));
    let retired = one(&verdict, "retired-address");
    assert_eq!((retired["field"].as_str(), retired["index"].as_u64()), (Some("cc"), Some(2)));
    assert_eq!(retired["recipient"], "H.Vermeulen@samenveilig.nl");
    assert!(one(&verdict, "large-audience")["message"].as_str().expect("message").contains("22"));
}

// ---------------------------------------------------------------------------------------------
// Snapshots, several inputs, stdin
// ---------------------------------------------------------------------------------------------

#[test]
fn snapshot_json_files() {
    let verdict = check("tests/eml/snapshots/extern-bsn.json");
    assert_eq!(action(&verdict), "warn");
    assert_eq!(rules(&verdict), set(&["external-unencrypted", "bsn", "sensitive-attachment"]));
    assert_eq!(strings(&one(&verdict, "external-unencrypted")["recipients"]), ["m.bakker@bakker-advocaten.nl"]);

    let verdict = check("tests/eml/snapshots/oud-domein.json");
    assert_eq!(action(&verdict), "block");
    assert_eq!(one(&verdict, "retired-domain")["fix"]["replacement"], "r.debruijn@samenveilig.nl");
}

#[test]
fn several_files_give_one_line_each_in_order() {
    let files = [
        "tests/eml/07-intern-schoon.eml",
        "tests/eml/05-opgeheven-domein.eml",
        "tests/eml/snapshots/extern-bsn.json",
        "tests/eml/02-versleuteld-onderwerp.eml",
        "tests/eml/06-genest-rfc2231.eml",
    ];
    let mut args = vec!["check", "--policy", POLICY];
    args.extend(files);
    let output = run(&args);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let lines = verdicts(&output);
    assert_eq!(lines.iter().map(action).collect::<Vec<_>>(), ["allow", "block", "warn", "allow", "warn"]);
    for (file, line) in files.iter().zip(&lines) {
        assert_eq!(*line, check(file), "{file}: the same verdict as on its own");
    }
}

#[test]
fn a_json_line_from_a_browser_with_half_an_emoji_is_read() {
    // JSON.stringify writes a lone surrogate (an emoji cut in half by an editor) as an escape.
    let input = br#"{"to": ["j.bos@bjzutrecht.nl"], "subject": "Dossier \ud83d", "body": "Hoi"}"#;
    let output = run_with_stdin(&["check", "--policy", POLICY, "-"], Some(input));
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(verdicts(&output).iter().map(action).collect::<Vec<_>>(), ["block"]);
}

#[test]
fn stdin_json_lines_skip_blank_lines_and_mix_with_files() {
    let input = std::fs::read(root().join("tests/eml/snapshots/drie-snapshots.jsonl")).expect("input");
    let output = run_with_stdin(&["check", "--policy", POLICY, "-"], Some(&input));
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let lines = verdicts(&output);
    assert_eq!(lines.iter().map(action).collect::<Vec<_>>(), ["allow", "block", "warn"]);
    assert_eq!(rules(&lines[2]), set(&["external-unencrypted", "bsn", "special-category"]));
    assert_eq!(strings(&one(&lines[2], "external-unencrypted")["recipients"]), ["m.bakker@bakker-advocaten.nl"]);

    let output = run_with_stdin(
        &["check", "--policy", POLICY, "tests/eml/07-intern-schoon.eml", "-", "tests/eml/05-opgeheven-domein.eml"],
        Some(&input),
    );
    assert_eq!(code(&output), 0);
    assert_eq!(verdicts(&output).iter().map(action).collect::<Vec<_>>(), ["allow", "allow", "block", "warn", "block"]);
}

#[test]
fn json_lines_file_windows_line_ends_and_byte_order_marks() {
    let dir = scratch("crlf");
    let text = std::fs::read_to_string(root().join("tests/eml/snapshots/drie-snapshots.jsonl")).expect("input");
    let windows = format!("\u{feff}{}", text.replace('\n', "\r\n"));
    let lines_file = dir.join("windows.jsonl");
    std::fs::write(&lines_file, &windows).expect("write");
    let output = run(&["check", "--policy", POLICY, lines_file.to_str().expect("path")]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(verdicts(&output).iter().map(action).collect::<Vec<_>>(), ["allow", "block", "warn"]);

    let output = run_with_stdin(&["check", "--policy", POLICY, "-"], Some(windows.as_bytes()));
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(verdicts(&output).len(), 3);

    let snapshot = std::fs::read_to_string(root().join("tests/eml/snapshots/oud-domein.json")).expect("snapshot");
    let bom_file = dir.join("bom.json");
    std::fs::write(&bom_file, format!("\u{feff}{snapshot}")).expect("write");
    let output = run(&["check", "--policy", POLICY, bom_file.to_str().expect("path")]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(action(&verdicts(&output)[0]), "block");
}

#[test]
fn text_format_is_for_people() {
    let output =
        run(&["check", "--policy", POLICY, "--format", "text", "tests/eml/05-opgeheven-domein.eml", "tests/eml/07-intern-schoon.eml"]);
    assert_eq!(code(&output), 0);
    let text = stdout(&output);
    assert!(serde_json::from_str::<Value>(text.lines().next().expect("a line")).is_err(), "not JSON: {text}");
    let (first, second) = text.split_once("tests/eml/07-intern-schoon.eml").expect("both files named, in order");
    assert!(first.starts_with("tests/eml/05-opgeheven-domein.eml: BLOCK"), "{text}");
    assert!(first.contains("retired-domain") && first.contains("R.deBruijn@samenveilig.nl"), "{text}");
    assert!(second.starts_with(": ALLOW"), "{text}");

    let input = std::fs::read(root().join("tests/eml/snapshots/drie-snapshots.jsonl")).expect("input");
    let output = run_with_stdin(&["check", "--policy", POLICY, "--format", "text", "-"], Some(&input));
    let text = stdout(&output);
    for expected in ["stdin:1: ALLOW", "stdin:3: BLOCK", "stdin:4: WARN", "[versleuteld]"] {
        assert!(text.contains(expected), "{expected:?} in {text}");
    }
    assert!(!text.contains("111222333"), "no full BSN in the text either");
}

// ---------------------------------------------------------------------------------------------
// Exit codes
// ---------------------------------------------------------------------------------------------

#[test]
fn fail_on_sets_the_exit_code() {
    let cases: [(&str, &[&str], i32); 7] = [
        ("warn", &["tests/eml/01-verslag-extern-pdf.eml"], 1),
        ("block", &["tests/eml/01-verslag-extern-pdf.eml"], 0),
        ("block", &["tests/eml/05-opgeheven-domein.eml"], 1),
        ("warn", &["tests/eml/05-opgeheven-domein.eml"], 1),
        ("warn", &["tests/eml/07-intern-schoon.eml", "tests/eml/02-versleuteld-onderwerp.eml"], 0),
        ("warn", &["tests/eml/07-intern-schoon.eml", "tests/eml/06-genest-rfc2231.eml"], 1),
        (
            "block",
            &["tests/eml/07-intern-schoon.eml", "tests/eml/01-verslag-extern-pdf.eml", "tests/eml/10-oud-collega-grote-groep.eml"],
            1,
        ),
    ];
    for (level, files, expected) in cases {
        let mut args = vec!["check", "--policy", POLICY, "--fail-on", level];
        args.extend(files);
        let output = run(&args);
        assert_eq!(code(&output), expected, "--fail-on {level} {files:?}");
        assert_eq!(verdicts(&output).len(), files.len(), "every verdict is still printed");
    }
    let output = run(&["check", "--policy", POLICY, "tests/eml/05-opgeheven-domein.eml"]);
    assert_eq!(code(&output), 0, "without --fail-on a block is still exit 0");
}

#[test]
fn fail_on_counts_what_a_report_only_policy_would_enforce() {
    let mut policy: Value = serde_json::from_str(&std::fs::read_to_string(root().join(POLICY)).expect("policy")).expect("JSON");
    policy["enforcement"] = Value::from("report");
    let path = scratch("report").join("pilot.json");
    std::fs::write(&path, policy.to_string()).expect("write");
    let output = run(&["check", "--policy", path.to_str().expect("path"), "--fail-on", "block", "tests/eml/05-opgeheven-domein.eml"]);
    assert_eq!(code(&output), 1);
    let verdict = &verdicts(&output)[0];
    assert_eq!((verdict["action"].as_str(), verdict["intendedAction"].as_str()), (Some("allow"), Some("block")));
}

#[test]
fn unreadable_input_exits_2_naming_file_and_line() {
    let lines = std::fs::read(root().join("tests/eml/bad/regel2-kapot.jsonl")).expect("input");
    let output = run_with_stdin(&["check", "--policy", POLICY, "-"], Some(&lines));
    assert_eq!(code(&output), 2);
    assert!(stderr(&output).contains("stdin:2:"), "{}", stderr(&output));
    assert_eq!(verdicts(&output).len(), 1, "line 1 was analysed, nothing after line 2");

    let cases = [
        ("tests/eml/bad/regel2-kapot.jsonl", "tests/eml/bad/regel2-kapot.jsonl:2:"),
        ("tests/eml/bad/snapshot-kapot.json", "tests/eml/bad/snapshot-kapot.json:5:"),
        ("tests/eml/bad/geen-bericht.eml", "tests/eml/bad/geen-bericht.eml: not an e-mail message"),
        ("tests/eml/bad/pdf-als-eml.eml", "tests/eml/bad/pdf-als-eml.eml: not an e-mail message"),
        ("tests/eml/bad/bestaat-niet.eml", "tests/eml/bad/bestaat-niet.eml: cannot read"),
    ];
    for (file, expected) in cases {
        let output = run(&["check", "--policy", POLICY, file]);
        assert_eq!(code(&output), 2, "{file}");
        assert!(stderr(&output).contains(expected), "{expected:?} in {}", stderr(&output));
    }

    // The good input before the bad one is printed; the bad one wins over --fail-on.
    let output =
        run(&["check", "--policy", POLICY, "--fail-on", "block", "tests/eml/05-opgeheven-domein.eml", "tests/eml/bad/bestaat-niet.eml"]);
    assert_eq!(code(&output), 2);
    assert_eq!(verdicts(&output).len(), 1);
}

#[test]
fn policy_that_is_not_json_stops_check_with_exit_2() {
    let output = run(&["check", "--policy", "tests/eml/bad/beleid-geen-json.json", "tests/eml/07-intern-schoon.eml"]);
    assert_eq!(code(&output), 2);
    assert!(stderr(&output).contains("tests/eml/bad/beleid-geen-json.json:3:"), "{}", stderr(&output));
    assert!(stdout(&output).is_empty(), "no verdict without the policy");

    let output = run(&["check", "--policy", "tests/eml/bad/bestaat-niet.json", "tests/eml/07-intern-schoon.eml"]);
    assert_eq!(code(&output), 2);
    assert!(stderr(&output).contains("tests/eml/bad/bestaat-niet.json"));
}

// ---------------------------------------------------------------------------------------------
// policy check, --version
// ---------------------------------------------------------------------------------------------

#[test]
fn policy_check_valid_and_invalid() {
    let output = run(&["policy", "check", POLICY]);
    assert_eq!(code(&output), 0, "{}", stdout(&output));
    assert!(stdout(&output).contains("tests/eml/policy.json: valid"));

    let output = run(&["policy", "check", "tests/eml/bad/beleid-met-fouten.json"]);
    assert_eq!(code(&output), 1);
    let text = stdout(&output);
    for expected in [
        "internalDomains[1]: ",
        "[invalid-domain]",
        "customPatterns[0].pattern: ",
        "[invalid-pattern]",
        "trustedDomain: ",
        "[unknown-key]",
        "trustedDomains",
    ] {
        assert!(text.contains(expected), "{expected:?} in {text}");
    }

    let output = run(&["policy", "check", "--format", "json", "tests/eml/bad/beleid-met-fouten.json"]);
    assert_eq!(code(&output), 1);
    let report: Value = serde_json::from_str(&stdout(&output)).expect("JSON report");
    assert_eq!(report["valid"], false);
    let mut paths = strings(&Value::Array(report["policyErrors"].as_array().expect("errors").iter().map(|e| e["path"].clone()).collect()));
    paths.sort();
    assert_eq!(paths, ["customPatterns[0].pattern", "internalDomains[1]", "trustedDomain"]);
    // The valid rest applies.
    assert_eq!(strings(&report["effectivePolicy"]["internalDomains"]), ["samenveilig.nl"]);

    let output = run(&["policy", "check", "tests/eml/bad/beleid-geen-json.json"]);
    assert_eq!(code(&output), 1);
    assert!(stdout(&output).contains("[invalid-json]"), "{}", stdout(&output));
}

#[test]
fn check_reports_policy_errors_and_applies_the_valid_rest() {
    let output = run(&["check", "--policy", "tests/eml/bad/beleid-met-fouten.json", "tests/eml/05-opgeheven-domein.eml"]);
    assert_eq!(code(&output), 0);
    assert!(stderr(&output).contains("internalDomains[1]"), "{}", stderr(&output));
    let verdict = &verdicts(&output)[0];
    assert_eq!(verdict["policyErrors"].as_array().map(Vec::len), Some(3));
    assert_eq!(action(verdict), "block", "the retired domain still blocks");
}

#[test]
fn version() {
    let output = run(&["--version"]);
    assert_eq!(code(&output), 0);
    assert_eq!(stdout(&output).trim(), format!("zorgvuldig {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn truncated_messages_are_read_or_refused_never_a_panic() {
    let mut names: Vec<PathBuf> = std::fs::read_dir(root().join("tests/eml"))
        .expect("tests/eml")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "eml"))
        .collect();
    names.sort();
    assert!(names.len() >= 10, "{names:?}");
    for path in names {
        let raw = std::fs::read(&path).expect("message");
        for cut in 0..raw.len() {
            let _ = zorgvuldig::eml::parse(&raw[..cut]);
        }
    }
    let html = "<p class=\"a>b\">No&euml;lle &#x2013; &#99999999; &#0; &; &euml <b>x</b><!-- open";
    for (cut, _) in html.char_indices() {
        let _ = zorgvuldig::eml::html_to_text(&html[..cut]);
    }
}
