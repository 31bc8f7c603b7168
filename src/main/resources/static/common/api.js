// Rebound's pages call Rebound's API with the webapps' login (the session cookie) and, for changes,
// the webapps' CSRF token (from /api/session). Answers come back as {status, body}.
'use strict';

async function reboundApi(method, path, body, csrfToken) {
  // X-Requested-With: a 401 comes without a Basic challenge, so the page handles it (no password dialog)
  const headers = { 'Accept': 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (method !== 'GET' && csrfToken) {
    headers['X-XSRF-TOKEN'] = csrfToken;
  }
  const response = await fetch(path, { method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}
