// The messages between the content scripts (and the options page) and the background, in one place
// for both sides: content/main.js sends them, background.js answers them, and `tsc` (`make lint`)
// checks each side against these types. The core's types come from the Wasm package, whose
// declarations are written from the Rust types (src/contract.rs). Types only: not shipped.

import type { ErrorCode, PolicyError, Snapshot, Verdict } from "./pkg/core/zorgvuldig.js";

/** A message to the background. */
export type BackgroundMessage =
  | { type: "policy" }
  | { type: "analyze"; snapshot: Snapshot }
  | { type: "status"; state: BadgeState; issues?: number }
  | { type: "decision"; entry: AuditEntry }
  | { type: "diagnosis"; reports: PageReport[] }
  | { type: "diagnose-tabs" }
  /** A file the user attached: its name and its bytes in base64 (content/files.js). */
  | { type: "extract"; name: string; data: string };

/** The background's answer to a request: a failure, or the answer for its type. */
export type Reply<R extends BackgroundMessage = BackgroundMessage> = Failure | Answer<R>;

/** The answer to a request that did not fail. */
export type Answer<R extends BackgroundMessage> = R extends { type: "policy" } ? PolicyReply
  : R extends { type: "analyze" } ? { ok: true; verdict: Verdict }
  : R extends { type: "diagnose-tabs" } ? { ok: true; reports: PageReport[] }
  : R extends { type: "extract" } ? { ok: true } & AttachmentContent
  : { ok: true };

/** What is inside an attached file, as the snapshot's attachment carries it (the extractors'
 *  answer, extract/src/wasm.rs). */
export type AttachmentContent = { texts: string[]; pages?: number[]; unreadable?: string };

/** The effective policy: compiled by the core, or, with the core down, the few keys the page needs. */
export type PolicyReply =
  | { ok: true; core: true; policy: EffectivePolicy; errors: PolicyError[]; version: string }
  | { ok: true; core: false; error: Failure["error"] | null; policy: EffectivePolicy; errors: [] };

/** The keys of the effective policy the pages read (the core's `Policy` has them all). */
export type EffectivePolicy = {
  language: "nl" | "en";
  failMode: "ask" | "block";
  webmailHosts: string[];
  adapterSelectors: Record<string, Record<string, string[]>>;
  webmailAdapters: Record<string, string>;
  [key: string]: unknown;
};

export type Failure = { ok: false; error: { code: FailureCode; message: string } };

/** The core's own codes, and the background's: the core could not start; a message it does not know. */
export type FailureCode = ErrorCode | "core-unavailable" | "unknown-message";

/** The toolbar badge of a tab. */
export type BadgeState = "active" | "issues" | "inactive";

/** One audit-log entry: metadata only, never text or addresses from the mail. */
export type AuditEntry = {
  host: string;
  adapter?: string;
  action: Verdict["action"] | "error";
  intendedAction?: Verdict["intendedAction"];
  enforcement?: "report";
  rules: Verdict["findings"][number]["rule"][];
  recipientDomains: string[];
  choice: string;
  justification?: string;
  failure?: string;
};

/** The page check of one tab (Ctrl+Alt+Shift+D, or the options page's `diagnose` to each tab). */
export type PageReport = { host: string; adapter: string | null; [part: string]: unknown };
