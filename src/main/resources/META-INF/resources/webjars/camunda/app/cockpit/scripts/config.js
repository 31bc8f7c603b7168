// Rebound's customisation of Camunda Cockpit (the webapps' documented config.js).
export default {
  app: {
    name: 'Cockpit',
    vendor: 'Rebound'
  }
};
