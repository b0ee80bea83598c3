"""The recipe pages, and saving a logged meal as a recipe."""

from datetime import date
from decimal import Decimal

import pytest
from django.db.models import QuerySet
from django.urls import reverse

from foods import recipes
from foods.models import Food, Recipe
from tests.factories import make_entry, make_food, make_recipe
from tracker.models import IntakeEntry

pytestmark = pytest.mark.django_db


def test_a_new_recipe_opens_empty_and_cannot_be_logged_until_it_has_an_ingredient(alice_client, user):
    response = alice_client.post(reverse("foods:recipe_list"), {"name": "Sunday stew", "servings": "4"})
    recipe = Recipe.objects.get(user=user)
    assert response.status_code == 302 and response["Location"] == recipe.get_absolute_url()
    assert (recipe.food.name, recipe.servings, recipe.food.is_active) == ("Sunday stew", Decimal(4), False)
    page = alice_client.get(recipe.get_absolute_url())
    assert "No ingredients yet" in page.content.decode()
    assert alice_client.get(reverse("tracker:entry_new", args=[recipe.food_id])).status_code == 404


def test_ingredients_are_found_added_by_portion_and_the_values_shown_per_serving_and_per_100_g(
    alice_client, user, pumpkin, spinach
):
    recipe = make_recipe(user, [(pumpkin, "28.35")], servings="2")
    found = alice_client.get(recipe.get_absolute_url(), {"q": "spinach"}).content.decode()
    add_url = reverse("foods:ingredient_add", args=[recipe.pk, spinach.pk])
    assert add_url in found

    cup = spinach.portions.get(description="1 cup")
    response = alice_client.post(add_url, {"portion": str(cup.pk), "quantity": "1"})
    assert response.status_code == 302
    page = alice_client.get(recipe.get_absolute_url()).content.decode()
    # 167.832 + 156.6 = 324.432 mg in 208.35 g: 162 mg a serving, 156 mg per 100 g.
    assert "1 × 1 cup (180 g)" in page
    assert "2 servings of 104.175 g" in page
    assert "162 mg" in page and "156 mg" in page
    recipe.food.refresh_from_db()
    assert recipe.food.is_active and recipe.food.magnesium_mg == Decimal("155.715")


def test_an_unknown_ingredient_value_is_said_not_summed_as_zero(alice_client, user, pumpkin):
    broth = make_food("Broth, house", category="Soups, Sauces, and Gravies", magnesium_mg=None)
    recipe = make_recipe(user, [(pumpkin, "30"), (broth, "250")])
    page = alice_client.get(recipe.get_absolute_url()).content.decode()
    assert "Magnesium unknown for 1 of 2 ingredients" in page
    recipe.food.refresh_from_db()
    assert recipe.food.magnesium_mg is None and recipe.food.calcium_mg is not None


def test_changing_an_ingredient_by_portion_starts_from_its_quantity_as_typed(alice_client, user, spinach):
    recipe = make_recipe(user, [(spinach, "10")])
    cup = spinach.portions.get(description="1 cup")
    ingredient = recipe.ingredients.get()
    url = reverse("foods:ingredient", args=[recipe.pk, ingredient.pk])
    alice_client.post(url, {"portion": str(cup.pk), "quantity": "2"})
    page = alice_client.get(url).content.decode()
    assert 'name="quantity" value="2"' in page and 'value="2.000"' not in page


def test_on_a_phone_each_recipe_and_ingredient_card_labels_its_numbers(alice_client, user, pumpkin):
    recipe = make_recipe(user, [(pumpkin, "30")], servings="3")
    listed = alice_client.get(reverse("foods:recipe_list")).content.decode()
    assert '<td class="num" data-label="Servings">3</td>' in listed
    assert 'data-label="Magnesium per serving"' in listed
    page = alice_client.get(recipe.get_absolute_url()).content.decode()
    assert '<td data-label="Amount">30 g</td>' in page and 'data-label="Magnesium"' in page


def test_the_nutrient_names_keep_their_capitals_and_one_ingredient_is_singular(alice_client, user):
    broth = make_food("Broth, house", category="Soups, Sauces, and Gravies", magnesium_mg=None)
    page = alice_client.get(make_recipe(user, [(broth, "250")]).get_absolute_url()).content.decode()
    assert "Vitamin D, D2 + D3" in page and "Vitamin K, phylloquinone" in page
    assert "Vitamin d" not in page and "Vitamin k" not in page
    assert "Magnesium unknown for 1 of 1 ingredient: " in page


def test_changing_and_removing_an_ingredient_update_the_dish_but_not_the_entries_logged(
    alice_client, user, pumpkin, spinach
):
    recipe = make_recipe(user, [(pumpkin, "30"), (spinach, "180")])
    entry = make_entry(user, recipe.food, amount_g="210")
    logged_mg = entry.magnesium_mg
    pumpkin_part, spinach_part = recipe.ingredients.order_by("pk")
    alice_client.post(
        reverse("foods:ingredient", args=[recipe.pk, pumpkin_part.pk]),
        {"portion": "", "grams": "60", "quantity": "1"},
    )
    alice_client.post(reverse("foods:ingredient_remove", args=[recipe.pk, spinach_part.pk]))
    recipe.food.refresh_from_db()
    assert recipe.food.magnesium_mg == Decimal("592.000")
    assert [p.grams for p in recipe.food.portions.all()] == [Decimal("60.000")]
    entry.refresh_from_db()
    assert entry.magnesium_mg == logged_mg


def test_a_cooked_weight_out_of_reason_is_a_form_error(alice_client, user, pumpkin):
    recipe = make_recipe(user, [(pumpkin, "100")])
    response = alice_client.post(
        recipe.get_absolute_url(), {"name": "Seeds", "servings": "1", "cooked_weight_g": "5"}
    )
    assert response.status_code == 200  # the form again, with its error, as the app's other forms
    assert "a finished dish weighs between a tenth and ten times that" in response.content.decode()
    recipe.refresh_from_db()
    assert recipe.cooked_weight_g is None


def test_another_users_recipe_is_not_found(client, other_user, user, pumpkin):
    recipe = make_recipe(user, [(pumpkin, "30")])
    ingredient = recipe.ingredients.get()
    client.force_login(other_user)
    for url in (
        recipe.get_absolute_url(),
        reverse("foods:recipe_delete", args=[recipe.pk]),
        reverse("foods:ingredient_add", args=[recipe.pk, pumpkin.pk]),
        reverse("foods:ingredient", args=[recipe.pk, ingredient.pk]),
    ):
        assert client.get(url).status_code == 404
        assert client.post(url, {"name": "Mine now", "servings": "1"}).status_code == 404
    assert client.post(reverse("foods:ingredient_remove", args=[recipe.pk, ingredient.pk])).status_code == 404
    assert recipe.ingredients.count() == 1
    assert "Porridge of the house" not in client.get(reverse("foods:recipe_list")).content.decode()


def test_recipes_are_not_custom_foods_to_edit_or_suggest(alice_client, user, pumpkin):
    recipe = make_recipe(user, [(pumpkin, "30")])
    assert recipe.food.name not in alice_client.get(reverse("foods:custom_list")).content.decode()
    assert alice_client.get(reverse("foods:custom_edit", args=[recipe.food_id])).status_code == 404
    assert alice_client.post(reverse("foods:custom_suggest", args=[recipe.food_id])).status_code == 404


def test_deleting_a_recipe_in_the_log_archives_its_food_for_the_entries(alice_client, user, pumpkin):
    recipe = make_recipe(user, [(pumpkin, "30")])
    make_entry(user, recipe.food, amount_g="30")
    response = alice_client.post(reverse("foods:recipe_delete", args=[recipe.pk]))
    assert response.status_code == 302
    assert not Recipe.objects.exists()
    assert Food.objects.get(pk=recipe.food_id).is_active is False
    assert IntakeEntry.objects.count() == 1


def test_a_recipe_logged_while_it_is_deleted_is_archived_not_a_server_error(user, pumpkin, monkeypatch):
    # The entry is logged between the check for entries and the deletion (a race seen on the
    # server: ProtectedError, a 500).
    recipe = make_recipe(user, [(pumpkin, "30")])
    make_entry(user, recipe.food, amount_g="30")
    monkeypatch.setattr(QuerySet, "exists", lambda self: False)
    recipes.delete_recipe(recipe)
    monkeypatch.undo()
    assert not Recipe.objects.exists()
    assert Food.objects.get(pk=recipe.food_id).is_active is False
    assert IntakeEntry.objects.count() == 1


def test_a_logged_meal_is_saved_as_a_recipe_with_the_same_amounts(alice_client, user, pumpkin, spinach):
    day = date(2026, 3, 2)
    make_entry(
        user,
        pumpkin,
        on=day,
        meal="breakfast",
        portion=pumpkin.portions.get(description="1 oz"),
        quantity="2",
    )
    make_entry(user, spinach, on=day, meal="breakfast", amount_g="90")
    make_entry(user, spinach, on=day, meal="dinner", amount_g="500")
    archived = make_food("Old muesli", is_active=False)
    make_entry(user, archived, on=day, meal="breakfast", amount_g="40")

    page = alice_client.get(reverse("tracker:day", args=[day.isoformat()])).content.decode()
    url = reverse("tracker:meal_recipe", args=[day.isoformat(), "breakfast"])
    assert url in page
    response = alice_client.post(url, follow=True)

    recipe = Recipe.objects.get(user=user)
    assert recipe.food.name == "Breakfast of 2 March 2026"
    assert [(i.food, i.portion, i.quantity, i.amount_g) for i in recipe.ingredients.order_by("pk")] == [
        (pumpkin, pumpkin.portions.get(description="1 oz"), Decimal(2), Decimal("56.700")),
        (spinach, None, Decimal(1), Decimal("90.000")),
    ]
    assert "1 of its foods can no longer be logged" in response.content.decode()


def test_another_users_meal_cannot_be_saved_and_an_empty_meal_makes_no_recipe(
    alice_client, other_user, pumpkin
):
    make_entry(other_user, pumpkin, on=date(2026, 3, 2), meal="lunch")
    response = alice_client.post(reverse("tracker:meal_recipe", args=["2026-03-02", "lunch"]))
    assert response.status_code == 302
    assert not Recipe.objects.exists()
    assert alice_client.post(reverse("tracker:meal_recipe", args=["2026-03-02", "brunch"])).status_code == 302
    assert alice_client.post(reverse("tracker:meal_recipe", args=["not-a-day", "lunch"])).status_code == 404
    assert not Recipe.objects.exists()


def test_bad_amounts_and_names_are_form_errors_that_write_nothing(alice_client, user, pumpkin):
    recipe = make_recipe(user, [(pumpkin, "30")])
    add_url = reverse("foods:ingredient_add", args=[recipe.pk, pumpkin.pk])
    for data in (
        {"portion": "", "grams": "0"},
        {"portion": "", "grams": "20000"},
        {"portion": "nope", "grams": "5"},
    ):
        response = alice_client.post(add_url, data)
        assert response.status_code == 200 and response.context["form"].errors, data
    assert recipe.ingredients.count() == 1
    for name in ("", "\u200b", "tab\there"):
        response = alice_client.post(reverse("foods:recipe_list"), {"name": name, "servings": "1"})
        assert response.status_code == 200 and "name" in response.context["form"].errors
    assert Recipe.objects.count() == 1
