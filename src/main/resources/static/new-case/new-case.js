// Rebound's "report a disaster" page: a technician opens a case by choosing among the active clients
// (POST /api/incidents) and reads its number at once. Uses the webapps' login and CSRF token.
'use strict';

let session = null;
const $ = (selector) => document.querySelector(selector);
// the criticality tiers as people read them (the API keeps the codes)
const TIERS = { critical: t('critical'), high: t('high'), standard: t('standard'), basic: t('basic') };

function say(text, problem) {
  $('#message').textContent = text;
  $('#message').className = problem ? 'problem' : '';
}

function field(name) {
  return $('#case-form').elements.namedItem(name);
}

function localNow() {
  const now = new Date();
  now.setSeconds(0, 0);
  return new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}

async function start() {
  const who = await reboundApi('GET', '/api/session');
  if (who.status === 401) {
    sessionStorage.setItem('rebound.returnTo', location.pathname + location.search);
    location.replace('/camunda/app/tasklist/default/');
    return;
  }
  session = who.body;
  const clients = await reboundApi('GET', '/api/clients?size=200&active=true');
  if (clients.status !== 200) {
    say(t('The clients cannot be read now ({0}). Try again in a moment.', clients.status), true);
    return;
  }
  const select = field('clientId');
  for (const c of [...clients.body.items].sort((a, b) => a.name.localeCompare(b.name))) {
    const option = document.createElement('option');
    option.value = c.id;
    option.dataset.name = c.name;
    option.textContent = t('{0} ({1}, RTO {2} h)', c.name, consoleHelpers.words(TIERS, c.criticalityTier), c.rtoHours);
    select.append(option);
  }
  field('detectedAt').value = localNow();
  $('#case-form').addEventListener('submit', (event) => { event.preventDefault(); openCase(); });
  $('#another').addEventListener('click', () => {
    $('#case-form').reset();
    field('detectedAt').value = localNow();
    $('#opened').hidden = true;
    $('#case-form').hidden = false;
    say('');
  });
  $('#case-form').hidden = false;
}

function clearErrors() {
  document.querySelectorAll('.error').forEach((e) => e.remove());
  document.querySelectorAll('.invalid').forEach((e) => e.classList.remove('invalid'));
}

async function openCase() {
  clearErrors();
  const detected = field('detectedAt').value;
  const systems = field('affectedSystems').value.split(',').map((s) => s.trim()).filter((s) => s);
  const report = {
    clientId: field('clientId').value, reportedBy: field('reportedBy').value.trim(), summary: field('summary').value.trim(),
    detectedAt: detected ? new Date(detected).toISOString() : null, affectedSystems: systems.length ? systems : null,
    personalDataAffected: field('personalDataAffected').checked
  };
  const answer = await reboundApi('POST', '/api/incidents', report, session.csrfToken);
  if (answer.status === 201) {
    const chosen = field('clientId');
    $('#case-number').textContent = answer.body.caseNumber;
    $('#case-client').textContent = chosen.options[chosen.selectedIndex].dataset.name;
    $('#to-report').href = '/api/incidents/' + encodeURIComponent(answer.body.caseNumber) + '/report';
    $('#case-form').hidden = true;
    $('#opened').hidden = false;
    say('');
  } else if (answer.status === 400 && answer.body && answer.body.errors) {
    say(t('The case was not opened: correct the fields marked below.'), true);
    for (const problem of answer.body.errors) {
      const input = field(problem.field.replace(/\[.*$/, ''));
      const note = document.createElement('span');
      note.className = 'error';
      note.textContent = problem.reason;
      if (input) {
        input.classList.add('invalid');
        input.after(note);
      } else {
        $('#case-form').prepend(note);
      }
    }
  } else {
    say(answer.body && answer.body.detail ? answer.body.detail : t('The case was not opened ({0}).', answer.status), true);
  }
}

start();
