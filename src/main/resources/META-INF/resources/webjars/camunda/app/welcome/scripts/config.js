// Rebound's customisation of Camunda Welcome (the webapps' documented config.js).
export default {
  app: {
    name: 'Welcome',
    vendor: 'Rebound'
  }
};
