// Rebound's customisation of Camunda Admin (the webapps' documented config.js).
export default {
  app: {
    name: 'Admin',
    vendor: 'Rebound'
  }
};
