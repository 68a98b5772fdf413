// Drafts on the fixture webmails, for tests that run many sends: fill a compose window, change it
// the way the webmail's own code does (an autocomplete that resolves a recipient late), read it
// back, and turn what the webmail's send handler recorded into a core snapshot.
//
// `installDraftHelpers(context)` adds `window.draft` to every fixture page (the page's own world,
// like the webmail's code): fill(draft), addRecipient(address), removeRecipient(address),
// appendBody(text), read() and `warnings` (how many times the extension's warning appeared).

/** The page side; runs in each fixture page before its own scripts. */
function pageHelpers() {
  const $ = (css, scope = document) => scope.querySelector(css);
  const $$ = (css, scope = document) => [...scope.querySelectorAll(css)];
  const ADDRESS = /[^\s<>"',;()]+@[^\s<>"',;()]+/g;
  const addresses = (text) => (String(text).match(ADDRESS) ?? []).map((a) => a.toLowerCase());
  const changed = (element) => element.dispatchEvent(new Event('input', { bubbles: true }));
  const kind = location.pathname.replace(/^\/|\.html$/g, '');

  // Each webmail: its recipient field, subject and body, and how its own code adds a recipient.
  const webmails = {
    generic: {
      to: () => addresses($('input[name=to]').value),
      add(address) {
        const field = $('input[name=to]');
        field.value = field.value ? `${field.value}, ${address}` : address;
        changed(field);
      },
      remove(address) {
        const field = $('input[name=to]');
        field.value = field.value
          .split(',')
          .map((a) => a.trim())
          .filter((a) => a && a.toLowerCase() !== address)
          .join(', ');
        changed(field);
      },
      subject: () => $('input[name=subject]'),
      body: () => $('textarea[name=body]'),
    },
    gmail: {
      compose: () => $('.M9[data-compose-id=c1]'),
      to() {
        const c = this.compose();
        return [
          ...$$('.anm[name=to] [role=option]', c).map((e) => e.dataset.hovercardId.toLowerCase()),
          ...addresses($('.anm[name=to] input', c).value),
        ];
      },
      add(address) {
        // Gmail's own input takes the address and makes a chip on Enter.
        const input = $('.anm[name=to] input[role=combobox]', this.compose());
        input.value = address;
        input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
        changed(input);
      },
      remove(address) {
        $$(`.anm[name=to] [role=option][data-hovercard-id="${address}"]`, this.compose()).forEach((chip) => chip.remove());
      },
      subject() {
        return $('input[name=subjectbox]', this.compose());
      },
      body() {
        return $('[g_editable=true]', this.compose());
      },
    },
    outlook: {
      compose: () => $('.compose[data-compose-id=o1]'),
      well() {
        return $(':is([id$=_TO], [aria-labelledby=recipient-well-label-to]) .well', this.compose());
      },
      // The page's own state knows the address behind every chip (in the 2026 copy a contact's chip shows only the name).
      to: () => window.recipientsOf('to'),
      add(address) {
        const well = this.well();
        well.append(document.createTextNode(`${address};`));
        changed(well);
      },
      remove(address) {
        const chips = $$('._EType_RECIPIENT_ENTITY', this.well());
        const known = window.recipientsOf('to');
        // The chips are in the same order as the page's list of addresses (loose text comes after them).
        chips.filter((chip, i) => known[i] === address).forEach((chip) => chip.remove());
      },
      subject() {
        return $('input.subject', this.compose());
      },
      body() {
        return $('[id^=editorParent_] [role=textbox]', this.compose());
      },
      attachments() {
        return $$('.attachments [role=option]', this.compose()).map((e) => e.title);
      },
    },
    roundcube: {
      input: () => $('#compose_to .recipient-input input'),
      to() {
        return [
          ...$$('#compose_to .recipient-input .recipient').flatMap((e) => addresses(e.textContent)),
          ...addresses(this.input().value),
        ];
      },
      add(address) {
        const input = this.input();
        input.value = `${address},`;
        input.dispatchEvent(new Event('change'));
      },
      remove(address) {
        $$('#compose_to .recipient-input .recipient')
          .filter((e) => addresses(e.textContent).includes(address))
          .forEach((chip) => chip.remove());
        $('#_to').value = $('#compose_to .recipient-input').textContent; // the widget keeps the textarea in step
      },
      subject: () => $('#compose-subject'),
      body: () => $('#composebody'),
    },
  };
  webmails['send-paths'] = webmails.generic; // the same fields, sent in other ways
  const webmail = webmails[kind];
  if (!webmail) return;

  const text = (element) => ('value' in element ? element.value : element.innerText);
  const setText = (element, value) => {
    if ('value' in element) element.value = value;
    else element.innerText = value;
    changed(element);
  };

  window.draft = {
    warnings: 0,
    fill({ to, subject, body }) {
      to.forEach((address) => webmail.add(address));
      setText(webmail.subject(), subject);
      setText(webmail.body(), body);
    },
    addRecipient: (address) => webmail.add(address),
    removeRecipient: (address) => webmail.remove(address),
    appendBody(more) {
      const body = webmail.body();
      setText(body, text(body) + more);
    },
    read: () => ({
      to: webmail.to(),
      subject: text(webmail.subject()),
      body: text(webmail.body()).replace(/\n+$/, ''),
      attachments: webmail.attachments?.() ?? [],
    }),
  };
  // The extension's warning is a host element with a closed shadow root; counting its arrivals
  // needs no look inside.
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes)
        if (node.nodeType === 1 && node.getAttribute('data-zorgvuldig') === 'warning') window.draft.warnings += 1;
    }
  }).observe(document, { childList: true, subtree: true });
}

/** Adds `window.draft` to every page of the browser context. */
export async function installDraftHelpers(context) {
  await context.addInitScript(`(${pageHelpers})()`);
}

const ADDRESS = /[^\s<>"',;()]+@[^\s<>"',;()]+/g;

/** A recipient field as the fixture recorded it (a list, or Roundcube's "a, Name <b>" text). */
function recipients(field) {
  const list = Array.isArray(field) ? field : [field ?? ''];
  return list.flatMap((entry) => String(entry).match(ADDRESS) ?? []).map((a) => a.toLowerCase());
}

/** What a fixture's send handler recorded, as a draft ({to, subject, body, attachments}). */
export function draftOfRecord(record) {
  return {
    to: recipients(record.to),
    subject: record.subject ?? '',
    body: String(record.body ?? '').replace(/\n+$/, ''),
    attachments: record.attachments ?? [],
  };
}

/** A core snapshot of a draft (recipients, subject, body and attachments). */
export function snapshotOf(draft) {
  return {
    to: draft.to,
    subject: draft.subject,
    body: draft.body,
    attachments: (draft.attachments ?? []).map((name) => ({ name, size: 0 })),
  };
}
