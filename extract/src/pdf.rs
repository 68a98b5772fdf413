//! PDF: the text layer of each page (what a reader can select and copy), with its page number.
//! Parsing, fonts and character maps are `lopdf`'s; this module walks each page's text
//! operators, with a space or a line break where the layout moves, and bounds the work.
//!
//! Not read: text drawn inside form objects (`Do`), which ordinary producers (LibreOffice, Word,
//! scanners' OCR layers) do not use for body text. A page that has an image but no text is a scan:
//! the file is then `no-text` as well, also when other pages have text.

use std::io::Read;

use lopdf::content::Content;
use lopdf::{Document, Encoding, Object, ObjectId};

use crate::limits::{MAX_ENTRY_BYTES, MAX_INFLATED_BYTES, MAX_PAGES, MAX_PDF_OPERATIONS, MAX_TEXT_BYTES};
use crate::{Extracted, Part, Reason};

/// A TJ adjustment wider than this (thousandths of the font size) is a gap between words.
const WORD_GAP: f32 = 200.0;

/// Reads the text layer of every page.
pub fn extract(bytes: &[u8]) -> Extracted {
    let document = match Document::load_mem(bytes) {
        Ok(document) => document,
        Err(_) if bytes.windows(8).any(|w| w == b"/Encrypt") => return Extracted::unreadable(Reason::Encrypted),
        Err(_) => return Extracted::unreadable(Reason::Damaged),
    };
    // Encrypted with a password that is needed to open it (one that opens without, lopdf removes).
    if document.is_encrypted() && !document.was_encrypted() {
        return Extracted::unreadable(Reason::Encrypted);
    }
    let mut budget = Budget { operations: 0, inflated: 0 };
    let mut extracted = Extracted::default();
    let mut text_bytes = 0;
    let pages = document.get_pages();
    if pages.is_empty() {
        return Extracted::unreadable(Reason::Damaged);
    }
    for (&number, &page) in pages.iter().take(MAX_PAGES) {
        match page_text(&document, page, &mut budget) {
            Ok(text) if text.trim().is_empty() => {
                if has_image(&document, page) {
                    extracted.unreadable = worst(extracted.unreadable, Reason::NoText);
                }
            }
            Ok(text) => {
                text_bytes += text.len();
                extracted.parts.push(Part { page: Some(number), text });
            }
            Err(reason) => extracted.unreadable = worst(extracted.unreadable, reason),
        }
        if text_bytes > MAX_TEXT_BYTES || budget.operations > MAX_PDF_OPERATIONS || budget.inflated > MAX_INFLATED_BYTES {
            extracted.unreadable = worst(extracted.unreadable, Reason::TooLarge);
            return extracted;
        }
    }
    if pages.len() > MAX_PAGES {
        extracted.unreadable = worst(extracted.unreadable, Reason::TooLarge);
    }
    if extracted.parts.is_empty() && extracted.unreadable.is_none() {
        extracted.unreadable = Some(Reason::NoText);
    }
    extracted
}

/// The reason to report when two apply: the one that says most about what was missed.
fn worst(current: Option<Reason>, new: Reason) -> Option<Reason> {
    let rank = |r: Reason| {
        [Reason::Encrypted, Reason::TooLarge, Reason::Damaged, Reason::NoText, Reason::Unsupported].iter().position(|x| *x == r)
    };
    match current {
        Some(current) if rank(current) <= rank(new) => Some(current),
        _ => Some(new),
    }
}

/// The work done so far: content operations read and bytes decompressed.
struct Budget {
    operations: usize,
    inflated: usize,
}

/// The decompressed bytes of one content stream, within the limits.
fn stream_bytes(document: &Document, id: ObjectId, budget: &mut Budget) -> Result<Vec<u8>, Reason> {
    let stream = document.get_object(id).and_then(Object::as_stream).map_err(|_| Reason::Damaged)?;
    let filters = stream.filters().unwrap_or_default();
    let bytes = match filters.as_slice() {
        [] => stream.content.clone(),
        // The usual case, decompressed here with a cap (lopdf's own has none).
        [b"FlateDecode"] if stream.dict.get(b"DecodeParms").is_err() => {
            let allowed = MAX_ENTRY_BYTES.min(MAX_INFLATED_BYTES.saturating_sub(budget.inflated));
            let mut bytes = Vec::new();
            let decoder = flate2::read::ZlibDecoder::new(stream.content.as_slice());
            decoder.take(allowed as u64 + 1).read_to_end(&mut bytes).map_err(|_| Reason::Damaged)?;
            if bytes.len() > allowed {
                return Err(Reason::TooLarge);
            }
            bytes
        }
        _ => stream.decompressed_content().map_err(|_| Reason::Damaged)?,
    };
    budget.inflated += bytes.len();
    Ok(bytes)
}

/// Whether a page draws an image (a scanned page has one and no text).
fn has_image(document: &Document, page: ObjectId) -> bool {
    let Ok(dictionary) = document.get_dictionary(page) else { return false };
    let resources = match dictionary.get(b"Resources") {
        Ok(Object::Reference(id)) => document.get_dictionary(*id).ok(),
        Ok(Object::Dictionary(d)) => Some(d),
        _ => None,
    };
    let Some(objects) = resources.and_then(|r| r.get_deref(b"XObject", document).and_then(Object::as_dict).ok()) else { return false };
    objects.iter().any(|(_, o)| {
        let object = match o {
            Object::Reference(id) => document.get_object(*id).ok(),
            other => Some(other),
        };
        object
            .and_then(|o| o.as_stream().ok())
            .is_some_and(|s| s.dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|n| n == b"Image"))
    })
}

/// The text of one page: strings in content order, a line break where a new line starts, a space
/// where the text jumps right.
fn page_text(document: &Document, page: ObjectId, budget: &mut Budget) -> Result<String, Reason> {
    let fonts = document.get_page_fonts(page).map_err(|_| Reason::Damaged)?;
    let encodings: Vec<(Vec<u8>, Encoding)> =
        fonts.into_iter().filter_map(|(name, font)| font.get_font_encoding(document).ok().map(|e| (name, e))).collect();
    let mut content = Vec::new();
    for id in document.get_page_contents(page) {
        content.extend(stream_bytes(document, id, budget)?);
        content.push(b'\n');
    }
    let operations = Content::decode(&content).map_err(|_| Reason::Damaged)?.operations;
    budget.operations += operations.len();
    if budget.operations > MAX_PDF_OPERATIONS {
        return Err(Reason::TooLarge);
    }
    let mut text = String::new();
    let mut encoding: Option<&Encoding> = None;
    // The vertical position of the last text matrix, to tell a new line from a move right.
    let mut line_y: Option<f32> = None;
    for operation in &operations {
        let operands = &operation.operands;
        match operation.operator.as_str() {
            "Tf" => {
                let name = operands.first().and_then(|o| o.as_name().ok());
                encoding = name.and_then(|n| encodings.iter().find(|(font, _)| font.as_slice() == n)).map(|(_, e)| e);
            }
            "Tj" => show(operands.first(), encoding, &mut text),
            "'" => {
                new_line(&mut text);
                show(operands.first(), encoding, &mut text);
            }
            "\"" => {
                new_line(&mut text);
                show(operands.get(2), encoding, &mut text);
            }
            "TJ" => {
                for item in operands.first().and_then(|o| o.as_array().ok()).map(Vec::as_slice).unwrap_or_default() {
                    match item {
                        Object::String(..) => show(Some(item), encoding, &mut text),
                        Object::Integer(_) | Object::Real(_) if number(item) < -WORD_GAP => space(&mut text),
                        _ => {}
                    }
                }
            }
            "T*" | "ET" => new_line(&mut text),
            "Td" | "TD" => {
                let (x, y) = (operands.first().map_or(0.0, number), operands.get(1).map_or(0.0, number));
                if y.abs() > 0.01 {
                    new_line(&mut text);
                } else if x > 0.0 {
                    space(&mut text);
                }
            }
            "Tm" => {
                let y = operands.get(5).map_or(0.0, number);
                match line_y {
                    Some(last) if (last - y).abs() < 0.01 => space(&mut text),
                    _ => new_line(&mut text),
                }
                line_y = Some(y);
            }
            _ => {}
        }
    }
    Ok(text)
}

/// A number operand as a float (0 for anything else).
fn number(object: &Object) -> f32 {
    match object {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        _ => 0.0,
    }
}

/// Appends a shown string, decoded with the current font's encoding.
fn show(operand: Option<&Object>, encoding: Option<&Encoding>, text: &mut String) {
    let (Some(Object::String(bytes, _)), Some(encoding)) = (operand, encoding) else { return };
    if let Ok(decoded) = Document::decode_text(encoding, bytes.as_slice()) {
        text.push_str(&decoded);
    }
}

fn new_line(text: &mut String) {
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
}

fn space(text: &mut String) {
    if !text.is_empty() && !text.ends_with([' ', '\n']) {
        text.push(' ');
    }
}
