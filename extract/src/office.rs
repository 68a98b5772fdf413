//! Zip-based documents: Office Open XML (`.docx`, `.xlsx`, `.pptx`) and OpenDocument (`.odt`,
//! `.ods`, `.odp`). The text of the body, tables, text boxes, headers and footers, footnotes,
//! comments and speaker notes, in reading order; spreadsheet cells with their values.

use std::io::{Cursor, Read};

use quick_xml::events::Event;
use quick_xml::Reader;
use zip::ZipArchive;

use crate::limits::{MAX_ENTRY_BYTES, MAX_INFLATED_BYTES, MAX_INFLATE_RATIO, MAX_TEXT_BYTES, MAX_ZIP_ENTRIES, RATIO_FREE_BYTES};
use crate::xml::{self, Layout};
use crate::{Extracted, Reason};

const WORD: Layout = Layout {
    lines: &[b"p", b"tr"],
    cells: &[b"tc"],
    spaces: &[(b"tab", '\t'), (b"br", '\n'), (b"cr", '\n'), (b"noBreakHyphen", '-')],
    // The old-style copy of a text box that Word writes beside the new one.
    hidden: &[b"Fallback"],
    // Text runs, and text deleted with changes tracked (still in the file for anyone to see).
    texts: &[b"t", b"delText"],
};

const PRESENTATION: Layout =
    Layout { lines: &[b"p", b"tr"], cells: &[b"tc"], spaces: &[(b"br", '\n'), (b"tab", '\t')], hidden: &[b"Fallback"], texts: &[b"t"] };

const OPEN_DOCUMENT: Layout = Layout {
    lines: &[b"p", b"h", b"table-row", b"annotation"],
    cells: &[b"table-cell"],
    spaces: &[(b"s", ' '), (b"tab", '\t'), (b"line-break", '\n')],
    // A footnote's number, a comment's author and date, and the values of fields in headers and
    // footers (page number, sheet name), which are not the document's words.
    hidden: &[b"note-citation", b"creator", b"date", b"creator-initials", b"page-number", b"page-count", b"sheet-name", b"file-name"],
    texts: &[],
};

const SPREADSHEET_COMMENTS: Layout = Layout { lines: &[b"comment"], cells: &[], spaces: &[], hidden: &[b"rPh"], texts: &[b"t"] };

/// An open archive and the bytes inflated from it so far.
struct Archive<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    inflated: usize,
}

impl Archive<'_> {
    /// The names of the entries, in the archive's order.
    fn names(&self) -> Vec<String> {
        self.zip.file_names().map(str::to_string).collect()
    }

    /// One entry's bytes, within the limits; `Ok(None)` when there is no such entry.
    fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, Reason> {
        let mut entry = match self.zip.by_name(name) {
            Ok(entry) => entry,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(zip::result::ZipError::UnsupportedArchive(message)) if message.contains("ncrypt") || message.contains("assword") => {
                return Err(Reason::Encrypted)
            }
            Err(_) => return Err(Reason::Damaged),
        };
        if entry.encrypted() {
            return Err(Reason::Encrypted);
        }
        let compressed = usize::try_from(entry.compressed_size()).unwrap_or(usize::MAX);
        let allowed = MAX_ENTRY_BYTES.min(MAX_INFLATED_BYTES.saturating_sub(self.inflated));
        let mut bytes = Vec::new();
        let mut chunk = vec![0; 64 << 10];
        // In chunks, so a bomb is stopped at its first megabyte, not at the size limit.
        loop {
            let read = entry.read(&mut chunk).map_err(|_| Reason::Damaged)?;
            if read == 0 {
                break;
            }
            bytes.extend_from_slice(&chunk[..read]);
            if bytes.len() > allowed || (bytes.len() > RATIO_FREE_BYTES && bytes.len() / MAX_INFLATE_RATIO > compressed) {
                return Err(Reason::TooLarge);
            }
        }
        self.inflated += bytes.len();
        Ok(Some(bytes))
    }
}

/// Reads a zip-based document.
pub fn extract(bytes: &[u8]) -> Extracted {
    let zip = match ZipArchive::new(Cursor::new(bytes)) {
        Ok(zip) => zip,
        Err(_) => return Extracted::unreadable(Reason::Damaged),
    };
    if zip.len() > MAX_ZIP_ENTRIES {
        return Extracted::unreadable(Reason::TooLarge);
    }
    let mut archive = Archive { zip, inflated: 0 };
    let names = archive.names();
    let has = |name: &str| names.iter().any(|n| n == name);
    let result = if has("word/document.xml") {
        word(&mut archive, &names)
    } else if has("xl/workbook.xml") {
        workbook(&mut archive, &names)
    } else if has("ppt/presentation.xml") {
        presentation(&mut archive, &names)
    } else if has("content.xml") || has("META-INF/manifest.xml") {
        open_document(&mut archive)
    } else {
        // A zip of other files: what is inside is not read.
        Err((String::new(), Reason::Unsupported))
    };
    match result {
        Ok(text) => Extracted::whole(text, None),
        Err((text, reason)) => Extracted::whole(text, Some(reason)),
    }
}

/// The entries named `{prefix}{number}.xml`, by number (`slide2` before `slide10`).
fn numbered(names: &[String], prefix: &str) -> Vec<String> {
    let mut found: Vec<(u32, String)> = names
        .iter()
        .filter_map(|n| {
            let number = n.strip_prefix(prefix)?.strip_suffix(".xml")?;
            Some((number.parse().ok()?, n.clone()))
        })
        .collect();
    found.sort();
    found.into_iter().map(|(_, n)| n).collect()
}

/// Text read so far, and why reading stopped, when it stopped early.
type Outcome = Result<String, (String, Reason)>;

/// Appends the text of each entry in turn, with a blank line between entries.
fn entries_text(archive: &mut Archive, entries: &[String], layout: &Layout, mut text: String) -> Outcome {
    for name in entries {
        let bytes = match archive.read(name) {
            Ok(Some(bytes)) => bytes,
            Ok(None) => continue,
            Err(reason) => return Err((text, reason)),
        };
        if !text.is_empty() && !text.ends_with("\n\n") {
            text.push_str(if text.ends_with('\n') { "\n" } else { "\n\n" });
        }
        if xml::text(&bytes, layout, &mut text).is_err() {
            return Err((text, Reason::Damaged));
        }
        if text.len() > MAX_TEXT_BYTES {
            return Err((text, Reason::TooLarge));
        }
    }
    Ok(text)
}

/// Word: the body (with its tables and text boxes), then headers and footers, footnotes,
/// endnotes and comments.
fn word(archive: &mut Archive, names: &[String]) -> Outcome {
    let mut entries = vec!["word/document.xml".to_string()];
    entries.extend(numbered(names, "word/header"));
    entries.extend(numbered(names, "word/footer"));
    entries.extend(["word/footnotes.xml", "word/endnotes.xml", "word/comments.xml"].map(String::from));
    entries_text(archive, &entries, &WORD, String::new())
}

/// PowerPoint: each slide, then its speaker notes, in slide order.
fn presentation(archive: &mut Archive, names: &[String]) -> Outcome {
    let mut entries = numbered(names, "ppt/slides/slide");
    entries.extend(numbered(names, "ppt/notesSlides/notesSlide"));
    entries.extend(numbered(names, "ppt/comments/comment"));
    entries_text(archive, &entries, &PRESENTATION, String::new())
}

/// OpenDocument: the body (`content.xml`), then the headers and footers of the page styles.
/// A document saved with a password has its parts encrypted (the manifest says so).
fn open_document(archive: &mut Archive) -> Outcome {
    let manifest = archive.read("META-INF/manifest.xml").map_err(|r| (String::new(), r))?;
    if manifest.is_some_and(|m| m.windows(15).any(|w| w == b"encryption-data")) {
        return Err((String::new(), Reason::Encrypted));
    }
    entries_text(archive, &["content.xml".to_string(), "styles.xml".to_string()], &OPEN_DOCUMENT, String::new())
}

/// Excel: every sheet, a row a line and a tab between cells, with each cell's value (numbers
/// too: a BSN in a number cell), then the comments.
fn workbook(archive: &mut Archive, names: &[String]) -> Outcome {
    let shared = match archive.read("xl/sharedStrings.xml") {
        Ok(Some(bytes)) => shared_strings(&bytes).map_err(|()| (String::new(), Reason::Damaged))?,
        Ok(None) => Vec::new(),
        Err(reason) => return Err((String::new(), reason)),
    };
    let mut text = String::new();
    for name in numbered(names, "xl/worksheets/sheet") {
        let bytes = match archive.read(&name) {
            Ok(Some(bytes)) => bytes,
            Ok(None) => continue,
            Err(reason) => return Err((text, reason)),
        };
        if !text.is_empty() {
            text.push('\n');
        }
        if sheet(&bytes, &shared, &mut text).is_err() {
            return Err((text, Reason::Damaged));
        }
        if text.len() > MAX_TEXT_BYTES {
            return Err((text, Reason::TooLarge));
        }
    }
    entries_text(archive, &numbered(names, "xl/comments"), &SPREADSHEET_COMMENTS, text)
}

/// The strings a workbook's cells refer to by number, each the text of its runs (without the
/// phonetic guides of East Asian text).
fn shared_strings(xml: &[u8]) -> Result<Vec<String>, ()> {
    let mut reader = Reader::from_reader(xml);
    let mut buffer = Vec::new();
    let mut strings = Vec::new();
    let mut current = String::new();
    let (mut in_text, mut phonetic) = (false, 0usize);
    let mut size = 0usize;
    loop {
        match reader.read_event_into(&mut buffer).map_err(|_| ())? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"t" => in_text = true,
                b"rPh" => phonetic += 1,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"rPh" => phonetic = phonetic.saturating_sub(1),
                b"si" => {
                    size += current.len();
                    strings.push(std::mem::take(&mut current));
                }
                _ => {}
            },
            Event::Empty(e) if e.local_name().as_ref() == b"si" => strings.push(String::new()),
            Event::Text(t) if in_text && phonetic == 0 => current.push_str(&t.xml10_content().map_err(|_| ())?),
            Event::GeneralRef(r) if in_text && phonetic == 0 => xml::push_reference(&r, &mut current),
            Event::Eof => return Ok(strings),
            _ => {}
        }
        if size > MAX_TEXT_BYTES {
            return Ok(strings);
        }
        buffer.clear();
    }
}

/// One sheet's cells: shared strings looked up, inline strings and values as written, formulas
/// left out (their result is the value).
fn sheet(xml: &[u8], shared: &[String], out: &mut String) -> Result<(), ()> {
    let mut reader = Reader::from_reader(xml);
    let mut buffer = Vec::new();
    let mut shared_cell = false;
    let mut value = String::new();
    // Inside `<v>` (a value) or `<is><t>` (an inline string).
    let mut in_value = false;
    loop {
        match reader.read_event_into(&mut buffer).map_err(|_| ())? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"c" => {
                    shared_cell = e.attributes().flatten().any(|a| a.key.local_name().as_ref() == b"t" && a.value.as_ref() == b"s");
                    value.clear();
                }
                b"v" | b"t" => in_value = true,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"v" | b"t" => in_value = false,
                b"c" => {
                    let cell = if shared_cell {
                        value.trim().parse::<usize>().ok().and_then(|i| shared.get(i)).map(String::as_str)
                    } else {
                        Some(value.as_str())
                    };
                    if let Some(cell) = cell.filter(|c| !c.is_empty()) {
                        if !out.is_empty() && !out.ends_with('\n') {
                            out.push('\t');
                        }
                        out.push_str(cell);
                    }
                }
                b"row" if !out.is_empty() && !out.ends_with('\n') => out.push('\n'),
                _ => {}
            },
            Event::Text(t) if in_value => value.push_str(&t.xml10_content().map_err(|_| ())?),
            Event::GeneralRef(r) if in_value => xml::push_reference(&r, &mut value),
            Event::Eof => return Ok(()),
            _ => {}
        }
        if out.len() > MAX_TEXT_BYTES {
            return Ok(());
        }
        buffer.clear();
    }
}
