// Where the organisation's policy comes from, for the background and the options page alike:
// managed storage, else the last good managed policy (a fresh force-install first sees an empty
// `{}` in Chromium), else the defaults; and the language it is compiled in.

import "./shared/strings.js"; // zorgvuldig.languageOf

/** The browser's UI language as the core knows it: English, or else Dutch. */
export function uiLanguage() {
  return globalThis.zorgvuldig.languageOf(chrome.i18n?.getUILanguage?.() ?? navigator.language);
}

/** The language the policy forces, or null. */
export function policyLanguage(policy) {
  return policy?.language === "nl" || policy?.language === "en" ? policy.language : null;
}

/** The language every message is in: the policy's, else the browser UI's. */
export function languageOf(policy) {
  return policyLanguage(policy) ?? uiLanguage();
}

/** The policy and its source ("managed", "cached", "default"). Only the background passes
 *  `remember`, which keeps a non-empty managed policy as the last good one. */
export async function currentPolicy({ remember = false } = {}) {
  let managed = {};
  try {
    managed = (await chrome.storage.managed.get(null)) ?? {};
  } catch {
    // No managed storage (an unpacked extension without policy): the defaults apply.
  }
  if (Object.keys(managed).length > 0) {
    // Keeping a copy may fail (extension storage full): the managed policy applies all the same,
    // and does not wait for the copy to be written.
    if (remember) chrome.storage.local.set({ lastGoodPolicy: managed }).catch(() => {});
    return { policy: managed, source: "managed" };
  }
  const { lastGoodPolicy } = await chrome.storage.local.get("lastGoodPolicy");
  if (lastGoodPolicy) return { policy: lastGoodPolicy, source: "cached" };
  return { policy: undefined, source: "default" };
}

/** The policy as the core compiles it: with the language filled in when the policy has none. */
export function compilable(policy) {
  if (policy === undefined) return { language: uiLanguage() };
  if (policy && typeof policy === "object" && !Array.isArray(policy)) return { ...policy, language: policy.language ?? languageOf(policy) };
  return policy; // not an object: the core reports it as a policy error
}
