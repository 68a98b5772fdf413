//! `postcode-address`: a Dutch postcode (`3521 AB`) with a street and house number before it
//! (`Kerkstraat 12, 3521 AB Utrecht`). Low confidence, since offices have addresses too; medium
//! after words such as "woont" or "woonadres", where it is where a person lives.

use super::keywords::{self, context};
use super::numbers::{glued_after, glued_before};
use super::{Distinct, Scan};
use crate::messages::Message;
use crate::text::mask;
use crate::verdict::{Confidence, Finding, Rule};

/// How far before the house number a "woont"-like word may be.
const HOME_WINDOW: usize = 80;

/// The two letters after a postcode's digits: upper case, and never SA, SD or SS.
fn postcode_letters(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let at = if bytes.get(at) == Some(&b' ') { at + 1 } else { at };
    let letters = bytes.get(at..at + 2)?;
    let ok = letters.iter().all(u8::is_ascii_uppercase) && !matches!(letters, b"SA" | b"SD" | b"SS");
    (ok && !glued_after(text, at + 2)).then_some(at + 2)
}

/// Whether the text before `at` ends like "Kerkstraat 12a, " and where the house number starts.
fn house_number_before(scan: &Scan, index: usize) -> Option<usize> {
    let text = scan.part.text;
    let postcode = scan.tokens[index];
    let number = scan.tokens[..index].last()?;
    let between = &text[number.end..postcode.start];
    // The gap holds at most a short house-number addition and punctuation: `a`, `-II`, `, `, a
    // line break; the house number is not itself a postcode.
    let words: Vec<&str> = between.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let addition_ok = between.len() <= 8
        && between.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | ',' | '-' | '\n' | '\r' | '\t'))
        && between.contains([' ', ',', '\n'])
        && words.len() <= 1
        && words.iter().all(|w| w.len() <= 3)
        && postcode_letters(text, number.end).is_none();
    // A street name, not a PO box (`Postbus 1212, 3500 BE`), which is no one's address.
    let street = text[..number.start].strip_suffix(' ').unwrap_or_default();
    let street_word = &street[street.trim_end_matches(char::is_alphabetic).len()..];
    let street_before =
        !street_word.is_empty() && !["postbus", "antwoordnummer", "box"].iter().any(|w| street_word.eq_ignore_ascii_case(w));
    (addition_ok && street_before && number.count == 1 && (1..=5).contains(&number.digits)).then_some(number.start)
}

pub fn scan(scan: &Scan, findings: &mut Vec<Finding>) {
    let text = scan.part.text;
    let mut found = Distinct::new(scan, Rule::PostcodeAddress, findings);
    for (index, token) in scan.tokens.iter().enumerate() {
        if found.full() {
            break;
        }
        let four_digits = token.count == 1 && token.digits == 4 && text.as_bytes()[token.start] != b'0';
        if !four_digits || glued_before(text, token.start) {
            continue;
        }
        let Some(end) = postcode_letters(text, token.end) else { continue };
        let Some(start) = house_number_before(scan, index) else { continue };
        let at_home = keywords::before(scan.hits, start, HOME_WINDOW, context::HOME_ADDRESS).is_some();
        let confidence = if at_home { Confidence::Medium } else { Confidence::Low };
        found.add(start, end, confidence, || {
            let masked = mask(&text[token.start..end]);
            let message = Message::PostcodeAddress { place: scan.part.place, masked: &masked, at_home }.render(scan.language);
            (masked, message)
        });
    }
}
