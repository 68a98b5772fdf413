//! Every sentence the core shows a person, in Dutch and English, in one place for review.
//! Messages say what is wrong, why it matters and what to do; they never repeat a full
//! sensitive value.

use crate::lookalike::Likeness;
use crate::policy::{Language, Level};
use crate::verdict::{Field, Rule};

/// Formats the sentence in the reader's language only (`format!` of the Dutch or the English
/// text; the other is never built).
macro_rules! say {
    ($language:expr, $nl:literal, $en:literal $(,)?) => {
        match $language {
            Language::Nl => format!($nl),
            Language::En => format!($en),
        }
    };
}

/// The data a finding's message is written from.
pub enum Message<'a> {
    RetiredDomain { recipient: &'a str, domain: &'a str, replacement: Option<&'a str> },
    RetiredAddress { recipient: &'a str },
    Lookalike { recipient: &'a str, domain: &'a str, resembles: &'a str, likeness: Likeness, punycode: bool },
    InvalidAddress { text: &'a str },
    UnresolvedRecipient { name: &'a str },
    Freemail { recipient: &'a str, domain: &'a str },
    LargeAudience { count: usize, threshold: usize },
    ExternalUnencrypted { what: &'a [Rule], recipients: &'a [String], unresolved: &'a [String], marker: Option<&'a str> },
    Bsn { place: Place<'a>, masked: &'a str, in_context: bool },
    SpecialCategory { place: Place<'a>, category: &'a str, term: &'a str, who: Option<&'a str> },
    CustomPattern { place: Place<'a>, label: &'a str, masked: &'a str },
    Iban { place: Place<'a>, masked: &'a str },
    DateOfBirth { place: Place<'a>, masked: &'a str },
    PhoneNumber { place: Place<'a>, masked: &'a str },
    PostcodeAddress { place: Place<'a>, masked: &'a str, at_home: bool },
    IdDocument { place: Place<'a>, masked: &'a str },
    SensitiveAttachment { name: &'a str, term: &'a str },
    UnreadableAttachment { name: &'a str, reason: &'a str, partly: bool },
}

/// Where a content finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place<'a> {
    /// A field of the compose window (for attachments: the file's name).
    Field(Field),
    /// The text inside the attachment `name`, on `page` of a PDF.
    Inside { name: &'a str, page: Option<usize> },
}

/// Where a content finding is, as the start of a sentence.
fn place_name(place: Place, language: Language) -> String {
    match place {
        Place::Field(field) => field_name(field, language).to_string(),
        Place::Inside { name, page: Some(page) } => {
            say!(language, "Pagina {page} van de bijlage {name}", "Page {page} of the attachment {name}")
        }
        Place::Inside { name, page: None } => say!(language, "De bijlage {name}", "The attachment {name}"),
    }
}

/// The part of the message a content finding is in, as the start of a sentence.
fn field_name(field: Field, language: Language) -> &'static str {
    match field {
        Field::Subject => language.pick("Het onderwerp", "The subject"),
        Field::Body => language.pick("De tekst", "The text"),
        Field::Attachments => language.pick("De naam van een bijlage", "An attachment's name"),
        Field::To => language.pick("Aan", "To"),
        Field::Cc => "Cc",
        Field::Bcc => "Bcc",
    }
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

/// A recipient whose address could not be read, by name: 'Marieke de Boer', or "a recipient".
fn unresolved_who(name: &str, language: Language) -> String {
    if name.is_empty() {
        language.pick("een ontvanger", "a recipient").to_string()
    } else {
        format!("'{name}'")
    }
}

/// The most recipients a sentence names; the rest are counted ("a, b, c en 19 anderen").
const NAMED_RECIPIENTS: usize = 3;

/// Lists recipients, naming at most [`NAMED_RECIPIENTS`] of them.
fn recipient_list(recipients: &[String], language: Language) -> String {
    if recipients.len() <= NAMED_RECIPIENTS + 1 {
        return list(recipients, language);
    }
    let named = recipients[..NAMED_RECIPIENTS].join(", ");
    let others = recipients.len() - NAMED_RECIPIENTS;
    say!(language, "{named} en {others} anderen", "{named} and {others} others")
}

impl Message<'_> {
    pub fn render(&self, language: Language) -> String {
        let l = language;
        match *self {
            Message::RetiredDomain { recipient, domain, replacement } => {
                let what = say!(
                    l,
                    "{recipient} is een adres op {domain}, een domein dat niet meer van de organisatie is. Wie dat domein nu bezit, kan deze mail lezen.",
                    "{recipient} is an address at {domain}, a domain the organisation no longer owns. Whoever owns it now can read this mail."
                );
                let todo = match replacement {
                    Some(new) => say!(
                        l,
                        "Gebruik {new}.",
                        "Use {new} instead."
                    ),
                    None => l.pick("Verwijder deze ontvanger en zoek het actuele adres op.", "Remove this recipient and look up the current address.").to_string(),
                };
                format!("{what} {todo}")
            }
            Message::RetiredAddress { recipient } => say!(
                l,
                "{recipient} is een adres dat niet meer in gebruik is (bijvoorbeeld van een oud-collega). De mail komt niet aan bij wie u bedoelt. Verwijder deze ontvanger en kies het juiste adres.",
                "{recipient} is an address that is no longer in use (for example a former colleague's). The mail will not reach the person you mean. Remove this recipient and choose the right address."
            ),
            Message::Lookalike { recipient, domain, resembles, likeness, punycode } => {
                let how = match likeness {
                    Likeness::Homoglyph => l.pick("met tekens die op elkaar lijken", "using characters that look alike"),
                    Likeness::OtherTld => l.pick("met een andere extensie", "with another ending"),
                    Likeness::Hyphen => l.pick("met een streepje meer of minder", "with a hyphen more or less"),
                    Likeness::Typo => l.pick("met één letter anders", "with one letter different"),
                };
                let written = if punycode {
                    say!(
                        l,
                        " (technisch geschreven als {domain})",
                        " (technically written as {domain})"
                    )
                } else {
                    String::new()
                };
                say!(
                    l,
                    "Het domein van {recipient}{written} lijkt op {resembles}, {how}, maar is het niet. Mail aan een verkeerd domein komt bij een vreemde terecht. Controleer het adres.",
                    "The domain of {recipient}{written} looks like {resembles}, {how}, but is not the same. Mail to a wrong domain ends up with a stranger. Check the address."
                )
            }
            Message::InvalidAddress { text } => say!(
                l,
                "'{text}' is geen geldig e-mailadres. Controleer de spelling van deze ontvanger.",
                "'{text}' is not a valid e-mail address. Check how this recipient is spelled."
            ),
            Message::UnresolvedRecipient { name } => {
                let who = unresolved_who(name, l);
                say!(
                    l,
                    "Het adres van {who} kon niet worden gecontroleerd: open de ontvanger en controleer het domein voordat u verstuurt. Een oud of verkeerd adres valt anders niet op.",
                    "The address of {who} could not be checked: open the recipient and check the domain before you send. Otherwise an old or wrong address goes unnoticed."
                )
            }
            Message::Freemail { recipient, domain } => say!(
                l,
                "{recipient} is een privé-mailadres ({domain}). Stuur cliëntgegevens niet onversleuteld naar privé-adressen.",
                "{recipient} is a personal mail address ({domain}). Do not send client data unencrypted to personal addresses."
            ),
            Message::LargeAudience { count, threshold } => say!(
                l,
                "Dit bericht gaat naar {count} ontvangers in Aan en Cc (meer dan {threshold}). Controleer of iedereen het mag lezen, en zet grote groepen in Bcc.",
                "This message goes to {count} recipients in To and Cc (more than {threshold}). Check that everyone may read it, and put large groups in Bcc."
            ),
            Message::ExternalUnencrypted { what, recipients, unresolved, marker } => {
                let found: Vec<String> = what.iter().map(|rule| what_sensitive(*rule, l).to_string()).collect();
                let who = recipient_list(recipients, l);
                // `recipients` are outside addresses as typed; `unresolved` the names of recipients
                // whose address could not be read, who may be outside too.
                let names: Vec<String> = unresolved.iter().map(|name| unresolved_who(name, l)).collect();
                let names = recipient_list(&names, l);
                let whither = match (recipients.is_empty(), unresolved.is_empty()) {
                    (_, true) => say!(l, "naar buiten de organisatie ({who})", "outside the organisation ({who})"),
                    (true, false) => say!(
                        l,
                        "naar {names}, van wie het adres niet kon worden gecontroleerd en dus buiten de organisatie kan zijn",
                        "to {names}, whose address could not be checked and may be outside the organisation"
                    ),
                    (false, false) => say!(
                        l,
                        "naar buiten de organisatie ({who}) en naar {names}, van wie het adres niet kon worden gecontroleerd",
                        "outside the organisation ({who}) and to {names}, whose address could not be checked"
                    ),
                };
                let todo = match marker {
                    Some(marker) => say!(
                        l,
                        "Zet {marker} in het onderwerp zodat het bericht versleuteld wordt verzonden, of haal de gevoelige gegevens weg.",
                        "Put {marker} in the subject so the message is sent encrypted, or remove the sensitive data."
                    ),
                    None => l.pick("Verstuur het via een beveiligde weg, of haal de gevoelige gegevens weg.", "Send it through a secure channel, or remove the sensitive data.").to_string(),
                };
                let found = list(&found, l);
                say!(
                    l,
                    "Dit bericht bevat {found} en gaat onversleuteld {whither}. Onderweg en bij de ontvanger kan iemand anders het lezen. {todo}",
                    "This message contains {found} and goes unencrypted {whither}. On the way and at the recipient's end someone else can read it. {todo}"
                )
            }
            Message::Bsn { place, masked, in_context } => {
                let place = place_name(place, l);
                if in_context {
                    say!(
                        l,
                        "{place} bevat een burgerservicenummer ({masked}). Een BSN hoort alleen versleuteld en alleen als het nodig is in een bericht.",
                        "{place} contains a citizen service number, BSN ({masked}). A BSN belongs in a message only when needed, and only encrypted."
                    )
                } else {
                    say!(
                        l,
                        "{place} bevat een nummer dat een burgerservicenummer kan zijn ({masked}). Controleer of dat zo is.",
                        "{place} contains a number that may be a citizen service number, BSN ({masked}). Check whether it is."
                    )
                }
            }
            Message::SpecialCategory { place, category, term, who } => {
                let place = place_name(place, l);
                match who {
                    Some(who) => say!(
                        l,
                        "{place} bevat gevoelige informatie over {category} ('{term}') van een bepaald persoon ('{who}'). Zulke gegevens gaan alleen versleuteld naar buiten.",
                        "{place} contains sensitive information about {category} ('{term}') concerning a particular person ('{who}'). Such data leaves the organisation only encrypted."
                    ),
                    None => say!(
                        l,
                        "{place} bevat gevoelige informatie over {category} ('{term}'). Zulke gegevens gaan alleen versleuteld naar buiten.",
                        "{place} contains sensitive information about {category} ('{term}'). Such data leaves the organisation only encrypted."
                    ),
                }
            }
            Message::CustomPattern { place, label, masked } => {
                let place = place_name(place, l);
                say!(
                    l,
                    "{place} bevat: {label} ({masked}). De organisatie merkt dit aan als gevoelig.",
                    "{place} contains: {label} ({masked}). The organisation marks this as sensitive."
                )
            }
            Message::Iban { place, masked } => {
                let place = place_name(place, l);
                say!(
                    l,
                    "{place} bevat een rekeningnummer (IBAN {masked}). Is het de rekening van een cliënt, dan is dat een persoonsgegeven.",
                    "{place} contains a bank account number (IBAN {masked}). If it is a client's account, it is personal data."
                )
            }
            Message::DateOfBirth { place, masked } => {
                let place = place_name(place, l);
                say!(
                    l,
                    "{place} bevat een geboortedatum ({masked}). Samen met een naam maakt die iemand herkenbaar; deel hem alleen versleuteld.",
                    "{place} contains a date of birth ({masked}). Together with a name it identifies someone; share it only encrypted."
                )
            }
            Message::PhoneNumber { place, masked } => {
                let place = place_name(place, l);
                say!(
                    l,
                    "{place} bevat een telefoonnummer ({masked}). Is het het nummer van een cliënt, deel het dan alleen versleuteld.",
                    "{place} contains a phone number ({masked}). If it is a client's number, share it only encrypted."
                )
            }
            Message::PostcodeAddress { place, masked, at_home } => {
                let place = place_name(place, l);
                if at_home {
                    say!(
                        l,
                        "{place} bevat een woonadres ({masked}). Waar iemand woont is een persoonsgegeven; deel het alleen versleuteld.",
                        "{place} contains a home address ({masked}). Where someone lives is personal data; share it only encrypted."
                    )
                } else {
                    say!(
                        l,
                        "{place} bevat een adres met postcode ({masked}). Is het het woonadres van een cliënt, deel het dan alleen versleuteld.",
                        "{place} contains an address with a postcode ({masked}). If it is where a client lives, share it only encrypted."
                    )
                }
            }
            Message::IdDocument { place, masked } => {
                let place = place_name(place, l);
                say!(
                    l,
                    "{place} bevat het nummer van een identiteitsbewijs ({masked}). Daarmee kan iemand zich voor een ander uitgeven; stuur het alleen versleuteld en alleen als het echt nodig is.",
                    "{place} contains an identity-document number ({masked}). It can be used to impersonate someone; send it only encrypted and only when really needed."
                )
            }
            Message::SensitiveAttachment { name, term } => say!(
                l,
                "De bijlage '{name}' lijkt een dossierstuk ('{term}'). Dossierstukken gaan alleen versleuteld naar buiten de organisatie.",
                "The attachment '{name}' looks like a case file ('{term}'). Case files leave the organisation only encrypted."
            ),
            Message::UnreadableAttachment { name, reason, partly } => {
                let why = UNREADABLE.iter().find(|(id, ..)| *id == reason).map_or(
                    l.pick("het lezen lukte niet", "reading it failed"),
                    |(_, nl, en)| l.pick(nl, en),
                );
                let how = match partly {
                    true => l.pick("maar voor een deel", "could check only part of"),
                    false => l.pick("niet", "could not check"),
                };
                say!(
                    l,
                    "De inhoud van de bijlage {name} is {how} gecontroleerd: {why}. Kijk zelf of er gevoelige gegevens in staan voordat u verzendt.",
                    "zorgvuldig {how} what is inside the attachment {name}: {why}. Look for sensitive data in it yourself before you send."
                )
            }
        }
    }
}

/// Why an attachment could not be read, by the reason ids of the snapshot (`unreadable`).
const UNREADABLE: [(&str, &str, &str); 6] = [
    ("encrypted", "het is met een wachtwoord beveiligd", "it is protected with a password"),
    ("no-text", "het bevat geen tekst om te lezen (een scan of foto?)", "it holds no text to read (a scan or a photo?)"),
    ("damaged", "het bestand is beschadigd of onvolledig", "the file is damaged or incomplete"),
    ("unsupported", "dit soort bestand kan zorgvuldig niet lezen", "it is a kind of file zorgvuldig cannot read"),
    ("too-large", "het is te groot of te diep ingepakt om te lezen", "it is too large or packed too deep to read"),
    (
        "not-seen",
        "zorgvuldig zag het niet toevoegen (doorgestuurd of al op de server)",
        "it was not seen being added (forwarded, or already on the server)",
    ),
];

/// A short name for what a rule found, for a warning's one-line title.
pub fn rule_title(rule: Rule, language: Language) -> &'static str {
    let l = language;
    match rule {
        Rule::RetiredDomain => l.pick("ontvanger op een domein dat niet meer van ons is", "recipient at a domain we no longer own"),
        Rule::RetiredAddress => l.pick("ontvanger met een adres dat niet meer in gebruik is", "recipient address no longer in use"),
        Rule::LookalikeDomain => l.pick("ontvanger op een domein dat op het onze lijkt", "recipient at a look-alike domain"),
        Rule::InvalidAddress => l.pick("ongeldig e-mailadres", "invalid e-mail address"),
        Rule::UnresolvedRecipient => l.pick("adres van een ontvanger niet na te gaan", "a recipient's address cannot be verified"),
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
        Rule::UnreadableAttachment => l.pick("bijlage die niet gelezen kon worden", "attachment that could not be read"),
        Rule::CustomPattern => l.pick("gevoelige gegevens in het bericht", "sensitive data in the message"),
    }
}

/// The verdict's one-line summary, from its strongest finding.
pub fn summary(strongest: Option<(Rule, Level)>, others: usize, language: Language) -> String {
    let l = language;
    let more = match others {
        0 => String::new(),
        1 => l.pick(" (en 1 ander punt)", " (and 1 other point)").to_string(),
        n => say!(l, " (en {n} andere punten)", " (and {n} other points)"),
    };
    match strongest {
        None => l.pick("Geen problemen gevonden", "No problems found").to_string(),
        Some((rule, Level::Block)) => format!("{}: {}{more}", l.pick("Niet verzenden", "Do not send"), rule_title(rule, l)),
        Some((rule, Level::Warn)) => {
            format!("{}: {}{more}", l.pick("Controleer vóór verzenden", "Check before sending"), rule_title(rule, l))
        }
        Some((rule, _)) => format!("{}: {}{more}", l.pick("Ter informatie", "For your information"), rule_title(rule, l)),
    }
}

/// Button text for a fix.
pub fn fix_label_replace(replacement: &str, language: Language) -> String {
    say!(language, "Vervang door {replacement}", "Replace with {replacement}")
}

pub fn fix_label_remove(recipient: &str, language: Language) -> String {
    say!(language, "Verwijder {recipient}", "Remove {recipient}")
}

pub fn fix_label_marker(marker: &str, language: Language) -> String {
    say!(language, "Zet {marker} in het onderwerp", "Add {marker} to the subject")
}
