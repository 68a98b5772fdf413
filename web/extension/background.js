// The background (a service worker in Chrome and Edge, an event page in Firefox; either is stopped
// when idle and started again for the next message): runs the Rust core (WebAssembly is blocked in
// content scripts by page CSPs), keeps the organisation's policy, and answers the content scripts'
// messages.
// It also keeps the toolbar badge per tab and the local audit log. It makes no network requests:
// the only thing it fetches is its own locale file (a chrome-extension:// URL, see badgeTexts).
//
// Messages (content script → here), each answered with {ok: true, ...} or {ok: false, error}; their
// types are in protocol.d.ts, shared with content/main.js:
//   {type: "policy"}                         → {policy, errors, core}: the effective policy;
//                                              core is false (and error set) when the core could
//                                              not start: the policy is then read without it, so
//                                              the page still knows its webmail hosts and failMode
//   {type: "analyze", snapshot}              → {verdict}, or {ok: false} when the core is down
//   {type: "status", state, issues}          → {}: badge for the sender's tab
//   {type: "decision", entry}                → {}: one audit-log entry (metadata only)
//   {type: "diagnosis", reports}             → {}: a page check (Ctrl+Alt+Shift+D), kept for the
//                                              options page (`diagnosis` in local storage)
//   {type: "diagnose-tabs"} (options page)   → {reports}: the page check of every open webmail tab
//   {type: "extract", name, data}            → {texts, pages, unreadable}: what is inside a file
//                                              the user attached (data: its bytes in base64);
//                                              see readAttachment
//
// Language: the policy's `language` forces one; otherwise the browser's UI language decides
// (English UI → "en", anything else → "nl", the default). The engine is compiled from the policy
// with that language filled in, so the core's messages, the dialog around them and the badge all
// speak the same language. One engine is enough: the UI language does not change while the
// browser runs, so a second engine for the other language would never be used.

import init, { Engine, version } from "./pkg/core/zorgvuldig.js";
import initExtract, { extract } from "./pkg/extract/zorgvuldig_extract.js";
import { compilable, currentPolicy, languageOf } from "./policy-source.js";

/** @typedef {import("./protocol.js").BackgroundMessage} BackgroundMessage */
/** @typedef {import("./protocol.js").Reply} Reply */
/** @typedef {import("./protocol.js").Failure} Failure */
/** @typedef {import("./protocol.js").EffectivePolicy} EffectivePolicy */

/** Entries kept in the audit log; older ones are dropped first. */
const AUDIT_LIMIT = 1000;
/** A justification longer than this is cut in the log (it is the user's own words, not the mail). */
const JUSTIFICATION_LIMIT = 500;
/** Attachments' outcomes kept by the SHA-256 of their bytes (a file attached again, in another
 *  compose window or after "Terug naar bericht", is not read twice); the oldest go first. */
const EXTRACTED_LIMIT = 32;

let engine = null;
/** @type {Failure["error"] | null} */
let coreError = null;
/** The policy as given (managed or cached), for when the core is down. */
let rawPolicy = {};
/** The policy the engine was compiled from, as JSON, to notice a newer one. */
let compiledFrom = null;

/** What the page needs when the core is down: where to guard and what a send does then. The
 *  core normally validates these; here only the few keys the content script reads are taken.
 *  @returns {EffectivePolicy} */
function fallbackPolicy(policy) {
  const strings = (value) => (Array.isArray(value) ? value.filter((v) => typeof v === "string") : []);
  return {
    language: languageOf(policy),
    failMode: policy?.failMode === "block" ? "block" : "ask",
    webmailHosts: strings(policy?.webmailHosts),
    adapterSelectors: policy?.adapterSelectors && typeof policy.adapterSelectors === "object" ? policy.adapterSelectors : {},
    webmailAdapters: policy?.webmailAdapters && typeof policy.webmailAdapters === "object" ? policy.webmailAdapters : {},
  };
}

/** Reads the policy and compiles the engine from it. After a service-worker restart the first
 *  check waits for this, so the core's module loads while the policy is read, and the toolbar
 *  badge is set after, not before. */
async function loadEngine() {
  const core = init();
  core.catch(() => {}); // handled below, after the policy is read
  let policy;
  try {
    ({ policy } = await currentPolicy({ remember: true }));
  } catch {
    policy = undefined;
  }
  rawPolicy = policy ?? {};
  compiledFrom = JSON.stringify(policy ?? null);
  try {
    await core;
    const next = new Engine(compilable(policy));
    engine?.free();
    engine = next;
    coreError = null;
  } catch (error) {
    engine = null;
    coreError = { code: "core-unavailable", message: String(error?.message ?? error) };
    console.error("zorgvuldig: the core could not start", coreError.message);
  }
  // The toolbar for tabs without a compose window: no badge while the core runs (a webmail page
  // sets its own per tab); without a core no tab is protected, so every tab says so.
  setGlobalBadge().catch(() => {});
}

let ready = loadEngine();

chrome.storage.onChanged.addListener((changes, area) => {
  if (area === "managed") ready = loadEngine();
});

const BADGE = {
  active: { text: "✓", color: "#15803d" },
  issues: { color: "#b45309" },
  inactive: { text: "!", color: "#b91c1c" },
};

/** The extension's own locale texts for a language (from _locales, so chrome.i18n and the badge
 *  agree); falls back to chrome.i18n, which follows the browser's UI language. */
const localeFiles = new Map();
async function badgeTexts(language) {
  if (!localeFiles.has(language)) {
    localeFiles.set(
      language,
      fetch(chrome.runtime.getURL(`_locales/${language}/messages.json`))
        .then((response) => response.json())
        .catch(() => null),
    );
  }
  const messages = await localeFiles.get(language);
  return (name, substitution) => {
    const text = messages?.[name]?.message;
    if (!text) return chrome.i18n.getMessage(name, substitution === undefined ? undefined : [String(substitution)]);
    return substitution === undefined ? text : text.replace(/\$[A-Za-z_]+\$|\$1/g, String(substitution));
  };
}

async function setBadge(tabId, state, issues, language = languageOf(rawPolicy)) {
  const look = BADGE[state] ?? BADGE.inactive;
  const shown = BADGE[state] ? state : "inactive";
  const text = shown === "issues" ? String(Math.min(issues, 99)) : look.text;
  const target = tabId === undefined ? {} : { tabId };
  const message = await badgeTexts(language);
  const title =
    shown === "active"
      ? message("badgeActive")
      : shown === "issues"
        ? message(issues === 1 ? "badgeIssuesOne" : "badgeIssuesMany", issues)
        : message(coreError ? "badgeCoreDown" : "badgeInactive");
  await chrome.action.setBadgeText({ ...target, text });
  await chrome.action.setBadgeBackgroundColor({ ...target, color: look.color });
  await chrome.action.setBadgeTextColor?.({ ...target, color: "#ffffff" });
  await chrome.action.setTitle({ ...target, title });
}

async function setGlobalBadge() {
  if (!engine) return setBadge(undefined, "inactive", 0);
  const message = await badgeTexts(languageOf(rawPolicy));
  await chrome.action.setBadgeText({ text: "" });
  await chrome.action.setTitle({ title: message("actionTitle") });
}

/**
 * Adds a decision to the audit log. When the log cannot be written (the extension's storage is
 * full), the gap is counted in session storage, which has its own room, and the options page
 * shows it: an administrator must know the log is incomplete. The send decision itself stands.
 */
async function appendAudit(entry) {
  const time = new Date().toISOString();
  try {
    const { audit = [] } = /** @type {{audit?: object[]}} */ (await chrome.storage.local.get("audit"));
    const clean = { ...entry, time };
    if (typeof clean.justification === "string") clean.justification = clean.justification.slice(0, JUSTIFICATION_LIMIT);
    audit.push(clean);
    await chrome.storage.local.set({ audit: audit.slice(-AUDIT_LIMIT) });
  } catch (error) {
    console.warn("zorgvuldig: a decision could not be written to the audit log", String(error?.message ?? error));
    const { auditLost = 0 } = /** @type {{auditLost?: number}} */ (
      (await chrome.storage.session?.get("auditLost").catch(() => ({}))) ?? {}
    );
    await chrome.storage.session?.set({ auditLost: auditLost + 1, auditLostAt: time }).catch(() => {});
    throw error;
  }
}

/** The extractors' Wasm module (web/pkg/extract, built by `make wasm-extract`), compiled when the
 *  first attachment arrives, not when the worker starts: most checks have no file. */
let extractReady = null;
/** SHA-256 (hex) of a file's bytes → its outcome. In memory only: a restarted worker reads a
 *  file again; the page keeps the outcomes it was given. */
const extracted = new Map();

/**
 * What is inside an attached file, in the snapshot's terms: `texts` (one per PDF page, one for
 * another document), `pages` (for a PDF) and `unreadable` (why not all of it could be read). The
 * bytes stay in this worker, and neither they nor the text are logged. Reading happens here, not
 * in an offscreen document: the same code runs in Firefox's event page, and the page keeps the
 * outcome, so a worker stopped afterwards loses only this cache (docs/attachments.md).
 */
async function readAttachment(name, data) {
  const raw = atob(data);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  const digest = [...new Uint8Array(await crypto.subtle.digest("SHA-256", bytes))].map((b) => b.toString(16).padStart(2, "0")).join("");
  const known = extracted.get(digest);
  if (known) return known;
  extractReady ??= initExtract().catch((error) => {
    extractReady = null; // the next file tries again
    throw error;
  });
  await extractReady;
  const outcome = extract(String(name ?? ""), bytes) ?? { texts: [], unreadable: "damaged" };
  extracted.set(digest, outcome);
  while (extracted.size > EXTRACTED_LIMIT) extracted.delete(extracted.keys().next().value);
  return outcome;
}

/** @param {BackgroundMessage} message @param {chrome.runtime.MessageSender} sender
 *  @returns {Promise<Reply>} */
async function handle(message, sender) {
  // Reading a file needs neither the core nor the policy.
  if (message?.type === "extract") return { ok: true, ...(await readAttachment(message.name, message.data)) };
  await ready;
  switch (message?.type) {
    case "policy": {
      // A page asks once when it loads: compile again if the managed policy changed and the
      // onChanged event has not reached this worker yet.
      const { policy } = await currentPolicy().catch(() => ({ policy: undefined }));
      if (JSON.stringify(policy ?? null) !== compiledFrom) await (ready = loadEngine());
      if (!engine) return { ok: true, core: false, error: coreError, policy: fallbackPolicy(rawPolicy), errors: [] };
      return { ok: true, core: true, policy: engine.effectivePolicy(), errors: engine.policyErrors(), version: version() };
    }
    case "analyze": {
      if (!engine) return { ok: false, error: coreError };
      try {
        return { ok: true, verdict: engine.analyze(message.snapshot) };
      } catch (error) {
        return { ok: false, error: { code: error?.code ?? "internal", message: String(error?.message ?? error) } };
      }
    }
    case "status":
      if (sender.tab?.id !== undefined) await setBadge(sender.tab.id, message.state, message.issues ?? 0);
      return { ok: true };
    case "decision":
      await appendAudit(message.entry);
      return { ok: true };
    case "diagnosis":
      // Ctrl+Alt+Shift+D on a webmail page: the page check, kept for the options page.
      await chrome.storage.local.set({ diagnosis: { time: new Date().toISOString(), reports: message.reports } });
      return { ok: true };
    case "diagnose-tabs": {
      // The options page's page check: every tab whose content script has a webmail adapter answers.
      const tabs = await chrome.tabs.query({});
      const answers = await Promise.all(tabs.map((tab) => chrome.tabs.sendMessage(tab.id, { type: "diagnose" }).catch(() => null)));
      const reports = answers.filter((answer) => answer?.ok).map((answer) => answer.report);
      await chrome.storage.local.set({ diagnosis: { time: new Date().toISOString(), reports } });
      return { ok: true, reports };
    }
    default:
      return {
        ok: false,
        error: { code: "unknown-message", message: `unknown message type ${/** @type {{type?: unknown}} */ (message)?.type}` },
      };
  }
}

chrome.runtime.onMessage.addListener((message, sender, respond) => {
  handle(message, sender).then(respond, (error) =>
    respond({ ok: false, error: { code: "internal", message: String(error?.message ?? error) } }),
  );
  return true;
});
