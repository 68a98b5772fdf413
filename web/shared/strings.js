// Texts of the warning and the indicator, Dutch and English, and which of the two a language tag
// gets. Shared by the extension's content scripts, its options page and background (which imports
// it for `languageOf`), and the demo page (web/demo/); each loads it as a plain script.
(function (root) {
  const strings = {
    nl: {
      back: "Terug naar bericht",
      sendAnyway: "Toch verzenden",
      sendNow: "Verzenden",
      justificationLabel: "Waarom verstuurt u dit toch? (verplicht)",
      justificationHint: "Schrijf in een paar woorden waarom dit nodig is. Dit komt in het logboek, de inhoud van het bericht niet.",
      blockedNote: "Dit bericht is niet verzonden. Zo kan het niet weg: pas het aan en probeer het opnieuw.",
      warnNote: "Dit bericht is nog niet verzonden. Kijk de punten hieronder na.",
      fixedNote: "Alles is opgelost. U kunt het bericht nu verzenden.",
      moreInfo: "Ook gevonden, ter informatie",
      failTitle: "De controle kon niet worden uitgevoerd",
      failNote: "zorgvuldig kon dit bericht niet controleren. Verstuur het alleen als u zeker weet dat de ontvangers en de inhoud kloppen.",
      failBlockedNote: "Dit bericht is niet verzonden. Uw organisatie laat niet verzenden zonder controle.",
      failCore:
        "De controle kon niet starten. Probeer het over een moment opnieuw; lukt het dan nog niet, neem contact op met de servicedesk.",
      failNoRecipients:
        "zorgvuldig ziet in dit bericht geen ontvanger die het kan controleren. Nog geen ontvanger ingevuld? Ga terug en vul er een in. Staat er wel een ontvanger, meld dit dan bij de servicedesk en controleer tot dan zelf het adres.",
      failUnguarded:
        "zorgvuldig kon in dit berichtvenster niet alles vinden wat het moet controleren: de ontvangers, de tekst of de knop Verzenden. Meld dit bij de servicedesk; tot dan controleert u zelf de ontvangers en de inhoud.",
      failContext:
        "zorgvuldig is bijgewerkt of opnieuw gestart terwijl dit bericht open stond. Sla het bericht op als concept en laad de pagina daarna opnieuw; dan werkt de controle weer.",
      failDraftSafe: "Uw bericht is niet gewijzigd en staat nog klaar.",
      goneTitle: "Het bericht is niet verzonden",
      goneNote:
        "Het berichtvenster of de knop Verzenden is verdwenen voordat het bericht weg kon. Er is niets verzonden. Open het bericht (of het concept) opnieuw en klik nog een keer op Verzenden.",
      where: { to: "Aan", cc: "Cc", bcc: "Bcc", subject: "Onderwerp", body: "Tekst", attachments: "Bijlage" },
      inAttachment: (name, page) => `In de bijlage '${name}'${page ? ` (pagina ${page})` : ""}`,
      levels: { block: "Blokkeert", warn: "Let op", info: "Ter informatie" },
      indicator: {
        protected: "zorgvuldig: beschermd",
        checking: "zorgvuldig: controleert…",
        reading: "zorgvuldig: leest de bijlage…",
        issues: (n) => (n === 1 ? "zorgvuldig: 1 aandachtspunt" : `zorgvuldig: ${n} aandachtspunten`),
        inactive: "zorgvuldig: niet actief op deze pagina",
        inactiveCore: "zorgvuldig: niet actief – de controle kan niet starten",
        inactiveContext: "zorgvuldig: niet actief – sla uw concept op en laad de pagina opnieuw",
        // Short reasons next to a risky recipient while typing (the dialog gives the full text).
        rules: {
          "retired-domain": "dit domein is niet meer van de organisatie",
          "retired-address": "dit adres is niet meer in gebruik",
          "lookalike-domain": "dit domein lijkt op een bekend domein, maar is het niet",
          "invalid-address": "geen geldig e-mailadres",
          "unresolved-recipient": "adres niet te controleren",
          "external-unencrypted": "gevoelige gegevens gaan onversleuteld naar buiten",
          "external-unencrypted-possibly": "gevoelige gegevens gaan misschien onversleuteld naar buiten",
          "freemail-recipient": "een privé-mailadres",
        },
        useInstead: (address) => `gebruik ${address}`,
        more: (n) => `en nog ${n}`,
      },
    },
    en: {
      back: "Back to message",
      sendAnyway: "Send anyway",
      sendNow: "Send",
      justificationLabel: "Why are you sending this anyway? (required)",
      justificationHint: "Say in a few words why this is needed. This goes into the log; the message itself does not.",
      blockedNote: "This message has not been sent. It cannot go like this: change it and try again.",
      warnNote: "This message has not been sent yet. Check the points below.",
      fixedNote: "Everything is fixed. You can send the message now.",
      moreInfo: "Also found, for your information",
      failTitle: "The check could not run",
      failNote: "zorgvuldig could not check this message. Send it only if you are sure the recipients and the content are right.",
      failBlockedNote: "This message has not been sent. Your organisation does not allow sending without the check.",
      failCore: "The check could not start. Try again in a moment; if it still fails, contact the service desk.",
      failNoRecipients:
        "zorgvuldig sees no recipient in this message that it can check. No recipient filled in yet? Go back and add one. If there is a recipient, report this to the service desk and check the address yourself until then.",
      failUnguarded:
        "zorgvuldig could not find everything it has to check in this message window: the recipients, the text or the Send button. Report this to the service desk; until then, check the recipients and the content yourself.",
      failContext:
        "zorgvuldig was updated or restarted while this message was open. Save the message as a draft, then reload the page; the check will work again.",
      failDraftSafe: "Your message has not been changed and is still there.",
      goneTitle: "The message has not been sent",
      goneNote:
        "The message window or its Send button went away before the message could go. Nothing has been sent. Open the message (or the draft) again and click Send once more.",
      where: { to: "To", cc: "Cc", bcc: "Bcc", subject: "Subject", body: "Text", attachments: "Attachment" },
      inAttachment: (name, page) => `In the attachment '${name}'${page ? ` (page ${page})` : ""}`,
      levels: { block: "Blocks", warn: "Check", info: "For information" },
      indicator: {
        protected: "zorgvuldig: protected",
        checking: "zorgvuldig: checking…",
        reading: "zorgvuldig: reading the attachment…",
        issues: (n) => (n === 1 ? "zorgvuldig: 1 point to check" : `zorgvuldig: ${n} points to check`),
        inactive: "zorgvuldig: not active on this page",
        inactiveCore: "zorgvuldig: not active – the check cannot start",
        inactiveContext: "zorgvuldig: not active – save your draft and reload the page",
        rules: {
          "retired-domain": "this domain no longer belongs to the organisation",
          "retired-address": "this address is no longer in use",
          "lookalike-domain": "this domain looks like a known one, but is not",
          "invalid-address": "not a valid e-mail address",
          "unresolved-recipient": "address cannot be checked",
          "external-unencrypted": "sensitive data leaving unencrypted",
          "external-unencrypted-possibly": "sensitive data may be leaving unencrypted",
          "freemail-recipient": "a personal mail address",
        },
        useInstead: (address) => `use ${address}`,
        more: (n) => `and ${n} more`,
      },
    },
  };
  /** The language zorgvuldig speaks for a language tag ("en", "en-GB", "nl-BE", ...): English for
   *  English, Dutch for everything else. */
  function languageOf(tag) {
    return String(tag ?? "")
      .toLowerCase()
      .startsWith("en")
      ? "en"
      : "nl";
  }
  /** The texts for a language tag; Dutch by default. */
  function texts(language) {
    return strings[languageOf(language)];
  }
  root.zorgvuldig = Object.assign(root.zorgvuldig ?? {}, { languageOf, texts });
})(globalThis);
