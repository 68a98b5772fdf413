// The calm indicator while composing: a small label in a closed shadow root at the bottom of the
// window, saying "beschermd", the number of points to check (naming a risky recipient the moment
// it is typed), or that protection is not active on this page.
//
//   const indicator = zorgvuldig.createIndicator({ corner: "bottom-left" | "bottom-right" });
//   indicator.update({ state: "protected" | "checking" | "reading" | "issues" | "inactive", verdict, language });
// ("reading": an attached file is being read; a send waits for it.)
//   indicator.remove();
(function (root) {
  const { el } = root.zorgvuldig;
  const STYLE = `
    :host { all: initial; }
    .pill { position: fixed; bottom: 16px; z-index: 2147483646; max-width: min(32rem, calc(100vw - 32px));
      font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #111827;
      background: #fff; border: 1px solid #d1d5db; border-left: 5px solid var(--tone); border-radius: 8px;
      padding: 0.4rem 0.75rem; box-shadow: 0 2px 8px rgba(0, 0, 0, 0.15); }
    .bottom-left { left: 16px; } .bottom-right { right: 16px; }
    .protected { --tone: #15803d; } .checking, .reading { --tone: #6b7280; } .issues { --tone: #b45309; }
    .blocking { --tone: #b91c1c; } .inactive { --tone: #b91c1c; }
    ul { margin: 0.25rem 0 0; padding-left: 1.1rem; }
  `;

  /** `corner`: where the webmail leaves room (its adapter says; bottom left by default). */
  function createIndicator({ corner = "bottom-left" } = {}) {
    const place = corner === "bottom-right" ? "bottom-right" : "bottom-left";
    const host = el("div", { "data-zorgvuldig": "indicator" });
    const shadow = host.attachShadow({ mode: "closed" });
    const pill = el("div", { role: "status" });
    shadow.append(el("style", { text: STYLE }), pill);
    let attached = false;

    /** Whether an external-unencrypted finding names only recipients whose address could not be
     *  read: then the data may leave, not certainly. */
    function possiblyOnly(finding, findings) {
      if (finding.rule !== "external-unencrypted") return false;
      const unresolved = new Set(findings.filter((f) => f.rule === "unresolved-recipient").map((f) => f.recipient));
      const named = finding.recipients ?? [finding.recipient];
      return named.length > 0 && named.every((r) => unresolved.has(r));
    }

    /** @param {{state: string, verdict?: import("../pkg/core/zorgvuldig.js").Verdict | null, language?: string,
     *    reason?: string | null}} options */
    function update({ state, verdict, language, reason }) {
      const t = root.zorgvuldig.texts(language).indicator;
      const points = root.zorgvuldig.decision.holdingFindings(verdict);
      const shown = state === "issues" && points.length === 0 ? "protected" : state;
      const blocking = points.some((f) => f.severity === "block");
      pill.className = `pill ${place} ${shown === "issues" && blocking ? "blocking" : shown}`;
      host.setAttribute("data-state", shown);
      const label =
        shown === "issues"
          ? t.issues(points.length)
          : shown === "inactive" && reason === "core"
            ? t.inactiveCore
            : shown === "inactive" && reason === "context"
              ? t.inactiveContext
              : t[shown];
      host.setAttribute("data-reason", shown === "inactive" ? (reason ?? "adapter") : "");
      pill.replaceChildren(document.createTextNode(label));
      // Risky recipients are named at once, so a retired address is noticed while typing.
      const recipients = points.filter((f) => f.recipient);
      if (shown === "issues" && recipients.length) {
        const items = recipients.slice(0, 3).map((finding) => {
          const others = (finding.recipients?.length ?? 1) - 1;
          const who = others > 0 ? `${finding.recipient} (${t.more(others)})` : finding.recipient;
          const why = possiblyOnly(finding, points)
            ? t.rules["external-unencrypted-possibly"]
            : (t.rules[finding.rule] ?? `${finding.message.split(". ")[0].replace(/\.$/, "")}`);
          const instead = finding.fix?.kind === "replace-recipient" ? ` – ${t.useInstead(finding.fix.replacement)}` : "";
          return el("li", { text: `${who}: ${why}${instead}` });
        });
        pill.append(el("ul", {}, items));
      }
      if (!attached && document.body) {
        document.body.append(host);
        attached = true;
      }
    }

    return { update, remove: () => host.remove(), host };
  }

  root.zorgvuldig = Object.assign(root.zorgvuldig ?? {}, { createIndicator });
})(globalThis);
