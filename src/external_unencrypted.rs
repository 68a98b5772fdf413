//! The `external-unencrypted` rule: sensitive content going to anyone who may be outside the
//! organisation and its trusted partners, without an encryption marker in the subject. One
//! finding names every such recipient and offers to add the policy's first marker.

use std::collections::HashSet;

use crate::content::is_sensitive;
use crate::messages::{self, Message};
use crate::policy::Policy;
use crate::recipients::Recipient;
use crate::snapshot::Snapshot;
use crate::verdict::{Confidence, Finding, Fix, FixKind, Rule};

/// The finding, if sensitive `content` goes out unencrypted to one of `recipients`.
pub fn check(snapshot: &Snapshot, policy: &Policy, recipients: &[Recipient], content: &[Finding]) -> Option<Finding> {
    if !is_sensitive(content) || policy.encryption_markers.iter().any(|m| contains_ignore_case(&snapshot.subject, m)) {
        return None;
    }
    let mut outside: Vec<&Recipient> = recipients.iter().filter(|r| r.class.may_be_outside()).collect();
    let first = *outside.first()?;
    let language = policy.language;
    let mut what: Vec<Rule> = content.iter().filter(|f| f.confidence >= Some(Confidence::Medium)).map(|f| f.rule).collect();
    what.sort_unstable();
    what.dedup();
    // Each recipient once, also when it is in To and Bcc or typed in another case.
    let mut seen = HashSet::new();
    outside.retain(|r| seen.insert(r.key()));
    let addresses: Vec<String> = outside.iter().filter_map(|r| r.address.as_ref().ok()).map(|m| m.typed.clone()).collect();
    let unresolved: Vec<String> = outside.iter().filter_map(|r| r.address.as_ref().err()).map(|u| u.name.clone()).collect();
    let named: Vec<String> = outside.iter().map(|r| r.typed().to_string()).filter(|t| !t.is_empty()).collect();
    let marker = policy.encryption_markers.first();
    let message =
        Message::ExternalUnencrypted { what: &what, recipients: &addresses, unresolved: &unresolved, marker: marker.map(String::as_str) }
            .render(language);
    Some(Finding {
        index: Some(first.index),
        recipient: Some(first.typed().to_string()),
        recipients: named,
        start: first.start,
        end: first.end,
        fix: marker.map(|marker| Fix {
            kind: FixKind::AddSubjectMarker,
            recipient: None,
            replacement: None,
            marker: Some(marker.clone()),
            label: messages::fix_label_marker(marker, language),
        }),
        ..Finding::new(Rule::ExternalUnencrypted, policy.level(Rule::ExternalUnencrypted), first.field, message)
    })
}

/// Case-insensitive substring test (Unicode lower case), for encryption markers in subjects.
fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    haystack.to_lowercase().contains(&needle.to_lowercase())
}
