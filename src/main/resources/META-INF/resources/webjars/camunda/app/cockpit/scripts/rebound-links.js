// Rebound's console in Cockpit's header (a plugin of the documented kind, loaded by config.js): the cases and the
// dashboard, next to Cockpit's own Processes, Decisions...
export default {
  id: 'rebound.console-links',
  pluginPoint: 'cockpit.navbar.action',
  priority: 50,
  render: (node) => {
    const links = [['Rebound cases', '/console/'], ['Rebound dashboard', '/console/dashboard.html']];
    node.replaceChildren(...links.map(([label, href]) => {
      const link = document.createElement('a');
      link.href = href;
      link.textContent = label;
      link.className = 'rebound-link';
      return link;
    }));
  }
};
