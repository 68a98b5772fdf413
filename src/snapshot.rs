//! The compose snapshot: what a compose window holds at the moment of the check (the contract shared with the extension and the demo).

use serde::{Deserialize, Serialize};

/// One compose window's content. Every key is optional when parsed; unknown keys are ignored so
/// that an older core keeps working with a newer extension.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
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

/// An attached file, by name and size only.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Attachment {
    pub name: String,
    /// Size in bytes, when known.
    pub size: u64,
}
