//! Hostile and odd input too large for a data-driven case (docs/reliability.md): a 5 MB body, 5,000
//! recipients, policies with lists of thousands, deeply nested MIME, invalid UTF-8 in
//! `.eml` files, and custom patterns that make backtracking engines explode, run on megabytes of
//! text. Nothing may panic, what matters must
//! still be found, and every case must answer within [`HANG_GUARD`], which only catches a hang:
//! the measured times are in docs/reliability.md, from
//! `cargo test --release --test hostile -- --nocapture --test-threads=1`, which prints them.
//! (The small cases, such as Word's invisible characters in a BSN, are in tests/cases/hostile.toml.)

#![allow(clippy::expect_used)]

use std::sync::mpsc;
use std::time::{Duration, Instant};

use zorgvuldig::{eml, Action, Engine, Field, Finding, Snapshot, Verdict};

/// Far above any measured time, also for a debug build on a busy machine: exceeding it means the
/// core hangs or went quadratic.
const HANG_GUARD: Duration = Duration::from_secs(120);

const ORG_POLICY: &str = include_str!("policies/org.json");

/// Runs `work` on its own thread and fails the test when it panics or takes longer than
/// [`HANG_GUARD`]; prints the time it took.
fn within_guard<T: Send + 'static>(name: &str, work: impl FnOnce() -> T + Send + 'static) -> T {
    let (sender, receiver) = mpsc::channel();
    let start = Instant::now();
    std::thread::spawn(move || {
        let _ = sender.send(work());
    });
    match receiver.recv_timeout(HANG_GUARD) {
        Ok(out) => {
            println!("hostile: {name}: {:.1} ms", start.elapsed().as_secs_f64() * 1000.0);
            out
        }
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{name}: no answer within {HANG_GUARD:?}"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{name}: panicked"),
    }
}

fn analyze(name: &str, policy: &str, snapshot: Snapshot) -> Verdict {
    let policy = policy.to_string();
    within_guard(name, move || Engine::from_json_text(&policy).analyze(&snapshot))
}

fn of_rule<'v>(verdict: &'v Verdict, rule: &'v str) -> impl Iterator<Item = &'v Finding> + 'v {
    verdict.findings.iter().filter(move |f| f.rule.id() == rule)
}

/// Text of about `bytes` bytes: `unit` repeated.
fn repeated(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes.div_ceil(unit.len()))
}

#[test]
fn five_megabyte_bodies() {
    let paragraph = "Beste collega,\n\nIn het gesprek van dinsdag vertelde de moeder dat het beter gaat op school. \
                     De afspraken over de omgang staan in het plan van aanpak; de evaluatie volgt in maart.\n\n";
    let shapes = [
        ("5 MB of prose", repeated(paragraph, 5_000_000)),
        ("5 MB of digits and separators", repeated("1234567890 12.34-56/78 ", 5_000_000)),
        ("5 MB without a space", repeated("a", 5_000_000)),
        ("5 MB of emoji and Arabic", repeated("😀 نص عربي ", 5_000_000)),
        ("5 MB of invisible characters", repeated("\u{ad}\u{200b}\u{202e}\u{feff}", 5_000_000)),
    ];
    for (name, filler) in shapes {
        // The BSN at the very end, after five megabytes: the offsets must still be right.
        let body = format!("{filler}\nBSN van de cliënt: 123.456.782");
        let units = body.encode_utf16().count();
        let snapshot = Snapshot { to: vec!["s.devries@gmail.com".into()], body, ..Snapshot::default() };
        let verdict = analyze(name, ORG_POLICY, snapshot);
        let bsn = of_rule(&verdict, "bsn").find(|f| f.end == units);
        assert!(bsn.is_some_and(|f| f.start == units - "123.456.782".len()), "{name}: the BSN at the end was not found at its place");
        assert!(of_rule(&verdict, "external-unencrypted").next().is_some(), "{name}: a BSN to gmail.com without encryption passed");
        assert_eq!(verdict.action, Action::Warn, "{name}");
    }
}

#[test]
fn five_thousand_recipients() {
    let mut entries: Vec<String> = (0..5000).map(|i| format!("Medewerker {i} <m{i}@partner{}.nl>", i % 97)).collect();
    entries[1234] = "Jan <jan@bjzutrecht.nl>".into();
    entries[4999] = "piet@samenvei1ig.nl".into();
    let checks = |name: &str, verdict: &Verdict, indexed: bool| {
        let retired: Vec<&Finding> = of_rule(verdict, "retired-domain").collect();
        assert_eq!(retired.len(), 1, "{name}: the retired domain among 5,000 recipients");
        assert_eq!(retired[0].fix.as_ref().and_then(|f| f.replacement.as_deref()), Some("jan@samenveilig.nl"), "{name}");
        assert_eq!(of_rule(verdict, "lookalike-domain").count(), 1, "{name}: the look-alike among 5,000 recipients");
        let audience = of_rule(verdict, "large-audience").next().unwrap_or_else(|| panic!("{name}: no large-audience finding"));
        assert!(audience.message.contains("5000"), "{name}: {}", audience.message);
        if indexed {
            assert_eq!(retired[0].index, Some(1234), "{name}");
        }
        assert_eq!(verdict.action, Action::Block, "{name}");
    };
    let snapshot = Snapshot { to: entries.clone(), body: "Nieuwsbrief".into(), ..Snapshot::default() };
    checks("5,000 recipients, one per entry", &analyze("5,000 recipients, one per entry", ORG_POLICY, snapshot), true);
    let snapshot = Snapshot { to: vec![entries.join(", ")], body: "Nieuwsbrief".into(), ..Snapshot::default() };
    checks("5,000 recipients in one entry", &analyze("5,000 recipients in one entry", ORG_POLICY, snapshot), false);
    // In Bcc they are no audience that sees each other, but every address is still checked.
    let snapshot = Snapshot { bcc: entries, body: "BSN 123456782".into(), ..Snapshot::default() };
    let verdict = analyze("5,000 recipients in Bcc", ORG_POLICY, snapshot);
    assert_eq!(of_rule(&verdict, "retired-domain").count(), 1);
    assert_eq!(of_rule(&verdict, "large-audience").count(), 0);
    let external = of_rule(&verdict, "external-unencrypted").next().expect("a BSN to 5,000 outside addresses");
    assert_eq!(external.recipients.len(), 5000, "every outside recipient (the retired and look-alike ones too) is named once");
}

#[test]
fn policies_with_huge_lists() {
    let domains: Vec<String> = (0..10_000).map(|i| format!("gemeente{i}.nl")).collect();
    let policy = serde_json::json!({
        "internalDomains": ["samenveilig.nl"],
        "trustedDomains": domains,
        "retiredDomains": (0..10_000).map(|i| format!("oud{i}.nl")).collect::<Vec<_>>(),
        "retiredAddresses": (0..100_000).map(|i| format!("medewerker{i}@samenveilig.nl")).collect::<Vec<_>>(),
        "sensitiveTerms": (0..5_000).map(|i| format!("project {i} geheim")).collect::<Vec<_>>(),
    });
    let snapshot = Snapshot {
        to: vec!["medewerker99999@samenveilig.nl".into(), "x@oud9999.nl".into(), "y@gemeente123.nl".into()],
        body: "Over project 4999 geheim.".into(),
        ..Snapshot::default()
    };
    let name = "policy with 10,000 + 10,000 domains, 100,000 addresses, 5,000 terms";
    let verdict = analyze(name, &policy.to_string(), snapshot);
    for rule in ["retired-address", "retired-domain", "special-category"] {
        assert_eq!(of_rule(&verdict, rule).count(), 1, "{rule} among huge lists: {:?}", verdict.findings);
    }
    assert!(verdict.policy_errors.is_empty(), "{:?}", &verdict.policy_errors[..1]);
}

/// A message whose text sits `depth` multiparts deep (each with a decoy part beside it).
fn nested_multipart(depth: usize) -> Vec<u8> {
    let mut eml = String::from("From: a.jansen@samenveilig.nl\r\nTo: s.devries@gmail.com\r\nSubject: Genest\r\nMIME-Version: 1.0\r\n");
    for level in 0..depth {
        eml.push_str(&format!("Content-Type: multipart/mixed; boundary=\"b{level}\"\r\n\r\n--b{level}\r\n"));
        eml.push_str("Content-Type: text/plain\r\n\r\nOnderdeel.\r\n");
        eml.push_str(&format!("--b{level}\r\n"));
    }
    eml.push_str("Content-Type: text/plain; charset=utf-8\r\n\r\nBSN van de cliënt: 123456782\r\n");
    for level in (0..depth).rev() {
        eml.push_str(&format!("--b{level}--\r\n"));
    }
    eml.into_bytes()
}

/// A message forwarded inside itself `depth` times (message/rfc822), the text in the innermost.
fn nested_forwards(depth: usize) -> Vec<u8> {
    let mut eml = String::new();
    for level in 0..depth {
        eml.push_str(&format!(
            "From: a{level}@samenveilig.nl\r\nTo: s.devries@gmail.com\r\nSubject: Fwd {level}\r\nContent-Type: message/rfc822\r\n\r\n"
        ));
    }
    eml.push_str("From: x@samenveilig.nl\r\nSubject: binnenste\r\nContent-Type: text/plain\r\n\r\nBSN 123456782\r\n");
    eml.into_bytes()
}

/// Parses an `.eml` and analyses it under the test policy.
fn analyze_eml(name: &str, raw: Vec<u8>) -> Result<(Snapshot, Verdict), eml::EmlError> {
    within_guard(name, move || {
        let snapshot = eml::parse(&raw)?;
        let verdict = Engine::from_json_text(ORG_POLICY).analyze(&snapshot);
        Ok((snapshot, verdict))
    })
}

#[test]
fn deeply_nested_mime() {
    // Depths a mail client produces stay readable: the text deep inside is found.
    for depth in [10, 50] {
        let name = format!("multipart nested {depth} deep");
        let (snapshot, verdict) = analyze_eml(&name, nested_multipart(depth)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(snapshot.body.contains("123456782"), "{name}: the innermost text is lost");
        assert!(of_rule(&verdict, "bsn").next().is_some(), "{name}");
    }
    // Beyond that, a message built to exhaust the parser: an answer (a snapshot or a clear error),
    // never a crash or a hang.
    for (name, raw) in [
        ("multipart nested 5,000 deep", nested_multipart(5_000)),
        ("message/rfc822 nested 10 deep", nested_forwards(10)),
        ("message/rfc822 nested 5,000 deep", nested_forwards(5_000)),
        ("50,000 unclosed multipart starts", "Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\n".repeat(50_000).into_bytes()),
    ] {
        match analyze_eml(name, raw) {
            Ok((snapshot, verdict)) => println!(
                "hostile: {name}: read: body {} bytes, {} attachments, innermost BSN found: {}",
                snapshot.body.len(),
                snapshot.attachments.len(),
                of_rule(&verdict, "bsn").next().is_some()
            ),
            Err(error) => assert!(!error.0.is_empty(), "{name}: an error without a message"),
        }
    }
}

#[test]
fn invalid_utf8_in_eml() {
    let mut raw = Vec::new();
    raw.extend_from_slice(b"From: a.jansen@samenveilig.nl\r\nTo: \"S. de Vries \xff\xfe\" <s.devries@gmail.com>, j\xe9@bad\xc3\x28.nl\r\n");
    raw.extend_from_slice(b"Subject: Verslag \xc3\x28 \xed\xa0\x80 client\r\nMIME-Version: 1.0\r\n");
    raw.extend_from_slice(b"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");
    raw.extend_from_slice(b"Cli\xc3\xabnt \xf8\x88\x80\x80\x80 BSN 123456782 \xc0\xaf woont in Utrecht.\r\n");
    let (snapshot, verdict) = analyze_eml("invalid UTF-8 in headers and body", raw).expect("a message with bad bytes is still a message");
    assert!(snapshot.to.iter().any(|t| t.contains("s.devries@gmail.com")), "recipient lost: {:?}", snapshot.to);
    assert!(snapshot.subject.contains("Verslag"), "subject lost: {:?}", snapshot.subject);
    assert!(of_rule(&verdict, "bsn").any(|f| f.field == Field::Body), "the BSN after bad bytes was not found");
    assert!(of_rule(&verdict, "external-unencrypted").next().is_some());

    // Declared Latin-1 but UTF-8 inside, and a base64 body of random bytes.
    let mut raw = Vec::new();
    raw.extend_from_slice(b"From: a@samenveilig.nl\r\nTo: s.devries@gmail.com\r\nSubject: =?iso-8859-1?q?Cli=EBnt?= =?utf-8?b?/w==?=\r\n");
    raw.extend_from_slice(b"Content-Type: multipart/mixed; boundary=z\r\n\r\n--z\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\nCli\xc3\xabnt BSN 123456782\r\n");
    raw.extend_from_slice(
        b"--z\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n/////w==\r\n--z--\r\n",
    );
    let (snapshot, verdict) = analyze_eml("wrong charset and binary text part", raw).expect("still a message");
    assert!(snapshot.subject.starts_with("Cliënt"), "subject: {:?}", snapshot.subject);
    assert!(of_rule(&verdict, "bsn").next().is_some());

    // Not a message at all: random bytes give the clear error, not a crash.
    let noise: Vec<u8> = (0u32..200_000).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    match analyze_eml("200 KB of noise", noise) {
        Ok((snapshot, _)) => assert!(snapshot.to.is_empty() && snapshot.from.is_empty(), "noise read as a message with addresses"),
        Err(error) => assert!(error.0.contains("not an e-mail message"), "{}", error.0),
    }
}

/// Patterns that make a backtracking engine take exponential time, with what the policy makes of
/// them: `true` accepted (and then run on megabytes of text that nearly matches), `false` refused
/// with an `invalid-pattern` error that says why.
const PATHOLOGICAL_PATTERNS: [(&str, bool); 12] = [
    (r"(a+)+$", true),
    (r"(a|a)*b", true),
    (r"(a*)*b", true),
    (r"((a*)*)*b", true),
    (r"(x+x+)+y", true),
    (r"(.*a){20}", true),
    (r"(\w+\s?)+$", true),
    (r"\w{100}\d", true),
    (r"\w{500}\d", false),
    (r"(a{100}){100}", false),
    (r"a{65535}", false),
    (r"(?s).{3000}Z", false),
];

#[test]
fn patterns_pathological_for_backtracking() {
    let texts = [("1 MB of a", repeated("a", 1_000_000)), ("1 MB of words", repeated("aaaa aaa aa ", 1_000_000))];
    for (pattern, accepted) in PATHOLOGICAL_PATTERNS {
        let policy = serde_json::json!({"language": "en", "internalDomains": ["samenveilig.nl"], "customPatterns": [{"id": "p", "pattern": pattern}]});
        let errors: Vec<String> =
            Engine::from_json(&policy).policy_errors().iter().map(|e| format!("{} {}: {}", e.path, e.code, e.message)).collect();
        if !accepted {
            assert_eq!(errors.len(), 1, "{pattern}: expected one policy error, got {errors:?}");
            assert!(errors[0].contains("invalid-pattern") && errors[0].contains("too large or too complex"), "{pattern}: {errors:?}");
            continue;
        }
        assert!(errors.is_empty(), "{pattern}: refused: {errors:?}");
        for (text_name, text) in &texts {
            let snapshot = Snapshot { to: vec!["a.jansen@samenveilig.nl".into()], body: text.clone(), ..Snapshot::default() };
            let verdict = analyze(&format!("pattern {pattern} on {text_name}"), &policy.to_string(), snapshot);
            assert!(of_rule(&verdict, "custom-pattern").count() <= 20, "{pattern}: findings are capped");
        }
    }
}
