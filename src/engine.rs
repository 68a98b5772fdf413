//! The engine: a policy compiled once (patterns, hashed lists, dictionary), then `analyze` for
//! every snapshot. This is where findings are combined into a verdict.

use serde_json::Value;

use crate::content::{is_sensitive, ContentScanner};
use crate::messages::{self, Message};
use crate::policy::{Enforcement, Level, Policy, PolicyError};
use crate::recipients::RecipientRules;
use crate::snapshot::Snapshot;
use crate::verdict::{Action, Field, Finding, Fix, FixKind, Override, Rule, Verdict};

/// A compiled policy, ready to analyse snapshots. Cheap to call [`Engine::analyze`] on every
/// pause in typing.
pub struct Engine {
    policy: Policy,
    errors: Vec<PolicyError>,
    recipients: RecipientRules,
    content: ContentScanner,
}

impl Engine {
    /// Compiles a validated policy.
    pub fn new(policy: Policy, errors: Vec<PolicyError>) -> Self {
        let recipients = RecipientRules::new(&policy);
        let content = ContentScanner::new(&policy, |rule| policy.level(rule) != Level::Off);
        Engine { policy, errors, recipients, content }
    }

    /// Parses and compiles a policy from JSON. Never fails: errors are kept and reported in
    /// every verdict, and the valid rest of the policy applies.
    pub fn from_json(value: &Value) -> Self {
        let (policy, errors) = Policy::from_json(value);
        Engine::new(policy, errors)
    }

    /// Parses and compiles a policy from JSON text (see [`Policy::from_json_text`]).
    pub fn from_json_text(text: &str) -> Self {
        let (policy, errors) = Policy::from_json_text(text);
        Engine::new(policy, errors)
    }

    /// The effective policy (defaults merged with the valid keys).
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// Problems found while reading the policy.
    pub fn policy_errors(&self) -> &[PolicyError] {
        &self.errors
    }

    /// Analyses one snapshot.
    pub fn analyze(&self, snapshot: &Snapshot) -> Verdict {
        let policy = &self.policy;
        let language = policy.language;
        let mut findings = Vec::new();
        let recipients = self.recipients.check(snapshot, policy, &mut findings);

        let content = self.content.scan(snapshot, language);
        if policy.level(Rule::ExternalUnencrypted) != Level::Off && is_sensitive(&content) {
            let mut outside: Vec<&crate::recipients::Recipient> = recipients.iter().filter(|r| r.class.may_be_outside()).collect();
            let marked = policy.encryption_markers.iter().any(|m| contains_ignore_case(&snapshot.subject, m));
            if let (Some(first), false) = (outside.first().copied(), marked) {
                let mut what: Vec<Rule> =
                    content.iter().filter(|f| f.confidence >= Some(crate::verdict::Confidence::Medium)).map(|f| f.rule).collect();
                what.sort_unstable();
                what.dedup();
                // Each recipient once, also when it is in To and Bcc or typed in another case.
                let mut seen = std::collections::HashSet::new();
                outside.retain(|r| seen.insert(r.key()));
                let addresses: Vec<String> = outside.iter().filter_map(|r| r.address.as_ref().ok()).map(|m| m.typed.clone()).collect();
                let unresolved: Vec<String> = outside.iter().filter_map(|r| r.address.as_ref().err()).map(|u| u.name.clone()).collect();
                let named: Vec<String> = outside.iter().map(|r| r.typed().to_string()).filter(|t| !t.is_empty()).collect();
                let marker = policy.encryption_markers.first();
                findings.push(Finding {
                    rule: Rule::ExternalUnencrypted,
                    severity: policy.level(Rule::ExternalUnencrypted),
                    field: first.field,
                    index: Some(first.index),
                    part: None,
                    page: None,
                    recipient: Some(first.typed().to_string()),
                    message: Message::ExternalUnencrypted {
                        what: &what,
                        recipients: &addresses,
                        unresolved: &unresolved,
                        marker: marker.map(String::as_str),
                    }
                    .render(language),
                    recipients: named,
                    start: first.start,
                    end: first.end,
                    confidence: None,
                    excerpt: None,
                    fix: marker.map(|marker| Fix {
                        kind: FixKind::AddSubjectMarker,
                        recipient: None,
                        replacement: None,
                        marker: Some(marker.clone()),
                        label: messages::fix_label_marker(marker, language),
                    }),
                });
            }
        }

        if policy.level(Rule::LargeAudience) != Level::Off {
            // An unresolved recipient counts too, once per entry text.
            let mut visible: Vec<&str> = recipients.iter().filter(|r| matches!(r.field, Field::To | Field::Cc)).map(|r| r.key()).collect();
            visible.sort_unstable();
            visible.dedup();
            if visible.len() > policy.large_audience_threshold {
                findings.push(Finding {
                    rule: Rule::LargeAudience,
                    severity: policy.level(Rule::LargeAudience),
                    field: Field::To,
                    index: None,
                    part: None,
                    page: None,
                    recipient: None,
                    recipients: Vec::new(),
                    start: 0,
                    end: 0,
                    confidence: None,
                    excerpt: None,
                    message: Message::LargeAudience { count: visible.len(), threshold: policy.large_audience_threshold }.render(language),
                    fix: None,
                });
            }
        }

        findings.extend(content.into_iter().map(|mut f| {
            f.severity = policy.level(f.rule);
            f
        }));
        findings.retain(|f| f.severity != Level::Off);
        // Strongest first; within a level, rules in their fixed order; otherwise as found.
        findings.sort_by_key(|f| (std::cmp::Reverse(f.severity), Rule::ALL.iter().position(|r| *r == f.rule)));

        let intended_action = match findings.first().map(|f| f.severity) {
            Some(Level::Block) => Action::Block,
            Some(Level::Warn) => Action::Warn,
            _ => Action::Allow,
        };
        let action = match policy.enforcement {
            Enforcement::Enforce => intended_action,
            Enforcement::Report => Action::Allow,
        };
        // "(en 2 andere punten)" counts the points of the same weight that a warning lists, not
        // the findings it shows only for information.
        let strongest = findings.first().map(|f| (f.rule, f.severity));
        let weight = |f: &&Finding| f.severity >= Level::Warn || strongest.is_some_and(|(_, s)| s < Level::Warn);
        let others = findings.iter().filter(weight).count().saturating_sub(1);
        let summary = messages::summary(strongest, others, language);
        Verdict {
            action,
            intended_action,
            summary,
            findings,
            override_: Override {
                allowed: policy.allow_override && intended_action == Action::Warn,
                justification_required: policy.require_justification,
            },
            policy_errors: self.errors.clone(),
        }
    }
}

/// Case-insensitive substring test (Unicode lower case), for encryption markers in subjects.
fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    haystack.to_lowercase().contains(&needle.to_lowercase())
}
