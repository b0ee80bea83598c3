"""Recipes in a real browser, with axe on every new page at a phone's and a laptop's width: save a
logged meal as a recipe, add an ingredient, set the servings, log a serving."""

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import make_entry, make_food, make_portion, make_profile

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
PUMPKIN = "Seeds, pumpkin and squash seed kernels, dried"
SPINACH = "Spinach, cooked, boiled, drained, without salt"


@pytest.fixture
def dana():
    pumpkin = make_food(PUMPKIN, fdc_id=170556)
    make_portion(pumpkin, "1 oz", "28.35")
    spinach = make_food(SPINACH, category="Vegetables and Vegetable Products", magnesium_mg=87)
    make_portion(spinach, "1 cup", "180")
    user = User.objects.create_user("dana", "dana@example.com", "Kale&Quinoa-2026")
    make_profile(user)
    make_entry(user, pumpkin, amount_g="28.35", on=timezone.localdate(), meal="breakfast")
    return user


@pytest.mark.parametrize("width", [1280, 375])
def test_a_meal_becomes_a_recipe_that_is_logged_by_the_serving(
    page, live_server, dana, check_a11y, console_errors, width
):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("dana")
    page.get_by_label("Password").fill("Kale&Quinoa-2026")
    page.get_by_role("button", name="Log in").click()

    page.get_by_role("button", name="Save this meal as a recipe (breakfast)").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Breakfast of")
    check_a11y()  # the recipe page, one ingredient
    page.get_by_label("Add an ingredient").fill("spinach")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name=f"Add {SPINACH}").click()
    check_a11y()  # the ingredient's amount
    page.get_by_label("Portion").select_option(label="1 cup (180 g)")
    page.get_by_role("button", name="Add").click()
    page.get_by_role("textbox", name="Name").fill("Green porridge")
    page.get_by_role("spinbutton", name="Servings").fill("2")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Green porridge")
    # 167.8 mg + 156.6 mg = 324.4 mg in two servings of 104.175 g
    expect(page.locator(".recipe-values")).to_contain_text("162 mg")
    check_a11y()

    page.get_by_role("link", name="Log a serving").click()
    expect(page.get_by_label("Portion").locator("option:checked")).to_have_text("1 serving (104.175 g)")
    expect(page.locator("#entry-preview")).to_contain_text("104.2 g: about 162 mg magnesium")
    page.get_by_role("button", name="Log it").click()
    expect(page.locator(".summary .total")).to_contain_text("330 mg")  # 167.8 + 162.2

    page.goto(f"{live_server.url}/foods/recipes/")
    expect(page.get_by_role("link", name="Green porridge", exact=True)).to_be_visible()
    check_a11y()
    page.get_by_role("link", name="Delete Green porridge").click()
    expect(page.get_by_text("This recipe is in your log")).to_be_visible()
    check_a11y()
    assert console_errors == []
