// Reads a message as the SMTP sink stored it, enough for the Roundcube test's assertions: the
// headers (RFC 2047 encoded words decoded), the text of the text/plain part (or of the only
// part), with quoted-printable or base64 undone and format=flowed lines joined, and the bytes of
// each attached file.

/** Splits a MIME entity into lower-cased headers (unfolded) and its raw body. */
function entity(raw) {
  const split = raw.search(/\r?\n\r?\n/);
  const head = split === -1 ? raw : raw.slice(0, split);
  const body = split === -1 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body };
}

const bytesToText = (bytes, charset = 'utf-8') => new TextDecoder(charset.toLowerCase()).decode(Uint8Array.from(bytes));

function quotedPrintable(text) {
  const bytes = [];
  const soft = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...new TextEncoder().encode(soft[i]));
    }
  }
  return bytes;
}

/** A header value with its encoded words (=?charset?Q|B?...?=) decoded. */
export function decodeHeader(value = '') {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (all, charset, kind, text) =>
      kind.toUpperCase() === 'B'
        ? bytesToText(Buffer.from(text, 'base64'), charset)
        : bytesToText(quotedPrintable(text.replace(/_/g, ' ')), charset),
    );
}

const parameter = (header, name) => header?.match(new RegExp(`${name}="?([^";]+)"?`, 'i'))?.[1];

/** The decoded text of a single-part entity. */
function textOf({ headers, body }) {
  const type = headers['content-type'] ?? 'text/plain';
  const charset = parameter(type, 'charset') ?? 'utf-8';
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  let text =
    encoding === 'quoted-printable'
      ? bytesToText(quotedPrintable(body), charset)
      : encoding === 'base64'
        ? bytesToText(Buffer.from(body, 'base64'), charset)
        : body;
  if (/format="?flowed/i.test(type)) {
    // Soft line breaks of format=flowed (RFC 3676): a line ending in a space continues.
    text = text.replace(/ \r?\n/g, ' ');
  }
  return text.replace(/\r\n/g, '\n');
}

/** The decoded bytes of a single-part entity (an attached file). */
function bytesOf({ headers, body }) {
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  return encoding === 'base64'
    ? Buffer.from(body, 'base64')
    : encoding === 'quoted-printable'
      ? Buffer.from(quotedPrintable(body))
      : Buffer.from(body, 'latin1');
}

/** {headers, subject, from, to, text, html, attachments} of a raw message (text: its text/plain
 *  part; attachments: each part with a file name, {name, type, bytes}). */
export function parseMessage(raw) {
  const top = entity(raw);
  const parts = [];
  const walk = (part) => {
    const type = part.headers['content-type'] ?? 'text/plain';
    const boundary = parameter(type, 'boundary');
    if (/^multipart\//i.test(type) && boundary) {
      const pieces = part.body.split(`--${boundary}`).slice(1);
      for (const piece of pieces) {
        if (piece.startsWith('--')) break;
        walk(entity(piece.replace(/^\r?\n/, '')));
      }
    } else {
      const name = parameter(part.headers['content-disposition'], 'filename') ?? parameter(type, 'name');
      parts.push({ type: type.split(';')[0].trim().toLowerCase(), text: textOf(part), name: name && decodeHeader(name), part });
    }
  };
  walk(top);
  return {
    headers: top.headers,
    subject: decodeHeader(top.headers.subject),
    from: decodeHeader(top.headers.from),
    to: decodeHeader(top.headers.to),
    text: parts.find((p) => p.type === 'text/plain')?.text ?? '',
    html: parts.find((p) => p.type === 'text/html')?.text ?? null,
    attachments: parts.filter((p) => p.name).map((p) => ({ name: p.name, type: p.type, bytes: bytesOf(p.part) })),
  };
}
