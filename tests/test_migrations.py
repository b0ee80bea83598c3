"""The models and their migrations agree: a change to a field (choices and labels included)
without its migration fails here, not on a deployment."""

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_every_model_change_has_its_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db
def test_the_food_search_index_survives_every_migration():
    """A migration that rebuilds the foods table on SQLite drops its triggers; the last one to do
    so must make them again, or new and renamed foods are never found."""
    from django.db import connection

    from foods.models import Food
    from foods.search import search_foods

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'foods_food'"
            )
            triggers = {row[0] for row in cursor.fetchall()}
        assert {"foods_food_fts_insert", "foods_food_fts_update", "foods_food_fts_delete"} <= triggers
    food = Food.objects.create(name="Quinoaberry, raw", category="Fruits")
    assert search_foods(Food.objects.all(), "quinoaberry") == [food]
    food.name = "Zizaniaberry, raw"
    food.save()
    assert search_foods(Food.objects.all(), "zizaniaberry") == [food]
    assert search_foods(Food.objects.all(), "quinoaberry") == []
