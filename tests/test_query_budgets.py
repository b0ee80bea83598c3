"""Query budgets (issue 8): the day page, the summary API, the trends page and the food search
run a fixed number of queries whatever the number of entries a day (1 or 100), days (7 or
365) and foods; and the indexes those queries need exist."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from foods.models import NUTRIENT_FIELDS
from tests.factories import make_entry, make_food, make_portion, make_profile, make_recipe, make_supplement
from tracker.models import IntakeEntry
from tracker.shares import create_share

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def log(user, foods, days: int, per_day: int) -> None:
    """per_day entries (and one supplement) on each of the `days` days that end today, the
    foods taken in turn; entries copied from one saved through the app, in bulk."""
    saved = {food.pk: make_entry(user, food, amount_g="50", on=TODAY) for food in foods}
    IntakeEntry.objects.filter(user=user).delete()
    rows = []
    for back in range(days):
        for number in range(per_day):
            model = saved[foods[(back + number) % len(foods)].pk]
            values = {name: getattr(model, name) for name in ("food_id", "amount_g", *NUTRIENT_FIELDS)}
            rows.append(IntakeEntry(user=user, date=TODAY - timedelta(days=back), meal="lunch", **values))
        make_supplement(user, elemental_mg="50", on=TODAY - timedelta(days=back))
    IntakeEntry.objects.bulk_create(rows, batch_size=500)


@pytest.fixture
def foods():
    """Ten foods low in magnesium (a day of 100 stays below the target, so the day page also
    looks up suggestions), and 30 rich ones (300 mg in their 30 g reference amount) that it can suggest."""
    low = [make_food(f"Cucumber {n}", magnesium_mg=Decimal("0.1")) for n in range(10)]
    for number in range(30):
        seeds = make_food(
            f"Seeds {number}",
            category=f"Group {number % 5}",
            magnesium_mg=Decimal(1000),
            reference_amount_g=Decimal(30),
            racc_category="nuts_seeds",
        )
        make_portion(seeds, "1 cup", "129")
    return low


def queries_for(client, path: str, **params) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, params)
    return response.status_code, len(captured)


@pytest.mark.parametrize("per_day", [1, 100])
def test_the_day_page_runs_seven_queries_whatever_the_day_holds(alice_client, user, foods, per_day):
    make_profile(user)
    log(user, foods, days=2, per_day=per_day)
    # session, user, entries (the food's sums are added up from them), supplements, profile, the
    # supplements' sum, suggestions, and the recent foods to log again in one tap
    assert queries_for(alice_client, reverse("tracker:day", args=[TODAY.isoformat()])) == (200, 7)
    page = alice_client.get(reverse("tracker:day", args=[TODAY.isoformat()]))
    assert page.context["summary"].entries == per_day
    assert page.context["gap"].foods  # the suggestions were looked up, and found


def test_the_day_page_loads_no_entry_field_one_by_one_with_ckd_and_portions(alice_client, user, foods):
    make_profile(user, has_ckd=True)  # phosphorus and potassium shown; no suggestions
    for food in foods[:3]:
        make_entry(user, food, on=TODAY, portion=make_portion(food, "1 slice", "7"), quantity="2")
    # session, user, entries, supplements, profile, the supplements' sum, recent foods
    assert queries_for(alice_client, reverse("tracker:day", args=[TODAY.isoformat()])) == (200, 6)
    page = alice_client.get(reverse("tracker:day", args=[TODAY.isoformat()])).content.decode()
    assert "2 × 1 slice (14 g)" in page and "Potassium" in page


@pytest.mark.parametrize("per_day", [1, 100])
def test_the_summary_api_runs_four_queries_whatever_the_day_holds(alice_client, user, foods, per_day):
    make_profile(user)
    log(user, foods, days=2, per_day=per_day)
    # session, user, then profile, food and supplement aggregates
    assert queries_for(alice_client, reverse("api:summary"), date=TODAY.isoformat()) == (200, 4)
    assert alice_client.get(reverse("api:summary"), {"date": TODAY.isoformat()}).json()["entries"] == per_day


@pytest.mark.parametrize(("days", "per_day"), [(7, 1), (7, 100), (365, 1), (365, 100)])
def test_the_trends_page_runs_five_queries_whatever_the_period_holds(
    alice_client, user, foods, days, per_day
):
    make_profile(user)
    log(user, foods, days=days, per_day=per_day)
    # session, user, profile, food and supplement aggregates, top foods
    assert queries_for(alice_client, reverse("tracker:trends"), days=days) == (200, 5)
    trend = alice_client.get(reverse("tracker:trends"), {"days": days}).context["trend"]
    assert (trend.logged_days, trend.entries) == (days, days * per_day)


@pytest.mark.parametrize(("days", "per_day"), [(7, 1), (7, 100), (365, 1), (365, 100)])
@pytest.mark.parametrize("has_ckd", [False, True])
def test_the_shared_report_runs_six_queries_whatever_the_period_holds(
    client, user, foods, days, per_day, has_ckd
):
    make_profile(user, has_ckd=has_ckd)
    log(user, foods, days=days, per_day=per_day)
    _, token = create_share(user, days=days)
    # share with its owner and profile, its opening counted, food and supplement aggregates,
    # top foods, supplement products; no session, no user of the visitor's
    assert queries_for(client, reverse("tracker:shared_report", args=[token])) == (200, 6)
    trend = client.get(reverse("tracker:shared_report", args=[token])).context["trend"]
    assert (trend.logged_days, trend.entries) == (days, days * per_day)


@pytest.mark.parametrize("matching", [1, 200])
# with CKD a row shows phosphorus and potassium too, and the energy sort magnesium per 100 kcal:
# columns the page's foods are loaded with (foods.display.ROW_FIELDS), not one query a food
@pytest.mark.parametrize(("has_ckd", "sort"), [(False, "relevance"), (True, "energy")])
def test_the_food_search_runs_seven_queries_whatever_the_number_of_foods(
    alice_client, user, matching, has_ckd, sort
):
    make_profile(user, has_ckd=has_ckd)
    for number in range(matching):
        food = make_food(f"Lentils {number}", category=f"Group {number % 9}", energy_kcal=Decimal("116"))
        make_portion(food, "1 cup", "198")
        make_portion(food, "1 tbsp", "12")
    make_entry(user, food, amount_g="50")
    # session, user, food groups, profile, count, the page's foods with their default portions,
    # then for each result's Log button its measures (the page's portions, in one query) and its
    # starting amount (the user's last entries of the page's foods)
    assert queries_for(alice_client, reverse("foods:list"), q="lentil", sort=sort) == (200, 7)
    page = alice_client.get(reverse("foods:list"), {"q": "lentil", "sort": sort}).context["page"]
    assert page.paginator.count == matching


def index_columns(table: str) -> list[list[str]]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return [item["columns"] for item in constraints.values() if item["index"]]


def test_entries_are_indexed_by_user_and_date_and_by_user_and_food():
    columns = index_columns(IntakeEntry._meta.db_table)
    assert ["user_id", "date"] in columns
    assert ["user_id", "food_id"] in columns


def test_portions_are_indexed_for_a_foods_default_portion_and_its_grams():
    assert ["food_id", "seq", "id", "grams"] in index_columns("foods_portion")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's")
def test_food_names_have_a_trigram_index_the_search_uses():
    make_food("Nuts, almonds")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'foods_food_name_upper_trgm'")
        (definition,) = cursor.fetchone()
        cursor.execute("SET LOCAL enable_seqscan = off")  # a table this small would be scanned
        cursor.execute("EXPLAIN SELECT id FROM foods_food WHERE UPPER(name::text) LIKE UPPER('%almond%')")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "gin" in definition and "gin_trgm_ops" in definition
    assert "foods_food_name_upper_trgm" in plan


@pytest.mark.parametrize("count", [1, 20])
def test_a_recipe_page_runs_the_same_queries_whatever_its_ingredients(alice_client, user, foods, count):
    recipe = make_recipe(user, [(foods[n % len(foods)], "10") for n in range(count)])
    # session, user, the recipe with its food, its ingredients with their foods and portions
    assert queries_for(alice_client, recipe.get_absolute_url()) == (200, 4)
    # and the list: session, user, the recipes with their foods, their portions
    assert queries_for(alice_client, reverse("foods:recipe_list")) == (200, 4)
