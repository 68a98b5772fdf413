//! `special-category`: terms for special categories of personal data (health, abuse, suicide,
//! child protection, ...) from the reviewed word list `special_category.txt` and the policy's
//! `sensitiveTerms`, found by the keyword pass. A term is reported only when it is about a person
//! ([`super::person`]): then at medium confidence (low in a message that says it names nobody),
//! and its message names the kind of data and quotes the person, masked when it is a name. A term
//! that names a topic gives no finding. The policy's own terms are always reported, at high
//! confidence.

use super::keywords::POLICY_CATEGORY;
use super::person::{name_in_file_name, quote, About, Persons, Sentences};
use super::{Distinct, Scan};
use crate::messages::Message;
use crate::policy::Language;
use crate::verdict::{Confidence, Finding, Rule};

/// What the whole message says about the people in it, for every part's terms.
pub struct MessageContext {
    /// The first person the message names with a strong reference, quoted.
    pub named: Option<String>,
    /// The message says it is generic mail (a newsletter, a training, figures).
    pub generic: bool,
    /// The message says it names nobody ("geanonimiseerde casus") and names nobody by name.
    pub anonymous: bool,
    /// A BSN, date of birth or document number of high confidence, masked: every term in the
    /// message is about that person.
    pub identified: Option<String>,
}

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

pub fn scan(scan: &Scan, persons: &Persons, message: &MessageContext, findings: &mut Vec<Finding>) {
    let text = scan.part.text;
    let mut found = Distinct::new(scan, Rule::SpecialCategory, findings);
    let mut sentences = Sentences::default();
    for hit in scan.hits {
        let Some(category) = hit.category else { continue };
        if found.full() {
            break;
        }
        // The term as written (a dictionary word, not a personal value), without the rest of a
        // compound, which may hold a name.
        let term = &text[hit.start..hit.end];
        let (confidence, who) = if category == POLICY_CATEGORY {
            (Confidence::High, None)
        } else if persons.in_signature(hit.start) {
            continue;
        } else {
            // A repeat of a term already reported about someone costs no second judgement.
            let confidence = if message.anonymous { Confidence::Low } else { Confidence::Medium };
            if found.known(hit.start, hit.end, confidence) {
                continue;
            }
            // A message with a person's own number is about that person throughout.
            let who = if let Some(identifier) = &message.identified {
                identifier.clone()
            } else {
                let mut about = persons.about(hit, sentences.of(text, hit, persons), message.named.is_some(), message.generic);
                if scan.part.is_file_name() && !matches!(about, Some(About::Here(_))) {
                    about = name_in_file_name(text, hit).map(About::Here).or(about);
                }
                match (about, &message.named) {
                    (Some(About::Here(reference)), _) => quote(text, &reference),
                    (Some(About::Elsewhere), Some(named)) => named.clone(),
                    _ => continue,
                }
            };
            (confidence, Some(who))
        };
        found.add(hit.start, hit.end, confidence, || {
            let category = category_name(category, scan.language);
            let message = Message::SpecialCategory { place: scan.part.place, category, term, who: who.as_deref() }.render(scan.language);
            (term.to_string(), message)
        });
    }
}
