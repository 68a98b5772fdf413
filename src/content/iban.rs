//! `iban`: international bank account numbers of every country that has them, with or without
//! spaces, that pass the mod-97 check. Reported with low confidence: an IBAN on its own (a
//! supplier's invoice) does not make a message sensitive.

use super::numbers::glued_before;
use super::{Distinct, Scan};
use crate::messages::Message;
use crate::text::mask;
use crate::verdict::{Confidence, Finding, Rule};

/// IBAN length per country (ISO 13616 registry).
const LENGTHS: [(&str, usize); 89] = [
    ("AD", 24),
    ("AE", 23),
    ("AL", 28),
    ("AT", 20),
    ("AZ", 28),
    ("BA", 20),
    ("BE", 16),
    ("BG", 22),
    ("BH", 22),
    ("BI", 27),
    ("BR", 29),
    ("BY", 28),
    ("CH", 21),
    ("CR", 22),
    ("CY", 28),
    ("CZ", 24),
    ("DE", 22),
    ("DJ", 27),
    ("DK", 18),
    ("DO", 28),
    ("EE", 20),
    ("EG", 29),
    ("ES", 24),
    ("FI", 18),
    ("FK", 18),
    ("FO", 18),
    ("FR", 27),
    ("GB", 22),
    ("GE", 22),
    ("GI", 23),
    ("GL", 18),
    ("GR", 27),
    ("GT", 28),
    ("HN", 28),
    ("HR", 21),
    ("HU", 28),
    ("IE", 22),
    ("IL", 23),
    ("IQ", 23),
    ("IS", 26),
    ("IT", 27),
    ("JO", 30),
    ("KW", 30),
    ("KZ", 20),
    ("LB", 28),
    ("LC", 32),
    ("LI", 21),
    ("LT", 20),
    ("LU", 20),
    ("LV", 21),
    ("LY", 25),
    ("MC", 27),
    ("MD", 24),
    ("ME", 22),
    ("MK", 19),
    ("MN", 20),
    ("MR", 27),
    ("MT", 31),
    ("MU", 30),
    ("NI", 28),
    ("NL", 18),
    ("NO", 15),
    ("OM", 23),
    ("PK", 24),
    ("PL", 28),
    ("PS", 29),
    ("PT", 25),
    ("QA", 29),
    ("RO", 24),
    ("RS", 22),
    ("RU", 33),
    ("SA", 24),
    ("SC", 31),
    ("SD", 18),
    ("SE", 24),
    ("SI", 19),
    ("SK", 24),
    ("SM", 27),
    ("SO", 23),
    ("ST", 25),
    ("SV", 28),
    ("TL", 23),
    ("TN", 24),
    ("TR", 26),
    ("UA", 29),
    ("VA", 22),
    ("VG", 24),
    ("XK", 20),
    ("YE", 30),
];

/// The mod-97 check of ISO 13616 on the characters of an IBAN (upper case, no spaces).
pub fn passes_mod97(iban: &[u8]) -> bool {
    if iban.len() < 5 {
        return false;
    }
    let rotated = iban[4..].iter().chain(&iban[..4]);
    let mut remainder: u32 = 0;
    for &c in rotated {
        let value = match c {
            b'0'..=b'9' => u32::from(c - b'0'),
            b'A'..=b'Z' => u32::from(c - b'A') + 10,
            _ => return false,
        };
        remainder = if value >= 10 { (remainder * 100 + value) % 97 } else { (remainder * 10 + value) % 97 };
    }
    remainder == 1
}

/// Reads an IBAN starting at `start` (its country code): the characters without spaces, and
/// the byte offset where it ends. Spaces are allowed only between groups of four.
fn read(text: &str, start: usize) -> Option<(Vec<u8>, usize)> {
    let bytes = text.as_bytes();
    let country = std::str::from_utf8(bytes.get(start..start + 2)?).ok()?;
    let (_, length) = LENGTHS.iter().find(|(c, _)| *c == country)?;
    let mut chars = Vec::with_capacity(*length);
    let mut i = start;
    while chars.len() < *length {
        match bytes.get(i) {
            Some(b) if b.is_ascii_uppercase() || b.is_ascii_digit() => {
                chars.push(*b);
                i += 1;
            }
            // Spaces between groups of four, and after the country code (`NL 02 ABNA ...`).
            Some(b' ') if (chars.len() % 4 == 0 || chars.len() == 2) && bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric) => i += 1,
            _ => return None,
        }
    }
    let ends_cleanly = !bytes.get(i).is_some_and(u8::is_ascii_alphanumeric);
    (ends_cleanly && chars[2..4].iter().all(u8::is_ascii_digit)).then_some((chars, i))
}

pub fn scan(scan: &Scan, findings: &mut Vec<Finding>) {
    let text = scan.part.text;
    let bytes = text.as_bytes();
    let mut found = Distinct::new(scan, Rule::Iban, findings);
    let mut covered = 0;
    for token in scan.tokens {
        // An IBAN's check digits are its first digits, right after the country code (and
        // perhaps a space).
        let spaced = token.start >= 3 && bytes[token.start - 1] == b' ';
        let start = token.start.saturating_sub(if spaced { 3 } else { 2 });
        if found.full() || token.start < 2 || start < covered {
            continue;
        }
        let code = &bytes[start..start + 2];
        if !code.iter().all(u8::is_ascii_uppercase) || glued_before(text, start) {
            continue;
        }
        let Some((iban, end)) = read(text, start) else { continue };
        if !passes_mod97(&iban) {
            continue;
        }
        covered = end;
        found.add(start, end, Confidence::Low, || {
            let masked = mask(std::str::from_utf8(&iban).unwrap_or_default());
            let message = Message::Iban { place: scan.part.place, masked: &masked }.render(scan.language);
            (masked, message)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mod97() {
        for iban in ["NL91ABNA0417164300", "DE89370400440532013000", "BE68539007547034", "GB82WEST12345698765432"] {
            assert!(passes_mod97(iban.as_bytes()), "{iban}");
        }
        assert!(!passes_mod97(b"NL91ABNA0417164301"));
    }

    #[test]
    fn reads_with_and_without_spaces() {
        assert_eq!(read("NL91 ABNA 0417 1643 00.", 0).map(|(_, end)| end), Some(22));
        assert_eq!(read("NL91ABNA0417164300", 0).map(|(_, end)| end), Some(18));
        assert_eq!(read("NL91ABNA04171643001", 0), None);
        assert_eq!(read("NL91 AB NA0417164300", 0), None);
        assert_eq!(read("NL 91 ABNA 0417 1643 00", 0).map(|(_, end)| end), Some(23));
    }
}
