// What a verdict means for Send, decided once for the extension's send guard, its indicator and
// warning dialog, and the demo: whether the send passes, is held with a warning the user may send
// past, or is blocked; which findings hold it; and what a recipient fix does to a recipient field
// typed as text. Loaded as a classic script (it sets `zorgvuldig.decision`), like the other
// shared files.
(function (root) {
  /** A recipient's address inside an entry as typed ("Jan Bos <j.bos@x.nl>", "j.bos@x.nl"). */
  const ADDRESS = /[^\s<>"',;()]+@[^\s<>"',;()]+/g;

  /** @typedef {import("../pkg/core/zorgvuldig.js").Verdict} Verdict */
  /** @typedef {import("../pkg/core/zorgvuldig.js").Finding} Finding */
  /** @typedef {import("../pkg/core/zorgvuldig.js").Fix} Fix */

  /** What Send does with a verdict: "pass" (it goes), "warn" (held; the user may send anyway when
   *  the policy allows it) or "block" (held; the message must change).
   *  @param {Verdict} verdict @returns {"pass" | "warn" | "block"} */
  function sendDecision(verdict) {
    return verdict.action === "allow" ? "pass" : verdict.action === "block" ? "block" : "warn";
  }

  /** The findings that hold the send (block and warn); the others only inform.
   *  @param {Verdict | null | undefined} verdict @returns {Finding[]} */
  function holdingFindings(verdict) {
    return (verdict?.findings ?? []).filter((f) => f.severity === "block" || f.severity === "warn");
  }

  /** Whether the user may send this verdict anyway, and whether they must say why.
   *  @param {Verdict} verdict */
  function override(verdict) {
    const allowed = sendDecision(verdict) === "warn" && Boolean(verdict.override?.allowed);
    return { allowed, justificationRequired: allowed && Boolean(verdict.override?.justificationRequired) };
  }

  /** The addresses in a recipient entry as typed, lower case. */
  const addressesIn = (text) => (String(text).match(ADDRESS) ?? []).map((a) => a.toLowerCase());

  /** The entries of a recipient field typed as text: split at commas and semicolons, except
   *  inside "quotes" (`"Bos, Jan" <j.bos@x.nl>`). */
  function recipientEntries(text) {
    const entries = [];
    let current = "";
    let quoted = false;
    for (const ch of String(text)) {
      if (ch === '"') quoted = !quoted;
      if ((ch === "," || ch === ";") && !quoted) {
        entries.push(current);
        current = "";
      } else current += ch;
    }
    entries.push(current);
    return entries.map((e) => e.trim()).filter(Boolean);
  }

  /** The address a recipient fix is about (the finding names the recipient as typed). */
  const fixTarget = (fix) =>
    addressesIn(fix.recipient ?? "")[0] ??
    String(fix.recipient ?? "")
      .trim()
      .toLowerCase();

  /** A recipient field typed as text with a recipient fix applied: the entry of the fix's
   *  recipient removed, or its address replaced by the successor with the rest of the entry (the
   *  name) as typed. Null when no entry is the fix's recipient.
   *  @param {string} text @param {Fix} fix @returns {string | null} */
  function fixRecipientText(text, fix) {
    const target = fixTarget(fix);
    const entries = recipientEntries(text);
    if (!target || !entries.some((e) => e.toLowerCase().includes(target))) return null;
    return entries
      .flatMap((entry) => {
        const at = entry.toLowerCase().indexOf(target);
        if (at < 0) return [entry];
        if (fix.kind !== "replace-recipient" || !fix.replacement) return [];
        return [entry.slice(0, at) + fix.replacement + entry.slice(at + target.length)];
      })
      .join(", ");
  }

  root.zorgvuldig = Object.assign(root.zorgvuldig ?? {}, {
    decision: { sendDecision, holdingFindings, override, ADDRESS, addressesIn, recipientEntries, fixTarget, fixRecipientText },
  });
})(globalThis);
