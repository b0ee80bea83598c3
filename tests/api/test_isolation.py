"""Acceptance 2 and 3: another user's objects are not found, and a client cannot set
the owner, the id or the computed amounts."""

from datetime import date

import pytest
from django.forms.models import model_to_dict

from accounts.models import Profile
from foods.models import NUTRIENT_FIELDS, Food, Recipe, RecipeIngredient
from tests.api.routes import api_routes
from tests.factories import make_entry, make_food, make_profile, make_recipe, make_supplement
from tracker.models import IntakeEntry, Share, SupplementEntry
from tracker.shares import create_share

pytestmark = pytest.mark.django_db


@pytest.fixture
def alices_data(user, pumpkin):
    food = make_food("Alice's granola", created_by=user, source="custom")
    return {
        "food": food,
        "entry": make_entry(user, pumpkin, on=date(2026, 3, 2), portion=pumpkin.portions.first()),
        "profile": make_profile(user, birth_date=date(1990, 6, 15), sex="female"),
        "supplement": make_supplement(user, on=date(2026, 3, 2)),
        "recipe": make_recipe(user, [(pumpkin, "30")]),
        "share": create_share(user, days=30)[0],
    }


def state_of(user) -> list:
    """Everything a user owns, as plain values."""
    return [
        [model_to_dict(entry) for entry in IntakeEntry.objects.filter(user=user).order_by("pk")],
        [model_to_dict(profile) for profile in Profile.objects.filter(user=user)],
        [model_to_dict(food) for food in Food.objects.filter(created_by=user).order_by("pk")],
        [model_to_dict(entry) for entry in SupplementEntry.objects.filter(user=user).order_by("pk")],
        [model_to_dict(recipe) for recipe in Recipe.objects.filter(user=user).order_by("pk")],
        [model_to_dict(item) for item in RecipeIngredient.objects.filter(recipe__user=user).order_by("pk")],
        [model_to_dict(share) for share in Share.objects.filter(user=user).order_by("pk")],
    ]


# Each detail route and the kind of object of alice's it is walked with.
OWNED_BY_DETAIL_ROUTE = {
    "food-detail": "food",
    "entry-detail": "entry",
    "supplement-detail": "supplement",
    "recipe-detail": "recipe",
    "share-detail": "share",
}


def write_body(pumpkin):
    return {
        "date": "2026-03-03",
        "meal": "dinner",
        "food": pumpkin.pk,
        "amount_g": "10",
        "name": "Bob's magnesium",
        "form": "citrate",
        "elemental_mg": "100",
        "birth_date": "1980-01-01",
        "sex": "male",
    }


def test_acceptance_every_detail_route_answers_404_to_another_users_object(
    bob_api, user, alices_data, pumpkin
):
    detail_routes = [route for route in api_routes() if route.takes_pk]
    # A new detail route must be added here, with an object of alice's to try it on.
    assert {route.name for route in detail_routes} == set(OWNED_BY_DETAIL_ROUTE)
    before = state_of(user)

    answers = {}
    for route in detail_routes:
        url = route.url(pk=alices_data[OWNED_BY_DETAIL_ROUTE[route.name]].pk)
        for method in route.methods:
            answers[(route.name, method)] = getattr(bob_api, method)(url, write_body(pumpkin)).status_code

    assert len(answers) >= 11  # food: GET; entry and supplement: GET, PUT, PATCH, DELETE; share: GET, DELETE
    assert set(answers.values()) == {404}, answers
    assert state_of(user) == before


def test_acceptance_no_other_route_shows_or_changes_another_users_data(
    bob_api, user, other_user, alices_data, pumpkin
):
    make_entry(other_user, pumpkin, on=date(2026, 3, 2), amount_g="1")
    before = state_of(user)
    query = {"date": "2026-03-02", "start": "2026-03-01", "end": "2026-03-03", "user": user.pk}

    seen = {}
    for route in [route for route in api_routes() if not route.takes_pk]:
        for method in route.methods:
            data = query if method == "get" else {**write_body(pumpkin), "user": user.pk}
            response = getattr(bob_api, method)(route.url(), data)
            assert response.status_code < 500, (route, method)
            if method != "get" and route.name != "token":
                # Fields a write does not take ("user" among them) are refused, by name.
                assert response.status_code == 400 and "user" in response.json(), (route, response.json())
            if method == "get":
                seen[route.name] = response.json()

    assert [entry["id"] for entry in seen["entry-list"]["results"]] != []
    assert alices_data["entry"].pk not in [entry["id"] for entry in seen["entry-list"]["results"]]
    assert alices_data["food"].pk not in [food["id"] for food in seen["food-list"]["results"]]
    assert alices_data["supplement"].pk not in [entry["id"] for entry in seen["supplement-list"]["results"]]
    assert seen["share-list"]["results"] == []
    assert seen["summary"]["entries"] == 1  # bob's own entry, not alice's
    assert seen["summary"]["supplement_magnesium_mg"] == "0.000"
    assert [day["entries"] for day in seen["summary-range"]["days"]] == [0, 1, 0]
    assert state_of(user) == before
    assert not Profile.objects.filter(user=other_user).exists()


SNAPSHOT_EXTRAS = {name: "99999.000" for name in NUTRIENT_FIELDS}
EXTRAS = [
    {"user": "other"},
    {"id": 424242},
    {"created_at": "2000-01-01T00:00:00Z", "updated_at": "2000-01-01T00:00:00Z"},
    *({name: value} for name, value in SNAPSHOT_EXTRAS.items()),
    {"amount_g": "9999"},  # with a portion the amount is worked out
    {"user": "other", "id": 424242, **SNAPSHOT_EXTRAS, "amount_g": "9999"},
]


ENTRY_FIELDS = {"id", "date", "meal", "food", "portion", "quantity", "amount_g", *NUTRIENT_FIELDS}
SUPPLEMENT_FIELDS = {"id", "date", "name", "form", "elemental_mg", "compound_mg", "doses", "magnesium_mg"}


def refused_by_name(response, extra: dict, known: set) -> bool:
    """Fields a write does not have are a 400 naming each; True when the response is that."""
    unknown = set(extra) - known
    if not unknown:
        return False
    assert response.status_code == 400, response.json()
    assert set(response.json()) == unknown
    return True


def stored(entry_id) -> dict:
    entry = IntakeEntry.objects.get(pk=entry_id)
    return {name: value for name, value in model_to_dict(entry).items() if name != "id"}


@pytest.mark.parametrize("extra", EXTRAS)
def test_acceptance_extra_fields_in_a_post_change_nothing_stored(alice_api, other_user, pumpkin, extra):
    extra = {**extra, **({"user": other_user.pk} if "user" in extra else {})}
    body = {"date": "2026-03-02", "meal": "lunch", "food": pumpkin.pk, "portion": pumpkin.portions.first().pk}
    body["quantity"] = "1"
    plain = alice_api.post("/api/v1/entries/", body).json()["id"]

    with_extra = alice_api.post("/api/v1/entries/", {**body, **extra})

    if refused_by_name(with_extra, extra, ENTRY_FIELDS):
        assert IntakeEntry.objects.count() == 1
        return
    assert with_extra.status_code == 201
    assert with_extra.json()["id"] not in (plain, 424242)
    assert stored(with_extra.json()["id"]) == stored(plain)
    assert not IntakeEntry.objects.filter(user=other_user).exists()


@pytest.mark.parametrize("extra", EXTRAS)
def test_acceptance_extra_fields_in_a_patch_change_nothing_stored(
    alice_api, user, other_user, pumpkin, extra
):
    extra = {**extra, **({"user": other_user.pk} if "user" in extra else {})}
    entry = make_entry(user, pumpkin, portion=pumpkin.portions.first())
    before = stored(entry.pk)

    response = alice_api.patch(f"/api/v1/entries/{entry.pk}/", extra)

    if not refused_by_name(response, extra, ENTRY_FIELDS):
        assert response.status_code == 200
        assert response.json()["id"] == entry.pk
    after = stored(entry.pk)
    assert {**after, "updated_at": None} == {**before, "updated_at": None}


def test_acceptance_a_profile_cannot_be_given_to_another_user(alice_api, user, other_user):
    make_profile(other_user, sex="male")
    body = {"birth_date": "1990-06-15", "sex": "female", "user": other_user.pk, "id": 424242}

    refused = alice_api.patch("/api/v1/profile/", body)
    assert refused.status_code == 400 and set(refused.json()) == {"user", "id"}
    created = alice_api.patch("/api/v1/profile/", {"birth_date": "1990-06-15", "sex": "female"})
    assert created.status_code == 201

    assert Profile.objects.get(user=user).sex == "female"
    assert Profile.objects.get(user=other_user).sex == "male"
    assert not Profile.objects.filter(pk=424242).exists()


SUPPLEMENT_EXTRAS = [
    {"user": "other"},
    {"id": 424242},
    {"magnesium_mg": "99999.000"},
    {"created_at": "2000-01-01T00:00:00Z", "updated_at": "2000-01-01T00:00:00Z"},
    {"user": "other", "id": 424242, "magnesium_mg": "99999.000"},
]


def stored_supplement(entry_id) -> dict:
    entry = SupplementEntry.objects.get(pk=entry_id)
    return {name: value for name, value in model_to_dict(entry).items() if name != "id"}


@pytest.mark.parametrize("extra", SUPPLEMENT_EXTRAS)
def test_acceptance_extra_fields_in_a_supplement_post_change_nothing_stored(alice_api, other_user, extra):
    extra = {**extra, **({"user": other_user.pk} if "user" in extra else {})}
    body = {"date": "2026-03-02", "name": "Magnesium citrate", "form": "citrate", "elemental_mg": "150"}
    plain = alice_api.post("/api/v1/supplements/", body).json()["id"]

    with_extra = alice_api.post("/api/v1/supplements/", {**body, **extra})

    if refused_by_name(with_extra, extra, SUPPLEMENT_FIELDS):
        assert SupplementEntry.objects.count() == 1
        return
    assert with_extra.status_code == 201
    assert with_extra.json()["id"] not in (plain, 424242)
    assert stored_supplement(with_extra.json()["id"]) == stored_supplement(plain)
    assert not SupplementEntry.objects.filter(user=other_user).exists()


@pytest.mark.parametrize("extra", SUPPLEMENT_EXTRAS)
def test_acceptance_extra_fields_in_a_supplement_patch_change_nothing_stored(
    alice_api, user, other_user, extra
):
    extra = {**extra, **({"user": other_user.pk} if "user" in extra else {})}
    entry = make_supplement(user)
    before = stored_supplement(entry.pk)

    response = alice_api.patch(f"/api/v1/supplements/{entry.pk}/", extra)

    if not refused_by_name(response, extra, SUPPLEMENT_FIELDS):
        assert response.status_code == 200
        assert response.json()["id"] == entry.pk
        assert response.json()["magnesium_mg"] == "200.000"
    after = stored_supplement(entry.pk)
    assert {**after, "updated_at": None} == {**before, "updated_at": None}
