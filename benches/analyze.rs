//! `make bench` (or `cargo bench --bench analyze`): times `Engine::analyze` natively on realistic
//! Dutch message bodies of 1 KB to 1 MB, and on a 10 KB body against a policy with 100,000 retired
//! addresses and 1,000 retired domains. Plain `main` (harness = false), no dependencies: each
//! figure is the median of several samples, each sample long enough (>= 50 ms) to time reliably.
//!
//! The Wasm bench (`benches/wasm/`, run in headless Chromium by `make bench`) measures exactly the
//! same inputs: the message and demo policy come from `bench-input.json`, the bodies are built from
//! `dutch-sentences.txt` by the same rule (see `dutch_body`), and the large policy by the same
//! loops. Besides the table, this writes the figures as JSON to `target/bench/native.json`, with a
//! fingerprint of each body, so the Wasm driver can check that it timed the same text and print
//! native and Wasm side by side.
//!
//! First of all, the distinct-value corpus (`benches/corpus.mjs`, written to
//! `target/bench/corpus/` by `node benches/distinct.mjs corpus`) as `benches/distinct.mjs` times it
//! in Wasm: each corpus twice, the second pass timed, median of five rounds; each call includes
//! writing the verdict as JSON, as the Wasm call includes handing it to JavaScript.

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use zorgvuldig::{Engine, Snapshot};

const SAMPLES: usize = 9;
const MIN_SAMPLE: Duration = Duration::from_millis(50);

/// Sentences as a caseworker writes them: names, dates, places, now and then a BSN, a diagnosis or
/// a child-protection term, so every content detector has work to do. One sentence per line.
const SENTENCES: &str = include_str!("dutch-sentences.txt");
/// The demo policy and the message around the body (recipients, subject, attachment).
const INPUT: &str = include_str!("bench-input.json");

const BODIES: [(&str, usize); 4] = [("1 KB", 1_000), ("10 KB", 10_000), ("100 KB", 100_000), ("1 MB", 1_000_000)];

/// `bytes` bytes of UTF-8 text: the sentences in turn, separated by a space, a newline after every
/// 4th and an empty line after every 8th, cut on a character boundary. `benches/wasm/bench.mjs`
/// builds the same text.
fn dutch_body(bytes: usize) -> String {
    let sentences: Vec<&str> = SENTENCES.lines().filter(|line| !line.trim().is_empty()).collect();
    let mut body = String::with_capacity(bytes + 200);
    let mut i = 0;
    while body.len() < bytes {
        body.push_str(sentences[i % sentences.len()]);
        body.push(if i % 4 == 3 { '\n' } else { ' ' });
        if i % 8 == 7 {
            body.push('\n');
        }
        i += 1;
    }
    let mut end = bytes.min(body.len());
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    body.truncate(end);
    body
}

/// FNV-1a (32 bit) of the UTF-8 bytes, as hex: lets the Wasm driver check it timed the same body.
fn fingerprint(text: &str) -> String {
    let hash = text.bytes().fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
    format!("{hash:08x}")
}

fn input() -> Value {
    serde_json::from_str(INPUT).unwrap_or_else(|e| panic!("benches/bench-input.json: {e}"))
}

fn snapshot(body: String) -> Snapshot {
    let mut snapshot: Snapshot = serde_json::from_value(input()["snapshot"].clone()).unwrap_or_else(|e| panic!("bench snapshot: {e}"));
    snapshot.body = body;
    snapshot
}

/// 100,000 former staff (every odd one as a `sha256:` entry) and 1,000 retired domains.
fn large_policy() -> Value {
    use sha2::{Digest, Sha256};
    let retired_addresses: Vec<String> = (0..100_000)
        .map(|i| {
            let address = format!("medewerker{i}@samenveilig.nl");
            if i % 2 == 0 {
                address
            } else {
                let hash = Sha256::digest(address.as_bytes());
                hash.iter().fold(String::from("sha256:"), |mut s, b| {
                    let _ = write!(s, "{b:02x}");
                    s
                })
            }
        })
        .collect();
    let retired_domains: Vec<Value> =
        (0..1_000).map(|i| json!({"domain": format!("oude-organisatie-{i}.nl"), "successor": "samenveilig.nl"})).collect();
    json!({
        "internalDomains": ["samenveilig.nl"],
        "retiredDomains": retired_domains,
        "retiredAddresses": retired_addresses,
        "trustedDomains": ["veiligthuis.nl"],
        "encryptionMarkers": ["[versleuteld]"]
    })
}

/// Median time per call over `SAMPLES` samples of at least `MIN_SAMPLE` each.
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

fn micros(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e6
}

/// Body sizes of the distinct-value corpus (as `SIZES` in `benches/distinct.mjs`).
const DISTINCT_SIZES: [(&str, usize); 4] = [("1 KB", 1 << 10), ("10 KB", 10 << 10), ("100 KB", 100 << 10), ("1 MB", 1 << 20)];
const DISTINCT_ROUNDS: usize = 5;

/// The distinct-value corpus, timed as `benches/distinct.mjs` times it in Wasm; empty (with a
/// note) when the corpus has not been written.
fn distinct_corpus() -> Vec<Value> {
    let dir = target_dir().join("bench").join("corpus");
    let Ok(policy) = std::fs::read_to_string(dir.join("policy.json")) else {
        println!("(no distinct-value corpus in {}: run `node benches/distinct.mjs corpus`)\n", dir.display());
        return Vec::new();
    };
    let engine = Engine::from_json_text(&policy);
    println!(
        "Distinct-value corpus (benches/corpus.mjs), tests/corpus/policy.json: second pass of two, median of {DISTINCT_ROUNDS} rounds"
    );
    println!("{:>8}  {:>11}  {:>8}", "body", "per message", "messages");
    let mut rows = Vec::new();
    for (label, bytes) in DISTINCT_SIZES {
        let path = dir.join(format!("{bytes}.jsonl"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let snapshots: Vec<Snapshot> =
            text.lines().map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{}: {e}", path.display()))).collect();
        let pass = || {
            let start = Instant::now();
            for snapshot in &snapshots {
                black_box(serde_json::to_string(&engine.analyze(black_box(snapshot))).unwrap_or_default());
            }
            start.elapsed() / snapshots.len() as u32
        };
        let mut samples: Vec<Duration> = (0..DISTINCT_ROUNDS)
            .map(|_| {
                pass();
                pass()
            })
            .collect();
        samples.sort();
        let per_message = samples[DISTINCT_ROUNDS / 2];
        println!("{label:>8}  {:>11}  {:>8}", show(per_message), snapshots.len());
        rows.push(json!({"label": label, "bytes": bytes, "micros": micros(per_message)}));
    }
    println!();
    rows
}

fn main() {
    // `cargo bench` passes `--bench`; a filter argument is not supported, so ignore the rest.
    let distinct = distinct_corpus();
    let engine = Engine::from_json(&input()["policy"]);
    assert!(engine.policy_errors().is_empty(), "bench policy is valid: {:?}", engine.policy_errors());

    println!("Engine::analyze, native (cargo bench: the release profile), demo policy, median of {SAMPLES} samples");
    println!("{:>8}  {:>11}  {:>9}  {:>9}  {:>8}", "body", "per call", "MB/s", "µs per KB", "findings");
    let mut bodies = Vec::new();
    for (label, bytes) in BODIES {
        let body = dutch_body(bytes);
        let print = fingerprint(&body);
        let snap = snapshot(body);
        let findings = engine.analyze(&snap).findings.len();
        let per_call = time_per_call(|| {
            black_box(engine.analyze(black_box(&snap)));
        });
        let mb_per_s = bytes as f64 / micros(per_call);
        let per_kb = micros(per_call) / (bytes as f64 / 1000.0);
        println!("{label:>8}  {:>11}  {mb_per_s:>9.1}  {per_kb:>9.2}  {findings:>8}", show(per_call));
        bodies.push(json!({"label": label, "bytes": bytes, "fingerprint": print, "findings": findings,
                           "micros": micros(per_call), "mbPerS": mb_per_s}));
    }

    let start = Instant::now();
    let big_engine = Engine::from_json(&large_policy());
    let build = start.elapsed();
    assert!(big_engine.policy_errors().is_empty(), "large policy is valid");
    let plain = snapshot(dutch_body(10_000));
    let demo_10k = time_per_call(|| {
        black_box(engine.analyze(black_box(&plain)));
    });
    let same_mail = time_per_call(|| {
        black_box(big_engine.analyze(black_box(&plain)));
    });
    let mut snap = plain.clone();
    snap.cc.push("medewerker99999@samenveilig.nl".into()); // a retired (hashed) address
    snap.to.push("x@mail.oude-organisatie-999.nl".into()); // subdomain of a retired domain
    let verdict = big_engine.analyze(&snap);
    let extra = time_per_call(|| {
        black_box(big_engine.analyze(black_box(&snap)));
    });
    println!();
    println!("Large policy: 100,000 retired addresses (half sha256), 1,000 retired domains; 10 KB body");
    println!("  engine build (once):                  {}", show(build));
    println!("  analyze, demo policy:                 {} per call", show(demo_10k));
    println!(
        "  analyze, large policy, same mail:     {} per call ({:.2}x the demo policy)",
        show(same_mail),
        same_mail.as_secs_f64() / demo_10k.as_secs_f64()
    );
    println!(
        "  + retired hashed address + subdomain: {} per call ({} findings, action {:?})",
        show(extra),
        verdict.findings.len(),
        verdict.action
    );

    let report = json!({
        "samples": SAMPLES,
        "distinct": distinct,
        "bodies": bodies,
        "largePolicy": {
            "buildMicros": micros(build),
            "demoPolicyMicros": micros(demo_10k),
            "sameMailMicros": micros(same_mail),
            "extraRecipientsMicros": micros(extra),
        },
    });
    let path = target_dir().join("bench").join("native.json");
    let written = std::fs::create_dir_all(path.parent().unwrap_or(&path)).and_then(|()| std::fs::write(&path, format!("{report:#}\n")));
    match written {
        Ok(()) => println!("\n(figures written to {})", path.display()),
        Err(e) => eprintln!("\ncannot write {}: {e}", path.display()),
    }
}

/// Cargo's target directory: `CARGO_TARGET_DIR` when set, else `target/` in the crate.
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"))
}
