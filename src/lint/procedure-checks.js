// Rebound's checks of the procedure folder that bpmnlint does not make: what Tasklist 7.24 needs to show every step, and
// which texts of the forms have no translation in translations/forms_<language>.properties (a text without one is shown
// in the form's own words: said, not a problem). Usage: node procedure-checks.js <folder>. Exit 0 clean (translations
// missing are listed), 1 with problems (one line each).
'use strict';
const fs = require('fs');
const path = require('path');

// the form components Tasklist 7.24's form-js (1.8) draws; a newer one would show an empty space
const RENDERED = new Set(['textfield', 'textarea', 'number', 'datetime', 'expression', 'checkbox', 'checklist', 'radio',
  'select', 'taglist', 'text', 'image', 'table', 'html', 'spacer', 'separator', 'group', 'dynamiclist', 'iframe', 'button',
  'default']);

const folder = path.resolve(process.argv[2] || '.');
const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true })
  .flatMap((e) => (e.isDirectory() ? (e.name === 'node_modules' ? [] : walk(path.join(dir, e.name))) : [path.join(dir, e.name)]));
const files = walk(folder).sort();
const problems = [];
const untranslated = [];
const problem = (file, text) => problems.push(`${path.relative(folder, file)}: ${text}`);
// the visible texts of a component, as the translations key them (FormTranslations in Rebound reads the same keys)
const TEXTS = ['label', 'description', 'text', 'dateLabel', 'timeLabel'];
const MARKS = /\{\{[^}]*}}|\]\([^)]*\)/g;
const marks = (text) => (String(text).match(MARKS) || []).sort();
// what a translation lost and added of its English's {{variables}} and link targets ('' when it kept them all)
const lostMarks = (english, own) => {
  const mine = marks(own);
  const theirs = marks(english);
  const lost = theirs.filter((m) => !mine.includes(m));
  const added = mine.filter((m) => !theirs.includes(m));
  return lost.length || added.length ? [...lost.map((m) => 'lost ' + m), ...added.map((m) => 'added ' + m)].join(', ') : '';
};
const formTexts = [];   // { file, key, english, field }

const formIds = new Set();
for (const file of files.filter((f) => f.endsWith('.form'))) {
  let form;
  try {
    form = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    problem(file, `not a form (JSON): ${e.message}`);
    continue;
  }
  if (form.id) {
    formIds.add(form.id);
  } else {
    problem(file, 'the form has no id: a step refers to its form by id (camunda:formRef)');
  }
  const visit = (component) => {
    for (const child of component.components || []) {
      if (!RENDERED.has(child.type)) {
        problem(file, `"${child.type}" (${child.id || child.key}) is not drawn by Tasklist 7.24 (form-js 1.8)`);
      }
      const prefix = `${form.id}.${child.id}.`;
      const field = child.key || child.id;
      for (const text of TEXTS) {
        if (typeof child[text] === 'string' && child[text].trim()) {
          formTexts.push({ file, key: prefix + text, english: child[text], field });
        }
      }
      for (const option of child.values || []) {
        if (typeof option.label === 'string') {
          formTexts.push({ file, key: `${prefix}values.${option.value}`, english: option.label, field });
        }
      }
      visit(child);
    }
  };
  visit(form);
}

for (const file of files.filter((f) => f.endsWith('.bpmn'))) {
  const xml = fs.readFileSync(file, 'utf8');
  for (const [, kind, attributes] of xml.matchAll(/<(?:bpmn2?:)?(userTask|startEvent)\b([^>]*)>/g)) {
    const attribute = (name) => (attributes.match(new RegExp(`\\b${name}="([^"]*)"`)) || [])[1];
    const id = attribute('id');
    const formRef = attribute('camunda:formRef');
    if (kind === 'userTask') {
      if (!attribute('camunda:candidateGroups') && !attribute('camunda:assignee') && !attribute('camunda:candidateUsers')) {
        problem(file, `step ${id} has no candidate group: nobody would see it in Tasklist`);
      }
      if (!formRef && !attribute('camunda:formKey')) {
        problem(file, `step ${id} has no form`);
      }
    }
    if (formRef) {
      if (!['latest', 'deployment', 'version'].includes(attribute('camunda:formRefBinding'))) {
        problem(file, `${id}: camunda:formRef needs a binding (latest)`);
      }
      if (!formRef.includes('${') && !formIds.has(formRef)) {
        problem(file, `${id}: no .form in the folder has the id "${formRef}"`);
      }
    }
  }
}

// Java's properties format, as Rebound reads the translations: key=value (or key: value), \ continues a line, # and ! comments
function readProperties(file) {
  const texts = new Map();
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i].replace(/^\s+/, '');
    if (!line || line.startsWith('#') || line.startsWith('!')) {
      continue;
    }
    while (/(^|[^\\])(\\\\)*\\$/.test(line) && i + 1 < lines.length) {
      line = line.slice(0, -1) + lines[++i].replace(/^\s+/, '');
    }
    const at = line.search(/(^|[^\\])[=:]/);
    const split = at < 0 ? line.length : at + (line[at] === '=' || line[at] === ':' ? 0 : 1);
    const unescape = (text) => text.replace(/\\u([0-9a-fA-F]{4})/g, (m, hex) => String.fromCharCode(parseInt(hex, 16)))
      .replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\(.)/g, '$1');
    texts.set(unescape(line.slice(0, split).trim()), unescape(line.slice(split + 1).replace(/^\s+/, '')));
  }
  return texts;
}

for (const file of files.filter((f) => /(^|[\\/])translations[\\/]forms_[a-z]{2}\.properties$/.test(f))) {
  const language = file.match(/forms_([a-z]{2})\.properties$/)[1];
  const translations = readProperties(file);
  const known = new Set();
  for (const text of formTexts) {
    known.add(text.key);
    const own = translations.get(text.key);
    if (own === undefined) {
      untranslated.push(`${path.relative(folder, text.file)}: "${text.english.split('\n')[0].slice(0, 60)}" (field ${text.field}) has `
        + `no ${language} translation: add ${text.key}=… to ${path.relative(folder, file)}`);
    } else if (lostMarks(text.english, own)) {
      problem(file, `${text.key}: the translation must keep the form's {{variables}} and links (${lostMarks(text.english, own)})`);
    }
  }
  for (const key of translations.keys()) {
    if (!known.has(key)) {
      untranslated.push(`${path.relative(folder, file)}: ${key} translates a text no form has (a field renamed or removed?)`);
    }
  }
}

for (const line of problems) {
  console.log(line);
}
if (untranslated.length) {
  console.log(`${untranslated.length} text(s) without a translation, shown in the form's own words until one is added:`);
  for (const line of untranslated) {
    console.log('  ' + line);
  }
}
console.log(problems.length ? `${problems.length} problem(s)` : 'procedure checks: clean');
process.exit(problems.length ? 1 : 0);
