// Rebound's clients page: lists client profiles and lets managers create and edit them through /api/clients.
// It holds no data of its own and uses the webapps' login (Tasklist or Cockpit) with its CSRF token.
'use strict';

// the protections a client may have, as people call them (the API keeps the codes)
const PROTECTIONS = {
  backup: t('Backups'), offsiteCopy: t('Off-site copy of the backups'), ups: t('UPS (uninterruptible power supply)'),
  endpointProtection: t('Endpoint protection (antivirus, EDR)'), staffTraining: t('Staff security training'),
  monitoring: t('Monitoring of servers and disks'), mfa: t('Multi-factor authentication'), patchManagement: t('Patch management')
};
// the criticality tiers as people read them (the API keeps the codes)
const TIERS = { critical: t('critical'), high: t('high'), standard: t('standard'), basic: t('basic') };
let editor = false;
let session = null;
let editing = null;

const $ = (selector) => document.querySelector(selector);
// the console's helpers (common/console.js)
const { say } = consoleHelpers;

function api(method, path, body) {
  return reboundApi(method, path, body, session && session.csrfToken);
}

async function start() {
  // not logged in: to the webapps' login (the console's helper), as Tasklist does
  session = await consoleHelpers.session();
  if (!session) {
    return;
  }
  editor = (session.groups || []).some((g) => g === 'managers' || g === 'camunda-admin');
  for (const e of document.querySelectorAll('.managers-only')) {
    e.hidden = !editor;
  }
  $('#new-client').hidden = !editor;
  $('#save').hidden = !editor;
  $('#add-contact').hidden = !editor;
  $('#list-section').hidden = false;
  const boxes = $('#protections');
  for (const [code, name] of Object.entries(PROTECTIONS)) {
    const label = document.createElement('label');
    label.className = 'inline';
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.value = code;
    box.name = 'protections';
    label.append(box, ' ' + name);
    boxes.append(label);
  }
  $('#add-contact').addEventListener('click', () => addContact({}, false));
  $('#search').addEventListener('input', () => list());
  $('#show-inactive').addEventListener('change', () => list());
  $('#new-client').addEventListener('click', () => edit(null));
  $('#back').addEventListener('click', () => showList());
  $('#client-form').addEventListener('submit', (event) => { event.preventDefault(); save(); });
  $('#toggle-active').addEventListener('click', () => toggleActive());
  await list();
  // a client's own address: /clients/?id=gestoria-lopez opens its profile (bookmarks, links from the console)
  const asked = new URLSearchParams(location.search).get('id');
  if (asked) {
    const found = await api('GET', '/api/clients/' + encodeURIComponent(asked));
    if (found.status === 200) {
      edit(found.body);
    } else {
      say(t('No client "{0}".', asked), true);
    }
  }
}

async function list() {
  const search = encodeURIComponent($('#search').value.trim());
  const active = $('#show-inactive').checked ? '' : '&active=true';
  const found = await api('GET', `/api/clients?size=200&search=${search}${active}`);
  const rows = $('#clients tbody');
  rows.replaceChildren();
  for (const c of found.body.items) {
    const row = document.createElement('tr');
    row.className = c.active ? '' : 'inactive';
    for (const value of [`${c.name} (${c.id})`, c.sector, c.userCount, consoleHelpers.words(TIERS, c.criticalityTier),
      `${c.responseTimeMinutes} min`, `${c.rtoHours} h / ${c.rpoHours} h`, c.active ? t('active') : t('deactivated')]) {
      const cell = document.createElement('td');
      cell.textContent = value;
      row.append(cell);
    }
    row.addEventListener('click', () => edit(c));
    rows.append(row);
  }
}

function showList() {
  history.replaceState(null, '', location.pathname);
  $('#edit-section').hidden = true;
  $('#list-section').hidden = false;
  list();
}

function field(name) {
  return $('#client-form').elements.namedItem(name);
}

function edit(client) {
  editing = client;
  clearErrors();
  say('');
  const form = $('#client-form');
  form.reset();
  $('#edit-title').textContent = client ? client.name : t('New client');
  history.replaceState(null, '', client ? '?id=' + encodeURIComponent(client.id) : location.pathname);
  $('#client-cases').hidden = !client;
  if (client) {
    $('#client-cases').href = '/console/?client=' + encodeURIComponent(client.id);
  }
  field('id').readOnly = !!client;
  if (!client) {
    $('#contacts').replaceChildren();
    addContact({}, true);
  }
  $('#toggle-active').hidden = !client || $('#save').hidden;
  if (client) {
    $('#toggle-active').textContent = client.active ? t('Deactivate') : t('Activate');
    for (const name of ['id', 'name', 'sector', 'userCount', 'preferredLanguage', 'criticalityTier', 'responseTimeMinutes',
      'rtoHours', 'rpoHours']) {
      field(name).value = client[name];
    }
    for (const name of ['start', 'end', 'timeZone']) {
      field('businessHours.' + name).value = client.businessHours[name];
    }
    field('businessHours.publicHolidays').value = client.businessHours.publicHolidays || '';
    const days = client.businessHours.days.split(',');
    for (const box of document.querySelectorAll('input[name=businessDay]')) {
      box.checked = days.includes(box.value);
    }
    field('businessHours.onlyDuringBusinessHours').checked = client.businessHours.onlyDuringBusinessHours;
    $('#contacts').replaceChildren();
    client.contacts.forEach((c) => addContact(c, c.agreesObjectives));
    for (const box of document.querySelectorAll('input[name=protections]')) {
      box.checked = client.protections.includes(box.value);
    }
    const legal = client.legal || {};
    field('legal.personalData').checked = !!legal.personalData;
    field('legal.dora').checked = !!legal.dora;
    field('legal.nis2').value = legal.nis2 || 'none';
    for (const name of ['processorDeadlineHours', 'privacyContactName', 'privacyContactEmail', 'nis2Authority']) {
      field('legal.' + name).value = legal[name] == null ? '' : legal[name];
    }
  }
  $('#list-section').hidden = true;
  $('#edit-section').hidden = false;
  showItems(client);
}

/** The client's open action items, from the reviews of its cases (a technician sees his own). */
async function showItems(client) {
  $('#client-learning').hidden = !client;
  if (!client) {
    return;
  }
  $('#client-items-link').href = '/console/action-items.html?client=' + encodeURIComponent(client.id) + '&state=all';
  $('#client-lessons-link').href = '/console/lessons.html?client=' + encodeURIComponent(client.id);
  $('#client-cases-all').href = '/console/?client=' + encodeURIComponent(client.id);
  showCases(client);
  const answer = await api('GET', '/api/action-items?state=open&client=' + encodeURIComponent(client.id));
  const body = $('#client-items tbody');
  body.replaceChildren();
  if (answer.status !== 200) {
    return;
  }
  for (const item of answer.body.items) {
    const row = document.createElement('tr');
    consoleHelpers.cell(row, item.what);
    consoleHelpers.cell(row, item.owner);
    consoleHelpers.cell(row, item.dueDate, item.overdue ? 'overdue' : '');
    const link = document.createElement('a');
    link.href = '/console/case.html?case=' + encodeURIComponent(item.caseNumber);
    link.textContent = item.caseNumber;
    consoleHelpers.cell(row, '').append(link);
    body.append(row);
  }
  if (answer.body.items.length === 0) {
    const row = document.createElement('tr');
    consoleHelpers.cell(row, t('None open.')).colSpan = 4;
    body.append(row);
  }
}

/** The client's newest cases, each a link to its page. */
async function showCases(client) {
  const answer = await api('GET', '/api/incidents?size=10&clientId=' + encodeURIComponent(client.id));
  const body = $('#client-case-list tbody');
  body.replaceChildren();
  if (answer.status !== 200) {
    return;
  }
  for (const c of answer.body.items) {
    const row = document.createElement('tr');
    const link = document.createElement('a');
    link.href = '/console/case.html?case=' + encodeURIComponent(c.caseNumber);
    link.textContent = c.caseNumber;
    consoleHelpers.cell(row, '').append(link);
    consoleHelpers.cell(row, consoleHelpers.when(c.openedAt));
    consoleHelpers.cell(row, c.summary);
    consoleHelpers.cell(row, c.severity || '—');
    consoleHelpers.cell(row, consoleHelpers.words(consoleHelpers.STATE_WORDS, c.state));
    body.append(row);
  }
  if (answer.body.items.length === 0) {
    const row = document.createElement('tr');
    consoleHelpers.cell(row, t('No case yet.')).colSpan = 5;
    body.append(row);
  }
}

function number(name) {
  const value = field(name).value;
  return value === '' ? null : Number(value);
}

/** One contact's fields; their names (contacts[i].email...) are those the API names in its errors. */
function addContact(contact, agrees) {
  const row = document.createElement('div');
  row.className = 'contact';
  for (const [name, label, type] of [['name', t('Name'), 'text'], ['email', t('E-mail'), 'email'], ['phone', t('Phone'), 'tel'],
    ['role', t('Role'), 'text']]) {
    const wrapper = document.createElement('label');
    const input = document.createElement('input');
    input.type = type;
    input.dataset.part = name;
    input.value = contact[name] || '';
    input.readOnly = !editor;
    wrapper.append(label + ' ', input);
    row.append(wrapper);
  }
  const choose = document.createElement('label');
  choose.className = 'inline';
  const radio = document.createElement('input');
  radio.type = 'radio';
  radio.name = 'agrees';
  radio.checked = agrees;
  radio.disabled = !editor;
  choose.append(radio, ' ' + t('agrees the objectives'));
  row.append(choose);
  if (editor) {
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.textContent = t('Remove');
    remove.addEventListener('click', () => { row.remove(); renumber(); });
    row.append(remove);
  }
  $('#contacts').append(row);
  renumber();
}

function renumber() {
  [...document.querySelectorAll('#contacts .contact')].forEach((row, i) => {
    for (const input of row.querySelectorAll('input[data-part]')) {
      input.name = `contacts[${i}].${input.dataset.part}`;
    }
  });
}

function collect() {
  const contacts = [...document.querySelectorAll('#contacts .contact')].map((row) => {
    const part = (name) => row.querySelector(`input[data-part=${name}]`).value.trim();
    return { name: part('name'), email: part('email'), phone: part('phone') || null, role: part('role') || null,
      agreesObjectives: row.querySelector('input[name=agrees]').checked };
  });
  return {
    id: field('id').value.trim(), name: field('name').value.trim(), sector: field('sector').value.trim(),
    userCount: number('userCount'), criticalityTier: field('criticalityTier').value,
    responseTimeMinutes: number('responseTimeMinutes'), rtoHours: number('rtoHours'), rpoHours: number('rpoHours'),
    businessHours: {
      days: [...document.querySelectorAll('input[name=businessDay]:checked')].map((b) => b.value).join(','),
      start: field('businessHours.start').value.trim(),
      publicHolidays: field('businessHours.publicHolidays').value.trim() || null,
      end: field('businessHours.end').value.trim(), timeZone: field('businessHours.timeZone').value.trim(),
      onlyDuringBusinessHours: field('businessHours.onlyDuringBusinessHours').checked
    },
    preferredLanguage: field('preferredLanguage').value,
    contacts,
    protections: [...document.querySelectorAll('input[name=protections]:checked')].map((b) => b.value),
    legal: {
      personalData: field('legal.personalData').checked, processorDeadlineHours: number('legal.processorDeadlineHours'),
      privacyContactName: field('legal.privacyContactName').value.trim() || null,
      privacyContactEmail: field('legal.privacyContactEmail').value.trim() || null,
      nis2: field('legal.nis2').value, nis2Authority: field('legal.nis2Authority').value.trim() || null,
      dora: field('legal.dora').checked
    },
    version: editing ? editing.version : null
  };
}

function clearErrors() {
  for (const e of document.querySelectorAll('.error')) {
    e.remove();
  }
  for (const e of document.querySelectorAll('.invalid')) {
    e.classList.remove('invalid');
  }
}

function showErrors(errors) {
  for (const problem of errors) {
    const input = field(problem.field) || field(problem.field + '[0].name') || (problem.field === 'contacts' && $('#contacts'))
      || $('#protections');
    const note = document.createElement('span');
    note.className = 'error';
    note.textContent = `${problem.field} ${problem.reason}`;
    if (input && input.classList) {
      input.classList.add('invalid');
      input.after(note);
    } else {
      $('#client-form').prepend(note);
    }
  }
}

async function save() {
  clearErrors();
  const client = collect();
  const result = editing
    ? await api('PUT', `/api/clients/${encodeURIComponent(editing.id)}`, client)
    : await api('POST', '/api/clients', client);
  if (result.status === 200 || result.status === 201) {
    say(t('Saved: {0}.', result.body.name));
    showList();
  } else if (result.status === 400 && result.body.errors) {
    say(t('{0}: see the fields marked below.', result.body.detail), true);
    showErrors(result.body.errors);
  } else {
    say(result.body && result.body.detail ? result.body.detail : t('Not saved ({0}).', result.status), true);
  }
}

async function toggleActive() {
  const action = editing.active ? 'deactivate' : 'activate';
  const result = await api('POST', `/api/clients/${encodeURIComponent(editing.id)}/${action}`);
  if (result.status === 200) {
    say(result.body.active ? t('{0} is active.', result.body.name) : t('{0} is deactivated.', result.body.name));
    showList();
  } else {
    say(result.body && result.body.detail ? result.body.detail : t('Not changed ({0}).', result.status), true);
  }
}

start();

// the places with known public holidays of the country typed (ES: Spain and its regions), as suggestions
let holidayCountry = null;
async function suggestHolidayPlaces() {
  const country = field('businessHours.publicHolidays').value.trim().slice(0, 2).toUpperCase();
  if (country.length < 2 || country === holidayCountry) {
    return;
  }
  holidayCountry = country;
  const answer = await fetch('/api/public-holidays/' + encodeURIComponent(country), { credentials: 'same-origin' });
  const places = answer.ok ? await answer.json() : [];
  $('#holiday-places').replaceChildren(...places.map((p) => {
    const option = document.createElement('option');
    option.value = p.code;
    option.textContent = p.description;
    return option;
  }));
}
field('businessHours.publicHolidays').addEventListener('input', suggestHolidayPlaces);
suggestHolidayPlaces();
