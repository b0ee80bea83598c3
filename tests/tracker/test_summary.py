"""One period average for every view of a period: the trends page, the report, the CSV export
and GET /api/v1/summary/range/ agree to the milligram, on awkward values too."""

import csv
import io
from collections import defaultdict
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.utils import timezone

from core.nutrition import average
from tests.factories import make_entry, make_food, make_profile, make_supplement
from tests.pages import text
from tracker import summary

pytestmark = pytest.mark.django_db

# Day totals whose mean sits exactly on a rounding edge (250.0005 mg): a float mean and a
# Decimal one used to round it differently.
AWKWARD = [
    ([Decimal("250.000")], None),
    ([Decimal("250.001")], None),
    ([Decimal("0.001")], "0.001"),
    ([Decimal("99.999")], "100.001"),
]


def whole_mg(value: Decimal) -> Decimal:
    return value.quantize(Decimal(1), ROUND_HALF_UP)


@pytest.fixture
def logged_days(user):
    """Four days logged among the last seven, with magnesium amounts on rounding edges."""
    make_profile(user)
    end = timezone.localdate()
    days = [end - timedelta(days=n) for n in (0, 2, 3, 6)]
    for day, (amounts, supplement_mg) in zip(days, AWKWARD, strict=True):
        for mg in amounts:
            make_entry(user, make_food(f"Food {mg}", magnesium_mg=mg), amount_g="100", on=day)
        if supplement_mg:
            make_supplement(user, elemental_mg=supplement_mg, on=day)
    return end - timedelta(days=6), end


def csv_averages(client, start, end) -> dict[str, Decimal]:
    """The averages a user would work out from the CSV export: magnesium a logged day."""
    text = client.get(f"/export/entries.csv?start={start}&end={end}").content.decode()
    per_day = defaultdict(lambda: {"food": Decimal(0), "supplement": Decimal(0)})
    for row in csv.DictReader(io.StringIO(text)):
        per_day[row["date"]][row["kind"]] += Decimal(row["magnesium_mg"] or 0)
    days = list(per_day.values())
    return {
        "food_magnesium_mg": average([day["food"] for day in days]),
        "supplement_magnesium_mg": average([day["supplement"] for day in days]),
        "total_magnesium_mg": average([day["food"] + day["supplement"] for day in days]),
    }


def test_trends_report_csv_and_api_give_the_same_averages(alice_client, user, logged_days):
    start, end = logged_days
    trends = alice_client.get("/trends/?days=7").context["trend"].averages
    report = alice_client.get(f"/report/?start={start}&end={end}").context["trend"].averages
    api = alice_client.get(f"/api/v1/summary/range/?start={start}&end={end}").json()["averages"]
    exported = csv_averages(alice_client, start, end)
    for name in summary.MAGNESIUM:
        values = {trends[name], report[name], Decimal(api[name]), exported[name]}
        assert len({whole_mg(value) for value in values}) == 1, (name, values)
        assert len(values) == 1, (name, values)  # the same to the thousandth, not only the milligram


@pytest.mark.parametrize(
    ("first", "second", "api", "shown"),
    [
        ("250.000", "250.001", "250.001", "250 mg"),  # the days: a mean of 250.0005 mg
        ("250", "251", "250.500", "251 mg"),  # a mean on the whole milligram's edge
    ],
)
def test_two_days_on_a_rounding_edge_read_the_same_everywhere(alice_client, user, first, second, api, shown):
    make_profile(user)
    end = timezone.localdate()
    start = end - timedelta(days=1)
    for day, mg in ((start, first), (end, second)):
        make_entry(user, make_food(f"Food {mg}", magnesium_mg=Decimal(mg)), amount_g="100", on=day)

    averages = alice_client.get(f"/api/v1/summary/range/?start={start}&end={end}").json()["averages"]
    assert (averages["food_magnesium_mg"], averages["total_magnesium_mg"]) == (api, api)
    assert csv_averages(alice_client, start, end)["total_magnesium_mg"] == Decimal(api)
    for url in ("/trends/?days=7", f"/report/?start={start}&end={end}"):
        page = text(alice_client.get(url).content.decode())
        assert f"Food {shown} Supplements 0 mg Total {shown}" in page, url
        assert whole_mg(Decimal(api)) == Decimal(shown.split()[0]), url


def test_the_average_of_250_000_and_250_001_is_rounded_half_up():
    assert average([Decimal("250.000"), Decimal("250.001")]) == Decimal("250.001")


def test_period_averages_leave_out_days_with_nothing_logged(user, logged_days):
    start, end = logged_days
    days = summary.range_summaries(user, start, end)
    averages = summary.period_averages(days)
    assert sum(day.is_logged for day in days) == 4
    expected = (Decimal("250.000") + Decimal("250.001") + Decimal("0.001") + Decimal("99.999")) / 4
    assert averages["food_magnesium_mg"] == expected.quantize(Decimal("0.001"), ROUND_HALF_UP)
    assert summary.period_averages(days[1:2]) is None  # a day with nothing logged


def test_a_days_summary_summed_in_python_equals_the_grouped_aggregate_of_a_range(user):
    make_profile(user)
    day = timezone.localdate()
    seeds = make_food("Seeds", magnesium_mg=Decimal("592.125"), energy_kcal=Decimal("559"))
    unknown = make_food("Mystery", magnesium_mg=None, calcium_mg=None)
    for food, grams in [(seeds, "33.3"), (seeds, "12.7"), (unknown, "50")]:
        make_entry(user, food, amount_g=grams, on=day)
    make_entry(user, seeds, on=day - timedelta(days=1))

    alone = summary.day_summary(user, day)
    in_range = summary.range_summaries(user, day - timedelta(days=1), day)[-1]

    assert (alone.entries, alone.totals, alone.missing) == (
        in_range.entries,
        in_range.totals,
        in_range.missing,
    )
    assert alone.missing["magnesium_mg"] == 1 and alone.missing["vitamin_d_ug"] == 3
    assert summary.day_summary(user, day + timedelta(days=1)).totals["magnesium_mg"] == 0
