from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from rest_framework.throttling import SimpleRateThrottle

from tests.factories import make_profile, make_supplement
from tracker.forms import SupplementForm
from tracker.models import SupplementEntry

pytestmark = pytest.mark.django_db
SUPPLEMENTS = "/api/v1/supplements/"
CONTRACT_FIELDS = {"id", "date", "name", "form", "elemental_mg", "compound_mg", "doses", "magnesium_mg"}


def body(**overrides):
    values = {"date": "2026-03-02", "name": "Magnesium citrate 200", "form": "citrate", "elemental_mg": "200"}
    return {**values, **overrides}


def test_logging_a_label_figure_works_out_the_magnesium(alice_api, user):
    response = alice_api.post(SUPPLEMENTS, body(doses="2"))

    assert response.status_code == 201
    created = response.json()
    assert set(created) == CONTRACT_FIELDS
    assert (created["elemental_mg"], created["compound_mg"], created["doses"]) == ("200.000", None, "2.00")
    assert created["magnesium_mg"] == "400.000"
    entry = SupplementEntry.objects.get(pk=created["id"])
    assert (entry.user, entry.date, entry.magnesium_mg) == (user, date(2026, 3, 2), Decimal(400))


def test_doses_default_to_one(alice_api):
    assert alice_api.post(SUPPLEMENTS, body()).json()["doses"] == "1.00"


def test_a_compound_amount_is_turned_into_elemental_magnesium_by_its_form(alice_api):
    # 500 mg magnesium oxide at 60.3 % elemental (DESIGN.md): 301.5 mg a dose.
    created = alice_api.post(SUPPLEMENTS, body(form="oxide", elemental_mg=None, compound_mg="500", doses="2"))

    assert created.status_code == 201
    assert (created.json()["elemental_mg"], created.json()["magnesium_mg"]) == (None, "603.000")


def test_the_label_figure_wins_over_the_compound(alice_api):
    created = alice_api.post(SUPPLEMENTS, body(form="oxide", elemental_mg="250", compound_mg="500")).json()
    assert created["magnesium_mg"] == "250.000"


OTHER_WITHOUT_LABEL = "For “other”, enter the elemental magnesium per dose from the label."


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"form": "other", "elemental_mg": None, "compound_mg": "500"}, "elemental_mg"),
        ({"elemental_mg": None}, "elemental_mg"),  # neither figure
        ({"elemental_mg": "600", "compound_mg": "500"}, "elemental_mg"),  # more than the compound
        ({"elemental_mg": "0.05"}, "elemental_mg"),
        ({"elemental_mg": "5000.001"}, "elemental_mg"),
        ({"elemental_mg": 200.0001}, "elemental_mg"),  # a JSON number with too many places
        ({"elemental_mg": True}, "elemental_mg"),
        # Only null is null: schemathesis found "" taken for null (a custom food's fiber_g).
        ({"form": "oxide", "elemental_mg": "", "compound_mg": "500"}, "elemental_mg"),
        ({"form": "oxide", "elemental_mg": " ", "compound_mg": "500"}, "elemental_mg"),
        ({"elemental_mg": None, "compound_mg": "50000.001"}, "compound_mg"),
        ({"doses": "0"}, "doses"),
        ({"doses": "50.01"}, "doses"),
        ({"doses": "0.001"}, "doses"),
        ({"form": "magnesium"}, "form"),
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "x" * 121}, "name"),
        ({"name": "x" * 120 + " "}, "name"),  # the length as sent, as the schema's maxLength says
        ({"name": "Mag\x00"}, "name"),
        ({"name": 200}, "name"),  # a JSON number: the schema says a string (found by schemathesis)
        ({"date": "1899-12-31"}, "date"),
        ({"date": "2026-3-2"}, "date"),
        ({"date": ""}, "date"),
    ],
)
def test_bad_input_is_a_400_naming_the_field_and_stores_nothing(alice_api, overrides, field):
    response = alice_api.post(SUPPLEMENTS, body(**overrides))

    assert response.status_code == 400
    assert field in response.json()
    assert not SupplementEntry.objects.exists()


def test_a_name_is_stored_without_the_spaces_around_it(alice_api):
    assert alice_api.post(SUPPLEMENTS, body(name="  Mag 200\n")).json()["name"] == "Mag 200"
    assert alice_api.post(SUPPLEMENTS, body(name="x" * 120)).status_code == 201


def test_other_forms_need_the_label_figure_with_the_web_forms_message(alice_api):
    response = alice_api.post(SUPPLEMENTS, body(form="other", elemental_mg=None, compound_mg="500"))
    assert response.json() == {"elemental_mg": [OTHER_WITHOUT_LABEL]}


def test_a_date_more_than_a_year_ahead_is_refused(alice_api):
    ahead = timezone.localdate() + timedelta(days=366)
    assert alice_api.post(SUPPLEMENTS, body(date=ahead.isoformat())).status_code == 201
    response = alice_api.post(SUPPLEMENTS, body(date=(ahead + timedelta(days=1)).isoformat()))
    assert response.status_code == 400
    assert response.json()["date"][0].startswith("Choose a date between 1 January 1900 and")


# Bodies the web form and the API judge alike: one set of rules.
SAME_RULES = [
    body(),
    body(form="oxide", elemental_mg=None, compound_mg="500"),
    body(form="other", elemental_mg=None, compound_mg="500"),
    body(elemental_mg=None),
    body(elemental_mg="600", compound_mg="500"),
    body(elemental_mg="0.05"),
    body(doses="0"),
    body(doses="50"),
    body(date="1899-12-31"),
    body(name=" "),
]


@pytest.mark.parametrize("sent", SAME_RULES)
def test_the_api_accepts_and_refuses_what_the_supplement_form_does(alice_api, sent):
    form_data = {name: "" if value is None else value for name, value in sent.items()}
    form = SupplementForm({"doses": "1", **form_data})

    response = alice_api.post(SUPPLEMENTS, sent)

    assert (response.status_code == 201) == form.is_valid(), (response.json(), form.errors)
    if not form.is_valid():
        assert set(response.json()) == set(form.errors)


def test_a_patch_is_checked_with_the_values_it_leaves(alice_api, user):
    entry = make_supplement(user, elemental_mg=None, compound_mg=Decimal(500), form="oxide")
    url = f"{SUPPLEMENTS}{entry.pk}/"

    assert alice_api.patch(url, {"form": "other"}).json() == {"elemental_mg": [OTHER_WITHOUT_LABEL]}
    assert alice_api.patch(url, {"compound_mg": None}).status_code == 400
    changed = alice_api.patch(url, {"doses": "3"})

    assert changed.status_code == 200
    entry.refresh_from_db()
    assert (entry.form, entry.compound_mg, entry.magnesium_mg) == ("oxide", Decimal(500), Decimal("904.5"))


def test_put_replaces_the_entry_and_a_round_trip_changes_nothing(alice_api):
    created = alice_api.post(SUPPLEMENTS, body(doses="2")).json()
    url = f"{SUPPLEMENTS}{created['id']}/"

    assert alice_api.put(url, created).json() == created
    replaced = alice_api.put(
        url, {"date": "2026-03-03", "name": "Epsom", "form": "sulfate_heptahydrate", "compound_mg": "1000"}
    )

    assert replaced.status_code == 200
    # The label figure and the doses it left out are gone: 1000 mg × 9.9 %, one dose.
    assert {key: replaced.json()[key] for key in ("elemental_mg", "doses", "magnesium_mg")} == {
        "elemental_mg": None,
        "doses": "1.00",
        "magnesium_mg": "99.000",
    }


def test_deleting_an_entry(alice_api, user):
    entry = make_supplement(user)
    assert alice_api.delete(f"{SUPPLEMENTS}{entry.pk}/").status_code == 204
    assert not SupplementEntry.objects.exists()
    assert alice_api.get(f"{SUPPLEMENTS}{entry.pk}/").status_code == 404


def test_the_list_is_paginated_filters_by_day_or_range_and_shows_only_ones_own(alice_api, user, other_user):
    for day in (1, 2, 3, 4):
        make_supplement(user, on=date(2026, 3, day))
    make_supplement(other_user, on=date(2026, 3, 2), name="Bob's")

    def days(**query):
        response = alice_api.get(SUPPLEMENTS, query)
        assert response.status_code == 200
        assert set(response.json()) == {"count", "next", "previous", "results"}
        return [entry["date"][-2:] for entry in response.json()["results"]]

    assert days() == ["01", "02", "03", "04"]
    assert days(date="2026-03-02") == ["02"]
    assert days(start="2026-03-02", end="2026-03-03") == ["02", "03"]
    assert days(start="2026-03-03") == ["03", "04"]
    assert days(end="2026-03-01") == ["01"]


@pytest.mark.parametrize("query", [{"date": ""}, {"start": "2026-02-30"}, {"end": "2026-3-1"}])
def test_a_bad_date_in_the_query_is_a_400_with_a_field_error(alice_api, query):
    response = alice_api.get(SUPPLEMENTS, query)
    assert response.status_code == 400
    assert set(response.json()) == set(query)


def test_the_list_takes_the_same_number_of_queries_for_any_number_of_entries(
    alice_api, user, django_assert_num_queries
):
    make_supplement(user)
    with django_assert_num_queries(2):  # count, entries
        alice_api.get(SUPPLEMENTS)
    for _ in range(60):
        make_supplement(user)
    with django_assert_num_queries(2):
        assert len(alice_api.get(SUPPLEMENTS).json()["results"]) == 50


def test_the_days_summary_counts_supplements_logged_through_the_api(alice_api, user):
    make_profile(user)  # a woman of 35: limit 350 mg
    alice_api.post(SUPPLEMENTS, body(elemental_mg="200", doses="2"))

    summary = alice_api.get("/api/v1/summary/", {"date": "2026-03-02"}).json()

    assert (summary["supplement_magnesium_mg"], summary["over_supplement_limit"]) == ("400.000", True)


def test_a_user_with_ckd_gets_the_same_plain_answer(alice_api, user):
    make_profile(user, has_ckd=True)
    response = alice_api.post(SUPPLEMENTS, body())
    assert response.status_code == 201
    assert set(response.json()) == CONTRACT_FIELDS  # data only: no advice in the answer


def test_supplement_writes_are_throttled_like_entries(alice_api, monkeypatch):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"token": "3/minute", "writes": "2/minute"})
    assert [alice_api.post(SUPPLEMENTS, body()).status_code for _ in range(3)] == [201, 201, 429]
    assert alice_api.get(SUPPLEMENTS).status_code == 200
    assert SupplementEntry.objects.count() == 2
