// The send guard (after InboxSDK's "presending"): capture-phase listeners, from document_start, in
// the page and in every same-origin frame, on every way a send can start: a press on a send
// control (pointer, mouse, touch, auxclick, click, Enter or Space, down and up, key repeats), a
// webmail's send shortcut, and the submission of a form that holds a compose window.
//
// A press is judged once, when it starts: it passes untouched when the compose window can be read
// and the draft as it is has a fresh clean verdict; just after a send passed, a new press on the
// same compose window is swallowed (a double click, a held key: one send); otherwise every event
// of the press is stopped, the draft is checked, and the press is either replayed once, in the
// browser's own event order, or shown in the warning. A key repeat never sends. A send goes out only
// with a verdict for the draft as it is at that moment, under the current policy: the draft is read
// again just before the replay and checked again when it changed. For a moment after a send, the
// user's edits in that compose window are held back, so a webmail that reads the draft after Send
// (save, then send) sends what was checked. A draft with an attachment still being read
// (files.js) is held until the reading is done, then judged with what is inside. A compose window
// whose recipients, body or send control cannot be found, or from which no recipient at all can be
// read at Send, is never taken as clean: a send started there (a shortcut, a submit) is held and
// the user is told the message could not be checked (the policy's failMode decides).
// The draft is never changed without the user's action.
/** @typedef {import("../pkg/core/zorgvuldig.js").Snapshot} Snapshot */
/** @typedef {import("../pkg/core/zorgvuldig.js").Verdict} Verdict */
/** @typedef {import("../protocol.js").AuditEntry} AuditEntry */
(function (root) {
  const { composedParent, eventTarget, frameWindows, windowOf, deepContains } = root.zorgvuldig.dom;
  const { sendDecision } = root.zorgvuldig.decision;
  /** After a send went through, new presses on the same compose are swallowed this long. */
  const JUST_SENT_MS = 1500;
  /** After a send went through, the user's edits in that compose window are held back until they
   *  pause this long (the webmail closes it first, as a rule), so a webmail that reads the draft
   *  late sends what was checked. */
  const SEAL_MS = 2000;
  /** The events of one pointer press (down, up, click) arrive within this time. */
  const PRESS_MS = 5000;
  /** How long the guard waits for the core before it treats the check as failed. */
  const ANALYSE_TIMEOUT_MS = 8000;

  const POINTER_EVENTS = ["pointerdown", "mousedown", "touchstart", "pointerup", "mouseup", "touchend", "click", "auxclick"];
  const DOWN = new Set(["pointerdown", "mousedown", "touchstart"]);
  const KEY_EVENTS = ["keydown", "keypress", "keyup"];
  const EDIT_EVENTS = ["beforeinput", "paste", "drop", "cut"];
  const CHANGE_EVENTS = ["input", "change", "paste", "drop", "keyup"];

  /**
   * @param {object} options
   * @param {() => object|null} options.adapter   the page's adapter (null: not a webmail page)
   * @param {(snapshot: Snapshot) => Promise<Verdict>} options.analyze  resolves to a verdict; rejects on failure
   * @param {() => object} options.settings       {language, failMode}
   * @param {(entry: AuditEntry) => void} options.record  writes an audit entry (metadata only)
   * @param {() => boolean} options.connected   whether the extension is still there: after a
   *   reload or update this page's verdicts no longer count (the policy may have changed), so
   *   every Send asks the core, which fails visibly
   * @param {(compose, verdict: Verdict | null, error?) => void} options.onVerdict  a verdict while composing
   *   (indicator); verdict null and the error when the check could not run
   * @param {(compose) => void} options.onInput  the user edited a compose window (in the page or
   *   in one of its frames)
   * @param {() => void} options.onFrame  a same-origin frame has new content (it may hold a
   *   compose window)
   * @param {(snapshot: Snapshot) => {snapshot: Snapshot, reading: Promise<void>|null}} [options.complete]
   *   adds what is inside the attachments (files.js); `reading` while a file is still being read:
   *   no verdict is taken or kept until it is done
   */
  function createGuard({
    adapter,
    analyze,
    settings,
    record,
    onVerdict,
    onInput = () => {},
    onFrame = () => {},
    connected = () => true,
    complete = (snapshot) => ({ snapshot, reading: null }),
  }) {
    const cache = new Map(); // snapshot JSON → verdict
    const pending = new WeakSet(); // compose windows with a decision pending
    const justSent = new WeakMap(); // compose → time a send went through
    const presses = new WeakMap(); // compose → the press being handled ({kind, state, ...})
    const sealed = new WeakMap(); // compose → when its draft was last held back after a send
    const usedControls = new WeakMap(); // send control → compose, for a send that just went through it
    const passing = new Set(); // compose windows whose press passed in this task (its form submission follows)
    const watched = new WeakMap(); // window → the document element it had when the listeners were added
    let lastPress = null; // the latest press, wherever it was
    let replaying = false;
    let generation = 0; // counts policy changes: a verdict from before one is not kept

    const keyOf = (snapshot) => JSON.stringify(snapshot);
    const known = (key) => (connected() ? cache.get(key) : undefined);
    const recentlySent = (compose) => Date.now() - (justSent.get(compose) ?? -Infinity) < JUST_SENT_MS;

    function remember(key, verdict) {
      cache.delete(key);
      cache.set(key, verdict);
      while (cache.size > 20) cache.delete(cache.keys().next().value);
    }

    /** The draft as it is now, with what was read from its attachments. */
    const draft = (compose) => complete(adapter().snapshot(compose));

    /** The fresh clean verdict for the draft as it is now, when the whole compose window can be
     *  read and no attachment is still being read. `duringPress`: for the later events of a press
     *  that passed, whose send control the webmail may already have renamed or hidden
     *  ("Opslaan…"): only the draft must still be read. */
    function cleanVerdict(compose, { duringPress = false } = {}) {
      const missing = adapter().missing(compose, { sending: true });
      if (missing.some((part) => !(duringPress && part === "send"))) return null;
      const { snapshot, reading } = draft(compose);
      const verdict = reading ? undefined : known(keyOf(snapshot));
      return verdict && sendDecision(verdict) === "pass" ? verdict : null;
    }

    /** Whether `verdict` is still the one for the draft as it is now, under the current policy. */
    function fresh(compose, verdict) {
      const { snapshot, reading } = draft(compose);
      return !reading && known(keyOf(snapshot)) === verdict;
    }

    function stop(event) {
      if (event.cancelable) event.preventDefault();
      event.stopImmediatePropagation();
    }

    async function check(compose) {
      let { snapshot, reading } = draft(compose);
      // An attachment still being read: the draft is judged with what is inside it, not without.
      while (reading) {
        await reading;
        ({ snapshot, reading } = draft(compose));
      }
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

    /** @param {Verdict | null} verdict @param {string} choice @param {string} [justification]
     *  @param {string} [failure] @returns {AuditEntry} */
    function auditEntry(verdict, choice, justification, failure) {
      const domains = (verdict?.findings ?? [])
        .flatMap((f) => [f.recipient, ...(f.recipients ?? [])])
        .filter(Boolean)
        .map((r) => r.split("@").pop().toLowerCase());
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

    /** A control a send just went through, also when the webmail renamed it ("Opslaan…",
     *  "Sending…"): a second press on it is still the guard's to swallow. */
    function justUsed(target) {
      for (let e = target; e; e = composedParent(e)) {
        const compose = usedControls.get(e);
        if (compose && recentlySent(compose)) return { control: e, compose };
      }
      return null;
    }

    /** How a new press (or submission) on `compose` is handled: "pass" (fresh and clean: the
     *  webmail sends as usual), "swallow" (a decision is open, or a send just went) or "hold". */
    function admit(compose) {
      if (pending.has(compose) || recentlySent(compose)) return "swallow";
      const clean = cleanVerdict(compose);
      if (!clean) return "hold";
      justSent.set(compose, Date.now());
      sealed.set(compose, Date.now());
      recordPass(clean);
      return "pass";
    }

    /** The send control the press was on, or the one the webmail rendered in its place. */
    function controlOf(compose, press) {
      if (!press.control) return null;
      return compose ? adapter().sameControl(compose, press.control) : press.control.isConnected ? press.control : null;
    }

    /** Whether the webmail removed the compose window or the pressed send control while the mail
     *  was held. Then nothing is sent (never through another control than the one the user
     *  pressed: that could be "send" for "schedule send") and the user is told so. */
    function gone(compose, press, verdict) {
      const target = press.kind === "submit" ? press.form : press.kind === "shortcut" ? press.target : controlOf(compose, press);
      if ((!compose || compose.isConnected) && target?.isConnected) return false;
      record(auditEntry(verdict, "not-sent", undefined, "compose-gone"));
      root.zorgvuldig.showWarning({ language: settings().language, failure: { blocked: true, code: "compose-gone" } });
      return true;
    }

    /** Sends for real: the held press once more, in the order the browser gives its events,
     *  marked so the guard lets it by. */
    function replay(compose, press) {
      if (compose) {
        justSent.set(compose, Date.now());
        sealed.set(compose, Date.now());
      }
      const control = compose && controlOf(compose, press);
      if (control) usedControls.set(control, compose);
      replaying = true;
      try {
        dispatchPress(compose, press);
      } finally {
        replaying = false;
      }
    }

    /** The events of a press in the order the browser gives them, each with its init. */
    function sequenceOf(press, target) {
      const { first } = press;
      if (press.kind === "key" || press.kind === "shortcut") {
        const keys = { key: first.key, code: first.code, keyCode: first.keyCode, which: first.which };
        // Enter and Space on a button or link activate it (a click), as the browser does.
        const activates =
          press.kind === "key" && target?.matches("button, input[type=submit], input[type=button], input[type=image], a[href]");
        return [
          ["keydown", keys],
          ...(first.key === "Enter" ? [["keypress", keys]] : []),
          ...(activates && first.key === "Enter" ? [["click", { detail: 0 }]] : []),
          ["keyup", keys],
          ...(activates && first.key === " " ? [["click", { detail: 0 }]] : []),
        ];
      }
      const button = press.button ?? 0;
      const at = { clientX: first.clientX ?? 0, clientY: first.clientY ?? 0, screenX: first.screenX ?? 0, screenY: first.screenY ?? 0 };
      const mouse = { ...at, button, buttons: 0, detail: 1 };
      const down = { ...mouse, buttons: button === 0 ? 1 : 4 };
      const pointer = { pointerId: 1, isPrimary: true, pointerType: press.kind === "touch" ? "touch" : "mouse" };
      const activation = button === 0 ? "click" : "auxclick";
      if (press.kind === "click") return [[activation, { ...mouse, detail: first.detail }]];
      if (press.kind === "touch") {
        let touches = {};
        try {
          touches = { touches: [], targetTouches: [], changedTouches: [new (windowOf(target).Touch)({ identifier: 1, target, ...at })] };
        } catch {
          // no Touch constructor in this browser: the touch events go without touch points
        }
        return [
          ["pointerdown", { ...down, ...pointer }],
          ["touchstart", touches],
          ["pointerup", { ...mouse, ...pointer }],
          ["touchend", touches],
          ["mousedown", down],
          ["mouseup", mouse],
          ["click", mouse],
        ];
      }
      return [
        ["pointerdown", { ...down, ...pointer }],
        ["mousedown", down],
        ["pointerup", { ...mouse, ...pointer }],
        ["mouseup", mouse],
        [activation, mouse],
      ];
    }

    /** Dispatches the events of a press the page has not had yet (all of them for a press held
     *  from its start; the rest of one stopped halfway), on the control as it is at each step: a
     *  webmail may re-render it on mousedown. */
    function dispatchPress(compose, press) {
      if (press.kind === "submit") {
        const { form, submitter } = press;
        form.requestSubmit(submitter?.isConnected && submitter.form === form ? submitter : undefined);
        return;
      }
      const targetNow = () => (press.kind === "shortcut" ? press.target : controlOf(compose, press));
      const { first } = press;
      const modifiers = { ctrlKey: first.ctrlKey, metaKey: first.metaKey, altKey: first.altKey, shiftKey: first.shiftKey };
      for (const [type, init] of sequenceOf(press, targetNow())) {
        if (press.delivered.has(type)) continue;
        const target = type === "click" && press.kind === "shortcut" ? null : targetNow();
        if (!target) continue;
        const view = windowOf(target);
        const kind = type.startsWith("pointer")
          ? "PointerEvent"
          : type.startsWith("touch")
            ? "TouchEvent"
            : type.startsWith("key")
              ? "KeyboardEvent"
              : "MouseEvent";
        try {
          const Constructor = view[kind] ?? view.MouseEvent;
          target.dispatchEvent(new Constructor(type, { bubbles: true, cancelable: true, composed: true, view, ...modifiers, ...init }));
        } catch {
          // A browser without this event type (touch events in a desktop Firefox): the rest of the press still goes.
        }
        press.delivered.add(type);
      }
    }

    /** The check cannot be trusted or could not run: the user is told, and failMode decides
     *  whether the mail may go unchecked (ask, the default) or not at all (block). */
    function cannotCheck(compose, press, code, reason) {
      const { language, failMode } = settings();
      const blocked = failMode === "block";
      const release = () => compose && pending.delete(compose);
      if (compose) pending.add(compose);
      root.zorgvuldig.showWarning({
        language,
        failure: { blocked, code, reason },
        onBack: () => {
          release();
          record(auditEntry(null, "back", undefined, code));
        },
        onSend: () => {
          release();
          if (gone(compose, press, null)) return;
          record(auditEntry(null, "sent-unchecked", undefined, code));
          replay(compose, press);
        },
      });
    }

    async function decide(compose, press) {
      pending.add(compose);
      const release = () => pending.delete(compose);
      let verdict;
      try {
        // Typing, a recipient the webmail adds late or a new policy while the core answers: check
        // again until the verdict is for the draft as it is now.
        do verdict = await check(compose);
        while (!fresh(compose, verdict));
      } catch (error) {
        const code = error?.code ?? (String(error?.message) === "timeout" ? "timeout" : "core-unavailable");
        onVerdict(compose, null, error);
        release();
        cannotCheck(compose, press, code, String(error?.message ?? error));
        return;
      }
      // The indicator shows what the warning shows (a send right after typing can beat the
      // check that runs after a pause).
      onVerdict(compose, verdict);
      const missing = adapter().missing(compose, { sending: true });
      const passes = sendDecision(verdict) === "pass";
      if (passes && missing.length) {
        // What could be read is clean, but not everything could be: never a silent pass.
        release();
        cannotCheck(compose, press, "unguarded", missing.join(","));
        return;
      }
      if (passes) {
        release();
        if (gone(compose, press, verdict)) return;
        recordPass(verdict);
        replay(compose, press);
        return;
      }
      let latest = verdict;
      root.zorgvuldig.showWarning({
        verdict,
        attachments: draft(compose).snapshot.attachments.map((a) => a.name),
        language: settings().language,
        onBack: () => {
          release();
          record(auditEntry(latest, "back"));
          onVerdict(compose, latest);
        },
        onSend: (justification) => {
          if (gone(compose, press, latest)) {
            release();
            return;
          }
          // The draft or the policy changed behind the warning: the user decided on something
          // else, so it is checked again (a new warning, or a send when it is clean now).
          if (!fresh(compose, latest)) {
            decide(compose, press);
            return;
          }
          release();
          record(auditEntry(latest, sendDecision(latest) === "pass" ? "sent-after-fix" : "override", justification));
          replay(compose, press);
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

    /** A press that passed: its form submission, in this same task, passes with it. */
    function passed(compose) {
      passing.add(compose);
      setTimeout(() => passing.delete(compose), 0);
    }

    /** Starts handling a new press: pass, swallow, or hold and check. */
    function start(compose, press, event) {
      press.compose = compose;
      press.seen ??= new Set([event.type]);
      lastPress = press;
      press.state = admit(compose);
      if (press.state === "pass" && press.control) usedControls.set(press.control, compose);
      press.delivered = new Set();
      presses.set(compose, press);
      if (press.state === "pass") {
        press.delivered.add(event.type);
        return;
      }
      stop(event);
      // A held pointer press is checked when it is released, as a click would be.
      if (press.state === "hold" && DOWN.has(event.type)) press.undecided = true;
      else if (press.state === "hold") decide(compose, press);
    }

    /** Further events of a press follow its state; a press that passed is stopped from the moment
     *  the draft changes under it (and checked then). */
    function follow(compose, press, event) {
      if (press.state === "pass" && cleanVerdict(compose, { duringPress: true })) {
        press.delivered.add(event.type);
        return true;
      }
      stop(event);
      if (press.state === "pass") {
        press.state = "hold";
        justSent.delete(compose);
        sealed.delete(compose);
        decide(compose, press);
      } else if (press.undecided && !DOWN.has(event.type)) {
        press.undecided = false;
        decide(compose, press);
      }
      return false;
    }

    function onPointer(event) {
      if (replaying || !adapter()) return;
      const target = eventTarget(event);
      // The release or click of a press can land beside its control: on the host of the shadow
      // root it is in, or on a container when the webmail re-rendered the control.
      const open = lastPress && !lastPress.ended && Date.now() - lastPress.at < PRESS_MS ? lastPress : null;
      const hit =
        target &&
        (adapter().sendControlOf(target) ??
          justUsed(target) ??
          (open && !DOWN.has(event.type) && deepContains(target, adapter().sameControl(open.compose, open.control)) ? open : null));
      if (!hit) return;
      const { control, compose } = hit;
      const ends = event.type === "click" || event.type === "auxclick";
      if (!compose) {
        // A send item whose compose window cannot be told: held, and the user is told why.
        stop(event);
        if (ends)
          cannotCheck(null, { kind: "pointer", control, first: event, button: event.button, delivered: new Set() }, "unguarded", "compose");
        return;
      }
      const current = presses.get(compose);
      const keyboardClick = event.type === "click" && event.detail === 0 && current?.kind === "key" && Date.now() - current.at < PRESS_MS;
      // A press has one of each down event: a second one starts the next press (its click may
      // never have come, when the webmail re-rendered the control under the pointer).
      const sameGesture =
        current &&
        !current.ended &&
        Date.now() - current.at < PRESS_MS &&
        (current.kind === "pointer" || current.kind === "touch" || keyboardClick) &&
        !current.seen.has(event.type);
      if (sameGesture || keyboardClick) {
        current.seen.add(event.type);
        if (ends && current.kind !== "key") current.ended = true;
        if (event.type === "touchstart") current.kind = "touch"; // Chromium sends pointerdown first
        if (follow(compose, current, event) && ends) passed(compose);
        return;
      }
      // A new press: from its first event (a click on its own: the page's or the browser's own
      // activation, such as Enter in a form).
      const kind = event.type === "touchstart" || event.pointerType === "touch" ? "touch" : DOWN.has(event.type) ? "pointer" : "click";
      const press = { kind, control, at: Date.now(), first: event, button: event.button, ended: ends, seen: new Set([event.type]) };
      start(compose, press, event);
      if (press.state === "pass" && ends) passed(compose);
    }

    function onKey(event) {
      if (replaying || !adapter()) return;
      const target = eventTarget(event);
      if (!target) return;
      const activation = event.key === "Enter" || event.key === " ";
      const hit = activation ? (adapter().sendControlOf(target) ?? justUsed(target)) : null;
      const shortcut = !hit && adapter().isShortcut(event);
      if (!hit && !shortcut) return;
      const compose = hit ? hit.compose : adapter().composeOf(target);
      if (!compose) {
        if (!hit) return;
        stop(event); // a send item whose compose window cannot be told (see onPointer)
        if (event.type === "keydown" && !event.repeat)
          cannotCheck(null, { kind: "key", control: hit.control, first: event, delivered: new Set() }, "unguarded", "compose");
        return;
      }
      if (event.type !== "keydown" || event.repeat) {
        // Key repeats never send; the rest of a key press follows how its keydown was judged.
        const current = compose && presses.get(compose);
        const same = current && (current.kind === "key" || current.kind === "shortcut") && current.first.key === event.key;
        if (event.repeat || !same) stop(event);
        else follow(compose, current, event);
        return;
      }
      const press = hit
        ? { kind: "key", control: hit.control, at: Date.now(), first: event }
        : { kind: "shortcut", control: adapter().sendControls(compose)[0] ?? null, target, at: Date.now(), first: event };
      start(compose, press, event);
    }

    function onSubmit(event) {
      if (replaying || !adapter()) return;
      const form = event.target;
      if (form?.nodeType !== 1) return;
      const compose =
        adapter().composeOf(form) ??
        adapter()
          .composes()
          .find((c) => deepContains(form, c));
      if (!compose || passing.has(compose)) return;
      if (pending.has(compose)) {
        stop(event);
        return;
      }
      const clean = cleanVerdict(compose);
      if (clean) {
        // A submission after a send that passed (a webmail that submits late) is that same send.
        if (!recentlySent(compose)) recordPass(clean);
        justSent.set(compose, Date.now());
        sealed.set(compose, Date.now());
        return;
      }
      stop(event);
      decide(compose, { kind: "submit", form, submitter: event.submitter, at: Date.now(), first: event, delivered: new Set() });
    }

    /** Edits just after a send went through wait until the webmail has taken the draft. */
    function onEditAfterSend(event) {
      if (replaying || !adapter()) return;
      const target = eventTarget(event);
      const compose = target && adapter().composeOf(target);
      if (!compose || !(Date.now() - (sealed.get(compose) ?? -Infinity) < SEAL_MS)) return;
      // Typing on is held back too, so no part of what was typed goes out (not its end either).
      sealed.set(compose, Date.now());
      stop(event);
    }

    function onChange(event) {
      if (replaying || !adapter()) return;
      const target = eventTarget(event);
      const compose = target && adapter().composeOf(target);
      if (compose) onInput(compose);
    }

    const listeners = [
      ...POINTER_EVENTS.map((type) => [type, onPointer]),
      ...KEY_EVENTS.map((type) => [type, onKey]),
      ["submit", onSubmit],
      ...EDIT_EVENTS.map((type) => [type, onEditAfterSend]),
      ...CHANGE_EVENTS.map((type) => [type, onChange]),
    ];

    /** Listens in `view` (the page, or a same-origin frame); again when a frame's document was
     *  replaced (document.open/write, navigation), which removes every listener in it. */
    function watch(view) {
      let current;
      try {
        current = view.document.documentElement;
      } catch {
        return; // cross-origin by now
      }
      if (watched.get(view) === current) return false;
      watched.set(view, current);
      for (const [type, listener] of listeners) {
        view.removeEventListener(type, listener, true);
        view.addEventListener(type, listener, true);
      }
      return true;
    }

    function watchFrames() {
      const fresh = frameWindows(document).filter(watch);
      if (fresh.length) onFrame();
    }

    watch(window);
    // A frame's content arrives after its element: listen again when a frame loads, gets focus or
    // the pointer, and now and then (a frame written with document.open/write fires no load).
    for (const type of ["load", "focusin", "pointerover"])
      window.addEventListener(
        type,
        (event) => {
          const target = /** @type {Element | null} */ (event.target);
          if (target?.localName === "iframe" || target?.localName === "frame") watchFrames();
        },
        true,
      );
    setInterval(() => adapter() && watchFrames(), 1000);

    return {
      /** Analyse a compose window while the user types; keeps the cache warm for Send. */
      async refresh(compose) {
        watchFrames();
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
