// The Outlook add-in: Outlook's own send hook (Smart Alerts, `OnMessageSend`) reads the message
// through Office.js, this file builds the same compose snapshot the browser extension sends, runs
// the same Rust core on it, and tells Outlook what to do with the send. `scripts/build-outlook.mjs`
// bundles it with the core (the .wasm inlined, and its pure-JavaScript translation for a runtime
// without WebAssembly) and the organisation's policy into one classic script without imports, as
// classic Outlook on Windows requires (docs/outlook.md; deployment: docs/admin.md, section 7).
//
// Outlook calls two functions by the names in the manifest:
//   onMessageSendHandler(event)  every Send: allow at once, or hold it with a message (block: the
//                                user must change the message; warn: Outlook's "Send Anyway")
//   applyFixes(event)            the dialog's Take Action button (and the ribbon button): applies
//                                the core's fixes (successor address, encryption marker) to the
//                                message as it is now
//
// Unknown is never clean: a recipient without an SMTP address goes to the core as unreadable
// (rule `unresolved-recipient`); a part of the message that cannot be read, or a core that does
// not load or answer, holds the send with a message, and the policy's failMode decides whether
// Send Anyway is offered. Nothing leaves the runtime: no network requests, no storage.

import init, { Engine } from "./core.js";
import { POLICY } from "zorgvuldig:policy";
import { texts } from "./strings.js";
import { composeAlert, fixesOf } from "./alert.js";

/** The Outlook items a snapshot is read from, per recipient field of the core. */
const RECIPIENT_FIELDS = ["to", "cc", "bcc"];

let engines = null; // language → Engine, once the core has loaded
let loading = null;

/** The language every message is in: the policy's, else Outlook's display language. */
function language() {
  if (POLICY.language === "nl" || POLICY.language === "en") return POLICY.language;
  const display = String(Office.context?.displayLanguage ?? "").toLowerCase();
  return display.startsWith("en") ? "en" : "nl";
}

/** The engine for the current language; loads the core the first time (it rejects when the core
 *  cannot load). */
async function engine() {
  if (!engines) {
    loading =
      loading ??
      init().then(() => {
        engines = new Map();
      });
    try {
      await loading;
    } catch (error) {
      loading = null;
      throw error;
    }
  }
  const lang = language();
  if (!engines.has(lang)) engines.set(lang, new Engine(Object.assign({}, POLICY, { language: lang })));
  return engines.get(lang);
}

/** Office.js's callback style as a promise; a failed call rejects with the part that failed. */
function call(what, start) {
  return new Promise((resolve, reject) => {
    start((result) => {
      if (result?.status === Office.AsyncResultStatus.Succeeded) resolve(result.value);
      else reject(Object.assign(new Error(`${what}: ${result?.error?.message ?? "failed"}`), { part: what }));
    });
  });
}

/** A recipient as the core reads it: `"Name" <address>`. A recipient without an SMTP address
 *  (an Exchange `/o=ExchangeLabs/...` address, an entry typed but never resolved) keeps what
 *  Outlook gave, which the core reports as `unresolved-recipient`. */
function recipientEntry({ displayName = "", emailAddress = "" } = {}) {
  const name = String(displayName ?? "").trim();
  const address = String(emailAddress ?? "").trim();
  const quoted = `"${name.replace(/["\\]/g, "\\$&")}"`;
  if (!address) return name ? quoted : "";
  if (!name || name.toLowerCase() === address.toLowerCase()) return `<${address}>`;
  return `${quoted} <${address}>`;
}

/** The compose snapshot of the message being sent. Rejects when any part cannot be read. */
async function readSnapshot(item) {
  const [to, cc, bcc, subject, body, attachments, from] = await Promise.all([
    ...RECIPIENT_FIELDS.map((field) => call(field, (done) => item[field].getAsync(done))),
    call("subject", (done) => item.subject.getAsync(done)),
    call("body", (done) => item.body.getAsync(Office.CoercionType.Text, done)),
    // Names and sizes; the content of each file (getAttachmentContentAsync) is for the core's
    // attachment reader once the snapshot carries attachment text.
    call("attachments", (done) => item.getAttachmentsAsync(done)),
    // The sender is never a recipient; a mailbox that cannot say who it is still sends.
    item.from ? call("from", (done) => item.from.getAsync(done)).catch(() => null) : null,
  ]);
  const entries = (list) => (list ?? []).map(recipientEntry);
  return {
    from: from?.emailAddress ?? "",
    to: entries(to),
    cc: entries(cc),
    bcc: entries(bcc),
    subject: subject ?? "",
    body: body ?? "",
    attachments: (attachments ?? []).map((a) => ({ name: String(a.name ?? ""), size: Number(a.size) || 0 })),
  };
}

/** What the policy's failMode says about a send the core could not check. */
function failMode() {
  return POLICY.failMode === "block" ? "block" : "ask";
}

/** A line in the console where there is one: which part failed (a field, or the core's error
 *  code or name), never an error's text, which could quote the message. */
function log(what, error) {
  if (typeof console === "object" && console)
    console.error(`zorgvuldig: ${what}:`, String(error?.part ?? error?.code ?? error?.name ?? "error"));
}

/** Handles one Send: exactly one `event.completed` call, whatever happens. */
async function onMessageSendHandler(event) {
  const promptUser = Office.MailboxEnums.SendModeOverride.PromptUser;
  let options;
  try {
    const verdict = (await engine()).analyze(await readSnapshot(Office.context.mailbox.item));
    options = composeAlert({ verdict, language: language(), promptUser });
  } catch (error) {
    log("the message could not be checked", error);
    options = composeAlert({ failure: { blocked: failMode() === "block", part: error?.part }, language: language(), promptUser });
  }
  event.completed(options);
}

/** Applies one fix to the message. */
async function applyFix(item, fix) {
  if (fix.kind === "add-subject-marker") {
    const subject = await call("subject", (done) => item.subject.getAsync(done));
    if (!subject.includes(fix.marker)) await call("subject", (done) => item.subject.setAsync(`${fix.marker} ${subject}`.trim(), done));
    return;
  }
  if (!RECIPIENT_FIELDS.includes(fix.field)) return;
  const field = item[fix.field];
  const current = await call(fix.field, (done) => field.getAsync(done));
  const target = String(fix.recipient ?? "").toLowerCase();
  const next = [];
  for (const recipient of current) {
    const matches = String(recipient.emailAddress ?? "").toLowerCase() === target;
    if (!matches) next.push({ displayName: recipient.displayName, emailAddress: recipient.emailAddress });
    else if (fix.kind === "replace-recipient" && fix.replacement)
      next.push({ displayName: recipient.displayName, emailAddress: fix.replacement });
  }
  // Replacing a whole field is how Office.js changes one recipient; a duplicate is kept out.
  const seen = new Set();
  const unique = next.filter((r) => {
    const key = String(r.emailAddress).toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  await call(fix.field, (done) => field.setAsync(unique, done));
}

/** The Take Action button: checks the message as it is now and applies the fixes the core
 *  offers. The next Send checks the changed message again. */
async function applyFixes(event) {
  const item = Office.context.mailbox.item;
  try {
    const verdict = (await engine()).analyze(await readSnapshot(item));
    for (const fix of fixesOf(verdict)) await applyFix(item, fix);
  } catch (error) {
    log("a fix could not be applied", error);
    const t = texts(language());
    await call("notification", (done) =>
      item.notificationMessages.replaceAsync(
        "zorgvuldig",
        {
          type: Office.MailboxEnums.ItemNotificationMessageType.ErrorMessage,
          message: t.fixFailed,
        },
        done,
      ),
    ).catch(() => {});
  }
  event.completed();
}

Office.actions.associate("onMessageSendHandler", onMessageSendHandler);
Office.actions.associate("applyFixes", applyFixes);
