"""Acceptance 1 of issue 13: the claims of the issue's foods on their FDA reference amount,
through the food page and the food API, with the reference amounts the import assigns."""

from decimal import Decimal

import pytest
from django.urls import reverse

from foods.importing.records import FoodRecord, PortionRecord
from foods.importing.saving import save_foods, save_portions
from foods.models import Food
from tests.core.test_racc import ACCEPTANCE
from tests.factories import make_custom_food, make_portion

pytestmark = pytest.mark.django_db

BADGES = {"high": "High in magnesium", "good": "Good source of magnesium", None: None}


@pytest.fixture
def imported():
    """The issue's foods, saved by the USDA import's own code from records as SR28 gives them."""
    records = [
        FoodRecord(
            "usda-sr28", str(number), name, group, None, {"magnesium_mg": Decimal(mg)},
            [PortionRecord(seq, description, grams) for seq, (description, grams) in enumerate(portions, 1)],
        )
        for number, (group, name, portions, mg, *_) in enumerate(ACCEPTANCE, 1)
    ]  # fmt: skip
    save_portions(records, save_foods(records).food_ids)
    return {food.name: food for food in Food.objects.all()}


@pytest.mark.parametrize(("group", "name", "portions", "mg", "grams", "key", "claim"), ACCEPTANCE)
def test_the_food_page_and_the_api_make_the_claim_on_the_reference_amount(
    client, alice_api, imported, group, name, portions, mg, grams, key, claim
):
    food = imported[name]
    assert (food.reference_amount_g, food.racc_category) == (Decimal(grams), key)
    page = client.get(reverse("foods:detail", args=[food.pk])).content.decode()
    section = page[page.index('<p class="claim">') :][:600]
    assert f"FDA reference amount: {grams} g (" in section
    for badge in ("High in magnesium", "Good source of magnesium"):
        assert (badge in section) == (badge == BADGES[claim]), badge
    data = alice_api.get(f"/api/v1/foods/{food.pk}/").json()
    assert (Decimal(data["reference_amount_g"]), data["magnesium_claim"]) == (Decimal(grams), claim)


def test_the_api_lists_the_reference_amount_and_null_without_one(alice_api, imported, user):
    custom = make_custom_food(user, "My smoothie", magnesium_mg=Decimal(40))
    make_portion(custom, "1 glass", "250")  # 100 mg in the author's serving
    make_portion(
        Food.objects.create(name="Turkey, whole, breast, roasted", category="Poultry Products",
                            source="usda-sr28", magnesium_mg=Decimal(28)), "1 breast", "1171",
    )  # fmt: skip
    rows, page = {}, "/api/v1/foods/"
    while page:  # every food, page by page
        body = alice_api.get(page).json()
        rows.update({row["name"]: row for row in body["results"]})
        page = body["next"]
    assert (rows["My smoothie"]["reference_amount_g"], rows["My smoothie"]["magnesium_claim"]) == (
        "250.000",
        "high",
    )
    turkey = rows["Turkey, whole, breast, roasted"]  # 328 mg in its first portion, but no reference amount
    assert (turkey["reference_amount_g"], turkey["magnesium_claim"]) == (None, None)
    assert rows["Molasses"]["reference_amount_g"] == "20.000"
