//! `bsn`: the Dutch citizen service number. Nine digits (eight are padded with a leading zero),
//! written together or in groups of two to four separated by dots, spaces or dashes, that pass
//! the 11-check. The nearest context word decides: after "BSN" or "cliënt" it is a person's
//! number (high confidence); after "factuur", "order", "ticket", "reservering" or "tel" it is
//! something else (not reported), also when a person word ("cliënt", "moeder") is nearer than
//! that label; without either it is reported with low confidence.

use super::keywords::{self, context};
use super::numbers::{glued_after, glued_before, Token};
use super::{Distinct, Scan};
use crate::messages::Message;
use crate::text::mask;
use crate::verdict::{Confidence, Finding, Rule};

/// How far (in bytes) before and after the number context words are looked for.
const CONTEXT_BEFORE: usize = 60;
const CONTEXT_AFTER: usize = 25;

/// The 11-check ("elfproef") for a BSN: weights 9..2 and -1, the sum divisible by 11. Nine
/// equal digits (000000000, 111111111) are never a BSN.
pub fn passes_eleven_check(digits: &[u8; 9]) -> bool {
    let sum: i64 = digits.iter().zip([9i64, 8, 7, 6, 5, 4, 3, 2, -1]).map(|(d, w)| i64::from(*d) * w).sum();
    sum % 11 == 0 && digits.iter().any(|d| *d != digits[0])
}

/// The layouts a BSN is written in: nine digits together, eight together (a BSN that lost its
/// leading zero), or nine in groups of two to four with one kind of separator.
fn as_bsn(token: &Token, text: &str) -> Option<[u8; 9]> {
    let grouped = token.count > 1
        && token.digits == 9
        && token.single_separators
        && matches!(token.separator, b' ' | b'.' | b'-')
        && token.group_lengths().all(|g| (2..=4).contains(&g));
    let together = token.count == 1 && (token.digits == 9 || token.digits == 8);
    if !grouped && !together {
        return None;
    }
    let values = token.digit_values(text);
    let mut digits = [0u8; 9];
    digits[9 - values.len()..].copy_from_slice(&values);
    passes_eleven_check(&digits).then_some(digits)
}

/// `BSN123456782`: glued to the word that names it.
fn glued_to_bsn_label(text: &str, at: usize) -> bool {
    at >= 3 && text[..at].is_char_boundary(at - 3) && text[at - 3..at].eq_ignore_ascii_case("bsn") && !glued_before(text, at - 3)
}

pub fn scan(scan: &Scan, findings: &mut Vec<Finding>) {
    let text = scan.part.text;
    let mut found = Distinct::new(scan, Rule::Bsn, findings);
    for token in scan.tokens {
        if found.full() {
            break;
        }
        let labelled = glued_to_bsn_label(text, token.start);
        if (glued_before(text, token.start) && !labelled) || glued_after(text, token.end) {
            continue;
        }
        let Some(digits) = as_bsn(token, text) else { continue };
        let flags = context::BSN | context::NOT_BSN;
        let near = keywords::before(scan.hits, token.start, CONTEXT_BEFORE, flags)
            .or_else(|| keywords::after(scan.hits, token.end, CONTEXT_AFTER, flags));
        // A person word ("cliënt", "moeder") says a person is near, not that the number is theirs:
        // a label such as "reservering" or "ticket" before the number outweighs it.
        let person_word = |hit: &keywords::Hit| hit.context & (context::PERSON | context::BIRTH) != 0;
        let labelled_otherwise = || keywords::before(scan.hits, token.start, CONTEXT_BEFORE, context::NOT_BSN).is_some();
        let in_context = match near {
            _ if labelled => true,
            Some(hit) if hit.context & context::BSN != 0 && person_word(hit) && labelled_otherwise() => continue,
            Some(hit) if hit.context & context::BSN != 0 => true,
            Some(_) => continue,
            None => false,
        };
        // 99999xxxx is the range of test numbers the government hands out for software tests.
        let test_number = digits[..5] == [9, 9, 9, 9, 9];
        let confidence = if in_context && !test_number { Confidence::High } else { Confidence::Low };
        found.add(token.start, token.end, confidence, || {
            let masked = mask(&digits.iter().map(|d| char::from(b'0' + d)).collect::<String>());
            let message = Message::Bsn { place: scan.part.place, masked: &masked, in_context }.render(scan.language);
            (masked, message)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::numbers::tokens;

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
        let found = |t: &str| tokens(t).iter().filter_map(|tok| as_bsn(tok, t)).count();
        assert_eq!(found("BSN 123456782"), 1);
        assert_eq!(found("BSN 123.456.782"), 1);
        assert_eq!(found("BSN 1234 56 782"), 1);
        assert_eq!(found("BSN 12345678"), 0); // padded 012345678 fails the check
        assert_eq!(found("12-03-2011"), 0);
        assert_eq!(found("1234567820"), 0);
        assert_eq!(found("123/456/782"), 0);
    }
}
