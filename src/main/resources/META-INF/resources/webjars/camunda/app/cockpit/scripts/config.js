// Rebound's customisation of Camunda Cockpit (the webapps' documented config.js).
export default {
  app: {
    name: 'Cockpit',
    vendor: 'Rebound'
  },
  // Rebound's console (cases, dashboard) in the header
  customScripts: ['scripts/rebound-links']
};
