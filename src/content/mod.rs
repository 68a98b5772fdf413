//! Content detectors. For each part of a snapshot (subject, body, attachment names, the text
//! inside attachments) the text is
//! read twice, whatever the number of rules: one Aho-Corasick pass finds every special-category
//! term and context word ([`keywords`]), one byte pass finds every run of digits
//! ([`numbers`]); the detectors then classify what those passes found. Administrators'
//! patterns run on their own ([`custom`]). Special-category terms come last, once every part is
//! read: the person layer ([`person`]) looks for the people they are about in the sentences
//! around them.
//!
//! # Sensitivity
//! Every content finding has a confidence. A message is *sensitive*, and so may not leave the
//! organisation unencrypted (`external-unencrypted`), when any finding has medium or high
//! confidence ([`is_sensitive`]):
//! - high: a BSN after a word such as "BSN" or "cliënt"; a date of birth after "geboren" or
//!   "DOB", or in brackets after a name; an identity-document number after "paspoort" or
//!   "rijbewijs"; a custom pattern of severity `high`; a term the policy adds;
//! - medium: an attachment named as a case file; a postcode address after "woont" or
//!   "woonadres"; a special-category term **about a person** (the person layer, [`person`]: a
//!   name, a placeholder, "de moeder", "hij", an age or the person's own number in the term's
//!   sentence, or someone the message names elsewhere), low in a message that says it names nobody
//!   ("geanonimiseerde casus"). A term that names a topic ("een training over suïcidepreventie",
//!   "318 ondertoezichtstellingen") is not reported at all;
//! - low, reported without escalating: an 11-check-valid number without context or a test number
//!   (`99999…`); an IBAN (a supplier's invoice); a phone number or an office address (a
//!   signature).
//!
//! Numbers after "factuur", "order", "KvK", "ticket", "reservering", "tel" and the like are not
//! reported as a BSN.
//!
//! Each detector reports each value once per part, at its most confident occurrence, and at most
//! [`MAX_FINDINGS_PER_PART`] values ([`Distinct`]).

mod attachment;
mod bsn;
mod custom;
mod date_of_birth;
mod dfa;
mod folded;
mod iban;
mod id_document;
mod keywords;
mod numbers;
mod person;
mod phone;
mod postcode;
mod special_category;

use crate::messages::Place;
use crate::policy::{Language, Level, Policy};
use crate::snapshot::Snapshot;
use crate::text::Utf16Offsets;
use crate::verdict::{Confidence, Field, Finding, Rule};

pub use bsn::passes_eleven_check;
use keywords::{context, Hit, Keywords};
use numbers::Token;
pub use person::references as person_references;
use person::{Names, Persons};
use special_category::MessageContext;

/// The most values one detector reports for one part; the first ones are enough to act on.
pub const MAX_FINDINGS_PER_PART: usize = 20;

/// Text of one part of the snapshot, and where it came from.
pub struct Part<'s> {
    pub field: Field,
    pub index: Option<usize>,
    pub text: &'s str,
    /// Where it is, for messages: a field, or the text inside an attachment.
    pub place: Place<'s>,
    /// For the text inside an attachment: which of its parts.
    pub inside: Option<usize>,
}

impl<'s> Part<'s> {
    fn field(field: Field, index: Option<usize>, text: &'s str) -> Self {
        Part { field, index, text, place: Place::Field(field), inside: None }
    }

    /// Whether this is an attachment's name (not its content).
    pub fn is_file_name(&self) -> bool {
        self.place == Place::Field(Field::Attachments)
    }
}

/// A detector: classifies what the two passes found and adds its findings.
type Detector = fn(&Scan, &mut Vec<Finding>);

/// What the two passes found in one part, handed to every detector.
pub struct Scan<'a> {
    pub part: &'a Part<'a>,
    pub hits: &'a [Hit],
    pub tokens: &'a [Token],
    pub language: Language,
    /// The given names of the person layer (a date in brackets after a name is a birth date).
    pub names: &'a Names,
}

impl Scan<'_> {
    /// A content finding at byte offsets of the part (converted to UTF-16 later).
    pub fn finding(&self, rule: Rule, start: usize, end: usize, confidence: Confidence, excerpt: String, message: String) -> Finding {
        Finding {
            index: self.part.index,
            part: self.part.inside,
            page: match self.part.place {
                Place::Inside { page, .. } => page,
                Place::Field(_) => None,
            },
            start,
            end,
            confidence: Some(confidence),
            excerpt: Some(excerpt),
            ..Finding::new(rule, Level::Info, self.part.field, message)
        }
    }
}

/// One detector's findings in one part: each value once, at its most confident occurrence, and at
/// most [`MAX_FINDINGS_PER_PART`] values. The same BSN five times in a quoted thread is one point
/// for the user, and a repeat costs no masking and no message.
pub struct Distinct<'s, 'f> {
    scan: &'s Scan<'s>,
    rule: Rule,
    findings: &'f mut Vec<Finding>,
    /// Each value reported (see [`value_key`]) and where its finding is.
    values: Vec<(u64, usize)>,
}

impl<'s, 'f> Distinct<'s, 'f> {
    pub fn new(scan: &'s Scan<'s>, rule: Rule, findings: &'f mut Vec<Finding>) -> Self {
        Distinct { scan, rule, findings, values: Vec::new() }
    }

    /// Whether the detector has reported as many values as it may.
    pub fn full(&self) -> bool {
        self.values.len() == MAX_FINDINGS_PER_PART
    }

    /// Whether the value at `start..end` is reported already with at least `confidence` (so a
    /// detector can skip the work of judging a repeat).
    pub fn known(&self, start: usize, end: usize, confidence: Confidence) -> bool {
        let value = value_key(&self.scan.part.text[start..end]);
        self.values.iter().any(|&(v, at)| v == value && self.findings[at].confidence >= Some(confidence))
    }

    /// Reports the value at `start..end` of the part, unless it is reported already with at
    /// least this confidence. `describe` gives the masked excerpt and the message, when needed.
    pub fn add(&mut self, start: usize, end: usize, confidence: Confidence, describe: impl FnOnce() -> (String, String)) {
        let value = value_key(&self.scan.part.text[start..end]);
        let known = self.values.iter().find(|(v, _)| *v == value).map(|&(_, at)| at);
        if known.is_some_and(|at| self.findings[at].confidence >= Some(confidence)) || (known.is_none() && self.full()) {
            return;
        }
        let (excerpt, message) = describe();
        let finding = self.scan.finding(self.rule, start, end, confidence, excerpt, message);
        match known {
            Some(at) => self.findings[at] = finding,
            None => {
                self.values.push((value, self.findings.len()));
                self.findings.push(finding);
            }
        }
    }
}

/// A value's identity: FNV-1a over its letters and digits in lower case, so `123.456.782` and
/// `123456782`, or `Suïcide` and `suïcide`, are one value. (Two of a detector's at most 20 values
/// in a part sharing a 64-bit hash by chance would be reported as one; both are still seen.)
fn value_key(value: &str) -> u64 {
    let add = |hash: u64, c: char| (hash ^ u64::from(c)).wrapping_mul(0x0100_0000_01b3);
    let start = 0xcbf2_9ce4_8422_2325_u64;
    if value.is_ascii() {
        // The same characters as below, without decoding UTF-8.
        return value.bytes().filter(u8::is_ascii_alphanumeric).fold(start, |hash, b| add(hash, char::from(b.to_ascii_lowercase())));
    }
    value.chars().filter(|c| c.is_alphanumeric()).fold(start, |hash, c| add(hash, c.to_lowercase().next().unwrap_or(c)))
}

/// The content detectors, built once from a policy.
pub struct ContentScanner {
    keywords: Keywords,
    custom: custom::CustomPatterns,
    attachments: attachment::CaseFileNames,
    names: Names,
    enabled: Vec<Rule>,
}

impl ContentScanner {
    pub fn new(policy: &Policy, enabled: impl Fn(Rule) -> bool) -> Self {
        let enabled: Vec<Rule> = Rule::ALL.into_iter().filter(|r| enabled(*r)).collect();
        let on = |rule| enabled.contains(&rule);
        ContentScanner {
            keywords: Keywords::new(on(Rule::SpecialCategory), &policy.sensitive_terms),
            custom: custom::CustomPatterns::new(if on(Rule::CustomPattern) { &policy.custom_patterns } else { &[] }),
            attachments: attachment::CaseFileNames::new(),
            names: Names::new(),
            enabled,
        }
    }

    fn on(&self, rule: Rule) -> bool {
        self.enabled.contains(&rule)
    }

    /// Runs every enabled detector over the snapshot's subject, body and attachment names. The
    /// special-category terms come last: whether a term is about a person depends on the whole
    /// message (someone identified or named in another part, a message that says it is generic).
    pub fn scan(&self, snapshot: &Snapshot, language: Language) -> Vec<Finding> {
        let mut parts = vec![Part::field(Field::Subject, None, &snapshot.subject), Part::field(Field::Body, None, &snapshot.body)];
        for (i, attachment) in snapshot.attachments.iter().enumerate() {
            parts.push(Part::field(Field::Attachments, Some(i), &attachment.name));
        }
        // The text inside the attachments, judged like the body.
        for (i, attachment) in snapshot.attachments.iter().enumerate() {
            for (at, text) in attachment.texts.iter().enumerate() {
                let place = Place::Inside { name: &attachment.name, page: attachment.pages.get(at).copied() };
                parts.push(Part { field: Field::Attachments, index: Some(i), text, place, inside: Some(at) });
            }
        }
        let mut scanned = Vec::with_capacity(parts.len());
        let mut signals = 0u16;
        for part in &parts {
            let folded = folded::Folded::new(part.text);
            let hits = self.keywords.find(&folded);
            let tokens = numbers::tokens(part.text);
            if !part.is_file_name() {
                signals |= hits.iter().fold(0, |all, h| all | h.context);
            }
            let mut findings = Vec::new();
            let scan = Scan { part, hits: &hits, tokens: &tokens, language, names: &self.names };
            let detectors: [(Rule, Detector); 6] = [
                (Rule::Bsn, bsn::scan),
                (Rule::Iban, iban::scan),
                (Rule::DateOfBirth, date_of_birth::scan),
                (Rule::PhoneNumber, phone::scan),
                (Rule::PostcodeAddress, postcode::scan),
                (Rule::IdDocument, id_document::scan),
            ];
            for (rule, detect) in detectors {
                if self.on(rule) {
                    detect(&scan, &mut findings);
                }
            }
            if self.on(Rule::SensitiveAttachment) && part.is_file_name() {
                self.attachments.scan(&scan, &mut findings);
            }
            drop_overlapping_numbers(&mut findings, 0);
            self.custom.scan(&scan, &mut findings);
            scanned.push((hits, tokens, findings));
        }
        if self.on(Rule::SpecialCategory) {
            self.special_categories(&parts, &mut scanned, signals, language);
        }
        let mut findings = Vec::new();
        if self.on(Rule::UnreadableAttachment) {
            attachment::unreadable(snapshot, language, &mut findings);
        }
        for (part, (_, _, mut part_findings)) in parts.iter().zip(scanned) {
            to_utf16(part.text, &mut part_findings);
            findings.append(&mut part_findings);
        }
        findings
    }

    /// Adds the special-category findings of every part: a term about a person (or in a message
    /// that identifies someone), not a term that names a topic.
    fn special_categories(&self, parts: &[Part], scanned: &mut [(Vec<Hit>, Vec<Token>, Vec<Finding>)], signals: u16, language: Language) {
        // A person's own number: BSN, date of birth, document number, or a custom pattern of
        // severity high (a client number).
        let identifier = |f: &Finding| {
            matches!(f.rule, Rule::Bsn | Rule::DateOfBirth | Rule::IdDocument | Rule::CustomPattern)
                && f.confidence == Some(Confidence::High)
        };
        let identified = scanned.iter().flat_map(|(_, _, f)| f.iter()).find(|f| identifier(f)).and_then(|f| f.excerpt.clone());
        let mut persons = Vec::with_capacity(parts.len());
        for (part, (hits, _, findings)) in parts.iter().zip(scanned.iter()) {
            let text = part.text;
            // A message with a person's own number is about that person throughout: no need to
            // look for anyone else (the findings quote the number).
            if identified.is_some() {
                persons.push(Persons::default());
                continue;
            }
            // The sentences of the terms: only there are references looked for.
            let mut ranges: Vec<(usize, usize)> = Vec::new();
            let mut sentences: Vec<(usize, usize)> = Vec::new();
            for hit in hits.iter().filter(|h| h.category.is_some()) {
                // A term in the sentence already taken adds nothing (and a long text has many).
                if ranges.last().is_some_and(|last| hit.end <= last.1) {
                    continue;
                }
                let (from, to) = person::sentence(text, hit.start, hit.end);
                sentences.push((from, to));
                match ranges.last_mut() {
                    Some(last) if last.1 >= from => last.1 = last.1.max(to),
                    _ => ranges.push((from, to)),
                }
            }
            let identifiers: Vec<(usize, usize)> = findings.iter().filter(|f| identifier(f)).map(|f| (f.start, f.end)).collect();
            persons.push(Persons::find(text, hits, &self.names, &ranges, sentences, &identifiers));
        }
        // Someone named near a term, else anywhere in the message (a ruling's parties, a subject).
        let named = parts.iter().zip(&persons).find_map(|(part, p)| p.someone().map(|r| person::quote(part.text, r))).or_else(|| {
            let any_term = scanned.iter().any(|(hits, _, _)| hits.iter().any(|h| h.category.is_some()));
            let mut named = parts.iter().zip(scanned.iter()).filter(|_| any_term);
            named.find_map(|(part, (hits, _, _))| person::first_strong(part.text, hits, &self.names).map(|r| person::quote(part.text, &r)))
        });
        let message = MessageContext {
            generic: signals & context::GENERIC != 0,
            anonymous: signals & context::ANONYMOUS != 0 && identified.is_none(),
            named,
            identified,
        };
        for ((part, (hits, tokens, findings)), persons) in parts.iter().zip(scanned.iter_mut()).zip(&persons) {
            let scan = Scan { part, hits, tokens, language, names: &self.names };
            special_category::scan(&scan, persons, &message, findings);
        }
    }
}

/// Number detectors that claim the same digits: the most specific reading wins (the digits of an
/// IBAN are not also a phone number).
const NUMBER_RULES: [Rule; 6] = [Rule::Iban, Rule::IdDocument, Rule::DateOfBirth, Rule::Bsn, Rule::PhoneNumber, Rule::PostcodeAddress];

fn drop_overlapping_numbers(findings: &mut Vec<Finding>, first: usize) {
    let rank = |f: &Finding| NUMBER_RULES.iter().position(|r| *r == f.rule);
    // The part's number findings by start; each is compared only with those that overlap it.
    let mut numbers: Vec<(usize, usize, usize, usize)> =
        findings[first..].iter().enumerate().filter_map(|(i, f)| rank(f).map(|r| (f.start, f.end, r, i))).collect();
    numbers.sort_unstable();
    let mut dropped = vec![false; findings.len() - first];
    for (at, &(_, end, rank_a, a)) in numbers.iter().enumerate() {
        for &(_, _, rank_b, b) in numbers[at + 1..].iter().take_while(|(start, ..)| *start < end) {
            match rank_a.cmp(&rank_b) {
                std::cmp::Ordering::Less => dropped[b] = true,
                std::cmp::Ordering::Greater => dropped[a] = true,
                std::cmp::Ordering::Equal => {}
            }
        }
    }
    let mut index = 0;
    findings.retain(|_| {
        index += 1;
        index <= first || !dropped[index - first - 1]
    });
}

/// Converts the findings' byte offsets into UTF-16 offsets, in one pass over the text.
fn to_utf16(text: &str, findings: &mut [Finding]) {
    if text.is_ascii() {
        return;
    }
    let mut offsets: Vec<usize> = findings.iter().flat_map(|f| [f.start, f.end]).collect();
    offsets.sort_unstable();
    offsets.dedup();
    let mut utf16 = Utf16Offsets::new(text);
    let converted: Vec<usize> = offsets.iter().map(|&o| utf16.at(o)).collect();
    let map = |o: usize| offsets.binary_search(&o).map_or(o, |i| converted[i]);
    for f in findings {
        f.start = map(f.start);
        f.end = map(f.end);
    }
}

/// Whether content findings make the message sensitive enough that it must not leave the
/// organisation unencrypted: any finding of medium or high confidence (see the module docs).
pub fn is_sensitive(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.confidence.is_some_and(|c| c >= Confidence::Medium))
}
