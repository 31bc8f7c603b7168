// The console's case list: filters in the address (shareable), one page of 25 from /api/cases.
'use strict';

(function casesPage() {
  const h = consoleHelpers;
  const $ = (selector) => document.querySelector(selector);
  const FILTERS = ['q', 'client', 'state', 'severity', 'rto', 'from', 'to'];

  function standing(item) {
    if (item.state === 'closed') {
      return t('closed') + (item.outcome ? ': ' + h.words(h.OUTCOME_WORDS, item.outcome) : '');
    }
    return (item.currentSteps || []).map((s) => s.name + ' (' + (s.assignee || (s.candidateGroups || []).join(', ') || t('nobody')) + ')')
      .join('; ') || t('working');
  }

  function rtoText(rto) {
    if (rto.status === 'running') {
      return t('running, {0} left', h.duration(rto.minutesLeft));
    }
    if (rto.status === 'breached') {
      return t('breached by {0}', h.duration(rto.breachedByMinutes));
    }
    return h.words(h.RTO_WORDS, rto.status);
  }

  async function list(params, page) {
    params.set('page', page);
    params.set('size', 25);
    const answer = await reboundApi('GET', '/api/cases?' + params.toString());
    if (answer.status !== 200) {
      h.say(h.problemText(answer, t('The cases could not be read ({0}).', answer.status)), true);
      return;
    }
    h.say('');
    const body = $('#cases tbody');
    body.replaceChildren();
    for (const item of answer.body.items) {
      const row = document.createElement('tr');
      row.dataset.case = item.caseNumber;
      const link = document.createElement('a');
      link.href = 'case.html?case=' + encodeURIComponent(item.caseNumber);
      link.textContent = item.caseNumber;
      const first = h.cell(row, '', 'nowrap');
      first.append(link);
      h.cell(row, item.client ? item.client.name : '');
      const severity = h.cell(row, '');
      if (item.severity) {
        const badge = document.createElement('span');
        badge.className = 'sev-' + item.severity;
        badge.textContent = item.severity;
        severity.append(badge);
      }
      h.cell(row, item.summary);
      h.cell(row, standing(item));
      h.cell(row, rtoText(item.rto), 'rto-' + item.rto.status);
      h.cell(row, h.when(item.openedAt));
      row.addEventListener('click', (event) => {
        if (event.target.tagName !== 'A') {
          location.href = link.href;
        }
      });
      body.append(row);
    }
    const total = answer.body.total;
    const last = h.pager(page, 25, total);
    $('#page-info').textContent = total === 0 ? t('No case matches.') : t('Page {0} of {1} ({2} cases)', page + 1, last + 1, total);
  }

  async function start() {
    const session = await h.session();
    if (!session) {
      return;
    }
    await h.clientOptions($('#client'));
    h.listPage(FILTERS, list);
  }

  start();
}());
