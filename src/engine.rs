//! The engine: a policy compiled once (patterns, hashed lists, dictionary), then `analyze` for
//! every snapshot. The rules live in their own modules (`recipients`, `content/`,
//! `external_unencrypted`, `large_audience`); the engine runs them and combines their findings
//! into a verdict.

use serde_json::Value;

use crate::content::ContentScanner;
use crate::messages;
use crate::policy::{Enforcement, Level, Policy, PolicyError};
use crate::recipients::RecipientRules;
use crate::snapshot::Snapshot;
use crate::verdict::{Action, Finding, Override, Rule, Verdict};
use crate::{external_unencrypted, large_audience};

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
        if policy.level(Rule::ExternalUnencrypted) != Level::Off {
            findings.extend(external_unencrypted::check(snapshot, policy, &recipients, &content));
        }
        if policy.level(Rule::LargeAudience) != Level::Off {
            findings.extend(large_audience::check(policy, &recipients));
        }

        findings.extend(content.into_iter().map(|mut f| {
            f.severity = policy.level(f.rule);
            f
        }));
        findings.retain(|f| f.severity != Level::Off);
        // Strongest first; within a level, rules in their fixed order; otherwise as found.
        findings.sort_by_key(|f| (std::cmp::Reverse(f.severity), f.rule));

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
