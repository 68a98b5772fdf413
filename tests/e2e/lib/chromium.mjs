// How the browser tests and the Wasm bench start Debian's Chromium: as root
// (no sandbox), headless, and without the background connections a closed network refuses.

/** The Chromium binary (`CHROMIUM=...` to use another). */
export const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** Flags for every launch; extension tests add their own. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** Where Chromium on Linux reads managed policy (`CHROMIUM_POLICY_DIR=...` to use another). */
export const POLICY_DIR = process.env.CHROMIUM_POLICY_DIR ?? '/etc/chromium/policies/managed';
