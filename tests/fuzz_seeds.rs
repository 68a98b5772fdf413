//! Replays every committed fuzz input (`fuzz/seeds/<target>/` and `fuzz/regressions/<target>/`)
//! through the same checks the fuzz targets run, so a regression shows up in `cargo test`
//! without libFuzzer or a nightly compiler.

#[path = "../fuzz/src/lib.rs"]
mod fuzz;

use std::path::PathBuf;

#[test]
fn committed_fuzz_inputs_pass_the_fuzz_checks() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut replayed = Vec::new();
    for (target, check) in fuzz::TARGETS {
        let mut count = 0;
        for dir in ["seeds", "regressions"] {
            let Ok(entries) = std::fs::read_dir(root.join(dir).join(target)) else { continue };
            let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            paths.sort();
            for path in paths {
                let data = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                let outcome = std::panic::catch_unwind(|| check(&data));
                assert!(outcome.is_ok(), "fuzz check `{target}` fails on {}", path.display());
                count += 1;
            }
        }
        assert!(count >= 5, "only {count} committed inputs for fuzz target `{target}`");
        replayed.push(format!("{target}: {count}"));
    }
    println!("replayed {}", replayed.join(", "));
}
