//! The person layer: finds references to one identifiable individual, so that a special-category
//! term counts only when it is about someone ("zijn dochter heeft anorexia") and not when it names
//! a topic ("kinderen met anorexia wachten te lang").
//!
//! A reference is *strong* when it picks out one person by itself: a given name from
//! `given_names.txt` ("Sanne", "Sanne de Vries"), initials with a surname ("J. de Vries"), a title
//! with a name ("mevrouw Jansen"), a placeholder of a published ruling ("\[minderjarige\]", "A., wonende
//! te B."), a role used as a name ("klager", "Moeder is opgenomen"), an age ("de 14-jarige jongen"),
//! "geboren op ..." or the person's own BSN, date of birth or document number. It is *weak* when it
//! does so only in context: a role or kinship word after a definite article or possessive ("de
//! moeder", "zijn dochter", "het kind") and a personal pronoun ("hij", "haar").
//!
//! A term is about a person ([`Persons::about`]):
//! - when a strong reference shares its sentence; in a sentence that explains, generalises or
//!   counts ("kan een rechter ...", "kinderen", "20%") or in generic mail (a newsletter, a
//!   training), only within [`NEAR`] bytes of the term ("de suïcidepoging van cliënt", not "Dr
//!   Carter will train us in talking to children about domestic violence");
//! - otherwise, in a sentence that does not explain, generalise or count: when a weak reference
//!   shares the sentence (in generic mail only when the message names someone), or when the
//!   message names someone elsewhere and is not generic mail (a ruling's summary "Uithuisplaatsing
//!   baby ondanks verslavingszorg" above its parties "[X], dochter van ...").
//!
//! Names in a salutation, a signature or a reply header ("Beste Carla,", "Groet, Bram Mulder",
//! "Op 3 mei schreef Tim:") address the reader or sign the mail: they name no one the message is
//! about, and are no reference.
//!
//! A weak term (`~ggz`, a topic or organisation) needs a strong reference in its sentence.

use super::folded::Folded;
use super::keywords::{context, Hit};

const GIVEN_NAMES: &str = include_str!("given_names.txt");

/// How close (in bytes) a strong reference must be to a term in a generic sentence or message.
const NEAR: usize = 40;
/// How far a sentence is followed from a term in each direction; a longer one is cut there.
const MAX_SENTENCE: usize = 400;
/// The longest placeholder taken for a person ("\[minderjarige 1 (voornaam)\]").
const MAX_PLACEHOLDER: usize = 48;

/// Words before a role that make it one particular person: definite articles, possessives,
/// demonstratives.
const DETERMINERS: [&str; 32] = [
    "'t",
    "betreffende",
    "bovengenoemde",
    "de",
    "deze",
    "die",
    "diens",
    "dit",
    "genoemde",
    "haar",
    "her",
    "het",
    "his",
    "hun",
    "its",
    "je",
    "jouw",
    "laatstgenoemde",
    "mijn",
    "my",
    "ons",
    "onze",
    "our",
    "that",
    "the",
    "their",
    "this",
    "uw",
    "voormelde",
    "voornoemde",
    "your",
    "zijn",
];

/// Words after which a capitalised word is a surname: "gezin Hakimi", "moeder Jansen".
const FAMILY: [&str; 8] = ["gezin", "familie", "moeder", "vader", "oma", "opa", "pleegmoeder", "pleegvader"];

/// Words in a sentence that explain, generalise or count rather than tell about someone.
const GENERIC_CUES: [&str; 47] = [
    "aantal",
    "all",
    "alle",
    "betekent",
    "can",
    "children",
    "clienten",
    "could",
    "elk",
    "elke",
    "every",
    "families",
    "gemiddeld",
    "genoemd",
    "gezinnen",
    "ieder",
    "iedere",
    "if",
    "indien",
    "jaarlijks",
    "jeugdigen",
    "jongeren",
    "kan",
    "kinderen",
    "kunnen",
    "mag",
    "may",
    "mensen",
    "might",
    "moet",
    "moeten",
    "mogen",
    "must",
    "ouders",
    "parents",
    "patienten",
    "people",
    "percent",
    "procent",
    "professionals",
    "should",
    "will",
    "would",
    "zal",
    "zou",
    "zouden",
    "zullen",
];

/// Words in the placeholders of published rulings that stand for a person ("\[minderjarige 1\]",
/// "\[naam moeder\]", "\[de jeugdprofessional\]"); a placeholder of a single capital letter ("\[X\]")
/// is one too. Others stand for a place, a date or an organisation ("\[woonplaats\]", "\[de GI\]"), or
/// are no placeholder at all ("\[versleuteld\]").
const PERSON_PLACEHOLDERS: [&str; 36] = [
    "naam",
    "name",
    "minderjarige",
    "kind",
    "zoon",
    "dochter",
    "moeder",
    "vader",
    "ouder",
    "slachtoffer",
    "verdachte",
    "klager",
    "klaagster",
    "appellant",
    "betrokkene",
    "eiser",
    "verweerder",
    "verweerster",
    "verzoeker",
    "verzoekster",
    "belanghebbende",
    "persoon",
    "jeugdige",
    "jeugdprofessional",
    "beklaagde",
    "partij",
    "pleeg",
    "partner",
    "broer",
    "zus",
    "getuige",
    "client",
    "patient",
    "gemachtigde",
    "medewerker",
    "betrokken",
];

/// Words a determiner does not reach across: "de zoon van klager" makes "de zoon" a reference,
/// not "klager" a weak one.
const STOPS: [&str; 20] = [
    "aan", "and", "bij", "door", "en", "in", "met", "naar", "of", "om", "op", "or", "over", "te", "tegen", "tot", "uit", "van", "voor",
    "with",
];

/// Lower-case words that may stand between a first name and a surname.
const TUSSENVOEGSELS: [&str; 13] = ["de", "van", "der", "den", "ter", "ten", "het", "'t", "in", "op", "la", "le", "el"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    Weak,
    Strong,
}

/// What a reference is, which decides how a message quotes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A name: quoted masked ("S••••").
    Name,
    /// The person's own BSN, date of birth or document number: quoted masked ("••••••782").
    Identifier,
    /// A placeholder, role, pronoun or age: quoted as written ("de moeder").
    Description,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reference {
    pub start: usize,
    pub end: usize,
    pub strength: Strength,
    pub kind: Kind,
}

/// In a file name, the capitalised word right after a term names the person the document is
/// about: "Verslag MDO - ondertoezichtstelling Kaya.eml".
pub fn name_in_file_name(text: &str, hit: &Hit) -> Option<Reference> {
    let (next, next_end) = word_after(text, hit.end);
    let capitalised = next.chars().next().is_some_and(char::is_uppercase) && next.chars().skip(1).all(char::is_lowercase);
    (capitalised && next.chars().count() > 2).then(|| Reference {
        start: next_end - next.len(),
        end: next_end,
        strength: Strength::Strong,
        kind: Kind::Name,
    })
}

/// A term's sentence and whether it explains, generalises or counts, worked out once per sentence
/// (a long text has many terms in a sentence, and many sentences).
#[derive(Default)]
pub struct Sentences {
    last: Option<Sentence>,
}

#[derive(Clone, Copy)]
pub struct Sentence {
    from: usize,
    to: usize,
    generic: bool,
}

impl Sentences {
    /// The sentence of the term at `hit`: one of those `persons` found already, else worked out.
    pub fn of(&mut self, text: &str, hit: &Hit, persons: &Persons) -> Sentence {
        match self.last {
            Some(s) if s.from <= hit.start && hit.end <= s.to => s,
            _ => {
                let known = persons.sentences[..persons.sentences.partition_point(|&(from, _)| from <= hit.start)].last();
                let (from, to) = match known {
                    Some(&(from, to)) if hit.end <= to => (from, to),
                    _ => sentence(text, hit.start, hit.end),
                };
                let s = Sentence { from, to, generic: generic_sentence(&text[from..to]) };
                self.last = Some(s);
                s
            }
        }
    }
}

/// The longest reference (a title, initials and a surname with tussenvoegsels; a placeholder):
/// references are looked up by where they start, this far before a sentence.
const LONGEST_REFERENCE: usize = 96;

/// Whom a term is about: a reference in its part, or the person the message names elsewhere.
pub enum About {
    Here(Reference),
    Elsewhere,
}

/// How a message quotes a person: a name or identifier masked ("S••••", "••••••782"), a
/// description as written ("de moeder", "\[minderjarige\]").
pub fn quote(text: &str, reference: &Reference) -> String {
    let written = &text[reference.start..reference.end];
    match reference.kind {
        Kind::Name => {
            let mut letters = written.chars().filter(|c| c.is_alphanumeric());
            let first = letters.next().map(String::from).unwrap_or_default();
            first + &"•".repeat(letters.count())
        }
        Kind::Identifier => crate::text::mask(written),
        Kind::Description => written.split_whitespace().collect::<Vec<_>>().join(" "),
    }
}

/// The given-name list, sorted, for binary search.
pub struct Names {
    names: Vec<&'static str>,
}

impl Names {
    pub fn new() -> Self {
        let mut names: Vec<&'static str> = GIVEN_NAMES.lines().filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
        names.sort_unstable();
        Names { names }
    }

    /// Whether a capitalised word is a given name (compared folded: "Zoë" is "zoe").
    pub fn contains(&self, word: &str) -> bool {
        if !word.chars().next().is_some_and(char::is_uppercase) || word.len() < 3 || word.len() > 24 {
            return false;
        }
        if word.is_ascii() {
            // Without allocating: most words are ASCII.
            let lower = |b: &u8| b.to_ascii_lowercase();
            return self.names.binary_search_by(|name| name.bytes().cmp(word.bytes().map(|b| lower(&b)))).is_ok();
        }
        let folded = Folded::new(word).text.to_ascii_lowercase();
        self.names.binary_search(&folded.as_str()).is_ok()
    }
}

/// The person references in a part, found in the stretches of text around its terms.
#[derive(Default)]
pub struct Persons {
    references: Vec<Reference>,
    /// Signature lines (a name and a job title, or a name and the line after it): a term there
    /// is a job title ("Dr. R. Kuipers, kinder- en jeugdpsychiater"), not data about anyone.
    signatures: Vec<(usize, usize)>,
    /// The sentences of the part's terms, in order, as found when the ranges were made.
    sentences: Vec<(usize, usize)>,
}

/// Abbreviations that end in a full stop inside a sentence.
const ABBREVIATIONS: [&str; 22] = [
    "art", "bijv", "blz", "ca", "dhr", "dr", "drs", "etc", "evt", "geb", "ing", "jl", "mevr", "mr", "mrs", "mw", "nr", "prof", "resp",
    "st", "tel", "vs",
];

/// Whether a byte ends a sentence when followed by white space.
fn sentence_end(text: &[u8], at: usize) -> bool {
    match text[at] {
        b'!' | b'?' | b';' => true,
        // A salutation or closing line: "Beste Carla,", "Groet,", "Dear colleagues,".
        b',' | b':' => text.get(at + 1) == Some(&b'\n') || (text.get(at + 1) == Some(&b'\r') && text.get(at + 2) == Some(&b'\n')),
        b'.' => {
            // Not after an initial or an abbreviation: "mr. A.G. Ouwejan", "dhr. Jansen", "d.d.".
            let letters = text[..at].iter().rev().take_while(|b| b.is_ascii_alphabetic()).count();
            let word = std::str::from_utf8(&text[at - letters..at]).unwrap_or("");
            letters > 2 && !in_sorted(word, &ABBREVIATIONS)
        }
        _ => false,
    }
}

/// The sentence around `start..end`: up to `.`, `!`, `?` or `;` before white space, a line that
/// ends in `,` or `:` (a salutation), or a blank line, at most [`MAX_SENTENCE`] bytes each way.
/// Other single line breaks do not end a sentence: letters and rulings break lines inside them.
pub fn sentence(text: &str, start: usize, end: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let mut from = start;
    let lower = start.saturating_sub(MAX_SENTENCE);
    while from > lower {
        let b = bytes[from - 1];
        if (b.is_ascii_whitespace() && from >= 2 && sentence_end(bytes, from - 2)) || (b == b'\n' && from >= 2 && bytes[from - 2] == b'\n')
        {
            break;
        }
        from -= 1;
    }
    let mut to = end;
    let upper = (end + MAX_SENTENCE).min(bytes.len());
    while to < upper {
        let b = bytes[to];
        if (matches!(b, b'.' | b'!' | b'?' | b';' | b',' | b':')
            && sentence_end(bytes, to)
            && bytes.get(to + 1).is_none_or(u8::is_ascii_whitespace))
            || (b == b'\n' && bytes.get(to + 1) == Some(&b'\n'))
        {
            break;
        }
        to += 1;
    }
    (floor_boundary(text, from), ceil_boundary(text, to))
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_boundary(text: &str, mut at: usize) -> usize {
    while at < text.len() && !text.is_char_boundary(at) {
        at += 1;
    }
    at.min(text.len())
}

/// The word ending at `at` (letters, digits, `-`, `'`), skipping spaces (not a line break)
/// before it.
fn word_before(text: &str, at: usize) -> (&str, usize) {
    let head = text[..at].trim_end_matches([' ', '\t']);
    let start = head.trim_end_matches(|c: char| c.is_alphanumeric() || c == '-' || c == '\'').len();
    (&head[start..], start)
}

/// The word starting at `at`, skipping white space, and where it ends.
fn word_after(text: &str, at: usize) -> (&str, usize) {
    let tail = &text[at..];
    let skipped = tail.len() - tail.trim_start().len();
    let rest = &tail[skipped..];
    let len = rest.find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'')).unwrap_or(rest.len());
    (&rest[..len], at + skipped + len)
}

fn is_lower_word(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| c.is_lowercase() || c == '-' || c.is_ascii_digit())
}

/// Whether a word is in a sorted list of lower-case ASCII words, ignoring ASCII case.
fn in_sorted(word: &str, list: &[&str]) -> bool {
    let lower = |b: u8| b.to_ascii_lowercase();
    word.len() <= 20 && list.binary_search_by(|w| w.bytes().cmp(word.bytes().map(lower))).is_ok()
}

fn in_list(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Words that may stand between a determiner and a role besides adjectives ending in -e.
const BETWEEN: [&str; 10] = ["destijds", "toen", "nog", "pas", "young", "little", "eldest", "youngest", "oldest", "older"];

/// Whether a word may stand between a determiner and a role: an attributive adjective ("zijn
/// minderjarige dochter", "de jongste zoon"), an age or a few adverbs ("de destijds 9-jarige zoon").
fn adjective_like(word: &str) -> bool {
    word.ends_with('e') || word.starts_with(|c: char| c.is_ascii_digit()) || in_list(word, &BETWEEN)
}

/// What stands before a role word and decides whether it refers to someone.
enum Before {
    /// A determiner ("de", "zijn"), starting at this byte: someone in particular.
    Someone(usize),
    /// "een", "elk", "geen": anyone, no one in particular.
    Anyone,
}

/// A role word refers to someone after a determiner, possibly with up to two adjectives between
/// ("zijn minderjarige dochter", "de destijds 9-jarige zoon"); after "een" or "elk" it does not.
fn determined(text: &str, at: usize) -> Option<Before> {
    let mut at = at;
    for _ in 0..3 {
        let (word, start) = word_before(text, at);
        if word.is_empty() {
            return None;
        }
        if in_sorted(word, &DETERMINERS) {
            return Some(Before::Someone(start));
        }
        if in_list(word, &["een", "elk", "elke", "ieder", "iedere", "geen", "a", "an", "every", "each", "any", "no"]) {
            return Some(Before::Anyone);
        }
        if !is_lower_word(word) || in_sorted(word, &STOPS) || !adjective_like(word) {
            return None;
        }
        at = start;
    }
    None
}

/// "verdachte" before a plural noun is an adjective ("verdachte e-mails", "verdachte links").
fn adjective(text: &str, start: usize, end: usize) -> bool {
    let (next, _) = word_after(text, end);
    text[start..end].eq_ignore_ascii_case("verdachte")
        && is_lower_word(next)
        && next.len() > 3
        && (next.ends_with("en") || next.ends_with('s'))
}

/// "zijn of haar", "hij of zij", "he or she": any person, not one.
fn either_or(text: &str, start: usize, end: usize) -> bool {
    let or = |w: &str| w.eq_ignore_ascii_case("of") || w.eq_ignore_ascii_case("or");
    or(word_before(text, start).0) || or(word_after(text, end).0)
}

/// The end of the surname after a given name or initials that end at `at`: tussenvoegsels and a
/// capitalised word on the same line; `at` when there is none.
fn surname_end(text: &str, at: usize) -> usize {
    let mut probe = at;
    for _ in 0..4 {
        let (word, after) = word_after(text, probe);
        let gap = &text[probe..after - word.len()];
        if gap.is_empty() || gap.contains('\n') {
            break;
        }
        if in_list(word, &TUSSENVOEGSELS) && word.chars().next().is_some_and(char::is_lowercase) {
            probe = after;
            continue;
        }
        if word.chars().next().is_some_and(char::is_uppercase) && word.chars().count() > 1 {
            return after;
        }
        break;
    }
    at
}

/// Initials at `at` ("A.", "A.G.", "J.H.") followed by a surname: the end of the surname.
fn initials(text: &[u8], at: usize) -> Option<usize> {
    let mut i = at;
    while i + 1 < text.len() && text[i].is_ascii_uppercase() && text[i + 1] == b'.' {
        i += 2;
    }
    (i > at && text.get(i) == Some(&b' ')).then_some(i)
}

impl Persons {
    /// Finds the references in each of `ranges` (sorted, not overlapping) of `text`. `hits` are the
    /// part's dictionary hits; `identifiers` the spans of the part's own BSN, date of birth or
    /// document number of high confidence.
    pub fn find(
        text: &str,
        hits: &[Hit],
        names: &Names,
        ranges: &[(usize, usize)],
        sentences: Vec<(usize, usize)>,
        identifiers: &[(usize, usize)],
    ) -> Self {
        let mut references: Vec<Reference> =
            identifiers.iter().map(|&(start, end)| Reference { start, end, strength: Strength::Strong, kind: Kind::Identifier }).collect();
        // `ranges` are sorted and apart: the one that may hold `at` is the last starting at or before it.
        let inside = |at: usize| ranges[..ranges.partition_point(|&(s, _)| s <= at)].last().is_some_and(|&(_, e)| at < e);
        // Whole words only: "pleegkind" is a role, "Pleegkinderenwet" a law.
        let whole = |h: &&Hit| !text[h.end..].chars().next().is_some_and(char::is_alphanumeric);
        for hit in hits.iter().filter(|h| h.context & (context::PERSON | context::BIRTH) != 0 && inside(h.start)).filter(whole) {
            if let Some(r) = from_hit(text, hit) {
                references.push(r);
            }
        }
        for &(start, end) in ranges {
            scan_words(text, start, end, names, &mut references, false);
        }
        let mut signatures = Vec::new();
        references.retain(|r| match addressing(text, r) {
            Some(Address::Signature(lines)) => {
                signatures.push(lines);
                false
            }
            Some(_) => false,
            None => true,
        });
        references.sort_unstable_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        references.dedup_by(|b, a| b.start < a.end && b.strength <= a.strength);
        signatures.sort_unstable();
        Persons { references, signatures, sentences }
    }

    /// Whether `at` lies in a signature: the term there is a job title.
    pub fn in_signature(&self, at: usize) -> bool {
        let before = self.signatures.partition_point(|&(start, _)| start <= at);
        self.signatures[..before].iter().rev().take(4).any(|&(_, end)| at < end)
    }

    /// The references that overlap `from..to`, by binary search (they are sorted by start).
    fn within(&self, from: usize, to: usize) -> impl Iterator<Item = &Reference> {
        let first = self.references.partition_point(|r| r.start + LONGEST_REFERENCE < from);
        self.references[first..].iter().take_while(move |r| r.start < to).filter(move |r| r.end > from)
    }

    /// The first strong reference, if any: the part names someone.
    pub fn someone(&self) -> Option<&Reference> {
        self.references.iter().find(|r| r.strength == Strength::Strong)
    }

    /// Whom the term at `hit` is about, if anyone (see the module docs). `named_elsewhere`: the
    /// message names someone with a strong reference; `generic_message`: it says it is a
    /// newsletter, a training or figures.
    pub fn about(&self, hit: &Hit, sentence: Sentence, named_elsewhere: bool, generic_message: bool) -> Option<About> {
        let Sentence { from, to, generic: generic_here } = sentence;
        let generic = generic_message || generic_here;
        let near = |r: &&Reference| !generic || (r.end + NEAR >= hit.start && r.start <= hit.end + NEAR);
        let closest = |r: &&Reference| r.start.abs_diff(hit.start);
        let strong = self.within(from, to).filter(|r| r.strength == Strength::Strong).filter(near);
        if let Some(r) = strong.min_by_key(closest) {
            return Some(About::Here(*r));
        }
        if hit.weak || generic_here {
            return None;
        }
        let weak = self.within(from, to).filter(|r| r.strength == Strength::Weak).min_by_key(closest);
        match weak {
            Some(r) if !generic_message || named_elsewhere => Some(About::Here(*r)),
            _ => (named_elsewhere && !generic_message).then_some(About::Elsewhere),
        }
    }
}

/// A reference from a word of the person layer found by the dictionary pass.
fn from_hit(text: &str, hit: &Hit) -> Option<Reference> {
    let strong = |start, end| Some(Reference { start, end, strength: Strength::Strong, kind: Kind::Description });
    let flags = hit.context;
    if flags & context::AGE != 0 {
        // The match is "jarige"; the age is the word it ends ("14-jarige", "zesjarige").
        let start = text[..hit.start].trim_end_matches(|c: char| c.is_alphanumeric() || c == '-').len();
        return strong(start, hit.end);
    }
    if flags & context::TITLE != 0 {
        let bytes = text.as_bytes();
        let at = hit.end + (text[hit.end..].len() - text[hit.end..].trim_start_matches(' ').len());
        if bytes.get(at) == Some(&b'[') {
            return strong(hit.start, at + 1);
        }
        let end = match initials(bytes, at) {
            Some(after) => surname_end(text, after).max(after),
            None => surname_end(text, hit.end),
        };
        return (end > at).then_some(Reference { start: hit.start, end, strength: Strength::Strong, kind: Kind::Name });
    }
    if flags & context::BIRTH != 0 {
        // "geboren op 3 mei", "geboren in 2008", "geboren op [geboortedatum]".
        let tail = &text.as_bytes()[hit.end..(hit.end + 20).min(text.len())];
        return tail.iter().any(|&b| b.is_ascii_digit() || b == b'[').then(|| strong(hit.start, hit.end)).flatten();
    }
    if flags & context::PRONOUN != 0 {
        // "zij is" is one person, "zij lopen" several: "zij" counts before a singular verb only.
        let plural = text[hit.start..hit.end].eq_ignore_ascii_case("zij") && !in_list(word_after(text, hit.end).0, &SINGULAR_VERBS);
        return (!either_or(text, hit.start, hit.end) && !plural).then_some(Reference {
            start: hit.start,
            end: hit.end,
            strength: Strength::Weak,
            kind: Kind::Description,
        });
    }
    // A role: "patiënt A", "gezin Hakimi", "de moeder", or used as a name ("klager", "Moeder").
    let (next, next_end) = word_after(text, hit.end);
    let on_the_line = !text[hit.end..next_end].contains('\n');
    if next.len() == 1 && next != "I" && next.chars().all(|c| c.is_ascii_uppercase()) && on_the_line {
        return strong(hit.start, next_end);
    }
    let family = in_list(&text[hit.start..hit.end], &FAMILY);
    let surname = next.chars().next().is_some_and(char::is_uppercase) && next.chars().skip(1).all(char::is_lowercase) && next.len() > 2;
    if family && surname && on_the_line {
        return Some(Reference { start: hit.start, end: next_end, strength: Strength::Strong, kind: Kind::Name });
    }
    match determined(text, hit.start) {
        Some(Before::Someone(start)) => Some(Reference { start, end: hit.end, strength: Strength::Weak, kind: Kind::Description }),
        Some(Before::Anyone) => None,
        None if flags & context::PERSON_BARE != 0 && !adjective(text, hit.start, hit.end) => strong(hit.start, hit.end),
        None => None,
    }
}

/// The first strong reference anywhere in a text (its person-layer words first, then names and
/// placeholders), for a message whose terms have no one in their own sentences.
pub fn first_strong(text: &str, hits: &[Hit], names: &Names) -> Option<Reference> {
    let whole = |h: &&Hit| !text[h.end..].chars().next().is_some_and(char::is_alphanumeric);
    let from_hits =
        hits.iter().filter(|h| h.context & (context::PERSON | context::BIRTH) != 0).filter(whole).filter_map(|h| from_hit(text, h));
    if let Some(r) = from_hits.into_iter().find(|r| r.strength == Strength::Strong && addressing(text, r).is_none()) {
        return Some(r);
    }
    let mut at = 0;
    let mut found = Vec::new();
    while at < text.len() {
        found.clear();
        scan_words(text, at, text.len(), names, &mut found, true);
        let r = found.first()?;
        if addressing(text, r).is_none() {
            return Some(*r);
        }
        at = r.end.max(at + 1);
    }
    None
}

/// Verbs after which "zij" is one person ("zij is opgenomen"), not several.
const SINGULAR_VERBS: [&str; 16] =
    ["is", "was", "heeft", "had", "wordt", "werd", "zit", "zat", "woont", "woonde", "gaat", "ging", "krijgt", "kreeg", "zegt", "vertelt"];

/// Openings of a salutation line.
const SALUTATIONS: [&str; 16] = [
    "beste",
    "hoi",
    "hallo",
    "hey",
    "dag",
    "geachte",
    "lieve",
    "goedemorgen",
    "goedemiddag",
    "goedenavond",
    "dear",
    "hi",
    "hello",
    "to",
    "aan",
    "van",
];

/// How a name addresses the reader or signs the mail.
enum Address {
    Salutation,
    /// With the lines it covers: its own and the next ("Kerem Bulut\nKinder- en jeugdpsychiater").
    Signature((usize, usize)),
    Header,
}

/// Whether a name addresses the reader or signs the mail: in a salutation ("Beste Carla,"), on a
/// line of its own or before a job title ("Bram Mulder", "Dr. R. Kuipers, psychiater"), or in a
/// reply header ("Op 3 mei schreef Tim:", "From: ..."). Placeholders and roles never do.
fn addressing(text: &str, r: &Reference) -> Option<Address> {
    if r.kind != Kind::Name {
        return None;
    }
    let line_start = text[..r.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[r.end..].find('\n').map_or(text.len(), |i| r.end + i);
    let line = &text[line_start..line_end];
    let before = text[line_start..r.start].trim_start_matches(|c: char| c.is_whitespace() || c == '>');
    let after = text[r.end..line_end].trim();
    let first = before.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    if in_list(first, &SALUTATIONS) && before.len() <= first.len() + 1 {
        return Some(Address::Salutation);
    }
    if line.contains("schreef") || line.contains("wrote") {
        return Some(Address::Header);
    }
    // A name alone, or with a short job title after a comma: not "Mevrouw G. Bos, geb. 2 februari
    // 1941, is bij ons bekend met ...".
    let title = after.starts_with(',') && after.len() <= 60 && !after.contains(|c: char| c.is_ascii_digit() || c == '.');
    if before.is_empty() && (after.is_empty() || title) {
        let next_line_end = text[line_end..].trim_start_matches(['\r', '\n']).find('\n').map_or(text.len(), |i| {
            let skipped = text[line_end..].len() - text[line_end..].trim_start_matches(['\r', '\n']).len();
            line_end + skipped + i
        });
        return Some(Address::Signature((line_start, next_line_end)));
    }
    None
}

/// Names, initials, placeholders and pseudonym letters in `start..end`; with `first`, stops at
/// the first one.
fn scan_words(text: &str, start: usize, end: usize, names: &Names, out: &mut Vec<Reference>, first: bool) {
    let bytes = text.as_bytes();
    let mut at = start;
    while at < end && (!first || out.is_empty()) {
        // Only a placeholder or a capitalised word can start a reference: jump to the next byte
        // that may (a tight loop, most of a text is skipped here).
        let Some(offset) = bytes[at..end].iter().position(|&c| c == b'[' || c.is_ascii_uppercase() || c >= 0xC0) else { break };
        at += offset;
        let b = bytes[at];
        if b == b'[' {
            let close = bytes[at..(at + MAX_PLACEHOLDER).min(bytes.len())].iter().position(|&c| c == b']' || c == b'\n');
            if let Some(close) = close.filter(|&c| bytes[at + c] == b']') {
                if placeholder_of_a_person(&text[at + 1..at + close]) {
                    out.push(Reference { start: at, end: at + close + 1, strength: Strength::Strong, kind: Kind::Description });
                }
                at += close + 1;
                continue;
            }
            at += 1;
            continue;
        }
        let boundary = at == 0 || (!bytes[at - 1].is_ascii_alphanumeric() && bytes[at - 1] < 0x80);
        if !boundary {
            at += 1;
            continue;
        }
        if b.is_ascii_uppercase() {
            if let Some(after) = initials(bytes, at) {
                let name_end = surname_end(text, after);
                if name_end > after {
                    out.push(Reference { start: at, end: name_end, strength: Strength::Strong, kind: Kind::Name });
                    at = name_end;
                    continue;
                }
            }
            // A pseudonym letter of a published ruling: "A., wonende te B", "C., kinderarts".
            let punctuation = bytes[at + 1..].iter().take(2).take_while(|&&c| c == b'.' || c == b',').count();
            if punctuation > 0 && bytes.get(at + 1 + punctuation) == Some(&b' ') {
                let (next, _) = word_after(text, at + 1 + punctuation);
                if is_lower_word(next) && next != "en" {
                    out.push(Reference { start: at, end: at + 1, strength: Strength::Strong, kind: Kind::Description });
                }
            }
        }
        let (word, word_end) = word_after(text, at);
        if names.contains(word) {
            let name_end = surname_end(text, word_end);
            out.push(Reference { start: at, end: name_end, strength: Strength::Strong, kind: Kind::Name });
            at = name_end;
            continue;
        }
        at = word_end.max(at + 1);
    }
}

/// Whether a placeholder ("\[minderjarige 1\]", "\[X\]", "\[de moeder\]") stands for a person rather
/// than a place, a date or an organisation.
fn placeholder_of_a_person(inner: &str) -> bool {
    let letter = inner.len() == 1 && inner.bytes().all(|c| c.is_ascii_uppercase());
    let inner = Folded::new(inner).text.to_ascii_lowercase();
    letter || PERSON_PLACEHOLDERS.iter().any(|w| inner.contains(w)) && !inner.contains("plaats") && !inner.contains("adres")
}

/// Whether a sentence explains, generalises or counts: modal verbs and conditions ("kan een
/// rechter ...", "if"), groups ("kinderen", "ouders"), numbers with a percentage.
pub fn generic_sentence(sentence: &str) -> bool {
    // A parliamentary dossier heading: "28 345 Aanpak huiselijk geweld".
    let digits = |s: &str| s.len() == 3 && s.bytes().all(|b| b.is_ascii_digit());
    let mut head = sentence.trim_start().splitn(3, ' ');
    if head.next().is_some_and(|w| w.len() == 2 && w.bytes().all(|b| b.is_ascii_digit())) && head.next().is_some_and(digits) {
        return true;
    }
    let folded = Folded::new(sentence);
    let mut passive = false;
    for word in folded.text.split(|c: char| !c.is_alphanumeric() && c != '%').filter(|w| !w.is_empty()) {
        // "wordt dan": an explanation of what happens in general.
        if (passive && word.eq_ignore_ascii_case("dan")) || in_sorted(word, &GENERIC_CUES) || word.ends_with('%') {
            return true;
        }
        passive = word.eq_ignore_ascii_case("wordt") || word.eq_ignore_ascii_case("worden");
    }
    false
}

/// Every person reference in a text, for tools and evaluation: the same layer the sensitivity
/// decision uses, over the whole text, as byte ranges and whether each is strong.
pub fn references(text: &str) -> Vec<(usize, usize, bool)> {
    let keywords = super::keywords::Keywords::new(false, &[]);
    let hits = keywords.find(&Folded::new(text));
    let names = Names::new();
    let persons = Persons::find(text, &hits, &names, &[(0, text.len())], Vec::new(), &[]);
    persons.references.iter().map(|r| (r.start, r.end, r.strength == Strength::Strong)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(text: &str) -> Vec<(&str, Strength)> {
        let keywords = super::super::keywords::Keywords::new(false, &[]);
        let hits = keywords.find(&Folded::new(text));
        let persons = Persons::find(text, &hits, &Names::new(), &[(0, text.len())], Vec::new(), &[]);
        persons.references.iter().map(|r| (&text[r.start..r.end], r.strength)).collect()
    }

    #[test]
    fn strong_references() {
        use Strength::Strong;
        assert_eq!(refs("Sanne de Vries is opgenomen."), vec![("Sanne de Vries", Strong)]);
        assert_eq!(refs("Gesprek met J. de Vries."), vec![("J. de Vries", Strong)]);
        assert_eq!(refs("mevrouw Jansen belde"), vec![("mevrouw Jansen", Strong)]);
        assert_eq!(refs("over [minderjarige 1], geboren op [2013]"), vec![("[minderjarige 1]", Strong), ("geboren", Strong)]);
        assert_eq!(refs("Klager verwijt de arts"), vec![("Klager", Strong)]);
        assert_eq!(refs("de 14-jarige jongen"), vec![("de 14-jarige jongen", Strength::Weak), ("14-jarige", Strong)]);
        assert_eq!(refs("de zoon van klager"), vec![("de zoon", Strength::Weak), ("klager", Strong)]);
        assert_eq!(refs("A., wonende te B., klager"), vec![("A", Strong), ("B", Strong), ("klager", Strong)]);
    }

    #[test]
    fn weak_and_no_references() {
        use Strength::Weak;
        assert_eq!(refs("zijn minderjarige dochter"), vec![("zijn minderjarige dochter", Weak)]);
        assert_eq!(refs("Een kind wordt dan onder toezicht gesteld."), vec![]);
        assert_eq!(refs("zijn of haar ontwikkeling"), vec![]);
        assert_eq!(refs("Meld verdachte e-mails"), vec![]);
        assert_eq!(refs("Beginstand [woonplaats] en [de GI], [naam moeder]"), vec![("[naam moeder]", Strength::Strong)]);
        assert_eq!(refs("zonder [versleuteld] in het onderwerp"), vec![]);
        assert_eq!(refs("In Amsterdam en Utrecht."), vec![]);
    }

    #[test]
    fn multibyte_characters_near_a_birth_word() {
        // Twenty bytes after "geboren" fall inside an "ë" (found by fuzzing: it panicked).
        assert_eq!(refs("Het kind, geboren op xëëëëëëëëëë"), vec![("Het kind", Strength::Weak)]);
        assert_eq!(refs("Het kind, geboren op xëëë 2017"), vec![("Het kind", Strength::Weak), ("geboren", Strength::Strong)]);
    }

    #[test]
    fn sentences() {
        let text = "Eerste zin. De moeder is opgenomen bij dhr. Jansen. Derde zin.";
        let at = text.find("opgenomen").unwrap_or_default();
        let (s, e) = sentence(text, at, at + 9);
        assert_eq!(&text[s..e], "De moeder is opgenomen bij dhr. Jansen");
    }

    #[test]
    fn word_lists_are_sorted() {
        for list in [&DETERMINERS[..], &GENERIC_CUES, &STOPS, &ABBREVIATIONS] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
    }

    #[test]
    fn generic_sentences() {
        assert!(generic_sentence("Dan kan een rechter een ondertoezichtstelling uitspreken"));
        assert!(generic_sentence("de jeugdige wordt dan onder toezicht gesteld"));
        assert!(generic_sentence("22 (20%) had a prior suicide attempt"));
        assert!(generic_sentence("28 345 Aanpak huiselijk geweld"));
        assert!(!generic_sentence("De moeder is opgenomen"));
    }
}
