//! E-mail (`.eml`, a forwarded `message/rfc822`): the subject, the text of the body (HTML as a
//! reader sees it) and the text of each attachment, forwarded mail inside forwarded mail down to
//! [`MAX_NESTING`] levels.

use mail_parser::{MessageParser, MimeHeaders, PartType};

use crate::limits::{MAX_NESTING, MAX_TEXT_BYTES};
use crate::{html_to_text, Extracted, Reason};

/// Reads a message `depth` messages deep.
pub fn extract(raw: &[u8], depth: usize) -> Extracted {
    if depth >= MAX_NESTING {
        return Extracted::unreadable(Reason::TooLarge);
    }
    let Some(message) = MessageParser::default().parse(raw) else { return Extracted::unreadable(Reason::Damaged) };
    let mut text = String::new();
    if let Some(subject) = message.subject() {
        text.push_str(subject);
        text.push_str("\n\n");
    }
    let bodies: Vec<String> = message.text_bodies().filter_map(|p| body_text(&p.body)).collect();
    let bodies = if bodies.iter().all(|t| t.trim().is_empty()) {
        message.html_bodies().filter_map(|p| body_text(&p.body)).collect()
    } else {
        bodies
    };
    text.push_str(&bodies.join("\n"));
    let mut unreadable = None;
    for attachment in message.attachments() {
        let name = attachment.attachment_name().unwrap_or_default();
        let inner = match &attachment.body {
            PartType::Message(inner) => extract(inner.raw_message(), depth + 1),
            _ => crate::extract_nested(name, attachment.contents(), depth + 1),
        };
        for part in inner.parts {
            text.push_str("\n\n");
            text.push_str(name);
            text.push_str(":\n");
            text.push_str(&part.text);
        }
        unreadable = unreadable.or(inner.unreadable);
        if text.len() > MAX_TEXT_BYTES {
            break;
        }
    }
    let (text, cut) = crate::text::capped(text);
    Extracted::whole(text, unreadable.or(cut.then_some(Reason::TooLarge)))
}

/// A body part's text: plain text as it is, HTML as a reader sees it.
fn body_text(body: &PartType) -> Option<String> {
    match body {
        PartType::Text(text) => Some(text.to_string()),
        PartType::Html(html) => Some(html_to_text(html)),
        _ => None,
    }
}
