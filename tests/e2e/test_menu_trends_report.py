"""Issue 18 at phone and desktop widths, with axe on every page: the main menu behind one button
on a phone (and every link without JavaScript), a trends chart whose text stays readable and
whose y-axis labels are never clipped, a top-foods table that fits, and the report naming the
days supplements went over the upper limit, its supplements table fitting a phone."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.test_logging_at_the_table import log_in
from tests.factories import make_entry, make_food, make_supplement

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
LINKS = ["Today", "Supplements", "Trends", "Foods", "Learn", "My foods", "Profile"]

# Every visible <text> of the chart: its rendered font size (CSS size × the SVG's scale) and its
# box against its own SVG's box, in CSS px.
CHART_TEXTS = """() => [...document.querySelectorAll('.chart svg text')]
  .filter(text => text.checkVisibility())
  .map(text => {
    const box = text.getBoundingClientRect(), frame = text.ownerSVGElement.getBoundingClientRect();
    return {
      text: text.textContent,
      size: parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a,
      inside: box.left >= frame.left && box.right <= frame.right
        && box.top >= frame.top && box.bottom <= frame.bottom,
    };
  })"""


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


@pytest.fixture
def big_days():
    """Foods with long names, and a day of 1,450 mg: the chart's scale goes to 1,500 mg."""
    return (
        make_food("Seeds, pumpkin and squash seed kernels, dried", magnesium_mg=Decimal(290)),
        make_food(
            "Cereals ready-to-eat, bran flakes, unfortified wholegrainextravaganza", magnesium_mg=Decimal(200)
        ),
    )


def log_big_days(user, foods, days: int = 30) -> None:
    today = timezone.localdate()
    make_entry(user, foods[0], amount_g="500", on=today)  # 1,450 mg
    for back in range(1, days, 3):
        make_entry(user, foods[1], amount_g="150", on=today - timedelta(days=back))
        make_supplement(user, elemental_mg="400", on=today - timedelta(days=back))


def assert_chart_readable(page):
    texts = page.evaluate(CHART_TEXTS)
    assert "1,500 mg" in [text["text"] for text in texts]
    small = [text for text in texts if text["size"] < 11]
    clipped = [text["text"] for text in texts if not text["inside"]]
    assert small == [] and clipped == []
    assert len([text for text in texts if text["text"].endswith(" mg")]) >= 3  # the y-axis labels


@pytest.mark.parametrize("width", [375, 1280])
def test_trends_chart_text_stays_readable_and_unclipped_and_top_foods_fit(
    page, live_server, big_days, check_a11y, console_errors, width
):
    user = log_in(page, live_server, "nina", width)
    log_big_days(user, big_days)
    for days in (7, 30, 365):
        page.goto(f"{live_server.url}{reverse('tracker:trends')}?days={days}")
        assert_chart_readable(page)
        assert page_width(page)[0] <= width, days
    top_foods = page.locator("table.top-foods")
    expect(top_foods).to_contain_text("wholegrainextravaganza")
    # Not cut off: the table fits its box, which does not scroll sideways.
    assert top_foods.evaluate("t => t.parentElement.scrollWidth <= t.parentElement.clientWidth")
    assert top_foods.bounding_box()["width"] <= width
    check_a11y()
    assert console_errors == []


@pytest.mark.parametrize("width", [375, 1280])
def test_the_report_names_the_days_over_the_supplement_limit(
    page, live_server, big_days, check_a11y, console_errors, width
):
    user = log_in(page, live_server, "olga", width)
    log_big_days(user, big_days, days=7)  # 400 mg of supplements on 2 of the last 7 days
    page.goto(f"{live_server.url}{reverse('tracker:report')}")
    limit = page.locator(".supplement-limit")
    expect(limit).to_contain_text(
        re.compile(r"^Supplements over the 350 mg limit on 2 days: .*\(400 mg\), .*\(400 mg\)\.")
    )
    assert_chart_readable(page)
    assert page_width(page)[0] <= width
    check_a11y()
    assert console_errors == []
