// A stand-in for the part of Office.js the add-in touches, shaped as Microsoft documents it
// (Office.context.mailbox.item in compose mode, Mailbox 1.8-1.15; Office.actions.associate;
// MailboxEvent.completed with SmartAlertsEventCompletedOptions), for running the built handler
// script in a Node vm without Outlook. Every call answers asynchronously with an AsyncResult
// ({status, value, error}), as Outlook does; `failing` names the reads that fail.

/** Outlook's message item in compose mode, holding `message` and recording every change. */
export function composeItem(message, { failing = [] } = {}) {
  const state = {
    to: [...(message.to ?? [])],
    cc: [...(message.cc ?? [])],
    bcc: [...(message.bcc ?? [])],
    subject: message.subject ?? '',
    body: message.body ?? '',
    attachments: (message.attachments ?? []).map((a, i) => ({ id: `att${i}`, attachmentType: 'file', isInline: false, size: 0, ...a })),
    from: message.from ?? { displayName: 'Caseworker', emailAddress: 'caseworker@samenveilig.nl' },
    notifications: {},
    changes: [],
  };
  // Office.js methods take (options?, callback); only the callback matters here.
  const answer = (what, args, value) => {
    const callback = args.findLast((a) => typeof a === 'function');
    const result = failing.includes(what)
      ? { status: 'failed', error: { name: 'GenericResponseError', message: `${what} is not available`, code: 9020 } }
      : { status: 'succeeded', value: structuredClone(value) };
    setTimeout(() => callback?.(result), 1);
  };
  // setAsync takes strings, EmailUser or EmailAddressDetails; Outlook resolves each to details.
  const details = (r) =>
    typeof r === 'string'
      ? { displayName: r, emailAddress: r, recipientType: 'other' }
      : { displayName: r.displayName || r.emailAddress, emailAddress: r.emailAddress, recipientType: 'other' };
  const recipients = (field) => ({
    getAsync: (...args) => answer(field, args, state[field]),
    setAsync: (list, ...args) => {
      state[field] = list.map(details);
      state.changes.push({ field, value: state[field] });
      answer(`${field}.set`, args, undefined);
    },
  });
  const item = {
    itemType: 'message',
    to: recipients('to'),
    cc: recipients('cc'),
    bcc: recipients('bcc'),
    subject: {
      getAsync: (...args) => answer('subject', args, state.subject),
      setAsync: (subject, ...args) => {
        state.subject = subject;
        state.changes.push({ field: 'subject', value: subject });
        answer('subject.set', args, undefined);
      },
    },
    body: { getAsync: (coercionType, ...args) => answer('body', args, coercionType === 'text' ? state.body : `<p>${state.body}</p>`) },
    from: { getAsync: (...args) => answer('from', args, state.from) },
    getAttachmentsAsync: (...args) => answer('attachments', args, state.attachments),
    notificationMessages: {
      replaceAsync: (key, value, ...args) => {
        state.notifications[key] = value;
        answer('notification', args, undefined);
      },
    },
  };
  return { item, state };
}

/** The `Office` global as the add-in sees it, with `item` as the current item. */
export function office(item, { displayLanguage = 'nl-NL' } = {}) {
  const actions = new Map();
  return {
    actions: {
      associate: (name, handler) => actions.set(name, handler),
      registered: actions,
    },
    context: { displayLanguage, platform: 'PC', mailbox: { item } },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    CoercionType: { Text: 'text', Html: 'html' },
    MailboxEnums: {
      SendModeOverride: { PromptUser: 'promptUser' },
      ItemNotificationMessageType: { ErrorMessage: 'errorMessage', InformationalMessage: 'informationalMessage' },
    },
  };
}

/** A MailboxEvent: resolves `done` with the options of its (first) completed call and counts calls. */
export function mailboxEvent(type) {
  let resolve;
  const event = {
    type,
    calls: 0,
    done: new Promise((r) => {
      resolve = r;
    }),
    completed(options) {
      event.calls += 1;
      resolve(options);
    },
  };
  return event;
}
