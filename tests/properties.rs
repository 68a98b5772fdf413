//! Property tests: the BSN 11-check, and look-alike symmetry and exactness.

use proptest::prelude::*;
use zorgvuldig::{is_lookalike, passes_eleven_check, Engine, Snapshot};

/// Completes eight digits with the check digit that makes the 11-check pass, if there is one
/// (the remainder must be 0..=9) and the number is not one digit repeated.
fn with_check_digit(first: [u8; 8]) -> Option<[u8; 9]> {
    let sum: u32 = first.iter().zip([9u32, 8, 7, 6, 5, 4, 3, 2]).map(|(d, w)| u32::from(*d) * w).sum();
    let check = (sum % 11) as u8;
    let mut digits = [0u8; 9];
    digits[..8].copy_from_slice(&first);
    digits[8] = check;
    (check <= 9 && digits.iter().any(|d| *d != digits[0])).then_some(digits)
}

fn text(digits: &[u8; 9]) -> String {
    digits.iter().map(|d| char::from(b'0' + d)).collect()
}

fn bsn_findings(body: &str) -> Vec<(String, Option<String>)> {
    let engine = Engine::from_json(&serde_json::json!({"internalDomains": ["samenveilig.nl"]}));
    let snapshot = Snapshot { to: vec!["a.jansen@samenveilig.nl".into()], body: body.to_string(), ..Snapshot::default() };
    let verdict = serde_json::to_value(engine.analyze(&snapshot)).unwrap_or_default();
    verdict["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| f["rule"] == "bsn")
        .map(|f| (f["excerpt"].as_str().unwrap_or_default().to_string(), f["confidence"].as_str().map(str::to_string)))
        .collect()
}

fn digits8() -> impl Strategy<Value = [u8; 8]> {
    prop::array::uniform8(0u8..10)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    /// A number built to pass the 11-check passes it, and is found as a BSN (high confidence)
    /// in a person's context, however it is grouped.
    #[test]
    fn built_bsn_is_found_in_context(first in digits8(), layout in 0usize..4, context in 0usize..4) {
        let Some(digits) = with_check_digit(first) else { return Ok(()) };
        prop_assert!(passes_eleven_check(&digits));
        let plain = text(&digits);
        let written = match layout {
            0 => plain.clone(),
            1 => format!("{}.{}.{}", &plain[..3], &plain[3..6], &plain[6..]),
            2 => format!("{} {} {}", &plain[..3], &plain[3..6], &plain[6..]),
            _ => format!("{}-{}-{}", &plain[..3], &plain[3..6], &plain[6..]),
        };
        let body = match context {
            0 => format!("BSN: {written}"),
            1 => format!("Het burgerservicenummer van de jeugdige is {written}."),
            2 => format!("Cliënt {written} is verhuisd."),
            _ => format!("Nummer {written} (BSN moeder)"),
        };
        let found = bsn_findings(&body);
        prop_assert_eq!(found.len(), 1, "{}", body);
        prop_assert_eq!(found[0].1.as_deref(), Some("high"), "{}", body);
        // The message shows the number masked, never in full.
        prop_assert!(!found[0].0.contains(&plain[..6]));
    }

    /// Changing any one digit of a valid number makes the 11-check fail (11 is prime and every
    /// weight is below it), so the changed number is not reported.
    #[test]
    fn one_changed_digit_fails(first in digits8(), position in 0usize..9, delta in 1u8..10) {
        let Some(digits) = with_check_digit(first) else { return Ok(()) };
        let mut changed = digits;
        changed[position] = (changed[position] + delta) % 10;
        prop_assert!(!passes_eleven_check(&changed));
        let body = format!("BSN: {}", text(&changed));
        prop_assert!(bsn_findings(&body).is_empty(), "{}", body);
    }
}

/// Domain-like strings from letters people confuse, some Unicode look-alikes, digits and hyphens.
fn domain() -> impl Strategy<Value = String> {
    let label =
        proptest::string::string_regex("[a-z0-9ilrnmvwoé]{1,4}(-?[a-z0-9ilrnmvwoаеονü]{1,5}){0,2}").unwrap_or_else(|_| unreachable!());
    let suffix = prop::sample::select(vec!["nl", "com", "org", "co.uk", "be"]);
    (prop::collection::vec(label, 1..3), suffix).prop_map(|(labels, suffix)| format!("{}.{suffix}", labels.join(".")))
}

/// Near variants of a domain: one character changed, inserted or removed, a swap, a hyphen, a
/// homoglyph, another suffix. Generated so that look-alike pairs are common.
fn variant(domain: String, how: usize, at: usize) -> String {
    let chars: Vec<char> = domain.chars().collect();
    let i = at % chars.len().max(1);
    let mut out = chars.clone();
    match how {
        0 => out[i] = 'x',
        1 => out.insert(i, 'e'),
        2 => {
            out.remove(i);
        }
        3 if i + 1 < out.len() => out.swap(i, i + 1),
        4 => out.insert(i, '-'),
        5 => {
            return domain.replacen('l', "1", 1).replacen('o', "0", 1).replacen('m', "rn", 1);
        }
        6 => {
            return domain.replacen('a', "а", 1).replacen('e', "е", 1);
        }
        7 => {
            let name = domain.rsplit_once('.').map_or(domain.as_str(), |(name, _)| name);
            return format!("{name}.net");
        }
        _ => {}
    }
    out.into_iter().collect()
}

/// Spells a domain in another case, or in punycode where it has non-ASCII letters.
fn respell(domain: &str, how: usize) -> String {
    match how {
        0 => domain.to_uppercase(),
        1 => domain.chars().enumerate().map(|(i, c)| if i % 2 == 0 { c.to_uppercase().next().unwrap_or(c) } else { c }).collect(),
        2 => idna::domain_to_ascii(domain).unwrap_or_else(|_| domain.to_string()),
        _ => idna::domain_to_ascii(domain).map(|d| d.to_uppercase()).unwrap_or_else(|_| domain.to_uppercase()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn lookalike_is_symmetric(a in domain(), b in domain(), how in 0usize..9, at in 0usize..20, near in any::<bool>()) {
        let b = if near { variant(a.clone(), how, at) } else { b };
        prop_assert_eq!(is_lookalike(&a, &b).is_some(), is_lookalike(&b, &a).is_some(), "{} / {}", a, b);
    }

    #[test]
    fn a_domain_never_looks_like_itself(a in domain(), how in 0usize..4) {
        prop_assert!(is_lookalike(&a, &a).is_none(), "{}", a);
        let other = respell(&a, how);
        prop_assert!(is_lookalike(&a, &other).is_none(), "{} / {}", a, other);
        prop_assert!(is_lookalike(&other, &a).is_none(), "{} / {}", other, a);
    }
}

#[test]
fn known_lookalikes_are_symmetric() {
    let pairs = [
        ("samenveilig.nl", "samenvei1ig.nl"),
        ("samenveilig.nl", "sarnenveilig.nl"),
        ("samenveilig.nl", "samenveilig.com"),
        ("samenveilig.nl", "samen-veilig.nl"),
        ("samenveilig.nl", "smaenveilig.nl"),
        ("samenveilig.nl", "xn--smenveilig-zqi.nl"),
        ("bjzutrecht.nl", "bjzutrect.nl"),
    ];
    for (a, b) in pairs {
        assert!(is_lookalike(a, b).is_some(), "{a} / {b}");
        assert_eq!(is_lookalike(a, b), is_lookalike(b, a), "{a} / {b}");
    }
    assert!(is_lookalike("ggd.nl", "ggz.nl").is_none());
}
