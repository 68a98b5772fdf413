//! `bsn`: the Dutch citizen service number. Nine digits (eight are padded with a leading zero),
//! written together or in groups separated by dots, spaces or dashes, that pass the 11-check.
//! Context words nearby decide the confidence: a person's number, or an invoice, order or phone
//! number that happens to pass the check.

use super::{Part, MAX_FINDINGS_PER_PART};
use crate::messages::Message;
use crate::policy::Language;
use crate::text::{fold_char, mask, Utf16Offsets};
use crate::verdict::{Confidence, Finding, Rule};

/// Words that mark a number as a person's (folded: lower case, no diacritics).
const PERSON_CONTEXT: [&str; 22] = [
    "bsn", "burgerservicenummer", "burgerservice", "sofinummer", "sofi-nummer", "sofi nummer",
    "persoonsnummer", "persoonsgebonden nummer", "client", "clienten", "kind", "geboren", "zoon", "dochter",
    "moeder", "vader", "jeugdige", "pupil", "patient", "citizen service number", "social security", "ssn",
];

/// Words that mark a number as something else that may pass the 11-check.
const OTHER_CONTEXT: [&str; 26] = [
    "factuur", "factuurnummer", "invoice", "order", "ordernummer", "bestelling", "bestelnummer", "kvk",
    "kamer van koophandel", "rsin", "btw", "vat", "iban", "rekening", "rekeningnummer", "ticket",
    "tel", "telefoon", "telefoonnummer", "phone", "mobiel", "fax", "klantnummer", "artikel", "pakket", "zending",
];

/// How far (in characters) before and after the number context words are looked for.
const CONTEXT_BEFORE: usize = 60;
const CONTEXT_AFTER: usize = 25;

/// Separators allowed between digit groups, including those Word pastes (no-break and thin
/// spaces) and invisible ones (soft hyphen, zero-width space) that must not hide a number.
fn is_separator(c: char) -> bool {
    matches!(c, '.' | ' ' | '-' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\u{2011}' | '\u{ad}' | '\u{200b}')
}

/// The 11-check ("elfproef") for a BSN: weights 9..2 and -1, the sum divisible by 11.
pub fn passes_eleven_check(digits: &[u8; 9]) -> bool {
    let sum: i64 = digits
        .iter()
        .zip([9i64, 8, 7, 6, 5, 4, 3, 2, -1])
        .map(|(d, w)| i64::from(*d) * w)
        .sum();
    sum % 11 == 0 && digits.iter().any(|d| *d != digits[0])
}

/// A run of digits with separators: its byte span and its digits.
struct Candidate {
    start: usize,
    end: usize,
    digits: Vec<u8>,
    /// Sizes of the digit groups between separators.
    groups: Vec<usize>,
}

/// Finds runs of digits with single separators between them, not touching letters or digits.
fn candidates(text: &str) -> Vec<Candidate> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let touches_word = i > 0 && chars[i - 1].1.is_alphanumeric();
        if !c.is_ascii_digit() || touches_word {
            i += 1;
            continue;
        }
        let mut digits = Vec::new();
        let mut groups = vec![0usize];
        let mut j = i;
        let mut end = start;
        while j < chars.len() {
            let (at, c) = chars[j];
            if let Some(d) = c.to_digit(10).filter(|_| c.is_ascii_digit()) {
                digits.push(d as u8);
                if let Some(last) = groups.last_mut() {
                    *last += 1;
                }
                end = at + c.len_utf8();
                j += 1;
            } else if is_separator(c) && chars.get(j + 1).is_some_and(|(_, n)| n.is_ascii_digit()) {
                groups.push(0);
                j += 1;
            } else {
                break;
            }
        }
        let touches_after = chars.get(j).is_some_and(|(_, c)| c.is_alphanumeric());
        if !touches_after {
            out.push(Candidate { start, end, digits, groups });
        }
        i = j.max(i + 1);
    }
    out
}

/// Accepts the layouts a BSN is written in: nine digits together, eight together (a BSN that
/// lost its leading zero), or nine in groups of two to four (`123.456.782`, `1234 56 782`).
fn as_bsn(candidate: &Candidate) -> Option<[u8; 9]> {
    let n = candidate.digits.len();
    let grouped_ok = candidate.groups.len() == 1 || (n == 9 && candidate.groups.iter().all(|g| (2..=4).contains(g)));
    if !grouped_ok {
        return None;
    }
    let mut digits = [0u8; 9];
    match n {
        9 => digits.copy_from_slice(&candidate.digits),
        8 => digits[1..].copy_from_slice(&candidate.digits),
        _ => return None,
    }
    passes_eleven_check(&digits).then_some(digits)
}

/// The nearest context word before (or else after) the number decides.
fn context(text: &str, start: usize, end: usize) -> Option<bool> {
    let before: String = {
        let head = &text[..start];
        let from = head.char_indices().rev().nth(CONTEXT_BEFORE - 1).map_or(0, |(i, _)| i);
        let mut folded = String::new();
        head[from..].chars().for_each(|c| fold_char(c, &mut folded));
        folded
    };
    let after: String = {
        let mut folded = String::new();
        text[end..].chars().take(CONTEXT_AFTER).for_each(|c| fold_char(c, &mut folded));
        folded
    };
    let last_word = |haystack: &str, words: &[&str]| {
        words.iter().filter_map(|w| find_word(haystack, w, true)).max()
    };
    let first_word = |haystack: &str, words: &[&str]| {
        words.iter().filter_map(|w| find_word(haystack, w, false)).min()
    };
    match (last_word(&before, &PERSON_CONTEXT), last_word(&before, &OTHER_CONTEXT)) {
        (Some(p), Some(o)) => return Some(p > o),
        (Some(_), None) => return Some(true),
        (None, Some(_)) => return Some(false),
        (None, None) => {}
    }
    match (first_word(&after, &PERSON_CONTEXT), first_word(&after, &OTHER_CONTEXT)) {
        (Some(p), Some(o)) => Some(p < o),
        (Some(_), None) => Some(true),
        (None, Some(_)) => Some(false),
        (None, None) => None,
    }
}

/// Position of `word` in `haystack` as a whole word (a prefix of a longer word also counts, so
/// `factuurnummer` and `cliëntdossier` match), the last or the first occurrence.
fn find_word(haystack: &str, word: &str, last: bool) -> Option<usize> {
    let mut found = None;
    for (at, _) in haystack.match_indices(word) {
        let starts_word = haystack[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        if starts_word {
            found = Some(at);
            if !last {
                break;
            }
        }
    }
    found
}

pub fn scan(part: &Part, language: Language, findings: &mut Vec<Finding>) {
    let mut offsets = Utf16Offsets::new(part.text);
    let mut count = 0;
    for candidate in candidates(part.text) {
        if count == MAX_FINDINGS_PER_PART {
            break;
        }
        let Some(digits) = as_bsn(&candidate) else { continue };
        let in_context = match context(part.text, candidate.start, candidate.end) {
            Some(false) => continue,
            Some(true) => true,
            None => false,
        };
        let masked = mask(&digits.iter().map(|d| char::from(b'0' + d)).collect::<String>());
        let start = offsets.at(candidate.start);
        let end = offsets.at(candidate.end);
        findings.push(Finding {
            rule: Rule::Bsn,
            severity: crate::policy::Level::Info,
            field: part.field,
            index: part.index,
            recipient: None,
            recipients: Vec::new(),
            start,
            end,
            confidence: Some(if in_context { Confidence::High } else { Confidence::Low }),
            excerpt: Some(masked.clone()),
            message: Message::Bsn { field: part.field, masked: &masked, in_context }.render(language),
            fix: None,
        });
        count += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digits(s: &str) -> [u8; 9] {
        let mut out = [0u8; 9];
        for (o, c) in out.iter_mut().zip(s.bytes()) {
            *o = c - b'0';
        }
        out
    }

    #[test]
    fn eleven_check() {
        assert!(passes_eleven_check(&digits("123456782")));
        assert!(!passes_eleven_check(&digits("123456789")));
        assert!(!passes_eleven_check(&digits("000000000")));
        assert!(!passes_eleven_check(&digits("111111111")));
    }

    #[test]
    fn layouts() {
        let found = |t: &str| candidates(t).iter().filter_map(as_bsn).count();
        assert_eq!(found("BSN 123456782"), 1);
        assert_eq!(found("BSN 123.456.782"), 1);
        assert_eq!(found("BSN 1234 56 782"), 1);
        assert_eq!(found("BSN 12345678"), 0); // padded 012345678 fails the check
        assert_eq!(found("NL123456782B01"), 0);
        assert_eq!(found("12-03-2011"), 0);
        assert_eq!(found("1234567820"), 0);
    }
}
