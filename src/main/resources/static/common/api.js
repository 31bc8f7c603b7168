// Rebound's pages call Rebound's API with the webapps' login (the session cookie) and, for changes,
// the webapps' CSRF token (from /api/session). Answers come back as {status, body}.
'use strict';

async function reboundApi(method, path, body, csrfToken) {
  const headers = { 'Accept': 'application/json' };
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
