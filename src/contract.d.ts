// Written by `cargo test` (src/contract.rs) from the core's types: do not edit. The
// TypeScript shape of what crosses the WebAssembly boundary, in the package's zorgvuldig.d.ts.

/**
 * One compose window's content. Every key is optional when parsed; unknown keys are ignored so
 * that an older core keeps working with a newer extension.
 */
export type Snapshot = { 
/**
 * The sender. Never counted as a recipient.
 */
from: string, 
/**
 * Recipient entries as the webmail shows them: bare addresses, `Name <address>`, or several
 * addresses separated by commas or semicolons in one entry.
 */
to: Array<string>, cc: Array<string>, bcc: Array<string>, subject: string, 
/**
 * Plain text of the body.
 */
body: string, attachments: Array<Attachment>, };

/**
 * An attached file: its name, and what is inside it when it was read (by the extractors of
 * `extract/`, in the extension or the command-line tool).
 */
export type Attachment = { name: string, 
/**
 * Size in bytes, when known (the `.eml` reader knows it; the analysis does not use it).
 */
size?: number, 
/**
 * The text inside the file: one entry per PDF page, one for another document. Judged like
 * the body. (Two lists rather than a list of objects: a reader for one more struct would
 * cost the Wasm module 1.5 KB of its gzip budget; lists of strings it reads anyway.)
 */
texts?: Array<string>, 
/**
 * For a PDF: the page (1-based) of each entry of `texts`.
 */
pages?: Array<number>, 
/**
 * Why the content, or part of it, could not be read: `encrypted`, `no-text`, `damaged`,
 * `unsupported`, `too-large` (the extractors' reasons), `not-seen` (added where the extension
 * could not read it: a forward, a file already on the server) or `failed` (the extractor did
 * not answer). Reported as `unreadable-attachment`.
 */
unreadable?: string, };

/**
 * The outcome of analysing one snapshot.
 */
export type Verdict = { 
/**
 * What the extension does: the strongest finding, unless the policy only reports.
 */
action: Action, 
/**
 * What the policy would do when enforced; differs from `action` in report-only mode.
 */
intendedAction: Action, 
/**
 * One line for a warning's title, in the policy's language.
 */
summary: string, findings: Array<Finding>, override: Override, policyErrors: Array<PolicyError>, };

/**
 * What the extension does with the send.
 */
export type Action = "allow" | "warn" | "block";

/**
 * Whether and how the user may send anyway.
 */
export type Override = { allowed: boolean, justificationRequired: boolean, };

/**
 * One thing the analysis found.
 */
export type Finding = { rule: Rule, 
/**
 * What this finding asks of the send (`info` reports without interrupting).
 */
severity: Level, field: Field, 
/**
 * Index of the entry within a recipient field (`to`, `cc`, `bcc`) or of the attachment.
 */
index?: number, 
/**
 * For a finding inside an attachment's content: which of its `texts` the span is in, and
 * that text's page (PDF).
 */
part?: number, page?: number, 
/**
 * The recipient the finding is about, for recipient findings: the address as typed, or the
 * entry's text when it holds no usable address (`invalid-address`, `unresolved-recipient`).
 */
recipient?: string, 
/**
 * All recipients concerned, where there can be several (`external-unencrypted`), named as
 * in `recipient`.
 */
recipients?: Array<string>, 
/**
 * UTF-16 code-unit offsets into the field's text (for recipients: into the entry; for
 * attachments: into the name, or into `texts[part]`).
 */
start: number, end: number, confidence?: Confidence, 
/**
 * For content findings: what was found, masked (never the full sensitive value).
 */
excerpt?: string, 
/**
 * What, why and what to do, in plain words in the policy's language.
 */
message: string, fix?: Fix, };

export type Rule = "retired-domain" | "retired-address" | "lookalike-domain" | "invalid-address" | "unresolved-recipient" | "external-unencrypted" | "freemail-recipient" | "large-audience" | "bsn" | "iban" | "date-of-birth" | "phone-number" | "postcode-address" | "id-document" | "special-category" | "custom-pattern" | "sensitive-attachment" | "unreadable-attachment";

/**
 * How strongly a rule acts on a send.
 */
export type Level = "off" | "info" | "warn" | "block";

/**
 * The part of the snapshot a finding is about.
 */
export type Field = "to" | "cc" | "bcc" | "subject" | "body" | "attachments";

/**
 * How sure a content detector is that it found what it looks for.
 */
export type Confidence = "low" | "medium" | "high";

/**
 * A change the user can make with one click from the warning.
 */
export type Fix = { kind: FixKind, recipient?: string, replacement?: string, marker?: string, 
/**
 * The fix in the policy's language, fit for a button.
 */
label: string, };

/**
 * The kind of change a [`Fix`] proposes.
 */
export type FixKind = "replace-recipient" | "remove-recipient" | "add-subject-marker";

/**
 * A problem with one policy key: where it is, a stable code and a sentence for the administrator.
 */
export type PolicyError = { 
/**
 * JSON path of the offending value, e.g. `retiredDomains[2].domain`.
 */
path: string, code: PolicyErrorCode, message: string, };

export type PolicyErrorCode = "invalid-json" | "not-an-object" | "unknown-key" | "unknown-rule" | "missing-key" | "wrong-type" | "invalid-value" | "empty" | "invalid-domain" | "invalid-successor" | "invalid-address" | "invalid-hash" | "invalid-pattern" | "invalid-host" | "conflict";

export type ErrorCode = "invalid-snapshot" | "internal";
