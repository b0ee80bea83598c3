from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from foods.importing.planner import analyze_foods
from foods.models import Food, Portion
from tests.factories import make_food, make_portion

pytestmark = pytest.mark.django_db


def test_load_foods_leaves_a_database_that_has_foods_alone(capsys):
    make_food("Already here")
    call_command("load_foods")
    assert Food.objects.count() == 1
    assert "already has 1 foods" in capsys.readouterr().out


def planner_statistics(table: str) -> int:
    """Rows of the query planner's statistics on a table (SQLite: none before the first ANALYZE)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT COUNT(*) FROM pg_stats WHERE tablename = %s", [table])
            return cursor.fetchone()[0]
        cursor.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if not cursor.fetchone()[0]:
            return 0
        cursor.execute("SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = %s", [table])
        return cursor.fetchone()[0]


def test_analyze_foods_gives_the_planner_statistics_on_foods_and_portions():
    for number in range(3):
        make_portion(make_food(f"Lentils {number}"), "1 cup", "198")
    analyze_foods()
    assert planner_statistics("foods_food") > 0
    assert planner_statistics("foods_portion") > 0


@pytest.mark.slow
def test_shipped_fixture_loads_the_whole_usda_release(client):
    call_command("load_foods", verbosity=0)
    assert Food.objects.count() == 8789
    assert Food.objects.filter(magnesium_mg__isnull=False).count() == 8050
    assert Food.objects.filter(fdc_id__isnull=False).count() == 7488
    assert Portion.objects.count() == 15438
    assert planner_statistics("foods_food") > 0  # analyzed after the bulk load
    kernels = Food.objects.get(name="Seeds, pumpkin and squash seed kernels, dried")
    assert kernels.magnesium_mg == Decimal("592")
    # acceptance: the foods page finds "pumpkin" and shows the kernels at 592 mg per 100 g
    page = client.get(reverse("foods:list"), {"q": "pumpkin"})
    assert kernels in page.context["page"].object_list
    assert (
        f'href="/foods/{kernels.pk}/">Seeds, pumpkin and squash seed kernels, dried</a>'
        in page.content.decode()
    )


def test_load_foods_stores_the_measures_loaddata_leaves_empty(monkeypatch):
    def loaddata(*args, **kwargs):  # as loaddata does: rows saved without Food.save()
        food = Food.objects.bulk_create(
            [Food(name="Seeds", magnesium_mg=Decimal(592), energy_kcal=Decimal(559))]
        )[0]
        Portion.objects.bulk_create([Portion(food=food, seq=1, description="1 oz", grams=Decimal("28.35"))])

    monkeypatch.setattr("foods.management.commands.load_foods.call_command", loaddata)
    call_command("load_foods", verbosity=0)
    food = Food.objects.get()
    assert (food.portion_magnesium_mg, food.magnesium_per_100_kcal) == (592 * 28.35 / 100, 592 * 100 / 559)
