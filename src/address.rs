//! Recipient entries as webmail shows them (`Sanne de Vries <s.devries@example.nl>`, quoted
//! names with commas, several addresses in one entry) turned into normalised mailboxes.
//!
//! Each part of an entry is read as one of three things:
//! - a [`Mailbox`]: an address that parses;
//! - [`Unresolved`]: a recipient whose address cannot be read with certainty, so no rule can clear
//!   it. That is a part whose address part (inside `<...>`, else the whole part) has no `@`: a
//!   display name only (`Marieke de Boer`, or `Beschikbaar Marieke de Boer` as Outlook on the web
//!   names its chips), `Marieke de Boer <>`; an Exchange legacy address (`/o=ExchangeLabs/...`,
//!   `EX:/o=...`, any case, also with an `@` in it); a part that names a person and whose address
//!   part is cut off (`Marieke de Boer <m.deboer@>`, `<m.deboer@samenv...>` or `…`, also without
//!   the closing `>`); and an entry with no text at all (a chip the page shows without a readable
//!   text). An entry without any `@` is one recipient, commas included (`Boer, Marieke de`);
//! - [`Malformed`]: everything else that does not parse, which is an address with a mistake in it
//!   (`jan@`, `jan@@x.nl`, `jan@samenveilig`, `jan bos@x.nl`, `Jan <jan@x.nl` without its `>`,
//!   bidirectional overrides).
//!
//! Parts that are empty between separators (`a@x.nl;`, ` , `) are nothing.

use idna::domain_to_ascii;

use crate::text::Utf16Offsets;

/// One address out of a recipient entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mailbox {
    /// The display name, if the entry had one.
    pub name: Option<String>,
    /// The address as typed (local part kept as typed), without name or angle brackets.
    pub typed: String,
    /// Lower-case local part `@` lower-case ASCII (punycode) domain: the form rules compare.
    pub address: String,
    /// The local part as typed.
    pub local: String,
    /// Lower-case ASCII (punycode) domain.
    pub domain: String,
}

/// An entry part that is meant as an address but is not a usable one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed {
    pub text: String,
}

/// An entry part whose address cannot be read (see the module docs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unresolved {
    /// The part as given (trimmed), to find it again on the page.
    pub text: String,
    /// Who it names, for a message: the display name (or an Exchange address's last `cn=`
    /// value), on one line, at most [`NAME_CHARS`] characters; empty when it names no one.
    pub name: String,
}

/// The longest name an [`Unresolved`] quotes; longer ones end in `…`.
pub const NAME_CHARS: usize = 60;

/// What one part of a recipient entry is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    Mailbox(Mailbox),
    Unresolved(Unresolved),
    Malformed(Malformed),
}

/// One parsed part of a recipient entry, with its UTF-16 span within the entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub reading: Reading,
    pub start: usize,
    pub end: usize,
}

/// Normalises a domain name to lower-case ASCII, also when written in Unicode or punycode.
/// Returns `None` for anything that is not a valid host name.
pub fn normalize_domain(domain: &str) -> Option<String> {
    let domain = domain.trim().trim_end_matches('.');
    if domain.is_empty() || domain.chars().any(|c| c.is_whitespace()) {
        return None;
    }
    // Plain ASCII without punycode labels only needs lower-casing (what UTS #46 does to it);
    // everything else goes through the full IDNA processing.
    let plain = domain.is_ascii() && !domain.to_ascii_lowercase().contains("xn--");
    let ascii = if plain { domain.to_ascii_lowercase() } else { domain_to_ascii(domain).ok()? };
    let valid = !ascii.is_empty()
        && ascii.len() <= 253
        && ascii.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        });
    valid.then_some(ascii)
}

/// Characters that are invisible or reorder the text around them: bidirectional controls,
/// zero-width characters, the soft hyphen. A local part with one looks like another mailbox, so
/// it is not accepted. (In a domain, IDNA drops the invisible ones and refuses the others, so
/// `bjz\u{200b}utrecht.nl` is checked as the `bjzutrecht.nl` the mail would go to.)
fn is_hidden(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// Whether a local part mixes Latin letters with Greek or Cyrillic ones (`jаn` with a Cyrillic
/// `а`): a look-alike of another mailbox, not a name anyone gives a real one.
fn mixes_scripts(local: &str) -> bool {
    let script = |c: char| match c {
        'a'..='z' | 'A'..='Z' | '\u{c0}'..='\u{24f}' => Some(0),
        '\u{370}'..='\u{3ff}' | '\u{1f00}'..='\u{1fff}' => Some(1),
        '\u{400}'..='\u{52f}' => Some(2),
        _ => None,
    };
    let mut scripts = local.chars().filter(|c| c.is_alphabetic()).filter_map(script);
    scripts.next().is_some_and(|first| scripts.any(|s| s != first))
}

impl Mailbox {
    /// Parses a bare address (`local@domain`), as in a policy's list of retired addresses.
    pub fn parse_bare(text: &str) -> Option<Mailbox> {
        let text = text.trim();
        let text = strip_prefix_ignore_case(text, "mailto:").unwrap_or(text);
        let (local, domain) = text.rsplit_once('@')?;
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || is_hidden(c) || matches!(c, '<' | '>' | ',' | ';' | '@' | '(' | ')'))
            && !mixes_scripts(local);
        if !local_ok {
            return None;
        }
        let domain = normalize_domain(domain)?;
        if !domain.contains('.') {
            return None;
        }
        Some(Mailbox {
            name: None,
            typed: text.to_string(),
            address: format!("{}@{}", local.to_lowercase(), domain),
            local: local.to_string(),
            domain,
        })
    }
}

/// Splits one recipient entry into its addresses. Commas and semicolons inside quotes, angle
/// brackets or comments do not split; an unquoted `Vries, Sanne <s@x.nl>` stays one address. An
/// entry without any `@` is one part, and an entry without text one unresolved recipient.
pub fn parse_address_list(entry: &str) -> Vec<Parsed> {
    if entry.trim().is_empty() {
        let reading = Reading::Unresolved(Unresolved { text: String::new(), name: String::new() });
        return vec![Parsed { reading, start: 0, end: 0 }];
    }
    let parts = if entry.contains('@') { split_parts(entry) } else { vec![(0, entry.len())] };
    let mut offsets = Utf16Offsets::new(entry);
    let mut out = Vec::new();
    for (s, e) in parts {
        let raw = &entry[s..e];
        let trimmed = raw.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';'));
        if trimmed.is_empty() {
            continue;
        }
        let lead = raw.len() - raw.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';')).len();
        let (ts, te) = (s + lead, s + lead + trimmed.len());
        let start = offsets.at(ts);
        let end = offsets.at(te);
        out.push(Parsed { reading: parse_mailbox(trimmed), start, end });
    }
    out
}

/// The byte ranges of an entry's parts: split at commas, semicolons and line breaks outside
/// quotes, angle brackets and comments, with a display name split at its comma joined again.
fn split_parts(entry: &str) -> Vec<(usize, usize)> {
    let mut parts: Vec<(usize, usize)> = Vec::new();
    let (mut in_quote, mut angle, mut comment, mut escaped) = (false, 0usize, 0usize, false);
    let mut start = 0;
    for (i, c) in entry.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' if in_quote => escaped = true,
            '"' => in_quote = !in_quote,
            '<' if !in_quote => angle += 1,
            '>' if !in_quote => angle = angle.saturating_sub(1),
            '(' if !in_quote => comment += 1,
            ')' if !in_quote => comment = comment.saturating_sub(1),
            ',' | ';' | '\n' if !in_quote && angle == 0 && comment == 0 => {
                parts.push((start, i));
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push((start, entry.len()));

    // A part without '@' followed by a part with '<' is a display name split at its comma.
    let mut merged: Vec<(usize, usize)> = Vec::new();
    let mut pending: Option<usize> = None;
    for (i, &(s, e)) in parts.iter().enumerate() {
        let text = &entry[s..e];
        let next_has_angle = parts.get(i + 1).is_some_and(|&(ns, ne)| entry[ns..ne].contains('<'));
        if !text.contains('@') && !text.contains('<') && !text.trim().is_empty() && next_has_angle {
            pending.get_or_insert(s);
            continue;
        }
        merged.push((pending.take().unwrap_or(s), e));
    }
    merged
}

/// Reads `Name <addr>`, `"Name, Quoted" <addr>`, `addr (comment)` or a bare `addr`.
fn parse_mailbox(text: &str) -> Reading {
    let malformed = || Reading::Malformed(Malformed { text: text.to_string() });
    // A direction override in the name or a comment turns the address after it around on screen.
    if text.contains(['\u{202d}', '\u{202e}']) {
        return malformed();
    }
    if let Some(name) = unresolved_name(text) {
        return Reading::Unresolved(Unresolved { text: text.to_string(), name });
    }
    let (name, spec) = match (text.rfind('<'), text.rfind('>')) {
        (Some(open), Some(close)) if open < close && is_comment_or_empty(&text[close + 1..]) => {
            let name = text[..open].trim().trim_matches('"').trim();
            ((!name.is_empty()).then(|| name.to_string()), &text[open + 1..close])
        }
        (None, None) => (None, strip_comments(text)),
        _ => return malformed(),
    };
    match Mailbox::parse_bare(spec) {
        Some(mailbox) => Reading::Mailbox(Mailbox { name, ..mailbox }),
        None => malformed(),
    }
}

/// The name to quote when a part's address cannot be read (the boundary is in the module docs);
/// `None` when the part is meant as an address, right or wrong.
fn unresolved_name(text: &str) -> Option<String> {
    let (name, spec) = match text.rfind('<') {
        Some(open) => {
            let rest = &text[open + 1..];
            (text[..open].trim().trim_matches('"').trim(), rest.split('>').next().unwrap_or(rest).trim())
        }
        None if is_exchange_legacy(text) => ("", text),
        None => ("", strip_comments(text).trim()),
    };
    let legacy = is_exchange_legacy(spec);
    let cut_off = !name.is_empty() && (spec.is_empty() || spec.ends_with(['@', '…']) || spec.ends_with("..."));
    if !(legacy || cut_off || !spec.contains('@')) {
        return None;
    }
    let named = if !name.is_empty() {
        name
    } else if legacy {
        last_common_name(spec)
    } else if text.contains('<') {
        spec
    } else {
        text.trim_matches('"')
    };
    Some(one_line(named))
}

/// Whether an address part is an Exchange legacy address (`/o=ExchangeLabs/ou=.../cn=...`), as
/// Exchange and Outlook write a mailbox they know only internally; also with `EX:` before it.
fn is_exchange_legacy(spec: &str) -> bool {
    // Without a lower-cased copy: this runs for every recipient entry.
    let rest = strip_prefix_ignore_case(spec, "ex:").unwrap_or(spec).trim_start();
    strip_prefix_ignore_case(rest, "/o=").is_some()
}

/// `text` after `prefix`, the prefix compared ASCII-case-insensitively.
fn strip_prefix_ignore_case<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    text.get(..prefix.len()).filter(|start| start.eq_ignore_ascii_case(prefix)).map(|_| &text[prefix.len()..])
}

/// The last `cn=` value of an Exchange legacy address (`cn=Recipients/cn=...-mdeboer`), or the
/// whole address when it has none.
fn last_common_name(spec: &str) -> &str {
    // ASCII lower-casing keeps every byte offset.
    match spec.to_ascii_lowercase().rfind("/cn=") {
        Some(at) if at + 4 < spec.len() => &spec[at + 4..],
        _ => spec,
    }
}

/// A name fit to quote in a sentence: invisible and control characters dropped, whitespace runs
/// as one space, at most [`NAME_CHARS`] characters; empty when it has no letter or digit (a
/// placeholder such as `(?)` names no one).
fn one_line(name: &str) -> String {
    let visible: String = name.chars().map(|c| if c.is_control() { ' ' } else { c }).filter(|c| !is_hidden(*c)).collect();
    let words = visible.split_whitespace().collect::<Vec<_>>().join(" ");
    if !words.chars().any(char::is_alphanumeric) {
        return String::new();
    }
    if words.chars().count() <= NAME_CHARS {
        return words;
    }
    let mut short: String = words.chars().take(NAME_CHARS - 1).collect();
    short.truncate(short.trim_end().len());
    short.push('…');
    short
}

/// Whether what follows `<address>` is nothing or only a comment, as in `Jan <j@x.nl> (werk)`.
fn is_comment_or_empty(rest: &str) -> bool {
    let rest = rest.trim();
    rest.is_empty() || (rest.starts_with('(') && rest.ends_with(')'))
}

fn strip_comments(text: &str) -> &str {
    match (text.find('('), text.rfind(')')) {
        (Some(open), Some(close)) if open < close => {
            let before = text[..open].trim();
            if before.is_empty() {
                text[close + 1..].trim()
            } else {
                before
            }
        }
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addresses(entry: &str) -> Vec<Result<String, String>> {
        parse_address_list(entry)
            .into_iter()
            .map(|p| match p.reading {
                Reading::Mailbox(m) => Ok(m.address),
                Reading::Malformed(m) => Err(m.text),
                Reading::Unresolved(u) => Err(format!("unresolved: {}", u.name)),
            })
            .collect()
    }

    #[test]
    fn display_names_and_lists() {
        assert_eq!(addresses("Sanne de Vries <S.deVries@Example.NL>"), vec![Ok("s.devries@example.nl".into())]);
        assert_eq!(
            addresses("\"Vries, Sanne de\" <s@x.nl>, jan@y.nl; (kantoor) piet@z.nl"),
            vec![Ok("s@x.nl".into()), Ok("jan@y.nl".into()), Ok("piet@z.nl".into())]
        );
        assert_eq!(addresses("Vries, Sanne <s@x.nl>"), vec![Ok("s@x.nl".into())]);
        assert_eq!(addresses("Jan <Jan@X.nl> (werk), MAILTO:p@y.nl"), vec![Ok("jan@x.nl".into()), Ok("p@y.nl".into())]);
        assert_eq!(
            addresses("jan@, @x.nl, geen adres"),
            vec![Err("jan@".into()), Err("@x.nl".into()), Err("unresolved: geen adres".into())]
        );
    }

    #[test]
    fn unresolved_and_malformed() {
        let unresolved = |name: &str| vec![Err(format!("unresolved: {name}"))];
        assert_eq!(addresses("Beschikbaar Marieke de Boer"), unresolved("Beschikbaar Marieke de Boer"));
        assert_eq!(addresses(" Boer, Marieke de ; "), unresolved("Boer, Marieke de"));
        assert_eq!(addresses("\"de Boer, Marieke\" <>"), unresolved("de Boer, Marieke"));
        assert_eq!(addresses("Marieke de Boer <m.deboer@>"), unresolved("Marieke de Boer"));
        assert_eq!(addresses("Marieke de Boer <m.deboer@samenv…>"), unresolved("Marieke de Boer"));
        assert_eq!(addresses("Marieke de Boer <m.deboer@samenv..."), unresolved("Marieke de Boer"));
        assert_eq!(addresses("<geen adres>"), unresolved("geen adres"));
        assert_eq!(
            addresses("/O=ExchangeLabs/OU=Exchange Administrative Group (FYDIBOHF23SPDLT)/CN=Recipients/CN=5f1c0a-mdeboer"),
            unresolved("5f1c0a-mdeboer")
        );
        assert_eq!(addresses("EX:/o=ExchangeLabs/ou=x/cn=Recipients/cn=m.deboer@x.nl"), unresolved("m.deboer@x.nl"));
        assert_eq!(addresses("Marieke </o=ExchangeLabs/ou=x/cn=Recipients/cn=mdeboer>"), unresolved("Marieke"));
        assert_eq!(addresses("Jan\n\u{200b}Bos\u{202a}"), unresolved("Jan Bos"));
        assert_eq!(addresses(&"Zeer lange naam ".repeat(10)), unresolved("Zeer lange naam Zeer lange naam Zeer lange naam Zeer lange…"));
        // An empty entry is a recipient without any text; separators alone are nothing.
        assert_eq!(addresses(" "), unresolved(""));
        assert_eq!(addresses(" , ; "), vec![]);
        assert_eq!(addresses("(?)"), unresolved(""));
        for typo in ["jan.bos@@samenveilig.nl", "jan.bos@samenveilig", "jan bos@x.nl", "Jan <jan@samenveilig.nl", "<m.deboer@>", "jan@"] {
            assert_eq!(addresses(typo), vec![Err(typo.to_string())], "{typo}");
        }
    }

    #[test]
    fn unicode_and_punycode_domains_agree() {
        assert_eq!(normalize_domain("BÜCHER.example"), Some("xn--bcher-kva.example".into()));
        assert_eq!(normalize_domain("xn--bcher-kva.example"), Some("xn--bcher-kva.example".into()));
        assert_eq!(normalize_domain("exa mple.nl"), None);
        assert_eq!(normalize_domain("-bad.nl"), None);
    }

    proptest::proptest! {
        /// The fast path for plain ASCII gives what full IDNA processing gives.
        #[test]
        fn plain_ascii_fast_path_agrees_with_idna(domain in "[A-Za-z0-9_.-]{1,30}") {
            let slow = domain_to_ascii(domain.trim().trim_end_matches('.')).ok().filter(|a| {
                !a.is_empty() && a.split('.').all(|l| !l.is_empty() && l.len() <= 63 && !l.starts_with('-') && !l.ends_with('-')
                    && l.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'))
            });
            proptest::prop_assert_eq!(normalize_domain(&domain), slow.filter(|a| a.len() <= 253));
        }
    }

    #[test]
    fn spans_are_utf16() {
        let parsed = parse_address_list("Zoë <z@x.nl>, b@y.nl");
        assert_eq!((parsed[0].start, parsed[0].end), (0, 12));
        assert_eq!((parsed[1].start, parsed[1].end), (14, 20));
    }
}
