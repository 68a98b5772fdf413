// The selector interpreter: reads a webmail's compose windows (recipients, subject, body,
// attachments, send controls) from an adapter's data, and applies fixes through the webmail's own
// widgets. The adapters are data, one file per webmail in adapters/ (gmail, outlook, roundcube,
// and generic: the safe default for other webmail hosts), loaded after this file by the manifest
// and registered in `zorgvuldig.adapters`; a webmail's DOM change is followed by changing its
// data, even from policy (`adapterSelectors`). Selectors reach into shadow roots and same-origin
// frames (dom.js). Besides its own send selectors, every adapter takes any control in a compose
// window named send (text, label, title or icon name, Dutch or English) as a send control;
// `shortcuts` lists the webmail's send keys.
//
// A part is a list of readers. For subject and body the first reader that finds something wins;
// recipients and attachments collect every reader (chips, the text still being typed, hidden
// fields), with duplicate addresses dropped. A reader is:
//   {css: "selector",                 searched inside the compose window, or in the whole
//    scope: "document",                document (parts a webmail renders outside it: menus, lists)
//    read: "value" | "text" | "field" | "attr:NAME" | "address" | "frame" | "loose:CHIP_SELECTOR" | "files",
//    text: /accessible name/,          only elements whose name matches (send menu items)
//    label: /label/, notLabel: /label/, only fields whose label (labelOf: aria-label(ledby),
//                                      <label>, placeholder, title) matches, or does not
//    row: "to" | "cc" | "bcc",         only inside the rows labelled for that recipient field
//    chip: true,                       (with row) the chips there, not the fields
//    fallback: true,                   (send) a control that counts only when none is named send
//    only: true}                       when the element exists, its value counts even if empty
// A recipient chip reader also says how a fix changes it the way the user would:
//   remove: "selector" (the chip's own remove control), field: "selector" (the chip's field,
//   an ancestor), input: "selector" (where the user types, inside the field),
//   commit: "paste" | "change" | "separator" (how the webmail turns typed text into a chip).
// A compose reader is {css}; {from: "selector", containing: "selector"}: the nearest ancestor of
// `from` that also contains `containing` (a body and its send button); {region: "selector",
// holds: [parts]}: elements that hold each part ("body", "to", or "send": a control named send);
// or {around: part, holds: [parts]}: the nearest ancestor of each element of `around` that holds
// the parts. The generic adapter's readers (how it reads a page as a person would): docs/webmails.md.
(function (root) {
  const { composedParent, deepContains, queryAll, windowOf } = root.zorgvuldig.dom;
  const { ADDRESS, addressesIn: addresses, fixRecipientText, fixTarget } = root.zorgvuldig.decision;
  const SEND_NAMES = /^\s*(verzenden|verstuur|versturen|send|senden|envoyer)\b/i;
  /** Items of a send menu: send, schedule, send later. */
  const SEND_ITEM_NAMES =
    /^\s*(verzenden|versturen|send|verzending plannen|verzenden plannen|plan verzenden|schedule send|later verzenden|later versturen|send later)\b/i;
  /** What can be pressed: where a send control is looked for by its name. */
  const CONTROLS = "button, input[type=submit], input[type=button], input[type=image], [role=button], [role=menuitem], a";
  /** Rich-text editors that keep the body in an iframe of their own (TinyMCE, CKEditor, others). */
  const EDITOR_FRAMES =
    "iframe[id$=_ifr], iframe.cke_wysiwyg_frame, iframe.tox-edit-area__iframe, iframe[title*=editor i], iframe[title*='rich text' i]";

  // What the generic adapter looks for, as a person would (Dutch and English).
  /** Fields a person types into: where recipients, a subject or a body are written. */
  const FIELDS =
    "input:not([type=hidden], [type=checkbox], [type=radio], [type=file], [type=submit], [type=button], [type=image], [type=reset]), " +
    "textarea, [contenteditable=true], [contenteditable=''], [role=combobox], [role=textbox]";
  /** Widgets that hold a field's chips and carry its label (UI kits' chip lists). */
  const FIELD_GROUPS =
    "[role=listbox], [role=grid], [role=list], [role=group], mat-chip-grid, mat-chip-list, mat-chip-listbox, mat-chip-set, md-chips";
  /** A recipient chip in common UI kits: Material (md-chip, mat-chip), ARIA options, list items
   *  and rows, and elements named chip, token or recipient. The innermost such element that holds
   *  no field is the chip. */
  const CHIPS =
    "md-chip, mat-chip, mat-chip-row, mat-chip-option, mat-basic-chip, [role=option], [role=listitem], [role=row], li, " +
    "[class*=chip i], [class*=token i], [class*=recipient i], [class*=pill i]";
  /** Labels of a compose window's parts, by a field's label, aria-label(ledby), placeholder or title,
   *  or by a short text beside the field. */
  const FIELD_LABELS = {
    to: /^\s*(aan|to|ontvangers?|recipients?)\b(?!\s*[a-z])/i,
    cc: /^\s*cc\b(?!\s*[a-z])/i,
    bcc: /^\s*bcc\b(?!\s*[a-z])/i,
    from: /^\s*(van|afzender|from)\b(?!\s*[a-z])/i,
    subject: /^\s*(onderwerp|subject)\b/i,
    body: /^\s*(bericht|berichttekst|berichtinhoud|inhoud|tekst|message|message body|body|text)\b/i,
    header: /^\s*(aan|to|ontvangers?|recipients?|cc|bcc|van|afzender|from|onderwerp|subject)\b/i,
  };
  /** A short text that labels the field beside it ("Aan", "Cc:"). */
  const LABEL_TEXT_MAX = 24;

  /** The adapters' data by name, filled by the files in adapters/ as they load (manifest.json:
   *  gmail, outlook, roundcube, generic; the order in which hosts are matched). */
  const ADAPTERS = {};

  function read(element, how) {
    if (!how || how === "value") return element.value ?? element.textContent ?? "";
    if (how === "text") return element.innerText ?? element.textContent ?? "";
    if (how === "field")
      return element.isContentEditable ? (element.innerText ?? element.textContent ?? "") : (element.value ?? element.textContent ?? "");
    if (how === "files") return [...(element.files ?? [])].map((f) => f.name).join("\n");
    if (how === "frame") {
      try {
        const body = element.contentDocument?.body;
        return body ? (body.innerText ?? body.textContent ?? "") : "";
      } catch {
        return ""; // a cross-origin editor frame: its own content script does not help here
      }
    }
    if (how === "address") return addressOf(element);
    if (how.startsWith("loose:")) {
      // Text typed into a recipient well that has not become a chip yet.
      const copy = element.cloneNode(true);
      for (const chip of copy.querySelectorAll(how.slice(6))) chip.remove();
      return (copy.textContent ?? "").replace(/\u200b/g, "").trim();
    }
    if (how.startsWith("attr:")) return element.getAttribute(how.slice(5)) ?? "";
    return "";
  }

  /** Presence that Outlook puts before a contact's name in a chip's accessible name. */
  const PRESENCE =
    /^\s*(beschikbaar|bezet|afwezig|niet storen|zo terug|offline|onbekend|available|busy|away|appear away|do not disturb|be right back|unknown)\s+/i;

  /** The first e-mail address in an element's attributes (`data-hovercard-id`, `email`,
   *  `data-email`, `aria-label`, `title`, then any other), or null. */
  function addressInAttributes(element) {
    const names = ["data-hovercard-id", "email", "data-email", "aria-label", "title", ...element.getAttributeNames()];
    for (const name of names) {
      const found = element.getAttribute(name)?.match(ADDRESS);
      if (found) return found[0];
    }
    return null;
  }

  /**
   * What a recipient chip says about its recipient, in this order:
   * 1. an address in the chip's own attributes (Gmail's `data-hovercard-id`, Outlook's
   *    `aria-label` before 2026);
   * 2. an address in the attributes of an element inside it (a hidden element, a persona card's
   *    data, a `title`);
   * 3. its text, when that holds an address (a typed address, "Naam <adres>");
   * 4. otherwise its display name without presence ("Beschikbaar Marieke de Boer" → "Marieke de
   *    Boer"): an entry with no address, which the core reports as `unresolved-recipient` and never
   *    takes as clean. An empty chip is "(?)", for the same reason.
   */
  function addressOf(chip) {
    const own = addressInAttributes(chip);
    if (own) return own;
    for (const inner of chip.querySelectorAll("*")) {
      const found = addressInAttributes(inner);
      if (found) return found;
    }
    const text = (chip.textContent ?? "").replace(/[\s,;]+$/, "").trim();
    if (text.match(ADDRESS)) return text;
    const name =
      chip.querySelector("[class*=textContainer]")?.textContent?.trim() ||
      (chip.getAttribute("aria-label") ?? "").replace(PRESENCE, "").trim() ||
      text;
    return name || "(?)";
  }

  /** A control's accessible name, as far as a content script can tell: its label, title or
   *  tooltip, the text of the element that labels it, its text, or the name of its icon. */
  function accessibleName(element) {
    const labelledBy = element.getAttribute("aria-labelledby");
    const label = labelledBy && element.getRootNode().getElementById?.(labelledBy.split(/\s+/)[0]);
    const icon = element.querySelector?.("[data-icon-name], img[alt], svg title");
    return (
      element.getAttribute("aria-label") ||
      label?.textContent ||
      element.getAttribute("title") ||
      element.getAttribute("data-tooltip") ||
      (element.localName === "input" ? element.value || element.getAttribute("alt") : "") ||
      element.textContent?.trim() ||
      icon?.getAttribute("data-icon-name") ||
      icon?.getAttribute("alt") ||
      icon?.textContent ||
      element.getAttribute("data-icon-name") ||
      ""
    ).trim();
  }

  /** Whether `element` is what `reader` looks for. */
  function fits(element, reader) {
    try {
      return element.matches(reader.css) && (!reader.text || reader.text.test(accessibleName(element)));
    } catch {
      return false;
    }
  }

  function elementsOf(scope, reader) {
    const base = reader.scope === "document" ? (scope.ownerDocument ?? document) : scope;
    if (reader.row) {
      // Inside the rows labelled for a recipient field: its chips (the innermost, holding no
      // field) or its fields, not those inside a chip.
      const found = rowsOf(base, reader.row).flatMap((row) => queryAll(row, reader.css));
      const unique = [...new Set(found)];
      if (reader.chip) {
        // A chip holds no field (the list around the chips holds the input) and is not part of a
        // larger chip (its label, its remove button).
        const chips = unique.filter((e) => !fieldsIn(e).length);
        return chips.filter((e) => !chips.some((other) => other !== e && deepContains(other, e)));
      }
      return unique.filter(
        (e) =>
          !e.matches("[contenteditable] [contenteditable]") &&
          !found.some((other) => other !== e && deepContains(other, e) && other.matches(CHIPS) && !fieldsIn(other).length),
      );
    }
    return queryAll(base, reader.css).filter(
      (e) =>
        (!reader.text || reader.text.test(accessibleName(e))) &&
        (!reader.label || reader.label.test(labelOf(e))) &&
        (!reader.notLabel || !reader.notLabel.test(labelOf(e))),
    );
  }

  /** What labels a field for a person: its aria-label, the elements it is labelled by, its
   *  <label>, its placeholder or title. Empty when nothing does. */
  function labelOf(element) {
    const root = element.getRootNode();
    const byId = (id) => root.getElementById?.(id) ?? null;
    const labelledBy = (element.getAttribute("aria-labelledby") ?? "")
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => byId(id)?.textContent ?? "")
      .join(" ");
    let forLabel = "";
    if (element.id) {
      try {
        forLabel = [...(root.querySelectorAll?.(`label[for="${CSS.escape(element.id)}"]`) ?? [])].map((l) => l.textContent).join(" ");
      } catch {
        forLabel = "";
      }
    }
    const wrapping = element.closest?.("label");
    const wrappingText = wrapping
      ? [...wrapping.childNodes]
          .filter((n) => n.nodeType === 3 || (n.nodeType === 1 && !n.matches(FIELDS)))
          .map((n) => n.textContent)
          .join(" ")
      : "";
    return (
      [
        element.getAttribute("aria-label"),
        labelledBy,
        forLabel,
        wrappingText,
        element.getAttribute("placeholder"),
        element.getAttribute("title"),
      ]
        .map((t) => (t ?? "").replace(/\s+/g, " ").trim())
        .find(Boolean) ?? ""
    );
  }

  /** The fields inside `element` (itself included), not counting those inside chips. */
  const fieldsIn = (element) => [...(element.matches?.(FIELDS) ? [element] : []), ...queryAll(element, FIELDS)];

  /**
   * The rows of a compose window that hold the recipient field `key` ("to", "cc", "bcc"): the
   * largest container around a field labelled for it (or a group such as a chip list labelled
   * for it, or a short text such as "Aan" beside a field) that holds no other field.
   */
  function rowsOf(scope, key) {
    const label = FIELD_LABELS[key];
    const rows = [];
    const rowAround = (start, fields) => {
      let row = start;
      for (let e = composedParent(start); e?.nodeType === 1 && e !== scope && deepContains(scope, e); e = composedParent(e)) {
        const inside = fieldsIn(e);
        if (inside.length > fields.length || inside.some((f) => !fields.includes(f))) break;
        row = e;
      }
      return row;
    };
    for (const field of queryAll(scope, `${FIELDS}, ${FIELD_GROUPS}`)) {
      if (!label.test(labelOf(field))) continue;
      const row = rowAround(field, fieldsIn(field));
      if (!rows.some((r) => deepContains(r, row))) rows.push(row);
    }
    // Short texts beside a field ("Aan:"), when no field is labelled for the key itself.
    const texts = rows.length ? [] : queryAll(scope, "label:not([for]), legend, th, td, dt, span, div, p, strong, b");
    for (const text of texts) {
      if (text.childElementCount > 2) continue; // a container, not a label
      const own = text.textContent.replace(/\s+/g, " ").trim();
      if (
        own.length > LABEL_TEXT_MAX ||
        !label.test(own) ||
        !new RegExp(`${label.source}\\s*:?\\s*$`, "i").test(own) ||
        fieldsIn(text).length
      )
        continue;
      // The text's row: the nearest container that also holds a field.
      let near = null;
      for (let e = composedParent(text); e?.nodeType === 1 && deepContains(scope, e); e = composedParent(e)) {
        if (fieldsIn(e).length) {
          near = e;
          break;
        }
      }
      if (!near) continue;
      const row = rowAround(near, fieldsIn(near));
      if (fieldsIn(row).some((f) => FIELD_LABELS.header.test(labelOf(f)) && !label.test(labelOf(f)))) continue; // another part's field
      if (!rows.some((r) => deepContains(r, row) || deepContains(row, r))) rows.push(row);
    }
    return rows;
  }

  /** The first reader that finds something: all its matches, read. */
  function readPart(scope, readers) {
    for (const reader of readers ?? []) {
      const elements = elementsOf(scope, reader);
      const values = elements.map((e) => read(e, reader.read)).filter((v) => v.trim() !== "");
      if (values.length || (reader.only && elements.length)) return { values: values.length ? values : [""], elements, reader };
    }
    return { values: [], elements: [], reader: null };
  }

  /** Every reader's entries ({text, element, reader}); an entry whose addresses were all seen
   *  already (a chip and the hidden field behind it) is left out. */
  function readAll(scope, readers) {
    const seen = new Set();
    const entries = [];
    for (const reader of readers ?? []) {
      for (const element of elementsOf(scope, reader)) {
        const text = read(element, reader.read).trim();
        if (!text) continue;
        const found = addresses(text);
        if (found.length ? found.every((a) => seen.has(a)) : seen.has(text)) continue;
        (found.length ? found : [text]).forEach((a) => seen.add(a));
        entries.push({ text, element, reader });
      }
    }
    return entries;
  }

  /** Sets a form field the way typing would, so the webmail's own code notices. */
  function setValue(element, value) {
    if (element.isContentEditable) {
      element.textContent = value;
    } else {
      const view = windowOf(element); // a field in a frame has its frame's constructors
      const prototype = element.localName === "textarea" ? view.HTMLTextAreaElement.prototype : view.HTMLInputElement.prototype;
      Object.getOwnPropertyDescriptor(prototype, "value").set.call(element, value);
    }
    element.dispatchEvent(new Event("input", { bubbles: true }));
    element.dispatchEvent(new Event("change", { bubbles: true }));
  }

  /** A click as a pointer makes it (some webmails act on mousedown or mouseup). */
  function press(element) {
    const view = element.ownerDocument.defaultView;
    for (const type of ["mousedown", "mouseup", "click"]) {
      element.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, composed: true, view, button: 0 }));
    }
  }

  /** Types text at the end of a contenteditable field, as the keyboard would. */
  function typeInto(element, text) {
    const doc = element.ownerDocument;
    element.focus();
    const selection = doc.getSelection();
    const range = doc.createRange();
    range.selectNodeContents(element);
    range.collapse(false);
    selection.removeAllRanges();
    selection.addRange(range);
    if (!doc.execCommand("insertText", false, text)) {
      element.append(doc.createTextNode(text));
      element.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText", data: text }));
    }
  }

  /** Removes a recipient chip through its own remove control (or, lacking one, from the DOM). */
  function removeChip(entry) {
    const { element, reader } = entry;
    const control = queryAll(element, reader.remove)[0];
    if (control) {
      press(control);
    } else {
      const field = element.closest(reader.field) ?? element.parentElement;
      element.remove();
      field?.dispatchEvent(new Event("input", { bubbles: true }));
    }
  }

  /** Enters an address into a chip field the way the webmail expects it typed. */
  function enterRecipient(compose, entry, address) {
    const { reader } = entry;
    // A chip of a labelled row (generic adapter): the row's field; else the chip's own field.
    const field = reader.row
      ? (rowsOf(compose, reader.row)[0] ?? null)
      : entry.element.isConnected
        ? entry.element.closest(reader.field)
        : null;
    const scope = field ?? queryAll(compose, reader.field)[0] ?? compose;
    const input = scope.matches?.(reader.input) ? scope : queryAll(scope, reader.input)[0];
    if (!input) return false;
    if (reader.commit === "paste") {
      const data = new DataTransfer();
      data.setData("text/plain", address);
      input.focus();
      // Chromium reads clipboardData; Firefox builds the event's data from dataType and data.
      const init = { clipboardData: data, dataType: "text/plain", data: address, bubbles: true, cancelable: true };
      input.dispatchEvent(new ClipboardEvent("paste", /** @type {ClipboardEventInit} */ (init)));
    } else if (reader.commit === "change") {
      setValue(input, address);
    } else if (input.isContentEditable) {
      typeInto(input, `${address};`);
    } else {
      setValue(input, `${address};`);
    }
    return true;
  }

  /** The compose window a pointer or focus was last in, per document (for menus outside it). */
  const lastActive = new WeakMap();

  /** Builds an adapter from data, with the policy's selector overrides laid over it. */
  function makeAdapter(name, overrides) {
    const data = { ...ADAPTERS[name] };
    for (const [part, selectors] of Object.entries(overrides?.[name] ?? {})) {
      const own = Array.isArray(data[part]) ? data[part] : [];
      const reading = own[0]?.read;
      data[part] = [...(Array.isArray(selectors) ? selectors : []).map((css) => ({ css, read: reading })), ...own];
    }

    /** Send controls inside a compose window: the adapter's own, then any control named send. */
    const ownSend = data.send.filter((r) => r.scope !== "document");
    const sendReaders = ownSend.some((r) => r.css === CONTROLS && r.text === SEND_NAMES)
      ? ownSend
      : [...ownSend, { css: CONTROLS, text: SEND_NAMES }];
    /** Send items of menus the webmail renders anywhere in the page. */
    const menuReaders = data.send.filter((r) => r.scope === "document");

    /** The readers of a part: an adapter part such as "body" or "to", or "send" (a control named send). */
    const readersOf = (part) => (part === "send" ? sendReaders.filter((r) => !r.fallback) : data[part]);
    /** The elements of a part inside `scope`. */
    const partIn = (scope, part) => readersOf(part).flatMap((r) => elementsOf(scope, r));
    /** Whether `element` holds each of the parts. */
    const holds = (element, parts) => parts.every((part) => readersOf(part).some((r) => elementsOf(element, r).length));

    /** The elements a compose reader finds in the page; those `skip` says are found already are
     *  not looked at.
     *  @param {(element: Element) => boolean} [skip] */
    function candidatesOf(reader, skip = () => false) {
      if (reader.from || reader.around) {
        // The nearest ancestor of each start element that holds what the reader asks for (the
        // parts' elements in the page looked up once, not again at every ancestor).
        const starts = (reader.from ? queryAll(document, reader.from) : partIn(document, reader.around)).filter((e) => !skip(e));
        if (!starts.length) return [];
        const wanted = reader.from ? [queryAll(document, reader.containing)] : reader.holds.map((part) => partIn(document, part));
        return starts
          .map((start) => {
            for (let e = composedParent(start); e?.nodeType === 1; e = composedParent(e)) {
              if (wanted.every((elements) => elements.some((w) => deepContains(e, w)))) return e;
            }
            return null;
          })
          .filter(Boolean);
      }
      if (reader.region) return queryAll(document, reader.region).filter((e) => !skip(e) && holds(e, reader.holds));
      return queryAll(document, reader.css);
    }

    /** The compose windows found while the current task runs (an event reaches several
     *  listeners, each asking): looked for again in the next one. */
    let found = null;

    function composes() {
      if (found) return found;
      const overlaps = (element) => found.some((f) => deepContains(f, element) || deepContains(element, f));
      found = [];
      queueMicrotask(() => {
        found = null;
      });
      for (const reader of data.compose) {
        for (const element of candidatesOf(reader, overlaps)) {
          if (!overlaps(element)) found.push(element);
        }
      }
      return found;
    }

    function composeOf(element) {
      const node =
        element?.nodeType === 1 ? element : (element?.parentElement ?? (element?.nodeType === 9 ? element.documentElement : null));
      return node ? (composes().find((c) => deepContains(c, node)) ?? null) : null;
    }

    function sendControls(compose) {
      for (const reader of sendReaders) {
        const found = elementsOf(compose, reader);
        if (found.length) return [...new Set(found)];
      }
      return [];
    }

    /** The compose window a send menu (outside every compose window) belongs to: the one whose
     *  menu opener is open, else the one last used, else the only one. */
    function menuCompose() {
      const all = composes();
      return (
        all.find((c) => data.menuOpener && queryAll(c, data.menuOpener).length) ??
        all.find((c) => lastActive.get(document) && deepContains(c, lastActive.get(document))) ??
        (all.length === 1 ? all[0] : null)
      );
    }

    /**
     * The send control an event target is part of, and the compose window it sends: `{control,
     * compose}`; compose is null for a send item whose compose window cannot be told (several
     * open, none used last), which the guard treats as a send it cannot check. Null when the
     * target is no send control. Climbs across shadow roots and frames.
     */
    function sendControlOf(target) {
      for (let e = target; e; e = composedParent(e)) {
        if (e.nodeType !== 1) continue;
        if (sendReaders.some((r) => !r.fallback && fits(e, r))) {
          const compose = composeOf(e);
          if (compose) return { control: e, compose };
        }
        // A submit button is a send control only in a compose window with no control named send.
        if (sendReaders.some((r) => r.fallback && fits(e, r))) {
          const compose = composeOf(e);
          if (compose && sendControls(compose).includes(e)) return { control: e, compose };
        }
        if (menuReaders.some((r) => fits(e, r))) {
          return { control: e, compose: composeOf(e) ?? menuCompose() };
        }
      }
      return null;
    }

    /** The control that now stands where `control` stood (webmails re-render their buttons): the
     *  same one while it is in the page, else the compose window's send control of the same name. */
    function sameControl(compose, control) {
      if (control.isConnected) return control;
      const name = accessibleName(control);
      const menu = menuReaders.some((r) => fits(control, r));
      const candidates = menu ? menuReaders.flatMap((r) => elementsOf(compose, r)) : sendControls(compose);
      return (
        candidates.find((c) => accessibleName(c) === name && c.localName === control.localName) ??
        candidates.find((c) => accessibleName(c) === name) ??
        null
      );
    }

    /** Whether a key event is one of the webmail's send shortcuts ("Mod+Enter": Ctrl or Cmd). */
    function isShortcut(event) {
      return (data.shortcuts ?? ["Mod+Enter"]).some((shortcut) => {
        const keys = shortcut.split("+");
        const key = keys.pop();
        const mod = keys.includes("Mod");
        return (
          event.key?.toLowerCase() === key.toLowerCase() &&
          (mod ? event.ctrlKey || event.metaKey : !event.ctrlKey && !event.metaKey) &&
          event.altKey === keys.includes("Alt") &&
          (!event.shiftKey || keys.includes("Shift"))
        );
      });
    }

    function snapshot(compose) {
      const all = (key) => readAll(compose, data[key]).map((e) => e.text);
      const first = (key) => readPart(compose, data[key]).values[0] ?? "";
      return {
        from: first("from"),
        to: all("to"),
        cc: all("cc"),
        bcc: all("bcc"),
        subject: first("subject"),
        body: first("body"),
        attachments: all("attachments")
          .flatMap((names) => names.split("\n"))
          .map((n) => n.trim())
          .filter(Boolean)
          .filter((n, i, list) => list.indexOf(n) === i)
          .map((n) => ({ name: n })),
      };
    }

    /** The parts the check needs that cannot be found or read in a compose window ("send",
     *  "to", "body"); empty when the compose window can be guarded. At a send (`sending`), a
     *  compose window from which no recipient at all can be read misses "to" too: it is never
     *  taken as clean. */
    function missing(compose, { sending = false } = {}) {
      // The first body reader that finds an element (empty or not); an editor frame must be readable.
      const body = data.body.map((reader) => ({ reader, elements: elementsOf(compose, reader) })).find((b) => b.elements.length);
      const bodyRead = body && (body.reader.read !== "frame" || body.elements.every((f) => f.contentDocument?.body));
      return [
        sendControls(compose).length ? null : "send",
        data.to.some((reader) => elementsOf(compose, reader).length) &&
        (!sending || ["to", "cc", "bcc"].some((key) => readAll(compose, data[key]).length))
          ? null
          : "to",
        bodyRead ? null : "body",
      ].filter(Boolean);
    }

    /** Applies a fix from a finding to the webmail's own fields. Returns whether it could. */
    function applyFix(compose, fix) {
      if (fix.kind === "add-subject-marker") {
        const subject = readPart(compose, data.subject).elements[0];
        if (!subject) return false;
        setValue(subject, `${fix.marker} ${subject.value ?? ""}`.trim());
        return true;
      }
      // The finding names the recipient as typed ("Jan Bos <j.bos@x.nl>" or "j.bos@x.nl").
      const target = fixTarget(fix);
      if (!target) return false;
      let changed = false;
      for (const key of ["to", "cc", "bcc"]) {
        const hits = readAll(compose, data[key]).filter((e) => e.text.toLowerCase().includes(target));
        const chips = hits.filter((e) => e.reader.remove);
        if (chips.length) {
          // A chip: remove it with its own control, then type the successor where the user would.
          for (const entry of chips) {
            removeChip(entry);
            if (fix.kind === "replace-recipient" && fix.replacement) enterRecipient(compose, entry, fix.replacement);
          }
          changed = true;
          continue;
        }
        for (const { element, reader } of hits) {
          if (reader.read && reader.read !== "value") continue;
          // A field of typed text ("Jan Bos <j.bos@x.nl>, ..."): the entry changed as the user would.
          const fixed = fixRecipientText(read(element, "value"), fix);
          if (fixed === null) continue;
          setValue(element, fixed);
          changed = true;
        }
      }
      return changed;
    }

    /**
     * How well this adapter fits the page, for an administrator (the options page shows it): for
     * each compose window and part, the first selector that matched and how many elements it
     * found, and for each recipient entry whether an address could be read. Metadata only: no
     * text or address from the page.
     */
    function diagnose() {
      const named = (css) => ({ [FIELDS]: "a field", [CHIPS]: "a chip" })[css] ?? css;
      const describe = (reader) => {
        if (reader.from) return `${reader.from} ⊂ ${reader.containing}`;
        if (reader.region) return `${reader.region} holding ${reader.holds.join(" + ")}`;
        if (reader.around) return `around the ${reader.around}: the nearest container holding ${reader.holds.join(" + ")}`;
        if (reader.row) return `${named(reader.css)} in the row labelled ${reader.row} (${FIELD_LABELS[reader.row].source.slice(0, 40)}…)`;
        return (
          named(reader.css) +
          (reader.text ? ` named (${reader.text.source.slice(0, 40)}…)` : "") +
          (reader.label ? ` labelled (${reader.label.source.slice(0, 40)}…)` : "") +
          (reader.notLabel ? " not labelled as a header field" : "") +
          (reader.fallback ? " (no control in the window named send)" : "")
        );
      };
      const firstMatch = (scope, readers) => {
        for (const reader of readers ?? []) {
          const count = elementsOf(scope, reader).length;
          if (count) return { selector: describe(reader), count };
        }
        return { selector: null, count: 0 };
      };
      const composeReader = data.compose.find((reader) => candidatesOf(reader).length);
      const sendPart = (compose) => {
        const controls = sendControls(compose);
        const reader = sendReaders.find((r) => controls.some((c) => fits(c, r)));
        return { part: "send", selector: reader ? describe(reader) : null, count: controls.length };
      };
      const windows = composes();
      return {
        adapter: name,
        compose: { selector: composeReader ? describe(composeReader) : null, count: windows.length },
        windows: windows.map((compose) => ({
          missing: missing(compose),
          parts: [
            ...["to", "cc", "bcc", "subject", "body", "attachments"].map((part) => ({ part, ...firstMatch(compose, data[part]) })),
            sendPart(compose),
          ],
          recipients: ["to", "cc", "bcc"].flatMap((field) =>
            readAll(compose, data[field]).map((entry) => ({
              field,
              address: addresses(entry.text).length > 0,
              chip: Boolean(entry.reader.remove),
            })),
          ),
        })),
      };
    }

    return {
      name,
      indicatorCorner: data.indicatorCorner ?? "bottom-left",
      composes,
      composeOf,
      sendControlOf,
      sendControls,
      sameControl,
      isShortcut,
      snapshot,
      missing,
      applyFix,
      diagnose,
    };
  }

  /** On a host the policy lists, the webmail is recognised by its DOM once it is there (Gmail,
   *  Outlook and Roundcube pages build their compose windows after load); until then the generic
   *  adapter applies. Same interface as an adapter. */
  function makeDetecting(overrides) {
    const generic = makeAdapter("generic", overrides);
    let found = null;
    const current = () => {
      if (found) return found;
      const name = ["gmail", "outlook", "roundcube"].find((n) => ADAPTERS[n].detect.some((css) => queryAll(document, css).length));
      if (name) found = makeAdapter(name, overrides);
      return found ?? generic;
    };
    const adapter = {};
    for (const method of [
      "composes",
      "composeOf",
      "sendControlOf",
      "sendControls",
      "sameControl",
      "isShortcut",
      "snapshot",
      "missing",
      "applyFix",
      "diagnose",
    ]) {
      adapter[method] = (...args) => current()[method](...args);
    }
    Object.defineProperty(adapter, "name", { get: () => current().name, enumerable: true });
    return adapter;
  }

  /** This document's host; about:blank frames and pop-outs (Outlook opens its pop-out compose
   *  windows as about:blank) count as their creator's host. */
  function hostOf(location) {
    if (location.protocol === "about:" || location.protocol === "data:") {
      try {
        const url = new URL(root.origin);
        return { hostname: url.hostname, host: url.host };
      } catch {
        return { hostname: "", host: "" };
      }
    }
    return { hostname: location.hostname, host: location.host };
  }

  function trackActive() {
    if (lastActive.has(document)) return;
    lastActive.set(document, null);
    const note = (event) => {
      const target = event.composedPath?.()[0] ?? event.target;
      if (target?.nodeType === 1 && !target.closest("[role=menu]")) lastActive.set(document, target);
    };
    document.addEventListener("pointerdown", note, true);
    document.addEventListener("focusin", note, true);
  }

  /** The adapter for this page: the one the policy names for this host (`webmailAdapters`), by
   *  host, by recognising a self-hosted webmail, or (on a host the policy lists) by recognising
   *  the webmail's DOM, else the generic one; null when this is not a webmail page. */
  function adapterFor(location, policy) {
    const { hostname, host } = hostOf(location);
    const overrides = policy?.adapterSelectors;
    trackActive();
    const named = namedAdapter(location, policy);
    if (named) return makeAdapter(named, overrides);
    for (const [name, data] of Object.entries(ADAPTERS)) {
      if (data.hosts.includes(hostname)) return makeAdapter(name, overrides);
    }
    if (ADAPTERS.roundcube.detect.some((css) => queryAll(document, css).length)) return makeAdapter("roundcube", overrides);
    const listed = (policy?.webmailHosts ?? []).some((h) => h === hostname || h === host);
    return listed ? makeDetecting(overrides) : null;
  }

  /** The adapter the policy names for this host (`webmailAdapters`), or null. */
  function namedAdapter(location, policy) {
    const { hostname, host } = hostOf(location);
    const named = policy?.webmailAdapters?.[host] ?? policy?.webmailAdapters?.[hostname];
    return typeof named === "string" && Object.hasOwn(ADAPTERS, named) ? named : null;
  }

  /** Whether this host is a known webmail, before the page or the policy has loaded. */
  function knownHost(location) {
    const { hostname } = hostOf(location);
    return Object.values(ADAPTERS).some((a) => a.hosts.includes(hostname));
  }

  root.zorgvuldig = Object.assign(root.zorgvuldig ?? {}, {
    adapterFor,
    knownHost,
    namedAdapter,
    adapters: ADAPTERS,
    /** What the generic adapter and the send menus are found by, as a person reads them. */
    vocabulary: { SEND_NAMES, SEND_ITEM_NAMES, CONTROLS, EDITOR_FRAMES, FIELDS, CHIPS, FIELD_LABELS },
  });
})(globalThis);
