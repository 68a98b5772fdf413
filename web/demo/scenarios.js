// The training scenarios and the fictional mailbox they play in. Each scenario has a story, a
// goal and feedback in Dutch and English (what would have happened, why it matters, the right
// path), the mail that sets it up, how the mail client starts (a draft in the compose window or a
// message opened in the inbox) and what the check is expected to do when the trainee sends it as
// the goal says (`expect`; an "allow" scenario is one where being quiet is the lesson). The mails
// themselves are Dutch in both languages, as they would be at the organisation.

/** The trainee's own account. */
export const ME = 'Anna de Vries <a.devries@kompasjeugd.nl>';

/**
 * The address book, as the mail client learned it over the years: `uses` orders the suggestions,
 * so an address at the old domain that was used for years comes first. A contact without
 * `address` is one the organisation's address book gives by name only, as Outlook on the web
 * shows a colleague: picking it puts only the name in the field.
 */
export const CONTACTS = [
  { name: 'Marieke de Boer', address: 'm.deboer@bjzkompas.nl', uses: 212 },
  { name: 'Marieke de Boer', address: 'm.deboer@kompasjeugd.nl', uses: 31 },
  { name: 'Jeroen Smit', address: 'j.smit@kompasjeugd.nl', uses: 148 },
  { name: 'Jeroen Smit', address: 'j.smit@bjzkompas.nl', uses: 97 },
  { name: 'Henk Visser', address: 'h.visser@kompasjeugd.nl', uses: 88 },
  { name: 'Hanneke Vos', address: 'h.vos@kompasjeugd.nl', uses: 12 },
  { name: 'Team Noord', address: 'team-noord@kompasjeugd.nl', uses: 64 },
  { name: 'Intake GGZ De Weg', address: 'intake@ggzdeweg.nl', uses: 23 },
  { name: 'Veilig Thuis Regio', address: 'meldingen@veiligthuisregio.nl', uses: 17 },
  { name: 'Mark Dekker (OBS De Brug)', address: 'm.dekker@obsdebrug.nl', uses: 6 },
  { name: 'Sandra Bakker', address: 'sandra.bakker82@hotmail.com', uses: 4 },
  { name: 'Fleur Jansen', uses: 26 },
  { name: 'Fleur Jansen', address: 'f.jansen@kompasjeugd.nl', uses: 3 },
];

/** Lotte's referral to a mental-health service: the same draft, sent unencrypted and encrypted. */
const REFERRAL = {
  subject: 'Aanmelding Lotte',
  body:
    'Beste collega,\n\nGraag melden wij Lotte aan voor behandeling.\nBSN: 111222333, geboren 04-07-2010.\n' +
    'Diagnose: ADHD en een depressie; er zijn zorgen over een eetstoornis.\n\nMet vriendelijke groet,\nAnna de Vries\nJeugdzorg Kompas',
  attachments: [],
};

/** Files the attachment picker offers as "recent files". One is a real file (`file`, written into
 *  web/demo/files/ by `make demo-build`, scripts/build-demo.mjs, from LibreOffice's test documents):
 *  a scanner's name, the report of a home visit inside. The others are known by name only. */
export const DOCUMENTS = [
  { name: 'Verslag huisbezoek fam. Yilmaz.pdf', size: 184320 },
  { name: 'scan_0012.pdf', size: 26154, file: 'files/scan_0012.pdf' },
  { name: 'Overzicht plaatsingen 2026.xlsx', size: 40960 },
  { name: 'Rooster week 48.xlsx', size: 18432 },
  { name: 'Folder oudercursus.pdf', size: 512000 },
];

/** Ordinary mail that is in every inbox, below the scenario's own. */
const EVERYDAY = [
  {
    id: 'rooster',
    from: 'Hanneke Vos <h.vos@kompasjeugd.nl>',
    to: [ME],
    subject: 'Rooster week 48',
    date: 'ma 09:12',
    body: 'Hoi allemaal,\n\nHet rooster voor week 48 staat in de teammap. Wie wil ruilen, meldt het vóór donderdag.\n\nGroet,\nHanneke',
  },
  {
    id: 'nieuwsbrief',
    from: 'Communicatie <nieuws@kompasjeugd.nl>',
    to: [ME],
    subject: 'Nieuwsbrief: de nieuwe werkplekken op de derde verdieping',
    date: 'vr 16:40',
    body: 'Beste collega,\n\nVanaf maandag zijn de nieuwe werkplekken op de derde verdieping klaar. Koffie staat bij de trap.\n\nTeam Communicatie',
  },
];

const network = Array.from({ length: 21 }, (_, i) => {
  const people = [
    'a.jansen@gemeente-rivierstad.nl',
    'p.devries@ggzdeweg.nl',
    'info@jeugdteam-oost.nl',
    'm.bakker@obsdebrug.nl',
    's.kok@huisartsenpraktijkzuid.nl',
    'l.meijer@ggd-regio.nl',
    'r.peters@wijkteam-west.nl',
    'k.mulder@cjg-rivierstad.nl',
    'e.dijkstra@pleegzorgregio.nl',
    'n.bos@jeugdhulp-plus.nl',
    't.smits@gemeente-dalburg.nl',
    'j.hendriks@kinderopvangzon.nl',
    'y.visser@ggzdeweg.nl',
    'i.vandam@welzijnoost.nl',
    'f.bakker@gemeente-rivierstad.nl',
    'g.koster@politie-regio.nl',
    'h.prins@leerplicht-regio.nl',
    'c.wouters@mee-regio.nl',
    'o.desmet@jeugdteam-west.nl',
    'd.peeters@humanitas-regio.nl',
    'w.brouwer@sportkids.nl',
  ];
  return people[i];
});

/** The scenarios, in the order of the training. */
export const SCENARIOS = [
  {
    id: 'case-2019',
    expect: 'block',
    start: {
      compose: {
        subject: 'Overdracht dossier Daan',
        body:
          'Hoi Marieke,\n\nZoals besproken neem jij de zaak van Daan (12) over. Hierbij zijn dossier. ' +
          'Daan is in maart uit huis geplaatst na een melding van huiselijk geweld; hij is in behandeling bij de GGZ.\n\n' +
          'Bel me gerust als je vragen hebt.\n\nGroet,\nAnna',
        attachments: [{ name: 'Dossier Daan KJ-204518.pdf', size: 2310144 }],
      },
    },
    text: {
      nl: {
        title: 'Het dossier naar een collega (zoals in 2019)',
        story:
          'Uw collega Marieke de Boer neemt de zaak van Daan over. Het bericht met zijn dossier staat klaar. U hoeft alleen Marieke nog als ontvanger te kiezen.',
        goal: 'Typ "Marieke" in het veld Aan, kies haar uit de lijst die verschijnt en klik op Verzenden.',
        risk: 'Het adres dat bovenaan de lijst stond, eindigt op bjzkompas.nl. Dat is het oude domein van vóór de naamswijziging. Iemand anders kan dat domein kopen en dan alle mail ontvangen die er nog heen gaat.',
        why: 'Zo ging het in 2019 mis bij de jeugdzorg in Utrecht: wie het oude domein registreerde, kreeg 3.278 dossiers van 2.702 kinderen binnen, omdat er nog mail naartoe ging. Het adresboek onthoudt oude adressen jarenlang.',
        right: 'Kies het adres op kompasjeugd.nl. Kijk bij elke ontvanger naar wat er achter de @ staat, niet alleen naar de naam.',
      },
      en: {
        title: 'The case file to a colleague (as in 2019)',
        story:
          'Your colleague Marieke de Boer takes over the case of Daan. The message with his case file is ready. You only need to pick Marieke as the recipient.',
        goal: 'Type "Marieke" in the To field, pick her from the list that appears and click Send.',
        risk: 'The address at the top of the list ends in bjzkompas.nl. That is the old domain from before the name change. Someone else can buy that domain and then receive all mail still sent there.',
        why: 'This is how it went wrong at the youth-care organisation in Utrecht in 2019: whoever registered the old domain received 3,278 case files of 2,702 children, because mail still went there. The address book remembers old addresses for years.',
        right: 'Pick the address at kompasjeugd.nl. For every recipient, look at what comes after the @, not only at the name.',
      },
    },
  },
  {
    id: 'external-bsn',
    expect: 'warn',
    start: {
      compose: REFERRAL,
    },
    text: {
      nl: {
        title: 'BSN en diagnose naar een externe partner',
        story: 'U meldt Lotte aan bij GGZ De Weg. De aanmelding met haar BSN, geboortedatum en diagnose staat klaar.',
        goal: 'Typ "GGZ" in het veld Aan, kies de intake van GGZ De Weg en klik op Verzenden.',
        risk: 'De aanmelding was gewoon, zonder versleuteling, naar buiten gegaan. Onderweg en in een verkeerde mailbox kan iedereen het BSN en de diagnose van Lotte lezen.',
        why: 'Een BSN en een diagnose van een kind zijn bijzondere persoonsgegevens. Buiten de organisatie mogen ze alleen versleuteld over e-mail.',
        right: 'Zet [versleuteld] vooraan in het onderwerp. Dan versleutelt de mailserver het bericht, en de GGZ opent het veilig.',
      },
      en: {
        title: 'BSN and diagnosis to an outside partner',
        story:
          'You refer Lotte to GGZ De Weg, a mental-health service. The referral with her citizen service number (BSN), date of birth and diagnosis is ready.',
        goal: 'Type "GGZ" in the To field, pick the intake of GGZ De Weg and click Send.',
        risk: "The referral would have left the organisation as it was, unencrypted. On the way, or in the wrong mailbox, anyone can read Lotte's BSN and diagnosis.",
        why: "A child's BSN and diagnosis are special personal data. Outside the organisation they may only go by e-mail encrypted.",
        right: 'Put [versleuteld] at the start of the subject. The mail server then encrypts the message and the GGZ opens it safely.',
      },
    },
  },
  {
    id: 'external-encrypted',
    expect: 'allow',
    start: {
      compose: REFERRAL,
    },
    text: {
      nl: {
        title: 'Dezelfde aanmelding, nu versleuteld',
        story: 'Weer de aanmelding van Lotte bij GGZ De Weg. Deze keer doet u het zoals het hoort.',
        goal: 'Kies de intake van GGZ De Weg als ontvanger, zet [versleuteld] vooraan in het onderwerp en klik op Verzenden.',
        risk: 'Zonder [versleuteld] in het onderwerp was het BSN van Lotte onversleuteld naar buiten gegaan.',
        why: 'Wie het goed doet, merkt niets van zorgvuldig: er komt geen melding en het bericht gaat meteen weg. De controle is er voor de fouten, niet om u op te houden.',
        right: 'Precies dit: [versleuteld] in het onderwerp bij gevoelige gegevens naar buiten.',
      },
      en: {
        title: 'The same referral, now encrypted',
        story: 'Again the referral of Lotte to GGZ De Weg. This time you do it the right way.',
        goal: 'Pick the intake of GGZ De Weg as the recipient, put [versleuteld] at the start of the subject and click Send.',
        risk: "Without [versleuteld] in the subject, Lotte's BSN would have left the organisation unencrypted.",
        why: 'When you do it right, you do not notice zorgvuldig: no warning, and the message goes at once. The check is there for mistakes, not to hold you up.',
        right: 'Exactly this: [versleuteld] in the subject when sensitive data goes outside.',
      },
    },
  },
  {
    id: 'lookalike',
    expect: 'warn',
    inbox: [
      {
        id: 'jeroen-overzicht',
        unread: true,
        from: 'Jeroen Smit <j.smit@kornpasjeugd.nl>',
        to: [ME],
        subject: 'Snel even het overzicht plaatsingen?',
        date: '10:02',
        body:
          'Hoi Anna,\n\nIk werk vandaag thuis en kan niet bij de teammap. Kun jij mij het overzicht van de plaatsingen sturen? ' +
          'Ik heb het vóór 12 uur nodig voor de wethouder.\n\nAlvast bedankt!\nJeroen',
      },
    ],
    start: { open: 'jeroen-overzicht' },
    reply: { body: 'Hoi Jeroen,\n\nHierbij het overzicht.\n\nGroet,\nAnna' },
    text: {
      nl: {
        title: 'Een domein dat op het onze lijkt',
        story: 'Uw collega Jeroen vraagt met spoed om het overzicht van alle plaatsingen. Het bericht staat open in uw postvak.',
        goal: 'Klik op Beantwoorden, voeg het overzicht als bijlage toe en klik op Verzenden.',
        risk: 'Het antwoord was naar kornpasjeugd.nl gegaan: met "rn" in plaats van "m". Dat is niet ons domein. Wie zo\'n domein koopt, doet zich voor als collega en vist naar gegevens.',
        why: 'Nagemaakte domeinen zijn met het oog bijna niet te zien, zeker op een telefoon of als er haast is. Haast en "ik kan er zelf niet bij" zijn bekende trucs.',
        right:
          'Ga terug en kijk het adres na. Twijfelt u? Bel de collega op het nummer dat u al kent. Stuur het overzicht alleen naar kompasjeugd.nl.',
      },
      en: {
        title: 'A domain that looks like ours',
        story: 'Your colleague Jeroen urgently asks for the overview of all placements. The message is open in your inbox.',
        goal: 'Click Reply, attach the overview and click Send.',
        risk: 'The reply would have gone to kornpasjeugd.nl: "rn" instead of "m". That is not our domain. Whoever buys such a domain poses as a colleague and fishes for data.',
        why: 'Fake domains are almost impossible to spot by eye, especially on a phone or in a hurry. Urgency and "I cannot get to it myself" are well-known tricks.',
        right:
          'Go back and check the address. In doubt? Call the colleague on the number you already know. Send the overview only to kompasjeugd.nl.',
      },
    },
  },
  {
    id: 'parent-freemail',
    expect: 'warn',
    inbox: [
      {
        id: 'moeder-sem',
        unread: true,
        from: 'Sandra Bakker <sandra.bakker82@hotmail.com>',
        to: [ME],
        subject: 'Vraag over Sem',
        date: '09:47',
        body: 'Beste mevrouw De Vries,\n\nKunt u mij laten weten wat school heeft gezegd over Sem? Ik maak me zorgen.\n\nGroet,\nSandra Bakker (moeder van Sem)',
      },
    ],
    start: { open: 'moeder-sem' },
    reply: {
      body:
        'Beste mevrouw Bakker,\n\nSchool maakt zich zorgen: Sem heeft veel last van angst en slaapt slecht. ' +
        'De mentor denkt aan verwaarlozing thuis; dat bespreken we in het gesprek van donderdag.\n\nMet vriendelijke groet,\nAnna de Vries',
    },
    text: {
      nl: {
        title: 'Details over een kind naar een privé-adres',
        story:
          'De moeder van Sem mailt vanaf haar eigen Hotmail-adres en vraagt wat school heeft verteld. U heeft al een antwoord in gedachten.',
        goal: 'Klik op Beantwoorden. Uw antwoord staat er al. Klik op Verzenden.',
        risk: 'Het antwoord met angst, slaapproblemen en een vermoeden van verwaarlozing was onversleuteld naar een Hotmail-adres gegaan. U weet niet zeker wie dat adres leest: misschien ook de vader, of een nieuwe partner.',
        why: 'Bij een privé-adres weet u niet wie meeleest, en Hotmail valt niet onder onze afspraken. Gevoelige zorgen over een kind horen niet in gewone mail.',
        right:
          'Schrijf alleen dat u het donderdag bespreekt, zonder details. Of stuur het versleuteld met [versleuteld] in het onderwerp, als u zeker weet dat het adres van de moeder is.',
      },
      en: {
        title: 'Details about a child to a personal address',
        story: "Sem's mother writes from her own Hotmail address and asks what the school said. You already know what to answer.",
        goal: 'Click Reply. Your answer is already there. Click Send.',
        risk: 'The answer, with anxiety, sleeping problems and a suspicion of neglect, would have gone unencrypted to a Hotmail address. You do not know for sure who reads it: perhaps the father too, or a new partner.',
        why: 'With a personal address you do not know who else reads along, and Hotmail is not bound by our agreements. Sensitive worries about a child do not belong in ordinary mail.',
        right:
          "Only write that you will discuss it on Thursday, without details. Or send it encrypted with [versleuteld] in the subject, if you are sure the address is the mother's.",
      },
    },
  },
  {
    id: 'reply-all',
    expect: 'warn',
    inbox: [
      {
        id: 'netwerk',
        unread: true,
        from: 'Regionaal Netwerk Jeugdhulp <netwerk@jeugdhulp-regio.nl>',
        to: network.slice(0, 16).concat([ME]),
        cc: network.slice(16),
        subject: 'Casusoverleg 3 december: wie brengt een casus in?',
        date: '08:30',
        body: 'Beste netwerkpartners,\n\nOp 3 december is het volgende casusoverleg. Wie brengt een casus in? Laat het ons weten.\n\nHartelijke groet,\nRegionaal Netwerk Jeugdhulp',
      },
    ],
    start: { open: 'netwerk' },
    reply: {
      body: 'Ik breng graag een casus in: een meisje van 14 met een eetstoornis, zij is sinds kort in behandeling. Moeder werkt niet mee.\n\nAnna de Vries, Jeugdzorg Kompas',
      all: true,
    },
    text: {
      nl: {
        title: 'Allen beantwoorden naar een grote lijst',
        story:
          'Het Regionaal Netwerk Jeugdhulp vraagt wie een casus inbrengt voor het overleg. Het bericht ging naar ruim twintig mensen bij andere organisaties.',
        goal: 'Klik op Allen beantwoorden. Uw antwoord staat er al. Klik op Verzenden.',
        risk: 'Uw antwoord over een meisje met een eetstoornis was naar 22 mensen bij 20 organisaties gegaan, onversleuteld. Eén van hen had het maar hoeven doorsturen.',
        why: 'Met Allen beantwoorden gaat uw antwoord naar iedereen die de vraag kreeg. Hoe meer ontvangers, hoe groter de kans dat gevoelige gegevens op een verkeerde plek komen.',
        right:
          'Klik op Beantwoorden (alleen de afzender) en schrijf alleen dát u een casus heeft. De details bespreekt u in het overleg zelf.',
      },
      en: {
        title: 'Reply all to a large list',
        story:
          'The regional youth-care network asks who will bring a case to the meeting. The message went to more than twenty people at other organisations.',
        goal: 'Click Reply all. Your answer is already there. Click Send.',
        risk: 'Your answer about a girl with an eating disorder would have gone to 22 people at 20 organisations, unencrypted. One of them only had to forward it.',
        why: 'Reply all sends your answer to everyone who received the question. The more recipients, the greater the chance that sensitive data ends up in the wrong place.',
        right: 'Click Reply (the sender only) and only write that you have a case. Discuss the details in the meeting itself.',
      },
    },
  },
  {
    id: 'attachment',
    expect: 'warn',
    start: {
      compose: {
        subject: 'Gevraagde stukken',
        body: 'Beste meneer Dekker,\n\nZoals afgesproken stuur ik u het stuk waar u om vroeg.\n\nMet vriendelijke groet,\nAnna de Vries',
        attachments: [],
      },
    },
    text: {
      nl: {
        title: 'Een dossierstuk als bijlage',
        story:
          'De mentor van school, meneer Dekker, vroeg om het stuk over de thuissituatie van de familie Yilmaz. Het begeleidende bericht staat klaar; er staat niets gevoeligs in de tekst.',
        goal: 'Typ "Dekker" in het veld Aan en kies hem. Voeg bij Bijlage toevoegen het verslag van het huisbezoek toe en klik op Verzenden.',
        risk: 'Het verslag van het huisbezoek was onversleuteld naar de school gegaan. De tekst van de mail was onschuldig, maar de bijlage is een dossierstuk.',
        why: 'Het gevoelige staat vaak niet in de mail, maar in de bijlage. Een verslag, beschikking of plan van aanpak is een stuk uit het dossier.',
        right: 'Vraag u eerst af of school dit stuk mag krijgen. Zo ja: stuur het versleuteld, met [versleuteld] in het onderwerp.',
      },
      en: {
        title: 'A case document as an attachment',
        story:
          'Mr Dekker, the mentor at school, asked for the document about the home situation of the Yilmaz family. The covering message is ready; there is nothing sensitive in the text.',
        goal: 'Type "Dekker" in the To field and pick him. Under Add attachment, add the report of the home visit and click Send.',
        risk: 'The report of the home visit would have gone to the school unencrypted. The text of the mail was harmless, but the attachment is a case document.',
        why: 'What is sensitive is often not in the mail but in the attachment. A report, a court order or a care plan is part of the case file.',
        right: 'First ask yourself whether the school may have this document. If so, send it encrypted, with [versleuteld] in the subject.',
      },
    },
  },
  {
    id: 'attachment-inside',
    expect: 'warn',
    start: {
      compose: {
        subject: 'Ingevuld formulier',
        body: 'Beste meneer Dekker,\n\nHierbij het ingevulde formulier voor de schoolarts.\n\nMet vriendelijke groet,\nAnna de Vries',
        attachments: [],
      },
    },
    text: {
      nl: {
        title: 'Een onschuldige bestandsnaam',
        story:
          'Meneer Dekker van school wacht op het formulier voor de schoolarts. U heeft het vanochtend gescand; de scanner noemde het scan_0012.pdf. Maar de scanner had nog een ander stuk in de lade.',
        goal: 'Typ "Dekker" in het veld Aan en kies hem. Voeg bij Bijlage toevoegen scan_0012.pdf toe en klik op Verzenden.',
        risk: 'In scan_0012.pdf stond niet het formulier, maar het verslag van een huisbezoek: met het burgerservicenummer van een kind en een maatregel van de kinderrechter. Het was onversleuteld naar de school gegaan, onder een naam die niemand verdacht vond.',
        why: 'Een bestandsnaam zegt niets over de inhoud. zorgvuldig leest de tekst in de bijlage zelf, op uw eigen computer, en noemt de pagina waarop het gevoelige staat.',
        right:
          'Open de bijlage voordat u hem verstuurt en kijk of het het goede stuk is. Haal het verslag weg en voeg het formulier toe; moet het verslag echt naar school, stuur het dan versleuteld.',
      },
      en: {
        title: 'An innocent file name',
        story:
          'Mr Dekker at school is waiting for the form for the school doctor. You scanned it this morning; the scanner called it scan_0012.pdf. But the scanner had another document in its tray.',
        goal: 'Type "Dekker" in the To field and pick him. Under Add attachment, add scan_0012.pdf and click Send.',
        risk: "scan_0012.pdf did not hold the form but the report of a home visit: a child's citizen service number and a court-ordered child-protection measure. It would have gone to the school unencrypted, under a name nobody found suspicious.",
        why: 'A file name says nothing about what is inside. zorgvuldig reads the text in the attachment itself, on your own computer, and names the page where the sensitive part is.',
        right:
          'Open the attachment before you send it and check it is the right document. Remove the report and attach the form; if the report really must go to the school, send it encrypted.',
      },
    },
  },
  {
    id: 'retired-address',
    expect: 'block',
    start: {
      compose: {
        subject: 'Vraag over de zaak Noah',
        body: 'Hoi Henk,\n\nJij had vorig jaar de zaak van Noah. Weet jij nog wie de voogd is?\n\nGroet,\nAnna',
        attachments: [],
      },
    },
    text: {
      nl: {
        title: 'Een oud-collega',
        story:
          'U wilt Henk Visser iets vragen over een oude zaak. Henk is vorig jaar uit dienst gegaan, maar hij staat nog in uw adresboek.',
        goal: 'Typ "Henk" in het veld Aan, kies hem en klik op Verzenden.',
        risk: 'Het adres van Henk is niet meer in gebruik. Uw vraag over Noah was niet bij Henk aangekomen, en mogelijk bij iemand die zijn mailbox nu beheert.',
        why: 'Oude adressen blijven jaren in adresboeken staan. Mail over cliënten hoort bij wie nu de zaak heeft.',
        right: 'Haal Henk weg als ontvanger en vraag het aan de huidige regiehouder of aan Team Noord.',
      },
      en: {
        title: 'A former colleague',
        story: 'You want to ask Henk Visser something about an old case. Henk left last year, but he is still in your address book.',
        goal: 'Type "Henk" in the To field, pick him and click Send.',
        risk: "Henk's address is no longer in use. Your question about Noah would not have reached Henk, and might have reached whoever manages his mailbox now.",
        why: 'Old addresses stay in address books for years. Mail about clients belongs with whoever has the case now.',
        right: 'Remove Henk as a recipient and ask the current case manager or Team Noord.',
      },
    },
  },
  {
    id: 'unresolved-recipient',
    expect: 'warn',
    start: {
      compose: {
        subject: 'Overdracht zaak Noor',
        body:
          'Hoi Fleur,\n\nWelkom bij Team Noord! Vanaf maandag neem jij de zaak van Noor (KJ-318207) over. ' +
          'Het overdrachtsverslag staat in de teammap; bel me als je vragen hebt.\n\nGroet,\nAnna',
        attachments: [],
      },
    },
    text: {
      nl: {
        title: 'Een collega zonder zichtbaar adres',
        story:
          'Fleur Jansen is nieuw in Team Noord en neemt de zaak van Noor over. Het bericht staat klaar. Het adresboek van de organisatie geeft Fleur alleen met haar naam, zoals Outlook op het web dat vaak doet.',
        goal: 'Typ "Fleur" in het veld Aan, kies de bovenste suggestie en klik op Verzenden.',
        risk: 'Achter de naam Fleur Jansen kan elk adres zitten: haar adres op kompasjeugd.nl, een oud adres op bjzkompas.nl of een privé-adres. Het bericht met het cliëntnummer van Noor was verzonden zonder dat iemand het adres had gezien.',
        why: "zorgvuldig controleert het adres, niet de naam. Ziet het alleen een naam, dan kan het een oud of nagemaakt domein niet opmerken. Daarom laat het zo'n ontvanger nooit zomaar door, en telt het hem als iemand die buiten de organisatie kan zijn.",
        right:
          'Open de ontvanger en kijk wat er achter de @ staat. In Outlook klikt u daarvoor op de naam; hier haalt u de naam weg, typt u "Fleur" opnieuw en kiest u de regel met f.jansen@kompasjeugd.nl. Staat er iets anders dan kompasjeugd.nl, vraag Fleur dan om haar adres.',
      },
      en: {
        title: 'A colleague without a visible address',
        story:
          "Fleur Jansen is new in Team Noord and takes over the case of Noor. The message is ready. The organisation's address book gives Fleur by her name only, as Outlook on the web often does.",
        goal: 'Type "Fleur" in the To field, pick the top suggestion and click Send.',
        risk: "Any address can be behind the name Fleur Jansen: hers at kompasjeugd.nl, an old one at bjzkompas.nl, or a personal one. The message with Noor's client number would have gone without anyone seeing the address.",
        why: 'zorgvuldig checks the address, not the name. When it sees only a name, it cannot notice an old or fake domain. So it never lets such a recipient simply pass, and counts them as someone who may be outside the organisation.',
        right:
          'Open the recipient and look at what comes after the @. In Outlook you click the name; here you remove the name, type "Fleur" again and pick the line with f.jansen@kompasjeugd.nl. If it says anything other than kompasjeugd.nl, ask Fleur for her address.',
      },
    },
  },
  {
    id: 'ordinary',
    expect: 'allow',
    start: {
      compose: {
        subject: 'Teamoverleg dinsdag',
        body: 'Hoi Jeroen,\n\nZullen we het teamoverleg van dinsdag verplaatsen naar 10:00? Dan kan Hanneke ook.\n\nGroet,\nAnna',
        attachments: [],
      },
    },
    text: {
      nl: {
        title: 'Een gewone mail',
        story: 'U wilt met uw collega Jeroen Smit het teamoverleg verplaatsen. Het bericht staat klaar.',
        goal: 'Typ "Jeroen" in het veld Aan, kies het adres op kompasjeugd.nl en klik op Verzenden.',
        risk: 'Niets: een gewone mail aan een collega op ons eigen domein, zonder gevoelige gegevens.',
        why: 'zorgvuldig houdt alleen tegen wat echt riskant is. Het meeste werk gaat gewoon door, zonder meldingen.',
        right: 'Precies zo. Let op: in de lijst stond Jeroen ook nog met zijn oude adres op bjzkompas.nl.',
      },
      en: {
        title: 'An ordinary mail',
        story: 'You want to move the team meeting with your colleague Jeroen Smit. The message is ready.',
        goal: 'Type "Jeroen" in the To field, pick the address at kompasjeugd.nl and click Send.',
        risk: 'Nothing: an ordinary mail to a colleague at our own domain, without sensitive data.',
        why: 'zorgvuldig only stops what is really risky. Most work simply goes on, without warnings.',
        right: 'Exactly like this. Note: the list also showed Jeroen with his old address at bjzkompas.nl.',
      },
    },
  },
];

/** The inbox of a scenario: its own mail first, then the everyday mail. */
export function inboxOf(scenario) {
  return [...(scenario.inbox ?? []), ...EVERYDAY];
}
