// Rebound's monitoring page (managers): integrations (create, with the token shown once; revoke) and every alert
// received with what Rebound did with it, from /api/integrations and /api/alerts.
'use strict';

let session = null;
const $ = (selector) => document.querySelector(selector);
// the console's helpers (common/console.js)
const { say, cell, when, problemText } = consoleHelpers;
// what Rebound did with an alert, and an integration's state, as people read them (the API keeps the codes)
const DECISIONS = { unmatched: t('unmatched'), opened: t('opened'), attached: t('attached'), resolved: t('resolved'),
  held: t('held'), ignored: t('ignored') };
const STATES = { active: t('active'), revoked: t('revoked') };
const decisionWord = (code) => consoleHelpers.words(DECISIONS, code);

function api(method, path, body) {
  return reboundApi(method, path, body, session && session.csrfToken);
}

async function integrations() {
  const answer = await api('GET', '/api/integrations');
  if (answer.status !== 200) {
    say(problemText(answer, t('The integrations could not be read ({0}).', answer.status)), true);
    return;
  }
  const body = $('#integrations tbody');
  body.replaceChildren();
  for (const i of answer.body) {
    const row = document.createElement('tr');
    cell(row, i.name);
    cell(row, i.allClients ? t('all clients') : i.clients.join(', '));
    cell(row, i.clientLabel);
    cell(row, i.tokenHint);
    cell(row, when(i.createdAt) + ' · ' + i.createdBy);
    cell(row, when(i.lastUsedAt));
    cell(row, consoleHelpers.words(STATES, i.state) + (i.revokedAt ? ' ' + when(i.revokedAt) + ' · ' + i.revokedBy : ''),
      i.state);
    const actions = cell(row, '');
    if (i.state === 'active') {
      const revoke = document.createElement('button');
      revoke.type = 'button';
      revoke.textContent = t('Revoke');
      revoke.addEventListener('click', async () => {
        if (!confirm(t('Revoke "{0}"? Its monitor can no longer post alerts.', i.name))) {
          return;
        }
        const done = await api('DELETE', '/api/integrations/' + encodeURIComponent(i.id));
        say(done.status === 200 ? t('"{0}" is revoked.', i.name) : problemText(done, t('Not revoked.')), done.status !== 200);
        integrations();
      });
      actions.append(revoke);
    }
    body.append(row);
  }
}

async function create(event) {
  event.preventDefault();
  const all = $('#all-clients').checked;
  const request = { name: $('#name').value.trim(), clientLabel: $('#label').value.trim() };
  if (all) {
    request.allClients = true;
  } else {
    request.clients = $('#clients').value.split(',').map((c) => c.trim()).filter((c) => c);
  }
  const answer = await api('POST', '/api/integrations', request);
  if (answer.status !== 201) {
    say(problemText(answer, t('Not created ({0}).', answer.status)), true);
    return;
  }
  $('#token-name').textContent = answer.body.name;
  $('#token').textContent = answer.body.token;
  $('#generic-url').textContent = location.origin + '/api/alerts';
  // ready to paste: Alertmanager's webhook receiver with this token (resolved alerts too: Rebound notes them)
  $('#receiver').textContent = [
    'receivers:',
    '  - name: rebound',
    '    webhook_configs:',
    '      - url: ' + location.origin + '/api/alerts/alertmanager',
    '        send_resolved: true',
    '        http_config:',
    '          authorization:',
    '            type: Bearer',
    '            credentials: ' + answer.body.token
  ].join('\n');
  $('#token-box').hidden = false;
  say(t('Integration "{0}" created.', answer.body.name));
  $('#create').reset();
  integrations();
}

function chart(counts) {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const bar = $('#chart');
  bar.replaceChildren();
  for (const [decision, count] of Object.entries(counts)) {
    const part = document.createElement('span');
    part.className = decision;
    part.style.flex = String(count);
    part.textContent = decisionWord(decision) + ' ' + count;
    part.title = t('{0} of {1} alerts {2}', count, total, decisionWord(decision));
    bar.append(part);
  }
}

async function alerts() {
  const query = new URLSearchParams();
  if ($('#decision').value) {
    query.set('decision', $('#decision').value);
  }
  const answer = await api('GET', '/api/alerts?' + query);
  if (answer.status !== 200) {
    say(problemText(answer, t('The alerts could not be read ({0}).', answer.status)), true);
    return;
  }
  chart(answer.body.counts);
  const body = $('#alerts tbody');
  body.replaceChildren();
  for (const a of answer.body.items) {
    const row = document.createElement('tr');
    cell(row, when(a.receivedAt));
    cell(row, a.integration + (a.source && a.source !== a.integration ? ' · ' + a.source : ''));
    cell(row, a.clientId || (a.clientLabelValue ? '“' + a.clientLabelValue + '”?' : '—'));
    cell(row, (a.name ? a.name + ': ' : '') + (a.summary || a.key));
    cell(row, a.status);
    cell(row, decisionWord(a.decision), a.decision);
    cell(row, a.reason);
    const caseCell = cell(row, '');
    if (a.caseNumber) {
      const link = document.createElement('a');
      link.href = '/console/case.html?case=' + encodeURIComponent(a.caseNumber);
      link.textContent = a.caseNumber;
      caseCell.append(link);
    } else if (a.decision === 'unmatched' || a.decision === 'held') {
      caseCell.append(placement(a));
    }
    body.append(row);
  }
  if (!answer.body.items.length) {
    say($('#decision').value ? t('No alerts {0}.', decisionWord($('#decision').value)) : t('No alerts.'));
  }
}

// the active clients, for placing an alert Rebound could not place by itself
let clientChoices = null;
async function activeClients() {
  if (!clientChoices) {
    const answer = await api('GET', '/api/clients?size=200&active=true');
    clientChoices = answer.status === 200 ? answer.body.items : [];
  }
  return clientChoices;
}

/** A client to choose and a button: the alert joins that client's open case of its outage, or opens one. */
function placement(alert) {
  const form = document.createElement('form');
  form.className = 'place';
  const choose = document.createElement('select');
  choose.setAttribute('aria-label', t('Client for alert {0}', alert.id));
  choose.append(new Option(t('client…'), ''));
  activeClients().then((clients) => {
    for (const c of clients) {
      choose.append(new Option(c.name, c.id));
    }
  });
  const button = document.createElement('button');
  button.type = 'submit';
  button.textContent = t('Place');
  button.title = t('Opens a case for the client, or joins its open case of the same outage');
  form.append(choose, ' ', button);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const answer = await api('POST', '/api/alerts/' + alert.id + '/assign', { clientId: choose.value });
    if (answer.status === 200) {
      say(t('Alert placed with {0}: {1} {2}.', choose.selectedOptions[0].textContent, decisionWord(answer.body.decision),
        answer.body.caseNumber));
      alerts();
    } else {
      say(problemText(answer, t('Not placed ({0}).', answer.status)), true);
    }
  });
  return form;
}

async function start() {
  // not logged in: to the webapps' login (the console's helper), as Tasklist does
  session = await consoleHelpers.session();
  if (!session) {
    return;
  }
  if (!(session.groups || []).some((g) => g === 'managers' || g === 'camunda-admin')) {
    consoleHelpers.refuse(t('Monitoring is for managers.'));
    return;
  }
  $('#integrations-section').hidden = false;
  $('#alerts-section').hidden = false;
  $('#create').addEventListener('submit', create);
  for (const button of document.querySelectorAll('button.copy')) {
    button.addEventListener('click', async () => {
      const text = $('#' + button.dataset.copy).textContent;
      try {
        await navigator.clipboard.writeText(text);
        say(t('Copied.'));
      } catch (refused) {
        // no clipboard (a page not served over HTTPS): select the text for Ctrl-C
        getSelection().selectAllChildren($('#' + button.dataset.copy));
        say(t('Selected: press Ctrl-C to copy.'));
      }
    });
  }
  $('#all-clients').addEventListener('change', () => { $('#clients').disabled = $('#all-clients').checked; });
  $('#decision').addEventListener('change', () => alerts());
  $('#refresh').addEventListener('click', () => alerts());
  integrations();
  alerts();
}

start();
