// Rebound's customisation of Camunda Tasklist (the webapps' documented config.js).
export default {
  app: {
    name: 'Tasklist',
    vendor: 'Rebound'
  },
  // Spanish for a browser that asks for it (locales/es.json, Rebound's translation), English otherwise
  locales: {
    availableLocales: ['en', 'es'],
    fallbackLocale: 'en'
  },
  // Rebound's pages (clients, outbox) in the header
  // rebound-form-errors: Complete enabled on a valid form with a dynamic list (see the script)
  customScripts: ['scripts/rebound-links', 'scripts/rebound-form-errors'],
  shortcuts: {
    claimTask: { key: "ctrl+alt+c", description: "claims the currently selected task" },
    focusFilter: { key: "ctrl+shift+f", description: "set the focus to the first filter in the list" },
    focusList: { key: "ctrl+alt+l", description: "sets the focus to the first task in the list" },
    focusForm: { key: "ctrl+alt+f", description: "sets the focus to the first input field in a task form" },
    startProcess: { key: "ctrl+alt+p", description: "opens the start process modal dialog" }
  }
};
