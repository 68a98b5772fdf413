//! `make bench` (or `cargo bench --bench analyze`): times `Engine::analyze` natively on realistic
//! Dutch message bodies of 1 KB to 1 MB, and on a 10 KB body against a policy with 100,000 retired
//! addresses and 1,000 retired domains. Plain `main` (harness = false), no dependencies: each
//! figure is the median of several samples, each sample long enough (>= 50 ms) to time reliably.

use std::hint::black_box;
use std::time::{Duration, Instant};

use serde_json::json;
use zorgvuldig::{Attachment, Engine, Snapshot};

const SAMPLES: usize = 9;
const MIN_SAMPLE: Duration = Duration::from_millis(50);

/// Sentences as a caseworker writes them: names, dates, places, now and then a BSN, a diagnosis or
/// a child-protection term, so every content detector has work to do.
const SENTENCES: &[&str] = &[
    "Hoi Marieke, hierbij de stand van zaken rond het gezin De Boer uit Utrecht.",
    "Daan (12) is sinds maart uit huis geplaatst en woont nu bij een pleeggezin in Zeist.",
    "Moeder heeft op 14 februari contact opgenomen met het wijkteam over de situatie thuis.",
    "Er is sprake van huiselijk geweld; Veilig Thuis is op de hoogte en heeft een melding opgenomen.",
    "Zijn BSN is 111222333, geboren 12-03-2011, voor de aanvraag bij de gemeente.",
    "De jeugdarts vermoedt ADHD en verwijst door naar de GGZ voor verder onderzoek.",
    "Volgende week dinsdag om 10:00 uur hebben we een overleg met school en de mentor.",
    "Vader is telefonisch bereikbaar op 06-12345678, liever na vijf uur 's middags.",
    "Het gezinsplan is bijgewerkt; de afspraken over de omgangsregeling staan in paragraaf 3.",
    "De kinderrechter heeft de ondertoezichtstelling met een jaar verlengd.",
    "Factuurnummer 2023-118 en ordernummer 776655443 horen bij de vervoerskosten, niet bij het dossier.",
    "Laat maar weten als je vragen hebt; ik ben maandag en donderdag op kantoor in Nieuwegein.",
    "Lotte heeft last van somberheid en er is een vermoeden van een eetstoornis.",
    "Het adres is Oudegracht 123, 3511 AB Utrecht; de sleutel ligt bij de buren.",
    "Met vriendelijke groet, Anna de Vries, jeugdbeschermer bij Samen Veilig Midden-Nederland.",
];

fn dutch_body(bytes: usize) -> String {
    let mut body = String::with_capacity(bytes + 200);
    let mut i = 0;
    while body.len() < bytes {
        body.push_str(SENTENCES[i % SENTENCES.len()]);
        body.push(if i % 4 == 3 { '\n' } else { ' ' });
        if i % 8 == 7 {
            body.push('\n');
        }
        i += 1;
    }
    // Cut on a character boundary at the requested size.
    let mut end = bytes.min(body.len());
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    body.truncate(end);
    body
}

fn snapshot(body: String) -> Snapshot {
    Snapshot {
        from: "a.devries@samenveilig.nl".into(),
        to: vec!["Marieke de Boer <m.deboer@samenveilig.nl>".into(), "intake@ggz-voorbeeld.nl".into()],
        cc: vec!["j.smit@samenveilig.nl".into(), "Pieter Bakker <p.bakker@bjzutrecht.nl>".into()],
        bcc: vec![],
        subject: "Dossier Daan (12) — overdracht".into(),
        body,
        attachments: vec![Attachment { name: "Dossier_Daan_2019.pdf".into(), size: 482_113 }],
    }
}

/// Median time per call over `SAMPLES` samples.
fn time_per_call(mut f: impl FnMut()) -> Duration {
    f(); // warm-up
    let start = Instant::now();
    f();
    let once = start.elapsed().max(Duration::from_nanos(100));
    let iterations = (MIN_SAMPLE.as_nanos() / once.as_nanos()).clamp(1, 1_000_000) as u32;
    let mut samples: Vec<Duration> = (0..SAMPLES)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..iterations {
                f();
            }
            start.elapsed() / iterations
        })
        .collect();
    samples.sort();
    samples[SAMPLES / 2]
}

fn show(duration: Duration) -> String {
    let micros = duration.as_secs_f64() * 1e6;
    if micros < 1000.0 {
        format!("{micros:.1} µs")
    } else {
        format!("{:.2} ms", micros / 1000.0)
    }
}

fn main() {
    // `cargo bench` passes `--bench`; a filter argument is not supported, so ignore the rest.
    let policy = json!({
        "internalDomains": ["samenveilig.nl"],
        "retiredDomains": [{"domain": "bjzutrecht.nl", "successor": "samenveilig.nl"}],
        "retiredAddresses": ["p.jansen@samenveilig.nl"],
        "trustedDomains": ["veiligthuis.nl"],
        "encryptionMarkers": ["[versleuteld]"],
        "customPatterns": [{"id": "client-number", "label": "Cliëntnummer", "pattern": "CL-\\d{7}", "severity": "high"}]
    });
    let engine = Engine::from_json(&policy);
    assert!(engine.policy_errors().is_empty(), "bench policy is valid: {:?}", engine.policy_errors());

    println!("Engine::analyze, native release build, demo policy (median of {SAMPLES} samples)");
    println!("{:>10}  {:>12}  {:>10}  {:>9}", "body", "per call", "MB/s", "findings");
    for (label, bytes) in [("1 KB", 1_000), ("10 KB", 10_000), ("100 KB", 100_000), ("1 MB", 1_000_000)] {
        let snap = snapshot(dutch_body(bytes));
        let findings = engine.analyze(&snap).findings.len();
        let per_call = time_per_call(|| {
            black_box(engine.analyze(black_box(&snap)));
        });
        let mb_per_s = bytes as f64 / 1e6 / per_call.as_secs_f64();
        println!("{label:>10}  {:>12}  {mb_per_s:>10.1}  {findings:>9}", show(per_call));
    }

    // A large organisation: 100,000 former staff (half of them as sha256: entries) and 1,000
    // retired domains.
    let retired_addresses: Vec<String> = (0..100_000)
        .map(|i| {
            let address = format!("medewerker{i}@samenveilig.nl");
            if i % 2 == 0 {
                address
            } else {
                use sha2::{Digest, Sha256};
                let hash = Sha256::digest(address.as_bytes());
                format!("sha256:{}", hash.iter().map(|b| format!("{b:02x}")).collect::<String>())
            }
        })
        .collect();
    let retired_domains: Vec<serde_json::Value> = (0..1_000)
        .map(|i| json!({"domain": format!("oude-organisatie-{i}.nl"), "successor": "samenveilig.nl"}))
        .collect();
    let big = json!({
        "internalDomains": ["samenveilig.nl"],
        "retiredDomains": retired_domains,
        "retiredAddresses": retired_addresses,
        "trustedDomains": ["veiligthuis.nl"],
        "encryptionMarkers": ["[versleuteld]"]
    });
    let start = Instant::now();
    let big_engine = Engine::from_json(&big);
    let build = start.elapsed();
    assert!(big_engine.policy_errors().is_empty(), "big policy is valid");
    let plain = snapshot(dutch_body(10_000));
    let same_mail = time_per_call(|| {
        black_box(big_engine.analyze(black_box(&plain)));
    });
    let mut snap = plain.clone();
    snap.cc.push("medewerker99999@samenveilig.nl".into()); // a retired (hashed) address
    snap.to.push("x@mail.oude-organisatie-999.nl".into()); // subdomain of a retired domain
    let verdict = big_engine.analyze(&snap);
    let per_call = time_per_call(|| {
        black_box(big_engine.analyze(black_box(&snap)));
    });
    println!();
    println!("Large policy: 100,000 retired addresses (half sha256), 1,000 retired domains");
    println!("  engine build (once):           {}", show(build));
    println!("  analyze, same 10 KB mail:      {} per call (4 recipients)", show(same_mail));
    println!("  + retired hashed + subdomain:  {} per call ({} findings, action {:?})", show(per_call), verdict.findings.len(), verdict.action);
}
