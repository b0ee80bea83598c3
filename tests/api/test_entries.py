from datetime import date
from decimal import Decimal

import pytest

from foods.models import NUTRIENT_FIELDS
from tests.factories import make_entry, make_food, make_portion
from tracker.models import IntakeEntry

pytestmark = pytest.mark.django_db
ENTRIES = "/api/v1/entries/"


def by_portion(of, **overrides):
    body = {"date": "2026-03-02", "meal": "lunch", "food": of.pk, "portion": of.portions.first().pk}
    return {**body, "quantity": "2", **overrides}


def test_logging_a_portion_works_out_grams_and_copies_the_nutrients(alice_api, user, pumpkin):
    response = alice_api.post(ENTRIES, by_portion(pumpkin))

    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"id", "date", "meal", "food", "portion", "quantity", "amount_g", *NUTRIENT_FIELDS}
    assert (body["amount_g"], body["quantity"], body["magnesium_mg"]) == ("56.700", "2.000", "335.664")
    assert body["vitamin_d_ug"] is None
    entry = IntakeEntry.objects.get(pk=body["id"])
    assert (entry.user, entry.amount_g, entry.magnesium_mg) == (user, Decimal("56.7"), Decimal("335.664"))


def test_logging_grams_without_a_portion(alice_api, pumpkin):
    body = alice_api.post(ENTRIES, by_portion(pumpkin, portion=None, amount_g="50", quantity="7")).json()
    assert (body["portion"], body["amount_g"], body["quantity"], body["magnesium_mg"]) == (
        None,
        "50.000",
        "1.000",
        "296.000",
    )


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"portion": None}, "amount_g"),  # neither a portion nor grams
        ({"quantity": None}, "quantity"),
        ({"quantity": "0"}, "quantity"),
        ({"quantity": "100.001"}, "quantity"),
        ({"portion": None, "amount_g": "0.05"}, "amount_g"),
        ({"portion": None, "amount_g": "10000.001"}, "amount_g"),
        ({"meal": "brunch"}, "meal"),
        ({"food": 999999}, "food"),
        ({"portion": 999999}, "portion"),
        ({"date": "2026-3-2"}, "date"),
        ({"date": "20260302"}, "date"),
        ({"date": ""}, "date"),
        # Found by the bad-input corpus: the API took dates the log form refuses.
        ({"date": "0001-01-01"}, "date"),
        ({"date": "9999-12-31"}, "date"),
    ],
)
def test_bad_input_is_a_400_naming_the_field_and_stores_nothing(alice_api, pumpkin, overrides, field):
    response = alice_api.post(ENTRIES, by_portion(pumpkin, **overrides))

    assert response.status_code == 400
    assert field in response.json()
    assert IntakeEntry.objects.count() == 0


def test_a_portion_needs_a_quantity_and_at_most_10_kg(alice_api, pumpkin):
    cup = pumpkin.portions.get(description="1 cup")
    without_quantity = by_portion(pumpkin, portion=cup.pk)
    del without_quantity["quantity"]

    assert alice_api.post(ENTRIES, without_quantity).json() == {
        "quantity": ["Enter how many of the portion you had."]
    }
    assert alice_api.post(ENTRIES, by_portion(pumpkin, portion=cup.pk, quantity="73")).json() == {
        "quantity": ["That adds up to more than 10 kg; check the quantity."]
    }
    assert alice_api.post(ENTRIES, by_portion(pumpkin, portion=cup.pk, quantity="72")).status_code == 201


def test_a_portion_of_another_food_is_refused(alice_api, pumpkin, spinach):
    response = alice_api.post(ENTRIES, by_portion(pumpkin, portion=spinach.portions.get().pk))
    assert response.status_code == 400
    assert response.json() == {"portion": ["Choose one of this food's portions."]}


@pytest.mark.parametrize("food_kind", ["archived", "someone else's"])
def test_foods_the_user_may_not_log_are_refused(alice_api, other_user, food_kind):
    food = (
        make_food("Old", is_active=False)
        if food_kind == "archived"
        else make_food("Bob's granola", created_by=other_user, source="custom")
    )
    response = alice_api.post(
        ENTRIES, {"date": "2026-03-02", "meal": "lunch", "food": food.pk, "amount_g": "5"}
    )
    assert response.status_code == 400
    assert "food" in response.json()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("quantity", lambda food: "2.0001"),
        ("quantity", lambda food: " 2"),
        ("quantity", lambda food: "2e0"),
        ("quantity", lambda food: "-2"),
        ("quantity", lambda food: "+2"),
        ("quantity", lambda food: "2."),
        ("quantity", lambda food: ".5"),
        ("quantity", lambda food: "\u0662"),  # ARABIC-INDIC DIGIT TWO: a digit, not an ASCII one
        ("food", lambda food: str(food.pk)),  # an id as a string: the schema says an integer
        ("food", lambda food: float(food.pk)),
        ("food", lambda food: True),
        ("date", lambda food: 20260302),
    ],
)
def test_values_of_another_type_or_form_than_the_schema_says_are_refused(alice_api, pumpkin, field, value):
    response = alice_api.post(ENTRIES, by_portion(pumpkin, **{field: value(pumpkin)}))
    assert response.status_code == 400
    assert field in response.json()


def test_changing_an_entry_recomputes_it(alice_api, user, pumpkin):
    entry = make_entry(user, pumpkin, amount_g="100")

    response = alice_api.patch(
        f"{ENTRIES}{entry.pk}/", {"portion": pumpkin.portions.first().pk, "quantity": "1"}
    )

    assert response.status_code == 200
    entry.refresh_from_db()
    assert (entry.amount_g, entry.magnesium_mg) == (Decimal("28.35"), Decimal("167.832"))


def test_setting_the_portion_to_null_keeps_the_weight(alice_api, user, pumpkin):
    response = alice_api.post(ENTRIES, by_portion(pumpkin))
    entry_id = response.json()["id"]

    changed = alice_api.patch(f"{ENTRIES}{entry_id}/", {"portion": None}).json()

    assert (changed["portion"], changed["amount_g"], changed["quantity"]) == (None, "56.700", "1.000")


def test_put_replaces_the_entry_and_a_round_trip_changes_nothing(alice_api, pumpkin, spinach):
    created = alice_api.post(ENTRIES, by_portion(pumpkin)).json()
    url = f"{ENTRIES}{created['id']}/"

    assert alice_api.put(url, created).json() == created
    replaced = alice_api.put(
        url, {"date": "2026-03-03", "meal": "dinner", "food": spinach.pk, "amount_g": "90"}
    )

    assert replaced.status_code == 200
    assert (replaced.json()["food"], replaced.json()["portion"], replaced.json()["magnesium_mg"]) == (
        spinach.pk,
        None,
        "78.300",
    )


def test_an_entry_of_a_food_archived_since_can_still_be_edited(alice_api, user, pumpkin):
    entry = make_entry(user, pumpkin, amount_g="100")
    pumpkin.is_active = False
    pumpkin.save()
    url = f"{ENTRIES}{entry.pk}/"

    response = alice_api.put(url, {**alice_api.get(url).json(), "amount_g": "10"})

    assert response.status_code == 200
    assert response.json()["magnesium_mg"] == "59.200"


def test_deleting_an_entry(alice_api, user, pumpkin):
    entry = make_entry(user, pumpkin)
    assert alice_api.delete(f"{ENTRIES}{entry.pk}/").status_code == 204
    assert not IntakeEntry.objects.exists()
    assert alice_api.get(f"{ENTRIES}{entry.pk}/").status_code == 404


def test_the_list_filters_by_day_or_by_range(alice_api, user, pumpkin):
    for day in (1, 2, 3, 4):
        make_entry(user, pumpkin, on=date(2026, 3, day))

    def days(**query):
        response = alice_api.get(ENTRIES, query)
        assert response.status_code == 200
        return [entry["date"][-2:] for entry in response.json()["results"]]

    assert days() == ["01", "02", "03", "04"]
    assert days(date="2026-03-02") == ["02"]
    assert days(start="2026-03-02", end="2026-03-03") == ["02", "03"]
    assert days(start="2026-03-03") == ["03", "04"]
    assert days(end="2026-03-01") == ["01"]
    assert days(start="2026-03-04", end="2026-03-01") == []


@pytest.mark.parametrize(
    "query", [{"date": ""}, {"date": "yesterday"}, {"start": "2026-02-30"}, {"end": "2026-3-1"}]
)
def test_a_bad_date_in_the_query_is_a_400_with_a_field_error(alice_api, query):
    response = alice_api.get(ENTRIES, query)
    assert response.status_code == 400
    assert set(response.json()) == set(query)


def test_the_list_takes_the_same_number_of_queries_for_any_number_of_entries(
    alice_api, user, pumpkin, django_assert_num_queries
):
    make_entry(user, pumpkin)
    with django_assert_num_queries(2):  # count, entries
        alice_api.get(ENTRIES)
    for _ in range(20):
        make_entry(user, pumpkin, portion=pumpkin.portions.first())
    with django_assert_num_queries(2):
        assert len(alice_api.get(ENTRIES).json()["results"]) == 21


@pytest.mark.parametrize("entry_id", ["0", "99999999999999999999999", "-1"])
def test_an_id_out_of_range_is_not_found(alice_api, entry_id):
    for method in ("get", "put", "patch", "delete"):
        response = getattr(alice_api, method)(f"{ENTRIES}{entry_id}/", {})
        assert response.status_code == 404, method


def test_a_lone_surrogate_in_the_json_is_a_400_not_a_server_error(alice_api, pumpkin):
    """Found by the bad-input corpus: the error message echoed "\\ud800" and the renderer failed."""
    body = f'{{"date": "2026-03-02", "meal": "\\ud800", "food": {pumpkin.pk}, "amount_g": "10"}}'
    response = alice_api.post(ENTRIES, body, content_type="application/json")

    assert response.status_code == 400
    assert "unpaired surrogate" in response.json()["detail"]
    assert IntakeEntry.objects.count() == 0


def test_an_amount_that_rounds_to_zero_grams_is_a_400(alice_api, pumpkin):
    crumb = make_portion(pumpkin, "1 crumb", "0.001")
    response = alice_api.post(ENTRIES, by_portion(pumpkin, portion=crumb.pk, quantity="0.01"))
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["The amount eaten must weigh more than 0 g."]}
    assert not IntakeEntry.objects.exists()
