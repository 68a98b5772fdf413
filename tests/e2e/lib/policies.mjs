// The organisation the browser tests play, as its administrator would write the policy: Samen
// Veilig (samenveilig.nl) took over from Bureau Jeugdzorg Utrecht, whose domain bjzutrecht.nl is
// retired, and trusts its partner Veilig Thuis. A test that needs more adds it with spread syntax.

export const ORGANISATION = Object.freeze({
  internalDomains: ['samenveilig.nl'],
  retiredDomains: [{ domain: 'bjzutrecht.nl', successor: 'samenveilig.nl' }],
  trustedDomains: ['veiligthuis.nl'],
});

/** The fixture webmails (tests/e2e/fixtures/), served on 127.0.0.1, which is not a known webmail
 *  host, so the policy names it; in Dutch. */
export const FIXTURE_POLICY = Object.freeze({ ...ORGANISATION, webmailHosts: ['127.0.0.1'], language: 'nl' });

/** A real webmail (Roundcube, tests/roundcube/), where sending anyway asks for a justification. */
export const WEBMAIL_POLICY = Object.freeze({ ...ORGANISATION, requireJustification: true, language: 'nl' });
