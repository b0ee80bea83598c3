/* The app on the home screen (config/pwa.py, static/js/sw.js), on every page:
   - registers the service worker;
   - offline, or on a copy the worker kept, shows "You are offline; nothing new can be saved"
     and turns the page's forms off (back on when the network returns, except on a copy);
   - on a page for nobody logged in (data-forget-pages: the log-in page after log out), deletes
     the day pages the worker kept, so the next user never sees them. */
(function () {
  "use strict";
  var script = document.currentScript;
  var copy = document.documentElement.hasAttribute("data-offline-copy");
  var banner = document.getElementById("offline-banner");
  var copyNote = document.getElementById("offline-copy");

  function setOffline(offline) {
    if (banner) {
      banner.hidden = !offline;
    }
    document.querySelectorAll("form button, form input, form select, form textarea").forEach(function (field) {
      if (offline && !field.disabled) {
        field.disabled = true;
        field.setAttribute("data-offline-disabled", "");
      } else if (!offline && field.hasAttribute("data-offline-disabled")) {
        field.disabled = false;
        field.removeAttribute("data-offline-disabled");
      }
    });
  }

  if (copy && copyNote) {
    copyNote.hidden = false;
  }

  function update() {
    setOffline(copy || !navigator.onLine);
  }

  if (document.body.hasAttribute("data-forget-pages") && "caches" in window) {
    window.caches.delete("pages");
    if ("serviceWorker" in navigator && navigator.serviceWorker.controller) {
      navigator.serviceWorker.controller.postMessage({ type: "forget-pages" });
    }
  }
  if ("serviceWorker" in navigator && script && script.dataset.worker) {
    navigator.serviceWorker.register(script.dataset.worker, { scope: "/" }).catch(function () {
      // No worker (a private window, an old browser): the site works as before, online only.
    });
  }
  window.addEventListener("online", update);
  window.addEventListener("offline", update);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", update);
  } else {
    update();
  }
})();
