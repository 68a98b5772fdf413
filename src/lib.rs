//! zorgvuldig checks an outgoing e-mail against an organisation's policy just before it is sent.
//!
//! The whole product is one analysis: a [`Snapshot`] of a compose window plus a [`Policy`] in, a
//! [`Verdict`] out. The same code runs in the browser extension and the demo page (compiled to
//! WebAssembly, see `wasm.rs`, the only module that knows about wasm-bindgen) and on an
//! administrator's command line (`src/main.rs`).
//!
//! # Usage
//! ```
//! use zorgvuldig::{Engine, Snapshot};
//!
//! let policy = serde_json::json!({
//!     "internalDomains": ["example.nl"],
//!     "retiredDomains": [{"domain": "old-example.nl", "successor": "example.nl"}]
//! });
//! // Build once (patterns compiled, lists hashed), analyse many times.
//! let engine = Engine::from_json(&policy);
//! let snapshot = Snapshot { to: vec!["Jan <jan@old-example.nl>".into()], ..Snapshot::default() };
//! let verdict = engine.analyze(&snapshot);
//! assert_eq!(verdict.action, zorgvuldig::Action::Block);
//! assert_eq!(verdict.findings[0].fix.as_ref().map(|f| f.replacement.as_deref()), Some(Some("jan@example.nl")));
//! ```
//!
//! # Untrusted input
//! Policies, snapshots and messages are all treated as untrusted: a malformed policy key becomes a
//! [`PolicyError`] while the rest of the policy still applies, administrator patterns are compiled
//! with a size limit by a linear-time engine, and no input makes the analysis panic.

mod address;
mod content;
#[cfg(test)]
mod contract;
mod engine;
mod error_codes;
mod external_unencrypted;
mod ids;
mod large_audience;
mod lookalike;
mod messages;
mod policy;
mod recipients;
mod snapshot;
mod text;
mod verdict;

#[cfg(not(target_arch = "wasm32"))]
pub mod eml;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use address::{parse_address_list, Mailbox, Reading, NAME_CHARS};
/// The BSN 11-check ("elfproef") on nine digits, as the `bsn` rule applies it; public for tests
/// and for tools that validate numbers the same way.
pub use content::passes_eleven_check;
/// The person layer on its own: the byte ranges of every reference to a particular person in a
/// text (a name, a placeholder such as "\[minderjarige\]", "de moeder", "hij", ...) and whether
/// each is strong (picks out one person without context), as the `special-category` rule uses
/// them; public for evaluation (`tests/realtexts.rs`, `benches/deduce/`) and tools.
pub use content::person_references;
pub use engine::Engine;
pub use error_codes::{ErrorCode, PolicyErrorCode};
pub use lookalike::{is_lookalike, skeleton};
/// Every top-level policy key; public so that tests/schema.rs can hold web/extension/schema.json to it.
pub use policy::POLICY_KEYS;
pub use policy::{Enforcement, FailMode, Language, Level, Policy, PolicyError};
pub use snapshot::{Attachment, Snapshot};
pub use verdict::{Action, Confidence, Field, Finding, Fix, FixKind, Override, Verdict};

/// Stable rule identifiers, as used in findings, tests and the policy's `actions` key.
pub mod rules {
    pub use crate::verdict::Rule;
}
