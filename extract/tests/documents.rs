//! Data-driven tests of the extractors on real documents: the cases in `documents.toml`, on the
//! committed LibreOffice output in `tests/attachments/files/`, and, when LibreOffice is installed
//! (`soffice`; .ci/run installs it), on a fresh conversion of the same sources, so the cases hold
//! for the LibreOffice of the day and not only for the files once made.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Deserialize;
use zorgvuldig_extract::{extract, Extracted};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    file: String,
    #[serde(default)]
    contains: Vec<String>,
    #[serde(default)]
    excludes: Vec<String>,
    pages: Option<Vec<u32>>,
    unreadable: Option<String>,
}

fn attachments() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/attachments")
}

/// Every way the case fails on the file in `dir`.
fn failures(case: &Case, dir: &Path) -> Vec<String> {
    let path = dir.join(&case.file);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) => return vec![format!("{}: {e}", path.display())],
    };
    let extracted: Extracted = extract(&case.file, &bytes);
    let mut failures = Vec::new();
    let unreadable = extracted.unreadable.map(|r| r.id().to_string());
    if unreadable != case.unreadable {
        failures.push(format!("unreadable: expected {:?}, got {unreadable:?}", case.unreadable));
    }
    let pages: Vec<Option<u32>> = extracted.parts.iter().map(|p| p.page).collect();
    let expected_pages: Vec<Option<u32>> = match &case.pages {
        Some(pages) => pages.iter().copied().map(Some).collect(),
        None if case.contains.is_empty() => Vec::new(),
        None => vec![None],
    };
    if pages != expected_pages {
        failures.push(format!("pages: expected {expected_pages:?}, got {pages:?}"));
    }
    for text in &case.contains {
        if !extracted.parts.iter().any(|p| p.text.contains(text.as_str())) {
            failures.push(format!("does not contain {text:?}"));
        }
    }
    for text in &case.excludes {
        if extracted.parts.iter().any(|p| p.text.contains(text.as_str())) {
            failures.push(format!("contains {text:?}"));
        }
    }
    if !failures.is_empty() {
        failures.insert(0, format!("{}: read {:?}", path.display(), extracted.parts));
    }
    failures
}

fn run_cases(dir: &Path) {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/documents.toml")).unwrap_or_else(|e| panic!("{e}"));
    let cases: Cases = toml::from_str(&text).unwrap_or_else(|e| panic!("documents.toml: {e}"));
    assert!(cases.case.len() >= 15, "only {} cases", cases.case.len());
    let failed: Vec<String> = cases.case.iter().flat_map(|case| failures(case, dir)).collect();
    assert!(failed.is_empty(), "\n{}", failed.join("\n"));
}

#[test]
fn committed_documents_read_as_expected() {
    run_cases(&attachments().join("files"));
}

#[test]
fn freshly_converted_documents_read_as_expected() {
    if Command::new("soffice").arg("--version").output().is_err() {
        eprintln!("soffice not installed: only the committed documents are tested");
        return;
    }
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/attachments-fresh");
    let _ = std::fs::remove_dir_all(&out);
    let status = Command::new("bash").arg(attachments().join("make.sh")).arg(&out).status().unwrap_or_else(|e| panic!("make.sh: {e}"));
    assert!(status.success(), "make.sh failed");
    run_cases(&out);
}
