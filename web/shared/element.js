// Building DOM nodes in a line, for the warning dialog, the options page and the demo page (all
// load this file as a classic script first; it sets `zorgvuldig.el`).
//
//   el("button", { class: "primary", text: "Verzenden", onclick: send, disabled: !ready }, icon)
//
// Attributes: `text` sets the text, `on<event>` adds a listener, `true` sets an empty attribute,
// and `undefined`, `null` or `false` leave it out; children may be nested arrays, and `null`,
// `undefined` and `false` among them are skipped, so a part can be left out with `&&`.
(function (root) {
  /**
   * @param {string} tag
   * @param {Record<string, any>} [attributes]
   * @param {...any} children
   * @returns {HTMLElement}
   */
  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value === undefined || value === null || value === false) continue;
      if (name === "text") node.textContent = value;
      else if (name.startsWith("on") && typeof value === "function") node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? "" : value);
    }
    node.append(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
    return node;
  }
  root.zorgvuldig = Object.assign(root.zorgvuldig ?? {}, { el });
})(globalThis);
