// Every open legal deadline across cases, the soonest first (GET /api/legal/obligations), with the counts of
// GET /api/legal/summary. Technicians and managers see them all: a deadline is everybody's business.
'use strict';

(function legalPage() {
  const h = consoleHelpers;
  const $ = (selector) => document.querySelector(selector);

  async function counts() {
    const answer = await reboundApi('GET', '/api/legal/summary');
    if (answer.status === 200) {
      $('#count-open').textContent = answer.body.open;
      $('#count-overdue').textContent = answer.body.overdue;
      $('#count-met').textContent = answer.body.deadlinesMet;
      $('#count-missed').textContent = answer.body.deadlinesMissed;
      $('#count-notApplicable').textContent = answer.body.notApplicable;
    }
  }

  async function list() {
    const params = new URLSearchParams({ state: $('#state').value });
    if ($('#client').value) {
      params.set('client', $('#client').value);
    }
    history.replaceState(null, '', '?' + params.toString());
    const answer = await reboundApi('GET', '/api/legal/obligations?' + params.toString());
    if (answer.status !== 200) {
      h.say(h.problemText(answer, t('The legal deadlines could not be read ({0}).', answer.status)), true);
      return;
    }
    h.legalRows($('#obligations tbody'), answer.body.items, true);
    counts();
  }

  async function start() {
    const session = await h.session();
    if (!session) {
      return;
    }
    const query = new URLSearchParams(location.search);
    await h.clientOptions($('#client'));
    $('#client').value = query.get('client') || '';
    $('#state').value = query.get('state') || 'open';
    $('#filters').addEventListener('submit', (event) => {
      event.preventDefault();
      list();
    });
    list();
  }

  start();
}());
