// The page as it is rendered, not just its light DOM: elements inside open and closed shadow
// roots (web components) and inside same-origin frames (editor iframes, toolbars, frames written
// with document.open/write) are found, climbed and watched like any other. The adapters find
// compose windows and send controls with these helpers, and the send guard uses them to see which
// element an event really reached. The extension's own user interface is never looked into.
(function (root) {
  /** How long a list of shadow roots and frames is reused before the page is searched again. */
  const INNER_ROOTS_MS = 250;

  /** An element's shadow root, open or closed (closed ones through the extension API that exists
   *  for this: `chrome.dom` in Chromium, `openOrClosedShadowRoot` in Firefox). */
  function shadowRootOf(element) {
    try {
      return root.chrome?.dom?.openOrClosedShadowRoot?.(element) ?? element.openOrClosedShadowRoot ?? element.shadowRoot ?? null;
    } catch {
      return null;
    }
  }

  /** A frame's document when it is same-origin (null for cross-origin frames). */
  function frameDocument(frame) {
    try {
      return frame.contentDocument ?? null;
    } catch {
      return null;
    }
  }

  /** The frame element that holds `doc` in its parent document, or null at the top or across origins. */
  function frameOf(doc) {
    try {
      return doc.defaultView?.frameElement ?? null;
    } catch {
      return null;
    }
  }

  /** The parent of a node as the user sees the page: across a shadow root to its host, and from a
   *  frame's document to the frame element. */
  function composedParent(node) {
    if (node?.nodeType === 9) return frameOf(node);
    const parent = node?.parentNode;
    if (!parent) return null;
    if (parent.nodeType === 11) return parent.host ?? null; // a shadow root
    return parent; // an element, or the document
  }

  /** Whether `node` is `ancestor` or inside it, across shadow roots and frames. */
  function deepContains(ancestor, node) {
    for (let n = node; n; n = composedParent(n)) if (n === ancestor) return true;
    return false;
  }

  const isOwnUi = (element) => element.nodeType === 1 && element.hasAttribute("data-zorgvuldig");

  const innerRootsCache = new WeakMap(); // document → {at, roots}
  const watchedDocuments = new WeakSet();

  /** Every shadow root and same-origin frame document under `doc` (nested ones too), cached briefly:
   *  until INNER_ROOTS_MS have passed or the document's elements change (a list made before the
   *  page built its web components would miss them). */
  function innerRoots(doc) {
    const cached = innerRootsCache.get(doc);
    if (cached && Date.now() - cached.at < INNER_ROOTS_MS) return cached.roots;
    if (!watchedDocuments.has(doc) && typeof MutationObserver === "function") {
      watchedDocuments.add(doc);
      new MutationObserver(() => innerRootsCache.delete(doc)).observe(doc, { childList: true, subtree: true });
    }
    const roots = [];
    const visit = (scope) => {
      for (const element of scope.querySelectorAll("*")) {
        if (isOwnUi(element)) continue;
        const shadow = shadowRootOf(element);
        if (shadow) {
          roots.push(shadow);
          visit(shadow);
        }
        if (element.localName === "iframe" || element.localName === "frame") {
          const inner = frameDocument(element);
          if (inner?.documentElement) {
            roots.push(inner);
            visit(inner);
          }
        }
      }
    };
    visit(doc);
    innerRootsCache.set(doc, { at: Date.now(), roots });
    return roots;
  }

  function shallowQuery(scope, css) {
    try {
      return [...scope.querySelectorAll(css)];
    } catch {
      return []; // a selector this browser does not support (or a bad one from policy)
    }
  }

  /** Every element matching `css` in `scope`, in the shadow roots and same-origin frames inside it. */
  function queryAll(scope, css) {
    const found = shallowQuery(scope, css);
    const doc = scope.nodeType === 9 ? scope : (scope.ownerDocument ?? document);
    for (const inner of innerRoots(doc)) {
      const holder = inner.nodeType === 9 ? frameOf(inner) : inner.host;
      if (holder && deepContains(scope, holder)) found.push(...shallowQuery(inner, css));
    }
    return found;
  }

  /** The same-origin frames (their windows) under `doc`: the guard listens in each. */
  function frameWindows(doc) {
    return innerRoots(doc)
      .filter((r) => r.nodeType === 9)
      .map((d) => d.defaultView)
      .filter(Boolean);
  }

  /** The element an event really reached: inside closed shadow roots too (the point under the
   *  pointer, or the focused element for keys); null for the extension's own dialog and indicator. */
  function eventTarget(event) {
    const path = event.composedPath?.() ?? [];
    if (path.some((node) => node?.nodeType === 1 && isOwnUi(node))) return null;
    let target = path[0] ?? event.target;
    if (target?.nodeType === 9) target = target.documentElement;
    for (let depth = 0; target?.nodeType === 1 && depth < 32; depth++) {
      const shadow = shadowRootOf(target);
      if (!shadow || target.shadowRoot === shadow) break; // none, or open: the composed path already went in
      const inner =
        "clientX" in event && (event.clientX || event.clientY)
          ? shadow.elementFromPoint(event.clientX, event.clientY)
          : shadow.activeElement;
      if (!inner || inner === target || isOwnUi(inner)) break;
      target = inner;
    }
    return target?.nodeType === 1 ? target : null;
  }

  /** The page's own window of a node (frames have theirs: constructors differ per window). */
  const windowOf = (node) => node?.ownerDocument?.defaultView ?? root;

  root.zorgvuldig = Object.assign(root.zorgvuldig ?? {}, {
    dom: { shadowRootOf, composedParent, deepContains, queryAll, frameWindows, frameOf, eventTarget, windowOf },
  });
})(globalThis);
