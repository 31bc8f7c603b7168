// Rebound's console in Cockpit's navigation (plugins of the documented kind, loaded by config.js): the cases and
// the dashboard, next to Cockpit's own Processes, Decisions, Human Tasks (or under More when the bar is full); in the
// reader's language, with the staff pages' words.
import { translations } from '/common/webapp-i18n.js';

// label: the link's text from a translation function (English until the translations are read)
function link(label, href) {
  return (container) => {
    const a = document.createElement('a');
    a.href = href;
    a.textContent = label((english) => english);
    a.className = 'rebound-link';
    container.replaceChildren(a);
    translations().then((t) => {
      a.textContent = label(t);
    });
  };
}

export default [
  { id: 'rebound.console-cases', pluginPoint: 'cockpit.navigation', priority: 200, render: link((t) => t('Rebound cases'), '/console/') },
  { id: 'rebound.console-dashboard', pluginPoint: 'cockpit.navigation', priority: 190,
    render: link((t) => t('Rebound dashboard'), '/console/dashboard.html') }
];
