//! One pass over a text's bytes finds every run of digit groups (`123.456.782`, `06-12345678`,
//! `12-03-2011`, `3521`), for the number detectors (BSN, IBAN, phone, postcode, dates) to
//! classify. Groups may be separated by a space, dot, dash or slash, by the spaces and hyphens
//! Word pastes (no-break, thin, non-breaking hyphen), or by brackets as in `(030) 123 4567`.
//! Invisible characters (soft hyphen, zero-width space and joiners, direction marks, word joiner,
//! byte-order mark) separate nothing: `1\u{ad}2\u{ad}3…` reads as the `123…` a reader sees.

/// Most digit groups a token keeps; longer runs are still one token, with only these groups.
const MAX_GROUPS: usize = 6;

/// A run of digit groups.
#[derive(Debug, Clone, Copy)]
pub struct Token {
    /// Byte offsets of the whole run, from the first digit to the last.
    pub start: usize,
    pub end: usize,
    /// Byte ranges of the digit groups (the first `count` are set); invisible characters between
    /// digits are inside a group.
    pub groups: [(usize, usize); MAX_GROUPS],
    /// Number of digits in each group.
    lengths: [usize; MAX_GROUPS],
    pub count: usize,
    /// Total number of digits.
    pub digits: usize,
    /// Whether every separator was a single character, and which (0 if none, b'*' if mixed).
    pub single_separators: bool,
    pub separator: u8,
}

impl Token {
    pub fn groups(&self) -> &[(usize, usize)] {
        &self.groups[..self.count.min(MAX_GROUPS)]
    }

    /// Lengths of the digit groups, in digits.
    pub fn group_lengths(&self) -> impl Iterator<Item = usize> + '_ {
        self.lengths[..self.count.min(MAX_GROUPS)].iter().copied()
    }

    /// The digits, as values 0..=9.
    pub fn digit_values(&self, text: &str) -> Vec<u8> {
        let bytes = text.as_bytes();
        self.groups().iter().flat_map(|&(s, e)| bytes[s..e].iter().filter(|b| b.is_ascii_digit()).map(|b| b - b'0')).collect()
    }
}

/// The separator at `at`, as (class byte, length in bytes): ASCII separators are themselves;
/// Unicode spaces count as b' ', Unicode hyphens as b'-'.
fn separator(bytes: &[u8], at: usize) -> Option<(u8, usize)> {
    match bytes.get(at..)? {
        [b' ' | b'.' | b'-' | b'/', ..] => Some((bytes[at], 1)),
        [0xC2, 0xA0, ..] => Some((b' ', 2)),              // no-break space
        [0xE2, 0x80, 0x89 | 0xAF, ..] => Some((b' ', 3)), // thin / narrow no-break space
        [0xE2, 0x80, 0x90 | 0x91, ..] => Some((b'-', 3)), // hyphen, non-breaking hyphen
        _ => None,
    }
}

/// The length in bytes of the invisible character at `at`, if there is one: soft hyphen,
/// zero-width space, non-joiner and joiner, left-to-right and right-to-left mark, word joiner,
/// byte-order mark.
fn invisible(bytes: &[u8], at: usize) -> Option<usize> {
    match bytes.get(at..)? {
        [0xC2, 0xAD, ..] => Some(2),
        [0xE2, 0x80, 0x8B..=0x8F, ..] | [0xE2, 0x81, 0xA0, ..] | [0xEF, 0xBB, 0xBF, ..] => Some(3),
        _ => None,
    }
}

/// `at` moved past the invisible characters there.
fn skip_invisible(bytes: &[u8], mut at: usize) -> usize {
    while let Some(len) = invisible(bytes, at) {
        at += len;
    }
    at
}

/// Finds the digit runs of a text.
pub fn tokens(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    loop {
        i = next_digit(bytes, i);
        if i == bytes.len() {
            break;
        }
        let mut token = Token {
            start: i,
            end: i,
            groups: [(0, 0); MAX_GROUPS],
            lengths: [0; MAX_GROUPS],
            count: 0,
            digits: 0,
            single_separators: true,
            separator: 0,
        };
        loop {
            let group_start = i;
            let mut digits = 0;
            loop {
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                    digits += 1;
                }
                let after = skip_invisible(bytes, i);
                if after == i || !bytes.get(after).is_some_and(u8::is_ascii_digit) {
                    break;
                }
                i = after;
            }
            if token.count < MAX_GROUPS {
                token.groups[token.count] = (group_start, i);
                token.lengths[token.count] = digits;
            }
            token.count += 1;
            token.digits += digits;
            token.end = i;
            // A separator (or two, around a bracket) followed by a digit continues the run.
            let mut j = skip_invisible(bytes, i);
            let mut seps = 0;
            let mut class = 0u8;
            while seps < 2 {
                if let Some((c, len)) = separator(bytes, j) {
                    class = if class == 0 || class == c { c } else { b'*' };
                    j += len;
                } else if matches!(bytes.get(j), Some(b'(' | b')')) {
                    class = b'*';
                    j += 1;
                } else {
                    break;
                }
                seps += 1;
                j = skip_invisible(bytes, j);
            }
            if seps == 0 || !bytes.get(j).is_some_and(u8::is_ascii_digit) {
                break;
            }
            if seps > 1 || class == b'*' {
                token.single_separators = false;
            }
            token.separator = match token.separator {
                0 => class,
                s if s == class => s,
                _ => b'*',
            };
            i = j;
        }
        out.push(token);
    }
    out
}

/// The offset of the first ASCII digit at or after `at` (the length of `bytes` if none). Most of a
/// text is not digits, so this looks at eight bytes at a time: "Determine if a word has a byte
/// between m and n" from Bit Twiddling Hacks, exact per byte (each byte's sum is computed on its
/// low seven bits, so nothing carries into the next).
fn next_digit(bytes: &[u8], mut at: usize) -> usize {
    const ONES: u64 = u64::MAX / 255;
    const HIGH: u64 = ONES * 128;
    const LOW: u64 = ONES * 127;
    while let Some(Ok(chunk)) = bytes.get(at..at + 8).map(<[u8; 8]>::try_from) {
        let x = u64::from_le_bytes(chunk);
        // High bit set in each byte b with b'/' < b < b':'.
        let digits = (ONES * (127 + u64::from(b':')) - (x & LOW)) & !x & ((x & LOW) + ONES * (127 - u64::from(b'/'))) & HIGH;
        if digits != 0 {
            return at + digits.trailing_zeros() as usize / 8;
        }
        at += 8;
    }
    bytes.get(at..).and_then(|rest| rest.iter().position(u8::is_ascii_digit)).map_or(bytes.len(), |i| at + i)
}

/// Whether the character before `at` is a letter or digit (the token is glued to a word).
pub fn glued_before(text: &str, at: usize) -> bool {
    text[..at].chars().next_back().is_some_and(char::is_alphanumeric)
}

/// Whether the character at `at` is a letter or digit.
pub fn glued_after(text: &str, at: usize) -> bool {
    text[at..].chars().next().is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shapes(text: &str) -> Vec<(Vec<usize>, bool, u8)> {
        tokens(text).iter().map(|t| (t.group_lengths().collect(), t.single_separators, t.separator)).collect()
    }

    #[test]
    fn next_digit_finds_the_first_digit_of_every_byte_value() {
        // Every byte value, at every position of an eight-byte word and past it.
        for byte in 0..=255u8 {
            for at in 0..12 {
                let mut bytes = vec![b'x'; 12];
                bytes[at] = byte;
                let expected = if byte.is_ascii_digit() { at } else { 12 };
                assert_eq!(next_digit(&bytes, 0), expected, "byte {byte:#04x} at {at}");
            }
        }
        assert_eq!(next_digit(b"ab 12", 4), 4);
        assert_eq!(next_digit(b"abcdefg9 1 2", 0), 7);
        assert_eq!(next_digit(b"", 0), 0);
    }

    #[test]
    fn groups_and_separators() {
        assert_eq!(shapes("BSN 123.456.782."), vec![(vec![3, 3, 3], true, b'.')]);
        assert_eq!(shapes("tel (030) 123 4567"), vec![(vec![3, 3, 4], false, b'*')]);
        assert_eq!(shapes("12-03-2011 en 06 12345678"), vec![(vec![2, 2, 4], true, b'-'), (vec![2, 8], true, b' ')]);
        assert_eq!(shapes("1234\u{ad}56\u{ad}782"), vec![(vec![9], true, 0)]);
        assert_eq!(shapes("1\u{ad}2\u{200b}3\u{200d}\u{feff}4 \u{2060}5"), vec![(vec![4, 1], true, b' ')]);
        assert_eq!(shapes("a 1 , 2"), vec![(vec![1], true, 0), (vec![1], true, 0)]);
    }
}
