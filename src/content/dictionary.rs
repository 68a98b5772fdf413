//! `special-category`: terms for special categories of personal data (health, abuse, suicide,
//! child protection, ...) from the reviewed word list `special_category.txt`, plus the policy's
//! own `sensitiveTerms`. All terms are searched in one pass (Aho-Corasick) over the text folded
//! to lower case without diacritics, so `Suïcidepoging` matches `suicide*`.
//!
//! Word-list syntax: `[category]` starts a category; a term matches as a whole word; `term*`
//! also matches words that start with it (inflections, compounds: `zelfmoordpoging`); `*term*`
//! also matches inside a word (`kindermishandeling`).

use aho_corasick::{AhoCorasick, MatchKind};

use super::{Part, MAX_FINDINGS_PER_PART};
use crate::messages::Message;
use crate::policy::{Language, Level};
use crate::text::{fold_char, Utf16Offsets};
use crate::verdict::{Confidence, Finding, Rule};

const WORD_LIST: &str = include_str!("special_category.txt");

/// Category for terms the policy adds.
const POLICY_CATEGORY: &str = "organisation";

struct Term {
    category: &'static str,
    /// May continue into a longer word.
    open_end: bool,
    /// May start inside a longer word.
    open_start: bool,
}

/// The compiled dictionary.
pub struct Dictionary {
    matcher: Option<AhoCorasick>,
    terms: Vec<Term>,
}

/// Folds text for matching and remembers, for each byte of the folded text, where its character
/// started in the original (plus one entry for the end).
fn fold_with_origin(text: &str) -> (String, Vec<u32>) {
    let mut folded = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len() + 1);
    for (at, c) in text.char_indices() {
        let before = folded.len();
        fold_char(c, &mut folded);
        origin.extend(std::iter::repeat_n(at as u32, folded.len() - before));
    }
    origin.push(text.len() as u32);
    (folded, origin)
}

fn fold(text: &str) -> String {
    let mut out = String::new();
    text.chars().for_each(|c| fold_char(c, &mut out));
    out
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

impl Dictionary {
    pub fn empty() -> Self {
        Dictionary { matcher: None, terms: Vec::new() }
    }

    /// The built-in word list plus the policy's terms (whole words, or `term*` as in the list).
    pub fn new(policy_terms: &[String]) -> Self {
        let mut patterns: Vec<String> = Vec::new();
        let mut terms = Vec::new();
        let mut add = |line: &str, category: &'static str| {
            let word = fold(line.trim_matches('*'));
            if !word.is_empty() {
                patterns.push(word);
                terms.push(Term { category, open_start: line.starts_with('*'), open_end: line.ends_with('*') });
            }
        };
        let mut category = "";
        for line in WORD_LIST.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            match line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                Some(name) => category = name,
                None => add(line, category),
            }
        }
        for term in policy_terms {
            add(term.trim(), POLICY_CATEGORY);
        }
        let matcher = AhoCorasick::builder().match_kind(MatchKind::Standard).build(&patterns).ok();
        Dictionary { matcher, terms }
    }

    pub fn scan(&self, part: &Part, language: Language, findings: &mut Vec<Finding>) {
        let Some(matcher) = &self.matcher else { return };
        let (folded, origin) = fold_with_origin(part.text);
        let mut offsets = Utf16Offsets::new(part.text);
        let mut seen: Vec<usize> = Vec::new();
        let mut reported: Vec<(usize, usize)> = Vec::new();
        // Overlapping search, so a term that fails the word-boundary test cannot hide another.
        for m in matcher.find_overlapping_iter(&folded) {
            if seen.len() == MAX_FINDINGS_PER_PART {
                break;
            }
            let term = &self.terms[m.pattern().as_usize()];
            let before = folded[..m.start()].chars().next_back();
            let after = folded[m.end()..].chars().next();
            let starts_ok = term.open_start || before.is_none_or(|c| !c.is_alphanumeric());
            let ends_ok = term.open_end || after.is_none_or(|c| !c.is_alphanumeric());
            // One finding per term, and one per piece of text: `diagnose*` and `diagnosed` both
            // matching "diagnosed" is one thing found, not two.
            let overlaps = reported.iter().any(|&(s, e)| m.start() < e && s < m.end());
            if !starts_ok || !ends_ok || overlaps || seen.contains(&m.pattern().as_usize()) {
                continue;
            }
            seen.push(m.pattern().as_usize());
            reported.push((m.start(), m.end()));
            let (start, end) = (origin[m.start()] as usize, origin[m.end()] as usize);
            // The term as written (a dictionary word, not a personal value), without the rest
            // of a compound, which may hold a name.
            let excerpt = part.text[start..end].to_string();
            findings.push(Finding {
                rule: Rule::SpecialCategory,
                severity: Level::Info,
                field: part.field,
                index: part.index,
                recipient: None,
                recipients: Vec::new(),
                start: offsets.at(start),
                end: offsets.at(end),
                confidence: Some(Confidence::Medium),
                excerpt: Some(excerpt.clone()),
                message: Message::SpecialCategory { field: part.field, category: category_name(term.category, language), term: &excerpt }
                    .render(language),
                fix: None,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verdict::Field;

    fn categories(text: &str) -> Vec<&'static str> {
        let dictionary = Dictionary::new(&["Project Zonnebloem".to_string()]);
        let mut findings = Vec::new();
        dictionary.scan(&Part { field: Field::Body, index: None, text }, Language::En, &mut findings);
        findings.iter().map(|f| dictionary_category(&dictionary, f)).collect()
    }

    fn dictionary_category(_: &Dictionary, f: &Finding) -> &'static str {
        if f.message.contains("suicide") {
            "suicide"
        } else if f.message.contains("child protection") {
            "child-protection"
        } else if f.message.contains("organisation considers") {
            "organisation"
        } else {
            "other"
        }
    }

    #[test]
    fn folding_compounds_and_boundaries() {
        assert_eq!(categories("Na een Suïcidepoging vorige week"), vec!["suicide"]);
        assert_eq!(categories("Het kind is uithuisgeplaatst."), vec!["child-protection"]);
        assert_eq!(categories("De OTS is verlengd"), vec!["child-protection"]);
        assert_eq!(categories("Potsdam en botsing"), Vec::<&str>::new());
        assert_eq!(categories("over project zonnebloem"), vec!["organisation"]);
    }

    #[test]
    fn offsets_point_at_the_original_text() {
        let dictionary = Dictionary::new(&[]);
        let text = "Zoë: suïcidepoging";
        let mut findings = Vec::new();
        dictionary.scan(&Part { field: Field::Body, index: None, text }, Language::Nl, &mut findings);
        let utf16: Vec<u16> = text.encode_utf16().collect();
        let f = &findings[0];
        assert_eq!(String::from_utf16_lossy(&utf16[f.start..f.end]), "suïcide");
    }
}
