//! The deployment templates in docs/deployment/: they are what
//! `scripts/deployment.mjs` generates now (so they cannot drift from the example policy or from
//! each other), each one parses in its own format, and each one carries exactly the example
//! policy, which the core accepts without an error. Needs `node` (as `make test` does).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use zorgvuldig::Policy;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn deployment() -> PathBuf {
    root().join("docs/deployment")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&read(path)).unwrap_or_else(|e| panic!("{}: not valid JSON: {e}", path.display()))
}

fn example() -> Value {
    read_json(&deployment().join("example-policy.json"))
}

fn schema() -> Value {
    read_json(&root().join("web/extension/schema.json"))
}

/// The extension id Chrome derives from the manifest's public `key`: SHA-256 of the key, first
/// 16 bytes, each hex digit 0-f written as a-p.
fn extension_id() -> String {
    let manifest = read_json(&root().join("web/extension/manifest.json"));
    let key = base64_decode(manifest["key"].as_str().expect("manifest key"));
    let digest = Sha256::digest(&key);
    digest[..16].iter().flat_map(|b| [b >> 4, b & 0x0f]).map(|nibble| char::from(b'a' + nibble)).collect()
}

fn base64_decode(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let (mut buffer, mut bits) = (0u32, 0);
    for c in text.bytes().filter(|c| !c.is_ascii_whitespace() && *c != b'=') {
        let value = ALPHABET.iter().position(|a| *a == c).expect("base64") as u32;
        buffer = (buffer << 6) | value;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
    }
    out
}

/// The Firefox id, as scripts/build-extension.mjs writes it into the Firefox manifest.
fn gecko_id() -> String {
    let source = read(&root().join("scripts/build-extension.mjs"));
    let start = source.find("export const GECKO_ID = '").expect("GECKO_ID in build-extension.mjs") + 25;
    source[start..].split('\'').next().unwrap().to_string()
}

/// A policy recovered from a template: it must be the example, key for key and value for value,
/// and the core must accept it without a single error.
fn assert_is_example(what: &str, policy: &Value) {
    let example = example();
    let (got, want) = (policy.as_object().unwrap(), example.as_object().unwrap());
    for (key, value) in want {
        assert_eq!(got.get(key), Some(value), "{what}: key {key}");
    }
    let extra: Vec<&String> = got.keys().filter(|k| !want.contains_key(*k)).collect();
    assert!(extra.is_empty(), "{what}: keys not in the example: {extra:?}");
    let errors = Policy::from_json(policy).1;
    assert!(errors.is_empty(), "{what}: policy errors {errors:?}");
}

// ---------------------------------------------------------------------------------------------
// No drift

fn generate() -> PathBuf {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("deployment-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let output = Command::new("node")
        .arg("scripts/deployment.mjs")
        .arg("--out")
        .arg(&out)
        .current_dir(root())
        .output()
        .unwrap_or_else(|e| panic!("cannot run `node scripts/deployment.mjs` (node is needed for this test): {e}"));
    assert!(output.status.success(), "scripts/deployment.mjs failed:\n{}", String::from_utf8_lossy(&output.stderr));
    out
}

fn files(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect()
}

#[test]
fn committed_templates_are_what_the_generator_writes_now() {
    let fresh = generate();
    let generated = files(&fresh);
    let mut committed = files(&deployment());
    committed.remove("example-policy.json");
    assert_eq!(committed, generated, "docs/deployment/ and the generator's files differ (run `make deployment`)");
    for file in &generated {
        let (want, got) = (std::fs::read(fresh.join(file)).unwrap(), std::fs::read(deployment().join(file)).unwrap());
        assert!(want == got, "docs/deployment/{file} is not what scripts/deployment.mjs writes now; run `make deployment` and commit");
    }
    std::fs::remove_dir_all(&fresh).unwrap();
}

#[test]
fn the_ids_are_the_extensions() {
    // The brief's fixed id; derived again here from the manifest key, as Chrome does.
    assert_eq!(extension_id(), "pmlnokpddnepmhgjgpiebfikiogoncfm");
    for doc in [deployment().join("README.md"), root().join("docs/admin.md")] {
        let text = read(&doc);
        assert!(text.contains(&extension_id()) && text.contains(&gecko_id()), "{} names both ids", doc.display());
    }
}

// ---------------------------------------------------------------------------------------------
// JSON templates

fn assert_force_installed(what: &str, settings: &Value, id: &str, url_key: &str) {
    let entry = &settings[id];
    assert_eq!(entry["installation_mode"], "force_installed", "{what}: ExtensionSettings.{id}");
    let url = entry[url_key].as_str().unwrap_or_else(|| panic!("{what}: ExtensionSettings.{id}.{url_key} missing"));
    assert!(url.starts_with("https://"), "{what}: {url_key} {url}");
    assert_eq!(settings.as_object().unwrap().len(), 1, "{what}: ExtensionSettings names only this extension");
}

#[test]
fn linux_json_carries_the_policy_and_the_force_install() {
    let id = extension_id();
    for file in ["linux-chrome.json", "linux-chromium.json", "linux-edge.json"] {
        let template = read_json(&deployment().join(file));
        let top: BTreeSet<&str> = template.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(top, BTreeSet::from(["3rdparty", "ExtensionSettings"]), "{file}");
        assert_is_example(file, &template["3rdparty"]["extensions"][&id]);
        assert_eq!(template["3rdparty"]["extensions"].as_object().unwrap().len(), 1, "{file}");
        assert_force_installed(file, &template["ExtensionSettings"], &id, "update_url");
    }
}

#[test]
fn firefox_policies_json_carries_the_policy_and_the_install() {
    let gecko = gecko_id();
    let template = read_json(&deployment().join("firefox-policies.json"));
    let policies = &template["policies"];
    assert_is_example("firefox-policies.json", &policies["3rdparty"]["Extensions"][&gecko]);
    assert_force_installed("firefox-policies.json", &policies["ExtensionSettings"], &gecko, "install_url");
}

#[test]
fn google_admin_console_form_wraps_each_value() {
    let template = read_json(&deployment().join("google-admin-console.json"));
    let mut policy = Map::new();
    for (key, wrapped) in template.as_object().unwrap() {
        let wrapped = wrapped.as_object().unwrap_or_else(|| panic!("{key}: not an object"));
        assert_eq!(wrapped.keys().collect::<Vec<_>>(), ["Value"], "{key}: the form is {{\"Value\": ...}}");
        policy.insert(key.clone(), wrapped["Value"].clone());
    }
    assert_is_example("google-admin-console.json", &Value::Object(policy));
}

// ---------------------------------------------------------------------------------------------
// Windows .reg

/// One parsed .reg file: key path → (value name → value). A `[-key]` line deletes a key; the
/// deleted keys are listed in `deleted`.
struct RegFile {
    keys: BTreeMap<String, BTreeMap<String, RegValue>>,
    deleted: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
enum RegValue {
    Sz(String),
    Dword(u32),
}

fn parse_reg(what: &str, bytes: &[u8]) -> RegFile {
    let text = std::str::from_utf8(bytes).unwrap_or_else(|_| panic!("{what}: not UTF-8"));
    assert!(text.is_ascii(), "{what}: non-ASCII text (regedit reads UTF-8 .reg files as ANSI)");
    assert!(text.ends_with("\r\n"), "{what}: must end with CRLF");
    assert!(!text.replace("\r\n", "").contains('\n'), "{what}: a line ends in a bare LF; .reg lines end in CRLF");
    let mut lines = text.split("\r\n");
    assert_eq!(lines.next(), Some("Windows Registry Editor Version 5.00"), "{what}: header");
    let mut file = RegFile { keys: BTreeMap::new(), deleted: Vec::new() };
    let mut current: Option<String> = None;
    for (n, line) in lines.enumerate() {
        let n = n + 2;
        if line.is_empty() || line.starts_with(';') {
            continue;
        }
        if let Some(key) = line.strip_prefix("[-").and_then(|l| l.strip_suffix(']')) {
            assert!(!file.keys.contains_key(key), "{what}:{n}: deletes a key it created earlier");
            file.deleted.push(key.to_string());
            current = None;
        } else if let Some(key) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            assert!(key.starts_with("HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\"), "{what}:{n}: key {key}");
            assert!(!key.contains("\\\\") && !key.ends_with('\\'), "{what}:{n}: malformed key {key}");
            file.keys.entry(key.to_string()).or_default();
            current = Some(key.to_string());
        } else {
            let key = current.clone().unwrap_or_else(|| panic!("{what}:{n}: a value outside a key"));
            let (name, rest) = parse_reg_string(line).unwrap_or_else(|| panic!("{what}:{n}: not \"name\"=value: {line}"));
            let rest = rest.strip_prefix('=').unwrap_or_else(|| panic!("{what}:{n}: no '=' after the name"));
            let value = if let Some(hex) = rest.strip_prefix("dword:") {
                assert!(hex.len() == 8 && hex.bytes().all(|b| b.is_ascii_hexdigit()), "{what}:{n}: dword {hex}");
                RegValue::Dword(u32::from_str_radix(hex, 16).unwrap())
            } else {
                let (text, tail) = parse_reg_string(rest).unwrap_or_else(|| panic!("{what}:{n}: value {rest}"));
                assert!(tail.is_empty(), "{what}:{n}: text after the value: {tail}");
                RegValue::Sz(text)
            };
            let previous = file.keys.get_mut(&key).unwrap().insert(name.clone(), value);
            assert!(previous.is_none(), "{what}:{n}: {name} set twice");
        }
    }
    file
}

/// A quoted .reg string at the start of `text` (`\\` and `\"` are its only escapes), and the rest.
fn parse_reg_string(text: &str) -> Option<(String, &str)> {
    let body = text.strip_prefix('"')?;
    let mut out = String::new();
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((out, &body[i + 1..])),
            '\\' => match chars.next()? {
                (_, '\\') => out.push('\\'),
                (_, '"') => out.push('"'),
                _ => return None,
            },
            c => out.push(c),
        }
    }
    None
}

#[test]
fn windows_reg_files_carry_the_policy_with_chrome_value_types() {
    let id = extension_id();
    let schema = schema();
    for (file, vendor) in [("windows-chrome.reg", "Google\\Chrome"), ("windows-edge.reg", "Microsoft\\Edge")] {
        let reg = parse_reg(file, &std::fs::read(deployment().join(file)).unwrap());
        let base = format!("HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\{vendor}");
        let policy_key = format!("{base}\\3rdparty\\extensions\\{id}\\policy");
        assert_eq!(reg.keys.keys().collect::<BTreeSet<_>>(), BTreeSet::from([&base, &policy_key]), "{file}: keys");
        assert_eq!(reg.deleted, std::slice::from_ref(&policy_key), "{file}: clears the policy key before writing it");

        // Force-install: ExtensionSettings, one REG_SZ of JSON.
        let Some(RegValue::Sz(settings)) = reg.keys[&base].get("ExtensionSettings") else {
            panic!("{file}: no REG_SZ ExtensionSettings under {base}");
        };
        let settings: Value = serde_json::from_str(settings).unwrap_or_else(|e| panic!("{file}: ExtensionSettings: {e}"));
        assert_force_installed(file, &settings, &id, "update_url");

        // The policy: strings REG_SZ, booleans and integers REG_DWORD, lists and objects REG_SZ JSON.
        let mut policy = Map::new();
        for (name, value) in &reg.keys[&policy_key] {
            let kind = schema["properties"][name]["type"].as_str().unwrap_or_else(|| panic!("{file}: {name} is not in the schema"));
            let parsed = match (kind, value) {
                ("string", RegValue::Sz(text)) => Value::from(text.clone()),
                ("boolean", RegValue::Dword(n)) if *n <= 1 => Value::from(*n == 1),
                ("integer", RegValue::Dword(n)) => Value::from(*n),
                ("array" | "object", RegValue::Sz(text)) => {
                    let parsed: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{file}: {name}: JSON {e}"));
                    assert_eq!(parsed.is_array(), kind == "array", "{file}: {name} is JSON of the wrong type");
                    parsed
                }
                other => panic!("{file}: {name}: a {kind} written as {other:?}"),
            };
            policy.insert(name.clone(), parsed);
        }
        assert_is_example(file, &Value::Object(policy));
    }
}

// ---------------------------------------------------------------------------------------------
// macOS .mobileconfig: a small, strict XML property-list reader

struct Plist<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Plist<'a> {
    fn parse(text: &'a str) -> Result<Value, String> {
        let mut p = Plist { text, at: 0 };
        p.skip_space();
        p.expect("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        p.skip_space();
        p.expect("<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">")?;
        p.skip_space();
        p.expect("<plist version=\"1.0\">")?;
        let value = p.value()?;
        p.skip_space();
        p.expect("</plist>")?;
        p.skip_space();
        if p.at != text.len() {
            return Err(format!("text after </plist> at byte {}", p.at));
        }
        Ok(value)
    }

    fn rest(&self) -> &'a str {
        &self.text[self.at..]
    }

    fn skip_space(&mut self) {
        loop {
            let trimmed = self.rest().trim_start();
            self.at = self.text.len() - trimmed.len();
            if let Some(end) = trimmed.strip_prefix("<!--").and_then(|r| r.find("-->")) {
                self.at += 4 + end + 3;
            } else {
                return;
            }
        }
    }

    fn expect(&mut self, token: &str) -> Result<(), String> {
        if self.rest().starts_with(token) {
            self.at += token.len();
            Ok(())
        } else {
            Err(format!("expected {token:?} at byte {}: {:?}", self.at, &self.rest()[..self.rest().len().min(40)]))
        }
    }

    /// The text up to `</tag>`, with the five XML entities and numeric references decoded.
    fn text_until(&mut self, tag: &str) -> Result<String, String> {
        let close = format!("</{tag}>");
        let end = self.rest().find(&close).ok_or(format!("no {close}"))?;
        let raw = &self.rest()[..end];
        if raw.contains('<') {
            return Err(format!("markup inside <{tag}> at byte {}", self.at));
        }
        self.at += end + close.len();
        let mut out = String::new();
        let mut rest = raw;
        while let Some(amp) = rest.find('&') {
            out.push_str(&rest[..amp]);
            let semi = rest[amp..].find(';').ok_or("unterminated entity")? + amp;
            let entity = &rest[amp + 1..semi];
            out.push(match entity {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                e if e.starts_with("#x") => char::from_u32(u32::from_str_radix(&e[2..], 16).map_err(|_| "bad &#x;")?).ok_or("bad char")?,
                e if e.starts_with('#') => char::from_u32(e[1..].parse().map_err(|_| "bad &#;")?).ok_or("bad char")?,
                e => return Err(format!("unknown entity &{e};")),
            });
            rest = &rest[semi + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }

    fn value(&mut self) -> Result<Value, String> {
        self.skip_space();
        for (tag, value) in [
            ("<true/>", Value::Bool(true)),
            ("<false/>", Value::Bool(false)),
            ("<array/>", Value::Array(vec![])),
            ("<dict/>", Value::Object(Map::new())),
        ] {
            if self.rest().starts_with(tag) {
                self.at += tag.len();
                return Ok(value);
            }
        }
        if self.rest().starts_with("<string>") {
            self.at += 8;
            return Ok(Value::String(self.text_until("string")?));
        }
        if self.rest().starts_with("<integer>") {
            self.at += 9;
            let text = self.text_until("integer")?;
            return text.trim().parse::<i64>().map(Value::from).map_err(|_| format!("bad integer {text:?}"));
        }
        if self.rest().starts_with("<array>") {
            self.at += 7;
            let mut items = Vec::new();
            loop {
                self.skip_space();
                if self.rest().starts_with("</array>") {
                    self.at += 8;
                    return Ok(Value::Array(items));
                }
                items.push(self.value()?);
            }
        }
        if self.rest().starts_with("<dict>") {
            self.at += 6;
            let mut map = Map::new();
            loop {
                self.skip_space();
                if self.rest().starts_with("</dict>") {
                    self.at += 7;
                    return Ok(Value::Object(map));
                }
                self.expect("<key>")?;
                let key = self.text_until("key")?;
                let value = self.value()?;
                if map.insert(key.clone(), value).is_some() {
                    return Err(format!("key {key} twice in one dict"));
                }
            }
        }
        Err(format!("unexpected markup at byte {}: {:?}", self.at, &self.rest()[..self.rest().len().min(40)]))
    }
}

fn is_uuid(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    parts.iter().map(|p| p.len()).eq([8, 4, 4, 4, 12]) && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The payload's own settings without the Payload* bookkeeping keys.
fn settings_of(payload: &Value) -> Value {
    Value::Object(
        payload.as_object().unwrap().iter().filter(|(k, _)| !k.starts_with("Payload")).map(|(k, v)| (k.clone(), v.clone())).collect(),
    )
}

fn python3_plist_as_json(path: &Path) -> Option<Value> {
    let script = "import json, plistlib, sys\nprint(json.dumps(plistlib.load(open(sys.argv[1], 'rb'))))";
    let output = Command::new("python3").arg("-c").arg(script).arg(path).output().ok()?;
    assert!(output.status.success(), "python3 plistlib rejects {}: {}", path.display(), String::from_utf8_lossy(&output.stderr));
    Some(serde_json::from_slice(&output.stdout).unwrap())
}

#[test]
fn mobileconfigs_are_plists_with_the_policy_and_stable_unique_uuids() {
    let id = extension_id();
    let gecko = gecko_id();
    let mut uuids = BTreeSet::new();
    for (file, browser_domain) in [
        ("macos-chrome.mobileconfig", "com.google.Chrome"),
        ("macos-edge.mobileconfig", "com.microsoft.Edge"),
        ("macos-firefox.mobileconfig", "org.mozilla.firefox"),
    ] {
        let path = deployment().join(file);
        let profile = Plist::parse(&read(&path)).unwrap_or_else(|e| panic!("{file}: not a valid XML plist: {e}"));
        // Cross-check with Python's plistlib where there is a python3.
        if let Some(python) = python3_plist_as_json(&path) {
            assert_eq!(python, profile, "{file}: plistlib reads something else than this test");
        }
        assert_eq!(profile["PayloadType"], "Configuration", "{file}");
        assert_eq!(profile["PayloadVersion"], 1, "{file}");
        assert_eq!(profile["PayloadScope"], "System", "{file}");
        let payloads = profile["PayloadContent"].as_array().unwrap_or_else(|| panic!("{file}: PayloadContent"));
        for node in std::iter::once(&profile).chain(payloads) {
            for field in ["PayloadIdentifier", "PayloadUUID", "PayloadDisplayName"] {
                assert!(node[field].as_str().is_some_and(|s| !s.is_empty()), "{file}: {field} missing");
            }
            let uuid = node["PayloadUUID"].as_str().unwrap();
            assert!(is_uuid(uuid), "{file}: PayloadUUID {uuid}");
            assert!(uuids.insert(uuid.to_string()), "{file}: PayloadUUID {uuid} is used twice");
        }
        let by_type: BTreeMap<&str, &Value> = payloads.iter().map(|p| (p["PayloadType"].as_str().unwrap(), p)).collect();
        assert_eq!(by_type.len(), payloads.len(), "{file}: two payloads of one type");
        if browser_domain == "org.mozilla.firefox" {
            let firefox = settings_of(by_type[browser_domain]);
            assert_eq!(firefox["EnterprisePoliciesEnabled"], true, "{file}");
            assert_is_example(file, &firefox["3rdparty"]["Extensions"][&gecko]);
            assert_force_installed(file, &firefox["ExtensionSettings"], &gecko, "install_url");
        } else {
            // Chrome and Edge on macOS read an extension's policy from its own preference domain.
            let extension_domain = format!("{browser_domain}.extensions.{id}");
            assert_eq!(
                by_type.keys().copied().collect::<BTreeSet<_>>(),
                BTreeSet::from([browser_domain, extension_domain.as_str()]),
                "{file}"
            );
            assert_is_example(file, &settings_of(by_type[extension_domain.as_str()]));
            let browser = settings_of(by_type[browser_domain]);
            assert_force_installed(file, &browser["ExtensionSettings"], &id, "update_url");
        }
    }
    // Three profiles: Chrome and Edge with two payloads each, Firefox with one. The UUIDs are
    // derived from the identifiers, so regenerating gives the same ones: the drift test compares
    // whole files, UUIDs included.
    assert_eq!(uuids.len(), (1 + 2) + (1 + 2) + (1 + 1));
}

#[test]
fn the_plist_reader_rejects_what_it_should() {
    let head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n<plist version=\"1.0\">";
    let ok = format!(
        "{head}<dict><key>a</key><string>x &amp; y</string><key>b</key><array><integer>3</integer><true/></array></dict></plist>\n"
    );
    assert_eq!(Plist::parse(&ok).unwrap(), serde_json::json!({"a": "x & y", "b": [3, true]}));
    for bad in [
        format!("{head}<dict><key>a</key></dict></plist>"),
        format!("{head}<dict><key>a</key><string>1</string><key>a</key><string>2</string></dict></plist>"),
        format!("{head}<dict><key>a</key><string>x & y</string></dict></plist>"),
        format!("{head}<dict><key>a</key><real>1.5</real></dict></plist>"),
        format!("{head}<dict></plist>"),
    ] {
        assert!(Plist::parse(&bad).is_err(), "accepted: {bad}");
    }
}
