// The mix of the randomised send trials, shared by the trials on the fixture
// webmails (tests/e2e/send-trials.test.mjs) and on the real Roundcube
// (tests/roundcube/roundcube-trials.test.mjs): a seeded PRNG, the plan of every trial drawn from
// it, and what counts as a draft the user produced in a trial.

export const INTERNAL = 's.devries@samenveilig.nl';
export const TRUSTED = 'meldpunt@veiligthuis.nl';
export const EXTERNAL = 'info@jeugdhulpzeist.nl';
export const RETIRED = 'j.bos@bjzutrecht.nl';
const RECIPIENTS = [[INTERNAL], [INTERNAL, TRUSTED], [TRUSTED], [EXTERNAL], [INTERNAL, EXTERNAL], [RETIRED], [INTERNAL, RETIRED]];
const BODIES = [
  'Tot donderdag, groet Sanne.',
  'Hierbij het verslag van het overleg.',
  'BSN van de cliënt: 123.456.782.',
  'Aanmelding, BSN 123456782, zie bijlage.',
];
/** What the change "append-bsn" adds to the body. */
export const BSN = ' BSN 123.456.782.';
/** What the user types in the body while the decision is pending. */
export const TYPED = 'Groeten';

/** The seed of this run: ZORGVULDIG_TRIALS_SEED, or a new random one. */
export const seedFromEnv = () => Number(process.env.ZORGVULDIG_TRIALS_SEED ?? Math.floor(Math.random() * 2 ** 31));

/** mulberry32: a small seeded PRNG, so a seed gives the same mix of trials. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The plan of every trial, drawn from the seed before any browser work (so work in parallel does
 * not change the mix). `webmails`: the names to pick from; `triggersOf(webmail)`: the ways to
 * press Send there (click, double-click, enter-on-button, ctrl-enter, ...).
 */
export function plans(count, seed, { webmails, triggersOf }) {
  const random = prng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  return Array.from({ length: count }, (_, index) => {
    const webmail = pick(webmails);
    const to = pick(RECIPIENTS);
    const changes = ['none', 'type-while-pending', 'append-bsn', to.includes(RETIRED) ? 'remove-retired' : 'add-retired'];
    const change = pick(changes);
    return {
      index,
      webmail,
      draft: { to, subject: 'Overleg', body: pick(BODIES) },
      // Warm: the analysis while typing has run before Send; cold: Send right after the text.
      warm: random() < 0.4,
      trigger: pick(triggersOf(webmail)),
      change,
      // A change made just before Send, or this many ms after it started.
      changeAt: change === 'none' || change === 'type-while-pending' ? null : random() < 0.3 ? 'before' : Math.floor(random() * 60),
      // The answer to a warning that offers "Toch verzenden": take it, or go back.
      answer: random() < 0.5 ? 'override' : 'back',
    };
  });
}

/** The draft after the trial's change, as the user (and the webmail's code) made it. */
export function changedDraft({ draft, change }) {
  if (change === 'add-retired') return { ...draft, to: [...draft.to, RETIRED] };
  if (change === 'remove-retired') return { ...draft, to: draft.to.filter((a) => a !== RETIRED) };
  if (change === 'append-bsn') return { ...draft, body: draft.body + BSN };
  return draft;
}

/** Whether two drafts have the same recipients (in any order), subject and body. */
export const sameDraft = (a, b) =>
  a.subject === b.subject && a.body === b.body && JSON.stringify([...a.to].sort()) === JSON.stringify([...b.to].sort());

/** Whether `draft` is one the user produced in this trial: the first draft, the changed one, or
 *  (typing while pending) the first one with part of the typed word (the rest may have gone to the
 *  warning, which takes the focus when it opens). */
export function producedBy(plan, draft) {
  if (plan.change !== 'type-while-pending') return sameDraft(draft, plan.draft) || sameDraft(draft, changedDraft(plan));
  return Array.from({ length: TYPED.length + 1 }, (_, n) => ({ ...plan.draft, body: plan.draft.body + TYPED.slice(0, n) })).some(
    (candidate) => sameDraft(draft, candidate),
  );
}

/** "a 3, b 5": how often each value of `of(result)` occurs, sorted. */
export function tally(results, of) {
  return Object.entries(results.reduce((all, r) => ({ ...all, [of(r)]: (all[of(r)] ?? 0) + 1 }), {}))
    .sort()
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

/** The mix of a run as printable lines (the same in both trial files). */
export function mixLines(planList) {
  const of = (f) => tally(planList, f);
  return [
    `mix: webmail: ${of((p) => p.webmail)}`,
    `mix: trigger: ${of((p) => p.trigger)}`,
    `mix: change: ${of((p) => `${p.change}${p.changeAt === null ? '' : p.changeAt === 'before' ? ' (before Send)' : ' (after Send)'}`)}`,
    `mix: analysis ready before Send: ${of((p) => (p.warm ? 'yes' : 'no'))}`,
  ];
}
