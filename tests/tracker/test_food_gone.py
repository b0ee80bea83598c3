"""Logging a food deleted or archived after the form was checked (its recipe deleted meanwhile):
a clear refusal, never a 500. The entry's foreign key used to fail at commit (IntegrityError)."""

import threading
import time
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from foods import recipes
from foods.models import Food, Recipe
from tests.factories import make_custom_food, make_entry, make_food, make_recipe
from tracker.forms import EntryForm
from tracker.models import IntakeEntry
from tracker.serializers import EntrySerializer
from tracker.services import FOOD_GONE, copy_day, save_entry

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


# Real races, on PostgreSQL (SQLite runs one writer at a time): one transaction holds the food's
# row while another logs, copies or deletes it.
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent writers are checked on PostgreSQL"
)


def in_thread(work, errors: list):
    def run():
        try:
            work()
        except Exception as error:  # noqa: BLE001 (the test asserts there were none)
            errors.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def until_waiting(thread: threading.Thread, timeout: float = 10) -> None:
    """Until another connection waits for a lock (the thread's, on the held row), or the thread
    has ended without waiting."""
    deadline = time.monotonic() + timeout
    while thread.is_alive() and time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return
        time.sleep(0.05)


def holding(work, held: threading.Event, release: threading.Event):
    """work() in a transaction kept open until release is set."""

    def run():
        with transaction.atomic():
            work()
            held.set()
            release.wait(10)

    return run


@postgresql_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("write", ["log", "copy"])
def test_logging_or_copying_a_recipe_while_it_is_deleted_is_refused_not_a_500(user, recipe, write):
    if write == "copy":
        make_entry(user, recipe.food, amount_g="40", on=DAY)  # copied to the next day meanwhile
    held, release, errors, results = threading.Event(), threading.Event(), [], []
    deleter = in_thread(
        holding(lambda: recipes.delete_recipe(Recipe.objects.get(pk=recipe.pk)), held, release), errors
    )
    assert held.wait(10)

    def log():
        food = Food.objects.get(pk=recipe.food_id)
        try:
            save_entry(
                user=user, food=food, on=DAY, meal="lunch", portion=None, quantity=None, grams=Decimal(50)
            )
        except ValidationError as error:
            results.append(error.code)

    def copy():
        results.append(
            copy_day(user, source=DAY, target=DAY + timedelta(days=1), meal=None, with_supplements=False)
        )

    writer = in_thread(log if write == "log" else copy, errors)
    until_waiting(writer)  # for the deleter's lock (or, without the lock, written at once)
    release.set()
    deleter.join(10)
    writer.join(10)
    assert errors == []
    if write == "log":
        assert results == ["food_gone"]
        assert not IntakeEntry.objects.exists() and not Food.objects.filter(pk=recipe.food_id).exists()
    else:
        # the food was in the log, so it is archived (not deleted); the copy leaves it out and names it
        assert results[0].entries == 0 and results[0].skipped == [recipe.food.name]
        assert IntakeEntry.objects.count() == 1


@postgresql_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("kind", ["recipe", "custom food"])
def test_a_food_deleted_while_it_is_being_logged_is_archived_not_a_500(user, recipe, kind):
    held, release, errors = threading.Event(), threading.Event(), []
    food = Food.objects.get(pk=recipe.food_id) if kind == "recipe" else make_custom_food(user)
    owner = Client()
    owner.force_login(user)

    def delete():
        if kind == "recipe":
            recipes.delete_recipe(Recipe.objects.get(pk=recipe.pk))
        else:
            assert owner.post(reverse("foods:custom_delete", args=[food.pk])).status_code == 302

    def log():
        save_entry(user=user, food=food, on=DAY, meal="lunch", portion=None, quantity=None, grams=Decimal(50))

    writer = in_thread(holding(log, held, release), errors)
    assert held.wait(10)
    deleter = in_thread(delete, errors)
    until_waiting(deleter)  # for the entry's lock on the food
    release.set()
    writer.join(10)
    deleter.join(10)
    assert errors == []
    assert IntakeEntry.objects.get().food_id == food.pk
    assert Food.objects.get(pk=food.pk).is_active is False
    assert not Recipe.objects.exists() if kind == "recipe" else Recipe.objects.exists()
