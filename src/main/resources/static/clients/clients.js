// Rebound's clients page: lists client profiles and lets managers create and edit them through /api/clients.
// It holds no data of its own and uses the webapps' login (Tasklist or Cockpit) with its CSRF token.
'use strict';

const PROTECTIONS = ['backup', 'offsiteCopy', 'ups', 'endpointProtection', 'staffTraining', 'monitoring', 'mfa', 'patchManagement'];
let session = null;
let editing = null;

const $ = (selector) => document.querySelector(selector);

function say(text, problem) {
  const message = $('#message');
  message.textContent = text;
  message.className = problem ? 'problem' : '';
}

function api(method, path, body) {
  return reboundApi(method, path, body, session && session.csrfToken);
}

async function start() {
  const who = await api('GET', '/api/session');
  if (who.status !== 200) {
    say('Log in to Tasklist or Cockpit first, then come back to this page.', true);
    $('#list-section').hidden = true;
    return;
  }
  session = who.body;
  $('#who').textContent = session.userId;
  const editor = (session.groups || []).some((g) => g === 'managers' || g === 'camunda-admin');
  $('#new-client').hidden = !editor;
  $('#save').hidden = !editor;
  $('#toggle-active').hidden = !editor;
  const boxes = $('#protections');
  for (const p of PROTECTIONS) {
    const label = document.createElement('label');
    label.className = 'inline';
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.value = p;
    box.name = 'protections';
    label.append(box, ' ' + p);
    boxes.append(label);
  }
  $('#search').addEventListener('input', () => list());
  $('#show-inactive').addEventListener('change', () => list());
  $('#new-client').addEventListener('click', () => edit(null));
  $('#back').addEventListener('click', () => showList());
  $('#client-form').addEventListener('submit', (event) => { event.preventDefault(); save(); });
  $('#toggle-active').addEventListener('click', () => toggleActive());
  await list();
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
    for (const value of [`${c.name} (${c.id})`, c.sector, c.userCount, c.criticalityTier, `${c.responseTimeMinutes} min`,
      `${c.rtoHours} h / ${c.rpoHours} h`, c.active ? 'active' : 'deactivated']) {
      const cell = document.createElement('td');
      cell.textContent = value;
      row.append(cell);
    }
    row.addEventListener('click', () => edit(c));
    rows.append(row);
  }
}

function showList() {
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
  $('#edit-title').textContent = client ? client.name : 'New client';
  field('id').readOnly = !!client;
  $('#toggle-active').hidden = !client || $('#save').hidden;
  if (client) {
    $('#toggle-active').textContent = client.active ? 'Deactivate' : 'Activate';
    for (const name of ['id', 'name', 'sector', 'userCount', 'preferredLanguage', 'criticalityTier', 'responseTimeMinutes', 'rtoHours', 'rpoHours']) {
      field(name).value = client[name];
    }
    for (const name of ['days', 'start', 'end', 'timeZone']) {
      field('businessHours.' + name).value = client.businessHours[name];
    }
    field('businessHours.onlyDuringBusinessHours').checked = client.businessHours.onlyDuringBusinessHours;
    const agrees = client.contacts.find((c) => c.agreesObjectives) || client.contacts[0];
    for (const name of ['name', 'email', 'phone', 'role']) {
      field(`contacts[0].${name}`).value = agrees[name] || '';
    }
    for (const box of document.querySelectorAll('input[name=protections]')) {
      box.checked = client.protections.includes(box.value);
    }
  }
  $('#list-section').hidden = true;
  $('#edit-section').hidden = false;
}

function number(name) {
  const value = field(name).value;
  return value === '' ? null : Number(value);
}

function collect() {
  const others = editing ? editing.contacts.filter((c) => !c.agreesObjectives) : [];
  return {
    id: field('id').value.trim(), name: field('name').value.trim(), sector: field('sector').value.trim(),
    userCount: number('userCount'), criticalityTier: field('criticalityTier').value,
    responseTimeMinutes: number('responseTimeMinutes'), rtoHours: number('rtoHours'), rpoHours: number('rpoHours'),
    businessHours: {
      days: field('businessHours.days').value.trim(), start: field('businessHours.start').value.trim(),
      end: field('businessHours.end').value.trim(), timeZone: field('businessHours.timeZone').value.trim(),
      onlyDuringBusinessHours: field('businessHours.onlyDuringBusinessHours').checked
    },
    preferredLanguage: field('preferredLanguage').value,
    contacts: [{ name: field('contacts[0].name').value.trim(), email: field('contacts[0].email').value.trim(),
      phone: field('contacts[0].phone').value.trim() || null, role: field('contacts[0].role').value.trim() || null,
      agreesObjectives: true }].concat(others),
    protections: [...document.querySelectorAll('input[name=protections]:checked')].map((b) => b.value),
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
    const input = field(problem.field) || field(problem.field + '[0].name') || $('#protections');
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
    say(`Saved: ${result.body.name}.`);
    showList();
  } else if (result.status === 400 && result.body.errors) {
    say(result.body.message + ': see the fields marked below.', true);
    showErrors(result.body.errors);
  } else {
    say(result.body && result.body.message ? result.body.message : `Not saved (${result.status}).`, true);
  }
}

async function toggleActive() {
  const action = editing.active ? 'deactivate' : 'activate';
  const result = await api('POST', `/api/clients/${encodeURIComponent(editing.id)}/${action}`);
  if (result.status === 200) {
    say(`${result.body.name} is ${result.body.active ? 'active' : 'deactivated'}.`);
    showList();
  } else {
    say(result.body && result.body.message ? result.body.message : `Not changed (${result.status}).`, true);
  }
}

start();
