// The action items of the reviews: managers see every owner's, technicians their own; overdue first. The owner
// or a manager closes one here (done, or dropped with the reason) as in Tasklist: POST /api/action-items/{id}/close.
'use strict';

(function actionItemsPage() {
  const h = consoleHelpers;
  const $ = (selector) => document.querySelector(selector);
  let session = null;

  function stateText(item) {
    if (item.state === 'open') {
      return item.overdue ? t('overdue') : t('open');
    }
    const when = h.when(item.closedAt);
    if (item.state === 'dropped') {
      return t('dropped by {0}, {1}: {2}', item.closedBy, when, item.dropReason || '');
    }
    return item.doneNote ? t('done by {0}, {1}: {2}', item.closedBy, when, item.doneNote)
      : t('done by {0}, {1}', item.closedBy, when);
  }

  async function close(item, outcome) {
    let reason = null;
    if (outcome === 'dropped') {
      reason = window.prompt(t('Why will "{0}" not be done?', item.what));
      if (!reason) {
        return;
      }
    } else {
      // what was done, for the lessons and the next case (optional; Cancel keeps the item open)
      reason = window.prompt(t('What was done for "{0}"? (optional)', item.what), '');
      if (reason === null) {
        return;
      }
    }
    const answer = await reboundApi('POST', '/api/action-items/' + encodeURIComponent(item.id) + '/close', { outcome, reason },
      session.csrfToken);
    if (answer.status !== 200) {
      h.say(h.problemText(answer, t('The item could not be closed ({0}).', answer.status)), true);
      return;
    }
    h.say(outcome === 'dropped' ? t('{0} is dropped.', item.id) : t('{0} is done.', item.id));
    list();
  }

  function button(label, onClick) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.addEventListener('click', onClick);
    return b;
  }

  async function counts() {
    const params = new URLSearchParams({ state: 'all' });
    if ($('#client').value) {
      params.set('client', $('#client').value);
    }
    if ($('#mine').checked) {
      params.set('mine', 'true');
    }
    const all = await reboundApi('GET', '/api/action-items?' + params.toString());
    if (all.status === 200) {
      const items = all.body.items;
      $('#count-open').textContent = items.filter((i) => i.state === 'open').length;
      $('#count-overdue').textContent = items.filter((i) => i.overdue).length;
      $('#count-done').textContent = items.filter((i) => i.state === 'done').length;
      $('#count-dropped').textContent = items.filter((i) => i.state === 'dropped').length;
    }
  }

  async function list() {
    const params = new URLSearchParams({ state: $('#state').value });
    if ($('#client').value) {
      params.set('client', $('#client').value);
    }
    if ($('#mine').checked) {
      params.set('mine', 'true');
    }
    history.replaceState(null, '', '?' + params.toString());
    const answer = await reboundApi('GET', '/api/action-items?' + params.toString());
    if (answer.status !== 200) {
      h.say(h.problemText(answer, t('The action items could not be read ({0}).', answer.status)), true);
      return;
    }
    $('#scope').textContent = answer.body.everyOwner ? t('Every owner\'s action items, overdue first.')
      : t('Your action items, overdue first.');
    const body = $('#items tbody');
    body.replaceChildren();
    for (const item of answer.body.items) {
      const row = document.createElement('tr');
      row.dataset.item = item.id;
      h.cell(row, item.id);
      h.cell(row, item.what);
      h.cell(row, item.owner + (item.ownerEmail ? ' (' + item.ownerEmail + ')' : ''));
      h.cell(row, item.dueDate, item.overdue ? 'overdue' : '');
      h.cell(row, item.clientName);
      const caseCell = h.cell(row, '');
      const link = document.createElement('a');
      link.href = 'case.html?case=' + encodeURIComponent(item.caseNumber);
      link.textContent = item.caseNumber;
      caseCell.append(link);
      h.cell(row, stateText(item), item.overdue ? 'overdue' : 'state-' + item.state);
      const actions = h.cell(row, '');
      if (item.state === 'open' && (h.isManager(session) || item.ownerUser === session.userId)) {
        actions.append(button(t('Done…'), () => close(item, 'done')), ' ', button(t('Drop…'), () => close(item, 'dropped')));
      }
      body.append(row);
    }
    if (answer.body.items.length === 0) {
      const row = document.createElement('tr');
      h.cell(row, t('No action item here.')).colSpan = 8;
      body.append(row);
    }
    counts();
  }

  async function start() {
    session = await h.session();
    if (!session) {
      return;
    }
    const query = new URLSearchParams(location.search);
    await h.clientOptions($('#client'));
    $('#client').value = query.get('client') || '';
    $('#state').value = query.get('state') || 'open';
    $('#mine').checked = query.get('mine') === 'true';
    $('#mine-label').hidden = !h.isManager(session);
    $('#filters').addEventListener('submit', (event) => {
      event.preventDefault();
      list();
    });
    list();
  }

  start();
}());
