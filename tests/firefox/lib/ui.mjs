// Reading and using the extension's warning and indicator in Firefox. They live in closed shadow
// roots, which page scripts cannot see into; Firefox's WebDriver "Get Element Shadow Root" returns
// closed roots too, so the tests read what the user sees without the extension opening a door for
// them. Clicks and keys go through WebDriver's input, as a user's would.

import { By, Key } from 'selenium-webdriver';

/** The WebDriver specification's key for a shadow root reference. */
const SHADOW_ROOT_KEY = 'shadow-6066-11e4-a52e-4f735466cecf';

/** Runs in the page with the host element and its (closed) shadow root: what the UI shows. */
function describeUi(host, shadow) {
  const textOf = (node) => {
    const parts = [];
    const visit = (n) => {
      if (n.nodeName === 'STYLE') return;
      if (n.nodeType === 3) parts.push(n.nodeValue);
      for (const child of n.childNodes) visit(child);
    };
    visit(node);
    return parts.join(' ').replace(/\s+/g, ' ').trim();
  };
  const dialog = shadow.querySelector('[role=alertdialog]');
  const main = dialog ?? shadow.querySelector('[role=status]');
  const box = main?.getBoundingClientRect();
  return {
    text: textOf(shadow),
    action: dialog ? dialog.getAttribute('data-action') : host.getAttribute('data-state'),
    role: dialog ? 'alertdialog' : undefined,
    box: box ? { x: box.x, y: box.y, width: box.width, height: box.height } : null,
    buttons: [...shadow.querySelectorAll('button')].map((button) => ({
      text: textOf(button),
      choice: button.getAttribute('data-choice') ?? undefined,
      fix: button.getAttribute('data-fix') ?? undefined,
      disabled: button.disabled,
      element: button,
    })),
    fields: [...shadow.querySelectorAll('textarea')].map((field) => ({ id: field.id, element: field })),
    rules: [...shadow.querySelectorAll('[data-rule]')].map((node) => node.getAttribute('data-rule')),
  };
}

/**
 * The extension UI element `kind` ("warning" or "indicator") in the current tab, or null: its
 * text, action, buttons ({text, choice, fix, disabled, element}), text fields and the rules it
 * names.
 */
export async function extensionUi(driver, kind) {
  const [host] = await driver.findElements(By.css(`[data-zorgvuldig="${kind}"]`));
  if (!host) return null;
  try {
    const shadow = await host.getShadowRoot();
    // A shadow root goes into a script as its WebDriver reference (selenium passes ShadowRoot
    // objects only as a command's id).
    const shadowReference = { [SHADOW_ROOT_KEY]: await shadow.getId() };
    return await driver.executeScript(`return (${describeUi})(arguments[0], arguments[1]);`, host, shadowReference);
  } catch (error) {
    if (error.name === 'StaleElementReferenceError' || error.name === 'NoSuchShadowRootError') return null;
    throw error;
  }
}

/** The extension UI `kind` once it shows and `accept(ui)` holds (within `seconds`); throws when it
 *  does not. */
export async function waitForUi(driver, kind, accept = () => true, seconds = 10) {
  const deadline = Date.now() + seconds * 1000;
  let ui = null;
  while (Date.now() < deadline) {
    ui = await extensionUi(driver, kind);
    if (ui && accept(ui)) return ui;
    await driver.sleep(50);
  }
  throw new Error(`no ${kind} as expected within ${seconds} s; last: ${JSON.stringify(ui && { action: ui.action, text: ui.text })}`);
}

/** The warning dialog once it shows (optionally with text matching `text`). */
export const waitForWarning = (driver, text = /./) => waitForUi(driver, 'warning', (ui) => ui.role === 'alertdialog' && text.test(ui.text));

/** Waits until the indicator shows `state` (the check while typing has run). */
export const waitForIndicator = (driver, state) => waitForUi(driver, 'indicator', (ui) => ui.action === state);

/** True when no warning shows, checked for a moment (a dialog that would come late is seen). */
export async function noWarning(driver, ms = 500) {
  const deadline = Date.now() + ms;
  do {
    if (await extensionUi(driver, 'warning')) return false;
    await driver.sleep(50);
  } while (Date.now() < deadline);
  return true;
}

/** The button of the warning for `choice` ("back", "override", "send") or fix. */
export function button(ui, { choice, fix }) {
  const found = ui.buttons.find((b) => (choice ? b.choice === choice : b.fix === fix));
  if (!found) throw new Error(`the warning has no ${choice ?? fix} button: ${JSON.stringify(ui.buttons.map((b) => b.text))}`);
  return found;
}

/** Presses one key (with modifiers) where the focus is, as a user does. */
export async function press(driver, ...keys) {
  const actions = driver.actions();
  for (const key of keys) actions.keyDown(key);
  for (const key of [...keys].reverse()) actions.keyUp(key);
  await actions.perform();
}

export { Key };
