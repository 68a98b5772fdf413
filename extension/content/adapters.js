// Webmail adapters: how to find compose windows, their recipients, subject, body, attachments and
// send controls. Each adapter is data (selectors with ordered fallbacks, DESIGN.md §2) read by one
// interpreter below, so a webmail's DOM change is followed by changing data, even from policy
// (`adapterSelectors`). The generic adapter is the safe default for other webmail hosts.
//
// A part is a list of readers tried in order; the first that finds something wins:
//   {css: "selector", read: "value" | "text" | "attr:NAME"}
// `css` is searched inside the compose window. Recipient parts collect every match.
(function (root) {
  const SEND_NAMES = /^\s*(verzenden|verstuur|versturen|send|senden|envoyer)\b/i;

  /** The built-in adapters. Hosts decide which one applies; `detect` recognises self-hosted ones. */
  const ADAPTERS = {
    gmail: {
      hosts: ["mail.google.com"],
      compose: [{ css: "div[role=dialog]:has(div[aria-label][contenteditable=true])" }, { css: "div.M9" }, { css: "td.I5 form" }],
      send: [{ css: "div[role=button][data-tooltip^=Send]" }, { css: "div[role=button][data-tooltip^=Verzenden]" }, { css: "div[role=button].aoO" }],
      from: [{ css: "input[name=from]", read: "value" }],
      to: [{ css: "div[name=to] [data-hovercard-id]", read: "attr:data-hovercard-id" }, { css: "input[name=to]", read: "value" }, { css: "textarea[name=to]", read: "value" }],
      cc: [{ css: "div[name=cc] [data-hovercard-id]", read: "attr:data-hovercard-id" }, { css: "input[name=cc]", read: "value" }, { css: "textarea[name=cc]", read: "value" }],
      bcc: [{ css: "div[name=bcc] [data-hovercard-id]", read: "attr:data-hovercard-id" }, { css: "input[name=bcc]", read: "value" }, { css: "textarea[name=bcc]", read: "value" }],
      subject: [{ css: "input[name=subjectbox]", read: "value" }],
      body: [{ css: "div[aria-label][contenteditable=true][role=textbox]", read: "text" }, { css: "div.editable[contenteditable=true]", read: "text" }],
      attachments: [{ css: "div[role=link][aria-label] .vI", read: "text" }, { css: "input[name=attach][type=hidden]", read: "attr:data-name" }],
    },
    outlook: {
      hosts: ["outlook.office.com", "outlook.office365.com", "outlook.live.com"],
      compose: [{ css: "div[role=main] div:has(> div [aria-label='Message body'][contenteditable=true])" }, { css: "form:has([contenteditable=true])" }],
      send: [{ css: "button[aria-label=Send]" }, { css: "button[aria-label=Verzenden]" }, { css: "button[title^=Send]" }, { css: "button[title^=Verzenden]" }],
      from: [{ css: "button[aria-label^=From] span", read: "text" }],
      to: [{ css: "div[aria-label=To] span[title*='@']", read: "attr:title" }, { css: "div[aria-label=Aan] span[title*='@']", read: "attr:title" }],
      cc: [{ css: "div[aria-label=Cc] span[title*='@']", read: "attr:title" }],
      bcc: [{ css: "div[aria-label=Bcc] span[title*='@']", read: "attr:title" }],
      subject: [{ css: "input[aria-label='Add a subject']", read: "value" }, { css: "input[aria-label='Onderwerp toevoegen']", read: "value" }],
      body: [{ css: "div[aria-label='Message body'][contenteditable=true]", read: "text" }, { css: "div[aria-label='Berichttekst'][contenteditable=true]", read: "text" }],
      attachments: [{ css: "div[role=attachment] [title]", read: "attr:title" }],
    },
    roundcube: {
      hosts: [],
      detect: ["form[name=form] textarea#composebody", "form#compose-form", "#compose-content"],
      compose: [{ css: "form[name=form]:has(#compose-subject)" }, { css: "#compose-content" }],
      send: [{ css: "button.send" }, { css: "a.send" }, { css: "#rcmbtnsend" }, { css: "[onclick*=\"command('send'\"]" }],
      from: [{ css: "select#_from option:checked", read: "text" }],
      to: [{ css: "textarea#_to", read: "value" }, { css: "input#_to", read: "value" }],
      cc: [{ css: "textarea#_cc", read: "value" }, { css: "input#_cc", read: "value" }],
      bcc: [{ css: "textarea#_bcc", read: "value" }, { css: "input#_bcc", read: "value" }],
      subject: [{ css: "#compose-subject", read: "value" }, { css: "input[name=_subject]", read: "value" }],
      body: [{ css: "textarea#composebody", read: "value" }],
      attachments: [{ css: "#attachment-list li .attachment-name", read: "text" }, { css: "#attachment-list li a.filename", read: "text" }],
    },
    generic: {
      hosts: [],
      compose: [{ css: "form:has(textarea, [contenteditable=true])" }],
      send: [],
      from: [{ css: "[name=from i]", read: "value" }],
      to: [{ css: "input[name=to i], textarea[name=to i], input[name=_to], textarea[name=_to], input[aria-label=Aan], input[aria-label=To]", read: "value" }],
      cc: [{ css: "input[name=cc i], textarea[name=cc i], input[name=_cc], textarea[name=_cc], input[aria-label=Cc]", read: "value" }],
      bcc: [{ css: "input[name=bcc i], textarea[name=bcc i], input[name=_bcc], textarea[name=_bcc], input[aria-label=Bcc]", read: "value" }],
      subject: [{ css: "input[name*=subject i], input[aria-label=Onderwerp], input[aria-label=Subject]", read: "value" }],
      body: [{ css: "textarea[name*=body i], textarea[name*=message i], textarea[name*=text i]", read: "value" }, { css: "[contenteditable=true]", read: "text" }, { css: "textarea", read: "value" }],
      attachments: [{ css: "[data-attachment-name]", read: "attr:data-attachment-name" }, { css: "input[type=file]", read: "files" }],
    },
  };

  function read(element, how) {
    if (!how || how === "value") return element.value ?? element.textContent ?? "";
    if (how === "text") return element.innerText ?? element.textContent ?? "";
    if (how === "files") return [...(element.files ?? [])].map((f) => f.name).join("\n");
    if (how.startsWith("attr:")) return element.getAttribute(how.slice(5)) ?? "";
    return "";
  }

  function queryAll(scope, css) {
    try {
      return [...scope.querySelectorAll(css)];
    } catch {
      return []; // a selector this browser does not support (or a bad one from policy)
    }
  }

  /** The first reader that finds something: all its matches, read. */
  function readPart(scope, readers) {
    for (const reader of readers ?? []) {
      const values = queryAll(scope, reader.css).map((e) => read(e, reader.read)).filter((v) => v.trim() !== "");
      if (values.length) return { values, elements: queryAll(scope, reader.css), reader };
    }
    return { values: [], elements: [], reader: null };
  }

  function isVisible(element) {
    const box = element.getBoundingClientRect?.();
    return !!box && box.width > 0 && box.height > 0;
  }

  /** A control's accessible name, as far as a content script can tell. */
  function accessibleName(element) {
    return (element.getAttribute("aria-label") || element.getAttribute("title") || element.getAttribute("data-tooltip")
      || element.value || element.textContent || "").trim();
  }

  /** Builds an adapter from data, with the policy's selector overrides laid over it. */
  function makeAdapter(name, overrides) {
    const data = { ...ADAPTERS[name] };
    for (const [part, selectors] of Object.entries(overrides?.[name] ?? {})) {
      const own = data[part] ?? [];
      const reading = own[0]?.read;
      data[part] = [...selectors.map((css) => ({ css, read: reading })), ...own];
    }

    function composes() {
      const found = [];
      for (const reader of data.compose) {
        for (const element of queryAll(document, reader.css)) {
          if (!found.some((f) => f.contains(element) || element.contains(f))) found.push(element);
        }
      }
      return found;
    }

    function composeOf(element) {
      return composes().find((c) => c.contains(element)) ?? null;
    }

    function sendControls(compose) {
      const listed = data.send.flatMap((r) => queryAll(compose, r.css));
      if (listed.length || name !== "generic") return listed;
      // Generic: buttons whose accessible name says send, in Dutch or English.
      return queryAll(compose, "button, input[type=submit], input[type=button], [role=button], a")
        .filter((e) => SEND_NAMES.test(accessibleName(e)));
    }

    /** The send control an event target belongs to, with its compose window; or null. */
    function sendControlOf(target) {
      const compose = target instanceof Element ? composeOf(target) : null;
      if (!compose) return null;
      const control = sendControls(compose).find((c) => c === target || c.contains(target));
      return control ? { control, compose } : null;
    }

    function snapshot(compose) {
      const part = (key) => readPart(compose, data[key]).values;
      const first = (key) => part(key)[0] ?? "";
      return {
        from: first("from"),
        to: part("to"),
        cc: part("cc"),
        bcc: part("bcc"),
        subject: first("subject"),
        body: first("body"),
        attachments: part("attachments").flatMap((names) => names.split("\n")).filter(Boolean).map((n) => ({ name: n.trim(), size: 0 })),
      };
    }

    /** Whether the parts the check needs are there: a send control and a body. */
    function complete(compose) {
      return sendControls(compose).length > 0 && readPart(compose, data.body).elements.length + queryAll(compose, "[contenteditable=true], textarea").length > 0;
    }

    /** Sets a form field the way typing would, so the webmail's own code notices. */
    function setValue(element, value) {
      if (element.isContentEditable) {
        element.textContent = value;
      } else {
        const prototype = element instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
        Object.getOwnPropertyDescriptor(prototype, "value").set.call(element, value);
      }
      element.dispatchEvent(new Event("input", { bubbles: true }));
      element.dispatchEvent(new Event("change", { bubbles: true }));
    }

    /** Applies a fix from a finding to the webmail's own fields. Returns whether it could. */
    function applyFix(compose, fix) {
      if (fix.kind === "add-subject-marker") {
        const subject = readPart(compose, data.subject).elements[0];
        if (!subject) return false;
        setValue(subject, `${fix.marker} ${subject.value ?? ""}`.trim());
        return true;
      }
      let changed = false;
      for (const key of ["to", "cc", "bcc"]) {
        const { elements, reader } = readPart(compose, data[key]);
        for (const element of elements) {
          const current = read(element, reader?.read);
          if (!current.includes(fix.recipient)) continue;
          if (reader?.read && reader.read !== "value") continue; // chips: adapter-specific, not by value
          const entries = current.split(/[,;]/).map((e) => e.trim()).filter(Boolean);
          const kept = entries.flatMap((e) => (e.includes(fix.recipient) ? (fix.kind === "replace-recipient" ? [e.replace(fix.recipient, fix.replacement)] : []) : [e]));
          setValue(element, kept.join(", "));
          changed = true;
        }
      }
      return changed;
    }

    return { name, composes, composeOf, sendControlOf, sendControls, snapshot, complete, applyFix };
  }

  /** The adapter for this page: by host, by recognising a self-hosted webmail, or the generic
   *  one for a host the policy names; null when this is not a webmail page. */
  function adapterFor(location, policy) {
    const host = location.hostname;
    const overrides = policy?.adapterSelectors;
    for (const [name, data] of Object.entries(ADAPTERS)) {
      if (data.hosts.includes(host)) return makeAdapter(name, overrides);
    }
    if (ADAPTERS.roundcube.detect.some((css) => queryAll(document, css).length)) return makeAdapter("roundcube", overrides);
    const listed = (policy?.webmailHosts ?? []).some((h) => h === host || h === location.host);
    return listed ? makeAdapter("generic", overrides) : null;
  }

  /** Whether this host is a known webmail, before the page or the policy has loaded. */
  function knownHost(location) {
    return Object.values(ADAPTERS).some((a) => a.hosts.includes(location.hostname));
  }

  root.zorgvuldig = Object.assign(root.zorgvuldig ?? {}, { adapterFor, knownHost });
})(globalThis);
