//! `phone-number`: Dutch fixed and mobile numbers (`030-1234567`, `06-12345678`,
//! `(030) 123 45 67`, `+31 6 12345678`, `0031 30 1234567`, `+31 (0)30 1234567`). Reported with
//! low confidence: a phone number in a signature is ordinary.

use super::numbers::{glued_after, glued_before};
use super::{Distinct, Scan};
use crate::messages::Message;
use crate::text::mask;
use crate::verdict::{Confidence, Finding, Rule};

/// The national form (`0` and nine digits) of a number written with a `+` before it or not.
fn national(digits: &[u8], plus: bool) -> Option<Vec<u8>> {
    let rest = match digits {
        [3, 1, rest @ ..] if plus => rest,
        [0, 0, 3, 1, rest @ ..] if !plus => rest,
        // Service numbers: 0800 and 090x with four or seven digits.
        [0, 8 | 9, 0, 0 | 6 | 9, rest @ ..] if !plus && matches!(rest.len(), 4 | 7) => return Some(digits.to_vec()),
        [0, rest @ ..] if !plus => return Some([&[0], rest].concat()).filter(|n| n.len() == 10 && n[1] != 0),
        _ => return None,
    };
    // `+31 (0)30 ...`: the bracketed trunk zero is dropped.
    let rest = rest.strip_prefix(&[0]).unwrap_or(rest);
    let number = [&[0], rest].concat();
    (number.len() == 10 && number[1] != 0).then_some(number)
}

pub fn scan(scan: &Scan, findings: &mut Vec<Finding>) {
    let text = scan.part.text;
    let mut found = Distinct::new(scan, Rule::PhoneNumber, findings);
    for token in scan.tokens {
        if found.full() {
            break;
        }
        if !(8..=13).contains(&token.digits) || glued_before(text, token.start) || glued_after(text, token.end) {
            continue;
        }
        if matches!(token.separator, b'/' | b'.') {
            continue;
        }
        let plus = text[..token.start].trim_end_matches(' ').ends_with('+');
        let Some(number) = national(&token.digit_values(text), plus) else { continue };
        let start = if plus { text[..token.start].trim_end_matches(' ').len() - 1 } else { token.start };
        found.add(start, token.end, Confidence::Low, || {
            let masked = mask(&number.iter().map(|d| char::from(b'0' + d)).collect::<String>());
            let message = Message::PhoneNumber { place: scan.part.place, masked: &masked }.render(scan.language);
            (masked, message)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn national_forms() {
        let n = |d: &str, plus| national(&d.bytes().map(|b| b - b'0').collect::<Vec<_>>(), plus).is_some();
        assert!(n("0612345678", false));
        assert!(n("0301234567", false));
        assert!(n("31612345678", true));
        assert!(n("310301234567", true));
        assert!(n("0031301234567", false));
        assert!(!n("061234567", false));
        assert!(n("08002000", false));
        assert!(!n("03012345", false));
        assert!(!n("0012345678", false));
        assert!(!n("4930123456", true));
    }
}
