from decimal import Decimal

import pytest

from foods.models import Food, Recipe
from tests.factories import make_custom_food, make_food
from tracker.models import IntakeEntry

pytestmark = pytest.mark.django_db
RECIPES = "/api/v1/recipes/"
ENTRIES = "/api/v1/entries/"
DAY = "2026-03-02"


def porridge(pumpkin, spinach, **overrides):
    return {
        "name": "Green porridge",
        "servings": 2,
        "ingredients": [
            {"food": pumpkin.pk, "amount_g": 28.35},
            {"food": spinach.pk, "portion": spinach.portions.first().pk, "quantity": "1"},
        ],
        **overrides,
    }


def summary_mg(client) -> Decimal:
    return Decimal(client.get(f"/api/v1/summary/?date={DAY}").json()["food_magnesium_mg"])


def test_a_serving_of_a_recipe_adds_half_its_ingredients_magnesium_and_keeps_it_when_the_recipe_changes(
    alice_api, pumpkin, spinach
):
    created = alice_api.post(RECIPES, porridge(pumpkin, spinach), format="json")
    assert created.status_code == 201, created.json()
    recipe = created.json()
    # 28.35 g of pumpkin seed kernels (592 mg/100 g) and 180 g of boiled spinach (87 mg/100 g).
    whole_mg = Decimal("592") * Decimal("28.35") / 100 + Decimal("87") * Decimal("180") / 100
    assert recipe["serving_g"] == "104.175"
    assert abs(Decimal(recipe["magnesium_mg_per_serving"]) - whole_mg / 2) < 1
    assert recipe["magnesium_unknown_ingredients"] == 0

    logged = alice_api.post(
        ENTRIES,
        {"date": DAY, "meal": "breakfast", "food": recipe["food"], "amount_g": recipe["serving_g"]},
        format="json",
    )
    assert logged.status_code == 201, logged.json()
    assert abs(summary_mg(alice_api) - whole_mg / 2) <= 1

    changed = alice_api.put(
        f"{RECIPES}{recipe['id']}/",
        porridge(pumpkin, spinach, ingredients=[{"food": pumpkin.pk, "amount_g": "200"}]),
        format="json",
    )
    assert changed.status_code == 200, changed.json()
    assert Decimal(changed.json()["magnesium_mg_per_serving"]) == Decimal("592.000")
    assert abs(summary_mg(alice_api) - whole_mg / 2) <= 1


def test_a_recipe_answers_with_its_ingredients_and_the_food_to_log_it_by(alice_api, pumpkin, spinach):
    recipe = alice_api.post(RECIPES, porridge(pumpkin, spinach), format="json").json()
    assert set(recipe) == {
        "id",
        "name",
        "servings",
        "cooked_weight_g",
        "ingredients",
        "food",
        "serving_g",
        "magnesium_mg_per_serving",
        "magnesium_unknown_ingredients",
    }
    assert recipe["ingredients"] == [
        {"food": pumpkin.pk, "portion": None, "quantity": "1.000", "amount_g": "28.350"},
        {
            "food": spinach.pk,
            "portion": spinach.portions.first().pk,
            "quantity": "1.000",
            "amount_g": "180.000",
        },
    ]
    food = Food.objects.get(pk=recipe["food"])
    assert (food.name, food.source, food.is_active) == ("Green porridge", "recipe", True)
    assert [(p.description, p.grams) for p in food.portions.all()] == [("1 serving", Decimal("104.175"))]
    found = alice_api.get("/api/v1/foods/", {"search": "green porridge"}).json()["results"]
    assert [f["id"] for f in found] == [recipe["food"]]


def test_an_unknown_magnesium_value_makes_the_serving_unknown_not_a_smaller_number(alice_api, pumpkin):
    unknown = make_food("Mystery broth", category="Soups, Sauces, and Gravies", magnesium_mg=None)
    body = {
        "name": "Soup",
        "ingredients": [{"food": pumpkin.pk, "amount_g": 30}, {"food": unknown.pk, "amount_g": 250}],
    }
    recipe = alice_api.post(RECIPES, body, format="json").json()
    assert (recipe["magnesium_mg_per_serving"], recipe["magnesium_unknown_ingredients"]) == (None, 1)
    assert Food.objects.get(pk=recipe["food"]).magnesium_mg is None
    entry = alice_api.post(
        ENTRIES, {"date": DAY, "meal": "lunch", "food": recipe["food"], "amount_g": 100}, format="json"
    ).json()
    assert entry["magnesium_mg"] is None
    assert alice_api.get(f"/api/v1/summary/?date={DAY}").json()["entries_missing_magnesium"] == 1


def test_the_cooked_weight_sets_the_values_per_100_g_and_the_serving(alice_api, pumpkin, spinach):
    recipe = alice_api.post(RECIPES, porridge(pumpkin, spinach, cooked_weight_g=150), format="json").json()
    assert recipe["serving_g"] == "75.000"
    food = Food.objects.get(pk=recipe["food"])
    whole_mg = Decimal("592") * Decimal("28.35") / 100 + Decimal("87") * Decimal("180") / 100
    assert abs(food.magnesium_mg - whole_mg * 100 / 150) < Decimal("0.01")


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"servings": 0}, "servings"),
        ({"servings": 1001}, "servings"),
        ({"cooked_weight_g": 10}, "cooked_weight_g"),  # 208 g of ingredients cannot cook down to 10 g
        ({"name": "\u200b"}, "name"),
        ({"ingredients": [{"food": 999999, "amount_g": 10}]}, "ingredients"),
        ({"ingredients": [{"food": "PUMPKIN"}]}, "ingredients"),
        ({"colour": "green"}, "colour"),
    ],
)
def test_bad_recipes_are_400s_naming_the_field_and_write_nothing(
    alice_api, pumpkin, spinach, overrides, field
):
    response = alice_api.post(RECIPES, porridge(pumpkin, spinach, **overrides), format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Recipe.objects.exists() and not Food.objects.filter(source="recipe").exists()


def test_an_ingredient_needs_one_of_its_foods_portions_or_grams(alice_api, pumpkin, spinach):
    wrong_portion = {"food": pumpkin.pk, "portion": spinach.portions.first().pk, "quantity": 1}
    response = alice_api.post(RECIPES, porridge(pumpkin, spinach, ingredients=[wrong_portion]), format="json")
    assert response.status_code == 400
    assert "portion" in str(response.json()["ingredients"])
    no_amount = {"food": pumpkin.pk}
    response = alice_api.post(RECIPES, porridge(pumpkin, spinach, ingredients=[no_amount]), format="json")
    assert response.status_code == 400
    assert "amount_g" in str(response.json()["ingredients"])


def test_recipes_are_private(alice_api, bob_api, other_user, pumpkin, spinach):
    recipe = alice_api.post(RECIPES, porridge(pumpkin, spinach), format="json").json()
    url = f"{RECIPES}{recipe['id']}/"
    assert bob_api.get(url).status_code == 404
    assert bob_api.patch(url, {"servings": 4}, format="json").status_code == 404
    assert bob_api.delete(url).status_code == 404
    assert bob_api.get(RECIPES).json()["count"] == 0
    assert bob_api.get(f"/api/v1/foods/{recipe['food']}/").status_code == 404
    logged = bob_api.post(
        ENTRIES, {"date": DAY, "meal": "lunch", "food": recipe["food"], "amount_g": 10}, format="json"
    )
    assert logged.status_code == 400
    # Nor may bob put alice's private food in a recipe of his.
    theirs = make_custom_food(alice_api.handler._force_user)
    body = {"name": "Borrowed", "ingredients": [{"food": theirs.pk, "amount_g": 10}]}
    assert bob_api.post(RECIPES, body, format="json").status_code == 400


def test_a_recipe_cannot_hold_itself(alice_api, pumpkin, spinach):
    recipe = alice_api.post(RECIPES, porridge(pumpkin, spinach), format="json").json()
    body = {"ingredients": [{"food": recipe["food"], "amount_g": 10}]}
    response = alice_api.patch(f"{RECIPES}{recipe['id']}/", body, format="json")
    assert response.status_code == 400


def test_deleting_a_logged_recipe_keeps_the_entries_and_archives_its_food(alice_api, pumpkin, spinach):
    recipe = alice_api.post(RECIPES, porridge(pumpkin, spinach), format="json").json()
    alice_api.post(
        ENTRIES, {"date": DAY, "meal": "lunch", "food": recipe["food"], "amount_g": 50}, format="json"
    )
    assert alice_api.delete(f"{RECIPES}{recipe['id']}/").status_code == 204
    assert not Recipe.objects.exists()
    assert Food.objects.get(pk=recipe["food"]).is_active is False
    assert IntakeEntry.objects.get().food_id == recipe["food"]

    unlogged = alice_api.post(RECIPES, porridge(pumpkin, spinach), format="json").json()
    assert alice_api.delete(f"{RECIPES}{unlogged['id']}/").status_code == 204
    assert not Food.objects.filter(pk=unlogged["food"]).exists()


def test_an_ingredients_errors_are_plain_messages_naming_it(alice_api, pumpkin, spinach):
    bad = porridge(
        pumpkin,
        spinach,
        ingredients=[
            {"food": pumpkin.pk, "amount_g": 10},
            {"food": pumpkin.pk, "portion": None, "quantity": "0", "amount_g": 5},
        ],
    )
    response = alice_api.post(RECIPES, bad, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "ingredients": ["Ingredient 2, quantity: Ensure this value is greater than or equal to 0.01."]
    }


@pytest.mark.parametrize("ingredients", [{}, "oats", [[]], [None], [{}] * 51])
def test_ingredients_that_are_not_a_list_of_objects_are_400s(alice_api, pumpkin, spinach, ingredients):
    response = alice_api.post(RECIPES, porridge(pumpkin, spinach, ingredients=ingredients), format="json")
    assert response.status_code == 400
    messages = response.json()["ingredients"]
    assert isinstance(messages, list) and messages and all(isinstance(message, str) for message in messages)


def test_a_patch_replaces_the_ingredients_with_whole_ones(alice_api, pumpkin, spinach):
    recipe = alice_api.post(RECIPES, porridge(pumpkin, spinach), format="json").json()
    no_food = {"ingredients": [{"amount_g": "100", "portion": None, "quantity": "10"}]}
    response = alice_api.patch(f"{RECIPES}{recipe['id']}/", no_food, format="json")
    assert response.status_code == 400
    assert response.json() == {"ingredients": ["Ingredient 1, food: This field is required."]}
    servings = alice_api.patch(f"{RECIPES}{recipe['id']}/", {"servings": 4}, format="json").json()
    assert (servings["serving_g"], len(servings["ingredients"])) == ("52.088", 2)


@pytest.mark.parametrize("method", ["post", "put", "patch"])
def test_a_hostile_json_body_to_a_recipe_write_is_a_400_and_writes_nothing(
    alice_api, pumpkin, spinach, method
):
    """Issue 15, acceptance 2, for the recipe writes that came after it: 1,000 nested lists and
    the other bodies of the bad-input corpus are refused, never a 500."""
    from tests.test_bad_input import HOSTILE_BODIES

    recipe = alice_api.post(RECIPES, porridge(pumpkin, spinach), format="json").json()
    url = RECIPES if method == "post" else f"{RECIPES}{recipe['id']}/"
    before = (Recipe.objects.count(), Food.objects.count(), Recipe.objects.get().food.name)
    for label, body in HOSTILE_BODIES.items():
        response = getattr(alice_api, method)(url, body, content_type="application/json")
        assert response.status_code == 400, (label, response.content[:300])
    assert (Recipe.objects.count(), Food.objects.count(), Recipe.objects.get().food.name) == before
