// The options page, for caseworkers and administrators: the
// extension's status, the effective policy and where each value comes from (default or managed),
// the policy's errors with the key that caused them, the local audit log with CSV and JSON export,
// a page check of the open webmail compose windows (which selectors fit; metadata only), and a
// test box that runs the core on a message typed here (an administrator's dry run).
//
// It only reads: managed settings cannot be changed here, and nothing is written to storage. It
// runs the same core as the background (WebAssembly is allowed on extension pages), compiled
// from the same policy the same way (background.js: managed storage, else the last good managed
// policy, else the defaults; the language filled in from the browser when the policy has none).
// It makes no network requests: exports are blob: URLs made in the page.

import init, { Engine, version } from "./pkg/core/zorgvuldig.js";
import { compilable, currentPolicy, policyLanguage, uiLanguage } from "./policy-source.js";

const TEXTS = {
  nl: {
    skip: "Naar de inhoud",
    title: "zorgvuldig – instellingen en logboek",
    lead: "Controle vóór verzenden in webmail. Op deze pagina ziet u hoe zorgvuldig is ingesteld, wat het heeft vastgelegd, en kunt u een bericht uitproberen.",
    navTitle: "Op deze pagina",
    statusTitle: "Status",
    policyTitle: "Geldend beleid",
    errorsTitle: "Fouten in het beleid",
    auditTitle: "Logboek",
    testTitle: "Proberen",
    footer: "zorgvuldig maakt geen verbinding met internet: de controle, het logboek en deze pagina blijven in uw browser.",
    // Status
    protectionOn: "Bescherming actief: berichten in webmail worden vóór verzenden gecontroleerd.",
    protectionReport: "Bescherming in proefperiode: berichten worden gecontroleerd en vastgelegd, maar verzenden wordt niet onderbroken.",
    protectionOff: "Bescherming niet actief: de controle kan niet starten. Neem contact op met de servicedesk.",
    protectionChecking: "Status wordt opgehaald…",
    factExtension: "Versie van de extensie",
    factId: "Extensie-id",
    factCore: "Versie van de controle",
    factProtection: "Bescherming",
    factSource: "Beleid",
    factLanguage: "Taal",
    factErrors: "Fouten in het beleid",
    active: "actief",
    activeReport: "actief, alleen vastleggen (proefperiode)",
    inactive: "niet actief",
    coreUnknown: "kon niet worden geladen",
    sourceManaged: "beheerd door uw organisatie (browserbeleid)",
    sourceCached: "laatst ontvangen beleid van uw organisatie (bewaard; het browserbeleid is nu leeg)",
    sourceDefault: "standaardinstellingen: er is geen beleid van uw organisatie",
    languageFromPolicy: "Nederlands (door het beleid)",
    languageFromBrowser: "Nederlands (taal van de browser)",
    errorsNone: "geen",
    errorsCount: (n) => (n === 1 ? "1 – zie hieronder" : `${n} – zie hieronder`),
    // Policy
    policyIntro:
      "Dit zijn de instellingen die nu gelden. „Beheerd” komt van uw organisatie, „Standaard” is de instelling van zorgvuldig zelf. U kunt ze hier niet wijzigen: uw IT-afdeling beheert ze via het browserbeleid.",
    policyCaption: "Elke instelling, de waarde die geldt en waar die vandaan komt",
    colSetting: "Instelling",
    colValue: "Waarde",
    colSource: "Herkomst",
    srcManaged: "Beheerd",
    srcCached: "Beheerd (bewaard)",
    srcDefault: "Standaard",
    srcPartly: "deels overgeslagen, zie fouten",
    srcInvalid: "beheerde waarde ongeldig, standaard geldt",
    srcBrowser: "taal van de browser",
    rawToggle: "Toon als JSON",
    rawEffective: "Geldend beleid (standaard aangevuld met het beheerde beleid)",
    rawManaged: "Beheerd beleid zoals ontvangen",
    rawNone: "(geen)",
    none: "geen",
    yes: "ja",
    no: "nee",
    noOverrides: "geen; elke regel doet zijn standaard",
    values: {
      enforce: "handhaven: waarschuwen en blokkeren",
      report: "alleen vastleggen (proefperiode)",
      ask: "de gebruiker laten beslissen",
      block: "blokkeren",
      warn: "waarschuwen",
      info: "ter informatie",
      allow: "toestaan",
      off: "uit",
      nl: "Nederlands",
      en: "Engels",
      low: "laag",
      medium: "middel",
      high: "hoog",
    },
    successor: "opvolger",
    noSuccessor: "geen opvolger",
    severity: "ernst",
    keys: {
      internalDomains: ["Eigen domeinen", "De maildomeinen van de organisatie zelf, met subdomeinen."],
      retiredDomains: ["Vervallen domeinen", "Domeinen die niet meer van de organisatie zijn. Mail erheen wordt geblokkeerd."],
      retiredAddresses: ["Vervallen adressen", "Adressen die niet meer in gebruik zijn, zoals van oud-collega's."],
      trustedDomains: ["Vertrouwde partners", "Partners met een beveiligde mailverbinding."],
      freemailDomains: ["Extra privé-maildiensten", "Aanvulling op de ingebouwde lijst van gratis maildiensten."],
      encryptionMarkers: ["Versleutelmarkeringen", "Woorden in het onderwerp waarmee de mailserver het bericht versleutelt."],
      customPatterns: ["Eigen patronen", "Gevoelige gegevens van de organisatie zelf, als reguliere expressie."],
      sensitiveTerms: ["Extra gevoelige woorden", "Aanvulling op de lijst van bijzondere persoonsgegevens."],
      actions: ["Actie per regel", "Wat een regel doet: uit, ter informatie, waarschuwen of blokkeren."],
      language: ["Taal", "De taal van alle meldingen."],
      enforcement: ["Handhaving", "Handhaven, of alleen vastleggen tijdens een proefperiode."],
      allowOverride: ["Toch verzenden toegestaan", "Of een waarschuwing de knop „Toch verzenden” heeft. Een blokkade nooit."],
      requireJustification: ["Reden verplicht", "Of toch verzenden een geschreven reden vraagt (komt in het logboek)."],
      largeAudienceThreshold: ["Grens voor veel ontvangers", "Meer ontvangers dan dit in Aan en Cc geeft een waarschuwing."],
      failMode: ["Als de controle niet kan draaien", "Wat verzenden dan doet: de gebruiker laten beslissen, of blokkeren."],
      webmailHosts: ["Extra webmail", "Andere webmail die zorgvuldig bewaakt (naast Gmail, Outlook en Roundcube)."],
      adapterSelectors: ["Eigen selectors per webmail", "CSS-selectors die vóór de ingebouwde worden geprobeerd."],
      webmailAdapters: ["Adapter per webmailhost", "Welke adapter een host gebruikt, in plaats van wat de extensie zelf herkent."],
    },
    // Errors
    errorsIntro:
      "Deze onderdelen van het beleid konden niet worden gebruikt en worden overgeslagen. De rest van het beleid geldt wel en beschermt gewoon.",
    errorsOk: "Geen fouten: het beleid is in orde.",
    errorsNoPolicy: "Er is geen beleid van uw organisatie, dus ook geen fouten.",
    errorKey: "Instelling",
    item: (n) => `nummer ${n} in de lijst`,
    errorsBrowser:
      "Chrome, Edge en Chromium laten instellingen die niet in het schema van zorgvuldig passen (een onbekende sleutel, een verkeerd soort waarde) al weg voordat zorgvuldig ze ziet. Die staan op de pagina chrome://policy (of edge://policy) bij de status van het beleid.",
    errorsCoreDown: "De controle kon niet laden, dus het beleid kon niet worden nagekeken.",
    // Audit
    auditPromise:
      "Het logboek bewaart alleen gegevens óver een beslissing: tijd, webmail, regels, domeinen van ontvangers, actie en uw keuze (met uw reden). Nooit de tekst van een bericht, nooit volledige e-mailadressen. Het blijft in deze browser (de laatste 1000 beslissingen).",
    auditCaption: "Beslissingen vóór verzenden, nieuwste eerst",
    exportCsv: "Exporteer CSV",
    exportJson: "Exporteer JSON",
    auditEmpty: "Nog geen beslissingen vastgelegd.",
    auditLost: (n, at) =>
      `${n === 1 ? "1 beslissing kon" : `${n} beslissingen konden`} niet in het logboek worden bewaard${at ? ` (laatst ${at})` : ""}: de opslag van de extensie in deze browser is vol. Het logboek is dus niet volledig; de beslissingen zelf zijn wel uitgevoerd. Meld dit aan uw IT-beheer.`,
    auditCount: (n) => (n === 1 ? "1 beslissing" : `${n} beslissingen`),
    colTime: "Tijd",
    colHost: "Webmail",
    colAction: "Actie",
    colRules: "Regels",
    colDomains: "Domeinen van ontvangers",
    colChoice: "Keuze",
    colJustification: "Reden",
    reportOnly: (intended) => `proefperiode: zou ${intended} zijn`,
    actionError: "controle kon niet draaien",
    choices: {
      sent: "verzonden (niet onderbroken)",
      back: "terug naar bericht",
      override: "toch verzonden",
      "sent-after-fix": "verzonden na aanpassing",
      "sent-unchecked": "verzonden zonder controle",
      "fix:replace-recipient": "ontvanger vervangen",
      "fix:remove-recipient": "ontvanger verwijderd",
      "fix:add-subject-marker": "versleutelmarkering toegevoegd",
    },
    // Page check
    diagnosisTitle: "Paginacontrole",
    diagnosisIntro:
      "Voor beheerders: past zorgvuldig op uw webmail? Open een nieuw bericht in Gmail, Outlook of andere webmail en klik hier, of druk in dat berichtvenster op Ctrl+Alt+Shift+D. Per onderdeel ziet u welke selector iets vond en hoeveel, en per ontvanger of zorgvuldig het adres kon lezen. Er wordt geen tekst en geen adres uit het bericht overgenomen.",
    diagnoseButton: "Open berichtvensters controleren",
    diagnosisNone: "Nog geen paginacontrole gedaan.",
    diagnosisNoTabs: "Geen geopende webmail met een berichtvenster gevonden. Open eerst een nieuw bericht.",
    diagnosisAt: (at) => `Laatste controle: ${at}`,
    diagnosisPage: (host, adapter) => `${host} – herkend als ${adapter ?? "geen webmail"}`,
    diagnosisCaption: "Wat zorgvuldig in dit berichtvenster vond",
    colPart: "Onderdeel",
    colSelector: "Selector",
    colFound: "Gevonden",
    parts: {
      compose: "Berichtvenster",
      to: "Aan",
      cc: "Cc",
      bcc: "Bcc",
      subject: "Onderwerp",
      body: "Tekst",
      attachments: "Bijlagen",
      send: "Knop Verzenden",
    },
    notFound: "niet gevonden",
    notFoundOptional: "niet gevonden (hoeft niet)",
    diagnosisFits: "Past: ontvangers, tekst en de knop Verzenden zijn gevonden; zorgvuldig controleert hier.",
    diagnosisMissing: (parts) =>
      `Past niet: ${parts} niet gevonden. zorgvuldig zegt in dit venster dat de bescherming niet actief is. Geef dit door aan de leverancier, of vul selectors aan met adapterSelectors.`,
    diagnosisRecipients: (total, read) =>
      total === 0
        ? "Nog geen ontvangers ingevuld."
        : `${total} ${total === 1 ? "ontvanger" : "ontvangers"}: ${read} met een leesbaar adres${total - read ? `, ${total - read} zonder (die krijgen de waarschuwing dat het adres niet te controleren is)` : ""}.`,
    // Test box
    testIntro:
      "Typ of plak een bericht: zorgvuldig controleert het terwijl u typt, met het beleid hierboven, precies zoals vóór verzenden in webmail. Er wordt niets verzonden of vastgelegd.",
    fieldTo: "Aan",
    fieldCc: "Cc",
    fieldBcc: "Bcc",
    fieldSubject: "Onderwerp",
    fieldBody: "Tekst",
    fieldAttachments: "Namen van bijlagen",
    recipientsHint: "Scheid adressen met een komma of puntkomma.",
    attachmentsHint: "Eén bestandsnaam per regel, zoals Verslag huisbezoek.pdf.",
    testPrivacy: "Wat u hier typt, blijft op deze pagina en verdwijnt als u haar sluit.",
    verdictTitle: "Uitkomst",
    verdictEmpty: "Vul een ontvanger of tekst in om de uitkomst te zien.",
    verdictAction: { allow: "Mag verzonden worden", warn: "Waarschuwing", block: "Geblokkeerd" },
    verdictReport: (intended) => `Proefperiode: het bericht wordt niet onderbroken. Bij handhaven zou de uitkomst „${intended}” zijn.`,
    noFindings: "Geen bevindingen.",
    findingsTitle: (n) => (n === 1 ? "1 bevinding" : `${n} bevindingen`),
    fixLabel: "De waarschuwing biedt aan:",
    overrideAllowed: "De gebruiker mag dit toch verzenden.",
    overrideJustification: "De gebruiker mag dit toch verzenden, met een reden.",
    overrideNo: "De gebruiker kan dit niet toch verzenden.",
    verdictError: "De controle gaf een fout:",
    rules: {
      "retired-domain": "vervallen domein",
      "retired-address": "vervallen adres",
      "lookalike-domain": "nagemaakt domein",
      "invalid-address": "ongeldig adres",
      "unresolved-recipient": "adres niet te controleren",
      "external-unencrypted": "onversleuteld naar buiten",
      "freemail-recipient": "privé-mailadres",
      "large-audience": "veel ontvangers",
      bsn: "BSN",
      iban: "IBAN",
      "date-of-birth": "geboortedatum",
      "phone-number": "telefoonnummer",
      "postcode-address": "adres",
      "id-document": "identiteitsbewijs",
      "special-category": "bijzondere persoonsgegevens",
      "sensitive-attachment": "dossierbijlage",
      "unreadable-attachment": "onleesbare bijlage",
      "custom-pattern": "eigen patroon",
    },
  },
  en: {
    skip: "Skip to content",
    title: "zorgvuldig – settings and log",
    lead: "A check before Send in webmail. This page shows how zorgvuldig is set up and what it has logged, and lets you try a message.",
    navTitle: "On this page",
    statusTitle: "Status",
    policyTitle: "Policy in effect",
    errorsTitle: "Policy errors",
    auditTitle: "Log",
    testTitle: "Try it",
    footer: "zorgvuldig never connects to the internet: the check, the log and this page stay in your browser.",
    protectionOn: "Protection active: messages in webmail are checked before they are sent.",
    protectionReport: "Protection in a pilot: messages are checked and logged, but sending is not interrupted.",
    protectionOff: "Protection not active: the check cannot start. Contact the service desk.",
    protectionChecking: "Fetching the status…",
    factExtension: "Extension version",
    factId: "Extension id",
    factCore: "Core version",
    factProtection: "Protection",
    factSource: "Policy",
    factLanguage: "Language",
    factErrors: "Policy errors",
    active: "active",
    activeReport: "active, logging only (pilot)",
    inactive: "not active",
    coreUnknown: "could not be loaded",
    sourceManaged: "managed by your organisation (browser policy)",
    sourceCached: "last policy received from your organisation (kept; the browser policy is empty right now)",
    sourceDefault: "defaults: there is no policy from your organisation",
    languageFromPolicy: "English (set by the policy)",
    languageFromBrowser: "English (the browser's language)",
    errorsNone: "none",
    errorsCount: (n) => `${n} – see below`,
    policyIntro:
      "These are the settings in effect. “Managed” comes from your organisation, “Default” is zorgvuldig's own setting. You cannot change them here: your IT department manages them through browser policy.",
    policyCaption: "Each setting, the value in effect and where it comes from",
    colSetting: "Setting",
    colValue: "Value",
    colSource: "Source",
    srcManaged: "Managed",
    srcCached: "Managed (kept)",
    srcDefault: "Default",
    srcPartly: "partly skipped, see errors",
    srcInvalid: "managed value invalid, default applies",
    srcBrowser: "the browser's language",
    rawToggle: "Show as JSON",
    rawEffective: "Policy in effect (defaults completed with the managed policy)",
    rawManaged: "Managed policy as received",
    rawNone: "(none)",
    none: "none",
    yes: "yes",
    no: "no",
    noOverrides: "none; every rule does its default",
    values: {
      enforce: "enforce: warn and block",
      report: "logging only (pilot)",
      ask: "let the user decide",
      block: "block",
      warn: "warn",
      info: "for information",
      allow: "allow",
      off: "off",
      nl: "Dutch",
      en: "English",
      low: "low",
      medium: "medium",
      high: "high",
    },
    successor: "successor",
    noSuccessor: "no successor",
    severity: "severity",
    keys: {
      internalDomains: ["Internal domains", "The organisation's own mail domains, with subdomains."],
      retiredDomains: ["Retired domains", "Domains that no longer belong to the organisation. Mail to them is blocked."],
      retiredAddresses: ["Retired addresses", "Addresses no longer in use, such as former colleagues'."],
      trustedDomains: ["Trusted partners", "Partners with a secure mail channel."],
      freemailDomains: ["Extra free-mail domains", "Added to the built-in list of consumer mail providers."],
      encryptionMarkers: ["Encryption markers", "Words in the subject that make the mail server encrypt the message."],
      customPatterns: ["Custom patterns", "The organisation's own sensitive data, as regular expressions."],
      sensitiveTerms: ["Extra sensitive terms", "Added to the list of special-category terms."],
      actions: ["Actions per rule", "What a rule does: off, for information, warn or block."],
      language: ["Language", "The language of every message."],
      enforcement: ["Enforcement mode", "Enforce, or only log during a pilot."],
      allowOverride: ["Sending anyway allowed", "Whether a warning has a “Send anyway” button. A block never has."],
      requireJustification: ["Justification required", "Whether sending anyway asks for a written reason (kept in the log)."],
      largeAudienceThreshold: ["Large audience threshold", "More recipients than this in To and Cc warn."],
      failMode: ["When the check cannot run", "What a send does then: let the user decide, or block."],
      webmailHosts: ["Extra webmail", "Other webmail zorgvuldig watches (besides Gmail, Outlook and Roundcube)."],
      adapterSelectors: ["Adapter selector overrides", "CSS selectors tried before the built-in ones."],
      webmailAdapters: ["Adapter per webmail host", "The adapter a host uses, instead of what the extension recognises itself."],
    },
    errorsIntro: "These parts of the policy could not be used and are skipped. The rest of the policy applies and protects as usual.",
    errorsOk: "No errors: the policy is fine.",
    errorsNoPolicy: "There is no policy from your organisation, so there are no errors.",
    errorKey: "Setting",
    item: (n) => `entry ${n} of the list`,
    errorsBrowser:
      "Chrome, Edge and Chromium leave out settings that do not fit zorgvuldig's schema (an unknown key, the wrong kind of value) before zorgvuldig sees them. Those are listed on chrome://policy (or edge://policy) in the policy's status.",
    errorsCoreDown: "The core could not load, so the policy could not be checked.",
    auditPromise:
      "The log keeps only facts about a decision: time, webmail, rules, recipients' domains, action and your choice (with your reason). Never the text of a message, never full e-mail addresses. It stays in this browser (the last 1000 decisions).",
    auditCaption: "Decisions before Send, newest first",
    exportCsv: "Export CSV",
    exportJson: "Export JSON",
    auditEmpty: "No decisions logged yet.",
    auditLost: (n, at) =>
      `${n === 1 ? "1 decision" : `${n} decisions`} could not be saved in the log${at ? ` (last ${at})` : ""}: the extension's storage in this browser is full. The log is therefore incomplete; the decisions themselves were carried out. Please tell your IT department.`,
    auditCount: (n) => (n === 1 ? "1 decision" : `${n} decisions`),
    colTime: "Time",
    colHost: "Webmail",
    colAction: "Action",
    colRules: "Rules",
    colDomains: "Recipients' domains",
    colChoice: "Choice",
    colJustification: "Reason",
    reportOnly: (intended) => `pilot: would have been ${intended}`,
    actionError: "check could not run",
    choices: {
      sent: "sent (not interrupted)",
      back: "back to message",
      override: "sent anyway",
      "sent-after-fix": "sent after a fix",
      "sent-unchecked": "sent without the check",
      "fix:replace-recipient": "recipient replaced",
      "fix:remove-recipient": "recipient removed",
      "fix:add-subject-marker": "encryption marker added",
    },
    // Page check
    diagnosisTitle: "Page check",
    diagnosisIntro:
      "For administrators: does zorgvuldig fit your webmail? Open a new message in Gmail, Outlook or other webmail and click here, or press Ctrl+Alt+Shift+D in that message window. For each part you see which selector found something and how much, and for each recipient whether zorgvuldig could read the address. No text and no address from the message is copied.",
    diagnoseButton: "Check open message windows",
    diagnosisNone: "No page check done yet.",
    diagnosisNoTabs: "No open webmail with a message window was found. Open a new message first.",
    diagnosisAt: (at) => `Last check: ${at}`,
    diagnosisPage: (host, adapter) => `${host} – recognised as ${adapter ?? "no webmail"}`,
    diagnosisCaption: "What zorgvuldig found in this message window",
    colPart: "Part",
    colSelector: "Selector",
    colFound: "Found",
    parts: {
      compose: "Message window",
      to: "To",
      cc: "Cc",
      bcc: "Bcc",
      subject: "Subject",
      body: "Text",
      attachments: "Attachments",
      send: "Send button",
    },
    notFound: "not found",
    notFoundOptional: "not found (optional)",
    diagnosisFits: "Fits: recipients, text and the Send button were found; zorgvuldig checks here.",
    diagnosisMissing: (parts) =>
      `Does not fit: ${parts} not found. In this window zorgvuldig says protection is not active. Report this to the supplier, or add selectors with adapterSelectors.`,
    diagnosisRecipients: (total, read) =>
      total === 0
        ? "No recipients filled in yet."
        : `${total} ${total === 1 ? "recipient" : "recipients"}: ${read} with a readable address${total - read ? `, ${total - read} without (they get the warning that the address could not be checked)` : ""}.`,
    testIntro:
      "Type or paste a message: zorgvuldig checks it as you type, with the policy above, exactly as before Send in webmail. Nothing is sent or logged.",
    fieldTo: "To",
    fieldCc: "Cc",
    fieldBcc: "Bcc",
    fieldSubject: "Subject",
    fieldBody: "Text",
    fieldAttachments: "Attachment names",
    recipientsHint: "Separate addresses with a comma or semicolon.",
    attachmentsHint: "One file name per line, such as Home visit report.pdf.",
    testPrivacy: "What you type here stays on this page and is gone when you close it.",
    verdictTitle: "Result",
    verdictEmpty: "Fill in a recipient or some text to see the result.",
    verdictAction: { allow: "May be sent", warn: "Warning", block: "Blocked" },
    verdictReport: (intended) => `Pilot: the message is not interrupted. When enforced the result would be “${intended}”.`,
    noFindings: "No findings.",
    findingsTitle: (n) => (n === 1 ? "1 finding" : `${n} findings`),
    fixLabel: "The warning offers:",
    overrideAllowed: "The user may send this anyway.",
    overrideJustification: "The user may send this anyway, with a reason.",
    overrideNo: "The user cannot send this anyway.",
    verdictError: "The check gave an error:",
    rules: {
      "retired-domain": "retired domain",
      "retired-address": "retired address",
      "lookalike-domain": "look-alike domain",
      "invalid-address": "invalid address",
      "unresolved-recipient": "address could not be checked",
      "external-unencrypted": "leaving unencrypted",
      "freemail-recipient": "personal mail address",
      "large-audience": "many recipients",
      bsn: "BSN",
      iban: "IBAN",
      "date-of-birth": "date of birth",
      "phone-number": "phone number",
      "postcode-address": "address",
      "id-document": "identity document",
      "special-category": "special-category data",
      "sensitive-attachment": "case-file attachment",
      "unreadable-attachment": "unreadable attachment",
      "custom-pattern": "custom pattern",
    },
  },
};

/** Columns of the CSV export, in order: the audit entry's own field names. */
const CSV_COLUMNS = [
  "time",
  "host",
  "adapter",
  "action",
  "intendedAction",
  "enforcement",
  "rules",
  "recipientDomains",
  "choice",
  "justification",
  "failure",
];

const state = {
  language: "nl",
  t: TEXTS.nl,
  /** The policy as given, its source ("managed" | "cached" | "default"). */
  raw: undefined,
  source: "default",
  engine: null,
  coreVersion: null,
  coreError: null,
  /** The background's answer to {type: "policy"}: whether protection runs there. */
  worker: null,
  audit: [],
  /** The last page check ({time, reports}), from the webmail tabs (see background.js). */
  diagnosis: null,
};

// ---------------------------------------------------------------------------------------------
// Small helpers

const { el } = globalThis.zorgvuldig; // shared/element.js, loaded by options.html
const $ = (selector) => document.querySelector(selector);
const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

/** Asks the background whether its core runs (with a time limit: the page never hangs). */
async function askWorker() {
  const timeout = new Promise((resolve) => setTimeout(() => resolve(null), 3000));
  try {
    return await Promise.race([chrome.runtime.sendMessage({ type: "policy" }), timeout]);
  } catch {
    return null;
  }
}

function errorsFor(key, errors) {
  return errors.filter((e) => e.path === key || e.path.startsWith(`${key}[`) || e.path.startsWith(`${key}.`));
}

// ---------------------------------------------------------------------------------------------
// Loading

async function loadCore() {
  try {
    await init();
    state.coreVersion = version();
  } catch (error) {
    state.coreError = String(error?.message ?? error);
  }
}

async function loadPolicy() {
  const { policy, source } = await currentPolicy().catch(() => ({ policy: undefined, source: "default" }));
  state.raw = policy;
  state.source = source;
  state.language = policyLanguage(policy) ?? uiLanguage();
  state.t = TEXTS[state.language];
  state.engine?.free();
  state.engine = null;
  if (state.coreError) return;
  try {
    // Compiled as the background does (policy-source.js).
    state.engine = new Engine(compilable(policy));
  } catch (error) {
    state.coreError = String(error?.message ?? error);
  }
}

async function loadDiagnosis() {
  const { diagnosis = null } = await chrome.storage.local.get("diagnosis");
  state.diagnosis = diagnosis;
}

async function loadAudit() {
  const { audit = [] } = await chrome.storage.local.get("audit");
  state.audit = Array.isArray(audit) ? audit : [];
  // Decisions the worker could not write (see appendAudit in background.js).
  const { auditLost = 0, auditLostAt } = /** @type {{auditLost?: number, auditLostAt?: string}} */ (
    (await chrome.storage.session?.get(["auditLost", "auditLostAt"]).catch(() => ({}))) ?? {}
  );
  state.auditLost = { count: Number(auditLost) || 0, at: auditLostAt };
}

// ---------------------------------------------------------------------------------------------
// Rendering

function renderStatic() {
  const t = state.t;
  document.documentElement.lang = state.language;
  document.title = t.title;
  for (const node of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll("[data-text]"))) {
    const text = t[node.dataset.text];
    if (typeof text === "string") node.textContent = text;
  }
}

function renderStatus() {
  const t = state.t;
  const errors = state.engine ? state.engine.policyErrors() : [];
  const report = state.engine?.effectivePolicy().enforcement === "report";
  const workerDown = state.worker && state.worker.core === false;
  const down = Boolean(state.coreError) || workerDown;
  const banner = $("#protection");
  banner.className = `banner ${down ? "off" : state.worker ? (report ? "report" : "on") : "checking"}`;
  banner.replaceChildren(
    el("span", { class: "icon", "aria-hidden": "true", text: down ? "!" : state.worker ? "✓" : "…" }),
    el("span", { text: down ? t.protectionOff : !state.worker ? t.protectionChecking : report ? t.protectionReport : t.protectionOn }),
  );
  const manifest = chrome.runtime.getManifest();
  const facts = [
    [t.factProtection, down ? t.inactive : report ? t.activeReport : t.active, "protection"],
    [t.factSource, { managed: t.sourceManaged, cached: t.sourceCached, default: t.sourceDefault }[state.source], "source"],
    [t.factErrors, state.coreError ? "–" : errors.length ? t.errorsCount(errors.length) : t.errorsNone, "errors"],
    [t.factLanguage, policyLanguage(state.raw) ? t.languageFromPolicy : t.languageFromBrowser, "language"],
    [t.factExtension, manifest.version, "extension-version"],
    [t.factId, el("code", { text: chrome.runtime.id }), "extension-id"],
    [t.factCore, state.coreVersion ?? `${t.coreUnknown}: ${state.coreError}`, "core-version"],
  ];
  $("#status-list").replaceChildren(
    ...facts.flatMap(([term, value, id]) => [el("dt", { text: term }), el("dd", { "data-fact": id }, value)]),
  );
}

/** A value of the effective policy, readable: lists as lists, objects as "key: value" lists. */
function renderValue(key, value) {
  const t = state.t;
  const word = (v) => t.values[v] ?? String(v);
  const list = (items) =>
    items.length
      ? el(
          "ul",
          { class: "values" },
          items.map((item) => el("li", {}, item)),
        )
      : el("span", { class: "muted", text: t.none });
  switch (key) {
    case "retiredDomains":
      return list(
        value.map((r) => [
          el("code", { text: r.domain }),
          r.successor
            ? [" → ", el("code", { text: r.successor }), el("span", { class: "muted", text: ` (${t.successor})` })]
            : el("span", { class: "muted", text: ` (${t.noSuccessor})` }),
        ]),
      );
    case "customPatterns":
      return list(
        value.map((p) => [
          el("strong", { text: p.label ?? p.id }),
          " ",
          el("code", { text: p.pattern }),
          el("span", { class: "muted", text: ` (${p.id}; ${t.severity}: ${word(p.severity)})` }),
        ]),
      );
    case "actions":
      return Object.keys(value).length
        ? list(Object.entries(value).map(([rule, action]) => [el("code", { text: rule }), `: ${word(action)}`]))
        : el("span", { class: "muted", text: t.noOverrides });
    case "adapterSelectors":
      return list(
        Object.entries(value).flatMap(([adapter, parts]) =>
          Object.entries(parts ?? {}).map(([part, selectors]) => [
            el("code", { text: `${adapter}.${part}` }),
            ": ",
            (Array.isArray(selectors) ? selectors : [selectors]).map((s, i) => [i ? ", " : "", el("code", { text: s })]),
          ]),
        ),
      );
    default:
      break;
  }
  if (Array.isArray(value))
    return list(value.map((v) => (isObject(v) ? el("code", { text: JSON.stringify(v) }) : el("code", { text: String(v) }))));
  if (typeof value === "boolean") return el("span", { text: value ? t.yes : t.no });
  if (isObject(value))
    return Object.keys(value).length
      ? list(Object.entries(value).map(([k, v]) => [el("code", { text: k }), `: ${JSON.stringify(v)}`]))
      : el("span", { class: "muted", text: t.none });
  if (typeof value === "string" && t.values[value])
    return el("span", {}, t.values[value], el("span", { class: "muted" }, " (", el("code", { text: value }), ")"));
  return el("span", { text: String(value) });
}

function renderPolicy() {
  const t = state.t;
  const body = $("#policy-table tbody");
  if (!state.engine) {
    body.replaceChildren(el("tr", {}, el("td", { colspan: "3", text: t.errorsCoreDown })));
    $("#raw-effective").textContent = t.rawNone;
    $("#raw-managed").textContent = state.raw === undefined ? t.rawNone : JSON.stringify(state.raw, null, 2);
    return;
  }
  const effective = state.engine.effectivePolicy();
  const errors = state.engine.policyErrors();
  const raw = isObject(state.raw) ? state.raw : {};
  const rows = Object.entries(effective).map(([key, value]) => {
    const [label, description] = t.keys[key] ?? [key, ""];
    const given = Object.hasOwn(raw, key);
    const problems = errorsFor(key, errors);
    const ignored = problems.some((e) => e.path === key);
    let source = "default";
    let note = key === "language" && !given ? t.srcBrowser : null;
    if (given && ignored) {
      note = t.srcInvalid;
    } else if (given) {
      source = state.source === "cached" ? "cached" : "managed";
      if (problems.length) note = t.srcPartly;
    }
    const sourceText = { managed: t.srcManaged, cached: t.srcCached, default: t.srcDefault }[source];
    return el(
      "tr",
      { "data-key": key, "data-source": source === "default" ? "default" : "managed" },
      el(
        "th",
        { scope: "row" },
        el("span", { class: "setting", text: label }),
        el("code", { class: "key", text: key }),
        description ? el("span", { class: "description", text: description }) : null,
      ),
      el("td", { class: "value" }, renderValue(key, value)),
      el(
        "td",
        { class: "source" },
        el("span", { class: `pill ${source === "default" ? "default" : "managed"}`, text: sourceText }),
        note ? el("span", { class: `note${problems.length ? " problem" : ""}`, text: note }) : null,
      ),
    );
  });
  body.replaceChildren(...rows);
  $("#raw-effective").textContent = JSON.stringify(effective, null, 2);
  $("#raw-managed").textContent = state.raw === undefined ? t.rawNone : JSON.stringify(state.raw, null, 2);
}

/** A path such as retiredDomains[1].domain in words: "Vervallen domeinen, nummer 2 in de lijst". */
function plainPath(path) {
  const t = state.t;
  const match = /^([A-Za-z]+)(?:\[(\d+)\])?/.exec(path);
  const label = match && t.keys[match[1]]?.[0];
  if (!label) return null;
  return match[2] === undefined ? label : `${label}, ${t.item(Number(match[2]) + 1)}`;
}

/** Firefox passes policies.json to the extension as written; Chromium-based browsers check it
 *  against the schema first and leave out what does not fit. */
const runtimeApi = /** @type {{getBrowserInfo?: unknown}} */ (chrome.runtime);
const chromiumPolicy = typeof runtimeApi.getBrowserInfo !== "function";

function renderErrors() {
  const t = state.t;
  const box = $("#errors-body");
  if (!state.engine) {
    box.replaceChildren(el("p", { class: "banner off", text: t.errorsCoreDown }));
    return;
  }
  const errors = state.engine.policyErrors();
  const browserHint = chromiumPolicy && state.source !== "default" ? el("p", { class: "hint", text: t.errorsBrowser }) : null;
  if (!errors.length) {
    box.replaceChildren(
      ...[el("p", { class: "ok", text: state.source === "default" ? t.errorsNoPolicy : t.errorsOk }), browserHint].filter(Boolean),
    );
    return;
  }
  box.replaceChildren(
    ...[
      el("p", { text: t.errorsIntro }),
      el(
        "ul",
        { class: "errors" },
        errors.map((e) =>
          el(
            "li",
            { "data-path": e.path, "data-code": e.code },
            el(
              "p",
              { class: "error-key" },
              el("span", { class: "label", text: `${t.errorKey}: ` }),
              el("code", { text: e.path }),
              plainPath(e.path) ? el("span", { class: "plain-path", text: ` (${plainPath(e.path)})` }) : null,
            ),
            el("p", { class: "error-message", text: e.message }),
          ),
        ),
      ),
      browserHint,
    ].filter(Boolean),
  );
}

function actionText(entry) {
  const t = state.t;
  if (entry.action === "error") return t.actionError;
  const word = t.values[entry.action] ?? entry.action;
  return entry.intendedAction ? `${word} (${t.reportOnly(t.values[entry.intendedAction] ?? entry.intendedAction)})` : word;
}

function renderAudit() {
  const t = state.t;
  const entries = [...state.audit].reverse();
  const locale = state.language === "en" ? "en-GB" : "nl-NL";
  const body = $("#audit-table tbody");
  body.replaceChildren(
    ...entries.map((entry) => {
      const time = new Date(entry.time);
      const timeText = Number.isNaN(time.getTime())
        ? String(entry.time ?? "")
        : time.toLocaleString(locale, { dateStyle: "medium", timeStyle: "medium" });
      const rules = Array.isArray(entry.rules) ? entry.rules : [];
      const domains = Array.isArray(entry.recipientDomains) ? entry.recipientDomains : [];
      const cell = (label, attributes, ...content) => el("td", { ...attributes, "data-label": label }, ...content);
      return el(
        "tr",
        { class: `action-${entry.action}` },
        cell(t.colTime, {}, el("time", { datetime: entry.time ?? "", text: timeText })),
        cell(t.colHost, {}, el("code", { text: entry.host ?? "" })),
        cell(t.colAction, {}, el("span", { class: `level level-${entry.action}`, text: actionText(entry) })),
        cell(
          t.colRules,
          {},
          rules.length
            ? el(
                "ul",
                { class: "values" },
                rules.map((r) => el("li", { title: r }, t.rules[r] ?? r, " ", el("code", { class: "muted", text: r }))),
              )
            : "–",
        ),
        cell(
          t.colDomains,
          {},
          domains.length
            ? el(
                "ul",
                { class: "values" },
                domains.map((d) => el("li", {}, el("code", { text: d }))),
              )
            : "–",
        ),
        cell(t.colChoice, { text: t.choices[entry.choice] ?? String(entry.choice ?? "") }),
        cell(t.colJustification, { class: entry.justification ? "justification" : "justification none", text: entry.justification ?? "" }),
      );
    }),
  );
  const lost = state.auditLost ?? { count: 0 };
  $("#audit-lost").hidden = lost.count === 0;
  if (lost.count) {
    const at = new Date(lost.at);
    const atText = Number.isNaN(at.getTime()) ? "" : at.toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" });
    $("#audit-lost-text").textContent = t.auditLost(lost.count, atText);
  }
  const empty = entries.length === 0;
  $("#audit-empty").hidden = !empty;
  $("#audit-table").closest(".table-wrap").hidden = empty;
  $("#export-csv").disabled = empty;
  $("#export-json").disabled = empty;
  $("#audit-count").textContent = empty ? "" : t.auditCount(entries.length);
}

// ---------------------------------------------------------------------------------------------
// Page check

/** One table per message window: each part, the selector that found it and how many; then
 *  whether the window fits and how many recipients had a readable address. */
function diagnosisWindow(window, t) {
  // Cc, Bcc, subject and attachments may be absent (a field not opened yet); the rest is needed.
  const optional = ["cc", "bcc", "subject", "attachments"];
  const row = (part, selector, count) =>
    el(
      "tr",
      { class: count ? "found" : optional.includes(part) ? "absent" : "missing" },
      el("th", { scope: "row", text: t.parts[part] ?? part }),
      el("td", {}, selector ? el("code", { text: selector }) : "–"),
      el("td", { text: count ? String(count) : optional.includes(part) ? t.notFoundOptional : t.notFound }),
    );
  const table = el(
    "table",
    { class: "diagnosis" },
    el("caption", { text: t.diagnosisCaption }),
    el(
      "thead",
      {},
      el(
        "tr",
        {},
        el("th", { scope: "col", text: t.colPart }),
        el("th", { scope: "col", text: t.colSelector }),
        el("th", { scope: "col", text: t.colFound }),
      ),
    ),
    el("tbody", {}, ...window.parts.map((p) => row(p.part, p.selector, p.count))),
  );
  const missing = (window.missing ?? []).map((part) => t.parts[part] ?? part).join(", ");
  const read = window.recipients.filter((r) => r.address).length;
  return el(
    "div",
    { class: "diagnosis-window" },
    el("div", { class: "table-wrap" }, table),
    el("p", {
      class: missing ? "banner off" : "banner on",
      role: missing ? "alert" : undefined,
      text: missing ? t.diagnosisMissing(missing) : t.diagnosisFits,
    }),
    el("p", { text: t.diagnosisRecipients(window.recipients.length, read) }),
  );
}

function renderDiagnosis() {
  const t = state.t;
  const body = $("#diagnosis-body");
  const diagnosis = state.diagnosis;
  const locale = state.language === "en" ? "en-GB" : "nl-NL";
  const at = diagnosis ? new Date(diagnosis.time) : null;
  $("#diagnosis-time").textContent =
    at && !Number.isNaN(at.getTime()) ? t.diagnosisAt(at.toLocaleString(locale, { dateStyle: "medium", timeStyle: "medium" })) : "";
  if (!diagnosis) {
    body.replaceChildren(el("p", { class: "empty", text: t.diagnosisNone }));
    return;
  }
  const reports = (diagnosis.reports ?? []).filter((r) => r?.windows?.length);
  if (!reports.length) {
    body.replaceChildren(el("p", { class: "empty", text: t.diagnosisNoTabs }));
    return;
  }
  body.replaceChildren(
    ...reports.map((report) =>
      el(
        "article",
        { class: "diagnosis-page" },
        el("h3", { text: t.diagnosisPage(report.host, report.adapter) }),
        el(
          "p",
          {},
          `${t.parts.compose}: `,
          report.compose?.selector ? el("code", { text: report.compose.selector }) : t.notFound,
          ` (${report.compose?.count ?? 0})`,
        ),
        ...report.windows.map((w) => diagnosisWindow(w, t)),
      ),
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Export

/** One CSV field: quoted when needed; a leading = + - @ is defused so a spreadsheet never runs
 *  a justification as a formula. */
function csvField(value) {
  let text = Array.isArray(value) ? value.join(" ") : value === undefined || value === null ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n;']/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function auditCsv(entries) {
  const lines = [CSV_COLUMNS.join(","), ...entries.map((entry) => CSV_COLUMNS.map((c) => csvField(entry[c])).join(","))];
  return `${lines.join("\r\n")}\r\n`;
}

function auditJson(entries) {
  return `${JSON.stringify(
    {
      extension: "zorgvuldig",
      extensionVersion: chrome.runtime.getManifest().version,
      extensionId: chrome.runtime.id,
      exportedAt: new Date().toISOString(),
      entries,
    },
    null,
    2,
  )}\n`;
}

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el("a", { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function stamp() {
  return new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
}

// ---------------------------------------------------------------------------------------------
// Test box

function recipients(text) {
  return text
    .split(/[,;\n]+/)
    .map((r) => r.trim())
    .filter(Boolean);
}

function snapshotOfForm() {
  const form = $("#test-form");
  const value = (name) => form.elements[name].value;
  return {
    from: "",
    to: recipients(value("to")),
    cc: recipients(value("cc")),
    bcc: recipients(value("bcc")),
    subject: value("subject"),
    body: value("body"),
    attachments: value("attachments")
      .split("\n")
      .map((n) => n.trim())
      .filter(Boolean)
      .map((name) => ({ name })),
  };
}

function renderVerdict() {
  const t = state.t;
  const ui = globalThis.zorgvuldig?.texts?.(state.language);
  const box = $("#verdict");
  const snapshot = snapshotOfForm();
  const heading = el("h3", { text: t.verdictTitle });
  if (!state.engine) {
    box.dataset.action = "error";
    box.replaceChildren(heading, el("p", { class: "banner off", text: t.protectionOff }));
    return;
  }
  const empty =
    !snapshot.to.length &&
    !snapshot.cc.length &&
    !snapshot.bcc.length &&
    !snapshot.subject &&
    !snapshot.body &&
    !snapshot.attachments.length;
  if (empty) {
    box.dataset.action = "";
    box.replaceChildren(heading, el("p", { class: "muted", text: t.verdictEmpty }));
    return;
  }
  let verdict;
  try {
    verdict = state.engine.analyze(snapshot);
  } catch (error) {
    box.dataset.action = "error";
    box.replaceChildren(heading, el("p", { class: "banner off", text: `${t.verdictError} ${error?.message ?? error}` }));
    return;
  }
  box.dataset.action = verdict.action;
  const icon = { allow: "✓", warn: "!", block: "✕" }[verdict.action] ?? "?";
  const findings = verdict.findings ?? [];
  const override =
    verdict.action === "warn"
      ? verdict.override?.allowed
        ? verdict.override.justificationRequired
          ? t.overrideJustification
          : t.overrideAllowed
        : t.overrideNo
      : null;
  box.replaceChildren(
    ...[
      heading,
      el(
        "div",
        { class: `outcome ${verdict.action}` },
        el("span", { class: "icon", "aria-hidden": "true", text: icon }),
        el(
          "div",
          {},
          el(
            "p",
            { class: "outcome-action" },
            el("strong", { text: t.verdictAction[verdict.action] ?? verdict.action }),
            " ",
            el("code", { class: "action-code", text: verdict.action }),
          ),
          el("p", { class: "summary", text: verdict.summary ?? "" }),
        ),
      ),
      verdict.intendedAction && verdict.intendedAction !== verdict.action
        ? el("p", { class: "note-box", text: t.verdictReport(t.values[verdict.intendedAction] ?? verdict.intendedAction) })
        : null,
      override ? el("p", { class: "override-note", text: override }) : null,
      findings.length
        ? [
            el("h4", { text: t.findingsTitle(findings.length) }),
            el(
              "ul",
              { class: "findings" },
              findings.map((f) =>
                el(
                  "li",
                  { class: `level-${f.severity}`, "data-rule": f.rule },
                  el(
                    "p",
                    { class: "finding-head" },
                    el("span", { class: "tag", text: ui?.levels?.[f.severity] ?? f.severity }),
                    " ",
                    el("span", { class: "rule", text: t.rules[f.rule] ?? f.rule }),
                    " ",
                    el("code", { class: "muted", text: f.rule }),
                    el("span", {
                      class: "where",
                      text: ` · ${ui?.where?.[f.field] ?? f.field}${f.recipient ? `: ${f.recipient}` : f.excerpt ? `: ${f.excerpt}` : ""}`,
                    }),
                  ),
                  el("p", { class: "message", text: f.message }),
                  f.fix?.label ? el("p", { class: "fix" }, el("span", { class: "muted", text: `${t.fixLabel} ` }), f.fix.label) : null,
                ),
              ),
            ),
          ]
        : el("p", { class: "no-findings", text: t.noFindings }),
    ]
      .flat(Infinity)
      .filter(Boolean),
  );
}

let typingTimer = null;

function onTestInput() {
  clearTimeout(typingTimer);
  typingTimer = setTimeout(renderVerdict, 120);
}

// ---------------------------------------------------------------------------------------------
// Start

function renderAll() {
  renderStatic();
  renderStatus();
  renderPolicy();
  renderErrors();
  renderAudit();
  renderDiagnosis();
  renderVerdict();
}

async function start() {
  await Promise.all([loadCore(), loadAudit(), loadDiagnosis()]);
  await loadPolicy();
  renderAll();
  document.body.dataset.ready = "true";
  state.worker = await askWorker();
  renderStatus();

  $("#diagnose").addEventListener("click", () => chrome.runtime.sendMessage({ type: "diagnose-tabs" }).catch(() => {}));
  $("#test-form").addEventListener("input", onTestInput);
  $("#test-form").addEventListener("submit", (event) => event.preventDefault());
  const fileName = (ext) => `${state.language === "en" ? "zorgvuldig-log" : "zorgvuldig-logboek"}-${stamp()}.${ext}`;
  $("#export-csv").addEventListener("click", () =>
    download(fileName("csv"), "text/csv;charset=utf-8", `\uFEFF${auditCsv([...state.audit].reverse())}`),
  );
  $("#export-json").addEventListener("click", () => download(fileName("json"), "application/json", auditJson([...state.audit].reverse())));

  chrome.storage.onChanged.addListener(async (changes, area) => {
    if (area === "managed" || (area === "local" && changes.lastGoodPolicy)) {
      await loadPolicy();
      state.worker = await askWorker();
      renderAll();
    }
    if (area === "local" && changes.diagnosis) {
      await loadDiagnosis();
      renderDiagnosis();
    }
    if ((area === "local" && changes.audit) || (area === "session" && changes.auditLost)) {
      await loadAudit();
      renderAudit();
    }
  });
}

start();
