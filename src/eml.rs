//! Reading `.eml` messages (RFC 5322 with MIME: multipart, base64, quoted-printable, encoded
//! headers) into compose snapshots, for the command-line tool. Native only.

use mail_parser::{Address, MessageParser, MimeHeaders};

use crate::snapshot::{Attachment, Snapshot};

/// Why a file could not be read as a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmlError(pub String);

impl std::fmt::Display for EmlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Formats one address the way a compose window shows it: `"Name, Quoted" <address>`.
fn entry(name: Option<&str>, address: &str) -> String {
    match name.map(str::trim).filter(|n| !n.is_empty()) {
        Some(name) => format!("\"{}\" <{address}>", name.replace('\\', "\\\\").replace('"', "\\\"")),
        None => address.to_string(),
    }
}

fn entries(address: Option<&Address>) -> Vec<String> {
    let Some(address) = address else { return Vec::new() };
    address
        .iter()
        .map(|a| match &a.address {
            Some(address) => entry(a.name.as_deref(), address),
            // Kept so the analysis reports it as an invalid address instead of dropping it.
            None => a.name.as_deref().unwrap_or_default().to_string(),
        })
        .filter(|e| !e.is_empty())
        .collect()
}

/// Parses a raw message into a snapshot: sender, To/Cc/Bcc, decoded subject, the text of every
/// text body part (HTML converted to text), and each attachment's name and size.
pub fn parse(raw: &[u8]) -> Result<Snapshot, EmlError> {
    let message = MessageParser::default()
        .parse(raw)
        .filter(|m| !m.headers().is_empty())
        .ok_or_else(|| EmlError("not an e-mail message (no RFC 5322 headers found)".to_string()))?;
    let from = message
        .from()
        .and_then(|f| f.first())
        .and_then(|a| a.address.as_deref())
        .unwrap_or_default()
        .to_string();
    let body = (0..message.text_body_count())
        .filter_map(|i| message.body_text(i))
        .collect::<Vec<_>>()
        .join("\n");
    let attachments = message
        .attachments()
        .map(|part| Attachment {
            name: part.attachment_name().unwrap_or_default().to_string(),
            size: part.len() as u64,
        })
        .collect();
    Ok(Snapshot {
        from,
        to: entries(message.to()),
        cc: entries(message.cc()),
        bcc: entries(message.bcc()),
        subject: message.subject().unwrap_or_default().to_string(),
        body,
        attachments,
    })
}
