// Rebound's own pages in Tasklist's header (a plugin of the documented kind, loaded by config.js): reporting a
// disaster, the console's cases and the clients for everyone, the dashboard for managers (the console's own header
// leads on to the outbox and monitoring); nothing a user could not open, and few enough to keep the header on one line.
// In the reader's language, with the staff pages' words.
import { translations } from '/common/webapp-i18n.js';

export default {
  id: 'rebound.links',
  pluginPoint: 'tasklist.navbar.action',
  priority: 5,
  render: (node) => {
    Promise.all([fetch('/api/session', { credentials: 'same-origin',
      headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' } })
      .then((answer) => (answer.ok ? answer.json() : null)), translations()])
      .then(([session, t]) => {
        if (!session) {
          return;
        }
        // a Rebound page sent this user to log in: back to it (only a path of this site)
        const returnTo = sessionStorage.getItem('rebound.returnTo');
        if (returnTo) {
          sessionStorage.removeItem('rebound.returnTo');
          if (/^\/[^/\\]/.test(returnTo)) {
            location.replace(returnTo);
            return;
          }
        }
        const managers = (session.groups || []).some((g) => g === 'managers' || g === 'camunda-admin');
        const links = [[t('Report a disaster'), '/new-case/'], [t('Cases'), '/console/'], [t('Clients'), '/clients/']]
          .concat(managers ? [[t('Dashboard'), '/console/dashboard.html']] : []);
        node.className = 'rebound-links';   // one line, however narrow Tasklist makes its header's item
        node.replaceChildren(...links.map(([label, href]) => {
          const link = document.createElement('a');
          link.href = href;
          link.textContent = label;
          link.className = 'rebound-link';
          return link;
        }));
      });
  }
};
