//! Recipient rules: every recipient is classified internal, trusted or external, and checked
//! against retired domains and addresses, look-alike domains and free-mail providers. A recipient
//! whose address cannot be read (`address.rs` says which) is `unresolved-recipient` and counts
//! as possibly external everywhere. Lists are hashed once, so a lookup costs the same with ten
//! entries or a hundred thousand.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use sha2::{Digest, Sha256};

use crate::address::{parse_address_list, Mailbox, Reading, Unresolved};
use crate::lookalike::{DomainShape, Likeness};
use crate::messages::{self, Message};
use crate::policy::{Language, Level, Policy};
use crate::snapshot::Snapshot;
use crate::text::Fnv;
use crate::verdict::{Field, Finding, Fix, FixKind, Rule};

/// Consumer mail providers common in the Netherlands and worldwide; the policy's
/// `freemailDomains` adds to them.
pub const FREEMAIL_DOMAINS: [&str; 48] = [
    // The Netherlands and Belgium
    "hotmail.nl",
    "live.nl",
    "outlook.nl",
    "msn.nl",
    "ziggo.nl",
    "kpnmail.nl",
    "kpnplanet.nl",
    "planet.nl",
    "home.nl",
    "hetnet.nl",
    "xs4all.nl",
    "zeelandnet.nl",
    "quicknet.nl",
    "chello.nl",
    "casema.nl",
    "upcmail.nl",
    "tele2.nl",
    "online.nl",
    "solcon.nl",
    "caiway.nl",
    "telfort.nl",
    "telenet.be",
    "skynet.be",
    "hotmail.be",
    // Worldwide
    "gmail.com",
    "googlemail.com",
    "hotmail.com",
    "outlook.com",
    "live.com",
    "msn.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "yahoo.com",
    "yahoo.co.uk",
    "ymail.com",
    "aol.com",
    "gmx.com",
    "gmx.net",
    "gmx.de",
    "web.de",
    "proton.me",
    "protonmail.com",
    "mail.com",
    "zoho.com",
    "yandex.com",
    "hotmail.co.uk",
    "live.com.au",
];

type Set<T> = HashSet<T, Fnv>;
type Map<K, V> = HashMap<K, V, Fnv>;

/// Where a recipient belongs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Internal,
    Trusted,
    External,
    /// The address could not be read: it may be anywhere, so it is never internal and counts as
    /// external wherever that matters.
    Unresolved,
}

impl Class {
    /// Whether mail to this recipient may leave the organisation.
    pub fn may_be_outside(self) -> bool {
        matches!(self, Class::External | Class::Unresolved)
    }
}

/// One recipient found in the snapshot.
pub struct Recipient {
    pub field: Field,
    pub index: usize,
    pub start: usize,
    pub end: usize,
    /// The address, or the entry whose address could not be read (`Class::Unresolved`).
    pub address: Result<Mailbox, Unresolved>,
    pub class: Class,
}

impl Recipient {
    /// How findings name the recipient: the address as typed, or the entry's text.
    pub fn typed(&self) -> &str {
        match &self.address {
            Ok(mailbox) => &mailbox.typed,
            Err(unresolved) => &unresolved.text,
        }
    }

    /// What makes two entries one recipient: the normalised address, or the same entry text.
    pub fn key(&self) -> &str {
        match &self.address {
            Ok(mailbox) => &mailbox.address,
            Err(unresolved) => &unresolved.text,
        }
    }
}

/// A domain the organisation cares about, prepared for look-alike comparison.
struct Protected {
    shape: DomainShape,
    /// Whether mail to it is fine (internal, trusted, a successor), so "use it instead" is a fix.
    usable: bool,
}

/// The policy's recipient lists, hashed for lookups.
pub struct RecipientRules {
    internal: Set<String>,
    trusted: Set<String>,
    retired: Map<String, Option<String>>,
    retired_plain: Set<String>,
    retired_hashed: Set<[u8; 32]>,
    freemail: Set<String>,
    protected: Vec<Protected>,
    /// Look-alike index: key (see `DomainShape::keys`) → positions in `protected`.
    protected_keys: Map<u64, Vec<usize>>,
    /// The look-alike answer for each external domain seen lately: the same few domains come
    /// back in every check of a compose window, and working one out costs more than the rest of
    /// a recipient's checks together (`docs/performance.md`).
    lookalikes: Mutex<Map<String, Option<(usize, Likeness)>>>,
}

/// The most domains [`RecipientRules::lookalikes`] remembers; past that it starts again.
const REMEMBERED_DOMAINS: usize = 1024;

/// The domain and each parent domain, longest first: `a.b.nl`, `b.nl`, `nl`.
fn parents(domain: &str) -> impl Iterator<Item = &str> {
    std::iter::successors(Some(domain), |d| d.split_once('.').map(|(_, rest)| rest))
}

fn hex_to_bytes(hex: &str) -> Option<[u8; 32]> {
    let mut out = [0u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(hex.get(i * 2..i * 2 + 2)?, 16).ok()?;
    }
    Some(out)
}

impl RecipientRules {
    pub fn new(policy: &Policy) -> Self {
        let internal: Set<String> = policy.internal_domains.iter().cloned().collect();
        let trusted: Set<String> = policy.trusted_domains.iter().cloned().collect();
        let retired: Map<String, Option<String>> = policy.retired_domains.iter().map(|r| (r.domain.clone(), r.successor.clone())).collect();
        let mut retired_plain = Set::default();
        let mut retired_hashed = Set::default();
        for entry in &policy.retired_addresses {
            match entry.strip_prefix("sha256:").and_then(hex_to_bytes) {
                Some(hash) => retired_hashed.insert(hash),
                None => retired_plain.insert(entry.clone()),
            };
        }
        let freemail = FREEMAIL_DOMAINS.iter().map(|d| d.to_string()).chain(policy.freemail_domains.iter().cloned()).collect();
        let mut protected: Vec<Protected> = Vec::new();
        let mut seen = Set::default();
        let usable = internal.iter().chain(&trusted).chain(retired.values().flatten());
        for (domain, usable) in usable.map(|d| (d, true)).chain(retired.keys().map(|d| (d, false))) {
            if seen.insert(domain.clone()) {
                protected.push(Protected { shape: DomainShape::new(domain), usable });
            }
        }
        protected.sort_unstable_by(|a, b| a.shape.domain.cmp(&b.shape.domain));
        let mut protected_keys: Map<u64, Vec<usize>> = Map::default();
        for (i, p) in protected.iter().enumerate() {
            for key in p.shape.keys() {
                protected_keys.entry(key).or_default().push(i);
            }
        }
        RecipientRules {
            internal,
            trusted,
            retired,
            retired_plain,
            retired_hashed,
            freemail,
            protected,
            protected_keys,
            lookalikes: Mutex::new(Map::default()),
        }
    }

    fn in_set(set: &Set<String>, domain: &str) -> bool {
        parents(domain).any(|d| set.contains(d))
    }

    /// The retired domain (or parent domain) this domain falls under, with its successor.
    fn retired_domain<'a>(&'a self, domain: &'a str) -> Option<(&'a str, Option<&'a str>)> {
        parents(domain).find_map(|d| self.retired.get_key_value(d)).map(|(d, s)| (d.as_str(), s.as_deref()))
    }

    fn is_retired_address(&self, address: &str) -> bool {
        if self.retired_plain.contains(address) {
            return true;
        }
        if self.retired_hashed.is_empty() {
            return false;
        }
        let hash: [u8; 32] = Sha256::digest(address.as_bytes()).into();
        self.retired_hashed.contains(&hash)
    }

    fn classify(&self, domain: &str) -> Class {
        if self.retired_domain(domain).is_some() {
            Class::External
        } else if Self::in_set(&self.internal, domain) {
            Class::Internal
        } else if Self::in_set(&self.trusted, domain) {
            Class::Trusted
        } else {
            Class::External
        }
    }

    /// The protected domain a recipient domain (or one of its parents) looks like, remembered.
    fn lookalike(&self, domain: &str) -> Option<(&Protected, Likeness)> {
        let remembered = self.lookalikes.lock().ok().and_then(|known| known.get(domain).copied());
        let found = remembered.unwrap_or_else(|| {
            let found = self.find_lookalike(domain);
            if let Ok(mut known) = self.lookalikes.lock() {
                if known.len() >= REMEMBERED_DOMAINS {
                    known.clear();
                }
                known.insert(domain.to_string(), found);
            }
            found
        });
        found.map(|(i, likeness)| (&self.protected[i], likeness))
    }

    /// Works out [`RecipientRules::lookalike`]: the position in `protected` and the likeness.
    fn find_lookalike(&self, domain: &str) -> Option<(usize, Likeness)> {
        for candidate in parents(domain).filter(|d| d.contains('.')) {
            let shape = DomainShape::new(candidate);
            let mut near: Vec<usize> = shape.keys().iter().filter_map(|k| self.protected_keys.get(k)).flatten().copied().collect();
            near.sort_unstable();
            near.dedup();
            if let Some(found) = near.into_iter().find_map(|i| shape.likeness(&self.protected[i].shape).map(|l| (i, l))) {
                return Some(found);
            }
        }
        None
    }

    /// Parses and classifies every recipient; adds findings for recipient rules.
    pub fn check(&self, snapshot: &Snapshot, policy: &Policy, findings: &mut Vec<Finding>) -> Vec<Recipient> {
        let language = policy.language;
        let on = |rule: Rule| policy.level(rule) != Level::Off;
        let mut recipients = Vec::new();
        let fields = [(Field::To, &snapshot.to), (Field::Cc, &snapshot.cc), (Field::Bcc, &snapshot.bcc)];
        for (field, entries) in fields {
            for (index, entry) in entries.iter().enumerate() {
                for parsed in parse_address_list(entry) {
                    let (start, end) = (parsed.start, parsed.end);
                    let finding = |rule: Rule, recipient: Option<String>, message: String, fix: Option<Fix>| Finding {
                        index: Some(index),
                        recipient,
                        start,
                        end,
                        fix,
                        ..Finding::new(rule, policy.level(rule), field, message)
                    };
                    let mailbox = match parsed.reading {
                        Reading::Mailbox(mailbox) => mailbox,
                        Reading::Unresolved(unresolved) => {
                            if on(Rule::UnresolvedRecipient) {
                                let message = Message::UnresolvedRecipient { name: &unresolved.name }.render(language);
                                findings.push(finding(Rule::UnresolvedRecipient, Some(unresolved.text.clone()), message, None));
                            }
                            recipients.push(Recipient { field, index, start, end, address: Err(unresolved), class: Class::Unresolved });
                            continue;
                        }
                        Reading::Malformed(malformed) => {
                            if on(Rule::InvalidAddress) {
                                let text = malformed.text.as_str();
                                let fix = remove_fix(text, language);
                                findings.push(finding(
                                    Rule::InvalidAddress,
                                    Some(text.to_string()),
                                    Message::InvalidAddress { text }.render(language),
                                    Some(fix),
                                ));
                            }
                            continue;
                        }
                    };
                    let class = self.classify(&mailbox.domain);
                    let typed = mailbox.typed.as_str();
                    if on(Rule::RetiredAddress) && self.is_retired_address(&mailbox.address) {
                        let message = Message::RetiredAddress { recipient: typed }.render(language);
                        findings.push(finding(Rule::RetiredAddress, Some(typed.to_string()), message, Some(remove_fix(typed, language))));
                    } else if let Some((domain, successor)) = self.retired_domain(&mailbox.domain).filter(|_| on(Rule::RetiredDomain)) {
                        let replacement = successor.map(|s| format!("{}@{}", mailbox.local, s));
                        let message =
                            Message::RetiredDomain { recipient: typed, domain, replacement: replacement.as_deref() }.render(language);
                        let fix = match &replacement {
                            Some(new) => replace_fix(typed, new, language),
                            None => remove_fix(typed, language),
                        };
                        findings.push(finding(Rule::RetiredDomain, Some(typed.to_string()), message, Some(fix)));
                    } else if class == Class::External && on(Rule::LookalikeDomain) {
                        if let Some((protected, likeness)) = self.lookalike(&mailbox.domain) {
                            let resembles = protected.shape.domain.as_str();
                            let (unicode, _) = idna::domain_to_unicode(resembles);
                            let message = Message::Lookalike {
                                recipient: typed,
                                domain: &mailbox.domain,
                                resembles: &unicode,
                                likeness,
                                punycode: mailbox.domain.split('.').any(|l| l.starts_with("xn--")),
                            }
                            .render(language);
                            let fix = if protected.usable {
                                replace_fix(typed, &format!("{}@{}", mailbox.local, resembles), language)
                            } else {
                                remove_fix(typed, language)
                            };
                            findings.push(finding(Rule::LookalikeDomain, Some(typed.to_string()), message, Some(fix)));
                        }
                    }
                    if class == Class::External && on(Rule::FreemailRecipient) && Self::in_set(&self.freemail, &mailbox.domain) {
                        let message = Message::Freemail { recipient: typed, domain: &mailbox.domain }.render(language);
                        findings.push(finding(Rule::FreemailRecipient, Some(typed.to_string()), message, None));
                    }
                    recipients.push(Recipient { field, index, start, end, address: Ok(mailbox), class });
                }
            }
        }
        recipients
    }
}

fn replace_fix(recipient: &str, replacement: &str, language: Language) -> Fix {
    Fix {
        kind: FixKind::ReplaceRecipient,
        recipient: Some(recipient.to_string()),
        replacement: Some(replacement.to_string()),
        marker: None,
        label: messages::fix_label_replace(replacement, language),
    }
}

fn remove_fix(recipient: &str, language: Language) -> Fix {
    Fix {
        kind: FixKind::RemoveRecipient,
        recipient: Some(recipient.to_string()),
        replacement: None,
        marker: None,
        label: messages::fix_label_remove(recipient, language),
    }
}

#[cfg(test)]
mod tests {
    use crate::verdict::Rule;
    use crate::{Engine, Snapshot};

    /// A typo offers to remove the entry; a recipient whose address is unseen is probably right,
    /// so nothing is offered.
    #[test]
    fn an_unresolved_recipient_offers_no_fix() {
        let engine = Engine::from_json_text(r#"{"internalDomains": ["samenveilig.nl"]}"#);
        let snapshot = Snapshot { to: vec!["Marieke de Boer".into(), "<m.deboer@>".into()], ..Snapshot::default() };
        let found: Vec<(Rule, bool)> = engine.analyze(&snapshot).findings.iter().map(|f| (f.rule, f.fix.is_some())).collect();
        assert_eq!(found, [(Rule::InvalidAddress, true), (Rule::UnresolvedRecipient, false)]);
    }
}
