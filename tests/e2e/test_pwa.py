"""The app on the home screen (issue 17, item 4), in a real browser: the manifest is found, a
service worker controls the page, and offline the last day page seen comes back with the offline
notice (forms off), any other page with the offline page; after log out no one else sees it.
axe on the offline page and on the day page with its notice, at 375 and 1280 px.

Service workers need a secure context: the live server is http://localhost:…, which Chromium
counts as one."""

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import make_entry, make_food, make_profile

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
PASSWORD = "Kale&Quinoa-2026"
OFFLINE_NOTICE = "You are offline; nothing new can be saved."
PUMPKIN = "Seeds, pumpkin and squash seed kernels, dried"


def make_user(username: str) -> User:
    user = User.objects.create_user(username, f"{username}@example.com", PASSWORD)
    make_profile(user)
    return user


def log_in(page, live_server, username: str, next_url: str = "") -> None:
    page.goto(f"{live_server.url}{reverse('login')}{f'?next={next_url}' if next_url else ''}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def controlled_by_worker(page) -> bool:
    return page.evaluate("navigator.serviceWorker.controller !== null")


def install(page) -> None:
    """Wait for the worker to be active (the shell cached), then reload: the page is controlled."""
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    assert controlled_by_worker(page)


def form_fields_off(page) -> list[bool]:
    """For each field and button of the page's forms, whether it is disabled."""
    return page.evaluate("[...document.querySelectorAll('form button, form input')].map((f) => f.disabled)")


def kept_day_pages(page) -> list[str]:
    script = "caches.open('pages').then((c) => c.keys()).then((keys) => keys.map((k) => k.url))"
    return page.evaluate(script)


@pytest.fixture
def erin():
    user = make_user("erin")
    make_entry(user, make_food(PUMPKIN, fdc_id=170556), amount_g="28.35", on=timezone.localdate())
    return user


def test_the_manifest_is_found_by_its_link_with_its_icons(page, live_server):
    page.goto(live_server.url)
    href = page.locator("link[rel=manifest]").get_attribute("href")
    response = page.request.get(f"{live_server.url}{href}")
    assert response.ok and response.headers["content-type"] == "application/manifest+json"
    manifest = response.json()
    assert manifest["name"] == "Magnesium Tracker" and manifest["display"] == "standalone"
    for icon in manifest["icons"]:
        assert page.request.get(f"{live_server.url}{icon['src']}").ok, icon["src"]
    assert page.locator("meta[name=theme-color]").get_attribute("content") == manifest["theme_color"]


@pytest.mark.parametrize("width", [375, 1280])
def test_offline_the_last_day_page_comes_back_with_the_notice_and_other_pages_say_offline(
    page, context, live_server, erin, check_a11y, console_errors, width
):
    page.set_viewport_size({"width": width, "height": 800})
    log_in(page, live_server, "erin")
    expect(page.get_by_role("heading", name=re.compile("^Today"))).to_be_visible()
    install(page)
    banner = page.get_by_text(OFFLINE_NOTICE)
    expect(banner).to_be_hidden()
    assert kept_day_pages(page) == [f"{live_server.url}/"]

    context.set_offline(True)
    page.reload()
    expect(page.get_by_role("heading", name=re.compile("^Today"))).to_be_visible()
    expect(page.get_by_text(PUMPKIN).first).to_be_visible()
    expect(banner).to_be_visible()
    expect(page.get_by_text("This page is as it was when you last opened it online.")).to_be_visible()
    # Nothing can be saved: the page's forms are off.
    fields = form_fields_off(page)
    assert len(fields) > 3 and all(fields)
    expect(page.get_by_role("link", name="Add food to breakfast")).to_be_visible()
    check_a11y()

    # A page it never kept: the offline page, which names no one.
    page.goto(f"{live_server.url}{reverse('tracker:trends')}")
    expect(page.get_by_role("heading", name="This page is not available offline")).to_be_visible()
    expect(banner).to_be_visible()
    assert "erin" not in page.content()
    check_a11y()

    # Back online, the site answers again.
    context.set_offline(False)
    page.goto(f"{live_server.url}{reverse('tracker:trends')}")
    expect(page.get_by_role("heading", name="This page is not available offline")).to_have_count(0)
    expect(banner).to_be_hidden()
    assert console_errors == []


def test_going_offline_on_an_open_page_shows_the_notice_and_turns_forms_off(
    page, context, live_server, erin, console_errors
):
    log_in(page, live_server, "erin")
    log_out = page.get_by_role("button", name="Log out erin")
    expect(log_out).to_be_enabled()
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    context.set_offline(True)
    expect(page.get_by_text(OFFLINE_NOTICE)).to_be_visible()
    expect(log_out).to_be_disabled()
    context.set_offline(False)
    expect(page.get_by_text(OFFLINE_NOTICE)).to_be_hidden()
    expect(log_out).to_be_enabled()
    assert console_errors == []


def test_after_log_out_another_user_offline_never_sees_the_first_users_day(
    page, context, live_server, erin, console_errors
):
    make_user("farid")
    log_in(page, live_server, "erin")
    install(page)
    assert kept_day_pages(page) == [f"{live_server.url}/"]

    page.get_by_role("button", name="Log out erin").click()
    expect(page.get_by_text("You have been logged out.")).to_be_visible()
    assert kept_day_pages(page) == []

    # Farid logs in on the same phone and goes to the foods, then loses the network.
    log_in(page, live_server, "farid", next_url=reverse("foods:list"))
    expect(page.get_by_role("button", name="Log out farid")).to_be_attached()
    # Log out removed the worker (Clear-Site-Data "storage"); the log-in page installed it again.
    install(page)
    context.set_offline(True)
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="This page is not available offline")).to_be_visible()
    assert PUMPKIN not in page.content() and "erin" not in page.content()
    assert console_errors == []


def test_a_page_of_another_user_drops_the_day_pages_kept(page, context, live_server, erin):
    """Even with no page for nobody in between (as when someone logs in from the admin's log-in
    page, which the worker leaves alone), the first page of someone else empties the page cache."""
    farid = make_user("farid")
    log_in(page, live_server, "erin")
    install(page)
    page.goto(f"{live_server.url}/day/2026-01-01/")
    page.goto(f"{live_server.url}/day/1800-01-01/")  # a 404 is never kept
    assert sorted(kept_day_pages(page)) == [f"{live_server.url}/", f"{live_server.url}/day/2026-01-01/"]

    # Farid's session cookie, put in place directly.
    client = Client()
    client.force_login(farid)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto(f"{live_server.url}{reverse('foods:list')}")
    expect(page.get_by_role("button", name="Log out farid")).to_be_attached()
    assert kept_day_pages(page) == []
    page.goto(f"{live_server.url}/day/2026-01-01/")
    assert kept_day_pages(page) == [f"{live_server.url}/day/2026-01-01/"]


PUT_A_DAY_PAGE = (
    "caches.open('pages').then((c) => c.put('/', new Response('<p>erin day</p>'))).then(() => true)"
)


@pytest.fixture
def no_worker(browser, live_server):
    """A browser with no service worker, to see each of the other ways kept pages go."""
    context = browser.new_context(service_workers="block", base_url=live_server.url)
    yield context.new_page()
    context.close()


def test_the_log_in_page_deletes_the_kept_day_pages(no_worker, live_server, erin):
    page = no_worker
    log_in(page, live_server, "erin")
    page.evaluate(PUT_A_DAY_PAGE)
    assert kept_day_pages(page) == [f"{live_server.url}/"]
    page.context.clear_cookies()
    page.goto(reverse("login"))
    expect(page.get_by_role("button", name="Log in")).to_be_visible()
    page.wait_for_function("caches.keys().then((names) => !names.includes('pages'))")


def test_log_out_alone_empties_the_browsers_caches(no_worker, live_server, erin):
    page = no_worker
    # Not the page script this time: only the log out's Clear-Site-Data header is left.
    page.route("**/js/pwa.js", lambda route: route.fulfill(body="", content_type="application/javascript"))
    log_in(page, live_server, "erin")
    page.evaluate(PUT_A_DAY_PAGE)
    assert kept_day_pages(page) == [f"{live_server.url}/"]
    page.get_by_role("button", name="Log out erin").click()
    expect(page.get_by_text("You have been logged out.")).to_be_visible()
    assert kept_day_pages(page) == []


def test_only_the_fourteen_day_pages_seen_last_are_kept(page, live_server, erin):
    log_in(page, live_server, "erin")
    install(page)
    days = [f"{live_server.url}/day/2026-01-{day:02}/" for day in range(1, 16)]
    for url in days:
        page.goto(url)
    page.goto(days[3])  # seen again: now the newest
    kept = kept_day_pages(page)
    assert len(kept) == 14
    assert f"{live_server.url}/" not in kept and days[0] not in kept and days[3] in kept
