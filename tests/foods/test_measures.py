"""The magnesium measures stored on each food (foods.models.stored_measures): the same values the
sorts and the gap suggestions computed on every query before, kept right on every write path."""

import importlib
import io
from decimal import Decimal

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from foods.models import MEASURE_FIELDS, Food, Source
from foods.search import search, visible_foods
from tests.factories import make_custom_food, make_food, make_portion
from tests.foods.samples import edit
from tests.foods.test_admin import add_portion_row, change_url, food_form_data
from tests.foods.test_csv import csv_file, row
from tests.foods.test_custom import food_data, formset_data

pytestmark = pytest.mark.django_db


def expected(food: Food) -> dict:
    """The measures worked out in Python, as the annotations did in SQL (floats, NULL = unknown)."""
    first = food.portions.order_by("seq", "pk").first()
    first_g = None if first is None else float(first.grams)
    if food.reference_amount_g is not None:
        reference_g = float(food.reference_amount_g)
    else:
        reference_g = first_g if food.source == Source.CUSTOM else None
    mg = None if food.magnesium_mg is None else float(food.magnesium_mg)
    known = mg is not None
    return {
        "portion_magnesium_mg": mg * first_g / 100 if known and first_g else None,
        "reference_magnesium_mg": mg * reference_g / 100 if known and reference_g else None,
        "magnesium_per_100_kcal": mg * 100 / float(food.energy_kcal) if known and food.energy_kcal else None,
    }


def stored(food: Food) -> dict:
    return Food.objects.filter(pk=food.pk).values(*MEASURE_FIELDS).get()


def assert_measures_right(food: Food) -> None:
    food = Food.objects.get(pk=food.pk)
    assert stored(food) == expected(food)


@pytest.fixture
def assorted(user):
    """Foods of every kind the measures treat apart."""
    seeds = make_food(energy_kcal=Decimal("559"))  # reference amount by core.racc, portions
    make_portion(seeds, "1 cup", "129")
    make_portion(seeds, "1 oz", "28.35")
    no_portions = make_food("Almonds", energy_kcal=Decimal("579"))
    no_energy = make_food("Spinach, raw", category="Vegetables and Vegetable Products")
    make_portion(no_energy, "1 cup", "30")
    zero_energy = make_food("Water, tap, municipal", category="Beverages", magnesium_mg=Decimal("1"))
    zero_energy.energy_kcal = Decimal("0")
    zero_energy.save()
    unknown_mg = make_food("Goji berries, dried", magnesium_mg=None, energy_kcal=Decimal("349"))
    make_portion(unknown_mg, "5 tbsp", "28")
    custom = make_custom_food(user, energy_kcal=Decimal("3"))
    make_portion(custom, "1 glass", "250")
    no_serving = make_custom_food(user, "Herbal tea, my own")
    override = make_food("Cashew nuts, raw", energy_kcal=Decimal("553"))
    override.reference_amount_g, override.racc_category = Decimal("50"), "nuts_seeds"
    override.reference_amount_curated = True
    override.save()
    return [seeds, no_portions, no_energy, zero_energy, unknown_mg, custom, no_serving, override]


def test_stored_measures_equal_the_ones_computed_for_every_kind_of_food(assorted):
    for food in assorted:
        assert_measures_right(food)
    seeds, no_portions, no_energy, zero_energy, unknown_mg, custom, no_serving, override = (
        stored(food) for food in assorted
    )
    assert seeds["portion_magnesium_mg"] == pytest.approx(592 * 129 / 100)
    assert no_portions["portion_magnesium_mg"] is None
    assert no_energy["magnesium_per_100_kcal"] is None
    assert zero_energy["magnesium_per_100_kcal"] is None  # never 0 or a division by zero
    assert unknown_mg == dict.fromkeys(MEASURE_FIELDS)  # unknown, never 0
    assert custom["reference_magnesium_mg"] == pytest.approx(12 * 250 / 100)  # the author's serving
    assert no_serving["reference_magnesium_mg"] is None
    assert override["reference_magnesium_mg"] == pytest.approx(592 * 50 / 100)


def test_the_migration_fills_the_measures_of_existing_foods(assorted):
    Food.objects.update(**dict.fromkeys(MEASURE_FIELDS))
    migration = importlib.import_module("foods.migrations.0010_stored_measures")
    migration.fill_measures(django_apps, None)
    for food in assorted:
        assert_measures_right(food)


def test_search_still_finds_a_food_renamed_after_the_measures_were_added():
    food = make_food("Seeds, pumpkin")
    food.name = "Seeds, sunflower kernels"
    food.save()
    everyone = visible_foods(AnonymousUser())
    assert search(everyone, "sunflower").ids == [food.pk]
    assert search(everyone, "pumpkin").ids == []
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'foods_food'"
            )
            triggers = {name for (name,) in cursor.fetchall()}
        assert {"foods_food_fts_insert", "foods_food_fts_update", "foods_food_fts_delete"} <= triggers


def test_portions_added_changed_and_removed_move_the_measures():
    food = make_food(energy_kcal=Decimal("559"))
    assert stored(food)["portion_magnesium_mg"] is None
    cup = make_portion(food, "1 cup", "129")
    assert_measures_right(food)
    cup.grams = Decimal("130")
    cup.save()
    assert stored(food)["portion_magnesium_mg"] == pytest.approx(592 * 130 / 100)
    cup.delete()
    assert stored(food)["portion_magnesium_mg"] is None


def test_an_admin_edit_of_a_food_its_reference_amount_and_its_portions_moves_the_measures(admin_client):
    food = make_food(energy_kcal=Decimal("559"))
    make_portion(food, "1 oz", "28.35")
    data = food_form_data(food, magnesium_mg="600", reference_amount_g="40")
    assert admin_client.post(change_url(food), data).status_code == 302
    assert stored(food)["reference_magnesium_mg"] == pytest.approx(600 * 40 / 100)
    assert_measures_right(food)

    food.refresh_from_db()
    data = food_form_data(food, **{"portions-0-DELETE": "on"})
    add_portion_row(data, food, "1 cup", "129", seq="2")
    assert admin_client.post(change_url(food), data).status_code == 302
    assert stored(food)["portion_magnesium_mg"] == pytest.approx(600 * 129 / 100)
    assert_measures_right(food)


def test_a_custom_food_made_and_edited_on_its_page_has_its_measures(alice_client, user):
    data = food_data(portions=[("1 glass", "250")], energy_kcal="4")
    assert alice_client.post(reverse("foods:custom_new"), data).status_code == 302
    food = Food.objects.get(created_by=user)
    assert stored(food)["reference_magnesium_mg"] == pytest.approx(12 * 250 / 100)
    assert_measures_right(food)

    glass = food.portions.get()
    data = {"name": food.name, "basis": "100g", "magnesium_mg": "20", "energy_kcal": "4"}
    data.update(formset_data([], existing=[(glass, {"grams": "300"})]))
    assert alice_client.post(reverse("foods:custom_edit", args=[food.pk]), data).status_code == 302
    assert stored(food)["reference_magnesium_mg"] == pytest.approx(20 * 300 / 100)
    assert_measures_right(food)


def test_the_csv_import_job_stores_the_measures_of_new_and_changed_foods(admin_client):
    url = reverse("admin:foods_food_import")
    file = csv_file([row("Water, Brand Y", magnesium="10", energy_kcal="2")])
    admin_client.post(url, {"resource": "0", "format": "0", "import_file": file})
    food = Food.objects.get(name="Water, Brand Y")
    assert stored(food)["magnesium_per_100_kcal"] == pytest.approx(500)

    file = csv_file([row("Water, Brand Y", magnesium="20", energy_kcal="2", id=str(food.pk))])
    admin_client.post(url, {"resource": "0", "format": "0", "import_file": file})
    assert stored(food)["magnesium_per_100_kcal"] == pytest.approx(1000)
    assert_measures_right(food)


def test_a_usda_import_and_reimport_store_the_measures(sr_legacy):
    call_command("import_usda", str(sr_legacy), stdout=io.StringIO(), stderr=io.StringIO())
    for food in Food.objects.all():
        assert_measures_right(food)
    seeds = Food.objects.get(fdc_id=170556)
    edit(sr_legacy, "food_nutrient.csv", '"170556","1090","592"', '"170556","1090","600"')

    call_command("import_usda", str(sr_legacy), stdout=io.StringIO(), stderr=io.StringIO())

    assert stored(seeds)["portion_magnesium_mg"] == pytest.approx(600 * 129 / 100)
    assert_measures_right(seeds)
