"""The supplement upper limit, a user with CKD and a food curator, in a real browser at desktop
and phone widths, with axe on every page."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.navigation import nav_link
from tests.factories import make_entry, make_food, make_portion, make_profile
from tracker.models import SupplementEntry

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
PASSWORD = "Kale&Quinoa-2026"
PUMPKIN = "Seeds, pumpkin and squash seed kernels, dried"
CKD_NOTICE = "Kidney disease: ask your clinician"


def log_in(page, live_server, username: str, width: int):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}{reverse('login')}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


@pytest.fixture
def pumpkin():
    food = make_food(PUMPKIN, fdc_id=170556)
    make_portion(food, "1 oz", "28.35")
    return food


@pytest.mark.parametrize("width", [1280, 375])
def test_a_supplement_over_the_upper_limit_shows_the_warning(
    page, live_server, pumpkin, check_a11y, console_errors, width
):
    dave = User.objects.create_user("dave", "dave@example.com", PASSWORD)
    make_profile(dave, birth_date=date(1980, 1, 1), sex="male")
    make_entry(dave, pumpkin, amount_g="50")  # 296 mg of magnesium from food, which has no limit
    log_in(page, live_server, "dave", width)
    expect(page.locator(".notice-over_supplement_limit")).to_have_count(0)

    nav_link(page, "Supplements").click()
    check_a11y()
    page.get_by_role("link", name="Log a supplement").click()
    check_a11y()
    page.get_by_label("Product name").fill("Magnesium citrate 400")
    page.get_by_label("Magnesium form").select_option("citrate")
    page.get_by_label("Elemental magnesium per dose (mg)").fill("200")
    page.get_by_label("Number of doses").fill("2")
    page.get_by_role("button", name="Log it").click()

    warning = page.locator(".notice-over_supplement_limit")
    expect(warning).to_contain_text("400 mg of magnesium, more than the upper limit of 350 mg")
    expect(warning).to_contain_text("The limit is not a target.")
    check_a11y()
    page.get_by_role("link", name="The whole day, with food").click()
    expect(page.locator(".notice-over_supplement_limit")).to_contain_text("upper limit of 350 mg")
    split = page.locator("dl.split")
    expect(split.locator("div", has_text="Food")).to_contain_text("296 mg")
    expect(split.locator("div", has_text="Supplements")).to_contain_text("400 mg")
    expect(split.locator("div", has_text="Total")).to_contain_text("696 mg")
    check_a11y()
    assert SupplementEntry.objects.get().magnesium_mg == Decimal("400")
    assert console_errors == []
    assert len(check_a11y.pages) == 4


@pytest.mark.parametrize("width", [1280, 375])
def test_a_user_with_ckd_sees_the_notice_and_no_suggestions(
    page, live_server, pumpkin, check_a11y, console_errors, width
):
    erin = User.objects.create_user("erin", "erin@example.com", PASSWORD)
    make_profile(erin, has_ckd=True)
    make_entry(erin, pumpkin, amount_g="10")  # far below any reference: others would get suggestions
    log_in(page, live_server, "erin", width)

    pages = [
        ("Today", reverse("tracker:today")),
        ("Supplements", reverse("tracker:supplements")),
        ("Log a supplement", reverse("tracker:supplement_new")),
        ("Foods", reverse("foods:list")),
        ("Magnesium-rich foods", reverse("foods:rich")),
        ("Learn", reverse("learn:index")),
        ("Trends", reverse("tracker:trends")),
    ]
    for _, url in pages:
        page.goto(f"{live_server.url}{url}")
        expect(page.get_by_role("heading", name=CKD_NOTICE)).to_have_count(1)
        body = page.locator("main").inner_text()
        # No nudge to eat or take more: no gap suggestions, no goal, no "log a portion to reach" prompts.
        expect(page.locator("#gap-title")).to_have_count(0)
        for nudge in ("would add about", "below your target", "to reach your target", "Eat more"):
            assert nudge not in body, f"{url}: {nudge!r}"
        check_a11y()

    page.goto(f"{live_server.url}{reverse('tracker:today')}")
    expect(page.locator("meter#progress")).to_have_count(0)
    expect(page.locator(".goal-prompt")).to_contain_text("Ask your kidney team")
    page.goto(f"{live_server.url}{reverse('tracker:supplement_new')}")
    expect(page.get_by_role("heading", name="Magnesium can build up with kidney disease")).to_be_visible()
    assert console_errors == []
    assert len(check_a11y.pages) == len(pages)


@pytest.mark.parametrize("width", [1280, 375])
def test_a_curator_edits_a_food_and_sees_it_in_its_history(
    page, live_server, pumpkin, curator, check_a11y, console_errors, width
):
    curator.set_password(PASSWORD)
    curator.save()
    log_in(page, live_server, "curator", width)
    page.goto(f"{live_server.url}{reverse('admin:foods_food_change', args=[pumpkin.pk])}")
    check_a11y()
    page.get_by_label("Magnesium (mg/100 g)").fill("550")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    check_a11y()

    page.goto(f"{live_server.url}{reverse('admin:foods_food_history', args=[pumpkin.pk])}")
    history = page.locator("#content")
    expect(history).to_contain_text("curator")
    expect(history).to_contain_text(re.compile(r"592(\.000)?\s*→\s*550(\.000)?"))
    check_a11y()
    pumpkin.refresh_from_db()
    assert pumpkin.magnesium_mg == Decimal("550")
    assert console_errors == []
