// The add-in's own texts around the core's messages, Dutch and English. Outlook shows them in its
// Smart Alerts dialog, whose title (the add-in's name) and Don't Send button Outlook writes itself.

const strings = {
  nl: {
    blockedNote: "Dit bericht is niet verzonden. Zo kan het niet weg: pas het aan en verstuur het opnieuw.",
    warnNote: "Kijk dit na. Klopt alles toch, dan kunt u het bericht alsnog verzenden.",
    heldNote: "Dit bericht is niet verzonden. Uw organisatie laat het zo niet verzenden: pas het aan en verstuur het opnieuw.",
    more: (n) => (n === 1 ? "En nog 1 punt." : `En nog ${n} punten.`),
    takeAction: (label) => `De knop ‘${label}’ past het bericht voor u aan.`,
    fixLabels: {
      "replace-recipient": "Adres vervangen",
      "remove-recipient": "Adres weghalen",
      "add-subject-marker": "Versleutelen",
      several: "Alles herstellen",
    },
    failTitle: "De controle kon niet worden uitgevoerd.",
    failParts: {
      to: "de ontvangers",
      cc: "de ontvangers",
      bcc: "de ontvangers",
      subject: "het onderwerp",
      body: "de tekst",
      attachments: "de bijlagen",
    },
    failPart: (part) => `zorgvuldig kon ${part} van dit bericht niet lezen.`,
    failCore: "zorgvuldig kon niet starten.",
    failAsk: "Verstuur het bericht alleen als u zeker weet dat de ontvangers en de inhoud kloppen.",
    failBlocked:
      "Uw organisatie laat niet verzenden zonder controle. Probeer het over een moment opnieuw; lukt het dan nog niet, neem contact op met de servicedesk.",
    fixFailed: "zorgvuldig kon het bericht niet aanpassen. Pas het zelf aan en verstuur het opnieuw.",
  },
  en: {
    blockedNote: "This message has not been sent. It cannot go like this: change it and send it again.",
    warnNote: "Check this. If everything is right, you can still send the message.",
    heldNote: "This message has not been sent. Your organisation does not let it go like this: change it and send it again.",
    more: (n) => (n === 1 ? "And 1 more point." : `And ${n} more points.`),
    takeAction: (label) => `The button ‘${label}’ changes the message for you.`,
    fixLabels: {
      "replace-recipient": "Use new address",
      "remove-recipient": "Remove address",
      "add-subject-marker": "Encrypt",
      several: "Fix all",
    },
    failTitle: "The check could not run.",
    failParts: {
      to: "the recipients",
      cc: "the recipients",
      bcc: "the recipients",
      subject: "the subject",
      body: "the text",
      attachments: "the attachments",
    },
    failPart: (part) => `zorgvuldig could not read ${part} of this message.`,
    failCore: "zorgvuldig could not start.",
    failAsk: "Send the message only if you are sure the recipients and the content are right.",
    failBlocked:
      "Your organisation does not allow sending without the check. Try again in a moment; if it still fails, contact the service desk.",
    fixFailed: "zorgvuldig could not change the message. Change it yourself and send it again.",
  },
};

/** The texts for a language code ("nl", "en", "en-GB", ...); Dutch by default. */
export function texts(language) {
  return String(language ?? "")
    .toLowerCase()
    .startsWith("en")
    ? strings.en
    : strings.nl;
}
