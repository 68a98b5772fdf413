// What the add-in tells Outlook at the end of a Send: `event.completed` options for Smart Alerts,
// from the core's verdict or from a failed check. Outlook shows at most 500 characters
// (`errorMessage` as plain text, `errorMessageMarkdown` where Mailbox 1.15 formats it) and a Take
// Action button label of at most 20.
import { texts } from "./strings.js";

export const MESSAGE_LIMIT = 500;
export const LABEL_LIMIT = 20;
/** The id of the function command in the manifest that applies the fixes (Take Action). */
export const FIX_COMMAND = "zorgvuldig.fix";

/** The fixes the core offers for what holds the send (block and warn findings), each with the
 *  recipient field it applies to. */
export function fixesOf(verdict) {
  return verdict.findings
    .filter((f) => f.fix && (f.severity === "block" || f.severity === "warn"))
    .map((f) => Object.assign({}, f.fix, { field: f.field }));
}

/** Text cut to at most `limit` characters, at a word where it can, ending in "…". */
function cut(text, limit) {
  if (text.length <= limit) return text;
  const room = text.slice(0, Math.max(0, limit - 1));
  const space = room.lastIndexOf(" ");
  return `${(space > limit / 2 ? room.slice(0, space) : room).replace(/\s+$/, "")}…`;
}

/** Outlook's Markdown subset knows emphasis (`*`, `_`), lists and links (`[...](https://...)`);
 *  those characters are escaped in the core's text, so that an address like `a_b@x.nl` stays as
 *  written. Nothing else is: Outlook documents the backslash escape, not which characters take it. */
function escapeMarkdown(text) {
  return text.replace(/[\\*_[\]]/g, "\\$&");
}

/** The plain and Markdown messages: the title, as many points as fit (the rest counted), a
 *  closing note. A point that does not fit alone is shortened. */
function messages({ title, points, note, t }) {
  const plain = (shown, hidden) => [title, ...shown, hidden ? t.more(hidden) : "", note].filter(Boolean).join("\n\n");
  const markdown = (shown, hidden) =>
    [
      `**${escapeMarkdown(title)}**`,
      shown.length ? shown.map((p) => `- ${escapeMarkdown(p)}\r`).join("") : "",
      hidden ? escapeMarkdown(t.more(hidden)) : "",
      escapeMarkdown(note),
    ]
      .filter(Boolean)
      .join("\n\n");
  const fit = (render) => {
    for (let shown = points.length; shown >= 1; shown--) {
      const text = render(points.slice(0, shown), points.length - shown);
      if (text.length <= MESSAGE_LIMIT) return text;
    }
    // Not even one point fits whole: shorten the first until it does.
    let low = 0;
    let high = points.length ? points[0].length : 0;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (render([cut(points[0], middle)], points.length - 1).length <= MESSAGE_LIMIT) low = middle;
      else high = middle - 1;
    }
    return cut(render(points.length ? [cut(points[0], low)] : [], Math.max(0, points.length - 1)), MESSAGE_LIMIT);
  };
  return { errorMessage: fit(plain), errorMessageMarkdown: fit(markdown) };
}

/**
 * The `event.completed` options for one Send.
 * @param {object} options
 * @param {object} [options.verdict]   the core's verdict
 * @param {object} [options.failure]   instead of a verdict: {blocked, part} (part: what could not
 *                                     be read; none: the core did not load or answer)
 * @param {string} options.language    "nl" or "en"
 * @param {string} options.promptUser  Office.MailboxEnums.SendModeOverride.PromptUser
 */
export function composeAlert({ verdict, failure, language, promptUser }) {
  const t = texts(language);
  if (failure) {
    const cause = failure.part && t.failParts[failure.part] ? t.failPart(t.failParts[failure.part]) : t.failCore;
    const result = Object.assign(
      { allowEvent: false },
      messages({ title: t.failTitle, points: [cause], note: failure.blocked ? t.failBlocked : t.failAsk, t }),
    );
    if (!failure.blocked) result.sendModeOverride = promptUser;
    return result;
  }
  if (verdict.action === "allow") return { allowEvent: true };
  const held = verdict.findings.filter((f) => f.severity === "block" || f.severity === "warn");
  const fixes = fixesOf(verdict);
  const kinds = [...new Set(fixes.map((f) => f.kind))];
  const label = kinds.length === 1 ? t.fixLabels[kinds[0]] : t.fixLabels.several;
  const sendAnyway = verdict.action === "warn" && verdict.override.allowed && !verdict.override.justificationRequired;
  const note = [verdict.action === "block" ? t.blockedNote : sendAnyway ? t.warnNote : t.heldNote, fixes.length ? t.takeAction(label) : ""]
    .filter(Boolean)
    .join(" ");
  const result = Object.assign({ allowEvent: false }, messages({ title: verdict.summary, points: held.map((f) => f.message), note, t }));
  if (fixes.length) {
    result.commandId = FIX_COMMAND;
    result.cancelLabel = label.slice(0, LABEL_LIMIT);
  }
  if (sendAnyway) result.sendModeOverride = promptUser;
  return result;
}
