"""Gap suggestions on the day page: foods that would close the day's gap in one FDA reference amount,
the user's frequent foods first; never supplements; never for a user with CKD."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from foods.models import Food
from tests.factories import make_custom_food, make_entry, make_food, make_portion, make_profile
from tests.pages import section
from tracker import suggestions
from tracker.summary import day_summary

pytestmark = pytest.mark.django_db

ON = date(2026, 4, 20)
DAY = f"/day/{ON.isoformat()}/"


def food_with_portion(name, magnesium_mg, kcal, grams="100", **values):
    food = make_food(name, magnesium_mg=Decimal(magnesium_mg), energy_kcal=Decimal(kcal), **values)
    make_portion(food, "1 cup", grams)
    return food


@pytest.fixture
def menu():
    """Magnesium and energy per 100 g, each food with a 1 cup portion of 100 g but one; the
    claims and the gap go by the reference amount (core.racc) the food group and name give."""
    vegetables, legumes = "Vegetables and Vegetable Products", "Legumes and Legume Products"
    return {
        "spinach": food_with_portion("Spinach, cooked", 87, 23, category=vegetables),  # 74 mg in 85 g
        "almonds": food_with_portion("Nuts, almonds", 270, 579),  # 81 mg in 30 g; 47 mg/100 kcal
        "beans": food_with_portion("Beans, black, cooked", 70, 132, category=legumes),  # 63 mg in 90 g
        "banana": food_with_portion("Bananas, raw", 27, 89, category="Fruits and Fruit Juices"),  # none
        "shake": food_with_portion("Protein supplement, milk based, powder", 300, 400),  # 90 mg in 30 g
        "formula": food_with_portion("Infant formula, powder", 200, 500, category="Baby Foods"),
        # 210 mg in 30 g: a reference amount needs no portion; 127 mg/100 kcal
        "no_portion": make_food("Seeds, hemp, hulled", magnesium_mg=Decimal(700), energy_kcal=Decimal(553)),
    }


def test_the_gap_is_in_whole_mg_as_the_days_total_is(alice_client, user, menu):
    make_profile(user)  # 320 mg
    make_entry(user, menu["banana"], amount_g="920", on=ON)  # 248.4 mg: 71.6 mg short
    gap = section(alice_client.get(DAY).content.decode(), "gap-title")
    assert gap.startswith("Foods that would add about 72 mg in one serving")
    assert "This day is 72 mg below your target." in gap


def test_a_day_below_target_lists_foods_that_close_the_gap_in_one_reference_amount(alice_client, user, menu):
    make_profile(user)  # 320 mg
    make_entry(user, menu["banana"], amount_g="926", on=ON)  # 250 mg: 70 mg short
    page = alice_client.get(DAY).content.decode()
    gap = section(page, "gap-title")
    assert gap.startswith("Foods that would add about 70 mg in one serving")
    assert "This day is 70 mg below your target." in gap
    names = [food.name for food in suggestions.gap_foods(user, Decimal(70))]
    # per 100 kcal; the beans have 70 mg in their first portion but 63 mg in 90 g
    assert names == ["Spinach, cooked", "Seeds, hemp, hulled", "Nuts, almonds"]
    assert "85 g: 74 mg of magnesium" in gap
    assert f"/log/{menu['spinach'].pk}/?date=2026-04-20&amp;meal=snack" in page


def test_the_users_frequent_foods_come_first(user, menu):
    for day in range(3):
        make_entry(user, menu["almonds"], on=ON - timedelta(days=day + 1))
    make_entry(user, menu["beans"], on=ON - timedelta(days=9))
    names = [food.name for food in suggestions.gap_foods(user, Decimal(60))]
    assert names == ["Nuts, almonds", "Beans, black, cooked", "Spinach, cooked", "Seeds, hemp, hulled"]


def test_at_most_five_and_never_another_users_private_food(user, other_user, menu):
    for n in range(6):
        food_with_portion(f"Greens {n}", 90 + n, 20, category="Vegetables and Vegetable Products")
    make_portion(
        make_custom_food(other_user, "Bob's magnesium water", magnesium_mg=Decimal(500)), "1 l", "1000"
    )
    found = list(suggestions.gap_foods(user, Decimal(70)))
    assert len(found) == suggestions.MAX_SUGGESTIONS
    assert all("Bob" not in food.name for food in found)


def test_supplements_and_infant_foods_are_never_suggested(user, menu):
    names = {food.name for food in suggestions.gap_foods(user, Decimal(85))}
    assert names == {"Seeds, hemp, hulled"}  # the shake has 90 mg in 30 g, but is a supplement


def test_no_suggestions_at_or_above_target(alice_client, user, menu):
    make_profile(user)
    make_entry(user, menu["almonds"], amount_g="120", on=ON)  # 324 mg
    assert "gap-title" not in alice_client.get(DAY).content.decode()


def test_day_page_queries_stay_constant_with_suggestions(alice_client, user, menu):
    make_profile(user)
    make_entry(user, menu["almonds"], on=ON)  # 270 mg: 50 mg short

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert "gap-title" in alice_client.get(DAY).content.decode()
        return len(queries)

    before = count()
    for n in range(20):
        make_entry(user, food_with_portion(f"Greens {n}", 300, 30), on=ON - timedelta(days=n + 1))
    make_entry(user, menu["banana"], on=ON, meal="dinner")
    assert count() == before


@pytest.mark.parametrize("clinician_target", [None, 400])
def test_a_ckd_user_never_sees_gap_suggestions_anywhere(alice_client, user, menu, clinician_target):
    profile = make_profile(user, has_ckd=True, clinician_target_mg=clinician_target)
    make_entry(user, menu["almonds"], on=ON)  # 270 mg: below 320 mg and 400 mg
    pages = [
        DAY,
        "/",
        f"/day/{(ON - timedelta(days=1)).isoformat()}/",
        "/trends/",
        "/trends/?days=365",
        f"/report/?start={ON - timedelta(days=30)}&end={ON}",
        "/foods/?q=spinach",
        "/foods/?q=nuts&sort=energy",
        "/foods/rich/",
        f"/foods/{menu['spinach'].pk}/",
        "/supplements/",
    ]
    for url in pages:
        response = alice_client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert "gap-title" not in page and "would add about" not in page, url
        assert "below your target" not in page, url
    assert suggestions.for_day(user, day_summary(user, ON)) is None
    profile.has_ckd = False  # the same day without CKD does get suggestions
    profile.save()
    assert "gap-title" in alice_client.get(DAY).content.decode()


@pytest.mark.parametrize(
    ("life_stage", "coffee_suggested"), [("none", True), ("pregnant", False), ("lactating", False)]
)
def test_caffeinated_drinks_are_never_suggested_in_pregnancy_or_lactation(
    alice_client, user, life_stage, coffee_suggested
):
    make_profile(user, birth_date=date(1995, 1, 1), life_stage=life_stage)
    for name in ("Beverages, coffee, instant, powder", "Beverages, tea, black, brewed", "Beverages, cola"):
        make_food(
            name,
            category="Beverages",
            magnesium_mg=Decimal(400),
            reference_amount_g=100,
            racc_category="candies",
        )
    make_food("Beverages, coffee, instant, decaffeinated", category="Beverages", magnesium_mg=Decimal(390),
              reference_amount_g=100, racc_category="candies")  # fmt: skip
    gap = suggestions.for_day(user, day_summary(user, ON))
    names = {food.name for food in gap.foods}
    assert "Beverages, coffee, instant, decaffeinated" in names
    caffeinated = {"Beverages, coffee, instant, powder", "Beverages, tea, black, brewed", "Beverages, cola"}
    assert (caffeinated & names) == (caffeinated if coffee_suggested else set())


def test_only_foods_eaten_as_they_are_are_suggested(user, menu):
    """Not a seed flour or cocoa powder (their reference amounts are an ingredient's), not a crude
    bran or a flour by name, and nothing a curator marked as not eaten as it is; each has over
    85 mg in its reference amount."""
    make_food("Cottonseed flour, partially defatted (glandless)", magnesium_mg=Decimal(700))  # 15 g
    make_food(
        "Cocoa, dry powder, unsweetened",
        magnesium_mg=Decimal(2000),
        category="Sweets",
        reference_amount_g=Decimal(5),
        racc_category="cocoa",
    )
    make_food(
        "Rice bran, crude",
        magnesium_mg=Decimal(781),
        reference_amount_g=Decimal(30),
        racc_category="nuts_seeds",
    )
    make_food("Seeds, sesame, whole", magnesium_mg=Decimal(700), is_eaten_as_is=False)
    names = {food.name for food in suggestions.gap_foods(user, Decimal(85))}
    assert names == {"Seeds, hemp, hulled"}
    Food.objects.filter(is_eaten_as_is=False).update(is_eaten_as_is=True)
    assert "Seeds, sesame, whole" in {food.name for food in suggestions.gap_foods(user, Decimal(85))}
