"""The app on the phone's home screen: the web app manifest, the service worker (served from the
site root, so that its scope is the whole site) and the page it shows offline.

static/js/sw.js is the worker; this view puts in front of it what only the server knows: the
static shell's URLs (hashed in production), a version that changes whenever a shell file, the
worker or the offline page changes (so the browser installs the new worker and drops the old
caches), and the header that names whose page a response is (PAGE_OWNER_HEADER)."""

import hashlib
import json

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.views.decorators.http import require_safe

# Kept in the worker's cache at install: every stylesheet and script a page of the app loads
# (the admin's aside), the icons, and the offline page (OFFLINE_URL).
SHELL = [
    "css/app.css",
    "favicon.svg",
    "icons/icon-192.png",
    "icons/icon-512.png",
    "icons/maskable-512.png",
    "icons/apple-touch-icon-180.png",
    "js/entry.js",
    "js/htmx-2.0.11.min.js",
    "js/menu.js",
    "js/profile.js",
    "js/pwa.js",
    "js/share_link.js",
    "js/time_zone.js",
]
WORKER = "js/sw.js"
THEME_COLOR = "#0b6e4f"  # --accent in static/css/app.css
BACKGROUND_COLOR = "#fbfcfc"  # --bg
# A pseudonym of the logged-in user on each page (an HMAC of the id, so no id shows): the worker
# keeps day pages of one user only and drops them when a page of someone else, or nobody, comes.
PAGE_OWNER_HEADER = "X-Page-Owner"


def page_owner(user) -> str:
    return salted_hmac("config.pwa.page_owner", str(user.pk)).hexdigest()[:32]


@require_safe
def manifest(request):
    icons = [
        {"src": static("icons/icon-192.png"), "sizes": "192x192", "type": "image/png", "purpose": "any"},
        {"src": static("icons/icon-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "any"},
        {
            "src": static("icons/maskable-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
        {"src": static("favicon.svg"), "sizes": "any", "type": "image/svg+xml", "purpose": "any"},
    ]
    body = {
        "id": "/",
        "name": "Magnesium Tracker",
        "short_name": "Mg Tracker",
        "description": "A private daily log of the magnesium you eat.",
        "lang": "en",
        "start_url": reverse("tracker:today"),
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOR,
        "background_color": BACKGROUND_COLOR,
        "icons": icons,
    }
    return JsonResponse(body, content_type="application/manifest+json")


def offline_html() -> str:
    # Rendered without the request: the same page for everyone, with no user's name in it.
    return render_to_string("offline.html")


@require_safe
def offline(request):
    return HttpResponse(offline_html())


def source(name: str) -> bytes:
    path = finders.find(name)
    return open(path, "rb").read() if path else b""  # noqa: SIM115 (read whole, closed at once)


@require_safe
def service_worker(request):
    urls = [static(name) for name in SHELL]
    offline_url = reverse("offline")
    worker = source(WORKER)
    version = hashlib.sha256()
    for part in [worker, offline_html().encode(), *(url.encode() for url in urls), *map(source, SHELL)]:
        version.update(hashlib.sha256(part).digest())
    settings_js = {
        "VERSION": version.hexdigest()[:16],
        "SHELL": [*urls, offline_url],
        "OFFLINE_URL": offline_url,
        "STATIC_URL": settings.STATIC_URL,
        "OWNER_HEADER": PAGE_OWNER_HEADER,
    }
    head = "".join(f"const {name} = {json.dumps(value)};\n" for name, value in settings_js.items())
    response = HttpResponse(head.encode() + worker, content_type="application/javascript; charset=utf-8")
    # The browser checks for a new worker on each visit; no cache may answer for the server.
    response["Cache-Control"] = "no-cache"
    return response
