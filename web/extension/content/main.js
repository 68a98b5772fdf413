// The content script's entry point: finds the page's webmail adapter, starts the send guard at
// document_start, analyses compose windows while the user types, and keeps the indicator and the
// toolbar badge up to date. Message text goes only to the extension's own service worker. Files
// the user attaches are read there too (files.js); while one is read, the indicator says so.
//
// Failure is visible, never silent: when the core cannot start, the service worker does not
// answer, or the extension was reloaded or updated under this page ("Extension context
// invalidated"), the indicator says protection is not active, the badge shows "!", and at Send
// the guard's fail mode applies (policy `failMode`: ask, the default, or block). A compose window
// whose recipients, body or send control cannot be found stays "not active" whatever a later
// check says.
//
// Ctrl+Alt+Shift+D, or the options page's page check, reports how the adapter fits the page
// (which selectors found what; no text or address from the page).
//
// A same-origin frame (an editor iframe, a toolbar, a frame written by the page) is guarded by the
// page that holds it, which listens in it and reads it as part of its compose window; the
// content script in such a frame does nothing of its own.
/** @typedef {import("../protocol.js").BackgroundMessage} BackgroundMessage */
/** @template {BackgroundMessage} R @typedef {import("../protocol.js").Answer<R>} Answer */
(function (root) {
  const z = root.zorgvuldig;
  const guardedByParent = (() => {
    try {
      return root.frameElement !== null && root.parent !== root.self;
    } catch {
      return false; // a cross-origin parent: this frame guards itself
    }
  })();
  if (guardedByParent) return;
  const TYPING_PAUSE_MS = 300;
  const POLICY_RETRY_MS = 1000;
  const NO_ANSWER_RETRY_MS = 100;

  let policy = null; // the effective policy, from the service worker
  let failure = null; // why protection is not active: "core" | "context" | "adapter" | null
  // Known webmail hosts are guarded from document_start; hosts the policy lists, as soon as
  // managed storage answers (listedHosts below), before the compiled policy has arrived.
  let adapter = z.knownHost(location) ? z.adapterFor(location, null) : null;
  let indicator = null;
  const timers = new WeakMap();

  const language = () => policy?.language ?? z.languageOf(navigator.language);

  /** Whether this content script still belongs to a loaded extension. */
  const connected = () => {
    try {
      return Boolean(chrome.runtime?.id);
    } catch {
      return false;
    }
  };

  /** Sends a message to the service worker. A worker stopped while it answered (Chromium stops
   *  idle workers, and may stop one under memory pressure) is asked once more, which starts a new
   *  one; after a reload of the extension, that second try finds the context gone.
   *  @template {BackgroundMessage} R @param {R} message @returns {Promise<Answer<R>>} */
  async function send(message) {
    try {
      return await ask(message);
    } catch (error) {
      if (error.code !== "no-answer") throw error;
      await new Promise((resolve) => setTimeout(resolve, NO_ANSWER_RETRY_MS));
      return ask(message);
    }
  }

  /** @template {BackgroundMessage} R @param {R} message @returns {Promise<Answer<R>>} */
  function ask(message) {
    return new Promise((resolve, reject) => {
      const invalidated = () => Object.assign(new Error("Extension context invalidated"), { code: "context-invalidated" });
      if (!connected()) return reject(invalidated());
      try {
        chrome.runtime.sendMessage(message, (reply) => {
          const lastError = chrome.runtime?.lastError;
          if (!connected()) reject(invalidated());
          else if (lastError || !reply) reject(Object.assign(new Error(lastError?.message ?? "no answer"), { code: "no-answer" }));
          else if (!reply.ok) reject(Object.assign(new Error(reply.error?.message ?? "error"), { code: reply.error?.code }));
          else resolve(reply);
        });
      } catch (error) {
        // The extension was reloaded or removed: "Extension context invalidated".
        reject(connected() ? error : invalidated());
      }
    });
  }

  function status(state, issues = 0) {
    send({ type: "status", state, issues }).catch(() => {});
  }

  function showState(state, verdict) {
    indicator ??= z.createIndicator({ corner: adapter?.indicatorCorner });
    indicator.update({ state, verdict, language: language(), reason: state === "inactive" ? (failure ?? "adapter") : null });
    const issues = z.decision.holdingFindings(verdict).length;
    status(state === "issues" && issues ? "issues" : state === "inactive" ? "inactive" : "active", issues);
  }

  /** Why a failed check failed, for the indicator and the dialog. */
  const reasonOf = (error) => (error?.code === "context-invalidated" || !connected() ? "context" : "core");

  const files = z.createFiles({
    active: () => Boolean(adapter),
    read: async (name, data) => {
      const { texts, pages, unreadable } = await send({ type: "extract", name, data });
      return { texts, pages, unreadable };
    },
    onChange: () => {
      // A file started or finished being read: the compose windows are checked again (a check
      // waits for the reading), and the indicator says a file is being read meanwhile.
      if (!adapter) return;
      if (files.busy() && !failure) showState("reading", null);
      for (const compose of adapter.composes()) scheduleCheck(compose);
    },
  });

  const guard = z.createGuard({
    adapter: () => adapter,
    complete: (snapshot) => files.complete(snapshot),
    analyze: async (snapshot) => (await send({ type: "analyze", snapshot })).verdict,
    settings: () => ({ language: language(), failMode: policy?.failMode ?? "ask" }),
    record: (entry) => send({ type: "decision", entry }).catch(() => {}),
    connected,
    onInput: (compose) => scheduleCheck(compose),
    onFrame: () => surveySoon(),
    onVerdict: (compose, verdict, error) => {
      if (adapter?.missing(compose).length) {
        failure = "adapter"; // not everything can be read: never shown as protected
        showState("inactive", null);
        return;
      }
      failure = verdict ? null : reasonOf(error);
      showState(verdict ? "issues" : "inactive", verdict);
    },
  });

  /** Analyse after a pause in typing, so the verdict is ready when Send is pressed. */
  function scheduleCheck(compose) {
    clearTimeout(timers.get(compose));
    timers.set(
      compose,
      setTimeout(() => guard.refresh(compose), TYPING_PAUSE_MS),
    );
  }

  /** Looks at the compose windows on the page: checks each, or says protection is not active. */
  function survey() {
    if (!adapter) return;
    // Same-origin frames (a compose window written into one) are watched like the page.
    for (const view of z.dom.frameWindows(document)) {
      pageChanges.observe(view.document, { childList: true, subtree: true });
      files.watch(view);
    }
    const composes = adapter.composes();
    if (!composes.length) {
      indicator?.remove();
      indicator = null;
      return;
    }
    for (const compose of composes) {
      if (adapter.missing(compose).length) {
        failure = "adapter";
        showState("inactive", null);
        return;
      }
      if (!timers.has(compose)) scheduleCheck(compose);
    }
  }

  /** The policy from the service worker; when it does not answer, the last good policy it kept. */
  async function fetchPolicy() {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const reply = await send({ type: "policy" });
        return { policy: reply.policy, core: reply.core !== false };
      } catch (error) {
        if (!connected()) break;
        await new Promise((resolve) => setTimeout(resolve, POLICY_RETRY_MS));
      }
    }
    let cached = null;
    try {
      cached = connected() ? ((await chrome.storage.local.get("lastGoodPolicy")).lastGoodPolicy ?? null) : null;
    } catch {
      cached = null;
    }
    return { policy: cached, core: false };
  }

  let watching = false;
  /** Compose windows come and go: the page is looked at again after a pause in its changes. */
  const surveySoon = () => {
    clearTimeout(timers.get(document));
    timers.set(document, setTimeout(survey, TYPING_PAUSE_MS));
  };
  const pageChanges = new MutationObserver(surveySoon);

  /** Takes a (new) policy: picks the adapter and, the first time there is one, starts watching
   *  the page. A policy that arrives late (a fresh force-install first sees an empty managed
   *  policy) can still make this page a webmail page. */
  async function applyPolicy() {
    const { policy: found, core } = await fetchPolicy();
    policy = found;
    failure = core ? null : connected() ? "core" : "context";
    adapter = z.adapterFor(location, policy) ?? adapter;
    if (!adapter) return;
    if (!watching) {
      watching = true;
      pageChanges.observe(document.documentElement, { childList: true, subtree: true });
    }
    survey();
    if (!core) showState("inactive", null);
  }

  /** The webmail hosts the organisation lists (and the adapters it names for hosts), read straight
   *  from managed storage (else the last good copy), so that a listed host is guarded from the
   *  page's start: the service worker may be starting, or busy, and send its compiled policy only
   *  later. */
  async function listedHosts() {
    const hostsOf = (policy) => ({
      webmailHosts: Array.isArray(policy?.webmailHosts) ? policy.webmailHosts.filter((h) => typeof h === "string") : [],
      webmailAdapters: policy?.webmailAdapters && typeof policy.webmailAdapters === "object" ? policy.webmailAdapters : {},
    });
    const listsAny = (hosts) => hosts.webmailHosts.length > 0 || Object.keys(hosts.webmailAdapters).length > 0;
    try {
      const managed = hostsOf(await chrome.storage.managed.get(["webmailHosts", "webmailAdapters"]));
      if (listsAny(managed)) return managed;
    } catch {
      // no managed storage: the last good copy, if any
    }
    try {
      return hostsOf((await chrome.storage.local.get("lastGoodPolicy")).lastGoodPolicy);
    } catch {
      return hostsOf(null);
    }
  }

  if (connected()) {
    // A host the policy names an adapter for gets it from the start, also a built-in host.
    listedHosts().then((hosts) => {
      if (!policy && (!adapter || z.namedAdapter(location, hosts))) adapter = z.adapterFor(location, hosts) ?? adapter;
    });
  }

  const start = () => applyPolicy();

  /** The page check for administrators: how the adapter fits this page (metadata only). */
  const diagnosis = () => ({
    host: location.host,
    ...(adapter?.diagnose() ?? { adapter: null, compose: { selector: null, count: 0 }, windows: [] }),
  });

  // Ctrl+Alt+Shift+D on a webmail page: the page check, kept for the options page.
  document.addEventListener(
    "keydown",
    (event) => {
      if (!(event.ctrlKey && event.altKey && event.shiftKey && event.code === "KeyD")) return;
      event.preventDefault();
      send({ type: "diagnosis", reports: [diagnosis()] }).catch(() => {});
    },
    true,
  );
  // The options page asks every tab.
  chrome.runtime.onMessage?.addListener((message, sender, respond) => {
    if (message?.type !== "diagnose" || !adapter) return false;
    respond({ ok: true, report: diagnosis() });
    return false;
  });

  chrome.storage?.onChanged?.addListener((changes, area) => {
    if (area !== "managed") return;
    guard.forget();
    for (const compose of adapter?.composes() ?? []) timers.delete(compose);
    // Once the service worker has compiled the new policy, verdicts it gave in the meantime
    // (still from the old engine) are dropped too.
    applyPolicy().then(() => guard.forget());
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start, { once: true });
  else start();
})(globalThis);
