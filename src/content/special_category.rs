//! `special-category`: terms for special categories of personal data (health, abuse, suicide,
//! child protection, ...) from the reviewed word list `special_category.txt` and the policy's
//! `sensitiveTerms`, found by the keyword pass. A term about a person's situation starts at medium
//! confidence, a weak term (a topic, role or organisation: `~ggz`) at low; the message as a whole
//! then raises or lowers them (`content/mod.rs`). The policy's own terms have high confidence.

use super::keywords::POLICY_CATEGORY;
use super::{Distinct, Scan};
use crate::messages::Message;
use crate::policy::Language;
use crate::verdict::{Confidence, Finding, Rule};

/// Human name of a category in the policy's language.
fn category_name(category: &str, language: Language) -> &'static str {
    let l = language;
    match category {
        "mental-health" => l.pick("psychische gezondheid", "mental health"),
        "physical-health" => l.pick("lichamelijke gezondheid", "physical health"),
        "medication" => l.pick("medicatie", "medication"),
        "addiction" => l.pick("verslaving", "addiction"),
        "sexual-abuse" => l.pick("seksueel misbruik of geweld", "sexual abuse or violence"),
        "violence" => l.pick("huiselijk geweld of mishandeling", "domestic violence or abuse"),
        "suicide" => l.pick("suïcide of zelfbeschadiging", "suicide or self-harm"),
        "child-protection" => l.pick("jeugdbescherming", "child protection"),
        "criminal" => l.pick("strafrechtelijke gegevens", "criminal records"),
        "ethnicity" => l.pick("afkomst", "ethnic origin"),
        "religion" => l.pick("geloof", "religion"),
        "sexual-orientation" => l.pick("seksuele geaardheid", "sexual orientation"),
        _ => l.pick("een onderwerp dat de organisatie gevoelig vindt", "a subject the organisation considers sensitive"),
    }
}

pub fn scan(scan: &Scan, findings: &mut Vec<Finding>) {
    let text = scan.part.text;
    let mut found = Distinct::new(scan, Rule::SpecialCategory, findings);
    for hit in scan.hits {
        let Some(category) = hit.category else { continue };
        if found.full() {
            break;
        }
        // The term as written (a dictionary word, not a personal value), without the rest of a
        // compound, which may hold a name.
        let term = &text[hit.start..hit.end];
        let confidence = match (category == POLICY_CATEGORY, hit.weak) {
            (true, _) => Confidence::High,
            (false, true) => Confidence::Low,
            (false, false) => Confidence::Medium,
        };
        found.add(hit.start, hit.end, confidence, || {
            let message = Message::SpecialCategory { field: scan.part.field, category: category_name(category, scan.language), term }
                .render(scan.language);
            (term.to_string(), message)
        });
    }
}
