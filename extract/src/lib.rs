//! Reads the text inside an attachment, for zorgvuldig's core to judge like the body of a mail:
//! PDF (the text layer, page by page), Office Open XML (`.docx`, `.xlsx`, `.pptx`), OpenDocument
//! (`.odt`, `.ods`, `.odp`), plain text and CSV, HTML and e-mail (`.eml`, a forwarded message).
//!
//! Bytes in, text parts out, or the reason the file could not be read ([`Reason`]). Every file is
//! untrusted: the [`limits`] bound the bytes read, the bytes decompressed, the entries of an
//! archive, the nesting of forwarded mail and the work done, so a hostile file ends as
//! `too-large` or `damaged`, never as a crash or a hang. There is no clock in the browser's Wasm,
//! so the time budget is counted in work (bytes and operations), the same on every machine.
//!
//! The extension loads this crate as its own Wasm module (`src/wasm.rs` here) only when the first
//! attachment arrives; the command-line tool links it natively.

mod html;
pub mod limits;
mod mail;
mod office;
mod pdf;
mod text;
mod xml;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use html::html_to_text;
use serde::Serialize;

/// A stretch of an attachment's text: a PDF page, or the whole of another document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Part {
    /// The page (1-based), for PDF.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    pub text: String,
}

/// Why (part of) a file could not be read. The ids are the contract with the core, which words
/// them for the user (`unreadable-attachment`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    /// Protected with a password: only the recipient with the password can read it.
    Encrypted,
    /// No text to read: a scan or photo (an image-only PDF), or an empty document.
    NoText,
    /// Not a valid file of its type, or cut off.
    Damaged,
    /// A kind of file this crate does not read (an image, a zip of files, a binary `.doc`).
    Unsupported,
    /// Larger, more compressed (a zip bomb), more nested or more work than the limits allow;
    /// the text before the limit is still returned.
    TooLarge,
}

impl Reason {
    /// The stable id, as serialised.
    pub fn id(self) -> &'static str {
        match self {
            Reason::Encrypted => "encrypted",
            Reason::NoText => "no-text",
            Reason::Damaged => "damaged",
            Reason::Unsupported => "unsupported",
            Reason::TooLarge => "too-large",
        }
    }
}

/// What was read from one file: its text parts, and, when not all of it could be read, why.
/// Both can be present: a PDF with one damaged page still gives the others.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Extracted {
    pub parts: Vec<Part>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unreadable: Option<Reason>,
}

impl Extracted {
    fn unreadable(reason: Reason) -> Self {
        Extracted { parts: Vec::new(), unreadable: Some(reason) }
    }

    /// One part of text without a page; a document with no text at all is `no-text`.
    fn whole(text: String, unreadable: Option<Reason>) -> Self {
        if text.trim().is_empty() {
            return Extracted { parts: Vec::new(), unreadable: unreadable.or(Some(Reason::NoText)) };
        }
        Extracted { parts: vec![Part { page: None, text }], unreadable }
    }
}

/// The kinds of file this crate reads, told by content first (a `.pdf` that is really a Word
/// file is read as Word), by the name's extension where the content does not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Pdf,
    Zip,
    Html,
    Mail,
    Text,
    Compound,
}

fn kind(name: &str, bytes: &[u8]) -> Option<Kind> {
    let extension = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    // A PDF may have some bytes before its header; readers accept up to 1024.
    if bytes.get(..1024).unwrap_or(bytes).windows(5).any(|w| w == b"%PDF-") {
        return Some(Kind::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Some(Kind::Zip);
    }
    // An OLE compound file: a Word, Excel or PowerPoint file saved with a password (the zip
    // inside is encrypted), or an old binary .doc/.xls, which is not read.
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Some(Kind::Compound);
    }
    // Zip files are told by name when cut off before their first entry's header.
    match extension.as_str() {
        "pdf" => Some(Kind::Pdf),
        "docx" | "docm" | "dotx" | "xlsx" | "xlsm" | "pptx" | "pptm" | "odt" | "ods" | "odp" | "ott" => Some(Kind::Zip),
        "html" | "htm" | "xhtml" => Some(Kind::Html),
        "eml" => Some(Kind::Mail),
        "txt" | "csv" | "tsv" | "text" | "md" | "log" | "xml" | "json" | "vcf" | "ics" => Some(Kind::Text),
        _ => None,
    }
}

/// The name of the stream that holds a password-protected Office document, in UTF-16 as a
/// compound file's directory writes it.
const ENCRYPTED_PACKAGE: &[u8] = b"E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";

/// Reads the text of an attachment named `name`. Never panics; anything it cannot read is a
/// [`Reason`].
pub fn extract(name: &str, bytes: &[u8]) -> Extracted {
    extract_nested(name, bytes, 0)
}

/// [`extract`] for a file found inside another (a forwarded message's attachment), `depth` levels
/// down.
fn extract_nested(name: &str, bytes: &[u8], depth: usize) -> Extracted {
    if bytes.len() > limits::MAX_FILE_BYTES {
        return Extracted::unreadable(Reason::TooLarge);
    }
    match kind(name, bytes) {
        Some(Kind::Pdf) => pdf::extract(bytes),
        Some(Kind::Zip) => office::extract(bytes),
        Some(Kind::Html) => Extracted::whole(html_to_text(&text::decode(bytes)), None),
        Some(Kind::Mail) => mail::extract(bytes, depth),
        Some(Kind::Text) => Extracted::whole(text::decode(bytes), None),
        Some(Kind::Compound) if bytes.windows(ENCRYPTED_PACKAGE.len()).any(|w| w == ENCRYPTED_PACKAGE) => {
            Extracted::unreadable(Reason::Encrypted)
        }
        Some(Kind::Compound) | None => Extracted::unreadable(Reason::Unsupported),
    }
}

/// The text of a message (a forwarded mail, `message/rfc822`): its headers, body and the text
/// of its attachments, for the core's `.eml` reading. `depth` counts the messages around it.
pub fn message_text(raw: &[u8], depth: usize) -> Extracted {
    mail::extract(raw, depth)
}
