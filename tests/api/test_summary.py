from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.factories import make_entry, make_food, make_profile, make_supplement

pytestmark = pytest.mark.django_db
SUMMARY = "/api/v1/summary/"
RANGE = "/api/v1/summary/range/"
DAY = date(2026, 3, 2)

# The summary's fields, exactly as DESIGN.md's API contract lists them.
DESIGN_FIELDS = {
    "date",
    "food_magnesium_mg",
    "supplement_magnesium_mg",
    "total_magnesium_mg",
    "target_mg",
    "target_source",
    "target_kind",
    "percent_of_target",
    "supplement_limit_mg",
    "over_supplement_limit",
    "entries",
    "entries_missing_magnesium",
    "calcium_mg",
    "phosphorus_mg",
    "potassium_mg",
    "vitamin_d_ug",
    "vitamin_k_ug",
    "has_ckd",
    "notices",
}


def mg(value) -> str:
    return f"{Decimal(value):.3f}"


@pytest.fixture
def logged_day(user, pumpkin, spinach):
    make_entry(user, pumpkin, on=DAY, portion=pumpkin.portions.first())
    make_entry(user, spinach, on=DAY, portion=spinach.portions.get())
    unknown = {name: None for name in ("magnesium_mg", "calcium_mg", "phosphorus_mg", "potassium_mg")}
    make_entry(user, make_food("Tea, brewed", **unknown), on=DAY, amount_g="240")


@pytest.mark.parametrize("has_ckd", [False, True])
def test_acceptance_summary_has_the_design_fields_and_the_day_pages_values(
    client, alice_api, user, logged_day, has_ckd
):
    make_profile(user, birth_date=date(1990, 6, 15), sex="female", has_ckd=has_ckd)
    client.force_login(user)
    page = client.get(f"/day/{DAY.isoformat()}/").context["summary"]

    summary = alice_api.get(SUMMARY, {"date": DAY.isoformat()}).json()

    assert set(summary) == DESIGN_FIELDS
    assert summary["date"] == page.date.isoformat() == "2026-03-02"
    assert summary["food_magnesium_mg"] == mg(page.food_magnesium_mg) == "324.432"
    assert summary["total_magnesium_mg"] == mg(page.food_magnesium_mg)
    assert summary["percent_of_target"] == page.percent_of_target
    assert summary["target_mg"] == (page.target and page.target.mg)
    assert summary["target_kind"] == (page.target and page.target.kind)
    assert summary["target_source"] == (page.target and page.target.source)
    assert (summary["entries"], summary["entries_missing_magnesium"]) == (page.entries, 1) == (3, 1)
    for name in ("calcium_mg", "phosphorus_mg", "potassium_mg", "vitamin_d_ug", "vitamin_k_ug"):
        assert summary[name] == mg(page.totals[name])
    assert summary["has_ckd"] is page.has_ckd is has_ckd
    assert summary["notices"] == [{"code": n.code, "message": n.message} for n in page.notices]


def test_a_woman_of_35_is_measured_against_the_nih_rda_and_the_supplement_limit(alice_api, user, logged_day):
    make_profile(user, birth_date=date(1990, 6, 15), sex="female")
    summary = alice_api.get(SUMMARY, {"date": DAY.isoformat()}).json()
    assert (summary["target_mg"], summary["target_source"], summary["target_kind"]) == (320, "nih", "RDA")
    assert (summary["percent_of_target"], summary["supplement_limit_mg"]) == (101, 350)
    assert summary["notices"] == []


def test_with_ckd_there_is_no_target_and_a_notice(alice_api, user, logged_day):
    make_profile(user, has_ckd=True)
    summary = alice_api.get(SUMMARY, {"date": DAY.isoformat()}).json()
    # no limit figure is theirs: the published ones are for healthy kidneys
    assert (summary["target_mg"], summary["percent_of_target"], summary["supplement_limit_mg"]) == (
        None,
        None,
        None,
    )
    assert summary["phosphorus_mg"] == mg(Decimal("349.556") + Decimal("100.8"))
    assert [notice["code"] for notice in summary["notices"]] == [
        "ckd",
        "ckd_no_target",
    ]  # no supplement logged


def test_acceptance_a_ckd_user_who_logs_a_supplement_gets_the_kidney_team_notice_and_no_limit(
    alice_api, client, user, logged_day
):
    make_profile(user, has_ckd=True)
    make_supplement(user, elemental_mg=100, on=DAY)  # far below any limit: any amount counts
    summary = alice_api.get(SUMMARY, {"date": DAY.isoformat()}).json()
    assert (summary["supplement_limit_mg"], summary["over_supplement_limit"]) == (None, False)
    [notice] = [notice for notice in summary["notices"] if notice["code"] == "ckd_supplement"]
    assert "350 mg upper limit for supplements is for people with healthy kidneys" in notice["message"]
    assert "antacid or laxative needs your kidney team's approval" in notice["message"]
    client.force_login(user)
    for url in (f"/day/{DAY}/", f"/supplements/?date={DAY}"):
        page = client.get(url).content.decode()
        assert "notice-ckd_supplement" in page and "kidney team&#x27;s approval" in page, url
        assert "Upper limit for your age" not in page and "doctor or pharmacist" not in page, url
        assert "No upper limit is shown for you" in page, url


def test_without_a_profile_the_daily_value_is_the_target(alice_api, logged_day):
    summary = alice_api.get(SUMMARY, {"date": DAY.isoformat()}).json()
    assert (summary["target_mg"], summary["target_kind"], summary["supplement_limit_mg"]) == (420, "DV", 350)
    assert [notice["code"] for notice in summary["notices"]] == ["no_profile"]


def test_supplements_count_apart_from_food_and_above_the_limit_only(alice_api, user, logged_day):
    make_profile(user, birth_date=date(1986, 1, 1), sex="male")
    summary = alice_api.get(SUMMARY, {"date": DAY.isoformat()}).json()
    assert (summary["supplement_magnesium_mg"], summary["over_supplement_limit"]) == ("0.000", False)
    assert summary["total_magnesium_mg"] == summary["food_magnesium_mg"]
    make_supplement(user, elemental_mg="350", on=DAY)
    at_limit = alice_api.get(SUMMARY, {"date": DAY.isoformat()}).json()
    assert (at_limit["supplement_magnesium_mg"], at_limit["over_supplement_limit"]) == ("350.000", False)
    make_supplement(user, elemental_mg="50", on=DAY)
    over = alice_api.get(SUMMARY, {"date": DAY.isoformat()}).json()
    assert (over["supplement_magnesium_mg"], over["over_supplement_limit"]) == ("400.000", True)
    assert Decimal(over["total_magnesium_mg"]) == Decimal(over["food_magnesium_mg"]) + 400
    assert "over_supplement_limit" in [notice["code"] for notice in over["notices"]]


def test_without_a_date_the_summary_is_for_today(alice_api, user, pumpkin):
    make_entry(user, pumpkin, on=timezone.localdate())
    summary = alice_api.get(SUMMARY).json()
    assert (summary["date"], summary["entries"]) == (timezone.localdate().isoformat(), 1)


@pytest.mark.parametrize("day", ["", "today", "2026-02-30", "2026-3-2"])
def test_a_bad_date_is_a_400(alice_api, day):
    response = alice_api.get(SUMMARY, {"date": day})
    assert (response.status_code, set(response.json())) == (400, {"date"})


def test_a_summary_takes_three_queries(alice_api, user, logged_day, django_assert_num_queries):
    make_profile(user)
    with django_assert_num_queries(2):  # food and supplement aggregates; the profile is on the user
        alice_api.get(SUMMARY, {"date": DAY.isoformat()})


def test_a_range_has_a_row_for_every_day_and_averages_over_the_days_logged(
    alice_api, user, pumpkin, logged_day
):
    make_profile(user, birth_date=date(1990, 6, 15), sex="female")
    make_entry(user, pumpkin, on=DAY + timedelta(days=2), amount_g="10")

    response = alice_api.get(RANGE, {"start": "2026-03-01", "end": "2026-03-05"})

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"start", "end", "days_logged", "averages", "days"}
    assert [day["date"] for day in body["days"]] == [f"2026-03-0{n}" for n in range(1, 6)]
    assert all(set(day) == DESIGN_FIELDS for day in body["days"])
    assert body["days"][1] == alice_api.get(SUMMARY, {"date": "2026-03-02"}).json()
    assert [day["entries"] for day in body["days"]] == [0, 3, 0, 1, 0]
    assert body["days_logged"] == 2
    assert body["averages"]["food_magnesium_mg"] == mg((Decimal("324.432") + Decimal("59.2")) / 2)
    assert body["averages"]["supplement_magnesium_mg"] == "0.000"


def test_a_range_without_entries_has_no_averages(alice_api):
    body = alice_api.get(RANGE, {"start": "2026-03-01", "end": "2026-03-01"}).json()
    assert body["days_logged"] == 0
    assert set(body["averages"].values()) == {None}


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"start": "2026-03-02", "end": "2026-03-01"}, "end"),
        ({"start": "2025-01-01", "end": "2026-01-02"}, "end"),  # 367 days: 366 is the most
        ({"start": "2026-03-02"}, "end"),
        ({"end": "2026-03-02"}, "start"),
        ({"start": "", "end": "2026-03-02"}, "start"),
    ],
)
def test_a_bad_range_is_a_400_with_a_field_error(alice_api, query, field):
    response = alice_api.get(RANGE, query)
    assert response.status_code == 400
    assert field in response.json()


def test_a_year_takes_three_queries_whatever_is_logged(alice_api, user, pumpkin, django_assert_num_queries):
    make_profile(user)
    for offset in range(0, 365, 7):
        make_entry(user, pumpkin, on=date(2024, 1, 1) + timedelta(days=offset))
    with django_assert_num_queries(2):  # food and supplement aggregates grouped by date
        body = alice_api.get(RANGE, {"start": "2024-01-01", "end": "2024-12-31"}).json()
    assert (len(body["days"]), body["days_logged"]) == (366, 53)


def test_the_range_reaches_the_last_representable_day(alice_api):
    body = alice_api.get(RANGE, {"start": "9999-12-30", "end": "9999-12-31"}).json()
    assert [day["date"] for day in body["days"]] == ["9999-12-30", "9999-12-31"]
