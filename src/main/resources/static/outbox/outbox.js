// Rebound's outbox page: what was sent, what waits, what failed (with a retry for managers), what was discarded (out of
// date, or by a manager: pending and failed messages have a Discard button for managers), from /api/outbox.
'use strict';

let session = null;
const $ = (selector) => document.querySelector(selector);
// the console's helpers (common/console.js)
const { say, cell } = consoleHelpers;

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
      part.textContent = status.toLowerCase() + ' ' + count;
      part.title = count + ' of ' + total + ' messages ' + status.toLowerCase();
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
    say(answer.body && answer.body.detail ? answer.body.detail : 'The outbox could not be read (' + answer.status + ').', true);
    return;
  }
  const delivery = $('#delivery');
  delivery.hidden = answer.body.deliveryConfigured;
  delivery.textContent = 'No SMTP server is configured (spring.mail.host): nothing is sent, the messages wait here. '
    + 'Configure SMTP and restart to deliver them.';
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
    cell(row, m.status + (m.lastError ? ' · ' + m.lastError : ''), m.status);
    cell(row, m.attempts);
    cell(row, consoleHelpers.when(m.sentAt || m.createdAt));
    const actions = cell(row, '');
    if (m.status === 'FAILED' && (session.groups || []).includes('managers')) {
      const retry = document.createElement('button');
      retry.type = 'button';
      retry.textContent = 'Retry';
      retry.addEventListener('click', async (event) => {
        event.stopPropagation();
        const done = await api('POST', '/api/outbox/' + m.id + '/retry');
        say(done.status === 200 ? 'Message ' + m.id + ' is queued again.' : done.body.detail, done.status !== 200);
        list();
      });
      actions.append(retry);
    }
    if ((m.status === 'PENDING' || m.status === 'FAILED') && (session.groups || []).includes('managers')) {
      const discard = document.createElement('button');
      discard.type = 'button';
      discard.textContent = 'Discard';
      discard.title = 'Never send this message (kept here as discarded, with who and when)';
      discard.addEventListener('click', async (event) => {
        event.stopPropagation();
        const done = await api('POST', '/api/outbox/' + m.id + '/discard');
        say(done.status === 200 ? 'Message ' + m.id + ' will not be sent.' : done.body.detail, done.status !== 200);
        list();
      });
      actions.append(discard);
    }
    row.addEventListener('click', () => show(m.id));
    body.append(row);
  }
  say(answer.body.items.length ? '' : 'No messages.');
}

async function show(id) {
  const answer = await api('GET', '/api/outbox/' + id);
  if (answer.status !== 200) {
    say(answer.body.detail, true);
    return;
  }
  const m = answer.body;
  $('#detail-subject').textContent = m.subject;
  $('#detail-meta').textContent = 'To ' + m.recipients.join(', ') + ' · ' + m.status + ' · language ' + m.language
    + (m.attachment ? ' · attachment: ' + m.attachment + ' (rendered when sent)' : '');
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
