// Rebound's console in Cockpit's navigation (plugins of the documented kind, loaded by config.js): the cases and
// the dashboard, next to Cockpit's own Processes, Decisions, Human Tasks (or under More when the bar is full).
function link(label, href) {
  return (container) => {
    const a = document.createElement('a');
    a.href = href;
    a.textContent = label;
    a.className = 'rebound-link';
    container.replaceChildren(a);
  };
}

export default [
  { id: 'rebound.console-cases', pluginPoint: 'cockpit.navigation', priority: 200, render: link('Rebound cases', '/console/') },
  { id: 'rebound.console-dashboard', pluginPoint: 'cockpit.navigation', priority: 190,
    render: link('Rebound dashboard', '/console/dashboard.html') }
];
