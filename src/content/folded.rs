//! Text folded for matching (diacritics removed from non-ASCII letters, `ĳ` → `ij`), with a way
//! back to offsets in the original. ASCII text, the common case, is used as it is: matching is
//! ASCII-case-insensitive, so only non-ASCII characters need folding.

use std::borrow::Cow;

use crate::text::fold_char;

/// One non-ASCII character: where it starts in the folded text and the original, and how long
/// it is in each.
#[derive(Clone, Copy)]
struct Span {
    folded: u32,
    original: u32,
    folded_len: u8,
    original_len: u8,
}

pub struct Folded<'t> {
    pub text: Cow<'t, str>,
    spans: Vec<Span>,
}

impl<'t> Folded<'t> {
    pub fn new(original: &'t str) -> Self {
        if original.is_ascii() {
            return Folded { text: Cow::Borrowed(original), spans: Vec::new() };
        }
        let mut text = String::with_capacity(original.len());
        let mut spans = Vec::new();
        let mut rest = original;
        let mut at = 0usize;
        while !rest.is_empty() {
            let ascii = rest.bytes().position(|b| !b.is_ascii()).unwrap_or(rest.len());
            text.push_str(&rest[..ascii]);
            at += ascii;
            rest = &rest[ascii..];
            let Some(c) = rest.chars().next() else { break };
            let before = text.len();
            fold_char(c, &mut text);
            spans.push(Span {
                folded: before as u32,
                original: at as u32,
                folded_len: (text.len() - before) as u8,
                original_len: c.len_utf8() as u8,
            });
            at += c.len_utf8();
            rest = &rest[c.len_utf8()..];
        }
        Folded { text: Cow::Owned(text), spans }
    }

    /// The original byte offset of a folded offset. Inside a folded character, `round_up`
    /// chooses the end of the original character rather than its start.
    pub fn original(&self, folded: usize, round_up: bool) -> usize {
        let index = self.spans.partition_point(|s| s.folded as usize <= folded);
        let Some(span) = index.checked_sub(1).map(|i| self.spans[i]) else { return folded };
        let (start, len) = (span.folded as usize, span.folded_len as usize);
        if folded == start {
            span.original as usize
        } else if folded < start + len {
            span.original as usize + if round_up { span.original_len as usize } else { 0 }
        } else {
            span.original as usize + span.original_len as usize + (folded - start - len)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_back_to_the_original() {
        let folded = Folded::new("Zoë ĳs suïcide");
        assert_eq!(folded.text, "Zoe ijs suicide");
        let at = folded.text.find("suicide").unwrap_or_default();
        let start = folded.original(at, false);
        let end = folded.original(at + "suicide".len(), true);
        assert_eq!(&"Zoë ĳs suïcide"[start..end], "suïcide");
        assert_eq!(&"Zoë ĳs suïcide"[folded.original(4, false)..folded.original(5, true)], "ĳ");
    }
}
