//! The text of an XML document part (Word, PowerPoint, OpenDocument), in document order: the
//! text of every element, with a line break after each paragraph, a tab between table cells, and
//! nothing from the elements a reader does not see.

use quick_xml::events::{BytesRef, Event};
use quick_xml::Reader;

/// How one format's elements become text, by local name (without the namespace prefix).
pub struct Layout {
    /// Elements that stand on lines of their own (paragraphs, rows).
    pub lines: &'static [&'static [u8]],
    /// Elements after which a tab separates (table cells).
    pub cells: &'static [&'static [u8]],
    /// Empty elements that stand for a character in the text (a tab, a line break, a space).
    pub spaces: &'static [(&'static [u8], char)],
    /// Elements whose text is not shown (field codes, the fallback copy of a text box).
    pub hidden: &'static [&'static [u8]],
    /// Where a format keeps its text only in certain elements (Word's `w:t`), those; other text
    /// (a text box's alignment, a comment's author) is not the document's. Empty: all text.
    pub texts: &'static [&'static [u8]],
}

/// Appends the text of `xml` to `out`; `Err` when the XML is not well-formed.
pub fn text(xml: &[u8], layout: &Layout, out: &mut String) -> Result<(), ()> {
    let mut reader = Reader::from_reader(xml);
    let mut buffer = Vec::new();
    // How deep inside a hidden element the reader is (0: text is shown).
    let mut hidden = 0usize;
    // Whether the reader is inside an element of `layout.texts` (always, when that is empty).
    let mut in_text = layout.texts.is_empty();
    loop {
        let event = reader.read_event_into(&mut buffer).map_err(|_| ())?;
        match &event {
            Event::Start(e) if hidden > 0 || layout.hidden.contains(&e.local_name().as_ref()) => hidden += 1,
            Event::Start(e) if layout.texts.contains(&e.local_name().as_ref()) => in_text = true,
            // A paragraph inside a paragraph (a text box, a comment, a footnote) starts a line.
            Event::Start(e) if layout.lines.contains(&e.local_name().as_ref()) && !out.is_empty() && !out.ends_with(['\n', '\t']) => {
                out.push('\n')
            }
            Event::End(e) => {
                if hidden > 0 {
                    hidden -= 1;
                } else if layout.texts.contains(&e.local_name().as_ref()) {
                    in_text = false;
                } else {
                    separate(e.local_name().as_ref(), layout, out);
                }
            }
            Event::Empty(e) if hidden == 0 => {
                let name = e.local_name();
                match layout.spaces.iter().find(|(space, _)| *space == name.as_ref()) {
                    Some((_, c)) => out.push(*c),
                    None => separate(name.as_ref(), layout, out),
                }
            }
            Event::Text(t) if hidden == 0 && in_text => out.push_str(&t.xml10_content().map_err(|_| ())?),
            Event::CData(t) if hidden == 0 && in_text => out.push_str(&t.decode().map_err(|_| ())?),
            Event::GeneralRef(r) if hidden == 0 && in_text => push_reference(r, out),
            Event::Eof => return Ok(()),
            _ => {}
        }
        if out.len() > crate::limits::MAX_TEXT_BYTES {
            return Ok(());
        }
        buffer.clear();
    }
}

/// The separator after an element ends: a new line after a paragraph or row, a tab after a
/// table cell (in place of the line break of the cell's last paragraph: a row reads as one line).
fn separate(name: &[u8], layout: &Layout, out: &mut String) {
    if layout.lines.contains(&name) {
        if !out.ends_with('\n') && !out.is_empty() {
            out.push('\n');
        }
    } else if layout.cells.contains(&name) {
        if out.ends_with('\n') {
            out.pop();
        }
        out.push('\t');
    }
}

/// Appends what a character or entity reference (`&#235;`, `&amp;`) stands for.
pub fn push_reference(r: &BytesRef, out: &mut String) {
    match r.resolve_char_ref() {
        Ok(Some(c)) => out.push(c),
        _ => out.push_str(match &**r {
            b"amp" => "&",
            b"lt" => "<",
            b"gt" => ">",
            b"quot" => "\"",
            b"apos" => "'",
            _ => "",
        }),
    }
}
