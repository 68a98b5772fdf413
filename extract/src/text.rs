//! Plain text (`.txt`, `.csv`) in whatever encoding it was saved in: UTF-8, UTF-16 with a
//! byte-order mark, else Windows-1252 (what Excel and Notepad on Dutch Windows write).

use crate::limits::MAX_TEXT_BYTES;

/// The bytes as text.
pub fn decode(bytes: &[u8]) -> String {
    let (encoding, skip) = encoding_rs::Encoding::for_bom(bytes).unwrap_or_else(|| match std::str::from_utf8(bytes) {
        Ok(_) => (encoding_rs::UTF_8, 0),
        Err(_) => (encoding_rs::WINDOWS_1252, 0),
    });
    let (text, _) = encoding.decode_without_bom_handling(&bytes[skip..]);
    text.into_owned()
}

/// Text cut at [`MAX_TEXT_BYTES`] (on a character boundary); whether it was cut.
pub fn capped(mut text: String) -> (String, bool) {
    if text.len() <= MAX_TEXT_BYTES {
        return (text, false);
    }
    let mut end = MAX_TEXT_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    (text, true)
}
