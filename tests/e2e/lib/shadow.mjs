// Reading and clicking inside the extension's closed shadow roots. Page scripts (and Playwright's
// selectors) cannot see into a closed shadow root; the DevTools protocol can (`pierce: true`), so
// the tests look at what the user sees without the extension opening a door for them.

/** Every node under `node`, depth first, including shadow roots. */
function* walk(node) {
  yield node;
  for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) yield* walk(child);
}

function attribute(node, name) {
  const list = node.attributes ?? [];
  for (let i = 0; i < list.length; i += 2) if (list[i] === name) return list[i + 1];
  return undefined;
}

/** The visible text under a node (style sheets left out). */
function textOf(node) {
  const parts = [];
  const visit = (n) => {
    if (n.nodeName === 'STYLE') return;
    if (n.nodeType === 3) parts.push(n.nodeValue);
    for (const child of [...(n.shadowRoots ?? []), ...(n.children ?? [])]) visit(child);
  };
  visit(node);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/**
 * The extension UI element `kind` ("warning" or "indicator") on the page, or null: where it is,
 * its text, its buttons ({text, choice, fix}), its text fields and the rules it names.
 */
export async function extensionUi(page, kind) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const host = [...walk(root)].find((n) => attribute(n, 'data-zorgvuldig') === kind);
    if (!host) return null;
    const shadow = host.shadowRoots?.[0];
    const nodes = [...walk(shadow)];
    const buttons = nodes
      .filter((n) => n.nodeName === 'BUTTON')
      .map((n) => ({
        text: textOf(n),
        choice: attribute(n, 'data-choice'),
        fix: attribute(n, 'data-fix'),
        disabled: attribute(n, 'disabled') !== undefined,
        backendNodeId: n.backendNodeId,
      }));
    const fields = nodes.filter((n) => n.nodeName === 'TEXTAREA').map((n) => ({ id: attribute(n, 'id'), backendNodeId: n.backendNodeId }));
    const dialog = nodes.find((n) => attribute(n, 'role') === 'alertdialog');
    const main = dialog ?? nodes.find((n) => attribute(n, 'role') === 'status');
    const quad = main && (await cdp.send('DOM.getBoxModel', { backendNodeId: main.backendNodeId }).catch(() => null))?.model.border;
    return {
      /** Where the dialog or the indicator is on the screen: {x, y, width, height} in CSS pixels. */
      box: quad ? { x: quad[0], y: quad[1], width: quad[2] - quad[0], height: quad[5] - quad[1] } : null,
      text: textOf(shadow),
      action: dialog ? attribute(dialog, 'data-action') : attribute(host, 'data-state'),
      role: dialog ? 'alertdialog' : undefined,
      buttons,
      /** Text fields ({id}), such as the justification for "Toch verzenden". */
      fields,
      rules: nodes.map((n) => attribute(n, 'data-rule')).filter(Boolean),
    };
  } finally {
    await cdp.detach();
  }
}

/** Clicks a button found by extensionUi (as a user would, through the DOM). */
export async function clickUi(page, button) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: button.backendNodeId });
    await cdp.send('Runtime.callFunctionOn', { objectId: object.objectId, functionDeclaration: 'function () { this.click(); }' });
  } finally {
    await cdp.detach();
  }
}

/** Types `text` into a text field found by extensionUi, as a user would (focus, then keys). */
export async function typeUi(page, field, text) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.focus', { backendNodeId: field.backendNodeId });
  } finally {
    await cdp.detach();
  }
  await page.keyboard.type(text);
}

/** The warning dialog once it shows (within about 5 seconds), or null. */
export async function waitForWarning(page) {
  for (let i = 0; i < 100; i++) {
    const ui = await extensionUi(page, 'warning');
    if (ui) return ui;
    await page.waitForTimeout(50);
  }
  return null;
}
