// A case page: /api/cases/{caseNumber} (the case as every door shows it: its facts, RTO, steps, rounds and, while the
// engine's history of the case is kept, its timeline; its mails for managers).
'use strict';

(function casePage() {
  const h = consoleHelpers;
  const $ = (selector) => document.querySelector(selector);

  function fact(label, value) {
    const div = document.createElement('div');
    const b = document.createElement('b');
    b.textContent = label;
    div.append(b, value == null || value === '' ? '—' : String(value));
    $('#facts').append(div);
  }

  function clock(rto) {
    const box = $('#clock');
    box.replaceChildren();
    const status = document.createElement('p');
    status.className = 'rto-' + rto.status;
    status.textContent = t('RTO {0}', h.words(h.RTO_WORDS, rto.status));
    box.append(status);
    if (rto.status === 'notAgreed') {
      return;
    }
    const agreedMinutes = rto.hours * 60;
    const bar = document.createElement('div');
    bar.className = 'bar' + (rto.status === 'breached' ? ' late' : '');
    const fill = document.createElement('span');
    // the share of the agreed RTO used, counted like the deadline (business hours where the contract says so)
    fill.style.width = Math.min(100, Math.round(100 * rto.usedMinutes / Math.max(1, agreedMinutes))) + '%';
    bar.append(fill);
    box.append(bar);
    const lines = [
      (rto.countsBusinessHours ? t('Agreed: {0} h (business hours), from {1}', rto.hours, h.when(rto.agreedAt))
        : t('Agreed: {0} h, from {1}', rto.hours, h.when(rto.agreedAt))),
      ...(rto.countedIn ? [t('Counted in: {0}, {1}–{2} ({3})', h.days(rto.countedIn.days), rto.countedIn.opens, rto.countedIn.closes,
        rto.countedIn.zone) + (rto.countedIn.holidays ? t('; public holidays of {0} skipped', rto.countedIn.holidays) : '')] : []),
      t('Due: {0}', h.when(rto.deadline)),
      t('Used: {0}', h.duration(rto.usedMinutes))
    ];
    if (rto.minutesLeft != null) {
      lines.push(t('Left: {0}', h.duration(rto.minutesLeft)));
    }
    if (rto.breachedByMinutes != null) {
      lines.push(t('Breached by: {0}', h.duration(rto.breachedByMinutes)));
    }
    if (rto.recoveredAt) {
      lines.push(t('Recovered (client accepted): {0}', h.when(rto.recoveredAt)));
    }
    for (const line of lines) {
      const p = document.createElement('p');
      p.textContent = line;
      box.append(p);
    }
  }

  function steps(list) {
    const body = $('#steps tbody');
    body.replaceChildren();
    if (!list.length) {
      const row = document.createElement('tr');
      h.cell(row, t('No open step.'), 'muted').colSpan = 5;
      body.append(row);
    }
    for (const s of list) {
      const row = document.createElement('tr');
      h.cell(row, s.name);
      h.cell(row, s.assignee || (s.candidateGroups || []).join(', '));
      h.cell(row, h.when(s.since));
      h.cell(row, h.when(s.due));
      const link = document.createElement('a');
      link.href = s.tasklist;
      link.textContent = t('Open in Tasklist');
      h.cell(row, '').append(link);
      body.append(row);
    }
  }

  function rounds(list) {
    const box = $('#rounds');
    box.replaceChildren();
    if (!list.length) {
      box.textContent = t('No acceptance round yet.');
      box.className = 'muted';
      return;
    }
    for (const r of list) {
      const title = document.createElement('p');
      title.textContent = t('Round {0}: {1}', r.round, h.words(h.ROUND_WORDS, r.outcome))
        + (r.answeredBy ? t(', answered by {0} ({1})', r.answeredBy, r.answeredVia === 'link' ? t('their link') : 'Tasklist') : '')
        + (r.closedAt ? ', ' + h.when(r.closedAt) : '');
      const table = document.createElement('table');
      table.className = 'round';
      const head = document.createElement('tr');
      for (const name of [t('Tester'), t('Tested'), t('Result'), t('Problem')]) {
        const th = document.createElement('th');
        th.textContent = name;
        head.append(th);
      }
      table.append(head);
      for (const result of r.results) {
        const row = document.createElement('tr');
        h.cell(row, result.tester);
        h.cell(row, result.tested);
        h.cell(row, result.ok ? t('works') : t('problem'), result.ok ? 'rto-met' : 'rto-breached');
        h.cell(row, result.description);
        table.append(row);
      }
      box.append(title, table);
    }
  }

  function mails(list) {
    const body = $('#mails tbody');
    body.replaceChildren();
    for (const m of list) {
      const row = document.createElement('tr');
      h.cell(row, h.when(m.createdAt));
      h.cell(row, m.kind);
      h.cell(row, m.subject);
      h.cell(row, (m.to || []).join(', '));
      h.cell(row, h.words(h.MAIL_WORDS, m.status));
      h.cell(row, h.when(m.sentAt));
      body.append(row);
    }
  }

  function timeline(events) {
    const body = $('#timeline tbody');
    body.replaceChildren();
    if (!events.length) {
      const row = document.createElement('tr');
      h.cell(row, t('The engine no longer keeps this case\'s steps (its history was cleaned up); the numbers above remain.'), 'muted').colSpan = 4;
      body.append(row);
      return;
    }
    for (const e of events) {
      const row = document.createElement('tr');
      h.cell(row, e.name || e.step);
      h.cell(row, e.by);
      h.cell(row, h.when(e.startedAt));
      h.cell(row, h.when(e.endedAt));
      body.append(row);
    }
  }

  // the case's action items, from its review (a technician sees his own)
  async function actionItems(caseNumber) {
    const answer = await reboundApi('GET', '/api/action-items?state=all&case=' + encodeURIComponent(caseNumber));
    if (answer.status !== 200 || answer.body.items.length === 0) {
      return;
    }
    const body = $('#case-items tbody');
    body.replaceChildren();
    for (const item of answer.body.items) {
      const row = document.createElement('tr');
      h.cell(row, item.id);
      h.cell(row, item.what);
      h.cell(row, item.owner);
      h.cell(row, item.dueDate, item.overdue ? 'overdue' : '');
      h.cell(row, item.state === 'open' ? (item.overdue ? t('overdue') : t('open'))
        : (item.state === 'done' ? t('done by {0}, {1}', item.closedBy, h.when(item.closedAt))
          : t('dropped by {0}, {1}', item.closedBy, h.when(item.closedAt))) + (item.dropReason ? ': ' + item.dropReason : ''),
      'state-' + item.state);
      body.append(row);
    }
    $('#items-section').hidden = false;
  }

  // the case's legal deadlines and their timeline (shown once the case became a legal event)
  async function legal(caseNumber) {
    const answer = await reboundApi('GET', '/api/legal/cases/' + encodeURIComponent(caseNumber));
    if (answer.status !== 200) {
      return;
    }
    const shared = answer.body.sharedCause;
    if (shared) {
      $('#shared-cause').textContent = t('Linked to {0} (one cause, many clients: {1}; cases {2}). Our own NIS2 clocks run once for them all:',
        shared.id, shared.cause, shared.cases.join(', '));
      h.legalRows($('#shared-legal tbody'), shared.obligations, false);
      $('#shared-section').hidden = false;
    }
    if (!answer.body.awareness) {
      return;
    }
    const a = answer.body.awareness;
    $('#legal-awareness').textContent = t('Moment of awareness: {0} (recorded by {1} at {2}). Only a manager moves it, with a reason.',
      h.when(a.awareAt), a.recordedBy || 'Rebound', a.recordedStep);
    h.legalRows($('#case-legal tbody'), answer.body.obligations, false);
    const list = $('#legal-timeline');
    list.replaceChildren();
    for (const e of answer.body.timeline) {
      const item = document.createElement('li');
      item.textContent = h.when(e.at) + ' · ' + (e.by || 'Rebound') + ' · ' + e.detail;
      list.append(item);
    }
    $('#legal-section').hidden = false;
  }

  // the conversation with the client: their replies (with attachments for staff) and our answers
  async function conversation(caseNumber) {
    const answer = await reboundApi('GET', '/api/cases/' + encodeURIComponent(caseNumber) + '/messages');
    const list = $('#conversation');
    list.replaceChildren();
    if (answer.status !== 200) {
      return;
    }
    for (const m of answer.body.messages) {
      const item = document.createElement('li');
      item.className = m.direction === 'out' ? 'ours' : (m.state === 'autoReply' ? 'automatic' : 'theirs');
      const head = document.createElement('div');
      head.className = 'muted';
      head.textContent = h.when(m.receivedAt) + ' · ' + (m.direction === 'out' ? t('we ({0})', m.fromAddress)
        : (m.fromName ? m.fromName + ' <' + m.fromAddress + '>' : m.fromAddress)) + (m.state === 'autoReply' ? t(' · automatic reply') : '');
      const text = document.createElement('p');
      text.className = 'pre';
      text.textContent = m.text || '';
      item.append(head, text);
      for (const a of m.attachments || []) {
        const file = document.createElement(a.refused ? 'span' : 'a');
        if (!a.refused) {
          file.href = '/api/client-messages/' + m.id + '/attachments/' + a.id;
        }
        file.textContent = '📎 ' + a.fileName + ' (' + Math.round(a.size / 1024) + ' KB' + (a.refused ? t(', not kept: {0}', a.refused) : '')
          + ')';
        item.append(file, ' ');
      }
      list.append(item);
    }
    if (answer.body.messages.length === 0) {
      const item = document.createElement('li');
      item.textContent = t('No message yet.');
      list.append(item);
    }
  }

  function answerForm(caseNumber, session) {
    $('#answer').addEventListener('submit', async (event) => {
      event.preventDefault();
      const text = $('#answer-text').value;
      const answer = await reboundApi('POST', '/api/cases/' + encodeURIComponent(caseNumber) + '/messages', { text }, session.csrfToken);
      h.say(answer.status === 200 ? t('Sent to the client.') : h.problemText(answer, t('Not sent ({0}).', answer.status)), answer.status !== 200);
      if (answer.status === 200) {
        $('#answer-text').value = '';
        conversation(caseNumber);
      }
    });
  }

  // a fact raised here records the moment of awareness (the first time) and starts the clocks it brings; a manager moves
  // the moment with a reason
  function legalButtons(caseNumber, session) {
    for (const button of document.querySelectorAll('#legal-raise [data-fact]')) {
      button.addEventListener('click', async () => {
        if (!window.confirm(t('{0}: record it now for {1}? The legal clocks it brings start.', button.textContent, caseNumber))) {
          return;
        }
        const answer = await reboundApi('POST', '/api/legal/cases/' + encodeURIComponent(caseNumber) + '/facts',
          { [button.dataset.fact]: true }, session.csrfToken);
        h.say(answer.status === 200 ? t('{0}: recorded.', button.textContent) : h.problemText(answer, t('Not recorded ({0}).', answer.status)),
          answer.status !== 200);
        legal(caseNumber);
      });
    }
    const linkCases = $('#legal-link');
    linkCases.hidden = !h.isManager(session);
    linkCases.addEventListener('click', async () => {
      const cause = window.prompt(t('What do the cases share? (e.g. our remote-management tool compromised)'));
      if (!cause) {
        return;
      }
      const others = window.prompt(t('The other cases of that cause, separated by commas (e.g. DR-2026-0043, DR-2026-0051)'));
      if (!others) {
        return;
      }
      const caseNumbers = [caseNumber, ...others.split(',').map((n) => n.trim()).filter((n) => n)];
      const answer = await reboundApi('POST', '/api/legal/shared-causes', { cause, caseNumbers }, session.csrfToken);
      h.say(answer.status === 201 ? t('Linked: {0}; our own NIS2 clocks run once for the set.', answer.body.caseNumber)
        : h.problemText(answer, t('Not linked ({0}).', answer.status)), answer.status !== 201);
      legal(caseNumber);
    });
    const move = $('#legal-move');
    move.hidden = !h.isManager(session);
    move.addEventListener('click', async () => {
      const awareAt = window.prompt(t('When did someone become aware? (e.g. 2026-12-07T09:30:00+01:00)'));
      if (!awareAt) {
        return;
      }
      const reason = window.prompt(t('Why was the moment recorded not the right one? (kept in the legal timeline)'));
      if (!reason) {
        return;
      }
      const answer = await reboundApi('PUT', '/api/legal/cases/' + encodeURIComponent(caseNumber) + '/awareness', { awareAt, reason },
        session.csrfToken);
      h.say(answer.status === 200 ? t('The moment of awareness was moved; the open deadlines moved with it.')
        : h.problemText(answer, t('Not moved ({0}).', answer.status)), answer.status !== 200);
      legal(caseNumber);
    });
  }

  async function start() {
    const session = await h.session();
    if (!session) {
      return;
    }
    const caseNumber = new URLSearchParams(location.search).get('case') || '';
    const answer = await reboundApi('GET', '/api/cases/' + encodeURIComponent(caseNumber));
    if (answer.status !== 200) {
      h.say(h.problemText(answer, t('The case could not be read ({0}).', answer.status)), true);
      return;
    }
    const c = answer.body;
    document.title = c.caseNumber + ' · Rebound';
    $('#title').textContent = c.caseNumber + (c.client ? ' · ' + c.client.name : '');
    $('#summary').textContent = c.summary || '';
    fact(t('Client'), c.client ? c.client.name : '');
    fact(t('Severity'), c.severity);
    fact(t('State'), h.words(h.STATE_WORDS, c.state) + (c.outcome ? ' (' + h.words(h.OUTCOME_WORDS, c.outcome) + ')' : ''));
    fact(t('Detected'), h.when(c.detectedAt));
    fact(t('Opened'), h.when(c.openedAt));
    fact(t('Assessed'), h.when(c.assessedAt));
    fact(t('Probable cause'), h.words(h.CAUSE_WORDS, c.probableCause));
    fact(t('Approach'), h.words(h.APPROACH_WORDS, c.approach));
    fact('RPO', h.words(h.RPO_WORDS, c.rpo.status) + (c.rpo.hours != null ? t(' (agreed {0} h, lost {1} h)', c.rpo.hours,
      c.rpo.dataLossHours == null ? '?' : c.rpo.dataLossHours) : ''));
    fact(t('Acceptance rounds'), c.acceptanceRounds);
    fact(t('Restored'), c.restored ? t('yes') : t('no'));
    fact(t('Prevention'), h.words(h.INTEREST_WORDS, c.preventionInterest));
    fact(t('Closed'), h.when(c.closedAt));
    clock(c.rto);
    steps(c.currentSteps || []);
    rounds(c.rounds || []);
    if (c.mails) {
      $('#mails-section').hidden = false;
      mails(c.mails);
    }
    $('#report-html').href = c.report.html;
    $('#report-pdf').href = c.report.pdf;
    $('#case').hidden = false;
    timeline(c.timeline || []);
    legalButtons(c.caseNumber, session);
    answerForm(c.caseNumber, session);
    await conversation(c.caseNumber);
    await legal(c.caseNumber);
    await actionItems(c.caseNumber);
  }

  start();
}());
