// The minimal demo page: runs the zorgvuldig core (WebAssembly, built by `make wasm` into
// www/pkg) on a message typed or pasted into the form. No network, no build step.

import init, { Engine, version } from './pkg/zorgvuldig.js';

const DEMO_POLICY = {
  internalDomains: ['samenveilig.nl'],
  retiredDomains: [{ domain: 'bjzutrecht.nl', successor: 'samenveilig.nl' }],
  retiredAddresses: ['p.jansen@samenveilig.nl'],
  trustedDomains: ['veiligthuis.nl'],
  encryptionMarkers: ['[versleuteld]'],
};

const EXAMPLES = {
  case2019: {
    from: 'Anna de Vries <a.devries@samenveilig.nl>',
    to: 'Marieke de Boer <m.deboer@bjzutrecht.nl>',
    cc: '',
    bcc: '',
    subject: 'Dossier Daan (12) — overdracht',
    body:
      'Hoi Marieke,\n\n' +
      'Hierbij het dossier van Daan voor de overdracht naar jouw team. ' +
      'Daan is in maart uit huis geplaatst na een melding van huiselijk geweld; ' +
      'hij heeft sinds de zomer ook een suïcidepoging gedaan en is in behandeling bij de GGZ.\n\n' +
      'Laat maar weten als je vragen hebt.\n\nGroet,\nAnna',
    attachments: 'Dossier_Daan_2019.pdf, Gezinsplan.docx',
  },
  external: {
    from: 'Anna de Vries <a.devries@samenveilig.nl>',
    to: 'intake@ggz-voorbeeld.nl',
    cc: 'j.smit@samenveilig.nl',
    bcc: '',
    subject: 'Aanmelding Lotte',
    body:
      'Beste collega\'s,\n\n' +
      'Graag melden wij Lotte aan voor behandeling. BSN: 111222333, geboren 04-07-2010.\n' +
      'Diagnose: ADHD en een depressie; er is sprake van een eetstoornis.\n\n' +
      'Met vriendelijke groet,\nAnna de Vries',
    attachments: 'Verwijsbrief_Lotte.pdf',
  },
  lookalike: {
    from: 'Anna de Vries <a.devries@samenveilig.nl>',
    to: 'Jeroen Smit <j.smit@samenvei1ig.nl>',
    cc: '',
    bcc: '',
    subject: 'Rooster volgende week',
    body: 'Hoi Jeroen,\n\nHierbij het rooster voor volgende week.\n\nGroet,\nAnna',
    attachments: 'Rooster_week_12.xlsx',
  },
  clean: {
    from: 'Anna de Vries <a.devries@samenveilig.nl>',
    to: 'Jeroen Smit <j.smit@samenveilig.nl>',
    cc: '',
    bcc: '',
    subject: 'Teamoverleg dinsdag',
    body: 'Hoi Jeroen,\n\nZullen we het teamoverleg verplaatsen naar dinsdag 10:00?\n\nGroet,\nAnna',
    attachments: '',
  },
};

const TEXT = {
  nl: {
    title: 'controle vóór verzenden',
    lead: 'Plak een bericht en zie wat zorgvuldig ervan vindt voordat het de deur uit gaat.',
    skip: 'Naar de uitkomst',
    langHint: 'Wissel de taal van de pagina',
    composeH: 'Bericht',
    examplesH: 'Voorbeelden',
    ex2019: 'Dossier naar het oude domein (2019)',
    exExternal: 'BSN en diagnose naar een externe partner',
    exLookalike: 'Tikfout in het domein',
    exClean: 'Gewone interne mail',
    from: 'Van',
    to: 'Aan',
    recipientsHint: "Meerdere ontvangers scheiden met komma's. Een naam mag erbij: Sanne de Vries <s.devries@samenveilig.nl>.",
    subject: 'Onderwerp',
    body: 'Tekst',
    attachments: 'Bijlagen',
    attachmentsHint: "Bestandsnamen, gescheiden met komma's.",
    policyH: 'Beleid van de organisatie (JSON)',
    policyHint: 'Een voorbeeldbeleid van de fictieve jeugdzorgorganisatie Samen Veilig. Zonder "language" volgen de meldingen de taal van deze pagina.',
    policyLabel: 'Beleid als JSON',
    policyReset: 'Voorbeeldbeleid terugzetten',
    check: 'Controleer',
    clear: 'Leegmaken',
    resultH: 'Uitkomst',
    findingsH: 'Bevindingen',
    noFindings: 'Geen problemen gevonden. Dit bericht mag zo verstuurd worden.',
    policyErrorsH: 'Fouten in het beleid',
    policyErrorsHint: 'Deze onderdelen van het beleid worden genegeerd; de rest geldt wel.',
    rawH: 'Ruwe uitkomst (JSON)',
    footer: 'Alles draait in deze browser; er gaat niets over het netwerk.',
    loading: 'De controle wordt geladen…',
    empty: 'Vul een bericht in of kies een voorbeeld.',
    checked: (time) => `Gecontroleerd om ${time}.`,
    loadFailed: 'De controle kon niet laden. Start de demo met "make demo" en open het adres dat daar staat.',
    analyzeFailed: 'Dit bericht kon niet worden gecontroleerd:',
    allow: 'Mag verstuurd worden',
    warn: 'Controleer vóór verzenden',
    block: 'Niet verzenden',
    severity: { block: 'Blokkeert', warn: 'Waarschuwt', info: 'Ter informatie' },
    field: { to: 'Aan', cc: 'Cc', bcc: 'Bcc', subject: 'Onderwerp', body: 'Tekst', attachments: 'Bijlagen' },
    where: 'Waar',
    applyFix: 'Pas toe',
    fixApplied: 'Aangepast. Het bericht is opnieuw gecontroleerd.',
    version: (v) => `Kern versie ${v}.`,
    pilot: (a) => `Proefperiode: het beleid meldt alleen. Bij handhaving zou dit zijn: ${a}.`,
    lang: 'English',
  },
  en: {
    title: 'a check before Send',
    lead: 'Paste a message and see what zorgvuldig makes of it before it leaves the building.',
    skip: 'Skip to the result',
    langHint: 'Switch the page language',
    composeH: 'Message',
    examplesH: 'Examples',
    ex2019: 'Case file to the old domain (2019)',
    exExternal: 'BSN and diagnosis to an outside partner',
    exLookalike: 'Typo in the domain',
    exClean: 'Ordinary internal mail',
    from: 'From',
    to: 'To',
    recipientsHint: 'Separate several recipients with commas. A name may come with it: Sanne de Vries <s.devries@samenveilig.nl>.',
    subject: 'Subject',
    body: 'Body',
    attachments: 'Attachments',
    attachmentsHint: 'File names, separated by commas.',
    policyH: "The organisation's policy (JSON)",
    policyHint: 'A sample policy of Samen Veilig, a fictional youth-care organisation. Without "language", messages follow the language of this page.',
    policyLabel: 'Policy as JSON',
    policyReset: 'Restore the sample policy',
    check: 'Check',
    clear: 'Clear',
    resultH: 'Result',
    findingsH: 'Findings',
    noFindings: 'No problems found. This message can be sent as it is.',
    policyErrorsH: 'Errors in the policy',
    policyErrorsHint: 'These parts of the policy are ignored; the rest applies.',
    rawH: 'Raw result (JSON)',
    footer: 'Everything runs in this browser; nothing goes over the network.',
    loading: 'Loading the check…',
    empty: 'Fill in a message or pick an example.',
    checked: (time) => `Checked at ${time}.`,
    loadFailed: 'The check could not load. Start the demo with "make demo" and open the address it prints.',
    analyzeFailed: 'This message could not be checked:',
    allow: 'Fine to send',
    warn: 'Check before sending',
    block: 'Do not send',
    severity: { block: 'Blocks', warn: 'Warns', info: 'For information' },
    field: { to: 'To', cc: 'Cc', bcc: 'Bcc', subject: 'Subject', body: 'Body', attachments: 'Attachments' },
    where: 'Where',
    applyFix: 'Apply',
    fixApplied: 'Changed. The message has been checked again.',
    version: (v) => `Core version ${v}.`,
    pilot: (a) => `Pilot: the policy only reports. When enforced this would be: ${a}.`,
    lang: 'Nederlands',
  },
};

const $ = (id) => document.getElementById(id);
const FIELDS = ['from', 'to', 'cc', 'bcc', 'subject', 'body', 'attachments'];
const ICONS = { allow: '✓', warn: '!', block: '✕' };

let lang = 'nl';
let ready = false;
let engine = null;
let engineKey = null;
let timer = null;
let lastVerdict = null;

const t = () => TEXT[lang];

/** Splits a comma-separated field; a comma inside "quotes" or <angle brackets> does not split. */
function splitList(text) {
  const parts = [];
  let current = '';
  let quoted = false;
  let angled = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (ch === '<' && !quoted) angled = true;
    else if (ch === '>' && !quoted) angled = false;
    if ((ch === ',' || ch === ';') && !quoted && !angled) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

function snapshot() {
  return {
    from: $('from').value.trim(),
    to: splitList($('to').value),
    cc: splitList($('cc').value),
    bcc: splitList($('bcc').value),
    subject: $('subject').value,
    body: $('body').value,
    attachments: splitList($('attachments').value).map((name) => ({ name, size: 0 })),
  };
}

/** The engine for the current policy text and page language, rebuilt only when those change. */
function currentEngine() {
  const text = $('policy').value;
  const key = `${lang}\u0000${text}`;
  if (engine && engineKey === key) return engine;
  let policy = text.trim() === '' ? undefined : text;
  try {
    const parsed = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed) && !('language' in parsed)) {
      policy = { ...parsed, language: lang };
    }
  } catch {
    // Not JSON: hand the text to the core as it is, which reports it in policyErrors().
  }
  if (policy === undefined) policy = { language: lang };
  if (engine) engine.free();
  engine = new Engine(policy);
  engineKey = key;
  return engine;
}

function isEmpty(s) {
  return !s.from && !s.to.length && !s.cc.length && !s.bcc.length && !s.subject.trim() && !s.body.trim() && !s.attachments.length;
}

function analyze() {
  clearTimeout(timer);
  if (!ready) return;
  const s = snapshot();
  let verdict;
  try {
    verdict = currentEngine().analyze(s);
  } catch (err) {
    lastVerdict = null;
    $('verdict').hidden = true;
    $('status').textContent = `${t().analyzeFailed} ${err.message} (${err.code ?? err.name})`;
    return;
  }
  lastVerdict = { verdict, snapshot: s };
  render(verdict, s);
}

function schedule() {
  clearTimeout(timer);
  timer = setTimeout(analyze, 250);
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The text a finding's UTF-16 offsets point into. */
function fieldText(s, finding) {
  if (finding.field === 'subject') return s.subject;
  if (finding.field === 'body') return s.body;
  if (['to', 'cc', 'bcc'].includes(finding.field) && finding.index !== undefined) return s[finding.field][finding.index] ?? '';
  return null;
}

/** A short piece of the field around the finding, with the finding marked. */
function context(s, finding) {
  const text = fieldText(s, finding);
  if (text == null || finding.end <= finding.start) return null;
  const from = Math.max(0, finding.start - 30);
  const to = Math.min(text.length, finding.end + 30);
  const p = el('p', 'where');
  p.append(el('span', 'where-label', `${t().where} (${t().field[finding.field] ?? finding.field}): `));
  const quote = el('q');
  quote.append((from > 0 ? '…' : '') + text.slice(from, finding.start).replace(/\s+/g, ' '));
  quote.append(el('mark', null, text.slice(finding.start, finding.end)));
  quote.append(text.slice(finding.end, to).replace(/\s+/g, ' ') + (to < text.length ? '…' : ''));
  p.append(quote);
  return p;
}

function applyFix(fix) {
  if (fix.kind === 'add-subject-marker' && fix.marker) {
    $('subject').value = `${fix.marker} ${$('subject').value}`.trim();
  } else if (fix.recipient) {
    for (const id of ['to', 'cc', 'bcc']) {
      const entries = splitList($(id).value);
      const changed = entries
        .map((entry) => {
          if (!entry.toLowerCase().includes(fix.recipient.toLowerCase())) return entry;
          if (fix.kind === 'remove-recipient' || !fix.replacement) return null;
          return entry.replace(new RegExp(fix.recipient.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i'), fix.replacement);
        })
        .filter((entry) => entry !== null);
      $(id).value = changed.join(', ');
    }
  }
  analyze();
  $('status').textContent = t().fixApplied;
}

function render(verdict, s) {
  const tx = t();
  $('raw').textContent = JSON.stringify(verdict, null, 2);

  const errors = verdict.policyErrors ?? [];
  $('policy-errors').hidden = errors.length === 0;
  const list = $('policy-errors-list');
  list.replaceChildren(
    ...errors.map((e) => {
      const li = el('li');
      li.append(el('code', null, e.path || '(beleid)'), ' ', el('span', null, e.message));
      return li;
    }),
  );

  if (isEmpty(s)) {
    $('verdict').hidden = true;
    $('status').textContent = tx.empty;
    return;
  }
  $('verdict').hidden = false;
  const time = new Date().toLocaleTimeString(lang === 'nl' ? 'nl-NL' : 'en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  $('status').textContent = tx.checked(time);

  const action = $('action');
  action.className = `action action-${verdict.action}`;
  action.querySelector('.action-icon').textContent = ICONS[verdict.action] ?? '?';
  action.querySelector('.action-label').textContent = tx[verdict.action] ?? verdict.action;
  // The core's summary starts with the same words as the label ("Niet verzenden: ..."): drop them.
  const label = tx[verdict.action] ?? verdict.action;
  let summary = verdict.summary ?? '';
  if (summary.toLowerCase().startsWith(`${label.toLowerCase()}: `)) {
    summary = summary.slice(label.length + 2);
    summary = summary.charAt(0).toUpperCase() + summary.slice(1);
  }
  if (verdict.intendedAction && verdict.intendedAction !== verdict.action) {
    summary += ` ${tx.pilot(tx[verdict.intendedAction] ?? verdict.intendedAction)}`;
  }
  action.querySelector('.action-summary').textContent = summary;

  const findings = verdict.findings ?? [];
  $('no-findings').hidden = findings.length > 0;
  $('findings-h').hidden = findings.length === 0;
  $('findings').replaceChildren(
    ...findings.map((f) => {
      const li = el('li', `finding finding-${f.severity}`);
      const head = el('p', 'finding-head');
      head.append(el('span', `badge badge-${f.severity}`, tx.severity[f.severity] ?? f.severity));
      head.append(' ', el('code', 'rule', f.rule));
      if (f.recipient) head.append(' ', el('span', 'recipient', f.recipient));
      li.append(head, el('p', 'message', f.message));
      const where = f.field === 'body' || f.field === 'subject' ? context(s, f) : null;
      if (where) li.append(where);
      if (f.fix) {
        const row = el('p', 'fix');
        const button = el('button', 'secondary fix-button', f.fix.label);
        button.type = 'button';
        button.setAttribute('aria-label', `${tx.applyFix}: ${f.fix.label}`);
        button.addEventListener('click', () => applyFix(f.fix));
        row.append(button);
        li.append(row);
      }
      return li;
    }),
  );
}

function fill(name) {
  const example = EXAMPLES[name];
  for (const id of FIELDS) $(id).value = example[id] ?? '';
  analyze();
}

function setLanguage(next) {
  lang = next;
  const tx = t();
  document.documentElement.lang = lang;
  for (const node of document.querySelectorAll('[data-i18n]')) {
    const value = tx[node.dataset.i18n];
    if (typeof value === 'string') node.textContent = value;
  }
  const button = $('lang');
  button.textContent = tx.lang;
  button.lang = lang === 'nl' ? 'en' : 'nl';
  if (ready) {
    $('version').textContent = tx.version(version());
    analyze();
  } else {
    $('status').textContent = tx.loading;
  }
}

function wire() {
  $('policy').value = JSON.stringify(DEMO_POLICY, null, 2);
  $('form').addEventListener('submit', (event) => {
    event.preventDefault();
    analyze();
    $('result').focus();
  });
  $('form').addEventListener('input', schedule);
  $('clear').addEventListener('click', () => {
    for (const id of FIELDS) $(id).value = '';
    analyze();
    $('to').focus();
  });
  $('policy-reset').addEventListener('click', () => {
    $('policy').value = JSON.stringify(DEMO_POLICY, null, 2);
    analyze();
  });
  for (const button of document.querySelectorAll('[data-example]')) {
    button.addEventListener('click', () => fill(button.dataset.example));
  }
  $('lang').addEventListener('click', () => setLanguage(lang === 'nl' ? 'en' : 'nl'));
}

async function main() {
  wire();
  setLanguage('nl');
  try {
    await init();
  } catch (err) {
    $('status').textContent = `${t().loadFailed} (${err.message})`;
    $('status').classList.add('error');
    return;
  }
  ready = true;
  document.body.dataset.ready = 'true';
  $('version').textContent = t().version(version());
  analyze();
}

main();
