//! Reading `.eml` messages (RFC 5322 with MIME: multipart, base64, quoted-printable, encoded
//! headers) into compose snapshots, for the command-line tool. Native only.

use mail_parser::{Address, HeaderName, Message, MessageParser, MessagePart, MimeHeaders, PartType};

use crate::snapshot::{Attachment, Snapshot};

/// Why a file could not be read as a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmlError(pub String);

impl std::fmt::Display for EmlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A display name as a compose window shows it: one line, without the quotes some clients put
/// inside an encoded word (`=?UTF-8?Q?=22Name=2C_Given=22?=`).
fn clean_name(name: &str) -> String {
    let one_line: String = name.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let mut name = one_line.split_whitespace().collect::<Vec<_>>().join(" ");
    while name.len() >= 2 && ((name.starts_with('"') && name.ends_with('"')) || (name.starts_with('\'') && name.ends_with('\''))) {
        name = name[1..name.len() - 1].trim().to_string();
    }
    name
}

/// Formats one address the way a compose window shows it: `"Name, Quoted" <address>`.
fn entry(name: Option<&str>, address: &str) -> String {
    match name.map(clean_name).filter(|n| !n.is_empty() && n != address) {
        Some(name) => format!("\"{}\" <{address}>", name.replace('\\', "\\\\").replace('"', "\\\"")),
        None => address.to_string(),
    }
}

/// Every address of every header of one kind (a message may carry To twice; groups such as
/// `Team: a@x.nl, b@x.nl;` give their members).
fn entries(message: &Message, header: HeaderName) -> Vec<String> {
    message
        .header_values(header)
        .filter_map(|value| value.as_address())
        .flat_map(Address::iter)
        .map(|a| match a.address.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(address) => entry(a.name.as_deref(), address),
            // Kept so the analysis reports it as an unresolved recipient instead of dropping it.
            None => a.name.as_deref().map(clean_name).unwrap_or_default(),
        })
        .filter(|e| !e.is_empty())
        .collect()
}

/// The text of one body part: plain text as it is, HTML converted to text.
fn part_text(part: &MessagePart) -> Option<String> {
    match &part.body {
        PartType::Text(text) => Some(text.to_string()),
        PartType::Html(html) => Some(html_to_text(html)),
        _ => None,
    }
}

/// The name an attachment is shown with: its file name, or for a forwarded message its
/// subject with `.eml`, as mail clients name them.
fn attachment_name(part: &MessagePart) -> String {
    if let Some(name) = part.attachment_name().map(str::trim).filter(|n| !n.is_empty()) {
        return name.to_string();
    }
    match &part.body {
        PartType::Message(inner) => {
            let subject = inner.subject().map(clean_name).filter(|s| !s.is_empty());
            format!("{}.eml", subject.as_deref().unwrap_or("bericht"))
        }
        _ => String::new(),
    }
}

/// Parses a raw message into a snapshot: sender, To/Cc/Bcc, decoded subject, the text of every
/// text body part (HTML converted to text), and each attachment's name and size.
pub fn parse(raw: &[u8]) -> Result<Snapshot, EmlError> {
    let message = MessageParser::default()
        .parse(raw)
        .filter(|m| m.headers().iter().any(|h| !matches!(h.name, HeaderName::Other(_))))
        .ok_or_else(|| EmlError("not an e-mail message (no RFC 5322 headers found)".to_string()))?;
    let from = message
        .from()
        .or_else(|| message.sender())
        .and_then(|f| f.first())
        .and_then(|a| a.address.as_deref())
        .unwrap_or_default()
        .to_string();
    let texts: Vec<String> = message.text_bodies().filter_map(part_text).collect();
    // A plain-text alternative that is empty (some clients send one) must not hide the HTML.
    let texts = if texts.iter().all(|t| t.trim().is_empty()) { message.html_bodies().filter_map(part_text).collect() } else { texts };
    let body = texts.join("\n").replace("\r\n", "\n");
    let attachments = message.attachments().map(|part| Attachment { name: attachment_name(part), size: part.len() as u64 }).collect();
    Ok(Snapshot {
        from,
        to: entries(&message, HeaderName::To),
        cc: entries(&message, HeaderName::Cc),
        bcc: entries(&message, HeaderName::Bcc),
        subject: message.subject().map(|s| s.replace(['\r', '\n'], "")).unwrap_or_default(),
        body,
        attachments,
    })
}

/// Elements whose start or end begins a new line of text.
const BLOCK_TAGS: [&str; 30] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "caption",
    "center",
    "dd",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tr",
];

/// Elements whose content is not text a reader sees.
const HIDDEN_TAGS: [&str; 6] = ["head", "style", "script", "template", "title", "xml"];

/// Converts an HTML body to the text a reader sees: tags, comments, styles and scripts removed,
/// entities decoded, whitespace collapsed, and a line or cell boundary where the layout has one
/// (so `<td>BSN</td><td>111222333</td>` reads `BSN 111222333`, not `BSN111222333`).
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut pending_space = false;
    let mut hidden: Option<String> = None;
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            if hidden.is_none() {
                push_text(&mut out, rest, &mut pending_space);
            }
            break;
        };
        if hidden.is_none() {
            push_text(&mut out, &rest[..lt], &mut pending_space);
        }
        rest = &rest[lt..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let Some((tag, after)) = split_tag(rest) else {
            // A lone `<` that starts no tag is text.
            if hidden.is_none() {
                push_text(&mut out, "<", &mut pending_space);
            }
            rest = &rest[1..];
            continue;
        };
        rest = after;
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == ':' || *c == '-')
            .collect::<String>()
            .to_ascii_lowercase();
        let name = name.rsplit(':').next().unwrap_or_default().to_string();
        if let Some(open) = &hidden {
            if closing && *open == name {
                hidden = None;
            }
            continue;
        }
        if HIDDEN_TAGS.contains(&name.as_str()) && !closing && !tag.trim_end().ends_with('/') {
            hidden = Some(name);
        } else if BLOCK_TAGS.contains(&name.as_str()) {
            new_line(&mut out, name == "br");
            pending_space = false;
        } else if matches!(name.as_str(), "td" | "th") && !closing {
            if !out.is_empty() && !out.ends_with('\n') {
                pending_space = true;
            }
        } else if name == "img" {
            pending_space = true;
        }
    }
    let lines: Vec<&str> = out.lines().map(str::trim).collect();
    let mut text = String::with_capacity(out.len());
    let mut blank = 0;
    for line in lines {
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !text.is_empty() {
            text.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        text.push_str(line);
    }
    text.push('\n');
    if text.trim().is_empty() {
        String::new()
    } else {
        text
    }
}

/// Splits `<...>` off the front of `text`, honouring quoted attribute values; `None` when `<`
/// does not start a tag.
fn split_tag(text: &str) -> Option<(&str, &str)> {
    let inner = text.strip_prefix('<')?;
    let first = inner.chars().next()?;
    if !(first.is_ascii_alphabetic() || first == '/' || first == '!' || first == '?') {
        return None;
    }
    let mut quote: Option<char> = None;
    for (i, c) in inner.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some((&inner[..i], &inner[i + 1..])),
            _ => {}
        }
    }
    Some((inner, ""))
}

/// Starts a new line; `<br>` always does, other blocks only when the line has text.
fn new_line(out: &mut String, always: bool) {
    if always || !(out.is_empty() || out.ends_with('\n')) {
        out.push('\n');
    }
}

/// Appends text content: whitespace runs collapse to one space, entities are decoded.
fn push_text(out: &mut String, text: &str, pending_space: &mut bool) {
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() && c != '\u{a0}' {
            *pending_space = true;
            continue;
        }
        let decoded = if c == '&' { decode_entity(&text[i..]) } else { None };
        if *pending_space && !out.is_empty() && !out.ends_with('\n') && !out.ends_with(' ') {
            out.push(' ');
        }
        *pending_space = false;
        match decoded {
            Some((value, len)) => {
                out.push(value);
                while chars.peek().is_some_and(|(j, _)| *j < i + len) {
                    chars.next();
                }
            }
            None => out.push(c),
        }
    }
}

/// Decodes the entity at the start of `text` (`&euml;`, `&#235;`, `&#xEB;`): the character and
/// the length of the entity, or `None` when `&` starts no known entity.
fn decode_entity(text: &str) -> Option<(char, usize)> {
    let end = text.char_indices().take(34).find(|(_, c)| *c == ';').map(|(i, _)| i)?;
    let name = &text[1..end];
    let value = if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        char::from_u32(code).filter(|c| *c != '\0').unwrap_or(char::REPLACEMENT_CHARACTER)
    } else {
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return None;
        }
        // mail-parser knows the whole HTML entity table; ask it about this one name.
        let mut decoded = String::new();
        mail_parser::decoders::html::add_html_token(&mut decoded, &text.as_bytes()[..=end], false);
        let mut chars = decoded.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if decoded != text[..=end] => c,
            _ => return None,
        }
    };
    Some((value, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_layout_becomes_lines_and_cells() {
        let html = "<html><head><title>x</title><style>p{margin:0}</style></head><body>\
                    <!-- [if mso]> 123456782 <![endif] --><p>Beste&nbsp;heer,</p>\
                    <table><tr><td>BSN</td><td>111222333</td></tr></table>No&euml;lle &amp; co&#246;rdinatie<br>\
                    <a href=\"x?a=1&b=2\" title=\"a > b\">link</a> 5 &lt; 6 &unknown; &</body></html>";
        assert_eq!(html_to_text(html), "Beste\u{a0}heer,\nBSN 111222333\nNoëlle & coördinatie\nlink 5 < 6 &unknown; &\n");
    }

    #[test]
    fn inline_markup_does_not_split_words() {
        assert_eq!(html_to_text("<p>huis<b>elijk</b> geweld</p>"), "huiselijk geweld\n");
        assert_eq!(html_to_text(""), "");
    }

    #[test]
    fn names_lose_inner_quotes_and_line_breaks() {
        assert_eq!(entry(Some("\"Yılmaz, Emre\""), "e@x.nl"), "\"Yılmaz, Emre\" <e@x.nl>");
        assert_eq!(entry(Some("Jan\r\n  Jansen"), "j@x.nl"), "\"Jan Jansen\" <j@x.nl>");
        assert_eq!(entry(Some("j@x.nl"), "j@x.nl"), "j@x.nl");
        assert_eq!(entry(None, "j@x.nl"), "j@x.nl");
    }
}
