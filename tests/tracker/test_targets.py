"""The day's target on the page and in the summary: every row of the three tables, each
birthday boundary, the clinician's target and the Daily Value without a profile."""

from datetime import date, timedelta

import pytest

from tests.core.reference_tables import BOUNDARIES, born_months_before, cases, value_at
from tests.factories import make_entry, make_food, make_profile
from tests.pages import section
from tracker.summary import day_summary

pytestmark = pytest.mark.django_db

ON = date(2026, 6, 15)
CITED = {
    "nih": "National Academy Press, 1997",
    "efsa": "EFSA Journal 2015;13(7):4186",
    "uk": "Report on Health and Social Subjects 41 (HMSO, 1991)",
}
KIND_NAMES = {
    "RDA": "Recommended Dietary Allowance",
    "AI": "Adequate Intake",
    "RNI": "Reference Nutrient Intake",
}
CASES = [pytest.param(*case, id="{}-{}mo-{}-{}".format(*case[:4])) for case in cases()]


def summary_on_page(client, day):
    response = client.get(f"/day/{day.isoformat()}/")
    return response.context["summary"], section(response.content.decode(), "summary-title")


@pytest.mark.parametrize(("standard", "months", "sex", "stage", "expected", "kind"), CASES)
def test_day_target_for_every_row_of_every_table(
    alice_client, user, standard, months, sex, stage, expected, kind
):
    make_profile(
        user,
        birth_date=born_months_before(months, ON),
        sex=sex,
        life_stage=stage,
        reference_standard=standard,
    )
    summary, page = summary_on_page(alice_client, ON)
    assert summary == day_summary(user, ON)
    if expected is None:
        assert summary.target is None
        assert [notice.code for notice in summary.notices] == ["no_reference"]
        assert " of magnesium" in page
        return
    assert (summary.target_mg, summary.target_source, summary.target_kind) == (expected, standard, kind)
    assert f"of {expected} mg" in page
    assert f"({KIND_NAMES[kind]})" in page
    assert CITED[standard] in page


@pytest.mark.parametrize(("standard", "months"), BOUNDARIES, ids=[f"{s}-{m}mo" for s, m in BOUNDARIES])
def test_a_person_gets_the_new_bands_value_on_the_birthday_shown(alice_client, user, standard, months):
    make_profile(user, birth_date=born_months_before(months, ON), sex="female", reference_standard=standard)
    on_the_day, _ = summary_on_page(alice_client, ON)
    day_before, _ = summary_on_page(alice_client, ON - timedelta(days=1))
    assert on_the_day.target_mg == value_at(standard, months, "female")
    assert day_before.target_mg == value_at(standard, months - 1, "female")


def test_turning_31_on_the_day_shown_gives_the_31_to_50_value(alice_client, user):
    make_profile(user, birth_date=date(1995, 6, 15), sex="male")
    birthday, page = summary_on_page(alice_client, date(2026, 6, 15))
    assert birthday.target_mg == 420
    assert "NIH RDA, males, 31–50 years" in page
    assert summary_on_page(alice_client, date(2026, 6, 14))[0].target_mg == 400


@pytest.mark.parametrize("standard", ["nih", "efsa", "uk"])
def test_a_clinician_target_replaces_every_table(alice_client, user, standard):
    make_profile(user, birth_date=date(1980, 1, 1), reference_standard=standard, clinician_target_mg=275)
    make_entry(user, make_food(magnesium_mg=110), amount_g="100", on=ON)
    summary, page = summary_on_page(alice_client, ON)
    assert (summary.target_mg, summary.target_source, summary.target_kind) == (275, "clinician", "clinician")
    assert summary.percent_of_target == 40
    assert "110 mg of 275 mg (40 %)" in page
    assert "Target: Personal target from your clinician." in page
    assert "Entered in your profile from your clinician's advice." in page


def test_without_a_profile_the_target_is_the_daily_value(alice_client):
    summary, page = summary_on_page(alice_client, ON)
    assert (summary.target_mg, summary.target_source, summary.target_kind) == (420, "nih", "DV")
    assert "Target: US Daily Value (food labels)." in page
    assert "21 CFR 101.9" in page


def test_a_date_before_birth_has_no_target(alice_client, user):
    make_profile(user, birth_date=ON + timedelta(days=1))
    summary, _ = summary_on_page(alice_client, ON)
    assert summary.target is None
    assert [notice.code for notice in summary.notices] == ["before_birth"]
    assert summary.supplement_limit_mg is None


def test_a_target_of_four_digits_is_shown_with_its_thousands_separator(alice_client, user):
    make_profile(user, birth_date=date(1980, 1, 1), clinician_target_mg=1800)
    make_entry(user, make_food(magnesium_mg=1850), amount_g="100", on=ON)
    assert "1,850 mg of 1,800 mg (103 %)" in summary_on_page(alice_client, ON)[1]
    trends = alice_client.get(f"/trends/?days=7&end={ON.isoformat()}").content.decode()
    report = alice_client.get(f"/report/?start={ON.isoformat()}&end={ON.isoformat()}").content.decode()
    for page in (trends, report):
        assert "1800 mg" not in page
