// An SMTP server for the Roundcube end-to-end test: listens on 127.0.0.1, accepts mail for any
// domain without authentication, and stores every message it accepts as one JSON file
// ({mailFrom, rcptTo, data}) in a directory, numbered in the order they arrived. Nothing is
// relayed. Node built-ins only.

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** Starts the sink on 127.0.0.1:`port` (0: a free port); resolves to {port, messages(), close()}. */
export function startSmtpSink({ dir, port = 0 }) {
  mkdirSync(dir, { recursive: true });
  let stored = 0;
  const sockets = new Set();

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let buffer = '';
    let envelope = { mailFrom: null, rcptTo: [] };
    let data = null; // the message lines while in DATA
    const reply = (line) => socket.write(`${line}\r\n`);

    function command(line) {
      const verb = line.slice(0, 4).toUpperCase();
      const argument = line.slice(4).trim();
      if (verb === 'EHLO') reply('250-zorgvuldig-sink\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 PIPELINING');
      else if (verb === 'HELO') reply('250 zorgvuldig-sink');
      else if (verb === 'MAIL') {
        envelope = { mailFrom: argument.match(/<([^>]*)>/)?.[1] ?? '', rcptTo: [] };
        reply('250 OK');
      } else if (verb === 'RCPT') {
        const address = argument.match(/<([^>]*)>/)?.[1];
        if (envelope.mailFrom === null || !address) reply('503 MAIL FROM first, then RCPT TO:<address>');
        else {
          envelope.rcptTo.push(address);
          reply('250 OK');
        }
      } else if (verb === 'DATA') {
        if (!envelope.rcptTo.length) reply('503 no recipients');
        else {
          data = [];
          reply('354 end with <CRLF>.<CRLF>');
        }
      } else if (verb === 'RSET') {
        envelope = { mailFrom: null, rcptTo: [] };
        reply('250 OK');
      } else if (verb === 'NOOP') reply('250 OK');
      else if (verb === 'QUIT') {
        reply('221 bye');
        socket.end();
      } else reply('502 not implemented');
    }

    function dataLine(line) {
      if (line !== '.') {
        data.push(line.startsWith('.') ? line.slice(1) : line);
        return;
      }
      stored += 1;
      const file = join(dir, `${String(stored).padStart(4, '0')}.json`);
      writeFileSync(file, JSON.stringify({ ...envelope, data: `${data.join('\r\n')}\r\n` }));
      data = null;
      envelope = { mailFrom: null, rcptTo: [] };
      reply(`250 OK stored as ${stored}`);
    }

    socket.setEncoding('utf8');
    socket.on('data', (chunk) => {
      buffer += chunk;
      let end;
      while ((end = buffer.indexOf('\r\n')) !== -1) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (data) dataLine(line);
        else command(line);
      }
    });
    reply('220 zorgvuldig-sink ESMTP');
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () =>
      resolve({
        port: server.address().port,
        /** Every stored message, oldest first. */
        messages: () =>
          readdirSync(dir)
            .filter((f) => f.endsWith('.json'))
            .sort()
            .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8'))),
        close: () =>
          new Promise((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      }),
    );
  });
}
