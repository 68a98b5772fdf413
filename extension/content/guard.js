// The send guard (DESIGN.md §2, after InboxSDK's "presending"): capture-phase listeners, from
// document_start, on every way a send starts — mousedown/mouseup/click on a send control,
// Enter/Space on a focused one, Ctrl/Cmd+Enter in a compose window. A send whose snapshot has a
// fresh clean verdict passes untouched. Otherwise it is stopped, analysed, and either replayed
// exactly once or shown in the warning. A send goes out only with a verdict for the draft as it
// is at that moment, under the current policy: when the draft or the policy changed while the
// core answered or while the warning was open, it is checked again first. While a decision is
// pending, further triggers are stopped; just after a send passes, a second trigger on the same
// compose window is stopped too, so a double click sends once. The draft is never changed
// without the user's action.
(function (root) {
  /** After a send went through, further triggers on the same compose are ignored this long. */
  const JUST_SENT_MS = 1500;
  /** How long the guard waits for the core before it treats the check as failed. */
  const ANALYSE_TIMEOUT_MS = 8000;

  /**
   * @param {object} options
   * @param {() => object|null} options.adapter   the page's adapter (null: not a webmail page)
   * @param {(snapshot) => Promise<object>} options.analyze  resolves to a verdict; rejects on failure
   * @param {() => object} options.settings       {language, failMode}
   * @param {(entry) => void} options.record      writes an audit entry (metadata only)
   * @param {() => boolean} options.connected   whether the extension is still there: after a
   *   reload or update this page's verdicts no longer count (the policy may have changed), so
   *   every Send asks the core, which fails visibly
   * @param {(compose, verdict, error) => void} options.onVerdict  a verdict while composing
   *   (indicator); verdict null and the error when the check could not run
   */
  function createGuard({ adapter, analyze, settings, record, onVerdict, connected = () => true }) {
    const cache = new Map(); // snapshot JSON → verdict
    const pending = new WeakSet(); // compose windows with a decision pending
    const justSent = new WeakMap(); // compose → time a send went through
    const gestures = new WeakMap(); // send control → "pass" | "held" for the current mouse gesture
    let replaying = false;
    let generation = 0; // counts policy changes: a verdict from before one is not kept

    const keyOf = (snapshot) => JSON.stringify(snapshot);
    const known = (key) => (connected() ? cache.get(key) : undefined);

    function remember(key, verdict) {
      cache.delete(key);
      cache.set(key, verdict);
      while (cache.size > 20) cache.delete(cache.keys().next().value);
    }

    function cleanVerdict(compose) {
      const verdict = known(keyOf(adapter().snapshot(compose)));
      return verdict?.action === "allow" ? verdict : null;
    }

    /** Whether `verdict` is still the one for the draft as it is now, under the current policy. */
    function fresh(compose, verdict) {
      return known(keyOf(adapter().snapshot(compose))) === verdict;
    }

    function stop(event) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }

    async function check(compose) {
      const snapshot = adapter().snapshot(compose);
      const key = keyOf(snapshot);
      const cached = known(key);
      if (cached) return cached;
      const asked = generation;
      const verdict = await Promise.race([
        analyze(snapshot),
        new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), ANALYSE_TIMEOUT_MS)),
      ]);
      if (asked === generation) remember(key, verdict);
      return verdict;
    }

    function auditEntry(verdict, choice, justification, failure) {
      const domains = (verdict?.findings ?? []).flatMap((f) => [f.recipient, ...(f.recipients ?? [])])
        .filter(Boolean).map((r) => r.split("@").pop().toLowerCase());
      const intended = verdict?.intendedAction;
      return {
        host: location.host,
        adapter: adapter()?.name,
        action: verdict?.action ?? "error",
        // Report-only mode: what enforcement would have done (the send was not interrupted).
        ...(intended && intended !== verdict.action ? { intendedAction: intended, enforcement: "report" } : {}),
        rules: [...new Set((verdict?.findings ?? []).map((f) => f.rule))],
        recipientDomains: [...new Set(domains)],
        choice,
        ...(justification ? { justification } : {}),
        ...(failure ? { failure } : {}),
      };
    }

    /** A send that goes through without a dialog is logged when the core found something
     *  (info findings, or in report mode what enforcement would have stopped). */
    function recordPass(verdict) {
      if (verdict?.findings?.length) record(auditEntry(verdict, "sent"));
    }

    /** Whether the webmail removed the compose window or the pressed send control while the mail
     *  was held. Then nothing is sent (never through another control than the one the user
     *  pressed: that could be "send" for "schedule send") and the user is told so. */
    function gone(compose, control, verdict) {
      if (compose.isConnected && control.isConnected) return false;
      record(auditEntry(verdict, "not-sent", undefined, "compose-gone"));
      root.zorgvuldig.showWarning({ language: settings().language, failure: { blocked: true, code: "compose-gone" } });
      return true;
    }

    /** Sends for real: replays the gesture on the control once, marked so the guard lets it by. */
    function replay(compose, control) {
      justSent.set(compose, Date.now());
      replaying = true;
      try {
        for (const type of ["mousedown", "mouseup", "click"]) {
          control.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, composed: true, view: window, button: 0 }));
        }
      } finally {
        replaying = false;
      }
    }

    async function decide(compose, control) {
      pending.add(compose);
      const release = () => pending.delete(compose);
      let verdict;
      try {
        // Typing, a recipient the webmail adds late or a new policy while the core answers: check
        // again until the verdict is for the draft as it is now.
        do verdict = await check(compose);
        while (!fresh(compose, verdict));
      } catch (error) {
        // The check could not run: never a silent pass. The policy's failMode decides whether the
        // user may send unchecked (ask, the default) or not at all (block).
        const { language, failMode } = settings();
        const blocked = failMode === "block";
        const code = error?.code ?? (String(error?.message) === "timeout" ? "timeout" : "core-unavailable");
        onVerdict(compose, null, error);
        root.zorgvuldig.showWarning({
          language,
          failure: { blocked, code, reason: String(error?.message ?? error) },
          onBack: () => { release(); record(auditEntry(null, "back", undefined, code)); },
          onSend: () => {
            release();
            if (gone(compose, control, null)) return;
            record(auditEntry(null, "sent-unchecked", undefined, code));
            replay(compose, control);
          },
        });
        return;
      }
      // The indicator shows what the warning shows (a send right after typing can beat the
      // check that runs after a pause).
      onVerdict(compose, verdict);
      if (verdict.action === "allow") {
        release();
        if (gone(compose, control, verdict)) return;
        recordPass(verdict);
        replay(compose, control);
        return;
      }
      let latest = verdict;
      root.zorgvuldig.showWarning({
        verdict,
        language: settings().language,
        onBack: () => { release(); record(auditEntry(latest, "back")); onVerdict(compose, latest); },
        onSend: (justification) => {
          if (gone(compose, control, latest)) {
            release();
            return;
          }
          // The draft or the policy changed behind the warning: the user decided on something
          // else, so it is checked again (a new warning, or a send when it is clean now).
          if (!fresh(compose, latest)) {
            decide(compose, control);
            return;
          }
          release();
          record(auditEntry(latest, latest.action === "allow" ? "sent-after-fix" : "override", justification));
          replay(compose, control);
        },
        onFix: async (fix) => {
          if (!adapter().applyFix(compose, fix)) return latest;
          record(auditEntry(latest, `fix:${fix.kind}`));
          try {
            latest = await check(compose);
          } catch {
            // The fix is made; the warning keeps the last verdict and the user decides.
          }
          onVerdict(compose, latest);
          return latest;
        },
      });
    }

    /** Whether this trigger must be stopped (and the decision started, when `start`). */
    function intercept(event, compose, control, start) {
      if (pending.has(compose) || Date.now() - (justSent.get(compose) ?? 0) < JUST_SENT_MS) {
        stop(event);
        return;
      }
      const clean = cleanVerdict(compose);
      if (clean) {
        if (start) {
          justSent.set(compose, Date.now());
          recordPass(clean);
        }
        return; // fresh and clean: the webmail sends as usual
      }
      stop(event);
      if (start) decide(compose, control);
    }

    function onMouse(event) {
      if (replaying || !adapter()) return;
      const hit = adapter().sendControlOf(event.target);
      if (!hit) return;
      const { control, compose } = hit;
      if (event.type === "mousedown") {
        // A second press just after a send (a fast double click) must not reach a button that
        // acts on mousedown/mouseup either.
        const blocked = pending.has(compose) || Date.now() - (justSent.get(compose) ?? 0) < JUST_SENT_MS || !cleanVerdict(compose);
        gestures.set(control, blocked ? "held" : "pass");
        if (blocked) stop(event);
      } else if (event.type === "mouseup") {
        // Webmails that send on mouseup (Gmail): the draft may have changed since mousedown.
        if (gestures.get(control) !== "pass" || !cleanVerdict(compose)) stop(event);
      } else {
        gestures.delete(control);
        intercept(event, compose, control, true);
      }
    }

    function onKey(event) {
      if (replaying || !adapter() || event.repeat) return;
      const target = event.composedPath?.()[0] ?? event.target;
      const sendKeys = event.key === "Enter" && (event.ctrlKey || event.metaKey);
      const onControl = (event.key === "Enter" || event.key === " ") && adapter().sendControlOf(target);
      if (!sendKeys && !onControl) return;
      const compose = onControl ? onControl.compose : adapter().composeOf(target);
      if (!compose) return;
      const control = onControl ? onControl.control : adapter().sendControls(compose)[0];
      if (!control) return;
      // Enter or Space on a real button becomes a click, which is guarded on its own.
      const becomesClick = onControl && control.matches("button, input, a[href]");
      if (becomesClick && !pending.has(compose) && cleanVerdict(compose)) return;
      intercept(event, compose, control, true);
    }

    for (const type of ["mousedown", "mouseup", "click"]) window.addEventListener(type, onMouse, true);
    window.addEventListener("keydown", onKey, true);

    return {
      /** Analyse a compose window while the user types; keeps the cache warm for Send. */
      async refresh(compose) {
        try {
          const verdict = await check(compose);
          onVerdict(compose, verdict);
        } catch (error) {
          onVerdict(compose, null, error);
        }
      },
      /** The policy changed: verdicts so far (and answers still on their way) no longer count. */
      forget() {
        cache.clear();
        generation += 1;
      },
    };
  }

  root.zorgvuldig = Object.assign(root.zorgvuldig ?? {}, { createGuard });
})(globalThis);
