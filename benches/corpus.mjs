// Compose snapshots of Dutch casework mail with *distinct* values, for `make bench`: every BSN,
// IBAN, phone number, date of birth, address and document number is made up afresh, so a
// detector cannot report one value once and skip its repeats. Sensitive items (and hard
// negatives: dossier numbers that fail the 11-check, dates without birth context, amounts) are
// sprinkled at `density` items per 1,000 body characters between ordinary sentences; each body is
// exactly `bytes` bytes of UTF-8. Four recipients per message, none of them internal to the bench
// policy. Deterministic: the same arguments give the same snapshots.
//
// The recipe follows the corpus recipe the project was measured with when the speed work began
// (vocabulary, sentence templates, weights, density rule); the random generator is our own, so
// the texts differ in detail, not in kind.

const FIRST = [
  'Sanne',
  'Daan',
  'Emma',
  'Noah',
  'Julia',
  'Lucas',
  'Mila',
  'Sem',
  'Tess',
  'Finn',
  'Zoë',
  'Levi',
  'Sophie',
  'Liam',
  'Fleur',
  'Mohammed',
  'Yara',
  'Bram',
  'Anouk',
  'Jayden',
  'Noor',
  'Thijs',
  'Lotte',
  'Ayoub',
  'Eva',
  'Joris',
  'Femke',
  'Kevin',
  'Iris',
  'Ruben',
  'Chantal',
  'Dewi',
  'Saïd',
];
const LAST = [
  'de Vries',
  'Jansen',
  'van den Berg',
  'Bakker',
  'Visser',
  'Smit',
  'Meijer',
  'de Boer',
  'Mulder',
  'de Groot',
  'Bos',
  'Vos',
  'Peters',
  'Hendriks',
  'van Leeuwen',
  'Dekker',
  'Brouwer',
  'de Wit',
  'Dijkstra',
  'Yılmaz',
  'El Amrani',
  'Kramer',
  'van Dijk',
  'Koster',
  'Verhoeven',
  'Postma',
];
const CITY = [
  'Amsterdam',
  'Rotterdam',
  'Utrecht',
  'Den Haag',
  'Eindhoven',
  'Groningen',
  'Tilburg',
  'Almere',
  'Breda',
  'Nijmegen',
  'Zwolle',
  'Leeuwarden',
  'Heerlen',
  'Apeldoorn',
  'Haarlem',
  'Enschede',
  'Amersfoort',
  'Delft',
  'Sneek',
];
const STREET = [
  'Kerkstraat',
  'Dorpsstraat',
  'Schoolstraat',
  'Molenweg',
  'Stationsweg',
  'Beatrixlaan',
  'Julianalaan',
  'Wilhelminastraat',
  'Prinsengracht',
  'Havenkade',
  'Zeedijk',
  'Marktplein',
  'Eikenlaan',
  'Lindenhof',
  'Parkweg',
  'Nieuwe Binnenweg',
  'Oranjesingel',
  'Hoofdstraat',
];
const ORG = [
  'Jeugdbescherming regio',
  'Veilig Thuis',
  'het wijkteam',
  'de GGD',
  'de Raad voor de Kinderbescherming',
  'het sociaal team',
  'Jeugdzorg',
];
const ROLE = [
  'jeugdbeschermer',
  'casemanager',
  'gezinsvoogd',
  'ambulant hulpverlener',
  'wijkcoach',
  'gedragswetenschapper',
  'maatschappelijk werker',
];
const BANKS = ['ABNA', 'RABO', 'INGB', 'SNSB', 'TRIO', 'ASNB', 'KNAB', 'BUNQ', 'RBRB'];
const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
// Special-category terms: words a keyword list holds, and inflected forms it does not.
const SPECIAL_LISTED = [
  'suïcide',
  'zelfmoordpoging',
  'suïcidaal',
  'zelfbeschadiging',
  'seksueel misbruik',
  'verkrachting',
  'kindermishandeling',
  'huiselijk geweld',
  'verwaarlozing',
  'ondertoezichtstelling',
  'uithuisplaatsing',
  'gesloten jeugdzorg',
  'psychose',
  'schizofrenie',
  'bipolaire stoornis',
  'depressie',
  'angststoornis',
  'eetstoornis',
  'anorexia',
  'ADHD',
  'autisme',
  'verslaving',
  'alcoholmisbruik',
  'drugsgebruik',
  'hiv',
  'abortus',
  'strafblad',
  'reclassering',
  'detentie',
  'transgender',
  'homoseksueel',
  'ggz',
  'psychiatrische opname',
  'PTSS',
  'borderline',
];
const SPECIAL_UNLISTED = [
  'depressieve klachten',
  'suïcidale gedachten',
  'psychotische episode',
  'verslaafd',
  'zelfmoordgedachten',
  'mishandeld',
  'misbruikt',
];
const FILLER = [
  'Het gesprek verliep in een open en rustige sfeer.',
  'We hebben afgesproken om over twee weken opnieuw contact op te nemen.',
  'Moeder gaf aan dat de afgelopen periode zwaar is geweest.',
  'De school meldt dat het verzuim is afgenomen sinds de vorige evaluatie.',
  'Ik heb de afspraken uit het plan van aanpak nog een keer met vader doorgenomen.',
  'Er is een overleg gepland met de mentor en de intern begeleider.',
  'De kinderen maakten een verzorgde indruk en speelden samen in de woonkamer.',
  'Graag ontvang ik uiterlijk vrijdag jullie reactie op het concept.',
  'Het netwerk rondom het gezin is beperkt; oma helpt wel met halen en brengen.',
  'Zie de bijlage voor het volledige verslag van het huisbezoek.',
  'Vader was bij het gesprek aanwezig en stelde veel vragen over het vervolg.',
  'De hulpverlening wordt voorlopig voortgezet in de huidige vorm.',
  'In het multidisciplinair overleg is de casus uitgebreid besproken.',
  'De aanvraag voor de maatwerkvoorziening ligt nog bij de gemeente.',
  'Het is belangrijk dat we de voortgang goed blijven volgen.',
  'Tijdens het bezoek was de woning opgeruimd en schoon.',
  'Ik stuur dit bericht ook ter informatie aan de collega van het wijkteam.',
  'Wil je de verslaglegging aanvullen met de afspraken van vandaag?',
  'Het kind gaat drie dagen per week naar de opvang.',
  'De evaluatie staat gepland in de week na de herfstvakantie.',
  'Er zijn geen nieuwe signalen ontvangen van school of huisarts.',
  'Bij vragen kun je mij altijd even bellen of mailen.',
  'Ik heb toestemming van beide ouders om informatie te delen.',
  'De gezinsvoogd neemt het dossier vanaf volgende maand over.',
];

const utf8Length = (text) => Buffer.byteLength(text, 'utf8');

/** A seeded generator (mulberry32) with the helpers the recipe needs. */
class Random {
  constructor(seed) {
    this.state = seed >>> 0;
  }
  next() {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(low, high) {
    return low + Math.floor(this.next() * (high - low + 1));
  }
  pick(list) {
    return list[Math.floor(this.next() * list.length)];
  }
  digits(count) {
    let out = '';
    for (let i = 0; i < count; i++) out += this.int(0, 9);
    return out;
  }
}

function validBsn(r) {
  for (;;) {
    const d = [r.int(1, 9), ...Array.from({ length: 7 }, () => r.int(0, 9))];
    const last = d.reduce((sum, x, i) => sum + (9 - i) * x, 0) % 11;
    if (last < 10) return d.join('') + last;
  }
}

function invalidNineDigits(r) {
  for (;;) {
    const d = [r.int(1, 9), ...Array.from({ length: 8 }, () => r.int(0, 9))];
    const sum = d.slice(0, 8).reduce((s, x, i) => s + (9 - i) * x, 0) - d[8];
    if (sum % 11 !== 0) return d.join('');
  }
}

function formatBsn(r, b) {
  const k = r.next();
  if (k < 0.5) return b;
  if (k < 0.8) return `${b.slice(0, 4)}.${b.slice(4, 6)}.${b.slice(6)}`;
  if (k < 0.9) return `${b.slice(0, 3)} ${b.slice(3, 6)} ${b.slice(6)}`;
  return `${b.slice(0, 3)}.${b.slice(3, 6)}.${b.slice(6)}`;
}

function ibanCheck(country, bban) {
  const digits = [...(bban + country + '00')].map((c) => parseInt(c, 36)).join('');
  let rest = 0;
  for (const c of digits) rest = (rest * 10 + Number(c)) % 97;
  return String(98 - rest).padStart(2, '0');
}

function iban(r) {
  const k = r.next();
  let country;
  let bban;
  if (k < 0.85) {
    country = 'NL';
    bban = r.pick(BANKS) + r.digits(10);
  } else if (k < 0.93) {
    country = 'BE';
    const first = r.digits(10);
    bban = first + String(Number(first) % 97 || 97).padStart(2, '0');
  } else {
    country = 'DE';
    bban = r.digits(18);
  }
  const raw = country + ibanCheck(country, bban) + bban;
  return r.next() < 0.5 ? raw : raw.match(/.{1,4}/g).join(' ');
}

function phone(r) {
  const k = r.int(0, 7);
  const d8 = r.digits(8);
  switch (k) {
    case 0:
      return `06-${d8}`;
    case 1:
      return `06 ${d8.slice(0, 4)} ${d8.slice(4)}`;
    case 2:
      return `06${d8}`;
    case 3:
      return `+31 6 ${d8}`;
    case 4:
      return `+31 (0)6 ${d8.slice(0, 4)} ${d8.slice(4)}`;
    case 5: {
      const area = r.pick(['020', '010', '030', '070', '040', '050']);
      const d = r.digits(7);
      return r.next() < 0.5 ? `${area}-${d}` : `${area} ${d.slice(0, 3)} ${d.slice(3)}`;
    }
    case 6:
      return `${r.pick(['0513', '0575', '0416', '0229', '0492'])}-${r.digits(6)}`;
    default:
      return `+31 20 ${r.digits(3)} ${r.digits(4)}`;
  }
}

function date(r, fromYear, toYear) {
  const y = r.int(fromYear, toYear);
  const m = r.int(1, 12);
  const d = r.int(1, 28);
  const two = (n) => String(n).padStart(2, '0');
  switch (r.int(0, 3)) {
    case 0:
      return `${two(d)}-${two(m)}-${y}`;
    case 1:
      return `${d}-${m}-${y}`;
    case 2:
      return `${d} ${MONTHS[m - 1]} ${y}`;
    default:
      return `${two(d)}/${two(m)}/${y}`;
  }
}

function postcode(r) {
  const letters = 'ABCDEFGHJKLMNPRTVWXZ';
  let pair;
  do pair = r.pick(letters) + r.pick(letters);
  while (['SA', 'SD', 'SS'].includes(pair));
  return `${r.int(1000, 9999)}${r.next() < 0.7 ? ' ' : ''}${pair}`;
}

function documentNumber(r) {
  const letters = 'ABCDEFGHIJKLMNPQRSTUVWXYZ';
  const alphanumeric = letters + '0123456789';
  let out = r.pick(letters) + r.pick(letters);
  for (let i = 0; i < 6; i++) out += r.pick(alphanumeric);
  return out + r.int(0, 9);
}

const fullName = (r) => `${r.pick(FIRST)} ${r.pick(LAST)}`;

// Sentence makers, each returning the sentence's text.
const sentences = {
  bsn: (r) => {
    const value = () => formatBsn(r, validBsn(r));
    switch (r.int(0, 4)) {
      case 0:
        return `Het BSN van ${r.pick(FIRST)} is ${value()}.`;
      case 1:
        return `Burgerservicenummer moeder: ${value()}.`;
      case 2:
        return `Kun je het dossier met BSN ${value()} aan mij overdragen?`;
      case 3:
        return `Zoals besproken het nummer van vader: ${value()}.`;
      default:
        return `${r.pick(FIRST)} (${value()}) staat nog niet ingeschreven bij de gemeente.`;
    }
  },
  iban: (r) => {
    switch (r.int(0, 2)) {
      case 0:
        return `Graag het bedrag overmaken naar ${iban(r)} t.n.v. ${fullName(r)}.`;
      case 1:
        return `Het rekeningnummer van moeder is ${iban(r)}.`;
      default:
        return `De toeslag wordt gestort op IBAN ${iban(r)} ten name van ${fullName(r)}.`;
    }
  },
  phone: (r) => {
    switch (r.int(0, 3)) {
      case 0:
        return `U kunt mij bereiken op ${phone(r)}.`;
      case 1:
        return `Moeder is telefonisch bereikbaar via ${phone(r)} (na 15.00 uur).`;
      case 2:
        return `Bel bij spoed het nummer ${phone(r)}.`;
      default:
        return `Het mobiele nummer van vader is gewijzigd in ${phone(r)}.`;
    }
  },
  dateOfBirth: (r) => {
    const birth = () => date(r, 1970, 2022);
    switch (r.int(0, 4)) {
      case 0:
        return `${fullName(r)} is geboren op ${birth()} in ${r.pick(CITY)}.`;
      case 1:
        return `Geboortedatum kind: ${birth()}.`;
      case 2:
        return `Het gaat om ${fullName(r)} (geb. ${birth()}).`;
      case 3:
        return `Gegevens jongere: ${fullName(r)}, geboren ${birth()}.`;
      default:
        return `Zijn geboortedatum is ${birth()}, dat klopt met de inschrijving.`;
    }
  },
  address: (r) => {
    const street = `${r.pick(STREET)} ${r.int(1, 250)}${r.next() < 0.2 ? r.pick(['a', 'b', 'c']) : ''}`;
    const code = postcode(r);
    switch (r.int(0, 3)) {
      case 0:
        return `Het gezin woont aan de ${street}, ${code} ${r.pick(CITY)}.`;
      case 1:
        return `Nieuw adres van moeder: ${street}, ${code} ${r.pick(CITY)}.`;
      case 2:
        return `Post kan worden gestuurd naar ${street} in ${r.pick(CITY)}.`;
      default:
        return `De woning (postcode ${code}) is inmiddels ontruimd.`;
    }
  },
  document: (r) => {
    switch (r.int(0, 3)) {
      case 0:
        return `Een kopie van het paspoort (documentnummer ${documentNumber(r)}) is toegevoegd aan het dossier.`;
      case 1:
        return `Paspoortnummer vader: ${documentNumber(r)}.`;
      case 2:
        return `De identiteitskaart met nummer ${documentNumber(r)} is verlopen.`;
      default:
        return `Moeder heeft haar ID-kaart ${documentNumber(r)} laten zien bij de intake.`;
    }
  },
  specialCategory: (r) => {
    const term = r.next() < 0.15 ? r.pick(SPECIAL_UNLISTED) : r.pick(SPECIAL_LISTED);
    switch (r.int(0, 4)) {
      case 0:
        return `Er zijn ernstige zorgen in verband met ${term} binnen het gezin.`;
      case 1:
        return `Uit het verslag van de huisarts blijkt sprake van ${term}.`;
      case 2:
        return `Vader gaf zelf aan dat er sprake is van ${term}.`;
      case 3:
        return `In het verleden is er melding gemaakt van ${term}.`;
      default:
        return `De rechter heeft vanwege ${term} een beslissing genomen.`;
    }
  },
  hardNegative: (r) => {
    switch (r.int(0, 3)) {
      case 0:
        return `Dossiernummer ${invalidNineDigits(r)} is aangemaakt in het registratiesysteem.`;
      case 1:
        return `Op ${date(r, 2023, 2025)} vond het laatste gesprek plaats.`;
      case 2:
        return `De factuur van € ${r.int(10, 9999)},${String(r.int(0, 99)).padStart(2, '0')} is nog niet betaald.`;
      default:
        return `Zaaknummer ${r.int(2019, 2025)}-${r.int(100000, 999999)} is afgesloten.`;
    }
  },
};

// The sensitive sentences, each as often as its weight.
const WEIGHTED = [
  [sentences.bsn, 3],
  [sentences.iban, 2],
  [sentences.phone, 3],
  [sentences.dateOfBirth, 2],
  [sentences.address, 2],
  [sentences.document, 1],
  [sentences.specialCategory, 4],
].flatMap(([make, weight]) => Array(weight).fill(make));

/** The first `bytes` bytes of `text` as UTF-8, cut on a character boundary. */
function cutToBytes(text, bytes) {
  const encoded = Buffer.from(text, 'utf8').subarray(0, bytes);
  let end = encoded.length;
  while (end > 0 && end < Buffer.byteLength(text) && (encoded[end] & 0xc0) === 0x80) end--;
  let cut = encoded.subarray(0, end).toString('utf8');
  while (utf8Length(cut) > bytes || cut.endsWith('\ufffd')) cut = cut.slice(0, -1);
  return cut;
}

function body(r, bytes, density, sender) {
  const closing = `\n\nMet vriendelijke groet,\n\n${sender}\n${r.pick(ROLE)}, ${r.pick(ORG)}\nTel: ${phone(r)}\n`;
  const framed = bytes >= 400;
  let text = framed ? `Beste ${r.pick(FIRST)},\n\n` : '';
  let length = utf8Length(text);
  const budget = bytes - (framed ? utf8Length(closing) : 0);
  // One sentence is about 70 characters: this chance of a sensitive sentence gives `density`
  // items per 1,000 characters.
  const sensitive = Math.min(0.95, (density * 70) / 1000);
  const negative = Math.min(0.3, 0.5 * sensitive);
  let inParagraph = 0;
  for (;;) {
    const x = r.next();
    const sentence = x < sensitive ? r.pick(WEIGHTED)(r) : x < sensitive + negative ? sentences.hardNegative(r) : r.pick(FILLER);
    const piece = (inParagraph === 0 ? '' : ' ') + sentence;
    const pieceLength = utf8Length(piece);
    if (length + pieceLength > budget - 8) break;
    text += piece;
    length += pieceLength;
    inParagraph += 1;
    if (inParagraph >= r.int(3, 6)) {
      text += '\n\n';
      length += 2;
      inParagraph = 0;
    }
  }
  // A cut ordinary sentence (never a sensitive item) makes up the exact size.
  let pad = '';
  while (utf8Length(pad) < budget - length) pad += ` ${r.pick(FILLER)}`;
  text += cutToBytes(pad, budget - length);
  if (framed) text += closing;
  return text;
}

const localPart = (name) => name.toLowerCase().replaceAll(' ', '.').replace(/ë/g, 'e').replace(/[ïı]/g, 'i');

function snapshot(r, bytes, density) {
  const sender = fullName(r);
  const organisation = r.pick(['jeugdbescherming.nl', 'wijkteam-zwolle.nl', 'ggd.nl', 'gemeente.nl']);
  const to = [0, 1].map(() => `${localPart(fullName(r))}@${r.pick(['gmail.com', 'outlook.com', 'ziggo.nl', organisation])}`);
  const cc = [`${localPart(fullName(r))}@${organisation}`];
  const bcc = [`archief@${organisation}`];
  const family = r.pick(LAST);
  const k = r.next();
  const subject =
    k < 0.1
      ? `Dossier ${family} - BSN ${formatBsn(r, validBsn(r))}`
      : k < 0.2
        ? `Zorgen over ${r.pick(SPECIAL_LISTED)} fam. ${family}`
        : r.pick([
            'Verslag huisbezoek familie ',
            'Terugkoppeling overleg ',
            'Evaluatie plan van aanpak ',
            'Aanvraag jeugdhulp ',
            'Re: afspraak gezin ',
          ]) + family;
  const text = body(r, bytes, density, sender);
  const attachments = Array.from({ length: r.pick([0, 0, 1, 1, 2]) }, () => ({
    name:
      r.pick(['verslag_', 'plan_van_aanpak_', 'kopie_paspoort_', 'beschikking_', 'intake_']) +
      localPart(family).replaceAll('.', '_') +
      r.pick(['.pdf', '.docx']),
    size: r.int(20_000, 2_000_000),
  }));
  return { from: `${localPart(sender)}@${organisation}`, to, cc, bcc, subject, body: text, attachments };
}

/** `count` snapshots whose bodies are exactly `bytes` bytes of UTF-8. */
export function corpus({ bytes, count, density = 2, seed = 1 }) {
  const r = new Random(seed * 1_000_003 + bytes);
  return Array.from({ length: count }, () => snapshot(r, bytes, density));
}
