//! The organisation's policy: parsed key by key from JSON, so that one bad key is reported with
//! its path and a clear sentence while every valid key still applies.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::address::{normalize_domain, Mailbox};
use crate::error_codes::PolicyErrorCode;
use crate::lookalike::edit_distance;
use crate::verdict::Rule;

/// How strongly a rule acts on a send.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// The rule does not run.
    Off,
    /// Reported (in the indicator, the CLI and the audit log) without interrupting the send.
    Info,
    /// The send is held and the user is asked.
    Warn,
    /// The send is held and cannot go ahead as it is.
    Block,
}

/// The language of every message the core writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    Nl,
    En,
}

impl Language {
    /// Picks the Dutch or the English text.
    pub fn pick<T>(self, nl: T, en: T) -> T {
        match self {
            Language::Nl => nl,
            Language::En => en,
        }
    }
}

/// Whether findings interrupt sends (`enforce`) or are only reported, as in a pilot (`report`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Enforcement {
    #[default]
    Enforce,
    Report,
}

/// What a send does when the check itself cannot run (core not loaded, webmail not recognised).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum FailMode {
    /// Tell the user the check could not run and let them decide.
    #[default]
    Ask,
    /// Hold the send until the check works again.
    Block,
}

/// The sensitivity an administrator gives a custom pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Sensitivity {
    /// Reported only.
    Low,
    /// Makes the message sensitive, like a BSN in context.
    #[default]
    High,
}

/// A retired domain and, where there is one, the domain that replaced it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RetiredDomain {
    pub domain: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub successor: Option<String>,
}

/// An administrator's regular expression for content the organisation considers sensitive.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomPattern {
    pub id: String,
    pub label: String,
    pub pattern: String,
    pub severity: Sensitivity,
    #[serde(skip)]
    pub regex: Option<regex_lite::Regex>,
}

/// A problem with one policy key: where it is, a stable code and a sentence for the administrator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PolicyError {
    /// JSON path of the offending value, e.g. `retiredDomains[2].domain`.
    pub path: String,
    pub code: PolicyErrorCode,
    pub message: String,
}

/// The effective policy: the administrator's valid keys merged over safe defaults. Domains are
/// lower-case ASCII (punycode); retired addresses are lower-case or `sha256:<hex>`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Policy {
    pub internal_domains: Vec<String>,
    pub retired_domains: Vec<RetiredDomain>,
    pub retired_addresses: Vec<String>,
    pub trusted_domains: Vec<String>,
    pub freemail_domains: Vec<String>,
    pub encryption_markers: Vec<String>,
    pub custom_patterns: Vec<CustomPattern>,
    pub sensitive_terms: Vec<String>,
    /// Per-rule level; rules not named keep [`Rule::default_level`].
    pub actions: std::collections::BTreeMap<Rule, Level>,
    pub language: Language,
    pub enforcement: Enforcement,
    pub allow_override: bool,
    pub require_justification: bool,
    pub large_audience_threshold: usize,
    pub fail_mode: FailMode,
    /// Extra webmail hosts the extension watches with its generic adapter.
    pub webmail_hosts: Vec<String>,
    /// Per-adapter selector overrides for the extension: `{adapter: {part: [selector, ...]}}`.
    pub adapter_selectors: Map<String, Value>,
    /// The adapter a webmail host uses, over the extension's own recognition: `{host: adapter}`.
    pub webmail_adapters: Map<String, Value>,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            internal_domains: Vec::new(),
            retired_domains: Vec::new(),
            retired_addresses: Vec::new(),
            trusted_domains: Vec::new(),
            freemail_domains: Vec::new(),
            encryption_markers: vec!["[versleuteld]".to_string()],
            custom_patterns: Vec::new(),
            sensitive_terms: Vec::new(),
            actions: std::collections::BTreeMap::new(),
            language: Language::Nl,
            enforcement: Enforcement::Enforce,
            allow_override: true,
            require_justification: false,
            large_audience_threshold: 20,
            fail_mode: FailMode::Ask,
            webmail_hosts: Vec::new(),
            adapter_selectors: Map::new(),
            webmail_adapters: Map::new(),
        }
    }
}

/// Every key a policy may have, for the unknown-key check and its suggestion.
pub const POLICY_KEYS: [&str; 18] = [
    "internalDomains",
    "retiredDomains",
    "retiredAddresses",
    "trustedDomains",
    "freemailDomains",
    "encryptionMarkers",
    "customPatterns",
    "sensitiveTerms",
    "actions",
    "language",
    "enforcement",
    "allowOverride",
    "requireJustification",
    "largeAudienceThreshold",
    "failMode",
    "webmailHosts",
    "adapterSelectors",
    "webmailAdapters",
];

/// The extension's webmail adapters, which `webmailAdapters` may name.
pub const ADAPTERS: [&str; 4] = ["gmail", "outlook", "roundcube", "generic"];

/// Largest compiled size of one custom pattern; larger patterns are refused, not run. The search
/// is linear in the text, but each byte costs up to the pattern's size: under this limit the worst
/// patterns accepted (`\w{100}\d`, `(.*a){20}`) take one to two seconds per megabyte of text they
/// nearly match, while real patterns (a UUID, `(?i)dossier\s*nr\.?\s*\d{6,10}`) need under
/// 2 KiB (docs/reliability.md).
const PATTERN_SIZE_LIMIT: usize = 8 * 1024;
/// Deepest nesting of groups and repetitions in one custom pattern.
const PATTERN_NEST_LIMIT: u32 = 50;

impl Policy {
    /// The level a rule acts with under this policy.
    pub fn level(&self, rule: Rule) -> Level {
        self.actions.get(&rule).copied().unwrap_or_else(|| rule.default_level())
    }

    /// Parses a policy from JSON text; text that is not JSON gives the defaults and an
    /// `invalid-json` error saying where the text goes wrong.
    pub fn from_json_text(text: &str) -> (Policy, Vec<PolicyError>) {
        match serde_json::from_str::<Value>(text) {
            Ok(value) => Policy::from_json(&value),
            Err(e) => {
                let mut reader = PolicyReader::new(Language::Nl);
                reader.push(
                    "",
                    PolicyErrorCode::InvalidJson,
                    &format!(
                        "Het beleid is geen geldige JSON (regel {}, kolom {}); de standaardinstellingen gelden.",
                        e.line(),
                        e.column()
                    ),
                    &format!("The policy is not valid JSON (line {}, column {}); the defaults apply.", e.line(), e.column()),
                );
                (Policy::default(), reader.errors)
            }
        }
    }

    /// Parses a policy from JSON. Never fails: what cannot be used is reported and skipped.
    pub fn from_json(value: &Value) -> (Policy, Vec<PolicyError>) {
        let mut policy = Policy::default();
        let Some(object) = value.as_object() else {
            let mut reader = PolicyReader::new(Language::Nl);
            if !value.is_null() {
                reader.push(
                    "",
                    PolicyErrorCode::NotAnObject,
                    "Het beleid moet een JSON-object zijn ({...}); de standaardinstellingen gelden.",
                    "The policy must be a JSON object ({...}); the defaults apply.",
                );
            }
            return (policy, reader.errors);
        };
        // The language comes first: every other error is written in it.
        let mut reader = PolicyReader::new(Language::Nl);
        if let Some(value) = object.get("language") {
            if let Some(language) = reader.enumeration("language", value, &[("nl", Language::Nl), ("en", Language::En)]) {
                policy.language = language;
                reader.language = language;
            }
        }
        for (key, value) in object {
            let p = key.as_str();
            match p {
                "language" => {}
                "internalDomains" => policy.internal_domains = reader.domains(p, value),
                "trustedDomains" => policy.trusted_domains = reader.domains(p, value),
                "freemailDomains" => policy.freemail_domains = reader.domains(p, value),
                "retiredDomains" => policy.retired_domains = reader.retired_domains(p, value),
                "retiredAddresses" => policy.retired_addresses = reader.retired_addresses(p, value),
                "encryptionMarkers" => {
                    if let Some(markers) = reader.strings(p, value) {
                        policy.encryption_markers = markers;
                    }
                }
                "sensitiveTerms" => policy.sensitive_terms = reader.strings(p, value).unwrap_or_default(),
                "customPatterns" => policy.custom_patterns = reader.custom_patterns(p, value),
                "actions" => policy.actions = reader.actions(p, value),
                "enforcement" => {
                    if let Some(v) = reader.enumeration(p, value, &[("enforce", Enforcement::Enforce), ("report", Enforcement::Report)]) {
                        policy.enforcement = v;
                    }
                }
                "failMode" => {
                    if let Some(v) = reader.enumeration(p, value, &[("ask", FailMode::Ask), ("block", FailMode::Block)]) {
                        policy.fail_mode = v;
                    }
                }
                "allowOverride" => {
                    if let Some(v) = reader.boolean(p, value) {
                        policy.allow_override = v;
                    }
                }
                "requireJustification" => {
                    if let Some(v) = reader.boolean(p, value) {
                        policy.require_justification = v;
                    }
                }
                "largeAudienceThreshold" => {
                    if let Some(v) = reader.positive_integer(p, value) {
                        policy.large_audience_threshold = v;
                    }
                }
                "webmailHosts" => policy.webmail_hosts = reader.hosts(p, value),
                "adapterSelectors" => policy.adapter_selectors = reader.adapter_selectors(p, value),
                "webmailAdapters" => policy.webmail_adapters = reader.webmail_adapters(p, value),
                unknown => reader.unknown_key(unknown, unknown, &POLICY_KEYS),
            }
        }
        reader.conflicts(&policy);
        (policy, reader.errors)
    }
}

/// Reads the policy's JSON value by value: each method parses one kind of value and, where it
/// cannot be used, records a [`PolicyError`] in the policy's language and skips it.
struct PolicyReader {
    language: Language,
    errors: Vec<PolicyError>,
}

impl PolicyReader {
    fn new(language: Language) -> Self {
        PolicyReader { language, errors: Vec::new() }
    }

    /// Records a problem at `path`, in the policy's language.
    fn push(&mut self, path: &str, code: PolicyErrorCode, nl: &str, en: &str) {
        self.errors.push(PolicyError { path: path.to_string(), code, message: self.language.pick(nl, en).to_string() });
    }

    /// An unknown `key` at `path`, with a suggestion from the keys `known` at that level.
    fn unknown_key(&mut self, path: &str, key: &str, known: &[&str]) {
        let suggestion = known
            .iter()
            .map(|known| (edit_distance(&key.to_ascii_lowercase(), &known.to_ascii_lowercase()), known))
            .filter(|(distance, _)| *distance <= 3)
            .min();
        let (nl, en) = match suggestion {
            Some((_, known)) => (
                format!("Onbekende sleutel '{path}' wordt genegeerd. Bedoelt u '{known}'?"),
                format!("Unknown key '{path}' is ignored. Did you mean '{known}'?"),
            ),
            None => (format!("Onbekende sleutel '{path}' wordt genegeerd."), format!("Unknown key '{path}' is ignored.")),
        };
        self.push(path, PolicyErrorCode::UnknownKey, &nl, &en);
    }

    fn wrong_type(&mut self, path: &str, nl_type: &str, en_type: &str) {
        self.push(
            path,
            PolicyErrorCode::WrongType,
            &format!("Hier hoort {nl_type}; deze waarde wordt genegeerd."),
            &format!("This must be {en_type}; the value is ignored."),
        );
    }

    fn array<'v>(&mut self, path: &str, value: &'v Value) -> &'v [Value] {
        match value.as_array() {
            Some(items) => items,
            None => {
                self.wrong_type(path, "een lijst ([...])", "a list ([...])");
                &[]
            }
        }
    }

    fn string<'v>(&mut self, path: &str, value: &'v Value) -> Option<&'v str> {
        match value.as_str() {
            Some(text) => Some(text),
            None => {
                self.wrong_type(path, "tekst (\"...\")", "a string (\"...\")");
                None
            }
        }
    }

    fn boolean(&mut self, path: &str, value: &Value) -> Option<bool> {
        let parsed = value.as_bool();
        if parsed.is_none() {
            self.wrong_type(path, "true of false", "true or false");
        }
        parsed
    }

    fn positive_integer(&mut self, path: &str, value: &Value) -> Option<usize> {
        match value.as_u64().and_then(|n| usize::try_from(n).ok()) {
            Some(n) if n >= 1 => Some(n),
            _ => {
                self.wrong_type(path, "een geheel getal van 1 of meer", "a whole number of 1 or more");
                None
            }
        }
    }

    fn enumeration<T: Copy>(&mut self, path: &str, value: &Value, options: &[(&str, T)]) -> Option<T> {
        let text = self.string(path, value)?;
        if let Some((_, v)) = options.iter().find(|(name, _)| *name == text) {
            return Some(*v);
        }
        let allowed = options.iter().map(|(name, _)| format!("'{name}'")).collect::<Vec<_>>().join(", ");
        self.push(
            path,
            PolicyErrorCode::InvalidValue,
            &format!("'{text}' is geen geldige waarde; kies uit {allowed}. De standaard geldt."),
            &format!("'{text}' is not a valid value; choose one of {allowed}. The default applies."),
        );
        None
    }

    fn strings(&mut self, path: &str, value: &Value) -> Option<Vec<String>> {
        if !value.is_array() {
            self.wrong_type(path, "een lijst ([...])", "a list ([...])");
            return None;
        }
        let mut out = Vec::new();
        for (i, item) in self.array(path, value).iter().enumerate() {
            let item_path = format!("{path}[{i}]");
            if let Some(text) = self.string(&item_path, item) {
                let text = text.trim();
                if text.is_empty() {
                    self.push(&item_path, PolicyErrorCode::Empty, "Lege tekst wordt genegeerd.", "Empty text is ignored.");
                } else {
                    out.push(text.to_string());
                }
            }
        }
        Some(out)
    }

    fn domain(&mut self, path: &str, value: &Value) -> Option<String> {
        let text = self.string(path, value)?;
        let trimmed = text.trim().trim_start_matches('@').trim_start_matches("*.");
        match normalize_domain(trimmed) {
            Some(domain) if domain.contains('.') => Some(domain),
            _ => {
                self.push(
                    path,
                    PolicyErrorCode::InvalidDomain,
                    &format!("'{text}' is geen geldige domeinnaam (zoals voorbeeld.nl); deze regel wordt overgeslagen."),
                    &format!("'{text}' is not a valid domain name (like example.nl); this entry is skipped."),
                );
                None
            }
        }
    }

    fn domains(&mut self, path: &str, value: &Value) -> Vec<String> {
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        for (i, item) in self.array(path, value).iter().enumerate() {
            if let Some(domain) = self.domain(&format!("{path}[{i}]"), item) {
                if seen.insert(domain.clone()) {
                    out.push(domain);
                }
            }
        }
        out
    }

    fn retired_domains(&mut self, path: &str, value: &Value) -> Vec<RetiredDomain> {
        let mut out = Vec::new();
        for (i, item) in self.array(path, value).iter().enumerate() {
            let item_path = format!("{path}[{i}]");
            let entry = match item {
                Value::String(_) => self.domain(&item_path, item).map(|domain| RetiredDomain { domain, successor: None }),
                Value::Object(fields) => {
                    for key in fields.keys().filter(|k| *k != "domain" && *k != "successor") {
                        self.unknown_key(&format!("{item_path}.{key}"), key, &["domain", "successor"]);
                    }
                    let domain = match fields.get("domain") {
                        Some(d) => self.domain(&format!("{item_path}.domain"), d),
                        None => {
                            self.push(
                                &item_path,
                                PolicyErrorCode::MissingKey,
                                "Deze regel mist 'domain'; hij wordt overgeslagen.",
                                "This entry lacks 'domain'; it is skipped.",
                            );
                            None
                        }
                    };
                    let successor =
                        fields.get("successor").filter(|s| !s.is_null()).and_then(|s| self.domain(&format!("{item_path}.successor"), s));
                    domain.map(|domain| RetiredDomain { domain, successor })
                }
                _ => {
                    self.wrong_type(
                        &item_path,
                        "een object ({\"domain\": ..., \"successor\": ...}) of een domeinnaam",
                        "an object ({\"domain\": ..., \"successor\": ...}) or a domain name",
                    );
                    None
                }
            };
            if let Some(entry) = entry {
                if entry.successor.as_deref() == Some(entry.domain.as_str()) {
                    self.push(
                        &format!("{item_path}.successor"),
                        PolicyErrorCode::InvalidSuccessor,
                        "De opvolger is hetzelfde domein als het vervallen domein; de opvolger wordt genegeerd.",
                        "The successor is the retired domain itself; the successor is ignored.",
                    );
                    out.push(RetiredDomain { domain: entry.domain, successor: None });
                } else {
                    out.push(entry);
                }
            }
        }
        out
    }

    fn retired_addresses(&mut self, path: &str, value: &Value) -> Vec<String> {
        let mut out = Vec::new();
        for (i, item) in self.array(path, value).iter().enumerate() {
            let item_path = format!("{path}[{i}]");
            let Some(text) = self.string(&item_path, item) else { continue };
            let text = text.trim();
            if let Some(hex) = text.strip_prefix("sha256:").or_else(|| text.strip_prefix("SHA256:")) {
                if hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                    out.push(format!("sha256:{}", hex.to_ascii_lowercase()));
                } else {
                    self.push(
                        &item_path,
                        PolicyErrorCode::InvalidHash,
                        "Na 'sha256:' horen 64 hexadecimale tekens (de SHA-256 van het adres in kleine letters); deze regel wordt overgeslagen.",
                        "'sha256:' must be followed by 64 hexadecimal characters (the SHA-256 of the lower-cased address); this entry is skipped.",
                    );
                }
                continue;
            }
            match Mailbox::parse_bare(text) {
                Some(mailbox) => out.push(mailbox.address),
                None => self.push(
                    &item_path,
                    PolicyErrorCode::InvalidAddress,
                    &format!("'{text}' is geen geldig e-mailadres; deze regel wordt overgeslagen."),
                    &format!("'{text}' is not a valid e-mail address; this entry is skipped."),
                ),
            }
        }
        out
    }

    fn custom_patterns(&mut self, path: &str, value: &Value) -> Vec<CustomPattern> {
        let mut out = Vec::new();
        for (i, item) in self.array(path, value).iter().enumerate() {
            let item_path = format!("{path}[{i}]");
            let Some(fields) = item.as_object() else {
                self.wrong_type(&item_path, "een object met 'pattern'", "an object with 'pattern'");
                continue;
            };
            const PATTERN_KEYS: [&str; 4] = ["id", "label", "pattern", "severity"];
            for key in fields.keys().filter(|k| !PATTERN_KEYS.contains(&k.as_str())) {
                self.unknown_key(&format!("{item_path}.{key}"), key, &PATTERN_KEYS);
            }
            let Some(pattern) = fields.get("pattern").and_then(|p| self.string(&format!("{item_path}.pattern"), p)) else {
                if !fields.contains_key("pattern") {
                    self.push(
                        &item_path,
                        PolicyErrorCode::MissingKey,
                        "Dit patroon mist 'pattern'; het wordt overgeslagen.",
                        "This pattern lacks 'pattern'; it is skipped.",
                    );
                }
                continue;
            };
            let id = fields
                .get("id")
                .and_then(|v| self.string(&format!("{item_path}.id"), v))
                .map(str::to_string)
                .unwrap_or_else(|| format!("custom-{}", i + 1));
            let label = fields
                .get("label")
                .and_then(|v| self.string(&format!("{item_path}.label"), v))
                .map(str::to_string)
                .unwrap_or_else(|| id.clone());
            let severity = match fields.get("severity") {
                None => Sensitivity::default(),
                Some(v) => self
                    .enumeration(
                        &format!("{item_path}.severity"),
                        v,
                        &[("low", Sensitivity::Low), ("medium", Sensitivity::High), ("high", Sensitivity::High)],
                    )
                    .unwrap_or_default(),
            };
            let regex = regex_lite::RegexBuilder::new(pattern).size_limit(PATTERN_SIZE_LIMIT).nest_limit(PATTERN_NEST_LIMIT).build();
            match regex {
                Ok(regex) if regex.is_match("") => self.push(
                    &format!("{item_path}.pattern"),
                    PolicyErrorCode::InvalidPattern,
                    &format!("Patroon '{id}' past ook op lege tekst en zou alles melden; het wordt overgeslagen."),
                    &format!("Pattern '{id}' also matches empty text and would report everything; it is skipped."),
                ),
                Ok(regex) => out.push(CustomPattern { id, label, pattern: pattern.to_string(), severity, regex: Some(regex) }),
                Err(error) => {
                    let message = error.to_string();
                    let reason = if message.contains("size limit") || message.contains("nest limit") {
                        self.language.pick("het is te groot of te complex", "it is too large or too complex").to_string()
                    } else {
                        message.lines().last().unwrap_or_default().trim().to_string()
                    };
                    self.push(
                        &format!("{item_path}.pattern"),
                        PolicyErrorCode::InvalidPattern,
                        &format!("Patroon '{id}' kan niet worden gebruikt ({reason}); het wordt overgeslagen."),
                        &format!("Pattern '{id}' cannot be used ({reason}); it is skipped."),
                    );
                }
            }
        }
        out
    }

    fn actions(&mut self, path: &str, value: &Value) -> std::collections::BTreeMap<Rule, Level> {
        let mut out = std::collections::BTreeMap::new();
        let Some(fields) = value.as_object() else {
            self.wrong_type(path, "een object ({\"regel\": \"block\"})", "an object ({\"rule\": \"block\"})");
            return out;
        };
        for (key, level) in fields {
            let item_path = format!("{path}.{key}");
            let Some(rule) = Rule::from_id(key) else {
                self.push(
                    &item_path,
                    PolicyErrorCode::UnknownRule,
                    &format!("Onbekende regel '{key}' wordt genegeerd."),
                    &format!("Unknown rule '{key}' is ignored."),
                );
                continue;
            };
            let options =
                [("off", Level::Off), ("info", Level::Info), ("allow", Level::Info), ("warn", Level::Warn), ("block", Level::Block)];
            if let Some(level) = self.enumeration(&item_path, level, &options) {
                out.insert(rule, level);
            }
        }
        out
    }

    fn hosts(&mut self, path: &str, value: &Value) -> Vec<String> {
        let mut out = Vec::new();
        for (i, item) in self.array(path, value).iter().enumerate() {
            let item_path = format!("{path}[{i}]");
            let Some(text) = self.string(&item_path, item) else { continue };
            if let Some(host) = self.host(&item_path, text) {
                out.push(host);
            }
        }
        out
    }

    /// A host name as the extension compares it (lower case), or an `invalid-host` error.
    fn host(&mut self, path: &str, text: &str) -> Option<String> {
        let host = text.trim().to_ascii_lowercase();
        let valid = !host.is_empty() && host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
        if !valid {
            self.push(
                path,
                PolicyErrorCode::InvalidHost,
                &format!("'{text}' is geen hostnaam (zoals webmail.voorbeeld.nl, zonder https:// of pad); deze regel wordt overgeslagen."),
                &format!("'{text}' is not a host name (like webmail.example.nl, without https:// or a path); this entry is skipped."),
            );
        }
        valid.then_some(host)
    }

    fn webmail_adapters(&mut self, path: &str, value: &Value) -> Map<String, Value> {
        let mut out = Map::new();
        let Some(hosts) = value.as_object() else {
            self.wrong_type(path, "een object ({\"host\": \"adapter\"})", "an object ({\"host\": \"adapter\"})");
            return out;
        };
        let options = ADAPTERS.map(|name| (name, name));
        for (host, adapter) in hosts {
            let item_path = format!("{path}.{host}");
            let Some(host) = self.host(&item_path, host) else { continue };
            if let Some(adapter) = self.enumeration(&item_path, adapter, &options) {
                out.insert(host, Value::from(adapter));
            }
        }
        out
    }

    fn adapter_selectors(&mut self, path: &str, value: &Value) -> Map<String, Value> {
        let mut out = Map::new();
        let Some(adapters) = value.as_object() else {
            self.wrong_type(
                path,
                "een object ({\"adapter\": {\"onderdeel\": [\"selector\"]}})",
                "an object ({\"adapter\": {\"part\": [\"selector\"]}})",
            );
            return out;
        };
        for (adapter, parts) in adapters {
            let adapter_path = format!("{path}.{adapter}");
            let Some(parts) = parts.as_object() else {
                self.wrong_type(&adapter_path, "een object ({\"onderdeel\": [\"selector\"]})", "an object ({\"part\": [\"selector\"]})");
                continue;
            };
            let mut valid = Map::new();
            for (part, selectors) in parts {
                if let Some(list) = self.strings(&format!("{adapter_path}.{part}"), selectors) {
                    valid.insert(part.clone(), Value::from(list));
                }
            }
            out.insert(adapter.clone(), Value::Object(valid));
        }
        out
    }

    /// Contradictions between keys: each one is reported and resolved towards safety.
    fn conflicts(&mut self, policy: &Policy) {
        let internal: HashSet<&String> = policy.internal_domains.iter().collect();
        let trusted: HashSet<&String> = policy.trusted_domains.iter().collect();
        for (i, retired) in policy.retired_domains.iter().enumerate() {
            for (list, key) in [(&internal, "internalDomains"), (&trusted, "trustedDomains")] {
                if list.contains(&retired.domain) {
                    self.push(
                        &format!("retiredDomains[{i}].domain"),
                        PolicyErrorCode::Conflict,
                        &format!("'{}' staat ook in {key}; het geldt als vervallen (dat is veiliger).", retired.domain),
                        &format!("'{}' is also listed in {key}; it is treated as retired (the safer choice).", retired.domain),
                    );
                }
            }
        }
    }
}
