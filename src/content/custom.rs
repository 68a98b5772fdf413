//! `custom-pattern`: the administrator's regular expressions. They were compiled (with a size
//! limit, by the linear-time `regex-lite` engine) when the policy was read; here they only run,
//! at most [`MAX_FINDINGS_PER_PART`] matches each, which bounds the search time.
//!
//! `regex-lite` is small but has no literal optimisations, so each pattern carries the longest
//! piece of literal text every match must contain (`CL-` in `\bCL-\d{7}\b`), and the pattern
//! only runs on texts that contain it: most mail contains no client number at all.

use super::{Distinct, Scan, MAX_FINDINGS_PER_PART};
use crate::messages::Message;
use crate::policy::{CustomPattern, Sensitivity};
use crate::text::mask;
use crate::verdict::{Confidence, Finding, Rule};

struct Compiled {
    pattern: CustomPattern,
    regex: regex_lite::Regex,
    /// Text every match contains, if the pattern has some (two characters or more).
    required: Option<memchr::memmem::Finder<'static>>,
}

pub struct CustomPatterns {
    patterns: Vec<Compiled>,
}

/// The longest run of literal characters that every match of `pattern` must contain, found
/// conservatively: only at the top level of a pattern without alternation or flags, and never
/// across a class, group, escape class or optional repetition. `None` when unsure.
pub fn required_literal(pattern: &str) -> Option<String> {
    let chars: Vec<char> = pattern.chars().collect();
    let (mut best, mut run) = (String::new(), String::new());
    let mut depth = 0usize;
    let mut i = 0;
    let keep = |run: &mut String, best: &mut String| {
        if run.chars().count() > best.chars().count() {
            *best = run.clone();
        }
        run.clear();
    };
    while i < chars.len() {
        let c = chars[i];
        // The item at i, as a literal character if it is one, and where it ends.
        let (literal, next) = match c {
            '\\' => match chars.get(i + 1) {
                Some(e) if e.is_ascii_punctuation() => (Some(*e), i + 2),
                Some(_) => (None, i + 2),
                None => return None,
            },
            '[' => {
                // Skip the class: `[`, an optional `^`, a leading `]`, then up to the closing `]`.
                let mut j = i + 1;
                if chars.get(j) == Some(&'^') {
                    j += 1;
                }
                if chars.get(j) == Some(&']') {
                    j += 1;
                }
                while j < chars.len() && chars[j] != ']' {
                    j += if chars[j] == '\\' { 2 } else { 1 };
                }
                (None, j + 1)
            }
            '(' => {
                if chars.get(i + 1) == Some(&'?') && depth == 0 && chars.get(i + 2) != Some(&':') {
                    return None; // flags such as (?i) change what the literal matches
                }
                depth += 1;
                (None, i + 1)
            }
            ')' => {
                depth = depth.saturating_sub(1);
                (None, i + 1)
            }
            '|' => return None,
            '{' => (None, chars[i..].iter().position(|c| *c == '}').map_or(chars.len(), |p| i + p + 1)),
            '.' | '^' | '$' | '*' | '+' | '?' | '}' => (None, i + 1),
            other => (Some(other), i + 1),
        };
        // Repetitions after the item (they can follow each other, as in `b+*`): any `?`, `*`
        // or `{0` makes it optional; `+` and `{n` keep one.
        let (mut optional, mut repeated, mut after) = (false, false, next);
        while let Some(q) = chars.get(after) {
            match q {
                '?' | '*' => optional = true,
                '+' => repeated = true,
                '{' => {
                    optional |= chars.get(after + 1) == Some(&'0');
                    repeated = true;
                    after += chars[after..].iter().position(|c| *c == '}').unwrap_or(chars.len() - after);
                }
                _ => break,
            }
            after += 1;
        }
        match literal {
            Some(l) if depth == 0 && !optional => {
                run.push(l);
                if repeated {
                    keep(&mut run, &mut best);
                }
            }
            _ => keep(&mut run, &mut best),
        }
        i = after;
    }
    keep(&mut run, &mut best);
    (best.chars().count() >= 2).then_some(best)
}

impl CustomPatterns {
    pub fn new(patterns: &[CustomPattern]) -> Self {
        let patterns = patterns
            .iter()
            .filter_map(|p| {
                let regex = p.regex.clone()?;
                let required = required_literal(&p.pattern).map(|l| memchr::memmem::Finder::new(l.as_bytes()).into_owned());
                Some(Compiled { required, pattern: p.clone(), regex })
            })
            .collect();
        CustomPatterns { patterns }
    }

    pub fn scan(&self, scan: &Scan, findings: &mut Vec<Finding>) {
        let text = scan.part.text;
        for Compiled { pattern, regex, required } in &self.patterns {
            let mut found = Distinct::new(scan, Rule::CustomPattern, findings);
            if required.as_ref().is_some_and(|literal| literal.find(text.as_bytes()).is_none()) {
                continue;
            }
            let confidence = match pattern.severity {
                Sensitivity::High => Confidence::High,
                Sensitivity::Low => Confidence::Low,
            };
            for m in regex.find_iter(text).filter(|m| !m.is_empty()).take(MAX_FINDINGS_PER_PART) {
                found.add(m.start(), m.end(), confidence, || {
                    let masked = mask(m.as_str());
                    let message =
                        Message::CustomPattern { place: scan.part.place, label: &pattern.label, masked: &masked }.render(scan.language);
                    (masked, message)
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals() {
        assert_eq!(required_literal(r"\bCL-\d{7}\b").as_deref(), Some("CL-"));
        assert_eq!(required_literal(r"\bSVMN/\d{4}/\d{3}\b").as_deref(), Some("SVMN/"));
        assert_eq!(required_literal(r"dossier(nummer)?\s*\d+").as_deref(), Some("dossier"));
        assert_eq!(required_literal(r"abcd?e").as_deref(), Some("abc"));
        assert_eq!(required_literal(r"ab+cd").as_deref(), Some("ab"));
        assert_eq!(required_literal(r"x{0,3}yz").as_deref(), Some("yz"));
        assert_eq!(required_literal(r"ab+*c").as_deref(), None);
        assert_eq!(required_literal(r"abc+?d").as_deref(), Some("ab")); // conservative: lazy `+?`
        assert_eq!(required_literal(r"CL-\d+|KL-\d+"), None);
        assert_eq!(required_literal(r"(?i)cl-\d+"), None);
        assert_eq!(required_literal(r"[A-Z]{2}\d"), None);
        assert_eq!(required_literal(r"a(bc|de)f"), None);
        assert_eq!(required_literal(r"\.nl\b").as_deref(), Some(".nl"));
    }

    /// Pieces of patterns: literals, classes, groups, escapes and repetitions in any order.
    const FRAGMENTS: [&str; 19] =
        ["a", "b", "c", "ab", "?", "*", "+", "+?", "??", "{1,2}", "{0,2}", "{2}", r"\d", r"\.", r"\b", "(ab)", "(a|b)", "[ab]", "(?:c)"];

    proptest::proptest! {
        /// Whatever the pattern, a text the pattern matches contains the literal: skipping texts
        /// without it never loses a match.
        #[test]
        fn the_literal_is_in_every_match(
            pieces in proptest::collection::vec(proptest::sample::select(FRAGMENTS.to_vec()), 1..8),
            text in "[abc0-9. ]{0,40}",
        ) {
            let pattern = pieces.concat();
            if let (Ok(regex), Some(literal)) = (regex_lite::Regex::new(&pattern), required_literal(&pattern)) {
                if let Some(m) = regex.find(&text) {
                    proptest::prop_assert!(m.as_str().contains(&literal), "pattern {pattern:?} matched {:?} without {literal:?}", m.as_str());
                }
            }
        }
    }
}
