//! `custom-pattern`: the administrator's regular expressions. They were compiled (with a size
//! limit, by the linear-time `regex-lite` engine) when the policy was read; here they only run,
//! at most [`MAX_FINDINGS_PER_PART`] matches each, which bounds the search time.

use super::{Scan, MAX_FINDINGS_PER_PART};
use crate::messages::Message;
use crate::policy::{CustomPattern, Sensitivity};
use crate::text::mask;
use crate::verdict::{Confidence, Finding, Rule};

pub struct CustomPatterns {
    patterns: Vec<CustomPattern>,
}

impl CustomPatterns {
    pub fn new(patterns: &[CustomPattern]) -> Self {
        CustomPatterns { patterns: patterns.iter().filter(|p| p.regex.is_some()).cloned().collect() }
    }

    pub fn scan(&self, scan: &Scan, findings: &mut Vec<Finding>) {
        for pattern in &self.patterns {
            let Some(regex) = &pattern.regex else { continue };
            for m in regex.find_iter(scan.part.text).filter(|m| !m.is_empty()).take(MAX_FINDINGS_PER_PART) {
                let masked = mask(m.as_str());
                let confidence = match pattern.severity {
                    Sensitivity::High => Confidence::High,
                    Sensitivity::Low => Confidence::Low,
                };
                let message = Message::CustomPattern { field: scan.part.field, label: &pattern.label, masked: &masked }.render(scan.language);
                findings.push(scan.finding(Rule::CustomPattern, m.start(), m.end(), confidence, masked, message));
            }
        }
    }
}
