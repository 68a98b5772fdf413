// How a user works each fixture webmail (tests/e2e/fixtures/: copies of Gmail's, Outlook on the
// web's and Roundcube's compose windows), and how a test reads their fields and what they sent.
// Shared by the browser tests that play the same steps on each webmail.

export const gmail = {
  name: 'gmail',
  page: 'gmail.html',
  scope: (id = 'c1') => `.M9[data-compose-id=${id}]`,
  async compose(page, { to = [], cc = [], subject, body, typed }, id = 'c1') {
    const c = this.scope(id);
    for (const address of to) {
      await page.click(`${c} .anm[name=to] input[role=combobox]`);
      await page.keyboard.type(address);
      await page.keyboard.press('Enter');
    }
    for (const address of cc) {
      await page.click(`${c} .anm[name=cc] input[role=combobox]`);
      await page.keyboard.type(address);
      await page.keyboard.press('Enter');
    }
    if (typed) await page.fill(`${c} .anm[name=to] input[role=combobox]`, typed); // still being typed
    if (subject !== undefined && id !== 'c2') await page.fill(`${c} input[name=subjectbox]`, subject);
    if (body !== undefined) await page.fill(`${c} [g_editable=true]`, body);
  },
  sendButton: (id = 'c1') => `.M9[data-compose-id=${id}] .IZ .Up [role=button].aoO`,
  keyTarget: (id = 'c1') => `.M9[data-compose-id=${id}] [g_editable=true]`,
  async fields(page, id = 'c1') {
    return page.evaluate((c) => {
      const root = document.querySelector(c);
      const chips = (k) => [...root.querySelectorAll(`.anm[name=${k}] [role=option]`)].map((e) => e.dataset.hovercardId);
      return {
        to: chips('to'),
        cc: chips('cc'),
        typed: root.querySelector('.anm[name=to] input').value,
        subject: root.querySelector('input[name=subjectbox]')?.value,
        body: root.querySelector('[g_editable=true]').innerText,
      };
    }, this.scope(id));
  },
  async schedule(page, id = 'c1') {
    await page.click(`${this.scope(id)} .IZ .Up [role=button][aria-haspopup=true]`);
    await page.click('[role=menu] [role=menuitem]');
  },
};

export const outlook = {
  name: 'outlook',
  page: 'outlook.html',
  scope: (id = 'o1') => `.compose[data-compose-id=${id}]`,
  async compose(page, { to = [], cc = [], subject, body, typed }, id = 'o1') {
    const c = this.scope(id);
    for (const address of to) {
      await page.click(`${c} [id$=_TO] [contenteditable=true]`);
      await page.keyboard.type(`${address};`);
    }
    for (const address of cc) {
      await page.click(`${c} [id$=_CC] [contenteditable=true]`);
      await page.keyboard.type(`${address};`);
    }
    if (typed) {
      await page.click(`${c} [id$=_TO] [contenteditable=true]`);
      await page.keyboard.type(typed);
    }
    if (subject !== undefined) await page.fill(`${c} input[aria-label='Onderwerp toevoegen']`, subject);
    if (body !== undefined) await page.fill(`${c} [id^=editorParent_] [role=textbox]`, body);
  },
  sendButton: (id = 'o1') => `.compose[data-compose-id=${id}] button[id$=__primaryActionButton]`,
  keyTarget: (id = 'o1') => `.compose[data-compose-id=${id}] [id^=editorParent_] [role=textbox]`,
  async fields(page, id = 'o1') {
    return page.evaluate((c) => {
      const root = document.querySelector(c);
      const chips = (k) => [...root.querySelectorAll(`[id$=_${k}] ._EType_RECIPIENT_ENTITY`)].map((e) => e.getAttribute('aria-label'));
      return {
        to: chips('TO'),
        cc: chips('CC'),
        subject: root.querySelector('input.subject').value,
        body: root.querySelector('[id^=editorParent_] [role=textbox]').innerText,
      };
    }, this.scope(id));
  },
  async schedule(page, id = 'o1') {
    await page.click(`${this.scope(id)} button[id$=__menuButton]`);
    await page.click('[role=menu] [role=menuitem]');
  },
};

export const roundcube = {
  name: 'roundcube',
  page: 'roundcube.html',
  async compose(page, { to = [], cc = [], subject, body, typed }) {
    for (const address of to) {
      await page.click('#compose_to .recipient-input input');
      await page.keyboard.type(`${address},`);
    }
    for (const address of cc) {
      await page.click('#compose_cc .recipient-input input');
      await page.keyboard.type(`${address},`);
    }
    if (typed) await page.fill('#compose_to .recipient-input input', typed);
    if (subject !== undefined) await page.fill('#compose-subject', subject);
    if (body !== undefined) {
      if (await page.$('#composebody_ifr')) await page.frameLocator('#composebody_ifr').locator('body').fill(body);
      else await page.fill('#composebody', body);
    }
  },
  sendButton: () => '.formbuttons button.send',
  keyTarget: () => '#composebody',
  async fields(page) {
    return page.evaluate(() => {
      const chips = (k) => [...document.querySelectorAll(`#compose_${k} li.recipient`)].map((e) => e.textContent.replace(/,$/, ''));
      const frame = document.querySelector('#composebody_ifr');
      return {
        to: chips('to'),
        cc: chips('cc'),
        toField: document.querySelector('#_to').value,
        subject: document.querySelector('#compose-subject').value,
        body: frame ? frame.contentDocument.body.innerText : document.querySelector('#composebody').value,
      };
    });
  },
};

/** The recipients a send recorded, as a list of addresses. */
export function sentTo(record) {
  if (Array.isArray(record.to)) return record.to;
  return record.to
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean)
    .map((a) => a.match(/<([^>]+)>/)?.[1] ?? a);
}
