// Rebound's customisation of Camunda Cockpit (the webapps' documented config.js).
export default {
  app: {
    name: 'Cockpit',
    vendor: 'Rebound'
  },
  // Spanish for a browser that asks for it (locales/es.json, Rebound's translation), English otherwise
  locales: {
    availableLocales: ['en', 'es'],
    fallbackLocale: 'en'
  },
  // Rebound's console (cases, dashboard) in the header
  customScripts: ['scripts/rebound-links']
};
