//! Small text helpers shared by the detectors: UTF-16 offsets for the browser and masking.

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
        let step = self.text.as_bytes().get(self.byte..end).unwrap_or_default();
        // Without decoding: every byte that starts a character is one UTF-16 unit, and one that
        // starts a four-byte character (outside the BMP) one more.
        self.utf16 += step.iter().map(|&b| usize::from((b as i8) >= -0x40) + usize::from(b >= 0xF0)).sum::<usize>();
        self.byte = end;
        self.utf16
    }
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
        fn offsets_agree_with_decoding(text in "(.|[a-zé€😀]){0,40}") {
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
