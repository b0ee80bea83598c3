import pytest
from rest_framework.throttling import SimpleRateThrottle

from foods.forms import CustomFoodForm
from foods.models import NUTRIENT_FIELDS, Food, Portion
from tests.factories import make_custom_food, make_food, make_portion

pytestmark = pytest.mark.django_db
FOODS = "/api/v1/foods/"


def names(response):
    return [food["name"] for food in response.json()["results"]]


REFERENCE = ("reference_amount_g", "magnesium_claim")


def test_a_food_has_the_contract_fields_and_its_portions(alice_api, pumpkin):
    food = alice_api.get(f"{FOODS}{pumpkin.pk}/").json()

    assert set(food) == {
        "id",
        "name",
        "category",
        "fdc_id",
        "source",
        *NUTRIENT_FIELDS,
        "portions",
        *REFERENCE,
    }
    assert (food["fdc_id"], food["source"], food["magnesium_mg"]) == (170188, "usda-sr28", "592.000")
    assert (food["reference_amount_g"], food["magnesium_claim"]) == ("30.000", "high")  # 178 mg in 30 g
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


@pytest.mark.parametrize("food_kind", ["usda", "approved", "own"])
def test_foods_are_not_changed_through_the_api(alice_api, user, other_user, pumpkin, food_kind):
    food = {
        "usda": pumpkin,
        "approved": make_custom_food(other_user, status="approved"),
        "own": make_custom_food(user),
    }[food_kind]
    url = f"{FOODS}{food.pk}/"
    before = alice_api.get(url).json()

    for method in ("put", "patch", "delete"):
        response = getattr(alice_api, method)(url, {"name": "Changed", "magnesium_mg": "1"})
        assert response.status_code == 405, method
        assert set(response["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}

    assert alice_api.get(url).json() == before


def custom(**overrides):
    values = {"name": "Mineral water, Brand X", "magnesium_mg": "12.5", "calcium_mg": "40"}
    return {**values, **overrides}


def test_a_user_adds_a_custom_food_private_to_them(alice_api, bob_api, user):
    response = alice_api.post(FOODS, custom(portions=[{"description": "1 glass", "grams": "250"}]))

    assert response.status_code == 201
    food = response.json()
    assert set(food) == {
        "id",
        "name",
        "category",
        "fdc_id",
        "source",
        *NUTRIENT_FIELDS,
        "portions",
        *REFERENCE,
    }
    assert (food["source"], food["fdc_id"], food["category"]) == ("custom", None, "")
    # the author's serving is the reference amount: 31.25 mg in 250 g, no claim
    assert (food["reference_amount_g"], food["magnesium_claim"]) == ("250.000", None)
    assert (food["magnesium_mg"], food["calcium_mg"], food["potassium_mg"]) == ("12.500", "40.000", None)
    assert [(p["description"], p["grams"]) for p in food["portions"]] == [("1 glass", "250.000")]
    stored = Food.objects.get(pk=food["id"])
    assert (stored.created_by, stored.status, stored.is_active) == (user, "private", True)
    assert alice_api.get(f"{FOODS}{food['id']}/").json() == food
    assert bob_api.get(f"{FOODS}{food['id']}/").status_code == 404
    assert names(bob_api.get(FOODS, {"search": "mineral"})) == []


def test_a_new_custom_food_can_be_logged_by_its_portion(alice_api):
    food = alice_api.post(FOODS, custom(portions=[{"description": "1 glass", "grams": "250"}])).json()
    entry = {"date": "2026-03-02", "meal": "lunch", "food": food["id"], "portion": food["portions"][0]["id"]}

    response = alice_api.post("/api/v1/entries/", {**entry, "quantity": "2"})

    assert response.status_code == 201
    assert response.json()["magnesium_mg"] == "62.500"  # 500 g at 12.5 mg per 100 g


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"magnesium_mg": None}, "magnesium_mg"),  # magnesium is needed, as on the page
        ({"magnesium_mg": "60300.001"}, "magnesium_mg"),  # more than pure magnesium oxide holds
        ({"magnesium_mg": "-1"}, "magnesium_mg"),
        ({"magnesium_mg": 12.0001}, "magnesium_mg"),  # a JSON number with too many places
        ({"fiber_g": "100.001"}, "fiber_g"),
        ({"fiber_g": ""}, "fiber_g"),  # only null is null (found by schemathesis)
        ({"fiber_g": "  "}, "fiber_g"),
        ({"energy_kcal": "903"}, "energy_kcal"),
        ({"name": ""}, "name"),
        ({"name": "  "}, "name"),
        ({"name": "x" * 256}, "name"),
        ({"name": " " + "x" * 255}, "name"),  # the length as sent, as the schema's maxLength says
        ({"name": "Water\x00"}, "name"),
        ({"name": 0}, "name"),  # a JSON number: the schema says a string (found by schemathesis)
        ({"portions": [{"description": 1, "grams": "250"}]}, "portions"),
        ({"portions": [{"description": "1 glass", "grams": "0"}]}, "portions"),
        ({"portions": [{"description": "", "grams": "250"}]}, "portions"),
        ({"portions": [{"description": "1 glass", "grams": "250"}] * 21}, "portions"),
        ({"portions": {"description": "1 glass", "grams": "250"}}, "portions"),
    ],
)
def test_bad_input_is_a_400_naming_the_field_and_stores_nothing(alice_api, overrides, field):
    foods, portions = Food.objects.count(), Portion.objects.count()

    response = alice_api.post(FOODS, custom(**overrides))

    assert response.status_code == 400
    assert field in response.json()
    assert (Food.objects.count(), Portion.objects.count()) == (foods, portions)


def test_names_are_stored_without_the_spaces_around_them(alice_api):
    food = alice_api.post(
        FOODS, custom(name=" Water ", portions=[{"description": "1 glass\t", "grams": "2"}])
    )
    assert (food.json()["name"], food.json()["portions"][0]["description"]) == ("Water", "1 glass")


def test_errors_in_portions_are_messages_naming_the_portion(alice_api):
    """A 400 keeps the documented shape, a list of messages for each field (found by schemathesis:
    nested errors came back as objects)."""
    glass = {"description": "1 glass", "grams": "250"}
    portions = [glass, {"description": "1 bottle", "grams": "0"}, 7, {"grams": "1"}]

    response = alice_api.post(FOODS, custom(portions=portions))

    assert response.status_code == 400
    assert response.json() == {
        "portions": [
            "Portion 2, grams: A portion must weigh more than 0 g.",
            "Portion 3, Invalid data. Expected a dictionary, but got int.",
            "Portion 4, description: This field is required.",
        ]
    }
    assert alice_api.post(FOODS, custom(portions=[glass] * 21)).json() == {
        "portions": ["Ensure this field has no more than 20 elements."]
    }


def test_the_physical_bound_is_explained_as_on_the_page(alice_api):
    response = alice_api.post(FOODS, custom(magnesium_mg="70000"))
    assert response.json() == {
        "magnesium_mg": ["No food has more than 60,300 mg of magnesium per 100 g; check the unit."]
    }


# Bodies the custom food page and the API judge alike: one set of rules.
SAME_RULES = [
    custom(),
    custom(magnesium_mg=None),
    custom(magnesium_mg="60300"),
    custom(magnesium_mg="60300.001"),
    custom(calcium_mg="-0.001"),
    custom(energy_kcal="902"),
    custom(energy_kcal="902.001"),
    custom(vitamin_d_ug="0"),
    custom(name=" "),
]


@pytest.mark.parametrize("sent", SAME_RULES)
def test_the_api_accepts_and_refuses_what_the_custom_food_form_does(alice_api, sent):
    form = CustomFoodForm(
        {name: "" if value is None else value for name, value in sent.items()} | {"basis": "100g"}
    )

    response = alice_api.post(FOODS, sent)

    assert (response.status_code == 201) == form.is_valid(), (response.json(), form.errors)
    if not form.is_valid():
        assert set(response.json()) == set(form.errors)


@pytest.mark.parametrize(
    "extra",
    [
        {"source": "usda-sr28"},
        {"fdc_id": 170188},
        {"category": "Nut and Seed Products"},
        {"status": "approved"},
        {"created_by": "other"},
        {"id": 424242},
        {"is_active": False},
    ],
)
def test_fields_a_client_may_not_set_are_refused_by_name(alice_api, user, other_user, extra):
    extra = {**extra, **({"created_by": other_user.pk} if "created_by" in extra else {})}

    before = Food.objects.count()

    response = alice_api.post(FOODS, custom(**extra))

    # A field the write does not take is refused by name, and nothing is stored.
    assert response.status_code == 400
    assert set(response.json()) == set(extra)
    assert Food.objects.count() == before


def test_a_custom_food_is_stored_as_the_server_says(alice_api, user):
    response = alice_api.post(FOODS, custom())

    assert response.status_code == 201
    stored = Food.objects.get(pk=response.json()["id"])
    assert stored.pk != 424242
    assert (stored.source, stored.fdc_id, stored.category) == ("custom", None, "")
    assert (stored.created_by, stored.status, stored.is_active) == (user, "private", True)


def test_creating_foods_is_throttled_like_other_writes(alice_api, monkeypatch):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"token": "3/minute", "writes": "2/minute"})
    assert [alice_api.post(FOODS, custom()).status_code for _ in range(3)] == [201, 201, 429]


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


def test_a_custom_food_made_through_the_api_has_its_stored_measures(alice_api):
    response = alice_api.post(
        FOODS, custom(energy_kcal="1", portions=[{"description": "1 glass", "grams": "250"}])
    )
    assert response.status_code == 201
    food = Food.objects.get(pk=response.json()["id"])
    measures = (food.portion_magnesium_mg, food.reference_magnesium_mg, food.magnesium_per_100_kcal)
    assert measures == pytest.approx((12.5 * 250 / 100, 12.5 * 250 / 100, 12.5 * 100 / 1))


def test_a_search_says_what_it_showed_results_for_when_it_corrected_the_query(alice_api):
    make_food("Broccoli, raw", category="Vegetables and Vegetable Products")
    corrected = alice_api.get(FOODS, {"search": "brocoli"})
    assert (names(corrected), corrected.json()["showing_results_for"]) == (["Broccoli, raw"], "broccoli")
    assert "showing_results_for" not in alice_api.get(FOODS, {"search": "broccoli"}).json()
