/* The service worker. config/pwa.py serves it at /sw.js with, in front of this file, VERSION,
   SHELL (the static shell's URLs and the offline page), OFFLINE_URL, STATIC_URL and OWNER_HEADER.

   - Static files: from the cache first (the shell is kept at install, under a name that holds
     VERSION; older shells are deleted when this worker takes over).
   - Pages: from the network first. Offline, a day page ("/" or "/day/<date>/") is answered with
     the last copy seen (of the KEEP_DAY_PAGES day pages seen last), and any other page with the
     offline page.
   - Day pages are sent with "Cache-Control: no-store, private" (they hold health data), and
     this worker keeps them all the same, on purpose: only the last copy of each day page, only
     when it is a successful GET for a logged-in user, and only that user's. Each page names its
     user (OWNER_HEADER, a pseudonym); a page for someone else, or for nobody (the log-in page),
     empties the page cache. Log out also empties it (Clear-Site-Data and static/js/pwa.js).
   - Never touched: POSTs, other sites, /admin/, /api/ and shared links; nothing under
     /accounts/ is kept. */
"use strict";

const SHELL_CACHE = "shell-" + VERSION;
const PAGE_CACHE = "pages"; // static/js/pwa.js deletes it by this name
const DAY_PAGE = /^\/(day\/\d{4}-\d{2}-\d{2}\/)?$/;
const KEEP_DAY_PAGES = 14; // the day pages seen last
const PASS_THROUGH = /^\/(admin|api|shared)\//; // shared/: the clinician's links (issue 17)

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(SHELL_CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(
        names.filter((name) => name !== SHELL_CACHE && name !== PAGE_CACHE).map((name) => caches.delete(name))
      ))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "forget-pages") {
    event.waitUntil(caches.delete(PAGE_CACHE));
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || PASS_THROUGH.test(url.pathname)) {
    return; // the browser's own handling
  }
  if (request.mode === "navigate") {
    event.respondWith(page(event, url));
  } else if (url.pathname.startsWith(STATIC_URL)) {
    event.respondWith(caches.match(request, { cacheName: SHELL_CACHE }).then((hit) => hit || fetch(request)));
  }
});

async function page(event, url) {
  let response;
  try {
    response = await fetch(event.request);
  } catch (error) {
    return offlineCopy(url);
  }
  event.waitUntil(remember(url, response.clone()));
  return response;
}

async function remember(url, response) {
  const owner = response.headers.get(OWNER_HEADER);
  const pages = await caches.open(PAGE_CACHE);
  for (const key of await pages.keys()) {
    const kept = await pages.match(key);
    if (!kept || kept.headers.get(OWNER_HEADER) !== owner) {
      await pages.delete(key);
    }
  }
  const html = (response.headers.get("Content-Type") || "").startsWith("text/html");
  if (owner && html && response.status === 200 && !response.redirected && response.type === "basic"
      && DAY_PAGE.test(url.pathname) && !url.pathname.startsWith("/accounts/")) {
    await pages.delete(url.origin + url.pathname); // so that the newest comes last
    await pages.put(url.origin + url.pathname, response);
    const keys = await pages.keys();
    for (const key of keys.slice(0, Math.max(0, keys.length - KEEP_DAY_PAGES))) {
      await pages.delete(key);
    }
  }
}

async function offlineCopy(url) {
  let copy;
  if (DAY_PAGE.test(url.pathname)) {
    copy = await caches.match(url.origin + url.pathname, { cacheName: PAGE_CACHE });
  }
  if (!copy) {
    copy = await caches.match(OFFLINE_URL, { cacheName: SHELL_CACHE });
  }
  if (!copy) {
    return Response.error();
  }
  // Marked, so that static/js/pwa.js says it is a copy and keeps its forms off until a reload;
  // the copy's own headers (its Content-Security-Policy among them) go with it.
  const html = (await copy.text()).replace("<html ", "<html data-offline-copy ");
  return new Response(html, { status: 200, headers: copy.headers });
}
