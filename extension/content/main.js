// The content script's entry point: finds the page's webmail adapter, starts the send guard at
// document_start, analyses compose windows while the user types, and keeps the indicator and the
// toolbar badge up to date. Message text goes only to the extension's own service worker.
(function (root) {
  const z = root.zorgvuldig;
  const TYPING_PAUSE_MS = 300;

  let policy = null; // the effective policy, from the service worker
  // Known webmail hosts are guarded from document_start, before the policy has arrived.
  let adapter = z.knownHost(location) ? z.adapterFor(location, null) : null;
  let indicator = null;
  const timers = new WeakMap();

  const language = () => policy?.language ?? (navigator.language?.startsWith("en") ? "en" : "nl");

  function send(message) {
    return new Promise((resolve, reject) => {
      try {
        chrome.runtime.sendMessage(message, (reply) => {
          if (chrome.runtime.lastError || !reply) reject(new Error(chrome.runtime.lastError?.message ?? "no answer"));
          else if (!reply.ok) reject(Object.assign(new Error(reply.error?.message ?? "error"), { code: reply.error?.code }));
          else resolve(reply);
        });
      } catch (error) {
        reject(error); // the extension was reloaded or removed: "Extension context invalidated"
      }
    });
  }

  function status(state, issues = 0) {
    send({ type: "status", state, issues }).catch(() => {});
  }

  function showState(state, verdict) {
    indicator ??= z.createIndicator();
    indicator.update({ state, verdict, language: language() });
    const issues = (verdict?.findings ?? []).filter((f) => f.severity === "block" || f.severity === "warn").length;
    status(state === "issues" && issues ? "issues" : state === "inactive" ? "inactive" : "active", issues);
  }

  const guard = z.createGuard({
    adapter: () => adapter,
    analyze: async (snapshot) => (await send({ type: "analyze", snapshot })).verdict,
    settings: () => ({ language: language(), failMode: policy?.failMode ?? "ask" }),
    record: (entry) => send({ type: "decision", entry }).catch(() => {}),
    onVerdict: (compose, verdict) => showState(verdict ? "issues" : "inactive", verdict),
  });

  /** Analyse after a pause in typing, so the verdict is ready when Send is pressed. */
  function scheduleCheck(compose) {
    clearTimeout(timers.get(compose));
    timers.set(compose, setTimeout(() => guard.refresh(compose), TYPING_PAUSE_MS));
  }

  function onEdit(event) {
    const compose = adapter?.composeOf(event.composedPath?.()[0] ?? event.target);
    if (compose) scheduleCheck(compose);
  }

  /** Looks at the compose windows on the page: checks each, or says protection is not active. */
  function survey() {
    if (!adapter) return;
    const composes = adapter.composes();
    if (!composes.length) {
      indicator?.remove();
      indicator = null;
      return;
    }
    for (const compose of composes) {
      if (!adapter.complete(compose)) {
        showState("inactive", null);
        return;
      }
      if (!timers.has(compose)) scheduleCheck(compose);
    }
  }

  async function start() {
    try {
      policy = (await send({ type: "policy" })).policy;
    } catch {
      policy = null; // the core is not available: the guard's fail mode applies at Send
    }
    adapter = z.adapterFor(location, policy);
    if (!adapter) return;
    for (const type of ["input", "change", "paste", "drop", "keyup"]) document.addEventListener(type, onEdit, true);
    new MutationObserver(() => {
      clearTimeout(timers.get(document));
      timers.set(document, setTimeout(survey, TYPING_PAUSE_MS));
    }).observe(document.documentElement, { childList: true, subtree: true });
    survey();
    if (!policy) showState("inactive", null);
  }

  chrome.storage?.onChanged?.addListener((changes, area) => {
    if (area !== "managed") return;
    guard.forget();
    send({ type: "policy" }).then((reply) => { policy = reply.policy; }, () => {});
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start, { once: true });
  else start();
})(globalThis);
