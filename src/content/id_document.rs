//! `id-document`: the number of a passport, identity card, residence document or driving
//! licence, shortly after a word that names one ("paspoort", "ID-kaart", "rijbewijs", ...).
//! Dutch document numbers have 2 letters, 6 letters or digits and 1 digit, never the letter O;
//! a driving licence has 10 digits; other countries' numbers are 6 to 9 capitals and digits, or
//! 9 digits (a British passport).

use super::keywords::context;
use super::{Distinct, Scan};
use crate::messages::Message;
use crate::text::mask;
use crate::verdict::{Confidence, Finding, Rule};

/// How far (in bytes) after the document word the number may be ("paspoort nr.: NW9K17LP4").
const WINDOW: usize = 40;

/// The Dutch document-number format.
pub fn is_dutch_document_number(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() == 9
        && !b.contains(&b'O')
        && b[..2].iter().all(u8::is_ascii_uppercase)
        && b[2..8].iter().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && b[8].is_ascii_digit()
}

fn is_document_number(word: &str) -> bool {
    let b = word.as_bytes();
    let digits = b.iter().filter(|c| c.is_ascii_digit()).count();
    let capitals_and_digits = b.iter().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    is_dutch_document_number(word)
        || (matches!(b.len(), 9 | 10) && digits == b.len())
        || (capitals_and_digits && (6..=9).contains(&b.len()) && digits >= 2 && digits < b.len())
}

pub fn scan(scan: &Scan, findings: &mut Vec<Finding>) {
    let text = scan.part.text;
    let mut found = Distinct::new(scan, Rule::IdDocument, findings);
    let mut covered = 0;
    for hit in scan.hits.iter().filter(|h| h.context & context::ID_DOCUMENT != 0) {
        if found.full() || hit.end < covered {
            continue;
        }
        let mut window_end = (hit.end + WINDOW).min(text.len());
        while !text.is_char_boundary(window_end) {
            window_end -= 1;
        }
        let window = &text[hit.end..window_end];
        let mut at = hit.end;
        // Each piece is a word and the one character after it, which may be longer than a byte.
        for piece in window.split_inclusive(|c: char| !c.is_ascii_alphanumeric()) {
            let start = at;
            at += piece.len();
            let word = piece.trim_end_matches(|c: char| !c.is_ascii_alphanumeric());
            // Only whole words: the last one may run past the window.
            if word.is_empty() || start + word.len() == window_end && window_end < text.len() {
                continue;
            }
            // "a copy of her passport; her BSN is 738199795": digits after a BSN word are a BSN.
            let all_digits = word.bytes().all(|b| b.is_ascii_digit());
            let bsn_between = scan.hits.iter().any(|h| h.start >= hit.end && h.end <= start && h.context & context::BSN != 0);
            if is_document_number(word) && !(all_digits && bsn_between) {
                found.add(start, start + word.len(), Confidence::High, || {
                    let masked = mask(word);
                    let message = Message::IdDocument { place: scan.part.place, masked: &masked }.render(scan.language);
                    (masked, message)
                });
                covered = start + word.len();
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert!(is_dutch_document_number("NW9K17LP4"));
        assert!(!is_dutch_document_number("NO9K17LP4"));
        assert!(is_document_number("5012345678"));
        assert!(is_document_number("P1234567"));
        assert!(!is_document_number("PASSPORT"));
        assert!(!is_document_number("123456"));
        assert!(is_document_number("533012456"));
    }
}
