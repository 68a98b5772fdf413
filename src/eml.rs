//! Reading `.eml` messages (RFC 5322 with MIME: multipart, base64, quoted-printable, encoded
//! headers) into compose snapshots, for the command-line tool. Native only.

use mail_parser::{Address, HeaderName, Message, MessageParser, MessagePart, MimeHeaders, PartType};

use crate::snapshot::{Attachment, Snapshot};

/// HTML as the text a reader sees (the extractors' reading, also used for HTML bodies).
pub use zorgvuldig_extract::html_to_text;

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

/// An attachment with the text inside it (a forwarded message's too), as the extension reads it.
fn attachment(part: &MessagePart) -> Attachment {
    let name = attachment_name(part);
    let extracted = match &part.body {
        PartType::Message(inner) => zorgvuldig_extract::message_text(inner.raw_message(), 1),
        _ => zorgvuldig_extract::extract(&name, part.contents()),
    };
    Attachment {
        size: part.len() as u64,
        pages: extracted.parts.iter().filter_map(|p| p.page.and_then(|p| usize::try_from(p).ok())).collect(),
        texts: extracted.parts.into_iter().map(|p| p.text).collect(),
        unreadable: extracted.unreadable.map(|r| r.id().to_string()),
        name,
    }
}

/// Parses a raw message into a snapshot: sender, To/Cc/Bcc, decoded subject, the text of every
/// text body part (HTML converted to text), and each attachment's name, size and the text inside
/// it (`zorgvuldig_extract`).
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
    let attachments = message.attachments().map(attachment).collect();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_inner_quotes_and_line_breaks() {
        assert_eq!(entry(Some("\"Yılmaz, Emre\""), "e@x.nl"), "\"Yılmaz, Emre\" <e@x.nl>");
        assert_eq!(entry(Some("Jan\r\n  Jansen"), "j@x.nl"), "\"Jan Jansen\" <j@x.nl>");
        assert_eq!(entry(Some("j@x.nl"), "j@x.nl"), "j@x.nl");
        assert_eq!(entry(None, "j@x.nl"), "j@x.nl");
    }
}
