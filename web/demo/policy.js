// The policy of the fictional youth-care organisation in the training: Jeugdzorg Kompas, on
// kompasjeugd.nl since 2016 and before that Bureau Jeugdzorg Kompas on bjzkompas.nl. It uses
// every kind of rule the core knows, so each scenario meets the warning a caseworker would see.
// The language is added by the page (Dutch or English).

export const DEMO_POLICY = {
  internalDomains: ['kompasjeugd.nl'],
  retiredDomains: [{ domain: 'bjzkompas.nl', successor: 'kompasjeugd.nl' }],
  retiredAddresses: ['h.visser@kompasjeugd.nl'],
  trustedDomains: ['veiligthuisregio.nl'],
  freemailDomains: ['gezinsmail.nl'],
  encryptionMarkers: ['[versleuteld]'],
  customPatterns: [{ id: 'client-number', label: 'cliëntnummer', pattern: 'KJ-\\d{6}', severity: 'high' }],
  sensitiveTerms: ['uithuisplaatsing*'],
  actions: { 'freemail-recipient': 'warn' },
  largeAudienceThreshold: 15,
  allowOverride: true,
  requireJustification: true,
};
