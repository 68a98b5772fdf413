// The warning shown when a send is held: a modal dialog in a closed shadow root, so page styles
// cannot break it and it cannot break the page. Shared by the extension and the demo page.
//
//   const dialog = zorgvuldig.showWarning({
//     verdict,                 // the core's verdict (action, summary, findings, override)
//     attachments,             // the names of the message's attachments (the snapshot's), so a
//                              // finding inside one names the file
//     language,                // "nl" (default) or "en"
//     onBack(),                // the user goes back to the message; nothing is sent
//     onSend(justification),   // the user sends anyway (warn with override) or after fixing
//     onFix(fix),              // apply a fix; resolves to the new verdict
//     failure: {blocked, code},  // instead of a verdict: the check could not run; code
//                              // "compose-gone": the webmail removed the compose window or its
//                              // send control before the held mail could go (nothing was sent);
//                              // "unguarded": the compose window could not be read completely
//   });
//   dialog.close();
//
// Keyboard: focus starts on "Terug naar bericht", Tab stays inside the dialog, Esc goes back; a
// held key (auto-repeat) presses nothing.
(function (root) {
  const { el, decision } = root.zorgvuldig;
  const STYLE = `
    :host { all: initial; }
    .backdrop { position: fixed; inset: 0; z-index: 2147483647; background: rgba(15, 23, 42, 0.55);
      display: flex; align-items: flex-start; justify-content: center; overflow-y: auto;
      padding: 6vh 16px; box-sizing: border-box;
      font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #111827; }
    .dialog { background: #fff; border-radius: 12px; max-width: 40rem; width: 100%; box-sizing: border-box;
      box-shadow: 0 20px 50px rgba(0, 0, 0, 0.35); border-top: 8px solid var(--tone); }
    .block { --tone: #b91c1c; --soft: #fef2f2; }
    .warn { --tone: #b45309; --soft: #fffbeb; }
    .allow { --tone: #15803d; --soft: #f0fdf4; }
    header { display: flex; gap: 0.75rem; align-items: flex-start; padding: 1.25rem 1.5rem 0.5rem; }
    .icon { flex: none; width: 2rem; height: 2rem; border-radius: 50%; background: var(--tone); color: #fff;
      display: grid; place-items: center; font-weight: 700; font-size: 1.2rem; }
    h2 { margin: 0; font-size: 1.25rem; line-height: 1.35; }
    .note { margin: 0.25rem 1.5rem 1rem; padding: 0.6rem 0.8rem; background: var(--soft); border-radius: 8px; }
    ul { list-style: none; margin: 0; padding: 0 1.5rem; }
    li { border: 1px solid #d1d5db; border-left: 5px solid var(--level); border-radius: 8px; padding: 0.75rem 0.9rem; margin: 0 0 0.75rem; }
    li.level-block { --level: #b91c1c; } li.level-warn { --level: #b45309; } li.level-info { --level: #6b7280; }
    .tag { display: inline-block; font-size: 0.8rem; font-weight: 700; text-transform: uppercase; letter-spacing: 0.03em;
      color: var(--level); margin-bottom: 0.2rem; }
    .where { color: #4b5563; font-size: 0.9rem; }
    p { margin: 0.2rem 0; }
    details { margin: 0 1.5rem 1rem; } summary { cursor: pointer; color: #374151; }
    details ul { padding: 0.5rem 0 0; }
    .override { margin: 0 1.5rem 1rem; }
    label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
    textarea { width: 100%; box-sizing: border-box; min-height: 4.5rem; font: inherit; padding: 0.5rem;
      border: 1px solid #6b7280; border-radius: 6px; }
    .hint { font-size: 0.9rem; color: #4b5563; }
    .cause { margin: 0 1.5rem 0.75rem; }
    .why { overflow-wrap: anywhere; } .where { overflow-wrap: anywhere; }
    footer { display: flex; flex-wrap: wrap; gap: 0.75rem; justify-content: flex-end; padding: 0.5rem 1.5rem 1.5rem; }
    button { font: inherit; border-radius: 8px; padding: 0.55rem 1rem; cursor: pointer; border: 2px solid #1e4a8c;
      background: #fff; color: #1e4a8c; }
    button.primary { background: #1e4a8c; color: #fff; }
    button.fix { margin-top: 0.5rem; }
    button:disabled { opacity: 0.5; cursor: not-allowed; }
    button:focus-visible, textarea:focus-visible, summary:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
  `;

  const ICON = { block: "✕", warn: "!", allow: "✓" };

  /** Where a finding is: the part of the message ("Tekst"), or for content inside an attachment
   *  the file by its name and the page when the finding has one ("In de bijlage 'scan.pdf'
   *  (pagina 2)"). `attachments`: the names of the message's attachments, in the snapshot's order. */
  function placeOf(finding, t, attachments) {
    const name = finding.field === "attachments" ? attachments[finding.index ?? -1] : undefined;
    return name ? t.inAttachment(name, finding.page) : (t.where[finding.field] ?? finding.field);
  }

  /** Where in the message the content findings are, masked as the core gives them: "Tekst: ••••782, suïcide". */
  function contentPlaces(findings, t, attachments) {
    const byPlace = new Map();
    for (const f of findings) {
      if (f.recipient || !f.excerpt) continue;
      const place = placeOf(f, t, attachments);
      const list = byPlace.get(place) ?? [];
      if (!list.includes(f.excerpt)) list.push(f.excerpt);
      byPlace.set(place, list);
    }
    return [...byPlace].map(([place, excerpts]) => `${place}: ${excerpts.join(", ")}`);
  }

  function findingItem(finding, t, attachments, onFix, all = []) {
    const level = finding.severity === "block" || finding.severity === "warn" ? finding.severity : "info";
    const where = placeOf(finding, t, attachments);
    const recipients = finding.recipients?.length ? finding.recipients : finding.recipient ? [finding.recipient] : [];
    // A long list (reply-all) names the first three and counts the rest, as the message does.
    const named =
      recipients.length > 4 ? `${recipients.slice(0, 3).join(", ")} ${t.indicator.more(recipients.length - 3)}` : recipients.join(", ");
    const place = recipients.length ? `${where}: ${named}` : finding.excerpt ? `${where}: ${finding.excerpt}` : where;
    const item = el(
      "li",
      { class: `level-${level}`, "data-rule": finding.rule },
      el("span", { class: "tag", text: t.levels[level] }),
      el("p", { class: "where", text: place }),
    );
    // A finding about recipients because of what the mail contains (sensitive data leaving
    // unencrypted) also says which part of the text it is about.
    if (finding.recipients?.length) {
      for (const line of contentPlaces(all, t, attachments)) item.append(el("p", { class: "where", text: line }));
    }
    item.append(el("p", { class: "why", text: finding.message }));
    if (finding.fix && onFix) {
      const button = el("button", { type: "button", class: "fix", "data-fix": finding.fix.kind, text: finding.fix.label });
      button.addEventListener("click", () => onFix(finding.fix, button));
      item.append(button);
    }
    return item;
  }

  /** @param {{verdict?: import("../pkg/core/zorgvuldig.js").Verdict, attachments?: string[], language?: string, onBack?: () => void,
   *    onSend?: (justification?: string) => void, onFix?: (fix: import("../pkg/core/zorgvuldig.js").Fix) => Promise<any>,
   *    failure?: {blocked: boolean, code?: string, reason?: string}}} options */
  function showWarning({ verdict, attachments = [], language, onBack, onSend, onFix, failure }) {
    const t = root.zorgvuldig.texts(language);
    const host = el("div", { "data-zorgvuldig": "warning" });
    const shadow = host.attachShadow({ mode: "closed" });
    const previousFocus = /** @type {HTMLElement | null} */ (document.activeElement);
    let closed = false;

    function close() {
      if (closed) return;
      closed = true;
      document.removeEventListener("keydown", onKey, true);
      host.remove();
      if (previousFocus && typeof previousFocus.focus === "function") previousFocus.focus();
    }

    function render(current) {
      shadow.replaceChildren();
      const action = failure ? (failure.blocked ? "block" : "warn") : current.action;
      const gone = failure?.code === "compose-gone";
      const title = gone ? t.goneTitle : failure ? t.failTitle : current.summary;
      const dialog = el("div", {
        class: `dialog ${action}`,
        role: "alertdialog",
        "aria-modal": "true",
        "aria-labelledby": "title",
        "aria-describedby": "note",
        "data-action": action,
      });
      dialog.append(
        el("header", {}, el("span", { class: "icon", "aria-hidden": "true", text: ICON[action] }), el("h2", { id: "title", text: title })),
      );
      const note = gone
        ? t.goneNote
        : failure
          ? failure.blocked
            ? t.failBlockedNote
            : t.failNote
          : action === "block"
            ? t.blockedNote
            : action === "warn"
              ? t.warnNote
              : t.fixedNote;
      dialog.append(el("p", { class: "note", id: "note", text: note }));
      if (failure && !gone) {
        const cause =
          failure.code === "context-invalidated"
            ? t.failContext
            : // Only the recipients could not be read: most often there are none yet.
              failure.code === "unguarded" && failure.reason === "to"
              ? t.failNoRecipients
              : failure.code === "unguarded"
                ? t.failUnguarded
                : t.failCore;
        dialog.append(el("p", { class: "cause", text: cause }), el("p", { class: "cause", text: t.failDraftSafe }));
      }

      const findings = failure ? [] : current.findings;
      const important = failure ? [] : decision.holdingFindings(current);
      const info = findings.filter((f) => !important.includes(f));
      const applyFix =
        onFix &&
        (async (fix, button) => {
          button.disabled = true;
          const next = await onFix(fix);
          if (next && !closed) render(next);
        });
      if (important.length) dialog.append(el("ul", {}, ...important.map((f) => findingItem(f, t, attachments, applyFix, findings))));
      if (info.length) {
        dialog.append(
          el(
            "details",
            {},
            el("summary", { text: `${t.moreInfo} (${info.length})` }),
            el("ul", {}, ...info.map((f) => findingItem(f, t, attachments, null))),
          ),
        );
      }

      const footer = el("footer");
      const back = el("button", { type: "button", class: action === "allow" ? "" : "primary", "data-choice": "back", text: t.back });
      back.addEventListener("click", () => {
        close();
        onBack?.();
      });
      const override = failure ? { allowed: !failure.blocked, justificationRequired: false } : decision.override(current);
      const canOverride = override.allowed;
      const needsReason = override.justificationRequired;
      let reason = null;
      if (canOverride && needsReason) {
        reason = el("textarea", { id: "reason", "aria-describedby": "reason-hint", maxlength: "500", "aria-required": "true" });
        dialog.append(
          el(
            "div",
            { class: "override" },
            el("label", { for: "reason", text: t.justificationLabel }),
            reason,
            el("p", { class: "hint", id: "reason-hint", text: t.justificationHint }),
          ),
        );
      }
      if (canOverride || action === "allow") {
        const send = el("button", {
          type: "button",
          class: action === "allow" ? "primary" : "",
          "data-choice": action === "allow" ? "send" : "override",
          text: action === "allow" ? t.sendNow : t.sendAnyway,
        });
        if (reason) {
          send.disabled = true;
          reason.addEventListener("input", () => {
            send.disabled = reason.value.trim().length < 5;
          });
        }
        send.addEventListener("click", () => {
          const why = reason?.value.trim() || undefined;
          close();
          onSend?.(why);
        });
        footer.append(send);
      }
      footer.append(back);
      dialog.append(footer);
      shadow.append(el("style", { text: STYLE }), el("div", { class: "backdrop" }, dialog));
      // Focus on the safe choice without scrolling to it: at 200% zoom the dialog is taller than
      // the window, and the title and findings must be what the user sees first.
      (action === "allow" ? footer.querySelector("[data-choice=send]") : back).focus({ preventScroll: true });
      shadow.querySelector(".backdrop").scrollTop = 0;
    }

    function onKey(event) {
      if (event.repeat) {
        // A key held down since before the dialog opened (Enter on Send) must not press its buttons.
        event.preventDefault();
        event.stopImmediatePropagation();
      } else if (event.key === "Escape") {
        event.preventDefault();
        event.stopImmediatePropagation();
        close();
        onBack?.();
      } else if (event.key === "Tab") {
        const focusable = [...shadow.querySelectorAll("button:not([disabled]), textarea, summary")];
        const index = focusable.indexOf(shadow.activeElement);
        const next = event.shiftKey ? index - 1 : index + 1;
        event.preventDefault();
        event.stopImmediatePropagation();
        focusable[(next + focusable.length) % focusable.length]?.focus();
      } else if (!event.composedPath().includes(host)) {
        event.stopImmediatePropagation(); // the page does not see keys while the dialog is open
      }
    }

    (document.body ?? document.documentElement).append(host);
    document.addEventListener("keydown", onKey, true);
    render(verdict);
    return { close, host };
  }

  root.zorgvuldig = Object.assign(root.zorgvuldig ?? {}, { showWarning });
})(globalThis);
