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

  // the words for the facts' codes (the forms' values) in the reader's language; in English the codes as words
  const CAUSES = { hardware: t('hardware'), ransomware: t('ransomware'), humanError: t('human error'), software: t('software'),
    power: t('power'), naturalDisaster: t('natural disaster'), providerOutage: t('provider outage'), other: t('other') };
  const SYSTEMS = { fileServer: t('file server'), email: t('email'), database: t('database'), erp: t('erp'),
    workstations: t('workstations'), network: t('network'), virtualization: t('virtualization'), website: t('website'),
    backup: t('backup'), phones: t('phones') };
  const PROTECTIONS = { backup: t('backup'), offsiteCopy: t('offsite copy'), ups: t('ups'),
    endpointProtection: t('endpoint protection'), staffTraining: t('staff training'), monitoring: t('monitoring'), mfa: t('mfa'),
    patchManagement: t('patch management') };
  const SIZES = { micro: t('micro'), small: t('small'), medium: t('medium'), large: t('large') };

  // a code in words: its dictionary's, else the code itself as words (fileServer as "file server")
  function words(dictionary, code) {
    return dictionary[code] || String(code).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
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
    const outcome = h.words(h.OUTCOME_WORDS, lesson.outcome);
    facts.append(tag(t('cause: {0}', words(CAUSES, lesson.probableCause))), tag(lesson.recoveryMinutes != null
      ? t('{0} in {1}', outcome, h.duration(lesson.recoveryMinutes)) : outcome));
    for (const system of lesson.systems) {
      facts.append(tag(t('hit: {0}', words(SYSTEMS, system))));
    }
    if (lesson.sector) {
      facts.append(tag(lesson.sizeBand ? lesson.sector + ', ' + words(SIZES, lesson.sizeBand) : lesson.sector));
    }
    facts.append(tag(lesson.protections.length
      ? t('had: {0}', lesson.protections.map((code) => words(PROTECTIONS, code)).join(', ')) : t('had: no protection')));
    div.append(title, facts);
    if (lesson.rootCause) {
      div.append(paragraph(t('Root cause'), lesson.rootCause));
    }
    if (lesson.lessonsLearned) {
      div.append(paragraph(t('Learned'), lesson.lessonsLearned));
    }
    if (lesson.wentWell) {
      div.append(paragraph(t('What worked'), lesson.wentWell));
    }
    const when = document.createElement('p');
    when.className = 'muted';
    when.textContent = t('Reviewed {0}', h.when(lesson.reviewedAt));
    div.append(when);
    return div;
  }

  async function list(params, page) {
    params.set('page', page);
    params.set('size', SIZE);
    const answer = await reboundApi('GET', '/api/lessons?' + params.toString());
    if (answer.status !== 200) {
      h.say(h.problemText(answer, t('The lessons could not be read ({0}).', answer.status)), true);
      return;
    }
    h.say('');
    $('#lessons').replaceChildren(...answer.body.lessons.map(card));
    const total = answer.body.total;
    const last = h.pager(page, SIZE, total);
    $('#count').textContent = total === 1 ? t('1 lesson') : t('{0} lessons', total);
    $('#page-info').textContent = total === 0 ? t('No lesson matches.') : t('Page {0} of {1}', page + 1, last + 1);
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
