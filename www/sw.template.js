// The checker's service worker (written by scripts/finish-site.mjs at build time).
// Online, every request goes to the network, so the newest rules are always used; the cache is
// only a fallback for when the network is off. The cache holds one complete, consistent copy of
// the site, named after a hash of its files: a new rule set means a new cache, and the old one
// is deleted.
const CACHE = '__CACHE__';
const FILES = __FILES__;
// Files the page does not load itself (the marked copy's worker, the templates…): kept in the
// cache when first fetched.
const ON_DEMAND = __ON_DEMAND__.map((f) => new URL(f, self.location).href);

// The page has just loaded these files: take them from the browser's HTTP cache where it has
// them ('force-cache'), so that installing downloads nothing a second time.
self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => Promise.all(FILES.map(async (file) => {
        const response = await fetch(file, { cache: 'force-cache' });
        if (!response.ok) throw new Error(`${file}: ${response.status}`);
        await cache.put(file, response);
      })))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('bcf-check-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// Asked by the page once it is quiet (and every visit after, which costs nothing once done):
// store the parts it fetches only on demand, one at a time, so that every feature works offline
// after a first visit. A part that cannot be fetched now is left for the next visit.
self.addEventListener('message', (event) => {
  if (event.data !== 'bcf-check:store-the-rest') return;
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    for (const url of ON_DEMAND) {
      if (await cache.match(url, { ignoreVary: true })) continue;
      try {
        const response = await fetch(url);
        if (response.ok) await cache.put(url, response);
      } catch {
        return;
      }
    }
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    fetch(request).then((response) => {
      if (response.ok && ON_DEMAND.includes(request.url)) {
        const copy = response.clone();
        event.waitUntil(caches.open(CACHE).then((cache) => cache.put(request, copy)));
      }
      return response;
    }).catch(async () => {
      const cache = await caches.open(CACHE);
      const hit = await cache.match(request, { ignoreSearch: request.mode === 'navigate' });
      return hit ?? (request.mode === 'navigate' ? cache.match('./') : Response.error());
    }),
  );
});
