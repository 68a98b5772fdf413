//! Every sentence the core shows a person, in Dutch and English, in one place for review.
//! Messages say what is wrong, why it matters and what to do; they never repeat a full
//! sensitive value.

use crate::lookalike::Likeness;
use crate::policy::{Language, Level};
use crate::verdict::{Field, Rule};

/// The data a finding's message is written from.
pub enum Message<'a> {
    RetiredDomain { recipient: &'a str, domain: &'a str, replacement: Option<&'a str> },
    RetiredAddress { recipient: &'a str },
    Lookalike { recipient: &'a str, domain: &'a str, resembles: &'a str, likeness: Likeness, punycode: bool },
    InvalidAddress { text: &'a str },
    Freemail { recipient: &'a str, domain: &'a str },
    LargeAudience { count: usize, threshold: usize },
    ExternalUnencrypted { what: &'a [Rule], recipients: &'a [String], marker: Option<&'a str> },
    Bsn { field: Field, masked: &'a str, in_context: bool },
    SpecialCategory { field: Field, category: &'a str, term: &'a str },
    CustomPattern { field: Field, label: &'a str, masked: &'a str },
    Iban { field: Field, masked: &'a str },
    DateOfBirth { field: Field, masked: &'a str },
    PhoneNumber { field: Field, masked: &'a str },
    PostcodeAddress { field: Field, masked: &'a str, at_home: bool },
    IdDocument { field: Field, masked: &'a str },
    SensitiveAttachment { name: &'a str, term: &'a str },
}

fn field_name(field: Field, language: Language) -> &'static str {
    match field {
        Field::Subject => language.pick("het onderwerp", "the subject"),
        Field::Body => language.pick("de tekst", "the text"),
        Field::Attachments => language.pick("de naam van een bijlage", "an attachment's name"),
        Field::To => language.pick("Aan", "To"),
        Field::Cc => "Cc",
        Field::Bcc => "Bcc",
    }
}

/// Capitalises the first letter, for a field name at the start of a sentence.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn what_sensitive(rule: Rule, language: Language) -> &'static str {
    match rule {
        Rule::Bsn => language.pick("een burgerservicenummer", "a citizen service number (BSN)"),
        Rule::SpecialCategory => language.pick("bijzondere persoonsgegevens", "special-category personal data"),
        Rule::DateOfBirth => language.pick("een geboortedatum", "a date of birth"),
        Rule::IdDocument => language.pick("het nummer van een identiteitsbewijs", "an identity-document number"),
        Rule::SensitiveAttachment => language.pick("een bijlage die een dossierstuk lijkt", "an attachment that looks like a case file"),
        Rule::PostcodeAddress => language.pick("een woonadres", "a home address"),
        Rule::Iban => language.pick("een rekeningnummer", "a bank account number"),
        Rule::PhoneNumber => language.pick("een telefoonnummer", "a phone number"),
        _ => language.pick("gegevens die de organisatie als gevoelig aanmerkt", "data the organisation marks as sensitive"),
    }
}

/// Lists items as "a, b en c" / "a, b and c".
fn list(items: &[String], language: Language) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {} {}", init.join(", "), language.pick("en", "and"), last),
    }
}

impl Message<'_> {
    pub fn render(&self, language: Language) -> String {
        let l = language;
        match *self {
            Message::RetiredDomain { recipient, domain, replacement } => {
                let what = l.pick(
                    format!("{recipient} is een adres op {domain}, een domein dat niet meer van de organisatie is. Wie dat domein nu bezit, kan deze mail lezen."),
                    format!("{recipient} is an address at {domain}, a domain the organisation no longer owns. Whoever owns it now can read this mail."),
                );
                let todo = match replacement {
                    Some(new) => l.pick(format!("Gebruik {new}."), format!("Use {new} instead.")),
                    None => l.pick(
                        "Verwijder deze ontvanger en zoek het actuele adres op.".to_string(),
                        "Remove this recipient and look up the current address.".to_string(),
                    ),
                };
                format!("{what} {todo}")
            }
            Message::RetiredAddress { recipient } => l.pick(
                format!("{recipient} is een adres dat niet meer in gebruik is (bijvoorbeeld van een oud-collega). De mail komt niet aan bij wie u bedoelt. Verwijder deze ontvanger en kies het juiste adres."),
                format!("{recipient} is an address that is no longer in use (for example a former colleague's). The mail will not reach the person you mean. Remove this recipient and choose the right address."),
            ),
            Message::Lookalike { recipient, domain, resembles, likeness, punycode } => {
                let how = match likeness {
                    Likeness::Homoglyph => l.pick("met tekens die op elkaar lijken", "using characters that look alike"),
                    Likeness::OtherTld => l.pick("met een andere extensie", "with another ending"),
                    Likeness::Hyphen => l.pick("met een streepje meer of minder", "with a hyphen more or less"),
                    Likeness::Typo => l.pick("met één letter anders", "with one letter different"),
                };
                let written = if punycode {
                    l.pick(format!(" (technisch geschreven als {domain})"), format!(" (technically written as {domain})"))
                } else {
                    String::new()
                };
                l.pick(
                    format!("Het domein van {recipient}{written} lijkt op {resembles}, {how}, maar is het niet. Mail aan een verkeerd domein komt bij een vreemde terecht. Controleer het adres."),
                    format!("The domain of {recipient}{written} looks like {resembles}, {how}, but is not the same. Mail to a wrong domain ends up with a stranger. Check the address."),
                )
            }
            Message::InvalidAddress { text } => l.pick(
                format!("'{text}' is geen geldig e-mailadres. Controleer de spelling van deze ontvanger."),
                format!("'{text}' is not a valid e-mail address. Check how this recipient is spelled."),
            ),
            Message::Freemail { recipient, domain } => l.pick(
                format!("{recipient} is een privé-mailadres ({domain}). Stuur cliëntgegevens niet onversleuteld naar privé-adressen."),
                format!("{recipient} is a personal mail address ({domain}). Do not send client data unencrypted to personal addresses."),
            ),
            Message::LargeAudience { count, threshold } => l.pick(
                format!("Dit bericht gaat naar {count} ontvangers in Aan en Cc (meer dan {threshold}). Controleer of iedereen het mag lezen, en zet grote groepen in Bcc."),
                format!("This message goes to {count} recipients in To and Cc (more than {threshold}). Check that everyone may read it, and put large groups in Bcc."),
            ),
            Message::ExternalUnencrypted { what, recipients, marker } => {
                let found: Vec<String> = what.iter().map(|rule| what_sensitive(*rule, l).to_string()).collect();
                let who = list(recipients, l);
                let todo = match marker {
                    Some(marker) => l.pick(
                        format!("Zet {marker} in het onderwerp zodat het bericht versleuteld wordt verzonden, of haal de gevoelige gegevens weg."),
                        format!("Put {marker} in the subject so the message is sent encrypted, or remove the sensitive data."),
                    ),
                    None => l.pick(
                        "Verstuur het via een beveiligde weg, of haal de gevoelige gegevens weg.".to_string(),
                        "Send it through a secure channel, or remove the sensitive data.".to_string(),
                    ),
                };
                l.pick(
                    format!("Dit bericht bevat {} en gaat onversleuteld naar buiten de organisatie ({who}). Onderweg en bij de ontvanger kan iemand anders het lezen. {todo}", list(&found, l)),
                    format!("This message contains {} and goes unencrypted outside the organisation ({who}). On the way and at the recipient's end someone else can read it. {todo}", list(&found, l)),
                )
            }
            Message::Bsn { field, masked, in_context } => {
                let place = capitalised(field_name(field, l));
                if in_context {
                    l.pick(
                        format!("{place} bevat een burgerservicenummer ({masked}). Een BSN hoort alleen versleuteld en alleen als het nodig is in een bericht."),
                        format!("{place} contains a citizen service number, BSN ({masked}). A BSN belongs in a message only when needed, and only encrypted."),
                    )
                } else {
                    l.pick(
                        format!("{place} bevat een nummer dat een burgerservicenummer kan zijn ({masked}). Controleer of dat zo is."),
                        format!("{place} contains a number that may be a citizen service number, BSN ({masked}). Check whether it is."),
                    )
                }
            }
            Message::SpecialCategory { field, category, term } => {
                let place = capitalised(field_name(field, l));
                l.pick(
                    format!("{place} bevat gevoelige informatie over {category} ('{term}'). Zulke gegevens gaan alleen versleuteld naar buiten."),
                    format!("{place} contains sensitive information about {category} ('{term}'). Such data leaves the organisation only encrypted."),
                )
            }
            Message::CustomPattern { field, label, masked } => {
                let place = capitalised(field_name(field, l));
                l.pick(
                    format!("{place} bevat: {label} ({masked}). De organisatie merkt dit aan als gevoelig."),
                    format!("{place} contains: {label} ({masked}). The organisation marks this as sensitive."),
                )
            }
            Message::Iban { field, masked } => {
                let place = capitalised(field_name(field, l));
                l.pick(
                    format!("{place} bevat een rekeningnummer (IBAN {masked}). Is het de rekening van een cliënt, dan is dat een persoonsgegeven."),
                    format!("{place} contains a bank account number (IBAN {masked}). If it is a client's account, it is personal data."),
                )
            }
            Message::DateOfBirth { field, masked } => {
                let place = capitalised(field_name(field, l));
                l.pick(
                    format!("{place} bevat een geboortedatum ({masked}). Samen met een naam maakt die iemand herkenbaar; deel hem alleen versleuteld."),
                    format!("{place} contains a date of birth ({masked}). Together with a name it identifies someone; share it only encrypted."),
                )
            }
            Message::PhoneNumber { field, masked } => {
                let place = capitalised(field_name(field, l));
                l.pick(
                    format!("{place} bevat een telefoonnummer ({masked}). Is het het nummer van een cliënt, deel het dan alleen versleuteld."),
                    format!("{place} contains a phone number ({masked}). If it is a client's number, share it only encrypted."),
                )
            }
            Message::PostcodeAddress { field, masked, at_home } => {
                let place = capitalised(field_name(field, l));
                if at_home {
                    l.pick(
                        format!("{place} bevat een woonadres ({masked}). Waar iemand woont is een persoonsgegeven; deel het alleen versleuteld."),
                        format!("{place} contains a home address ({masked}). Where someone lives is personal data; share it only encrypted."),
                    )
                } else {
                    l.pick(
                        format!("{place} bevat een adres met postcode ({masked}). Is het het woonadres van een cliënt, deel het dan alleen versleuteld."),
                        format!("{place} contains an address with a postcode ({masked}). If it is where a client lives, share it only encrypted."),
                    )
                }
            }
            Message::IdDocument { field, masked } => {
                let place = capitalised(field_name(field, l));
                l.pick(
                    format!("{place} bevat het nummer van een identiteitsbewijs ({masked}). Daarmee kan iemand zich voor een ander uitgeven; stuur het alleen versleuteld en alleen als het echt nodig is."),
                    format!("{place} contains an identity-document number ({masked}). It can be used to impersonate someone; send it only encrypted and only when really needed."),
                )
            }
            Message::SensitiveAttachment { name, term } => l.pick(
                format!("De bijlage '{name}' lijkt een dossierstuk ('{term}'). Dossierstukken gaan alleen versleuteld naar buiten de organisatie."),
                format!("The attachment '{name}' looks like a case file ('{term}'). Case files leave the organisation only encrypted."),
            ),
        }
    }
}

/// A short name for what a rule found, for a warning's one-line title.
pub fn rule_title(rule: Rule, language: Language) -> &'static str {
    let l = language;
    match rule {
        Rule::RetiredDomain => l.pick("ontvanger op een domein dat niet meer van ons is", "recipient at a domain we no longer own"),
        Rule::RetiredAddress => l.pick("ontvanger met een adres dat niet meer in gebruik is", "recipient address no longer in use"),
        Rule::LookalikeDomain => l.pick("ontvanger op een domein dat op het onze lijkt", "recipient at a look-alike domain"),
        Rule::InvalidAddress => l.pick("ongeldig e-mailadres", "invalid e-mail address"),
        Rule::ExternalUnencrypted => l.pick("gevoelige gegevens gaan onversleuteld naar buiten", "sensitive data leaving unencrypted"),
        Rule::FreemailRecipient => l.pick("ontvanger met een privé-mailadres", "recipient with a personal mail address"),
        Rule::LargeAudience => l.pick("erg veel ontvangers", "very many recipients"),
        Rule::Bsn => l.pick("burgerservicenummer in het bericht", "citizen service number in the message"),
        Rule::SpecialCategory => l.pick("bijzondere persoonsgegevens in het bericht", "special-category data in the message"),
        Rule::Iban => l.pick("rekeningnummer in het bericht", "bank account number in the message"),
        Rule::DateOfBirth => l.pick("geboortedatum in het bericht", "date of birth in the message"),
        Rule::PhoneNumber => l.pick("telefoonnummer in het bericht", "phone number in the message"),
        Rule::PostcodeAddress => l.pick("adres in het bericht", "address in the message"),
        Rule::IdDocument => l.pick("nummer van een identiteitsbewijs in het bericht", "identity-document number in the message"),
        Rule::SensitiveAttachment => l.pick("bijlage die een dossierstuk lijkt", "attachment that looks like a case file"),
        Rule::CustomPattern => l.pick("gevoelige gegevens in het bericht", "sensitive data in the message"),
    }
}

/// The verdict's one-line summary, from its strongest finding.
pub fn summary(strongest: Option<(Rule, Level)>, others: usize, language: Language) -> String {
    let l = language;
    let more = match others {
        0 => String::new(),
        1 => l.pick(" (en 1 ander punt)".to_string(), " (and 1 other point)".to_string()),
        n => l.pick(format!(" (en {n} andere punten)"), format!(" (and {n} other points)")),
    };
    match strongest {
        None => l.pick("Geen problemen gevonden", "No problems found").to_string(),
        Some((rule, Level::Block)) => format!("{}: {}{more}", l.pick("Niet verzenden", "Do not send"), rule_title(rule, l)),
        Some((rule, Level::Warn)) => format!("{}: {}{more}", l.pick("Controleer vóór verzenden", "Check before sending"), rule_title(rule, l)),
        Some((rule, _)) => format!("{}: {}{more}", l.pick("Ter informatie", "For your information"), rule_title(rule, l)),
    }
}

/// Button text for a fix.
pub fn fix_label_replace(replacement: &str, language: Language) -> String {
    language.pick(format!("Vervang door {replacement}"), format!("Replace with {replacement}"))
}

pub fn fix_label_remove(recipient: &str, language: Language) -> String {
    language.pick(format!("Verwijder {recipient}"), format!("Remove {recipient}"))
}

pub fn fix_label_marker(marker: &str, language: Language) -> String {
    language.pick(format!("Zet {marker} in het onderwerp"), format!("Add {marker} to the subject"))
}
