// The Outlook on the web adapter (outlook.office.com, outlook.office365.com, outlook.live.com, and
// a self-hosted Outlook Web App the policy lists): where its compose window keeps its parts, as
// data for the selector interpreter (../selectors.js, which documents the readers).
// Sources of the DOM structure (see also tests/e2e/fixtures/outlook.html): extensions on public
// GitHub that inspected outlook.office.com/outlook.live.com (2024-2026): recipient groups
// `[role=group][id$=_TO|_CC|_BCC]` holding a contenteditable well with `._EType_RECIPIENT_ENTITY`
// chips; unresolved typed text is plain text in the well; send `button[id*=primaryActionButton]`,
// title "Send (Ctrl+Enter)"; body `[id^=editorParent_] [contenteditable][role=textbox]` aria-label
// "Message body"; subject aria-label "Add a subject".
(function (root) {
  const { SEND_ITEM_NAMES } = root.zorgvuldig.vocabulary;

  /** The readers of one recipient field: chips first, then the text still being typed. */
  function recipients(key) {
    const label = { to: ["To", "Aan"], cc: ["Cc", "Cc"], bcc: ["Bcc", "Bcc"] }[key];
    // The field's group: an id ending in _TO (before 2026), or labelled by the button
    // #recipient-well-label-to (2026, with a plain numeric id).
    const groups = `[role=group][id$=_${key.toUpperCase()}], [role=group][aria-labelledby~=recipient-well-label-${key}], [role=group]:has(#recipient-well-label-${key})`;
    const wells = `:is(${groups}) [contenteditable=true], [contenteditable=true][aria-label=${label[0]}], [contenteditable=true][aria-label=${label[1]}]`;
    const chip = "._EType_RECIPIENT_ENTITY";
    return [
      {
        css: `:is(${wells}) ${chip}`,
        read: "address",
        remove: "button[aria-label^=Remove], button[aria-label*=verwijderen i], [role=button][aria-label^=Remove], [data-icon-name=Cancel]",
        field: `:is(${groups}), :is(${wells})`,
        input: "[contenteditable=true]",
        commit: "separator",
      },
      { css: wells, read: `loose:${chip}` },
    ];
  }

  root.zorgvuldig.adapters.outlook = {
    hosts: ["outlook.office.com", "outlook.office365.com", "outlook.live.com"],
    detect: [
      "[role=group][id$=_TO] [contenteditable=true]",
      "[id^=editorParent_] [contenteditable=true][role=textbox]",
      "div[aria-label='Message body'][contenteditable=true]",
      "div[aria-label=Berichttekst][contenteditable=true]",
    ],
    compose: [
      { from: "[id^=editorParent_] [contenteditable=true][role=textbox]", containing: "button[id*=primaryActionButton]" },
      {
        from: "div[aria-label='Message body'][contenteditable=true], div[aria-label=Berichttekst][contenteditable=true]",
        containing: "button[aria-label=Send], button[aria-label=Verzenden], button[title^=Send], button[title^=Verzenden]",
      },
      { css: "div[role=main] div:has(> div [aria-label='Message body'][contenteditable=true])" },
    ],
    send: [
      { css: "button[id*=primaryActionButton]" },
      { css: "button[aria-label=Send]" },
      { css: "button[aria-label=Verzenden]" },
      { css: "button[title^='Send (']" },
      { css: "button[title^='Verzenden (']" },
      // Schedule send: an item of the split button's menu, rendered in a layer at the end of <body>.
      { css: "[role=menu] [role=menuitem]", scope: "document", text: SEND_ITEM_NAMES },
    ],
    // Ctrl+Enter, and Alt+S in Outlook's "Outlook" keyboard shortcut set.
    shortcuts: ["Mod+Enter", "Alt+S"],
    menuOpener: "button[aria-haspopup][aria-expanded=true]",
    from: [
      { css: "button[aria-label^=From] span", read: "text" },
      { css: "button[aria-label^=Van] span", read: "text" },
    ],
    to: recipients("to"),
    cc: recipients("cc"),
    bcc: recipients("bcc"),
    subject: [
      { css: "input[id$=_SUBJECT]", read: "value" },
      { css: "input[aria-label='Add a subject']", read: "value" },
      { css: "input[aria-label='Onderwerp toevoegen']", read: "value" },
      { css: "input[aria-label=Subject]", read: "value" },
      { css: "input[aria-label=Onderwerp]", read: "value" },
    ],
    body: [
      { css: "[id^=editorParent_] [contenteditable=true][role=textbox]", read: "text" },
      { css: "div[aria-label='Message body'][contenteditable=true]", read: "text" },
      { css: "div[aria-label='Berichttekst'][contenteditable=true]", read: "text" },
    ],
    attachments: [
      { css: "[role=attachment] [title]", read: "attr:title" },
      { css: "[role=listbox][aria-label=Attachments] [role=option][title]", read: "attr:title" },
      { css: "[role=listbox][aria-label=Bijlagen] [role=option][title]", read: "attr:title" },
    ],
  };
})(globalThis);
