// Rebound's outbox page: what was sent, what waits, what failed (with a retry for managers), what was discarded (out of
// date, or by a manager: pending and failed messages have a Discard button for managers), from /api/outbox.
'use strict';

let session = null;
const $ = (selector) => document.querySelector(selector);
// the console's helpers (common/console.js)
const { say, cell } = consoleHelpers;
const statusWord = (code) => consoleHelpers.words(consoleHelpers.MAIL_WORDS, code);

function api(method, path, body) {
  return reboundApi(method, path, body, session && session.csrfToken);
}

function chart(counts) {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const bar = $('#chart');
  bar.replaceChildren();
  for (const [status, count] of Object.entries(counts)) {
    if (count > 0) {
      const part = document.createElement('span');
      part.className = status;
      part.style.flex = String(count);
      part.textContent = statusWord(status) + ' ' + count;
      part.title = t('{0} of {1} messages {2}', count, total, statusWord(status));
      bar.append(part);
    }
  }
}

async function list() {
  const query = new URLSearchParams();
  if ($('#case').value.trim()) {
    query.set('caseNumber', $('#case').value.trim());
  }
  if ($('#status').value) {
    query.set('status', $('#status').value);
  }
  const answer = await api('GET', '/api/outbox?' + query);
  if (answer.status !== 200) {
    say(answer.body && answer.body.detail ? answer.body.detail : t('The outbox could not be read ({0}).', answer.status), true);
    return;
  }
  const delivery = $('#delivery');
  delivery.hidden = answer.body.deliveryConfigured;
  delivery.textContent = t('No SMTP server is configured (spring.mail.host): nothing is sent, the messages wait here.') + ' '
    + t('Configure SMTP and restart to deliver them.');
  chart(answer.body.counts);
  const body = $('#messages tbody');
  body.replaceChildren();
  for (const m of answer.body.items) {
    const row = document.createElement('tr');
    row.className = 'row';
    cell(row, m.id);
    cell(row, m.caseNumber);
    cell(row, m.subject + (m.attachment ? ' 📎' : ''));
    cell(row, m.recipients.join(', '));
    cell(row, statusWord(m.status) + (m.lastError ? ' · ' + m.lastError : ''), m.status);
    cell(row, m.attempts);
    cell(row, consoleHelpers.when(m.sentAt || m.createdAt));
    const actions = cell(row, '');
    if (m.status === 'FAILED' && (session.groups || []).includes('managers')) {
      const retry = document.createElement('button');
      retry.type = 'button';
      retry.textContent = t('Retry');
      retry.addEventListener('click', async (event) => {
        event.stopPropagation();
        const done = await api('POST', '/api/outbox/' + m.id + '/retry');
        say(done.status === 200 ? t('Message {0} is queued again.', m.id) : done.body.detail, done.status !== 200);
        list();
      });
      actions.append(retry);
    }
    if ((m.status === 'PENDING' || m.status === 'FAILED') && (session.groups || []).includes('managers')) {
      const discard = document.createElement('button');
      discard.type = 'button';
      discard.textContent = t('Discard');
      discard.title = t('Never send this message (kept here as discarded, with who and when)');
      discard.addEventListener('click', async (event) => {
        event.stopPropagation();
        const done = await api('POST', '/api/outbox/' + m.id + '/discard');
        say(done.status === 200 ? t('Message {0} will not be sent.', m.id) : done.body.detail, done.status !== 200);
        list();
      });
      actions.append(discard);
    }
    row.addEventListener('click', () => show(m.id));
    body.append(row);
  }
  say(answer.body.items.length ? '' : t('No messages.'));
}

async function show(id) {
  const answer = await api('GET', '/api/outbox/' + id);
  if (answer.status !== 200) {
    say(answer.body.detail, true);
    return;
  }
  const m = answer.body;
  $('#detail-subject').textContent = m.subject;
  $('#detail-meta').textContent = t('To {0}', m.recipients.join(', ')) + ' · ' + statusWord(m.status) + ' · '
    + t('language {0}', m.language) + (m.attachment ? ' · ' + t('attachment: {0} (rendered when sent)', m.attachment) : '');
  // the message in its own page, whose policy allows exactly the message's inline styles
  $('#detail-body').src = '/api/outbox/' + id + '/preview';
  $('#list-section').hidden = true;
  $('#detail').hidden = false;
}

async function start() {
  // not logged in: to the webapps' login (the console's helper), as Tasklist does
  session = await consoleHelpers.session();
  if (!session) {
    return;
  }
  $('#list-section').hidden = false;
  $('#refresh').addEventListener('click', () => list());
  $('#case').addEventListener('change', () => list());
  $('#status').addEventListener('change', () => list());
  $('#close-detail').addEventListener('click', () => { $('#detail').hidden = true; $('#list-section').hidden = false; });
  list();
}

start();
