//! `date-of-birth`: a date in a Dutch or English format (`12-03-2011`, `12/3/11`,
//! `12 maart 2011`, `12 mrt. 2011`, `March 12, 2011`) shortly after "geboren", "geboortedatum",
//! "geb.", "born" or "DOB", or in brackets right after a name (`Yara (12-03-2012)`). A bare
//! date is not a birth date and is not reported.

use super::keywords::{self, context};
use super::numbers::{glued_after, glued_before, Token};
use super::person::Names;
use super::{Distinct, Scan};
use crate::messages::Message;
use crate::text::mask;
use crate::verdict::{Confidence, Finding, Rule};

/// How far (in bytes) before the date a birth word may be ("geboren op 12 maart 2011").
const BIRTH_WINDOW: usize = 40;

/// Month names and abbreviations, Dutch and English, with their number.
const MONTHS: [(&str, u32); 35] = [
    ("januari", 1),
    ("january", 1),
    ("jan", 1),
    ("februari", 2),
    ("february", 2),
    ("feb", 2),
    ("maart", 3),
    ("march", 3),
    ("mrt", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("mei", 5),
    ("may", 5),
    ("juni", 6),
    ("june", 6),
    ("jun", 6),
    ("juli", 7),
    ("july", 7),
    ("jul", 7),
    ("augustus", 8),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("oktober", 10),
    ("october", 10),
    ("okt", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
    ("febr", 2),
];

fn month(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.');
    MONTHS.iter().find(|(name, _)| name.eq_ignore_ascii_case(word)).map(|(_, m)| *m)
}

fn valid(day: u32, month: u32, year: u32, year_digits: usize) -> bool {
    (1..=31).contains(&day) && (1..=12).contains(&month) && (year_digits == 2 || (1900..=2100).contains(&year))
}

fn number(text: &str, (start, end): (usize, usize)) -> u32 {
    text[start..end].parse().unwrap_or(0)
}

/// A numeric date `d-m-y`, `d/m/y`, `d.m.y` or `y-m-d`: its byte span.
fn numeric(token: &Token, text: &str) -> Option<(usize, usize)> {
    if token.count != 3 || !token.single_separators || !matches!(token.separator, b'-' | b'/' | b'.') {
        return None;
    }
    let g = token.groups();
    let lengths: Vec<usize> = token.group_lengths().collect();
    let ok = match lengths.as_slice() {
        [1 | 2, 1 | 2, 2 | 4] => valid(number(text, g[0]), number(text, g[1]), number(text, g[2]), lengths[2]),
        [4, 1 | 2, 1 | 2] => valid(number(text, g[2]), number(text, g[1]), number(text, g[0]), 4),
        _ => false,
    };
    ok.then_some((token.start, token.end))
}

/// The word (letters and a trailing dot) starting at `at`, and where it ends.
fn word_at(text: &str, at: usize) -> (&str, usize) {
    let rest = &text[at..];
    let mut len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
    if rest.as_bytes().get(len) == Some(&b'.') {
        len += 1;
    }
    (&rest[..len], at + len)
}

/// A year of four digits (or two) starting at `at`, after optional `,` and spaces.
fn year_at(text: &str, at: usize) -> Option<(u32, usize, usize)> {
    let skipped = text[at..].bytes().take_while(|b| matches!(b, b' ' | b',')).count();
    if skipped == 0 {
        return None;
    }
    let from = at + skipped;
    let digits = text[from..].bytes().take_while(u8::is_ascii_digit).count();
    (matches!(digits, 2 | 4) && !glued_after(text, from + digits)).then(|| (number(text, (from, from + digits)), digits, from + digits))
}

/// `12 maart 2011`, `12 mrt. 2011` or `March 12, 2011` around a one- or two-digit token.
fn written(token: &Token, text: &str) -> Option<(usize, usize)> {
    if token.count != 1 || token.digits > 2 {
        return None;
    }
    let day = number(text, (token.start, token.end));
    // Day first: "12 maart 2011".
    if text.as_bytes().get(token.end) == Some(&b' ') {
        let (word, after) = word_at(text, token.end + 1);
        if let (Some(m), Some((year, digits, end))) = (month(word), year_at(text, after)) {
            if valid(day, m, year, digits) {
                return Some((token.start, end));
            }
        }
    }
    // Month first: "March 12, 2011".
    let before = text[..token.start].strip_suffix(' ')?;
    let word_start = before.trim_end_matches('.').trim_end_matches(|c: char| c.is_ascii_alphabetic()).len();
    let (word, _) = word_at(text, word_start);
    let (year, digits, end) = year_at(text, token.end)?;
    (month(word).is_some_and(|m| valid(day, m, year, digits)) && !glued_before(text, word_start)).then_some((word_start, end))
}

/// `Yara (12-03-2012)`, `Yara de Vries (12-03-2012)`: the date alone in brackets, right after
/// a name. Not after any capitalised word: "Beginstand (1-1-2022)" heads a table of figures.
fn after_a_name(text: &str, start: usize, end: usize, names: &Names) -> bool {
    let Some(before) = text[..start].strip_suffix('(') else { return false };
    let name = before.trim_end_matches(' ');
    if !text[end..].starts_with(')') || before.len() - name.len() > 1 {
        return false;
    }
    // The given name, or the given name before a surname with its tussenvoegsels.
    let mut words = name.rsplit(char::is_whitespace).take(4).map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()));
    words.any(|w| names.contains(w))
}

pub fn scan(scan: &Scan, findings: &mut Vec<Finding>) {
    let text = scan.part.text;
    let mut found = Distinct::new(scan, Rule::DateOfBirth, findings);
    for token in scan.tokens {
        if found.full() {
            break;
        }
        if glued_before(text, token.start) && token.count > 1 {
            continue;
        }
        let Some((start, end)) = numeric(token, text).or_else(|| written(token, text)) else { continue };
        let after_birth_word = keywords::before(scan.hits, start, BIRTH_WINDOW, context::BIRTH).is_some();
        if !after_birth_word && !after_a_name(text, start, end, scan.names) {
            continue;
        }
        found.add(start, end, Confidence::High, || {
            let masked = mask(&text[start..end]);
            let message = Message::DateOfBirth { place: scan.part.place, masked: &masked }.render(scan.language);
            (masked, message)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::numbers::tokens;

    fn dates(text: &str) -> Vec<&str> {
        tokens(text).iter().filter_map(|t| numeric(t, text).or_else(|| written(t, text))).map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn formats() {
        assert_eq!(dates("op 12-03-2011."), vec!["12-03-2011"]);
        assert_eq!(dates("op 12/3/11"), vec!["12/3/11"]);
        assert_eq!(dates("op 12 maart 2011"), vec!["12 maart 2011"]);
        assert_eq!(dates("op 12 mrt. 2011"), vec!["12 mrt. 2011"]);
        assert_eq!(dates("born March 12, 2011"), vec!["March 12, 2011"]);
        assert_eq!(dates("2011-03-12"), vec!["2011-03-12"]);
        assert_eq!(dates("32-03-2011 en 12-13-2011 en 12 apples 2011"), Vec::<&str>::new());
    }
}
