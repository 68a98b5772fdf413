//! Content detectors: each scans the subject, body and attachment names and reports findings
//! with a confidence. Which findings make a message *sensitive* (and so trigger
//! `external-unencrypted`) is decided here, in [`is_sensitive`], in one place.

mod bsn;
mod custom;
mod dictionary;

use crate::policy::{Language, Policy};
use crate::snapshot::Snapshot;
use crate::verdict::{Confidence, Field, Finding, Rule};

pub use bsn::passes_eleven_check;
pub use dictionary::Dictionary;

/// The content detectors, built once from a policy.
pub struct ContentScanner {
    dictionary: Dictionary,
    custom: custom::CustomPatterns,
    bsn: bool,
}

/// Text of one part of the snapshot, and where it came from.
pub struct Part<'s> {
    pub field: Field,
    pub index: Option<usize>,
    pub text: &'s str,
}

/// The most findings one detector reports for one part; the first ones are enough to act on.
pub const MAX_FINDINGS_PER_PART: usize = 20;

impl ContentScanner {
    pub fn new(policy: &Policy, enabled: impl Fn(Rule) -> bool) -> Self {
        ContentScanner {
            dictionary: if enabled(Rule::SpecialCategory) {
                Dictionary::new(&policy.sensitive_terms)
            } else {
                Dictionary::empty()
            },
            custom: custom::CustomPatterns::new(if enabled(Rule::CustomPattern) { &policy.custom_patterns } else { &[] }),
            bsn: enabled(Rule::Bsn),
        }
    }

    /// Runs every enabled detector over the snapshot's subject, body and attachment names.
    pub fn scan(&self, snapshot: &Snapshot, language: Language) -> Vec<Finding> {
        let mut parts = vec![
            Part { field: Field::Subject, index: None, text: &snapshot.subject },
            Part { field: Field::Body, index: None, text: &snapshot.body },
        ];
        for (i, attachment) in snapshot.attachments.iter().enumerate() {
            parts.push(Part { field: Field::Attachments, index: Some(i), text: &attachment.name });
        }
        let mut findings = Vec::new();
        for part in &parts {
            if self.bsn {
                bsn::scan(part, language, &mut findings);
            }
            self.dictionary.scan(part, language, &mut findings);
            self.custom.scan(part, language, &mut findings);
        }
        findings
    }
}

/// Whether content findings make the message sensitive enough that it must not leave the
/// organisation unencrypted: any finding of medium or high confidence does (a BSN in a
/// person's context, a special-category term, a high-severity custom pattern); low-confidence
/// findings are reported without escalating.
pub fn is_sensitive(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.confidence.is_some_and(|c| c >= Confidence::Medium))
}
