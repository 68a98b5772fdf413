//! `custom-pattern`: the administrator's regular expressions. They were compiled (with a size
//! limit, by the linear-time `regex-lite` engine) when the policy was read; here they only run.

use super::{Part, MAX_FINDINGS_PER_PART};
use crate::messages::Message;
use crate::policy::{CustomPattern, Language, Level, Sensitivity};
use crate::text::{mask, Utf16Offsets};
use crate::verdict::{Confidence, Finding, Rule};

pub struct CustomPatterns {
    patterns: Vec<CustomPattern>,
}

impl CustomPatterns {
    pub fn new(patterns: &[CustomPattern]) -> Self {
        CustomPatterns { patterns: patterns.iter().filter(|p| p.regex.is_some()).cloned().collect() }
    }

    pub fn scan(&self, part: &Part, language: Language, findings: &mut Vec<Finding>) {
        for pattern in &self.patterns {
            let Some(regex) = &pattern.regex else { continue };
            let mut offsets = Utf16Offsets::new(part.text);
            for m in regex.find_iter(part.text).filter(|m| !m.is_empty()).take(MAX_FINDINGS_PER_PART) {
                let masked = mask(m.as_str());
                findings.push(Finding {
                    rule: Rule::CustomPattern,
                    severity: Level::Info,
                    field: part.field,
                    index: part.index,
                    recipient: None,
                    recipients: Vec::new(),
                    start: offsets.at(m.start()),
                    end: offsets.at(m.end()),
                    confidence: Some(match pattern.severity {
                        Sensitivity::High => Confidence::High,
                        Sensitivity::Low => Confidence::Low,
                    }),
                    excerpt: Some(masked.clone()),
                    message: Message::CustomPattern { field: part.field, label: &pattern.label, masked: &masked }.render(language),
                    fix: None,
                });
            }
        }
    }
}
