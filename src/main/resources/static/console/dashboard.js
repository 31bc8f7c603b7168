// The managers' dashboard: /api/metrics for a period (and a client or severity), as tiles, three Chart.js charts
// (each with its numbers as a table and as CSV from /api/metrics/csv) and the open cases by RTO time left.
'use strict';

(function dashboardPage() {
  const h = consoleHelpers;
  const $ = (selector) => document.querySelector(selector);
  const charts = {};

  function day(date) {
    return date.toISOString().substring(0, 10);
  }

  function params() {
    const p = new URLSearchParams();
    for (const name of ['from', 'to', 'client', 'severity']) {
      if ($('#' + name).value) {
        p.set(name, $('#' + name).value);
      }
    }
    return p;
  }

  function tile(value, label) {
    const div = document.createElement('div');
    div.className = 'tile';
    const b = document.createElement('b');
    b.textContent = value == null ? '—' : value;
    const span = document.createElement('span');
    span.textContent = label;
    div.append(b, span);
    $('#tiles').append(div);
  }

  // the law's deadlines due in the period (GDPR, NIS2, DORA): met in time, and missed (filed late or still open past it)
  async function legalTiles() {
    const p = params();
    p.delete('severity');
    const answer = await reboundApi('GET', '/api/legal/summary?' + p.toString());
    if (answer.status === 200) {
      tile(answer.body.deadlinesMet, t('legal deadlines met'));
      tile(answer.body.deadlinesMissed, t('legal deadlines missed'));
    }
  }

  function hours(minutes) {
    return minutes == null ? null : Math.round(minutes / 6) / 10;
  }

  function table(id, columns, rows) {
    const target = $('#' + id);
    target.replaceChildren();
    const head = document.createElement('tr');
    for (const c of columns) {
      const th = document.createElement('th');
      th.textContent = c[0];
      head.append(th);
    }
    target.append(head);
    for (const r of rows) {
      const row = document.createElement('tr');
      for (const c of columns) {
        h.cell(row, c[1](r));
      }
      target.append(row);
    }
  }

  function draw(id, config) {
    if (charts[id]) {
      charts[id].destroy();
    }
    charts[id] = new Chart($('#' + id), config);
  }

  function render(m) {
    const totals = m.totals;
    const percent = (value) => (value == null ? null : value + ' %');
    $('#tiles').replaceChildren();
    tile(totals.casesOpened, t('cases opened'));
    tile(totals.casesClosed, t('cases closed'));
    tile(h.duration(totals.timeToRespondMinutes.median), t('time to respond (median)'));
    tile(h.duration(totals.timeToRecoverMinutes.median), t('time to recover, clock time from detection (median)'));
    tile(h.duration(totals.timeToRecoverMinutes.p90), t('time to recover, clock time from detection (90th percentile)'));
    tile(h.duration(totals.rtoUsedMinutes.median), t('RTO used, counted as each contract says (median)'));
    tile(percent(totals.rtoMetPercent), t('RTO met ({0} recovered)', totals.rtoCounted));
    tile(percent(totals.rpoMetPercent), t('RPO met ({0} known)', totals.rpoCounted));
    tile(percent(totals.firstRoundAcceptancePercent), t('accepted at the first round'));
    tile(totals.roundsPerCase, t('acceptance rounds per case'));
    tile(totals.breaches, t('RTO breaches'));
    tile(totals.rtoWarnings, t('RTO warnings'));
    tile(totals.restorations, t('restorations'));
    tile(totals.unrecoverable, t('unrecoverable'));
    tile(percent(totals.preventionAcceptedPercent), t('prevention offers accepted'));
    legalTiles();

    const labels = m.series.map((p) => p.from);
    draw('chart-volume', { type: 'bar', data: { labels, datasets: [
      { label: t('cases opened'), data: m.series.map((p) => p.opened), backgroundColor: '#1b4f72' },
      { label: t('cases closed'), data: m.series.map((p) => p.closed), backgroundColor: '#1b7f5a' }] },
    options: { animation: false, responsive: true, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } } });
    table('table-volume', [[t('from'), (p) => p.from], [t('cases opened'), (p) => p.opened], [t('cases closed'), (p) => p.closed]], m.series);

    draw('chart-recovery', { type: 'line', data: { labels, datasets: [
      { label: t('median'), data: m.series.map((p) => hours(p.timeToRecoverMedianMinutes)), borderColor: '#1b7f5a',
        spanGaps: true },
      { label: t('90th percentile'), data: m.series.map((p) => hours(p.timeToRecoverP90Minutes)), borderColor: '#d35400',
        spanGaps: true }] },
    options: { animation: false, responsive: true, scales: { y: { beginAtZero: true } } } });
    table('table-recovery', [[t('from'), (p) => p.from], [t('median (h)'), (p) => hours(p.timeToRecoverMedianMinutes)],
      [t('90th percentile (h)'), (p) => hours(p.timeToRecoverP90Minutes)]], m.series);

    draw('chart-rto', { type: 'bar', data: { labels, datasets: [
      { type: 'line', label: t('RTO met %'), data: m.series.map((p) => p.rtoMetPercent), borderColor: '#1b7f5a',
        yAxisID: 'percent', spanGaps: true },
      { label: t('breaches'), data: m.series.map((p) => p.breaches), backgroundColor: '#b5152b', yAxisID: 'count' }] },
    options: { animation: false, responsive: true, scales: { percent: { position: 'left', min: 0, max: 100 },
      count: { position: 'right', beginAtZero: true, ticks: { precision: 0 }, grid: { drawOnChartArea: false } } } } });
    table('table-rto', [[t('from'), (p) => p.from], [t('RTO met %'), (p) => p.rtoMetPercent], [t('breaches'), (p) => p.breaches]],
      m.series);

    const body = $('#now tbody');
    body.replaceChildren();
    for (const c of m.now) {
      const row = document.createElement('tr');
      const link = document.createElement('a');
      link.href = 'case.html?case=' + encodeURIComponent(c.caseNumber);
      link.textContent = c.caseNumber;
      h.cell(row, '').append(link);
      h.cell(row, c.client);
      h.cell(row, c.severity || '', c.severity ? 'sev-' + c.severity : '');
      h.cell(row, c.summary);
      h.cell(row, h.RTO_WORDS[c.rtoStatus] || c.rtoStatus, 'rto-' + c.rtoStatus);
      h.cell(row, h.when(c.rtoDeadline));
      h.cell(row, h.duration(c.minutesLeft));
      body.append(row);
    }
    const query = params().toString();
    for (const a of document.querySelectorAll('a.csv')) {
      a.href = '/api/metrics/csv?chart=series&' + query;
    }
    $('#csv-totals').href = '/api/metrics/csv?chart=totals&' + query;
    $('#csv-now').href = '/api/metrics/csv?chart=now&' + query;
  }

  async function show() {
    history.replaceState(null, '', '?' + params().toString());
    const answer = await reboundApi('GET', '/api/metrics?' + params().toString());
    if (answer.status !== 200) {
      h.say(h.problemText(answer, t('The numbers could not be read ({0}).', answer.status)), true);
      return;
    }
    h.say('');
    $('#dashboard').hidden = false;
    render(answer.body);
  }

  async function start() {
    const session = await h.session();
    if (!session) {
      return;
    }
    if (!h.isManager(session)) {
      h.refuse(t('The dashboard is for managers.'));
      return;
    }
    await h.clientOptions($('#client'));
    const query = new URLSearchParams(location.search);
    const today = new Date();
    $('#to').value = query.get('to') || day(today);
    $('#from').value = query.get('from') || day(new Date(today.getTime() - 89 * 86400000));
    $('#client').value = query.get('client') || '';
    $('#severity').value = query.get('severity') || '';
    $('#filters').addEventListener('submit', (event) => {
      event.preventDefault();
      show();
    });
    for (const button of document.querySelectorAll('button[data-days]')) {
      button.addEventListener('click', () => {
        const now = new Date();
        $('#to').value = day(now);
        $('#from').value = day(new Date(now.getTime() - (Number(button.dataset.days) - 1) * 86400000));
        show();
      });
    }
    show();
  }

  start();
}());
