// Rebound's checks of the procedure folder that bpmnlint does not make: what Tasklist 7.24 needs to show
// every step. Usage: node procedure-checks.js <folder>. Exit 0 clean, 1 with problems (one line each).
'use strict';
const fs = require('fs');
const path = require('path');

// the form components Tasklist 7.24's form-js (1.8) draws; a newer one would show an empty space
const RENDERED = new Set(['textfield', 'textarea', 'number', 'datetime', 'expression', 'checkbox', 'checklist', 'radio',
  'select', 'taglist', 'text', 'image', 'table', 'html', 'spacer', 'separator', 'group', 'dynamiclist', 'iframe', 'button',
  'default']);

const folder = path.resolve(process.argv[2] || '.');
const files = fs.readdirSync(folder).map((name) => path.join(folder, name));
const problems = [];
const problem = (file, text) => problems.push(`${path.basename(file)}: ${text}`);

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

for (const line of problems) {
  console.log(line);
}
console.log(problems.length ? `${problems.length} problem(s)` : 'procedure checks: clean');
process.exit(problems.length ? 1 : 0);
