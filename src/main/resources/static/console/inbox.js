// The managers' inbox: replies the support mailbox brought that match no case or come from an unknown sender
// (GET /api/client-messages/inbox); each is put on a case (POST .../attach) or dropped (POST .../drop).
'use strict';

(function inboxPage() {
  const h = consoleHelpers;
  const $ = (selector) => document.querySelector(selector);
  let session = null;

  async function decide(message, caseNumber) {
    const path = '/api/client-messages/' + message.id + (caseNumber ? '/attach' : '/drop');
    const answer = await reboundApi('POST', path, caseNumber ? { caseNumber } : null, session.csrfToken);
    h.say(answer.status === 200 ? (caseNumber ? t('Put on {0}.', caseNumber) : t('Dropped.'))
      : h.problemText(answer, t('Not done ({0}).', answer.status)),
      answer.status !== 200);
    list();
  }

  async function list() {
    const answer = await reboundApi('GET', '/api/client-messages/inbox');
    if (answer.status !== 200) {
      h.say(h.problemText(answer, t('The inbox could not be read ({0}).', answer.status)), true);
      return;
    }
    const body = $('#inbox tbody');
    body.replaceChildren();
    for (const m of answer.body.messages) {
      const row = document.createElement('tr');
      row.dataset.message = m.id;
      h.cell(row, h.when(m.receivedAt));
      h.cell(row, (m.fromName ? m.fromName + ' ' : '') + '<' + (m.fromAddress || '?') + '>');
      const text = h.cell(row, (m.subject || '') + '\n' + (m.text || ''));
      text.className = 'pre';
      h.cell(row, m.reason || '');
      const actions = h.cell(row, '');
      const attach = document.createElement('button');
      attach.type = 'button';
      attach.textContent = t('Put on a case…');
      attach.addEventListener('click', () => {
        const guess = ((m.subject || '').match(/DR-\d{4}-\d{4,}/) || [''])[0];
        const caseNumber = window.prompt(t('Which case? (e.g. DR-2026-0042)'), guess);
        if (caseNumber) {
          decide(m, caseNumber.trim());
        }
      });
      const drop = document.createElement('button');
      drop.type = 'button';
      drop.textContent = t('Drop');
      drop.addEventListener('click', () => decide(m, null));
      actions.append(attach, ' ', drop);
      body.append(row);
    }
    if (answer.body.messages.length === 0) {
      const row = document.createElement('tr');
      h.cell(row, t('Nothing waits here.')).colSpan = 5;
      body.append(row);
    }
  }

  async function start() {
    session = await h.session();
    if (!session) {
      return;
    }
    if (!h.isManager(session)) {
      h.refuse(t('The inbox is for managers.'));
      return;
    }
    list();
  }

  start();
}());
