// The agent app's service worker: keeps the app shell so /agent opens with no signal.
// Network first (a new binary's files are taken at once), the cache when the network fails.
// /api calls are never answered from here: the app keeps its packet and queue itself.
const CACHE = 'fieldplan-shell-v1';
const SHELL = ['/agent', '/app/agent.js', '/app/common.js', '/app/fieldplan.css', '/app/icon.svg', '/app/manifest.webmanifest'];

self.addEventListener('install', event => {
  event.waitUntil(caches.open(CACHE).then(c => c.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', event => {
  event.waitUntil(caches.keys()
    .then(keys => Promise.all(keys.filter(k => k !== CACHE).map(k => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', event => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
  const key = url.pathname;
  if (!SHELL.includes(key)) return;
  event.respondWith(fetch(event.request).then(response => {
    if (response.ok) { const copy = response.clone(); caches.open(CACHE).then(c => c.put(key, copy)); }
    return response;
  }).catch(() => caches.match(key).then(hit => hit || new Response('offline, and this file was never kept', { status: 503 }))));
});
