// The Gmail adapter (mail.google.com): where Gmail's compose window keeps its parts, as data for
// the selector interpreter (../selectors.js, which documents the readers).
// Sources of the DOM structure (see also tests/e2e/fixtures/gmail.html): InboxSDK
// (github.com/InboxSDK/InboxSDK, gmail-compose-view.ts, page-parser.ts, set-recipients.ts): compose
// `.M9`, send `.IZ .Up div > div[role=button]`, send and archive `.Uo`, schedule arrow
// `[aria-haspopup=true]`, subject `input[name=subjectbox]`, body `.Ap [g_editable=true]`, chips
// `.anm[name=to] [role=listbox] [role=option][data-hovercard-id]` with remove `.afX`, typing input
// `input[role=combobox][aria-autocomplete=list]` that takes a paste.
(function (root) {
  const { SEND_ITEM_NAMES } = root.zorgvuldig.vocabulary;

  /** The readers of one recipient field: chips first, then the text still being typed. */
  function recipients(key) {
    const field = `.anm[name=${key}]`;
    return [
      {
        css: `${field} [role=listbox] [role=option][data-hovercard-id]`,
        read: "address",
        remove: ".afX, [role=button][aria-label]",
        field,
        input: "input[role=combobox][aria-autocomplete=list], input[role=combobox]",
        commit: "paste",
      },
      { css: `${field} input[role=combobox]`, read: "value" },
      // Gmail before the 2021 redesign: .vR chips with an [email] and hidden inputs, a textarea.
      { css: `[name=${key}] .vR [email]`, read: "attr:email" },
      { css: `textarea[name=${key}]`, read: "value" },
    ];
  }

  root.zorgvuldig.adapters.gmail = {
    hosts: ["mail.google.com"],
    detect: ["div.M9 input[name=subjectbox]", "div.M9 [g_editable=true]"],
    compose: [{ css: "div.M9" }, { css: "td.I5 form" }, { from: "[g_editable=true]", containing: "input[name=subjectbox]" }],
    send: [
      { css: ".IZ .Up div > div[role=button]:not(.Uo):not([aria-haspopup=true])" },
      { css: ".IZ .Up div > div[role=button].Uo:not([aria-haspopup=true])" }, // send and archive (replies)
      { css: "div[role=button][data-tooltip^=Send]:not([aria-haspopup=true])" },
      { css: "div[role=button][data-tooltip^=Verzenden]:not([aria-haspopup=true])" },
      { css: "div[role=button].aoO" },
      // Schedule send: an item of the send menu (inside the compose window in 2026, at the end
      // of <body> before), known by its `selector` attribute first, else by its name.
      { css: "[role=menuitem][selector=scheduledSend]", scope: "document" },
      { css: "[role=menu] [role=menuitem]", scope: "document", text: SEND_ITEM_NAMES },
    ],
    shortcuts: ["Mod+Enter"],
    menuOpener: ".IZ .Up [role=button][aria-haspopup=true][aria-expanded=true]",
    from: [
      { css: "input[name=from]", read: "value" },
      { css: "[name=from] [data-hovercard-id]", read: "attr:data-hovercard-id" },
    ],
    to: recipients("to"),
    cc: recipients("cc"),
    bcc: recipients("bcc"),
    subject: [{ css: "input[name=subjectbox]", read: "value" }],
    body: [
      { css: ".Ap [g_editable=true]", read: "text" },
      { css: "div[aria-label][contenteditable=true][role=textbox]", read: "text" },
      { css: "div.editable[contenteditable=true]", read: "text" },
    ],
    attachments: [
      { css: "div.dL .vI", read: "text" },
      { css: "div[role=link][aria-label] .vI", read: "text" },
      { css: "input[name=attach][type=hidden]", read: "attr:data-name" },
    ],
  };
})(globalThis);
