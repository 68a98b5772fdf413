// The plain-JavaScript peer of `make bench`: what a typical extension author writes instead of a
// Wasm core. One RegExp per detector run over the subject, the body and each attachment name,
// `stdnum` (npm) for the BSN 11-check and the IBAN check digits, a context word before the value
// where the detector needs one, and a keyword list for special-category terms. It has no
// recipient rules, no look-alike domains, no person layer, no messages and no masking, so it
// does less than the core: a ratio in the core's favour is earned, not flattered.

import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { stdnum } = require('stdnum');
const { mod97base10Validate } = require('stdnum/lib/cjs/util/checksum.js');

/** How far before a value (in characters) a context word counts. */
const CONTEXT_WINDOW = 40;

const words = (list) => new RegExp(`\\b(?:${list.join('|')})\\b`, 'i');

const SPECIAL_TERMS = [
  'suïcide',
  'suicide',
  'zelfmoord',
  'zelfmoordpoging',
  'suïcidaal',
  'suicidaal',
  'zelfbeschadiging',
  'seksueel misbruik',
  'verkrachting',
  'incest',
  'kindermishandeling',
  'huiselijk geweld',
  'verwaarlozing',
  'ondertoezichtstelling',
  'uithuisplaatsing',
  'gesloten jeugdzorg',
  'psychose',
  'psychotisch',
  'schizofrenie',
  'bipolaire stoornis',
  'depressie',
  'depressief',
  'angststoornis',
  'eetstoornis',
  'anorexia',
  'boulimia',
  'adhd',
  'autisme',
  'verslaving',
  'alcoholmisbruik',
  'drugsgebruik',
  'hiv',
  'soa',
  'abortus',
  'strafblad',
  'reclassering',
  'detentie',
  'tbs',
  'homoseksueel',
  'transgender',
  'seksuele geaardheid',
  'geloofsovertuiging',
  'etnische afkomst',
  'ggz',
  'psychiatrische opname',
  'ptss',
  'borderline',
  'self-harm',
  'sexual abuse',
  'child abuse',
  'domestic violence',
  'neglect',
  'supervision order',
  'psychosis',
  'schizophrenia',
  'depression',
  'eating disorder',
  'autism',
  'addiction',
  'criminal record',
  'ptsd',
].sort((a, b) => b.length - a.length);

const bsnValid = (text) => stdnum.NL.bsn.validate(text).isValid;

function ibanValid(text) {
  const compact = text.replace(/[ -]/g, '');
  return compact.length >= 15 && compact.length <= 34 && mod97base10Validate(compact.slice(4) + compact.slice(0, 4));
}

/** Each detector: a rule, its RegExp, and optionally a check of the value and a context. */
const DETECTORS = [
  { rule: 'bsn', re: /\b(?:\d{9}|\d{4}[. ]\d{2}[. ]\d{3}|\d{3}[. ]\d{3}[. ]\d{3})\b/g, valid: bsnValid },
  { rule: 'iban', re: /\b[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]{4}){2,7}(?:[ -]?[A-Z0-9]{1,3})?\b/g, valid: ibanValid },
  {
    rule: 'date-of-birth',
    re: /\b(?:(?:0?[1-9]|[12]\d|3[01])[-/.](?:0?[1-9]|1[0-2])[-/.](?:19|20)\d{2}|(?:0?[1-9]|[12]\d|3[01]) (?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|jan|feb|mrt|apr|jun|jul|aug|sep|okt|nov|dec)\.? (?:19|20)\d{2})\b/gi,
    context: words(['geboren', 'geboortedatum', 'geb\\.?', 'dob', 'born', 'date of birth']),
  },
  { rule: 'phone-number', re: /(?:(?:\+31|\b0031)[ -]?(?:\(0\)[ -]?)?[1-9]|\b0[1-9])(?:[ -]?\d){8}\b/g },
  { rule: 'postcode-address', re: /\b[1-9]\d{3} ?(?:[A-RT-Z][A-Z]|S[BCE-RT-Z])\b/g },
  { rule: 'postcode-address', re: /\b[A-Z][a-z]+(?:straat|laan|weg|plein|gracht|kade|dijk|singel|hof|park|markt) \d{1,4}[a-z]?\b/g },
  {
    rule: 'id-document',
    re: /\b[A-NP-Z]{2}[A-NP-Z0-9]{6}\d\b/g,
    context: words(['paspoort', 'paspoortnummer', 'identiteitskaart', 'id-kaart', 'rijbewijs', 'documentnummer', 'passport']),
  },
  { rule: 'special-category', re: new RegExp(`\\b(?:${SPECIAL_TERMS.join('|')})\\b`, 'gi') },
];

function detect(field, text, findings) {
  for (const { rule, re, valid, context } of DETECTORS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (valid && !valid(m[0])) continue;
      if (context && !context.test(text.slice(Math.max(0, m.index - CONTEXT_WINDOW), m.index))) continue;
      findings.push({ rule, field, start: m.index, end: m.index + m[0].length });
    }
  }
}

/** The peer's findings for one compose snapshot: `{rule, field, start, end}` in UTF-16 units. */
export function analyze(snapshot) {
  const findings = [];
  detect('subject', snapshot.subject ?? '', findings);
  detect('body', snapshot.body ?? '', findings);
  (snapshot.attachments ?? []).forEach((attachment, i) => detect(`attachments[${i}]`, attachment.name ?? '', findings));
  return findings;
}
