//! Small text helpers shared by the detectors: UTF-16 offsets for the browser, masking, folding,
//! and a fast hash for the short strings of word lists and recipient lists.

use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a, for hash maps of short strings (domains, addresses, words): every recipient looks up
/// each of its parent domains in several lists, and building an engine indexes a thousand words,
/// and SipHash made both a visible part of the time. The keys come from the administrator and
/// the built-in lists, so a keyed hash buys nothing. `HashMap<K, V, Fnv>` uses it.
pub type Fnv = BuildHasherDefault<FnvHasher>;

pub struct FnvHasher(u64);

impl Default for FnvHasher {
    fn default() -> Self {
        FnvHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for FnvHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Converts byte offsets of one text into UTF-16 code-unit offsets, cheaply when asked in
/// increasing order (as detectors do while scanning).
pub struct Utf16Offsets<'t> {
    text: &'t str,
    byte: usize,
    utf16: usize,
}

impl<'t> Utf16Offsets<'t> {
    pub fn new(text: &'t str) -> Self {
        Utf16Offsets { text, byte: 0, utf16: 0 }
    }

    /// The UTF-16 offset of `byte`, which must lie on a character boundary of the text.
    pub fn at(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            self.byte = 0;
            self.utf16 = 0;
        }
        let end = byte.min(self.text.len());
        self.utf16 += utf16_len(self.text.as_bytes().get(self.byte..end).unwrap_or_default());
        self.byte = end;
        self.utf16
    }
}

/// The UTF-16 length of UTF-8 text, without decoding it: every byte but a continuation byte
/// (`10xxxxxx`) starts a character of one unit, and a four-byte lead (`11110xxx`) one of two.
/// Eight bytes at a time: a sixth of a 10 KB check went to decoding character by character.
fn utf16_len(bytes: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut chunks = bytes.chunks_exact(8);
    let (mut continuations, mut four_byte_leads) = (0, 0);
    for chunk in &mut chunks {
        let x = <[u8; 8]>::try_from(chunk).map_or(0, u64::from_le_bytes);
        // Each byte's bit 7, and the bits below it shifted up into bit 7 of the same byte.
        continuations += (x & !(x << 1) & HIGH).count_ones() as usize;
        four_byte_leads += (x & (x << 1) & (x << 2) & (x << 3) & HIGH).count_ones() as usize;
    }
    for &byte in chunks.remainder() {
        continuations += usize::from(byte & 0xC0 == 0x80);
        four_byte_leads += usize::from(byte >= 0xF0);
    }
    bytes.len() - continuations + four_byte_leads
}

/// Masks a sensitive value so that only its last three letters or digits show: `••••••782`.
pub fn mask(value: &str) -> String {
    let significant = || value.chars().filter(|c| c.is_alphanumeric());
    let hidden = significant().count().saturating_sub(3);
    let mut out = String::with_capacity(value.len() * 3);
    out.extend(std::iter::repeat_n('•', hidden));
    out.extend(significant().skip(hidden));
    out
}

/// Folds a character for comparison: lower case without diacritics (`Ï` → `i`, `ĳ` → `ij`).
/// Characters without a folding are returned lower-cased as they are.
pub fn fold_char(c: char, out: &mut String) {
    let folded = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => "a",
        'ç' | 'ć' | 'č' | 'Ç' | 'Ć' | 'Č' => "c",
        'ď' | 'đ' | 'Ď' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ě' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'İ' => "i",
        'ñ' | 'ń' | 'ň' | 'Ñ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => "o",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'Ù' | 'Ú' | 'Û' | 'Ü' => "u",
        'ý' | 'ÿ' | 'Ý' => "y",
        'ś' | 'š' | 'ş' | 'Š' => "s",
        'ź' | 'ż' | 'ž' | 'Ž' => "z",
        'ř' | 'Ř' => "r",
        'ť' => "t",
        'ł' | 'Ł' => "l",
        'ĳ' | 'Ĳ' => "ij",
        'ß' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        _ => {
            out.extend(c.to_lowercase());
            return;
        }
    };
    out.push_str(folded);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_count_utf16_units() {
        let text = "é😀a";
        let mut offsets = Utf16Offsets::new(text);
        assert_eq!(offsets.at(2), 1);
        assert_eq!(offsets.at(6), 3);
        assert_eq!(offsets.at(7), 4);
        assert_eq!(offsets.at(0), 0);
    }

    proptest::proptest! {
        /// Counting bytes gives what decoding gives, at every character boundary.
        #[test]
        fn offsets_agree_with_decoding(text in "(.|[a-zé€😀]){0,80}") {
            let mut offsets = Utf16Offsets::new(&text);
            for (byte, _) in text.char_indices().chain([(text.len(), ' ')]) {
                proptest::prop_assert_eq!(offsets.at(byte), text[..byte].encode_utf16().count());
            }
        }
    }

    #[test]
    fn mask_keeps_last_three() {
        assert_eq!(mask("123.456.782"), "••••••782");
        assert_eq!(mask("12"), "12");
    }
}
