/**
 * The Control UI's service worker: it keeps the app shell (page, script, styles, icon, manifest) so the page
 * opens offline and installs as an app. It never stores or answers anything else: no API data, no WebSocket,
 * no history. The network comes first; the cached shell is only the fallback.
 */
// The worker's own types, declared here: the `webworker` lib cannot share a program with `dom`.
type ExtendableEvent = Event & { waitUntil(work: Promise<unknown>): void };
type FetchEvent = ExtendableEvent & { request: Request; respondWith(response: Promise<Response>): void };
declare const self: {
  location: Location;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: "install" | "activate", listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: "fetch", listener: (event: FetchEvent) => void): void;
};
export {};

const CACHE = "warden-shell-v1";
const SHELL = ["/", "/app.js", "/app.css", "/manifest.webmanifest", "/icon.svg"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k)))).then(() => self.clients.claim()));
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  // INVARIANT: only same-origin GETs of the shell's own paths are ever cached or answered from the cache.
  if (event.request.method !== "GET" || url.origin !== self.location.origin || !SHELL.includes(url.pathname)) return;
  event.respondWith(
    fetch(event.request).then(
      (response) => {
        if (response.ok) {
          const copy = response.clone();
          void caches.open(CACHE).then((c) => c.put(url.pathname, copy));
        }
        return response;
      },
      () => caches.match(url.pathname).then((hit) => hit ?? Response.error()),
    ),
  );
});
