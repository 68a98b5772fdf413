// The send decision the extension and the demo share (web/shared/decision.js), loaded as the
// classic script it is, in a Node vm: what a verdict means for Send and what a recipient fix does
// to a recipient field typed as text. The browser tests play the same through the real pages.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const context = vm.createContext({});
vm.runInContext(readFileSync(join(root, 'web', 'shared', 'decision.js'), 'utf8'), context);
const { decision } = context.zorgvuldig;

const verdict = (action, override = {}) => ({ action, findings: [], override });

test('a verdict decides Send: allow passes, block blocks, warn warns', () => {
  assert.equal(decision.sendDecision(verdict('allow')), 'pass');
  assert.equal(decision.sendDecision(verdict('warn')), 'warn');
  assert.equal(decision.sendDecision(verdict('block')), 'block');
});

test('only a warning the policy lets be overridden may be sent anyway, with a reason when it asks one', () => {
  assert.deepEqual(
    { ...decision.override(verdict('warn', { allowed: true, justificationRequired: true })) },
    { allowed: true, justificationRequired: true },
  );
  assert.deepEqual(
    { ...decision.override(verdict('warn', { allowed: false, justificationRequired: true })) },
    { allowed: false, justificationRequired: false },
  );
  assert.deepEqual(
    { ...decision.override(verdict('block', { allowed: true, justificationRequired: false })) },
    { allowed: false, justificationRequired: false },
  );
});

test('block and warn findings hold the send; info findings do not', () => {
  const findings = [
    { severity: 'info', rule: 'freemail-recipient' },
    { severity: 'warn', rule: 'bsn' },
    { severity: 'block', rule: 'retired-domain' },
  ];
  assert.deepEqual(
    decision.holdingFindings({ action: 'block', findings }).map((f) => f.rule),
    ['bsn', 'retired-domain'],
  );
  assert.deepEqual([...decision.holdingFindings(null)], []);
});

test('a recipient field splits at commas and semicolons, not inside quotes', () => {
  assert.deepEqual([...decision.recipientEntries('"Bos, Jan" <j.bos@x.nl>; a@y.nl , ')], ['"Bos, Jan" <j.bos@x.nl>', 'a@y.nl']);
});

test('a successor fix replaces the address and keeps the name as typed; a removal drops the entry', () => {
  const text = '"Bos, Jan" <J.Bos@bjzkompas.nl>, m.dekker@school.nl';
  const replace = { kind: 'replace-recipient', recipient: 'J.Bos@bjzkompas.nl', replacement: 'j.bos@kompasjeugd.nl' };
  assert.equal(decision.fixRecipientText(text, replace), '"Bos, Jan" <j.bos@kompasjeugd.nl>, m.dekker@school.nl');
  const remove = { kind: 'remove-recipient', recipient: 'Jan Bos <j.bos@bjzkompas.nl>' };
  assert.equal(decision.fixRecipientText(text, remove), 'm.dekker@school.nl');
  assert.equal(decision.fixRecipientText('m.dekker@school.nl', remove), null, 'a field without the recipient is left alone');
});
