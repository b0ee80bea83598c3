"""Issue 18 at phone and desktop widths, with axe on every page: the main menu behind one button
on a phone, and every link without JavaScript."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.test_logging_at_the_table import log_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
LINKS = ["Today", "Supplements", "Trends", "Foods", "Learn", "My foods", "Profile"]


def page_width(page) -> tuple[int, int]:
    return tuple(page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]"))


def main_nav(page):
    return page.get_by_role("navigation", name="Main")


@pytest.mark.parametrize("width", [375, 1280])
def test_the_menu_is_one_button_on_a_phone_and_the_full_list_on_a_desktop(
    page, live_server, check_a11y, console_errors, width
):
    log_in(page, live_server, "mia", width)
    nav = main_nav(page)
    menu = nav.get_by_role("button", name="Menu")
    if width == 1280:
        expect(menu).to_be_hidden()
        for name in LINKS:
            expect(nav.get_by_role("link", name=name, exact=True)).to_be_visible()
        assert nav.bounding_box()["height"] < 60  # one line
        check_a11y()
        assert console_errors == []
        return

    # A phone: the brand and one button, on one line.
    expect(menu).to_be_visible()
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_have_attribute("aria-controls", "main-menu")
    expect(nav.get_by_role("link", name="Mg Tracker")).to_be_visible()
    for name in LINKS:
        expect(nav.get_by_role("link", name=name, exact=True)).to_be_hidden()
    assert nav.bounding_box()["height"] < 60
    check_a11y()

    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    for name in LINKS:
        expect(nav.get_by_role("link", name=name, exact=True)).to_be_visible()
    expect(nav.get_by_role("button", name="Log out mia")).to_be_visible()
    check_a11y()

    # By keyboard: Escape closes it and leaves the focus on the button; Enter opens it, Tab
    # reaches the first link, Enter follows it.
    page.keyboard.press("Escape")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_focused()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Tab")
    expect(nav.get_by_role("link", name="Today", exact=True)).to_be_focused()
    menu.click()
    nav.get_by_role("button", name="Menu").click()
    nav.get_by_role("link", name="Trends", exact=True).click()
    expect(page.get_by_role("heading", name="Trends", exact=True)).to_be_visible()
    expect(main_nav(page).get_by_role("button", name="Menu")).to_have_attribute("aria-expanded", "false")
    assert page_width(page)[0] <= 375
    assert console_errors == []


def test_without_javascript_the_menu_shows_every_link(browser, live_server):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(f"{live_server.url}{reverse('learn:index')}")
    nav = main_nav(page)
    expect(nav.get_by_role("button", name="Menu")).to_be_hidden()
    for name in ("Foods", "Learn", "Log in", "Sign up"):
        expect(nav.get_by_role("link", name=name, exact=True)).to_be_visible()
    context.close()
