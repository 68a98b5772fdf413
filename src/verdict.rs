//! The verdict: what the analysis concluded about one snapshot.

use serde::{Deserialize, Serialize};

use crate::ids::stable_ids;
use crate::policy::{Level, PolicyError};

stable_ids! {
    /// A rule of the analysis. Its id is stable: policies and tests refer to it. The order is the
    /// order findings of one level are reported in.
    pub enum Rule {
        RetiredDomain = "retired-domain",
        RetiredAddress = "retired-address",
        LookalikeDomain = "lookalike-domain",
        InvalidAddress = "invalid-address",
        UnresolvedRecipient = "unresolved-recipient",
        ExternalUnencrypted = "external-unencrypted",
        FreemailRecipient = "freemail-recipient",
        LargeAudience = "large-audience",
        Bsn = "bsn",
        Iban = "iban",
        DateOfBirth = "date-of-birth",
        PhoneNumber = "phone-number",
        PostcodeAddress = "postcode-address",
        IdDocument = "id-document",
        SpecialCategory = "special-category",
        CustomPattern = "custom-pattern",
        SensitiveAttachment = "sensitive-attachment",
        UnreadableAttachment = "unreadable-attachment",
    }
}

impl Rule {
    /// What the rule does when the policy says nothing.
    pub fn default_level(self) -> Level {
        match self {
            Rule::RetiredDomain | Rule::RetiredAddress => Level::Block,
            Rule::LookalikeDomain | Rule::ExternalUnencrypted | Rule::LargeAudience | Rule::InvalidAddress | Rule::UnresolvedRecipient => {
                Level::Warn
            }
            _ => Level::Info,
        }
    }
}

/// What the extension does with the send.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// Send without interrupting.
    Allow,
    /// Hold the send and ask; the user may go on where the policy allows an override.
    Warn,
    /// Hold the send; there is no way to send this message as it is.
    Block,
}

/// How sure a content detector is that it found what it looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

/// The part of the snapshot a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Field {
    To,
    Cc,
    Bcc,
    Subject,
    Body,
    Attachments,
}

/// The kind of change a [`Fix`] proposes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum FixKind {
    /// Replace `recipient` with `replacement` (e.g. the same person at the successor domain).
    ReplaceRecipient,
    /// Remove `recipient` from the message.
    RemoveRecipient,
    /// Put `marker` in the subject so the mail gateway encrypts the message.
    AddSubjectMarker,
}

/// A change the user can make with one click from the warning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Fix {
    pub kind: FixKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub recipient: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub replacement: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub marker: Option<String>,
    /// The fix in the policy's language, fit for a button.
    pub label: String,
}

/// One thing the analysis found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    pub rule: Rule,
    /// What this finding asks of the send (`info` reports without interrupting).
    pub severity: Level,
    pub field: Field,
    /// Index of the entry within a recipient field (`to`, `cc`, `bcc`) or of the attachment.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub index: Option<usize>,
    /// For a finding inside an attachment's content: which of its `texts` the span is in, and
    /// that text's page (PDF).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub part: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub page: Option<usize>,
    /// The recipient the finding is about, for recipient findings: the address as typed, or the
    /// entry's text when it holds no usable address (`invalid-address`, `unresolved-recipient`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub recipient: Option<String>,
    /// All recipients concerned, where there can be several (`external-unencrypted`), named as
    /// in `recipient`.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    #[cfg_attr(test, ts(optional, as = "Option<Vec<String>>"))]
    pub recipients: Vec<String>,
    /// UTF-16 code-unit offsets into the field's text (for recipients: into the entry; for
    /// attachments: into the name, or into `texts[part]`).
    pub start: usize,
    pub end: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub confidence: Option<Confidence>,
    /// For content findings: what was found, masked (never the full sensitive value).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub excerpt: Option<String>,
    /// What, why and what to do, in plain words in the policy's language.
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub fix: Option<Fix>,
}

impl Finding {
    /// A finding with only what every finding has; the rest (entry, span, confidence, excerpt,
    /// fix) is added with struct update syntax where a rule has it.
    pub fn new(rule: Rule, severity: Level, field: Field, message: String) -> Finding {
        Finding {
            rule,
            severity,
            field,
            index: None,
            part: None,
            page: None,
            recipient: None,
            recipients: Vec::new(),
            start: 0,
            end: 0,
            confidence: None,
            excerpt: None,
            message,
            fix: None,
        }
    }
}

/// Whether and how the user may send anyway.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Override {
    pub allowed: bool,
    pub justification_required: bool,
}

/// The outcome of analysing one snapshot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Verdict {
    /// What the extension does: the strongest finding, unless the policy only reports.
    pub action: Action,
    /// What the policy would do when enforced; differs from `action` in report-only mode.
    pub intended_action: Action,
    /// One line for a warning's title, in the policy's language.
    pub summary: String,
    pub findings: Vec<Finding>,
    #[serde(rename = "override")]
    pub override_: Override,
    pub policy_errors: Vec<PolicyError>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_id_round_trips() {
        for rule in Rule::ALL {
            assert_eq!(Rule::from_id(rule.id()), Some(rule));
            let json = serde_json::to_string(&rule).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", rule.id()));
            assert_eq!(serde_json::from_str::<Rule>(&json).ok(), Some(rule));
        }
        let ids: std::collections::HashSet<&str> = Rule::ALL.iter().map(|rule| rule.id()).collect();
        assert_eq!(ids.len(), Rule::ALL.len(), "every id is different");
        assert!(serde_json::from_str::<Rule>("\"no-such-rule\"").is_err());
    }
}
