//! One Aho-Corasick pass per text finds every word the detectors care about: the
//! special-category terms (`special_category.txt`, plus the policy's `sensitiveTerms`), the
//! context words (`context_words.txt`) and the names of organisations, laws and campaigns that
//! hide a term inside them (`organisations.txt`). Terms match on the folded text (case and
//! diacritics ignored) and only at word boundaries, unless a `*` in the list opens a side.

use super::dfa::{Dfa, BYTES_PER_MATCH};
use super::folded::Folded;
use crate::text::Fnv;

const SPECIAL_CATEGORY: &str = include_str!("special_category.txt");
const CONTEXT_WORDS: &str = include_str!("context_words.txt");
const ORGANISATIONS: &str = include_str!("organisations.txt");

/// Category given to the policy's own terms.
pub const POLICY_CATEGORY: &str = "organisation";

/// What a context word says about the text near it (bit flags).
pub mod context {
    pub const BSN: u16 = 1;
    pub const NOT_BSN: u16 = 2;
    pub const BIRTH: u16 = 4;
    pub const ID_DOCUMENT: u16 = 8;
    pub const HOME_ADDRESS: u16 = 16;
    pub const GENERIC: u16 = 32;
    pub const ANONYMOUS: u16 = 64;
    /// A role or kinship word that names a person also without an article ("klager").
    pub const PERSON_BARE: u16 = 128;
    /// A role or kinship word that names a person after "de", "zijn", "het" ("het kind").
    pub const PERSON_ROLE: u16 = 256;
    pub const PRONOUN: u16 = 512;
    /// A title before a name ("mevrouw", "dhr.").
    pub const TITLE: u16 = 1024;
    /// An age ("14-jarige").
    pub const AGE: u16 = 2048;
    /// Any word of the person layer.
    pub const PERSON: u16 = PERSON_BARE | PERSON_ROLE | PRONOUN | TITLE | AGE;

    pub fn from_section(name: &str) -> u16 {
        match name {
            "bsn" => BSN,
            "not-bsn" => NOT_BSN,
            "birth" => BIRTH,
            "id-document" => ID_DOCUMENT,
            "home-address" => HOME_ADDRESS,
            "generic" => GENERIC,
            "anonymous" => ANONYMOUS,
            "person-bare" => PERSON_BARE,
            "person-role" => PERSON_ROLE,
            "person-pronoun" => PRONOUN,
            "person-title" => TITLE,
            "person-age" => AGE,
            _ => 0,
        }
    }
}

/// One word of the matcher: a special-category term, context, or both (or neither: an ordinary
/// phrase that hides a term inside it).
struct Entry {
    category: Option<&'static str>,
    weak: bool,
    context: u16,
    open_start: bool,
    open_end: bool,
}

/// A word found in a text, with its byte offsets in the original text.
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    /// The special-category this term belongs to, if it is one.
    pub category: Option<&'static str>,
    /// A weak term names a topic, role or organisation (`~ggz`), not a person's situation.
    pub weak: bool,
    /// Context flags, see [`context`].
    pub context: u16,
}

pub struct Keywords {
    matcher: Option<Dfa>,
    entries: Vec<Entry>,
}

/// Lines of a word list as (section, line), skipping comments and blank lines.
fn sections(list: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
    let mut section = "";
    list.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).filter_map(move |line| {
        match line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            Some(name) => {
                section = name;
                None
            }
            None => Some((section, line)),
        }
    })
}

impl Keywords {
    /// Builds the matcher. `terms` decides whether special-category terms are included (the rule
    /// may be off); context words always are.
    pub fn new(terms: bool, policy_terms: &[String]) -> Self {
        let mut patterns: Vec<String> = Vec::new();
        let mut entries: Vec<Entry> = Vec::new();
        // Position of each word in `patterns`: a policy may add tens of thousands of terms.
        let mut index: std::collections::HashMap<String, usize, Fnv> = std::collections::HashMap::default();
        let mut add = |line: &str, category: Option<&'static str>, context: u16| {
            let weak = category.is_some() && line.starts_with('~');
            let line = line.trim_start_matches('~');
            let word = Folded::new(line.trim_matches('*')).text.to_ascii_lowercase();
            if word.is_empty() {
                return;
            }
            let (open_start, open_end) = (line.starts_with('*'), line.ends_with('*'));
            match index.get(&word).copied() {
                Some(i) => {
                    let entry = &mut entries[i];
                    if entry.category.is_none() {
                        entry.category = category;
                        entry.weak = weak;
                    }
                    entry.context |= context;
                    entry.open_start |= open_start;
                    entry.open_end |= open_end;
                }
                None => {
                    index.insert(word.clone(), patterns.len());
                    patterns.push(word);
                    entries.push(Entry { category, weak, context, open_start, open_end });
                }
            }
        };
        if terms {
            for (section, line) in sections(SPECIAL_CATEGORY) {
                add(line, Some(section), 0);
            }
            for term in policy_terms {
                add(term.trim(), Some(POLICY_CATEGORY), 0);
            }
        }
        for (section, line) in sections(CONTEXT_WORDS) {
            add(line, None, context::from_section(section));
        }
        for (_, line) in sections(ORGANISATIONS) {
            add(line, None, 0);
        }
        let matcher = Dfa::new(&patterns);
        Keywords { matcher, entries }
    }

    /// Every word of the list in the text, in order, at word boundaries.
    pub fn find(&self, folded: &Folded) -> Vec<Hit> {
        let Some(matcher) = &self.matcher else { return Vec::new() };
        let text: &str = &folded.text;
        let mut hits = Vec::with_capacity(text.len() / BYTES_PER_MATCH);
        matcher.find_iter(text.as_bytes(), |m| {
            let entry = &self.entries[m.pattern];
            let before = text[..m.start].chars().next_back();
            let after = text[m.end..].chars().next();
            let starts_ok = entry.open_start || before.is_none_or(|c| !c.is_alphanumeric());
            let ends_ok = entry.open_end || after.is_none_or(|c| !c.is_alphanumeric());
            // A term inside an e-mail address or a web address (`pleegouders.jansen@gmail.com`)
            // says nothing about the message.
            let in_address = entry.category.is_some() && in_address(text, m.start, m.end);
            if starts_ok && ends_ok && !in_address {
                hits.push(Hit {
                    start: folded.original(m.start, false),
                    end: folded.original(m.end, true),
                    category: entry.category,
                    weak: entry.weak,
                    context: entry.context,
                });
            }
        });
        hits
    }
}

/// Whether `start..end` lies in an e-mail or web address: the run of non-space characters
/// around it holds an `@` or `://`.
fn in_address(text: &str, start: usize, end: usize) -> bool {
    let from = text[..start].trim_end_matches(|c: char| !c.is_whitespace()).len();
    let to = text[end..].find(char::is_whitespace).map_or(text.len(), |i| end + i);
    // Bytes, not `str::contains`: the run is a word or two, too short to pay for a substring
    // searcher's set-up.
    let run = &text.as_bytes()[from..to];
    run.contains(&b'@') || run.windows(3).any(|w| w == b"://") || run.starts_with(b"www.")
}

/// The nearest hit with one of the `flags` that ends at most `window` bytes before `at`.
pub fn before(hits: &[Hit], at: usize, window: usize, flags: u16) -> Option<&Hit> {
    let upto = hits.partition_point(|h| h.end <= at);
    hits[..upto].iter().rev().take_while(|h| at - h.end <= window).find(|h| h.context & flags != 0)
}

/// The nearest hit with one of the `flags` that starts at most `window` bytes after `at`.
pub fn after(hits: &[Hit], at: usize, window: usize, flags: u16) -> Option<&Hit> {
    let from = hits.partition_point(|h| h.start < at);
    hits[from..].iter().take_while(|h| h.start - at <= window).find(|h| h.context & flags != 0)
}
