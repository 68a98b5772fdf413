//! The compose snapshot: what a compose window holds at the moment of the check (the contract shared with the extension and the demo).

use serde::{Deserialize, Serialize};

/// One compose window's content. Every key is optional when parsed; unknown keys are ignored so
/// that an older core keeps working with a newer extension.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", default)]
pub struct Snapshot {
    /// The sender. Never counted as a recipient.
    pub from: String,
    /// Recipient entries as the webmail shows them: bare addresses, `Name <address>`, or several
    /// addresses separated by commas or semicolons in one entry.
    pub to: Vec<String>,
    pub cc: Vec<String>,
    pub bcc: Vec<String>,
    pub subject: String,
    /// Plain text of the body.
    pub body: String,
    pub attachments: Vec<Attachment>,
}

impl Snapshot {
    /// Reads a snapshot from JSON text as a browser writes it. `JSON.stringify` escapes a lone
    /// surrogate (`\udc00`: half an emoji, cut off by an editor) rather than failing, and
    /// serde_json will not read one into a `String`; each is read as U+FFFD instead.
    pub fn from_json(text: &str) -> Result<Snapshot, serde_json::Error> {
        serde_json::from_str(text).or_else(|e| {
            if text.contains("\\ud") {
                serde_json::from_str(&without_lone_surrogates(text))
            } else {
                Err(e)
            }
        })
    }
}

/// JSON text as `JSON.stringify` writes it, with each lone surrogate escape (`\udc00`: half an
/// emoji, cut off by an editor) replaced by U+FFFD; serde_json will not read those into a
/// `String`. (`JSON.stringify` escapes only lone surrogates; pairs stay characters.)
fn without_lone_surrogates(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let mut rest = json;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let escape = &rest[at..];
        let code = escape.get(1..6).and_then(|e| e.strip_prefix('u')).and_then(|hex| u16::from_str_radix(hex, 16).ok());
        let length = if matches!(code, Some(0xD800..=0xDFFF)) {
            out.push_str("\\ufffd");
            6
        } else {
            let length = escape.char_indices().nth(2).map_or(escape.len(), |(i, _)| i);
            out.push_str(&escape[..length]);
            length
        };
        rest = &escape[length..];
    }
    out.push_str(rest);
    out
}

/// An attached file: its name, and what is inside it when it was read (by the extractors of
/// `extract/`, in the extension or the command-line tool).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", default)]
pub struct Attachment {
    pub name: String,
    /// Size in bytes, when known (the `.eml` reader knows it; the analysis does not use it).
    #[cfg_attr(test, ts(optional, as = "Option<u64>"))]
    pub size: u64,
    /// The text inside the file: one entry per PDF page, one for another document. Judged like
    /// the body. (Two lists rather than a list of objects: a reader for one more struct would
    /// cost the Wasm module 1.5 KB of its gzip budget; lists of strings it reads anyway.)
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(test, ts(optional, as = "Option<Vec<String>>"))]
    pub texts: Vec<String>,
    /// For a PDF: the page (1-based) of each entry of `texts`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(test, ts(optional, as = "Option<Vec<usize>>"))]
    pub pages: Vec<usize>,
    /// Why the content, or part of it, could not be read: `encrypted`, `no-text`, `damaged`,
    /// `unsupported`, `too-large` (the extractors' reasons), `not-seen` (added where the extension
    /// could not read it: a forward, a file already on the server) or `failed` (the extractor did
    /// not answer). Reported as `unreadable-attachment`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub unreadable: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lone_surrogate_escape_is_read_as_a_replacement_character() {
        let snapshot = Snapshot::from_json(r#"{"subject": "half \ud83d an emoji", "body": "low \udc00 half"}"#);
        let snapshot = snapshot.unwrap_or_else(|e| panic!("not read: {e}"));
        assert_eq!(snapshot.subject, "half \u{fffd} an emoji");
        assert_eq!(snapshot.body, "low \u{fffd} half");
    }

    #[test]
    fn a_surrogate_pair_and_other_escapes_stay_as_they_are() {
        let snapshot = Snapshot::from_json(r#"{"subject": "\ud83d\ude00 \\ud83d \"q\" \u00e9", "to": ["a@b.nl"]}"#);
        let snapshot = snapshot.unwrap_or_else(|e| panic!("not read: {e}"));
        assert_eq!(snapshot.subject, "\u{1f600} \\ud83d \"q\" \u{e9}");
        assert_eq!(snapshot.to, vec!["a@b.nl".to_string()]);
    }

    #[test]
    fn json_that_is_not_a_snapshot_is_an_error() {
        assert!(Snapshot::from_json(r#"{"to": "not a list"}"#).is_err());
        assert!(Snapshot::from_json(r#"{"subject": "\ud83d" "#).is_err());
    }
}
