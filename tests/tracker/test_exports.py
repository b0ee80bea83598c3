"""The CSV export of entries and the printable clinician report."""

import io
import re
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from django.test import Client

from core import ckd
from tests.factories import make_entry, make_food, make_profile, make_supplement
from tests.pages import section
from tracker import exports, summary

pytestmark = pytest.mark.django_db

START = date(2026, 3, 1)
END = date(2026, 3, 10)
CSV_URL = f"/export/entries.csv?start={START}&end={END}"


@pytest.fixture
def logged(user, other_user):
    make_profile(user)
    almonds = make_food("Nuts, almonds", magnesium_mg=Decimal(270), fdc_id=170567)
    mystery = make_food("Mystery bar", magnesium_mg=None)
    for offset in range(0, 10, 2):
        on = START + timedelta(days=offset)
        make_entry(user, almonds, amount_g=str(10 + offset), on=on, meal="breakfast")
        make_entry(user, mystery, amount_g="40", on=on, meal="snack")
    make_supplement(user, elemental_mg="150", on=START + timedelta(days=3), doses="2")
    make_supplement(user, elemental_mg="100", on=START)
    make_entry(user, almonds, on=END + timedelta(days=1))  # outside the range
    make_entry(other_user, almonds, amount_g="500", on=START)
    make_supplement(other_user, on=START)
    return almonds


def read_csv(response) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(response.content.decode()), parse_dates=["date"])


def test_csv_opens_in_pandas_with_the_documented_columns_and_day_totals(alice_client, user, logged):
    response = alice_client.get(CSV_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="magnesium-entries-2026-03-01-to-2026-03-10.csv"' in response["Content-Disposition"]
    frame = read_csv(response)
    assert list(frame.columns) == list(exports.COLUMNS)
    assert len(frame) == 12 and frame["kind"].value_counts().to_dict() == {"food": 10, "supplement": 2}
    per_day = frame.groupby(frame["date"].dt.date)["magnesium_mg"].sum()
    for day in summary.range_summaries(user, START, END):
        expected = float(day.total_magnesium_mg)
        assert per_day.get(day.date, 0.0) == pytest.approx(expected, abs=0.001), day.date
    almonds = frame[frame["food"] == "Nuts, almonds"].iloc[0]
    assert (almonds["fdc_id"], almonds["amount_g"], almonds["magnesium_mg"], almonds["meal"]) == (
        170567,
        10,
        27,
        "breakfast",
    )
    assert frame[frame["food"] == "Mystery bar"]["magnesium_mg"].isna().all()  # unknown, not 0
    supplement = frame[frame["kind"] == "supplement"].iloc[-1]
    assert (
        supplement["supplement"],
        supplement["form"],
        supplement["doses"],
        supplement["magnesium_mg"],
    ) == (
        "Magnesium citrate 200",
        "citrate",
        2,
        300,
    )


def test_an_empty_range_gives_just_the_header(alice_client, user):
    frame = read_csv(alice_client.get(CSV_URL))
    assert list(frame.columns) == list(exports.COLUMNS) and frame.empty


def test_csv_without_a_range_covers_the_last_30_days(alice_client, user):
    response = alice_client.get("/export/entries.csv")
    assert response.status_code == 200
    assert re.search(r'filename="magnesium-entries-(\S+)-to-(\S+)\.csv"', response["Content-Disposition"])


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("start=2026-03-10&end=2026-03-01", "The end date must be on or after the start date."),
        ("start=2025-01-01&end=2026-01-02", "Choose at most 366 days."),
        ("start=2026-02-30&end=2026-03-01", "Enter a valid date."),
        ("start=2026-03-01", "This field is required."),
        ("start=1800-01-01&end=1800-01-02", "Choose a date between"),
    ],
)
def test_bad_ranges_are_refused_with_400_and_the_reason(alice_client, user, query, message):
    for url in ("/export/entries.csv", "/report/"):
        response = alice_client.get(f"{url}?{query}")
        assert response.status_code == 400
        assert message in response.content.decode()


def test_a_leap_year_fits_the_cap(alice_client, user):
    assert alice_client.get("/export/entries.csv?start=2024-01-01&end=2024-12-31").status_code == 200


def test_exports_need_login():
    assert Client().get(CSV_URL).status_code == 302
    assert Client().get("/report/").status_code == 302


def test_readme_documents_every_csv_column():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    documented = readme.split("### Exports", 1)[1].split("\n## ", 1)[0]
    for column in exports.COLUMNS:
        assert f"| `{column}` |" in documented, column


def test_report_shows_averages_top_foods_supplements_coverage_and_disclaimer(
    alice_client, user, logged, django_assert_num_queries
):
    # session, user, profile, food aggregate, supplement aggregate, top foods, supplement products
    with django_assert_num_queries(6):
        response = alice_client.get(f"/report/?start={START}&end={END}")
    page = response.content.decode()
    headline = section(page, "period-title")
    assert "Averages of the 6 days with something logged, out of 10"  # one with only a supplement in headline
    assert "Magnesium known for 5 of 10 foods." in headline
    assert "Nuts, almonds 189 mg 100 % 5" in section(page, "top-foods-title")  # 27+32.4+37.8+43.2+48.6
    supplements = section(page, "report-supplements-title")
    assert "Magnesium citrate 200 Trimagnesium citrate (anhydrous) 2 400 mg" in supplements
    assert "Education, not medical advice." in page
    assert ckd.NOTICE not in page
    assert "@media print" in (Path(__file__).resolve().parents[2] / "static/css/app.css").read_text()


def test_report_carries_the_ckd_note_and_no_standard_target(alice_client, user):
    make_profile(user, has_ckd=True)
    make_entry(user, make_food(magnesium_mg=Decimal(100)), amount_g="100", on=START)
    page = alice_client.get(f"/report/?start={START}&end={END}").content.decode()
    assert ckd.NOTICE in page
    headline = section(page, "period-title")
    assert "100 mg of magnesium a day" in headline and "Phosphorus 1,233 mg" in headline
    assert "a day, of" not in headline


def supplement_section(client) -> str:
    page = client.get(f"/report/?start={START}&end={END}").content.decode()
    return section(page, "report-supplements-title")


def test_report_names_the_days_supplements_went_over_the_limit_but_not_a_day_at_it(alice_client, user):
    make_profile(user)  # an adult: the IOM limit of 350 mg a day from supplements
    make_supplement(user, elemental_mg="400", on=date(2026, 3, 3))
    make_supplement(user, elemental_mg="250", on=date(2026, 3, 5), doses="2")
    make_supplement(user, elemental_mg="350", on=date(2026, 3, 7))  # at the limit: not over
    make_entry(user, make_food(magnesium_mg=Decimal(500)), amount_g="100", on=date(2026, 3, 8))  # food
    text = supplement_section(alice_client)
    assert "Supplements over the 350 mg limit on 2 days: 3 Mar 2026 (400 mg), 5 Mar 2026 (500 mg)." in text
    assert "7 Mar 2026" not in text and "8 Mar 2026" not in text


def test_report_says_no_day_went_over_the_limit(alice_client, user):
    make_profile(user)
    make_supplement(user, elemental_mg="350", on=START)
    text = supplement_section(alice_client)
    assert "No day's supplements went over the upper limit of 350 mg a day." in text
    assert "Supplements over" not in text


def test_report_gives_each_days_limit_when_the_limit_changes_in_the_period(alice_client, user):
    # A child turning 9 on 5 March: the IOM limit is 110 mg until then, 350 mg from then.
    make_profile(user, birth_date=date(2017, 3, 5))
    make_supplement(user, elemental_mg="200", on=date(2026, 3, 4))
    make_supplement(user, elemental_mg="400", on=date(2026, 3, 6))
    make_supplement(user, elemental_mg="200", on=date(2026, 3, 7))  # under 350
    text = supplement_section(alice_client)
    assert (
        "Supplements over the day's upper limit on 2 days: "
        "4 Mar 2026 (200 mg, limit 110 mg), 6 Mar 2026 (400 mg, limit 350 mg)." in text
    )


def test_report_shows_a_ckd_user_no_limit_only_the_days_with_supplements(alice_client, user):
    make_profile(user, has_ckd=True)
    make_supplement(user, elemental_mg="400", on=date(2026, 3, 3))
    make_supplement(user, elemental_mg="100", on=date(2026, 3, 4))
    text = supplement_section(alice_client)
    assert "Supplement magnesium logged on 2 days: 3 Mar 2026 (400 mg), 4 Mar 2026 (100 mg)." in text
    assert " ".join(ckd.NO_SUPPLEMENT_LIMIT.split()) in text
    assert "350" not in text and "over" not in text


def test_csv_writes_fdc_ids_as_whole_numbers_beside_empty_ones(alice_client, user, logged):
    """A supplement row (no FDC id) and a custom food must not turn the column into floats."""
    text = alice_client.get(CSV_URL).content.decode()
    assert ",170567," in text and "170567.0" not in text
