from decimal import Decimal

import pytest

from foods.models import NUTRIENT_FIELDS
from tests.factories import make_custom_food, make_food, make_portion

pytestmark = pytest.mark.django_db
FOODS = "/api/v1/foods/"


def names(response):
    return [food["name"] for food in response.json()["results"]]


def test_a_food_has_the_contract_fields_and_its_portions(alice_api, pumpkin):
    food = alice_api.get(f"{FOODS}{pumpkin.pk}/").json()

    assert set(food) == {"id", "name", "category", "fdc_id", "source", *NUTRIENT_FIELDS, "portions"}
    assert (food["fdc_id"], food["source"], food["magnesium_mg"]) == (170188, "usda-sr28", "592.000")
    assert food["vitamin_d_ug"] is None  # unknown, not zero
    assert [(p["description"], p["grams"]) for p in food["portions"]] == [
        ("1 oz", "28.350"),
        ("1 cup", "138.000"),
    ]
    assert set(food["portions"][0]) == {"id", "description", "grams"}


def test_the_list_is_paginated(alice_api, settings):
    for number in range(51):
        make_food(f"Food {number:02}")

    first = alice_api.get(FOODS).json()
    second = alice_api.get(first["next"]).json()

    assert set(first) == {"count", "next", "previous", "results"}
    assert (first["count"], len(first["results"]), len(second["results"])) == (51, 50, 1)
    assert second["previous"] is not None
    assert alice_api.get(FOODS, {"page": 3}).status_code == 404


def test_search_finds_foods_holding_every_word_best_first(alice_api, pumpkin, spinach):
    make_food("Seeds, sunflower seed kernels, dried")

    assert names(alice_api.get(FOODS, {"search": "seeds"})) == [
        "Seeds, sunflower seed kernels, dried",
        "Seeds, pumpkin and squash seed kernels, dried",
    ]
    assert names(alice_api.get(FOODS, {"search": "pumpkin SEEDS"})) == [pumpkin.name]
    assert names(alice_api.get(FOODS, {"search": ""})) == [
        pumpkin.name,
        "Seeds, sunflower seed kernels, dried",
        spinach.name,
    ]


def test_category_filters_by_food_group(alice_api, pumpkin, spinach):
    assert names(alice_api.get(FOODS, {"category": "Vegetables and Vegetable Products"})) == [spinach.name]


def test_ordering_sorts_by_a_nutrient_with_unknown_values_last(alice_api, pumpkin, spinach):
    unknown = make_food("Water, tap", magnesium_mg=None)

    assert names(alice_api.get(FOODS, {"ordering": "-magnesium_mg"})) == [
        pumpkin.name,
        spinach.name,
        unknown.name,
    ]
    assert names(alice_api.get(FOODS, {"ordering": "magnesium_mg"})) == [
        spinach.name,
        pumpkin.name,
        unknown.name,
    ]


@pytest.mark.parametrize("page", ["", "x", "1.0", "+1", "0", "٣"])
def test_a_page_that_is_not_a_page_number_is_not_found(alice_api, pumpkin, page):
    response = alice_api.get(FOODS, {"page": page})
    assert response.status_code == 404
    assert "Invalid page" in response.json()["detail"]


def test_a_parameter_given_twice_is_a_400(alice_api, pumpkin):
    for query in ("page=1&page=1", "search=a&search=b", "ordering=name&ordering=-name"):
        response = alice_api.get(f"{FOODS}?{query}")
        assert response.status_code == 400
        assert response.json() == {query.split("=")[0]: ["Give this parameter once."]}


@pytest.mark.parametrize("ordering", ["", "price", "-", "user__password"])
def test_an_unknown_ordering_is_a_400_with_a_field_error(alice_api, ordering):
    response = alice_api.get(FOODS, {"ordering": ordering})
    assert response.status_code == 400
    assert "ordering" in response.json()


def test_nul_characters_in_a_search_are_dropped_not_an_error(alice_api, pumpkin):
    # PostgreSQL refuses NUL in a query string; the API must not answer 500.
    assert names(alice_api.get(FOODS, {"search": "pump\x00kin", "category": "Nut\x00"})) == []
    assert names(alice_api.get(FOODS, {"search": "pumpkin\x00"})) == [pumpkin.name]


def test_archived_foods_and_other_users_custom_foods_are_not_found(alice_api, user, other_user):
    archived = make_food("Old food", is_active=False)
    theirs = make_food("Bob's granola", created_by=other_user, source="custom")
    mine = make_food("Alice's granola", created_by=user, source="custom")

    assert names(alice_api.get(FOODS)) == [mine.name]
    assert alice_api.get(f"{FOODS}{archived.pk}/").status_code == 404
    assert alice_api.get(f"{FOODS}{theirs.pk}/").status_code == 404
    assert alice_api.get(f"{FOODS}{mine.pk}/").status_code == 200


def test_the_list_takes_the_same_number_of_queries_for_any_number_of_foods(
    alice_api, django_assert_num_queries
):
    for number in range(3):
        make_portion(make_food(f"Food {number}"), "1 cup", "100")
    with django_assert_num_queries(3):  # count, foods, portions
        assert len(alice_api.get(FOODS).json()["results"]) == 3
    for number in range(3, 40):
        make_portion(make_food(f"Food {number}"), "1 cup", "100")
    with django_assert_num_queries(3):
        assert len(alice_api.get(FOODS, {"search": "food", "ordering": "name"}).json()["results"]) == 40


def test_foods_are_read_only(alice_api, pumpkin):
    assert alice_api.post(FOODS, {"name": "New"}).status_code == 405
    assert alice_api.patch(f"{FOODS}{pumpkin.pk}/", {"magnesium_mg": "1"}).status_code == 405
    assert alice_api.delete(f"{FOODS}{pumpkin.pk}/").status_code == 405
    pumpkin.refresh_from_db()
    assert pumpkin.magnesium_mg == Decimal("592")


def test_a_custom_food_is_invisible_to_others_until_staff_approve_it(alice_api, other_user):
    """Issue 3, acceptance 4, through the API (the pages have their own tests)."""
    for status in ("private", "suggested", "rejected"):
        food = make_custom_food(other_user, f"Bob's water ({status})", status=status)
        assert alice_api.get(f"{FOODS}{food.pk}/").status_code == 404
        assert names(alice_api.get(FOODS, {"search": "water"})) == []
        food.delete()
    approved = make_custom_food(other_user, "Bob's water (approved)", status="approved")
    assert alice_api.get(f"{FOODS}{approved.pk}/").status_code == 200
    assert names(alice_api.get(FOODS, {"search": "water"})) == [approved.name]
