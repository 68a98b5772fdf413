// The service worker: runs the Rust core (WebAssembly is blocked in content scripts by page CSPs,
// DESIGN.md §2), keeps the organisation's policy, and answers the content scripts' messages.
// It also keeps the toolbar badge per tab and the local audit log. It makes no network requests.
//
// Messages (content script → here), each answered with {ok: true, ...} or {ok: false, error}:
//   {type: "policy"}                         → {policy, errors}: the effective policy
//   {type: "analyze", snapshot}              → {verdict}
//   {type: "status", state, issues}          → {}: badge for the sender's tab
//   {type: "decision", entry}                → {}: one audit-log entry (metadata only)

import init, { Engine, version } from "./pkg/zorgvuldig.js";

/** Entries kept in the audit log; older ones are dropped first. */
const AUDIT_LIMIT = 1000;

let engine = null;
let coreError = null;

/** The policy to compile: managed storage, or the last good managed policy while a fresh
 *  force-install still sees an empty `{}` (DESIGN.md §2). */
async function currentPolicy() {
  let managed = {};
  try {
    managed = (await chrome.storage.managed.get(null)) ?? {};
  } catch {
    // No managed storage (an unpacked extension without policy): the defaults apply.
  }
  if (Object.keys(managed).length > 0) {
    await chrome.storage.local.set({ lastGoodPolicy: managed });
    return { policy: managed, source: "managed" };
  }
  const { lastGoodPolicy } = await chrome.storage.local.get("lastGoodPolicy");
  if (lastGoodPolicy) return { policy: lastGoodPolicy, source: "cached" };
  return { policy: undefined, source: "default" };
}

async function loadEngine() {
  try {
    await init();
    const { policy } = await currentPolicy();
    const next = new Engine(policy);
    engine?.free();
    engine = next;
    coreError = null;
  } catch (error) {
    engine = null;
    coreError = { code: "core-unavailable", message: String(error?.message ?? error) };
    console.error("zorgvuldig: the core could not start", coreError.message);
  }
}

let ready = loadEngine();

chrome.storage.onChanged.addListener((changes, area) => {
  if (area === "managed") ready = loadEngine();
});

const BADGE = {
  active: { text: "", color: "#1e4a8c" },
  issues: { color: "#b45309" },
  inactive: { text: "!", color: "#b91c1c" },
};

async function setBadge(tabId, state, issues) {
  if (tabId === undefined) return;
  const look = BADGE[state] ?? BADGE.inactive;
  const text = state === "issues" ? String(Math.min(issues, 99)) : look.text;
  await chrome.action.setBadgeText({ tabId, text });
  await chrome.action.setBadgeBackgroundColor({ tabId, color: look.color });
  const title = chrome.i18n.getMessage("actionTitle");
  const states = { active: "actief", issues: `${issues} aandachtspunt(en)`, inactive: "niet actief" };
  await chrome.action.setTitle({ tabId, title: `${title}: ${states[state] ?? states.inactive}` });
}

async function appendAudit(entry) {
  const { audit = [] } = await chrome.storage.local.get("audit");
  audit.push({ ...entry, time: new Date().toISOString() });
  await chrome.storage.local.set({ audit: audit.slice(-AUDIT_LIMIT) });
}

async function handle(message, sender) {
  await ready;
  switch (message?.type) {
    case "policy": {
      if (!engine) return { ok: false, error: coreError };
      return { ok: true, policy: engine.effectivePolicy(), errors: engine.policyErrors(), version: version() };
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
      await setBadge(sender.tab?.id, message.state, message.issues ?? 0);
      return { ok: true };
    case "decision":
      await appendAudit(message.entry);
      return { ok: true };
    default:
      return { ok: false, error: { code: "unknown-message", message: `unknown message type ${message?.type}` } };
  }
}

chrome.runtime.onMessage.addListener((message, sender, respond) => {
  handle(message, sender).then(respond, (error) =>
    respond({ ok: false, error: { code: "internal", message: String(error?.message ?? error) } }),
  );
  return true;
});
