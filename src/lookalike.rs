//! Look-alike domains: names a person can mistake for one of the organisation's own, by a typo,
//! a swapped letter pair, a homoglyph (after the confusables "skeleton" idea of Unicode UTS #39),
//! another top-level domain, or an extra or missing hyphen.

use crate::address::normalize_domain;

use crate::text::fold_char;

/// Why two domains look alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Likeness {
    /// Characters that look the same (`examp1e.nl`, Cyrillic `а`, `rn` for `m`).
    Homoglyph,
    /// The same name under another top-level domain (`example.com` for `example.nl`).
    OtherTld,
    /// An extra or missing hyphen (`samen-veilig.nl` for `samenveilig.nl`).
    Hyphen,
    /// One letter added, left out, changed, or two neighbours swapped.
    Typo,
}

/// Names shorter than this are too close to other real names for a one-letter typo to mean much
/// (`ggd.nl` and `ggz.nl` are different organisations); homoglyphs still count.
const MIN_TYPO_NAME: usize = 5;

/// Second-level labels under which organisations register (`example.co.uk`).
const SECOND_LEVEL: [&str; 8] = ["co", "com", "org", "net", "gov", "ac", "edu", "nhs"];

/// The confusables skeleton of a domain (Unicode or punycode): folded to lower case without
/// diacritics, Cyrillic and Greek look-alikes mapped to Latin, `1`/`i`/`|` to `l`, `0` to `o`,
/// `rn` to `m`, `vv` to `w`, `cl` to `d`.
pub fn skeleton(domain: &str) -> String {
    let unicode = if domain.is_ascii() && !domain.contains("xn--") {
        std::borrow::Cow::Borrowed(domain)
    } else {
        std::borrow::Cow::Owned(idna::domain_to_unicode(domain).0)
    };
    let mut folded = String::with_capacity(unicode.len());
    for c in unicode.chars() {
        fold_char(c, &mut folded);
    }
    let mapped: String = folded
        .chars()
        .map(|c| match c {
            'а' | 'α' => 'a',
            'в' | 'ь' | 'β' => 'b',
            'с' | 'ϲ' => 'c',
            'ԁ' => 'd',
            'е' | 'ё' | 'ε' => 'e',
            'ɡ' => 'g',
            'һ' => 'h',
            '1' | 'i' | 'і' | 'ї' | 'ι' | 'ӏ' | '|' | 'ǀ' => 'l',
            'ј' => 'j',
            'κ' | 'к' => 'k',
            'м' => 'm',
            'п' | 'η' => 'n',
            '0' | 'о' | 'ο' | 'σ' => 'o',
            'р' | 'ρ' => 'p',
            'ԛ' => 'q',
            'ѕ' => 's',
            'т' | 'τ' => 't',
            'υ' | 'ц' => 'u',
            'ν' => 'v',
            'ԝ' | 'ω' | 'ш' => 'w',
            'х' | 'χ' => 'x',
            'у' | 'γ' => 'y',
            other => other,
        })
        .collect();
    mapped.replace("rn", "m").replace("vv", "w").replace("cl", "d")
}

/// Splits a skeleton into its name and its public suffix (`example` and `nl`, `example` and
/// `co.uk`). Good enough for comparing names; not a public-suffix list.
fn split_suffix(domain: &str) -> (&str, &str) {
    let labels: Vec<&str> = domain.split('.').collect();
    let suffix_labels = match labels.as_slice() {
        [.., second, last] if labels.len() > 2 && last.len() == 2 && SECOND_LEVEL.contains(second) => 2,
        _ => 1,
    };
    if labels.len() <= suffix_labels {
        return (domain, "");
    }
    let suffix_len: usize = labels[labels.len() - suffix_labels..].iter().map(|l| l.len() + 1).sum();
    let split = domain.len() - suffix_len;
    (&domain[..split], &domain[split + 1..])
}

/// A domain prepared for look-alike comparison: computed once per protected domain.
#[derive(Debug, Clone)]
pub struct DomainShape {
    /// The domain itself, normalised (lower-case ASCII, punycode) where it is a valid name.
    pub domain: String,
    skeleton: String,
    /// Byte index in `skeleton` where the name ends (at the dot) and where the public suffix
    /// starts (after it); both the skeleton's length when it has no dot.
    name_end: usize,
    suffix_at: usize,
}

impl DomainShape {
    pub fn new(domain: &str) -> Self {
        let skeleton = skeleton(domain);
        let (name, suffix) = split_suffix(&skeleton);
        let (name_end, suffix_at) = (name.len(), skeleton.len() - suffix.len());
        // Compare spellings of one domain (case, Unicode or punycode) as the same domain.
        let domain = normalize_domain(domain).unwrap_or_else(|| domain.to_lowercase());
        DomainShape { domain, skeleton, name_end, suffix_at }
    }

    fn name(&self) -> &str {
        &self.skeleton[..self.name_end]
    }

    fn suffix(&self) -> &str {
        &self.skeleton[self.suffix_at..]
    }

    /// Index keys: two shapes that look alike always share at least one key, so a lookup by key
    /// finds every candidate and [`DomainShape::likeness`] decides. This keeps the look-alike
    /// check flat in the number of protected domains. Keys are hashes; a collision only adds a
    /// candidate that `likeness` then rejects.
    pub fn keys(&self) -> Vec<u64> {
        // FNV-1a over the tag and the characters: cheap, and good enough for an index whose
        // collisions are harmless.
        let key = |tag: u8, parts: &mut dyn Iterator<Item = char>| {
            let step = |hash: u64, value: u32| (hash ^ u64::from(value)).wrapping_mul(0x0000_0100_0000_01b3);
            parts.fold(step(0xcbf2_9ce4_8422_2325, u32::from(tag)), |hash, c| step(hash, u32::from(c)))
        };
        let (name, suffix) = (self.name(), self.suffix());
        let mut keys = vec![key(b's', &mut self.skeleton.chars()), key(b'h', &mut self.skeleton.chars().filter(|c| *c != '-'))];
        if !name.is_empty() {
            keys.push(key(b'n', &mut name.chars()));
        }
        // One letter added, left out, changed or two swapped: both names, with one letter
        // deleted (or none), meet in a common variant.
        let length = name.chars().count();
        if length + 1 >= MIN_TYPO_NAME {
            let typo = |skip: usize| {
                key(b't', &mut suffix.chars().chain(['|']).chain(name.chars().enumerate().filter(move |(i, _)| *i != skip).map(|(_, c)| c)))
            };
            keys.push(typo(usize::MAX));
            keys.extend((0..length).map(typo));
        }
        keys
    }

    /// Whether two distinct domains look alike, and why. Symmetric; never true for the same domain.
    pub fn likeness(&self, other: &DomainShape) -> Option<Likeness> {
        if self.domain == other.domain {
            return None;
        }
        if self.skeleton == other.skeleton {
            return Some(Likeness::Homoglyph);
        }
        let (name_a, name_b) = (self.name(), other.name());
        if name_a == name_b && !name_a.is_empty() {
            return Some(Likeness::OtherTld);
        }
        let unhyphenated = |s: &str| s.replace('-', "");
        let hyphenated = self.skeleton.contains('-') || other.skeleton.contains('-');
        if hyphenated && unhyphenated(&self.skeleton) == unhyphenated(&other.skeleton) {
            return Some(Likeness::Hyphen);
        }
        let (len_a, len_b) = (name_a.chars().count(), name_b.chars().count());
        if self.suffix() == other.suffix()
            && len_a.min(len_b) >= MIN_TYPO_NAME
            && len_a.abs_diff(len_b) <= 1
            && edit_distance(name_a, name_b) == 1
        {
            return Some(Likeness::Typo);
        }
        None
    }
}

/// Whether two distinct domains look alike, and why. Symmetric; a domain never looks like itself.
pub fn is_lookalike(a: &str, b: &str) -> Option<Likeness> {
    DomainShape::new(a).likeness(&DomainShape::new(b))
}

/// Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of two
/// neighbouring characters each count one.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for i in 0..=a.len() {
        d[i * width] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * width + j] + 1).min(d[i * width + j - 1] + 1).min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert_eq!(is_lookalike("samenveilig.nl", "samenveilig.nl"), None);
        assert_eq!(is_lookalike("samenvei1ig.nl", "samenveilig.nl"), Some(Likeness::Homoglyph));
        assert_eq!(is_lookalike("ѕamenveilig.nl", "samenveilig.nl"), Some(Likeness::Homoglyph));
        assert_eq!(is_lookalike("samenveilig.com", "samenveilig.nl"), Some(Likeness::OtherTld));
        assert_eq!(is_lookalike("samen-veilig.nl", "samenveilig.nl"), Some(Likeness::Hyphen));
        assert_eq!(is_lookalike("samenvelig.nl", "samenveilig.nl"), Some(Likeness::Typo));
        assert_eq!(is_lookalike("samenveiilg.nl", "samenveilig.nl"), Some(Likeness::Homoglyph));
        assert_eq!(is_lookalike("ggd.nl", "ggz.nl"), None);
        assert_eq!(is_lookalike("jeugdzorg.nl", "veiligthuis.nl"), None);
        assert_eq!(skeleton("xn--exmple-4nf.nl"), skeleton("example.nl"));
        // A name without a dot that ends in a character longer than a byte (found by fuzzing).
        assert_eq!(is_lookalike("samenveili\u{fffd}", "samenveilig.nl"), None);
        assert_eq!(is_lookalike("bücher", "bucher"), Some(Likeness::Homoglyph));
    }

    proptest::proptest! {
        /// Every pair of look-alikes shares an index key, so the index never misses one.
        #[test]
        fn lookalikes_share_a_key(a in "[a-z0-9-]{1,9}\\.(nl|com|co\\.uk)", edit in 0usize..4, at in 0usize..10, c in "[a-z01]") {
            let mut chars: Vec<char> = a.chars().collect();
            let i = at % chars.len();
            match edit {
                0 => { chars[i] = c.chars().next().unwrap_or('x'); }
                1 => { chars.insert(i, c.chars().next().unwrap_or('x')); }
                2 => { chars.remove(i); }
                _ => { if i + 1 < chars.len() { chars.swap(i, i + 1); } }
            }
            let b: String = chars.into_iter().collect();
            let (sa, sb) = (DomainShape::new(&a), DomainShape::new(&b));
            if sa.likeness(&sb).is_some() {
                let keys = sa.keys();
                proptest::prop_assert!(sb.keys().iter().any(|k| keys.contains(k)), "{a} and {b} share no key");
            }
        }
    }

    #[test]
    fn distance() {
        assert_eq!(edit_distance("example", "exmaple"), 1);
        assert_eq!(edit_distance("example", "exampl"), 1);
        assert_eq!(edit_distance("abc", "xyz"), 3);
    }
}
