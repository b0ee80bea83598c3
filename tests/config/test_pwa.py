"""The app on the home screen (config/pwa.py): the manifest and its icons, the service worker
served from the root, the offline page, the policy that allows them, and log out emptying the
browser's caches. The browser's side is tests/e2e/test_pwa.py."""

import json
import re
import struct

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from config import pwa


def png_size(name: str) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk, which follows the 8-byte signature."""
    head = open(finders.find(name), "rb").read(24)  # noqa: SIM115
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR"
    return struct.unpack(">II", head[16:24])


def static_name(url: str) -> str:
    return url.removeprefix(
        settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/" + settings.STATIC_URL
    )


def test_manifest_is_json_with_its_content_type(client):
    response = client.get(reverse("manifest"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "Magnesium Tracker"
    assert manifest["short_name"] == "Mg Tracker"
    assert manifest["start_url"] == reverse("tracker:today") == "/"
    assert manifest["scope"] == "/"
    assert manifest["display"] == "standalone"


@pytest.mark.parametrize("name", ["manifest", "service_worker", "offline"])
def test_head_is_answered_as_get_is(client, name):
    # A monitor's or link checker's HEAD was a 405 (require_GET), unlike every other page.
    response = client.head(reverse(name))
    assert response.status_code == 200
    assert response["Content-Type"] == client.get(reverse(name))["Content-Type"]


def test_manifest_colours_are_the_stylesheets():
    css = open(finders.find("css/app.css")).read()  # noqa: SIM115
    assert f"--accent: {pwa.THEME_COLOR};" in css
    assert f"--bg: {pwa.BACKGROUND_COLOR};" in css


def test_manifest_icons_exist_with_the_sizes_they_claim(client):
    icons = json.loads(client.get(reverse("manifest")).content)["icons"]
    pngs = [icon for icon in icons if icon["type"] == "image/png"]
    assert {(icon["sizes"], icon["purpose"]) for icon in pngs} == {
        ("192x192", "any"),
        ("512x512", "any"),
        ("512x512", "maskable"),
    }
    for icon in pngs:
        width, height = png_size(static_name(icon["src"]))
        assert f"{width}x{height}" == icon["sizes"]
    svg = next(icon for icon in icons if icon["type"] == "image/svg+xml")
    assert finders.find(static_name(svg["src"]))


def test_apple_touch_icon_is_180_px():
    assert png_size("icons/apple-touch-icon-180.png") == (180, 180)


@pytest.mark.django_db
def test_every_page_links_the_manifest_theme_colour_icon_and_worker_script(client):
    html = client.get(reverse("login")).content.decode()
    assert f'<link rel="manifest" href="{reverse("manifest")}">' in html
    assert f'<meta name="theme-color" content="{pwa.THEME_COLOR}">' in html
    assert 'rel="apple-touch-icon"' in html
    assert re.search(r'<script src="[^"]*js/pwa\.js" data-worker="/sw\.js" defer>', html)


@pytest.mark.django_db
def test_service_worker_is_served_from_the_root_as_javascript_never_from_a_cache(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert response["Cache-Control"] == "no-cache"
    # A worker's scope can be no wider than its folder: at the root it covers the whole site.
    assert reverse("service_worker") == "/sw.js"
    body = response.content.decode()
    assert 'const OFFLINE_URL = "/offline/";' in body
    assert open(finders.find("js/sw.js")).read() in body  # noqa: SIM115


@pytest.mark.django_db
def test_service_worker_precaches_the_static_shell_and_the_offline_page(client):
    body = client.get("/sw.js").content.decode()
    shell = json.loads(re.search(r"^const SHELL = (.*);$", body, re.M).group(1))
    for name in ["css/app.css", "js/htmx-2.0.11.min.js", "js/pwa.js", "js/menu.js", "icons/icon-192.png"]:
        assert f"/{settings.STATIC_URL.strip('/')}/{name}" in shell
    assert "/offline/" in shell
    for url in shell[:-1]:
        assert finders.find(static_name(url)), url


def version(client) -> str:
    return re.search(
        r'^const VERSION = "([0-9a-f]{16})";$', client.get("/sw.js").content.decode(), re.M
    ).group(1)


@pytest.mark.django_db
def test_service_worker_version_changes_when_a_shell_file_changes(client, monkeypatch):
    before = version(client)
    assert version(client) == before
    real = pwa.source
    monkeypatch.setattr(
        pwa, "source", lambda name: real(name) + (b"/* new */" if name == "css/app.css" else b"")
    )
    assert version(client) != before


@pytest.mark.django_db
def test_service_worker_version_changes_when_the_offline_page_changes(client, monkeypatch):
    before = version(client)
    monkeypatch.setattr(pwa, "offline_html", lambda: "<p>changed</p>")
    assert version(client) != before


@pytest.mark.django_db
def test_offline_page_names_no_user_even_for_a_logged_in_one(alice_client, user):
    response = alice_client.get(reverse("offline"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "You are offline; nothing new can be saved." in html
    assert user.username not in html
    assert "Log out" not in html and "csrfmiddlewaretoken" not in html
    # Its offline notice is shown, not hidden as on other pages.
    assert re.search(r'<p id="offline-banner" class="offline-banner" role="status" >', html)


@pytest.mark.django_db
def test_other_pages_carry_the_offline_notice_hidden(client):
    html = client.get(reverse("login")).content.decode()
    assert '<p id="offline-banner" class="offline-banner" role="status" hidden>' in html


@pytest.mark.django_db
def test_policy_allows_the_worker_and_the_manifest_from_this_site_only(alice_client):
    policy = alice_client.get(reverse("tracker:today"))["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["worker-src"] == "'self'"
    assert directives["manifest-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["default-src"] == "'self'"


@pytest.mark.django_db
def test_log_out_empties_the_browsers_caches(alice_client):
    response = alice_client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'
    assert "_auth_user_id" not in alice_client.session


@pytest.mark.django_db
def test_pages_for_nobody_tell_the_page_script_to_forget_kept_day_pages(alice_client):
    assert "<body data-forget-pages>" in Client().get(reverse("login")).content.decode()
    assert "<body>" in alice_client.get(reverse("tracker:today")).content.decode()


@pytest.mark.django_db
def test_a_users_pages_name_them_by_a_pseudonym_the_same_on_each_page(alice_client, user, other_user):
    today = alice_client.get(reverse("tracker:today"))
    owner = today[pwa.PAGE_OWNER_HEADER]
    assert owner == alice_client.get(reverse("tracker:supplements"))[pwa.PAGE_OWNER_HEADER]
    assert str(user.pk) != owner and len(owner) == 32
    assert pwa.page_owner(other_user) != owner
    assert pwa.PAGE_OWNER_HEADER not in Client().get(reverse("login"))


def test_every_static_file_the_apps_templates_load_is_in_the_shell():
    # A script or stylesheet left out would be missing offline; the admin's pages are not the app's.
    templates = settings.BASE_DIR / "templates"
    loaded = {
        name
        for path in templates.rglob("*.html")
        if "admin" not in path.relative_to(templates).parts
        for name in re.findall(r"\{% static '([^']+)' %\}", path.read_text())
    }
    assert loaded and loaded <= set(pwa.SHELL), loaded - set(pwa.SHELL)
