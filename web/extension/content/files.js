// What is inside the files the user attaches. A file is read where the user adds it to a webmail
// page: a file input's `change`, a drop and a paste, heard in the capture phase in the page and its
// same-origin frames. The listeners are passive: the webmail gets every event and the file as they
// were (no preventDefault, no stopPropagation, the File is only read). The bytes go to the
// extension's background, which reads the text inside (the extractors' Wasm module) and answers
// with the snapshot's `texts`, `pages` and `unreadable`; nothing else sees them.
//
// At a check, `complete(snapshot)` gives each attachment the webmail lists what was read from the
// file of that name (and size, when the webmail says), the latest such file. Unknown is never clean:
//   - an attachment no file was seen for (a forward, a file already on the server) is
//     `unreadable: "not-seen"`;
//   - a file that could not be read (the background failed or did not answer in time) is
//     `unreadable: "failed"`;
//   - a file still being read makes `reading` a promise: the guard waits for it before it judges,
//     and the indicator says an attachment is being read.
(function (root) {
  /** A file not read by then counts as `failed` (the extractors' own limits end a hostile file
   *  long before: this is for a background that stopped answering). */
  const READ_LIMIT_MS = 60000;
  /** Bytes turned into base64 per step (a multiple of 3, so the pieces join into one string). */
  const CHUNK = 0x2000 * 3;

  /** Base64 of `buffer`, for the background's message (extension messages carry JSON). */
  function base64(buffer) {
    const bytes = new Uint8Array(buffer);
    let out = "";
    for (let i = 0; i < bytes.length; i += CHUNK) out += btoa(String.fromCharCode(...bytes.subarray(i, i + CHUNK)));
    return out;
  }

  /**
   * @typedef {import("../protocol.js").AttachmentContent} Outcome
   * @typedef {import("../pkg/core/zorgvuldig.js").Snapshot} Snapshot
   * @typedef {{name: string, size: number, outcome: Outcome|null, done: Promise<void>}} Seen
   */

  /**
   * @param {object} options
   * @param {() => boolean} options.active  whether this page is a webmail page (files elsewhere are not read)
   * @param {(name: string, data: string) => Promise<Outcome>} options.read  the background's reading
   * @param {() => void} options.onChange  a file started or finished being read
   */
  function createFiles({ active, read, onChange }) {
    /** @type {Seen[]} */
    const seen = [];
    const watched = new WeakSet();

    /** @param {File} file */
    function take(file) {
      /** @type {Seen} */
      const entry = { name: file.name, size: file.size, outcome: null, done: Promise.resolve() };
      const limit = new Promise((resolve) => setTimeout(() => resolve({ unreadable: "failed" }), READ_LIMIT_MS));
      const reading = file.arrayBuffer().then((buffer) => read(file.name, base64(buffer)));
      entry.done = Promise.race([reading, limit])
        .then(
          (outcome) => outcome,
          () => ({ unreadable: "failed" }),
        )
        .then((outcome) => {
          entry.outcome = {
            texts: Array.isArray(outcome?.texts) ? outcome.texts : [],
            pages: Array.isArray(outcome?.pages) ? outcome.pages : [],
            ...(outcome?.unreadable ? { unreadable: outcome.unreadable } : {}),
          };
          onChange();
        });
      seen.push(entry);
      onChange();
    }

    /** @param {Event} event */
    function onEvent(event) {
      if (!active()) return;
      /** @type {FileList|null|undefined} */
      let files = null;
      if (event.type === "change") {
        const target = /** @type {HTMLInputElement|null} */ (event.composedPath?.()[0] ?? event.target);
        if (target?.localName === "input" && target.type === "file") files = target.files;
      } else if (event.type === "drop") {
        files = /** @type {DragEvent} */ (event).dataTransfer?.files;
      } else if (event.type === "paste") {
        files = /** @type {ClipboardEvent} */ (event).clipboardData?.files;
      }
      for (const file of files ?? []) take(file);
    }

    /** Listens in `view` (the page, or a same-origin frame), once per document. */
    function watch(view) {
      let doc;
      try {
        doc = view.document;
      } catch {
        return; // cross-origin
      }
      if (!doc || watched.has(doc)) return;
      watched.add(doc);
      for (const type of ["change", "drop", "paste"]) view.addEventListener(type, onEvent, { capture: true, passive: true });
    }

    /** The latest file seen for an attachment: by name, and by size when the webmail gives one. */
    function fileFor(attachment) {
      for (let i = seen.length - 1; i >= 0; i--) {
        const entry = seen[i];
        if (entry.name === attachment.name && (!attachment.size || attachment.size === entry.size)) return entry;
      }
      return null;
    }

    /**
     * The snapshot with what is inside its attachments, and, while some are still being read, a
     * promise that settles when they are.
     * @param {Snapshot} snapshot
     * @returns {{snapshot: Snapshot, reading: Promise<void>|null}}
     */
    function complete(snapshot) {
      /** @type {Promise<void>[]} */
      const waiting = [];
      const attachments = (snapshot.attachments ?? []).map((attachment) => {
        const entry = fileFor(attachment);
        if (!entry) return { ...attachment, unreadable: "not-seen" };
        if (!entry.outcome) {
          waiting.push(entry.done);
          return attachment;
        }
        return { ...attachment, ...entry.outcome };
      });
      return { snapshot: { ...snapshot, attachments }, reading: waiting.length ? Promise.all(waiting).then(() => {}) : null };
    }

    /** Whether a file is being read now. */
    const busy = () => seen.some((entry) => !entry.outcome);

    watch(root);
    return { watch, complete, busy };
  }

  root.zorgvuldig = Object.assign(root.zorgvuldig ?? {}, { createFiles });
})(globalThis);
