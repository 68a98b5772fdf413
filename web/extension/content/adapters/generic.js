// The generic adapter: the safe default for a webmail host the policy lists that has no adapter of
// its own. It reads a page as a person would, by what fields and controls are named and labelled
// (Dutch and English), as data for the selector interpreter (../selectors.js, which documents the
// readers); how it finds each part, and the real webmails it is tested on: docs/webmails.md.
(function (root) {
  const { CHIPS, CONTROLS, EDITOR_FRAMES, FIELDS, FIELD_LABELS, SEND_ITEM_NAMES, SEND_NAMES } = root.zorgvuldig.vocabulary;

  /** The readers of one recipient field: fields named or labelled for `key`, the chips in such a
   *  field's row, and the text still being typed there. */
  function recipients(key) {
    return [
      { css: `input[name=${key} i], textarea[name=${key} i], input[name=_${key}], textarea[name=_${key}]`, read: "value" },
      {
        css: CHIPS,
        row: key,
        chip: true,
        read: "address",
        remove: "button, [role=button], [class*=remove i], [class*=close i], [class*=delete i]",
        field: "*",
        input: "input, [contenteditable=true], [contenteditable='']",
        commit: "separator",
      },
      { css: FIELDS, row: key, read: "field" },
    ];
  }

  root.zorgvuldig.adapters.generic = {
    hosts: [],
    // A compose window is found the way a person finds one: a dialog or a form holding a body
    // and a send control; else the nearest container around a body that holds a send control (a
    // toolbar outside the form); else a dialog or form holding a body and a To field (its send
    // control, if any, cannot be told: it is guarded as "not active").
    compose: [
      { region: "dialog, [role=dialog], [role=form], form", holds: ["body", "send"] },
      { around: "body", holds: ["send"] },
      { region: "dialog, [role=dialog], [role=form], form", holds: ["body", "to"] },
    ],
    // Controls named send (in Dutch or English, by text, label, title or icon name); a submit
    // button only when nothing in the compose window is named send; send items of a menu
    // wherever the page renders it.
    send: [
      { css: CONTROLS, text: SEND_NAMES },
      { css: "button[type=submit], input[type=submit]", fallback: true },
      { css: "[role=menu] [role=menuitem], [role=menu] button", scope: "document", text: SEND_ITEM_NAMES },
    ],
    shortcuts: ["Mod+Enter", "Alt+S"],
    from: [
      { css: "[name=from i]", read: "value" },
      { css: FIELDS, label: FIELD_LABELS.from, read: "value" },
    ],
    to: recipients("to"),
    cc: recipients("cc"),
    bcc: recipients("bcc"),
    subject: [
      { css: "input[name*=subject i]", read: "value" },
      { css: FIELDS, label: FIELD_LABELS.subject, read: "value" },
    ],
    // An editor iframe holds the text; the textarea it hides is stale then. A field labelled as
    // a recipient or the subject is never the body.
    body: [
      { css: EDITOR_FRAMES, read: "frame", only: true },
      { css: "textarea[name*=body i], textarea[name*=message i], textarea[name*=text i]", read: "value" },
      { css: "textarea, [contenteditable=true], [contenteditable='']", label: FIELD_LABELS.body, read: "field" },
      { css: "[contenteditable=true], [contenteditable=''], textarea", notLabel: FIELD_LABELS.header, read: "field" },
    ],
    attachments: [
      { css: "[data-attachment-name]", read: "attr:data-attachment-name" },
      { css: "input[type=file]", read: "files" },
    ],
  };
})(globalThis);
