// Rebound's customisation of Camunda Admin (the webapps' documented config.js).
export default {
  app: {
    name: 'Admin',
    vendor: 'Rebound'
  },
  // Spanish for a browser that asks for it (locales/es.json, Rebound's translation), English otherwise
  locales: {
    availableLocales: ['en', 'es'],
    fallbackLocale: 'en'
  }
};
