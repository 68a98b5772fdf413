// The Roundcube adapter (self-hosted, recognised on any host by its DOM): where Roundcube's elastic
// skin keeps the compose window's parts, as data for the selector interpreter (../selectors.js,
// which documents the readers).
// Sources of the DOM structure (see also tests/e2e/fixtures/roundcube.html): roundcube/roundcubemail
// skins/elastic/templates/compose.html and skins/elastic/ui.js recipient_input(), checked against
// Debian's roundcube 1.6.5 (tests/roundcube/): `#compose-content`, `#_to` textareas moved off
// screen before a `ul.recipient-input` of `li.recipient` chips with `a.button.icon.remove` and an
// `li.input > input`, `#compose-subject`, `textarea#composebody` or TinyMCE `iframe#composebody_ifr`,
// `button.send` (footer) and `#attachment-list` in the sidebar.
(function (root) {
  /** The readers of one recipient field: chips first, then the hidden field and the text still being typed. */
  function recipients(key) {
    const row = `#compose_${key}`;
    return [
      {
        css: `${row} .recipient-input li.recipient`,
        read: "address",
        remove: "a.remove, a.button.icon.remove",
        field: `${row}`,
        input: ".recipient-input li.input > input",
        commit: "change",
      },
      { css: `textarea#_${key}, input#_${key}`, read: "value" },
      { css: `${row} .recipient-input li.input > input`, read: "value" },
    ];
  }

  root.zorgvuldig.adapters.roundcube = {
    hosts: [],
    // Bottom left holds Roundcube's "Uitloggen" (elastic skin's menu); the right column is free.
    indicatorCorner: "bottom-right",
    detect: ["form[name=form] textarea#composebody", "form#compose-form", "#compose-content"],
    compose: [
      { css: "#layout-content:has(#compose-subject)" },
      { css: "#compose-content" },
      { css: "form[name=form]:has(#compose-subject)" },
    ],
    send: [{ css: "button.send" }, { css: "a.send" }, { css: "#rcmbtnsend" }, { css: "[onclick*=\"command('send'\"]" }],
    shortcuts: ["Mod+Enter"],
    from: [{ css: "select#_from option:checked", read: "text" }],
    to: recipients("to"),
    cc: recipients("cc"),
    bcc: recipients("bcc"),
    subject: [
      { css: "#compose-subject", read: "value" },
      { css: "input[name=_subject]", read: "value" },
    ],
    // The HTML editor (TinyMCE) keeps the text in its iframe; the hidden textarea is stale then.
    body: [
      { css: "iframe#composebody_ifr", read: "frame", only: true },
      { css: "textarea#composebody", read: "value" },
    ],
    attachments: [
      { css: "#attachment-list li .attachment-name", read: "text", scope: "document" },
      // The link's text adds the size ("scan.pdf(2 KB)"): only where there is no name of its own.
      { css: "#attachment-list li a.filename:not(:has(.attachment-name))", read: "text", scope: "document" },
    ],
  };
})(globalThis);
