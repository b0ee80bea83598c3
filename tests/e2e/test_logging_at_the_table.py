"""Logging at the table (issue 18), in a real browser at phone and desktop widths with axe on every
page: a new food from the day page in two page loads (search as you type, then Log), a recent one
in one, a search for nonsense, and no page wider than a 375 px screen."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.navigation import nav_link
from tests.factories import make_entry, make_food, make_portion, make_profile, make_supplement
from tracker.models import IntakeEntry

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
PASSWORD = "Kale&Quinoa-2026"
PUMPKIN = "Seeds, pumpkin and squash seed kernels, dried"


@pytest.fixture
def pumpkin():
    food = make_food(PUMPKIN, fdc_id=170556, magnesium_mg=Decimal(592))  # reference amount 30 g
    make_portion(food, "1 cup", "129")  # USDA lists the cup first
    make_portion(food, "1 oz", "28.35")
    return food


def log_in(page, live_server, username: str, width: int, has_ckd: bool = False) -> User:
    user = User.objects.create_user(username, f"{username}@example.com", PASSWORD)
    make_profile(user, has_ckd=has_ckd)
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{live_server.url}{reverse('login')}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name=re.compile("^Today"))).to_be_visible()
    return user


def page_loads(page) -> list[str]:
    """The URLs of the documents the browser loads from now on (htmx's requests are not among them)."""
    loads: list[str] = []
    page.on("load", lambda: loads.append(page.url))
    return loads


@pytest.mark.parametrize("width", [375, 1280])
def test_pumpkin_seeds_from_the_day_page_in_two_taps_log_one_ounce(
    page, live_server, pumpkin, check_a11y, console_errors, width
):
    erin = log_in(page, live_server, "erin", width)
    loads = page_loads(page)
    page.get_by_role("link", name="Add food to snack").click()  # tap 1, load 1
    page.get_by_label("Search foods").press_sequentially("pumpkin seeds", delay=20)  # typing: no load
    log = page.get_by_role("button", name=f"Log {PUMPKIN}")
    expect(log).to_be_visible()
    assert len(loads) == 1, loads
    check_a11y()  # the food list with its results swapped in by htmx
    log.click()  # tap 2, load 2: the day page
    expect(page.locator("#meal-snack")).to_be_visible()
    expect(page.get_by_text(f"Logged {PUMPKIN}.")).to_be_visible()
    assert len(loads) == 2, loads
    entry = IntakeEntry.objects.get(user=erin)
    assert (entry.meal, entry.amount_g, entry.portion.description) == ("snack", Decimal("28.350"), "1 oz")
    check_a11y()

    # A recent food in one tap, from the day page.
    loads.clear()
    page.get_by_role("button", name=re.compile(f"^Log again {re.escape(PUMPKIN)}")).click()
    expect(page.get_by_text(re.compile(r"Logged .*, 1 oz \(28\.35 g\)|Logged .*1 oz"))).to_be_visible()
    assert len(loads) == 1, loads
    assert IntakeEntry.objects.filter(user=erin, meal="snack").count() == 2
    assert console_errors == []


@pytest.mark.parametrize("width", [375, 1280])
def test_an_amount_is_changed_in_place_on_the_day_page(
    page, live_server, pumpkin, check_a11y, console_errors, width
):
    user = log_in(page, live_server, "hana", width)
    ounce = pumpkin.portions.get(description="1 oz")
    entry = make_entry(user, pumpkin, on=timezone.localdate(), meal="breakfast", portion=ounce, quantity="1")
    page.reload()
    quantity = page.get_by_label(f"Quantity of {PUMPKIN}")
    expect(quantity).to_have_value("1")
    check_a11y()
    loads = page_loads(page)
    quantity.fill("2")
    page.get_by_role("button", name=f"Save the amount of {PUMPKIN}").click()
    expect(page.get_by_text(f"Updated {PUMPKIN}.")).to_be_visible()
    expect(page.get_by_label(f"Quantity of {PUMPKIN}")).to_have_value("2")
    expect(page.locator(".summary .total")).to_contain_text("336 mg")  # 2 × 28.35 g × 5.92 mg/g
    assert page.url.endswith(reverse("tracker:today")) or page.url.endswith(f"/day/{entry.date.isoformat()}/")
    assert len(loads) == 1, loads
    entry.refresh_from_db()
    assert (entry.quantity, entry.amount_g) == (Decimal("2"), Decimal("56.700"))
    # the target's citation is one tap away, folded under "Source"
    citation = page.locator(".summary details.source p")
    expect(citation).to_be_hidden()
    page.locator(".summary details.source summary").click()
    expect(citation).to_contain_text("Institute of Medicine")
    check_a11y()
    assert console_errors == []


@pytest.mark.parametrize("width", [375, 1280])
def test_searching_for_nonsense_says_no_foods_match(
    page, live_server, pumpkin, check_a11y, console_errors, width
):
    log_in(page, live_server, "finn", width)
    nav_link(page, "Foods").click()
    page.get_by_label("Search foods").press_sequentially("xqzzyv", delay=20)
    expect(page.get_by_text("No foods match “xqzzyv”.")).to_be_visible()
    expect(page.get_by_role("link", name="add a custom food")).to_be_visible()
    check_a11y()
    page.get_by_label("Search foods").fill("pumkin")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("Showing results for “pumpkin”.")).to_be_visible()
    expect(page.get_by_role("button", name=f"Log {PUMPKIN}")).to_be_visible()
    assert console_errors == []


def logged_in_pages(user, pumpkin) -> list[str]:
    today = timezone.localdate()
    entry = IntakeEntry.objects.filter(user=user).first()
    custom = make_food("Homemade seed bar", source="custom", created_by=user)
    return [
        "/",
        f"/day/{(today - timedelta(days=1)).isoformat()}/",
        f"/day/{today.isoformat()}/copy/",
        "/foods/",
        "/foods/?q=pumpkin",
        "/foods/?q=xqzzyv",
        f"/foods/{pumpkin.pk}/",
        "/foods/rich/",
        f"/log/{pumpkin.pk}/",
        f"/entries/{entry.pk}/edit/",
        f"/entries/{entry.pk}/delete/",
        "/supplements/",
        "/supplements/new/",
        "/trends/",
        "/trends/?days=365",
        "/report/",
        "/foods/mine/",
        "/foods/mine/new/",
        f"/foods/mine/{custom.pk}/edit/",
        "/accounts/profile/",
        "/accounts/delete/",
        "/accounts/password_change/",
        "/learn/",
    ]


@pytest.mark.parametrize("has_ckd", [False, True])
def test_no_page_is_wider_than_a_375_px_screen(page, live_server, pumpkin, console_errors, has_ckd):
    user = log_in(page, live_server, "gail", 375, has_ckd=has_ckd)
    today = timezone.localdate()
    for back in range(3):
        for meal in ("breakfast", "lunch", "dinner", "snack"):
            make_entry(user, pumpkin, amount_g="1234.5", on=today - timedelta(days=back), meal=meal)
        make_supplement(user, on=today - timedelta(days=back), name="Magnesium glycinate 120 mg capsules")
    wide = []
    for path in logged_in_pages(user, pumpkin):
        response = page.goto(f"{live_server.url}{path}")
        assert response.ok, f"{path}: {response.status}"
        scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if scroll > inner:
            wide.append(f"{path}: {scroll} px")
    assert wide == []
    assert console_errors == []


def test_select_all_on_the_food_export_works_under_the_csp(page, live_server, pumpkin, curator):
    curator.set_password(PASSWORD)
    curator.save()
    page.goto(f"{live_server.url}{reverse('login')}")
    page.get_by_label("Username").fill("curator")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}{reverse('admin:foods_food_export')}")
    fields = page.locator('.selectable-field-export-row input[type="checkbox"]')
    assert fields.count() > 5
    page.get_by_label("Select all").uncheck()
    assert all(not box.is_checked() for box in fields.all())
    page.get_by_label("Select all").check()
    assert all(box.is_checked() for box in fields.all())


@pytest.mark.parametrize("locale", ["en-US", "en-GB", "de-DE"])
def test_dates_are_shown_in_the_order_the_browser_types_them(browser, live_server, locale):
    """The browser's date fields follow its language (Intl's numeric date order); the day's
    heading must put the month and the day in the same order."""
    context = browser.new_context(locale=locale, viewport={"width": 375, "height": 800})
    page = context.new_page()
    try:
        User.objects.create_user("ines", "ines@example.com", PASSWORD)
        page.goto(f"{live_server.url}{reverse('login')}")
        page.get_by_label("Username").fill("ines")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        day = timezone.localdate() - timedelta(days=1)
        page.goto(f"{live_server.url}{reverse('tracker:day', args=[day.isoformat()])}")
        typed_order = page.evaluate(
            "new Intl.DateTimeFormat(navigator.language).formatToParts(new Date(2026, 11, 3))"
            ".filter(p => p.type === 'month' || p.type === 'day').map(p => p.type)"
        )
        heading = page.get_by_role("heading", level=1).inner_text()
        month, number = f"{day:%B}", str(day.day)
        month_first = heading.index(month) < heading.index(f" {number}")
        shown_order = ["month", "day"] if month_first else ["day", "month"]
        assert shown_order == typed_order, (locale, heading, typed_order)
    finally:
        context.close()
