// Rebound's console header, one for every staff page (cases, dashboard, clients, action items, lessons, outbox, monitoring): Rebound's
// name, the pages the user may open, Tasklist and Cockpit, and who is logged in. Drawn at once, with the
// managers' links shown when /api/session says the user is a manager. The page's own script reads the session too.
'use strict';

(function drawConsoleHeader() {
  const header = document.querySelector('header.console');
  if (!header) {
    return;
  }
  const current = header.dataset.page;
  const links = [
    ['cases', t('Cases'), '/console/', false],
    ['dashboard', t('Dashboard'), '/console/dashboard.html', true],
    ['clients', t('Clients'), '/clients/', false],
    ['action-items', t('Action items'), '/console/action-items.html', false],
    ['legal', t('Legal deadlines'), '/console/legal.html', false],
    ['lessons', t('Lessons'), '/console/lessons.html', false],
    ['outbox', t('Outbox'), '/outbox/', true],
    ['inbox', t('Inbox'), '/console/inbox.html', true],
    ['monitoring', t('Monitoring'), '/monitoring/', true],
    ['new-case', t('Report a disaster'), '/new-case/', false],
    ['tasklist', 'Tasklist', '/camunda/app/tasklist/', false],
    ['cockpit', 'Cockpit', '/camunda/app/cockpit/', true]
  ];
  const brand = document.createElement('a');
  brand.className = 'brand';
  brand.href = '/console/';
  brand.textContent = 'Rebound';
  const nav = document.createElement('nav');
  nav.setAttribute('aria-label', 'Rebound');
  for (const [id, label, href, managersOnly] of links) {
    const link = document.createElement('a');
    link.href = href;
    link.textContent = label;
    link.dataset.link = id;
    if (id === current) {
      link.className = 'current';
      link.setAttribute('aria-current', 'page');
    }
    link.hidden = managersOnly;
    if (managersOnly) {
      link.classList.add('managers-link');
    }
    nav.append(link);
  }
  const who = document.createElement('span');
  who.id = 'who';
  who.className = 'who';
  header.replaceChildren(brand, nav, who);
  fetch('/api/session', { credentials: 'same-origin', headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' } })
    .then((answer) => (answer.ok ? answer.json() : null))
    .then((session) => {
      if (!session) {
        return;
      }
      who.textContent = session.userId;
      const manager = (session.groups || []).some((g) => g === 'managers' || g === 'camunda-admin');
      for (const link of nav.querySelectorAll('.managers-link')) {
        link.hidden = !manager;
      }
    });
}());

// Helpers the console's pages share.
const consoleHelpers = {
  // rows of legal obligations (GET /api/legal/obligations or a case's): each with its clock, a bar of the deadline's time
  // gone (marks at the reminders), the due moment and where it stands; the case column when showCase
  legalRows(body, items, showCase) {
    body.replaceChildren();
    const now = Date.now();
    for (const o of items) {
      const row = document.createElement('tr');
      row.dataset.obligation = o.id;
      this.cell(row, o.regime);
      const what = this.cell(row, o.duty);
      what.title = o.code;
      this.cell(row, o.authority);
      this.cell(row, o.responsible === 'provider' ? t('we (provider)') : t('the client'));
      if (showCase && o.caseNumber.startsWith('SC-')) {
        // the provider's own clocks of cases linked to one cause
        this.cell(row, o.caseNumber + ' · ' + (o.clientName || ''));
      } else if (showCase) {
        const caseCell = this.cell(row, '');
        const link = document.createElement('a');
        link.href = '/console/case.html?case=' + encodeURIComponent(o.caseNumber);
        link.textContent = o.caseNumber + ' · ' + (o.clientName || '');
        caseCell.append(link);
      }
      const clock = this.cell(row, '', 'legal-clock');
      const from = new Date(o.countedFrom).getTime();
      const due = new Date(o.dueAt).getTime();
      const end = o.state === 'open' ? now : new Date(o.doneAt || o.dueAt).getTime();
      const bar = document.createElement('div');
      bar.className = 'bar' + (o.overdue || o.state === 'late' ? ' late' : '');
      const fill = document.createElement('span');
      fill.style.width = Math.max(0, Math.min(100, Math.round(100 * (end - from) / Math.max(1, due - from)))) + '%';
      bar.append(fill);
      const label = document.createElement('small');
      label.textContent = t('{0} h · due {1}', o.deadlineHours, this.when(o.dueAt)) + (o.state === 'open'
        ? (o.overdue ? t(' · overdue by {0}', this.duration((now - due) / 60000))
          : t(' · {0} left', this.duration((due - now) / 60000))) : '');
      clock.append(bar, label);
      const open = o.reminded ? t('open (reminded {0}×)', o.reminded) : t('open');
      const state = o.state === 'open' ? (o.overdue ? t('overdue') : open)
        : o.state === 'notApplicable' ? t('did not apply: {0}', o.note || '')
          : (o.state === 'late' ? t('late: filed {0} by {1}', this.when(o.doneAt), o.doneBy || '')
            : t('met: filed {0} by {1}', this.when(o.doneAt), o.doneBy || ''))
            + (o.reference ? t(', ref. {0}', o.reference) : '');
      this.cell(row, state, o.overdue || o.state === 'late' ? 'overdue' : 'state-' + o.state);
      body.append(row);
    }
    if (items.length === 0) {
      const row = document.createElement('tr');
      this.cell(row, t('No legal deadline here.')).colSpan = showCase ? 7 : 6;
      body.append(row);
    }
  },
  cell(row, text, className) {
    const td = document.createElement('td');
    td.textContent = text == null ? '' : text;
    if (className) {
      td.className = className;
    }
    row.append(td);
    return td;
  },
  // a moment in the reader's language with the month in words and a 24-hour clock ("6 Dec 2026, 21:16", "6 dic 2026,
  // 21:16"), never 12/06
  when(value) {
    return value ? new Date(value).toLocaleString(reboundI18n.locale, { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' })
      : '';
  },
  // business days as "MON,TUE,WED,THU,FRI" in words: "Mon–Fri", or the days one by one
  days(list) {
    const names = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];
    const words = [t('Mon'), t('Tue'), t('Wed'), t('Thu'), t('Fri'), t('Sat'), t('Sun')];
    const at = list.split(',').map((d) => names.indexOf(d.trim())).sort((a, b) => a - b);
    const run = at.length > 2 && at[at.length - 1] - at[0] === at.length - 1;
    return run ? words[at[0]] + '–' + words[at[at.length - 1]] : at.map((i) => words[i]).join(', ');
  },
  // minutes as "3 d 4 h", "5 h 10 min" or "12 min"
  duration(minutes) {
    if (minutes == null) {
      return '';
    }
    const sign = minutes < 0 ? '-' : '';
    let m = Math.abs(Math.round(minutes));
    const days = Math.floor(m / 1440);
    m -= days * 1440;
    const hours = Math.floor(m / 60);
    m -= hours * 60;
    if (days > 0) {
      return sign + days + ' d ' + hours + ' h';
    }
    return sign + (hours > 0 ? hours + ' h ' + m + ' min' : m + ' min');
  },
  problemText(answer, fallback) {
    const body = answer.body || {};
    const fields = (body.errors || []).map((e) => e.field + ': ' + e.reason).join('; ');
    return (body.detail || fallback) + (fields ? ' (' + fields + ')' : '');
  },
  say(text, problem) {
    const message = document.querySelector('#message');
    message.textContent = text;
    message.className = problem ? 'problem' : '';
  },
  // a page this user's role may not use: the sentence alone under the title, no empty filters or tables
  refuse(text) {
    consoleHelpers.say(text, true);
    for (const part of document.querySelectorAll('main > *:not(#message):not(h1)')) {
      part.hidden = true;
      part.style.display = 'none';   // also a part whose class sets its display
    }
  },
  // the session, or null after sending a user who is not logged in to the webapps' login (which brings them back
  // here once logged in: Tasklist's header link script reads rebound.returnTo)
  async session() {
    const who = await reboundApi('GET', '/api/session');
    if (who.status === 401) {
      sessionStorage.setItem('rebound.returnTo', location.pathname + location.search + location.hash);
      location.replace('/camunda/app/tasklist/default/');
      return null;
    }
    if (who.status !== 200) {
      consoleHelpers.say(t('Rebound cannot be reached now ({0}). Try again in a moment.', who.status), true);
      return null;
    }
    return who.body;
  },
  // the clients as options of a filter's select (its first option, "all", stays)
  async clientOptions(select) {
    const clients = await reboundApi('GET', '/api/clients?size=200');
    if (clients.status !== 200) {
      return;
    }
    for (const c of clients.body.items) {
      const option = document.createElement('option');
      option.value = c.id;
      option.textContent = c.name;
      select.append(option);
    }
  },
  // A list page whose filters live in the address (shareable): fills the form's fields named in `filters` from the
  // address, wires the form and the Previous/Next buttons, and calls load(params, page) with the filters whenever
  // they change (the address follows). Call it once the fields' options are there.
  listPage(filters, load) {
    const field = (name) => document.getElementById(name);
    const query = new URLSearchParams(location.search);
    for (const name of filters) {
      if (query.get(name)) {
        field(name).value = query.get(name);
      }
    }
    let page = Number(query.get('page') || 0);
    const show = (next) => {
      page = Math.max(0, next);
      const params = new URLSearchParams();
      for (const name of filters) {
        if (field(name).value) {
          params.set(name, field(name).value);
        }
      }
      history.replaceState(null, '', '?' + params.toString() + (page ? '&page=' + page : ''));
      load(params, page);
    };
    field('filters').addEventListener('submit', (event) => {
      event.preventDefault();
      show(0);
    });
    field('previous').addEventListener('click', () => show(page - 1));
    field('next').addEventListener('click', () => show(page + 1));
    show(page);
  },
  // enables the pager's buttons for page `page` of `total` items, `size` a page; the last page's index
  pager(page, size, total) {
    const last = Math.max(0, Math.ceil(total / size) - 1);
    document.getElementById('previous').disabled = page === 0;
    document.getElementById('next').disabled = page >= last;
    return last;
  },
  isManager(session) {
    return (session.groups || []).some((g) => g === 'managers' || g === 'camunda-admin');
  },
  RTO_WORDS: { notAgreed: t('not agreed'), running: t('running'), met: t('met'), breached: t('breached'),
    notRecovered: t('not recovered') },
  // the words for the procedure's codes (the forms' labels), a code shown as it is when it has none
  CAUSE_WORDS: { hardware: t('hardware failure'), ransomware: t('ransomware or other malware'), humanError: t('human error'),
    software: t('software failure'), power: t('power failure'), naturalDisaster: t('fire, flood or other disaster'),
    providerOutage: t('cloud or SaaS provider outage'), other: t('other') },
  APPROACH_WORDS: { recover: t('recover'), restore: t('restore (reinstall or virtual machine)'),
    unrecoverable: t('no viable recovery') },
  OUTCOME_WORDS: { recovered: t('recovered'), restored: t('restored'), unrecoverable: t('not recoverable'),
    notRecovered: t('not recovered'), dismissed: t('no disaster (dismissed)'), cancelled: t('cancelled by an administrator') },
  INTEREST_WORDS: { accepted: t('accepted'), declined: t('declined'), considering: t('considering it') },
  STATE_WORDS: { open: t('open'), closed: t('closed') },
  RPO_WORDS: { met: t('met'), exceeded: t('exceeded'), unknown: t('unknown') },
  ROUND_WORDS: { open: t('open'), accepted: t('accepted'), problems: t('problems found'), consented: t('consented'),
    refused: t('refused') },
  MAIL_WORDS: { PENDING: t('pending'), SENT: t('sent'), FAILED: t('failed'), DISCARDED: t('discarded') },
  words(dictionary, code) {
    return code == null ? code : (dictionary[code] || code);
  }
};
