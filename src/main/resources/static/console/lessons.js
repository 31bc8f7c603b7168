// The lessons page: the reviewed cases' lessons, newest first, searched by words and facts (/api/lessons).
'use strict';

(function lessonsPage() {
  const h = consoleHelpers;
  const $ = (selector) => document.querySelector(selector);
  const FILTERS = ['q', 'cause', 'outcome', 'client', 'sector'];
  const SIZE = 20;

  function paragraph(label, text) {
    const p = document.createElement('p');
    const b = document.createElement('b');
    b.textContent = label + ': ';
    p.append(b, text);
    return p;
  }

  // a code as words: fileServer as "file server"
  function words(code) {
    return String(code).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  }

  function tag(text) {
    const span = document.createElement('span');
    span.className = 'tag';
    span.textContent = text;
    return span;
  }

  function card(lesson) {
    const div = document.createElement('article');
    div.className = 'lesson';
    div.dataset.case = lesson.caseNumber;
    const title = document.createElement('h3');
    const link = document.createElement('a');
    link.href = 'case.html?case=' + encodeURIComponent(lesson.caseNumber);
    link.textContent = lesson.caseNumber;
    title.append(link, ' · ' + (lesson.clientName || lesson.clientId) + ' · ' + (lesson.summary || ''));
    const facts = document.createElement('div');
    facts.append(tag('cause: ' + words(lesson.probableCause)), tag(lesson.outcome + (lesson.recoveryMinutes != null
      ? ' in ' + h.duration(lesson.recoveryMinutes) : '')));
    for (const system of lesson.systems) {
      facts.append(tag('hit: ' + words(system)));
    }
    if (lesson.sector) {
      facts.append(tag(lesson.sector + ', ' + lesson.sizeBand));
    }
    facts.append(tag('had: ' + (lesson.protections.length ? lesson.protections.map(words).join(', ') : 'no protection')));
    div.append(title, facts);
    if (lesson.rootCause) {
      div.append(paragraph('Root cause', lesson.rootCause));
    }
    if (lesson.lessonsLearned) {
      div.append(paragraph('Learned', lesson.lessonsLearned));
    }
    if (lesson.wentWell) {
      div.append(paragraph('What worked', lesson.wentWell));
    }
    const when = document.createElement('p');
    when.className = 'muted';
    when.textContent = 'Reviewed ' + h.when(lesson.reviewedAt);
    div.append(when);
    return div;
  }

  async function list(params, page) {
    params.set('page', page);
    params.set('size', SIZE);
    const answer = await reboundApi('GET', '/api/lessons?' + params.toString());
    if (answer.status !== 200) {
      h.say(h.problemText(answer, 'The lessons could not be read (' + answer.status + ').'), true);
      return;
    }
    h.say('');
    $('#lessons').replaceChildren(...answer.body.lessons.map(card));
    const total = answer.body.total;
    const last = h.pager(page, SIZE, total);
    $('#count').textContent = total === 1 ? '1 lesson' : total + ' lessons';
    $('#page-info').textContent = total === 0 ? 'No lesson matches.' : 'Page ' + (page + 1) + ' of ' + (last + 1);
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
