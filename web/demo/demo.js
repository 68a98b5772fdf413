// The training demo: a webmail look-alike of the fictional Jeugdzorg Kompas in which trainees play
// the scenarios of scenarios.js. Send runs the zorgvuldig core (WebAssembly from web/pkg/core) on
// the message, exactly as the extension does, and shows the extension's own warning dialog and
// indicator (web/shared/, loaded by index.html). After each choice the training panel says what
// happened, why it matters and what the right path was. Nothing leaves the page.
// An attached file is read as the extension reads it: by the extractors' Wasm module
// (web/pkg/extract, `make wasm-extract`), loaded when the first file is added; a document of the
// picker with a `file` is a real one (`make demo-build` writes it from tests/attachments/files/).

import init, { Engine, version } from '../pkg/core/zorgvuldig.js';
import { DEMO_POLICY } from './policy.js';
import { CONTACTS, DOCUMENTS, ME, SCENARIOS, inboxOf } from './scenarios.js';
import { TEXTS } from './texts.js';

/** @typedef {import('../pkg/core/zorgvuldig.js').Snapshot} Snapshot */
/** @typedef {import('../pkg/core/zorgvuldig.js').Verdict} Verdict */

const z = globalThis.zorgvuldig;
// ../shared/element.js and decision.js, loaded by index.html
const { el } = z;
const { addressesIn, fixRecipientText, recipientEntries, sendDecision } = z.decision;
const $ = (id) => document.getElementById(id);
/** The feedback dialog after each exercise. */
const feedbackDialog = () => /** @type {HTMLDialogElement} */ ($('feedback'));
const RECIPIENT_FIELDS = ['to', 'cc', 'bcc'];

const state = {
  lang: 'nl',
  trainer: false,
  engine: null,
  engineFailed: null,
  scenario: 0,
  done: new Set(),
  inbox: [],
  sent: [],
  folder: 'inbox',
  open: null, // id of the message in the reading pane
  compose: null, // {mode, to, cc, bcc, subject, body, attachments, showCc, warned}
  composeHidden: false,
  justSent: false,
  dialogOpen: false,
  outcome: null, // {kind, summary}
  started: false, // the first route has chosen a scenario
};

const t = () => TEXTS[state.lang];
const scenario = () => SCENARIOS[state.scenario];
const scenarioText = () => scenario().text[state.lang];

// ---------------------------------------------------------------------------------------------
// Small helpers

/** "Jan Bos <j.bos@x.nl>" → "Jan Bos"; a bare address stays as it is. */
const displayName = (entry) => entry.replace(/\s*<[^>]*>\s*$/, '').replace(/^"|"$/g, '') || entry;
const isMe = (entry) => addressesIn(entry).includes(addressesIn(ME)[0]);

// ---------------------------------------------------------------------------------------------
// The check: the same core and policy shape as the extension

function buildEngine() {
  state.engine?.free();
  state.engine = new Engine({ ...DEMO_POLICY, language: state.lang });
}

/** @returns {Snapshot} */
function snapshotOf(compose) {
  return {
    from: ME,
    to: recipientEntries(compose.to),
    cc: recipientEntries(compose.cc),
    bcc: recipientEntries(compose.bcc),
    subject: compose.subject,
    body: compose.body,
    attachments: compose.attachments.map(({ name, size, texts, pages, unreadable }) => ({ name, size, texts, pages, unreadable })),
  };
}

/** The extractors' module, imported and compiled when the first file is added. */
let extractor = null;

/** What is inside a file, as the snapshot carries it ({texts, pages, unreadable}); a failure to
 *  read is `unreadable: "failed"`, which the core reports, never an empty file. */
async function readInside(name, bytes) {
  try {
    extractor ??= import('../pkg/extract/zorgvuldig_extract.js').then(async (module) => {
      await module.default();
      return module;
    });
    return (await extractor).extract(name, new Uint8Array(bytes));
  } catch {
    extractor = null;
    return { unreadable: 'failed' };
  }
}

/** The verdict on the open draft; throws when the core is not available or fails.
 *  @returns {Verdict} */
function check() {
  if (!state.engine) throw Object.assign(new Error(state.engineFailed ?? 'not loaded'), { code: 'core-unavailable' });
  return state.engine.analyze(snapshotOf(state.compose));
}

let indicator = null;
let checkTimer = null;

/** The extension's indicator while composing, updated a moment after typing stops. */
function updateIndicator() {
  clearTimeout(checkTimer);
  if (!state.compose || state.composeHidden) return;
  indicator ??= z.createIndicator();
  try {
    indicator.update({ state: 'issues', verdict: check(), language: state.lang });
  } catch {
    indicator.update({ state: 'inactive', language: state.lang, reason: 'core' });
  }
}

function removeIndicator() {
  clearTimeout(checkTimer);
  indicator?.remove();
  indicator = null;
}

function scheduleIndicator() {
  clearTimeout(checkTimer);
  checkTimer = setTimeout(updateIndicator, 250);
}

// ---------------------------------------------------------------------------------------------
// Sending: the guard of the extension, played out in the page

/** The user clicked Send in the compose window. */
function send() {
  if (!state.compose || state.dialogOpen) return; // a send never happens twice
  const compose = state.compose;
  if (!hasRecipients(compose)) {
    askForRecipient();
    return;
  }
  let verdict;
  try {
    verdict = check();
  } catch (error) {
    // As in the extension with failMode "ask": never a silent pass; the user decides.
    state.dialogOpen = true;
    z.showWarning({
      language: state.lang,
      failure: { blocked: false, code: error.code ?? 'core-unavailable', reason: String(error.message) },
      onBack: () => {
        state.dialogOpen = false;
      },
      onSend: () => {
        state.dialogOpen = false;
        deliver('unchecked', null);
      },
    });
    return;
  }
  if (sendDecision(verdict) === 'pass') {
    deliver(compose.warned ? 'fixed' : 'clean', compose.warned);
    return;
  }
  compose.warned ??= verdict.summary;
  let latest = verdict;
  state.dialogOpen = true;
  z.showWarning({
    verdict,
    attachments: compose.attachments.map((a) => a.name),
    language: state.lang,
    onBack: () => {
      state.dialogOpen = false;
      finish({ kind: 'back', summary: verdict.summary });
      updateIndicator();
    },
    onSend: () => {
      state.dialogOpen = false;
      if (hasRecipients(compose)) {
        deliver(sendDecision(latest) === 'pass' ? 'fixed' : 'override', verdict.summary);
      } else {
        // A fix removed the only recipient: like a webmail, ask for one instead of sending.
        askForRecipient();
        finish({ kind: 'back', summary: verdict.summary });
      }
    },
    onFix: (fix) => {
      applyFix(fix);
      try {
        latest = check();
      } catch {
        // The fix is made; the dialog keeps the last verdict and the user decides.
      }
      return latest;
    },
  });
}

const hasRecipients = (compose) => RECIPIENT_FIELDS.some((field) => recipientEntries(compose[field]).length);

function askForRecipient() {
  $('compose-error').textContent = t().mail.needRecipient;
  $('compose-to').focus();
}

/** A fix from the warning, applied to the draft as the extension applies it to a webmail. */
function applyFix(fix) {
  const compose = state.compose;
  if (fix.kind === 'add-subject-marker') {
    compose.subject = `${fix.marker} ${compose.subject}`.trim();
  } else {
    for (const field of RECIPIENT_FIELDS) compose[field] = fixRecipientText(compose[field], fix) ?? compose[field];
  }
  renderPane();
}

/** The message goes to "Sent"; the training panel gives its feedback. */
function deliver(kind, summary) {
  const compose = state.compose;
  state.sent.unshift({
    id: `sent-${state.sent.length + 1}`,
    from: ME,
    to: recipientEntries(compose.to),
    cc: recipientEntries(compose.cc),
    subject: compose.subject,
    body: compose.body,
    attachments: compose.attachments,
    date: state.lang === 'nl' ? 'nu' : 'now',
    sent: true,
  });
  state.compose = null;
  state.composeHidden = false;
  state.open = null;
  state.justSent = true;
  removeIndicator();
  const quiet = scenario().expect === 'allow';
  finish({ kind: kind === 'clean' ? (quiet ? 'quiet' : 'cleanFirst') : kind, summary });
  renderMail();
}

/** The trainee made a choice: the feedback dialog says what it meant. */
function finish(outcome) {
  state.outcome = outcome;
  if (outcome.kind !== 'back') state.done.add(scenario().id);
  renderScenarioList();
  renderFeedback();
  showFeedback();
}

function showFeedback() {
  const dialog = feedbackDialog();
  if (!dialog.open) dialog.showModal();
  $('feedback-h').focus();
}

/** After the feedback: back into the draft when it is still open, else on to the next exercise. */
function afterFeedback() {
  if (state.compose && !state.composeHidden) $('compose-body')?.focus();
  else $('next').focus();
}

// ---------------------------------------------------------------------------------------------
// Scenarios

function startScenario(index, { focus = false } = {}) {
  state.scenario = (index + SCENARIOS.length) % SCENARIOS.length;
  const s = scenario();
  state.inbox = inboxOf(s).map((m) => ({ ...m }));
  state.sent = [];
  state.folder = 'inbox';
  state.open = null;
  state.compose = null;
  state.composeHidden = false;
  state.justSent = false;
  state.outcome = null;
  removeIndicator();
  if (s.start.compose) {
    state.compose = { mode: 'new', to: '', cc: '', bcc: '', showCc: false, ...structuredClone(s.start.compose) };
  } else {
    openMessage(s.start.open, { render: false });
  }
  if (location.hash !== `#/${s.id}`) history.replaceState(null, '', `#/${s.id}`);
  renderTraining();
  if (focus) $('exercise').focus();
}

// ---------------------------------------------------------------------------------------------
// Rendering: training panel

function renderScenarioList() {
  const list = $('scenario-list');
  list.replaceChildren(
    ...SCENARIOS.map((s, i) => {
      const done = state.done.has(s.id);
      return el(
        'li',
        {},
        el(
          'button',
          {
            type: 'button',
            'data-scenario': s.id,
            title: s.text[state.lang].title,
            'aria-current': i === state.scenario ? 'step' : null,
            onclick: () => startScenario(i, { focus: true }),
          },
          el('span', { class: 'number', text: `${i + 1}` }),
          el('span', { class: 'label', text: s.text[state.lang].title }),
          done ? el('span', { class: 'done', text: '✓', 'aria-label': t().done, role: 'img' }) : null,
        ),
      );
    }),
  );
}

function renderExercise() {
  const text = scenarioText();
  $('exercise-step').textContent = t().step(state.scenario + 1, SCENARIOS.length);
  $('exercise-title').textContent = text.title;
  $('exercise-story').textContent = text.story;
  $('exercise-goal').textContent = text.goal;
  $('exercise').dataset.current = scenario().id;
}

const TONE = { quiet: 'good', cleanFirst: 'good', fixed: 'good', back: 'stopped', override: 'risky', unchecked: 'risky' };
const TONE_ICON = { good: '✓', stopped: '↩', risky: '!' };

function renderFeedback() {
  const outcome = state.outcome;
  $('exercise-outcome').hidden = !outcome;
  if (!outcome) {
    if (feedbackDialog().open) feedbackDialog().close();
    return;
  }
  const tx = t();
  const text = scenarioText();
  const tone = TONE[outcome.kind];
  const box = $('feedback');
  box.dataset.outcome = outcome.kind;
  box.className = `feedback feedback-${tone}`;
  box.querySelector('.feedback-icon').textContent = TONE_ICON[tone];
  $('feedback-verdict').textContent = tx.verdicts[tone];
  $('feedback-scenario').textContent = `${tx.step(state.scenario + 1, SCENARIOS.length)}: ${text.title}`;
  $('feedback-happened').textContent = tx.happened[outcome.kind];
  $('feedback-warning').textContent = outcome.summary ? tx.warningSaid(outcome.summary) : '';
  $('feedback-warning').hidden = !outcome.summary;
  $('feedback-risk').textContent = text.risk;
  $('feedback-why').textContent = text.why;
  $('feedback-right').textContent = text.right;
  $('feedback-close').textContent = outcome.kind === 'back' ? tx.closeToDraft : tx.close;
  $('exercise-outcome-text').textContent = tx.outcomeLine(tx.verdicts[tone]);
}

function renderTraining() {
  renderScenarioList();
  renderExercise();
  renderFeedback();
  renderMail();
}

// ---------------------------------------------------------------------------------------------
// Rendering: the mail client

function renderMail() {
  renderFolders();
  renderList();
  renderPane();
}

function renderFolders() {
  const m = t().mail;
  const unread = state.inbox.filter((msg) => msg.unread).length;
  const folder = (id, label, extra) =>
    el(
      'li',
      {},
      el(
        'button',
        {
          type: 'button',
          class: 'folder',
          'aria-current': state.folder === id && !state.compose ? 'page' : null,
          onclick: () => {
            state.folder = id;
            state.open = null;
            state.justSent = false;
            if (state.compose) state.composeHidden = true;
            renderMail();
          },
        },
        el('span', { text: label }),
        extra,
      ),
    );
  const items = [
    folder('inbox', m.inbox, unread ? el('span', { class: 'count', text: String(unread), 'aria-label': m.unread(unread) }) : null),
    folder('sent', m.sent, state.sent.length ? el('span', { class: 'count quiet', text: String(state.sent.length) }) : null),
  ];
  if (state.compose && state.composeHidden) {
    items.push(
      el(
        'li',
        {},
        el(
          'button',
          {
            type: 'button',
            class: 'folder draft',
            onclick: () => {
              state.composeHidden = false;
              renderPane();
              renderFolders();
            },
          },
          el('span', { text: `${m.draft}: ${state.compose.subject || m.composeH}` }),
        ),
      ),
    );
  }
  $('folder-list').replaceChildren(...items);
}

function renderList() {
  const m = t().mail;
  const messages = state.folder === 'inbox' ? state.inbox : state.sent;
  const folderName = state.folder === 'inbox' ? m.inbox : m.sent;
  $('list-h').textContent = m.listLabel(folderName);
  const list = $('messages');
  if (!messages.length) {
    list.replaceChildren(el('li', { class: 'empty', text: m.noMail }));
    return;
  }
  list.replaceChildren(
    ...messages.map((msg) =>
      el(
        'li',
        {},
        el(
          'button',
          {
            type: 'button',
            class: `message${msg.unread ? ' unread' : ''}`,
            'data-message': msg.id,
            'aria-current': state.open === msg.id && !(state.compose && !state.composeHidden) ? 'true' : null,
            onclick: () => openMessage(msg.id),
          },
          el('span', { class: 'who', text: msg.sent ? `${m.to}: ${msg.to.map(displayName).join(', ')}` : displayName(msg.from) }),
          el('span', { class: 'when', text: msg.date }),
          el('span', { class: 'what', text: msg.subject }),
          el('span', { class: 'preview', text: msg.body.split('\n').find((line) => line.trim() && !/^(hoi|beste)/i.test(line)) ?? '' }),
        ),
      ),
    ),
  );
}

function openMessage(id, { render = true } = {}) {
  const msg = [...state.inbox, ...state.sent].find((m) => m.id === id);
  if (!msg) return;
  msg.unread = false;
  state.open = id;
  state.justSent = false;
  if (state.compose) state.composeHidden = true;
  if (render) renderMail();
}

function renderPane() {
  const pane = $('pane');
  const composing = Boolean(state.compose && !state.composeHidden);
  // While composing, the compose window takes the room of the message list, so every recipient
  // address can be read in full.
  $('mail-main').classList.toggle('composing', composing);
  if (composing) {
    pane.replaceChildren(composeView());
    scheduleIndicator();
    return;
  }
  removeIndicator();
  const msg = [...state.inbox, ...state.sent].find((m) => m.id === state.open);
  if (msg) pane.replaceChildren(readerView(msg));
  else if (state.justSent) pane.replaceChildren(el('p', { class: 'pane-note sent-note', text: t().mail.sentNote }));
  else pane.replaceChildren(el('p', { class: 'pane-note', text: t().mail.chooseMessage }));
}

function readerView(msg) {
  const m = t().mail;
  const people = (list) => list.map((entry) => (isMe(entry) ? m.me : entry)).join(', ');
  const many = (msg.to?.length ?? 0) + (msg.cc?.length ?? 0) > 3;
  const view = el(
    'article',
    { class: 'reader', 'aria-labelledby': 'reader-subject' },
    el('h2', { id: 'reader-subject', text: msg.subject }),
    el(
      'dl',
      { class: 'headers' },
      el('dt', { text: m.from }),
      el('dd', { text: msg.from }),
      el('dt', { text: m.to }),
      el('dd', { class: many ? 'many' : null, text: people(msg.to ?? []) }),
      msg.cc?.length ? el('dt', { text: m.cc }) : null,
      msg.cc?.length ? el('dd', { class: 'many', text: people(msg.cc) }) : null,
    ),
    el('div', { class: 'reader-body', text: msg.body }),
    msg.attachments?.length
      ? el('ul', { class: 'attachments' }, ...msg.attachments.map((a) => el('li', { class: 'attachment', text: a.name })))
      : null,
  );
  if (!msg.sent) {
    view.prepend(
      el(
        'div',
        { class: 'reader-actions' },
        el('button', { type: 'button', class: 'primary', id: 'reply', onclick: () => reply(msg, false), text: m.reply }),
        el('button', { type: 'button', class: 'secondary', id: 'reply-all', onclick: () => reply(msg, true), text: m.replyAll }),
      ),
    );
  }
  return view;
}

function reply(msg, all) {
  const others = (list) => (list ?? []).filter((entry) => !isMe(entry));
  const quote = msg.body
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
  const intro = state.lang === 'nl' ? `Op ${msg.date} schreef ${msg.from}:` : `On ${msg.date}, ${msg.from} wrote:`;
  const draft = scenario().reply?.body ?? '';
  state.compose = {
    mode: all ? 'reply-all' : 'reply',
    to: [msg.from, ...(all ? others(msg.to) : [])].join(', '),
    cc: all ? others(msg.cc).join(', ') : '',
    bcc: '',
    showCc: all && others(msg.cc).length > 0,
    subject: /^re:/i.test(msg.subject) ? msg.subject : `Re: ${msg.subject}`,
    body: `${draft}\n\n${intro}\n${quote}`.replace(/^\n+/, ''),
    attachments: [],
  };
  state.composeHidden = false;
  renderMail();
  // The caret at the start of the answer, above the quoted message, as webmail puts it.
  const body = /** @type {HTMLTextAreaElement} */ ($('compose-body'));
  body.focus();
  body.setSelectionRange(0, 0);
  body.scrollTop = 0;
}

// ---------------------------------------------------------------------------------------------
// The compose window

function composeView() {
  const m = t().mail;
  const compose = state.compose;
  const title = compose.mode === 'new' ? m.composeH : m.replyH;
  const onChange = (key) => (event) => {
    compose[key] = event.target.value;
    $('compose-error').textContent = '';
    scheduleIndicator();
  };

  const recipientRow = (field) => {
    const input = el('input', {
      id: `compose-${field}`,
      type: 'text',
      autocomplete: 'off',
      spellcheck: 'false',
      role: 'combobox',
      'aria-autocomplete': 'list',
      'aria-expanded': 'false',
      'aria-controls': `compose-${field}-suggestions`,
      'aria-describedby': 'recipients-hint',
      oninput: onChange(field),
    });
    input.value = compose[field];
    const listbox = el('ul', {
      id: `compose-${field}-suggestions`,
      role: 'listbox',
      class: 'suggestions',
      'aria-label': m.suggestions,
      hidden: true,
    });
    autocomplete(input, listbox, field);
    return el('div', { class: 'row' }, el('label', { for: input.id, text: m[field] }), el('div', { class: 'combo' }, input, listbox));
  };

  const subject = el('input', { id: 'compose-subject', type: 'text', autocomplete: 'off', oninput: onChange('subject') });
  subject.value = compose.subject;
  const body = el('textarea', { id: 'compose-body', rows: '11', oninput: onChange('body') });
  body.value = compose.body;

  const ccToggle = compose.showCc
    ? null
    : el('button', {
        type: 'button',
        class: 'link',
        id: 'show-cc',
        'aria-expanded': 'false',
        onclick: () => {
          compose.showCc = true;
          renderPane();
          $('compose-cc').focus();
        },
        text: m.showCcBcc,
      });

  // Only the Send button sends; Enter in a field does not (the form never submits).
  const form = el(
    'form',
    {
      class: 'compose',
      id: 'compose',
      'aria-labelledby': 'compose-h',
      novalidate: true,
      onsubmit: (event) => event.preventDefault(),
    },
    el('h2', { id: 'compose-h', text: compose.subject ? `${title}: ${compose.subject}` : title }),
    el('div', { class: 'row from' }, el('span', { class: 'row-label', text: m.from }), el('span', { text: ME })),
    recipientRow('to'),
    compose.showCc ? recipientRow('cc') : null,
    compose.showCc ? recipientRow('bcc') : null,
    el('p', { id: 'recipients-hint', class: 'hint' }, m.recipientsHint, ' ', ccToggle),
    el('div', { class: 'row' }, el('label', { for: 'compose-subject', text: m.subject }), subject),
    el('label', { for: 'compose-body', class: 'visually-hidden', text: m.body }),
    body,
    attachmentsView(),
    el('p', { id: 'compose-error', class: 'compose-error', role: 'alert' }),
    el(
      'div',
      { class: 'compose-actions' },
      el('button', { type: 'button', class: 'primary send', id: 'send', text: m.send, onclick: send }),
      el('button', {
        type: 'button',
        class: 'secondary',
        id: 'discard',
        'aria-label': m.discardLabel,
        text: m.discard,
        onclick: () => {
          state.compose = null;
          removeIndicator();
          renderMail();
          $('new-mail').focus();
        },
      }),
    ),
  );
  return form;
}

function attachmentsView() {
  const m = t().mail;
  const compose = state.compose;
  /** Adds a file once its content is read: a File from the computer, or a document of the list
   *  (read from its `file`, when it has one; else known by name only). */
  const add = async (file) => {
    if (compose.attachments.some((a) => a.name === file.name)) return;
    const bytes =
      file instanceof Blob
        ? await file.arrayBuffer()
        : file.file
          ? await fetch(file.file)
              .then((response) => response.arrayBuffer())
              .catch(() => null)
          : undefined;
    const inside = bytes === undefined ? {} : bytes === null ? { unreadable: 'failed' } : await readInside(file.name, bytes);
    if (state.compose !== compose || compose.attachments.some((a) => a.name === file.name)) return;
    compose.attachments.push({ name: file.name, size: file.size, ...inside });
    renderPane();
    $('add-attachment').focus();
  };
  const picker = el('input', {
    type: 'file',
    id: 'attachment-file',
    multiple: true,
    class: 'visually-hidden',
    onchange: (event) => {
      for (const file of event.target.files) add(file);
    },
  });
  const menu = el(
    'ul',
    { id: 'attachment-menu', class: 'attachment-menu', hidden: true },
    el('li', { class: 'menu-h', text: m.recentFiles }),
    ...DOCUMENTS.map((doc) => el('li', {}, el('button', { type: 'button', 'data-document': doc.name, onclick: () => add(doc) }, doc.name))),
    el('li', {}, el('label', { for: 'attachment-file', class: 'file-label', text: m.fromComputer }), picker),
  );
  const toggle = el('button', {
    type: 'button',
    id: 'add-attachment',
    class: 'secondary',
    'aria-expanded': 'false',
    'aria-controls': 'attachment-menu',
    onclick: () => {
      const open = menu.hidden;
      menu.hidden = !open;
      toggle.setAttribute('aria-expanded', String(open));
      if (open) menu.querySelector('button')?.focus();
    },
    text: m.addAttachment,
  });
  menu.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      menu.hidden = true;
      toggle.setAttribute('aria-expanded', 'false');
      toggle.focus();
    }
  });
  const chips = compose.attachments.map((a, i) =>
    el(
      'li',
      { class: 'attachment' },
      el('span', { class: 'name', text: a.name }),
      el('span', { class: 'size', text: m.size(a.size) }),
      el('button', {
        type: 'button',
        class: 'remove',
        'aria-label': m.removeAttachment(a.name),
        text: '✕',
        onclick: () => {
          compose.attachments.splice(i, 1);
          renderPane();
          $('add-attachment').focus();
        },
      }),
    ),
  );
  return el(
    'div',
    { class: 'attachments-row', role: 'group', 'aria-label': m.attachments },
    chips.length ? el('ul', { class: 'attachments' }, ...chips) : null,
    el('div', { class: 'attach-menu-wrap' }, toggle, menu),
  );
}

/**
 * The address book's suggestions under a recipient field (ARIA combobox with a listbox): the part
 * after the last comma is matched against name and address, the most used first, as webmail does.
 */
function autocomplete(input, listbox, field) {
  let options = [];
  let active = -1;

  const close = () => {
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const highlight = (index) => {
    active = index;
    [...listbox.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === index)));
    if (index >= 0) {
      input.setAttribute('aria-activedescendant', listbox.children[index].id);
      listbox.children[index].scrollIntoView({ block: 'nearest' });
    }
  };
  const pick = (contact) => {
    const parts = input.value.split(/[,;]/);
    // A contact the address book gives by name only goes in as the name, as a webmail chip shows it.
    parts[parts.length - 1] = contact.address ? ` ${contact.name} <${contact.address}>` : ` ${contact.name}`;
    input.value = `${parts.join(',').replace(/^\s+/, '')}, `;
    state.compose[field] = input.value;
    close();
    input.focus();
    scheduleIndicator();
  };
  const suggest = () => {
    const query = input.value.split(/[,;]/).pop().trim().toLowerCase();
    options = query
      ? CONTACTS.filter((c) => `${c.name} ${c.address ?? ''}`.toLowerCase().includes(query)).sort((a, b) => b.uses - a.uses)
      : [];
    if (!options.length) return close();
    listbox.replaceChildren(
      ...options.map((contact, i) =>
        el(
          'li',
          {
            id: `${input.id}-option-${i}`,
            role: 'option',
            'aria-selected': 'false',
            'data-address': contact.address,
            'data-name-only': !contact.address,
            onmousedown: (event) => event.preventDefault(),
            onclick: () => pick(contact),
          },
          el('span', { class: 'name', text: contact.name }),
          el('span', { class: 'address', text: contact.address ?? t().mail.nameOnly }),
        ),
      ),
    );
    listbox.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    highlight(-1);
  };

  input.addEventListener('input', suggest);
  input.addEventListener('blur', close);
  input.addEventListener('keydown', (event) => {
    if (listbox.hidden) {
      if (event.key === 'ArrowDown') suggest();
      return;
    }
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const down = event.key === 'ArrowDown';
      if (active < 0) highlight(down ? 0 : options.length - 1);
      else highlight((active + (down ? 1 : -1) + options.length) % options.length);
    } else if (event.key === 'Enter' || (event.key === 'Tab' && !event.shiftKey)) {
      // As in webmail: Enter or Tab takes the highlighted suggestion, or else the first.
      event.preventDefault();
      pick(options[Math.max(active, 0)]);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Page: views, language, trainer mode

function renderLeak() {
  const leak = t().leak;
  $('leak-h').textContent = leak.title;
  $('leak-intro').textContent = leak.intro;
  $('leak-figures').replaceChildren(
    ...leak.figures.map(([figure, label]) => el('li', {}, el('strong', { text: figure }), el('span', { text: label }))),
  );
  $('leak-sections').replaceChildren(
    ...leak.sections.map(([heading, paragraphs]) =>
      el('section', {}, el('h2', { text: heading }), ...paragraphs.map((p) => el('p', { text: p }))),
    ),
  );
  $('leak-source').textContent = leak.source;
  $('leak-back').textContent = leak.back;
}

/** The demo policy in plain words, for the trainer to explain, and as JSON. */
function renderPolicy() {
  const p = t().policy;
  const rows = [
    [p.internal, DEMO_POLICY.internalDomains.join(', ')],
    [p.retired, DEMO_POLICY.retiredDomains.map((r) => p.retiredTo(r.domain, r.successor)).join(', ')],
    [p.retiredAddresses, DEMO_POLICY.retiredAddresses.join(', ')],
    [p.trusted, DEMO_POLICY.trustedDomains.join(', ')],
    [p.freemail, DEMO_POLICY.freemailDomains.join(', ')],
    [p.markers, DEMO_POLICY.encryptionMarkers.join(', ')],
    [p.patterns, DEMO_POLICY.customPatterns.map((c) => `${c.label} (${c.pattern})`).join(', ')],
    [p.terms, DEMO_POLICY.sensitiveTerms.join(', ')],
    [p.audience, p.audienceValue(DEMO_POLICY.largeAudienceThreshold)],
    [
      p.stricter,
      Object.entries(DEMO_POLICY.actions)
        .map(([rule, action]) => `${p.rules[rule] ?? rule}: ${p.actions[action]}`)
        .join(', '),
    ],
    [p.override, p.overrideValue(DEMO_POLICY.allowOverride, DEMO_POLICY.requireJustification)],
  ];
  $('policy-list').replaceChildren(...rows.flatMap(([term, value]) => [el('dt', { text: term }), el('dd', { text: value })]));
  $('policy-json').textContent = JSON.stringify(DEMO_POLICY, null, 2);
}

function route() {
  const id = location.hash.replace(/^#\/?/, '');
  const leak = id === '2019';
  $('view-training').hidden = leak;
  $('view-2019').hidden = !leak;
  $('nav-2019').toggleAttribute('aria-current', leak);
  $('nav-training').toggleAttribute('aria-current', !leak);
  if (leak) {
    removeIndicator();
    $('nav-2019').setAttribute('aria-current', 'page');
    window.scrollTo(0, 0);
    $('view-2019').focus({ preventScroll: true });
    return;
  }
  $('nav-training').setAttribute('aria-current', 'page');
  const index = SCENARIOS.findIndex((s) => s.id === id);
  if (!state.started || (index >= 0 && index !== state.scenario)) startScenario(Math.max(0, index));
  else {
    // Back from the page about 2019: the exercise is as it was left.
    history.replaceState(null, '', `#/${scenario().id}`);
    renderPane();
  }
  state.started = true;
}

function setLanguage(lang) {
  state.lang = lang;
  const tx = t();
  document.documentElement.lang = lang;
  document.title = tx.pageTitle;
  for (const node of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[data-i18n]'))) {
    const value = node.dataset.i18n.split('.').reduce((object, key) => object?.[key], tx);
    if (typeof value === 'string') node.textContent = value;
  }
  const button = $('lang');
  button.textContent = tx.lang;
  button.lang = lang === 'nl' ? 'en' : 'nl';
  button.setAttribute('aria-label', tx.langLabel);
  if (state.engine) {
    buildEngine();
    $('version').textContent = tx.version(version());
  }
  renderLeak();
  renderPolicy();
  if (state.started) renderTraining();
  try {
    localStorage.setItem('zorgvuldig-demo-lang', lang);
  } catch {
    // Storage may be off (private window); the choice then lasts for this visit.
  }
}

function setTrainer(on) {
  state.trainer = on;
  document.body.classList.toggle('trainer', on);
  $('trainer').setAttribute('aria-pressed', String(on));
  try {
    localStorage.setItem('zorgvuldig-demo-trainer', on ? '1' : '0');
  } catch {
    // As above.
  }
}

function stored(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

async function main() {
  const params = new URLSearchParams(location.search);
  setLanguage(z.languageOf(params.get('lang') ?? stored('zorgvuldig-demo-lang') ?? 'nl'));
  setTrainer((params.get('trainer') ?? stored('zorgvuldig-demo-trainer')) === '1');
  $('lang').addEventListener('click', () => setLanguage(state.lang === 'nl' ? 'en' : 'nl'));
  $('trainer').addEventListener('click', () => setTrainer(!state.trainer));
  $('reset').addEventListener('click', () => startScenario(state.scenario, { focus: true }));
  $('next').addEventListener('click', () => startScenario(state.scenario + 1, { focus: true }));
  $('feedback-again').addEventListener('click', () => startScenario(state.scenario, { focus: true }));
  $('feedback-next').addEventListener('click', () => startScenario(state.scenario + 1, { focus: true }));
  $('feedback-close').addEventListener('click', () => feedbackDialog().close());
  $('feedback-show').addEventListener('click', showFeedback);
  $('feedback').addEventListener('close', () => {
    if (state.outcome) afterFeedback();
  });
  $('new-mail').addEventListener('click', () => {
    state.compose = { mode: 'new', to: '', cc: '', bcc: '', subject: '', body: '', attachments: [], showCc: false };
    state.composeHidden = false;
    renderMail();
    $('compose-to').focus();
  });
  window.addEventListener('hashchange', route);

  $('status').textContent = t().loading;
  try {
    await init();
    buildEngine();
    $('version').textContent = t().version(version());
    $('status').textContent = '';
  } catch (error) {
    state.engineFailed = String(error?.message ?? error);
    $('status').textContent = t().loadFailed;
  }
  route();
  document.body.dataset.ready = 'true';
}

main();
