"""The first journey of a new user, in a real browser, with axe on every page."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests.factories import make_food, make_portion

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture
def foods():
    pumpkin = make_food("Seeds, pumpkin and squash seed kernels, dried", fdc_id=170556)
    make_portion(pumpkin, "1 cup", "129")
    make_portion(pumpkin, "1 oz", "28.35")
    spinach = make_food(
        "Spinach, cooked, boiled, drained, without salt",
        category="Vegetables and Vegetable Products",
        magnesium_mg=Decimal("87"),
        fdc_id=168463,
    )
    make_portion(spinach, "1 cup", "180")
    return pumpkin, spinach


def log_food(page, meal: str, query: str, food_name: str, portion: str):
    page.get_by_role("link", name=f"Add food to {meal}").click()
    page.get_by_label("Search foods").fill(query)
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name=f"More options for {food_name}").click()
    page.get_by_label("Portion").select_option(label=portion)
    page.get_by_role("button", name="Log it").click()


@pytest.mark.parametrize("width", [1280, 375])
def test_sign_up_profile_log_edit_delete(page, live_server, foods, check_a11y, console_errors, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url)
    check_a11y()
    page.get_by_role("link", name="Sign up free").click()
    check_a11y()
    page.get_by_label("Username").fill(f"newuser{width}")
    page.get_by_label("Email").fill("new@example.com")
    page.locator("#id_password1").fill("Kale&Quinoa-2026")
    page.get_by_label("Password confirmation").fill("Kale&Quinoa-2026")
    page.get_by_role("button", name="Sign up").click()

    expect(page.get_by_role("heading", name="Set up your profile")).to_be_visible()
    check_a11y()
    page.get_by_label("Birth date").fill("1990-06-15")
    page.get_by_label("Female").check()
    page.get_by_label("Neither").check()
    page.get_by_role("button", name="Save profile").click()

    expect(page.get_by_role("heading", name=re.compile("^Today"))).to_be_visible()
    check_a11y()
    log_food(
        page, "lunch", "pumpkin seeds", "Seeds, pumpkin and squash seed kernels, dried", "1 oz (28.35 g)"
    )
    log_food(
        page, "lunch", "spinach boiled", "Spinach, cooked, boiled, drained, without salt", "1 cup (180 g)"
    )
    total = page.locator(".summary .total")
    expect(total).to_contain_text("324 mg of 320 mg")
    expect(total).to_contain_text("(101 %)")
    # past the target: the bar's value is above `high` (the meter's not-green region)
    expect(page.locator("meter#progress")).to_have_attribute("high", "320")
    expect(page.locator("meter#progress")).to_have_attribute("max", "324")
    expect(page.get_by_text("Past your target.")).to_be_visible()
    check_a11y()

    page.get_by_role("link", name="Edit Spinach, cooked, boiled, drained, without salt").click()
    check_a11y()
    page.get_by_label("Quantity").fill("2")
    expect(page.locator("#entry-preview")).to_contain_text("360 g: about 313 mg magnesium")
    page.get_by_role("button", name="Save changes").click()
    expect(total).to_contain_text("481 mg of 320 mg")

    page.get_by_role("link", name="Delete Seeds, pumpkin and squash seed kernels, dried").click()
    check_a11y()
    page.get_by_role("button", name="Delete").click()
    expect(total).to_contain_text("313 mg of 320 mg")
    assert console_errors == []
    assert len(check_a11y.pages) == 7


def test_food_search_and_detail_pages_are_accessible(page, live_server, foods, check_a11y, console_errors):
    page.goto(f"{live_server.url}/foods/?q=pumpkin")
    expect(page.get_by_role("cell", name="592 mg").first).to_be_visible()
    check_a11y()
    page.get_by_role("link", name="Seeds, pumpkin and squash seed kernels, dried").click()
    expect(page.get_by_text("FDC id 170556")).to_be_visible()
    check_a11y()
    assert console_errors == []
