"""Logging a food deleted or archived after the form was checked (its recipe deleted meanwhile):
a clear refusal, never a 500. The entry's foreign key used to fail at commit (IntegrityError)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from foods import recipes
from foods.models import Food, Recipe
from tests.factories import make_entry, make_food, make_recipe
from tracker.forms import EntryForm
from tracker.models import IntakeEntry
from tracker.serializers import EntrySerializer
from tracker.services import FOOD_GONE, save_entry

DAY = date(2026, 3, 2)


@pytest.fixture
def recipe(user):
    return make_recipe(user, [(make_food(magnesium_mg=Decimal("550")), "30")])


def deleted_after(monkeypatch, cls, method: str, recipe):
    """cls.method as it is, then the recipe deleted (committed: the tests run without a
    transaction around them), as by another request between the check and the save."""
    checked = getattr(cls, method)

    def check_then_delete(self, *args, **kwargs):
        result = checked(self, *args, **kwargs)
        recipes.delete_recipe(Recipe.objects.get(pk=recipe.pk))
        return result

    monkeypatch.setattr(cls, method, check_then_delete)


@pytest.mark.django_db(transaction=True)
def test_the_log_form_of_a_recipe_deleted_after_the_check_answers_a_form_error(user, recipe, monkeypatch):
    url = reverse("tracker:entry_new", args=[recipe.food_id])
    deleted_after(monkeypatch, EntryForm, "is_valid", recipe)
    alice = Client()
    alice.force_login(user)
    response = alice.post(url, {"date": DAY.isoformat(), "meal": "lunch", "grams": "100"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [FOOD_GONE]
    assert FOOD_GONE in response.content.decode()
    assert not IntakeEntry.objects.exists() and not Food.objects.filter(pk=recipe.food_id).exists()


@pytest.mark.django_db(transaction=True)
def test_the_api_answers_a_400_on_food_for_a_recipe_deleted_after_the_check(user, recipe, monkeypatch):
    api = APIClient()
    api.force_authenticate(user)
    deleted_after(monkeypatch, EntrySerializer, "validate", recipe)
    response = api.post(
        "/api/v1/entries/",
        {"date": DAY.isoformat(), "meal": "lunch", "food": recipe.food_id, "amount_g": "100"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"food": [FOOD_GONE]}
    assert not IntakeEntry.objects.exists()


@pytest.mark.django_db
def test_a_food_archived_or_deleted_since_it_was_read_is_refused(user, recipe):
    food = Food.objects.get(pk=recipe.food_id)
    Food.objects.filter(pk=food.pk).update(is_active=False)  # archived meanwhile
    values = {"user": user, "food": food, "on": DAY, "meal": "lunch", "portion": None, "quantity": None}
    with pytest.raises(ValidationError) as error:
        save_entry(**values, grams=Decimal(100))
    assert error.value.code == "food_gone" and error.value.messages == [FOOD_GONE]
    Food.objects.filter(pk=food.pk).delete()
    with pytest.raises(ValidationError, match="can no longer be logged"):
        save_entry(**values, grams=Decimal(100))
    assert not IntakeEntry.objects.exists()


@pytest.mark.django_db
def test_an_entry_of_an_archived_food_can_still_be_edited(alice_client, user, recipe):
    entry = make_entry(user, recipe.food, amount_g="30", on=DAY)
    recipes.delete_recipe(recipe)  # in the log: archived
    response = alice_client.post(
        reverse("tracker:entry_edit", args=[entry.pk]),
        {"date": DAY.isoformat(), "meal": "dinner", "grams": "60"},
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.meal, entry.amount_g) == ("dinner", Decimal(60))
