import re
from decimal import Decimal

import pytest
from drf_spectacular.generators import SchemaGenerator
from hypothesis import given, settings
from hypothesis import strategies as st
from rest_framework.exceptions import ValidationError

from core.rest import DecimalString, plain_number
from foods.models import NUTRIENT_FIELDS
from foods.serializers import CustomFoodSerializer, PortionInputSerializer
from tracker.serializers import EntrySerializer, SupplementSerializer

ERROR_STATUSES = {"400", "401", "403", "404", "429"}


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def operations(schema):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield f"{method.upper()} {path}", operation


def test_the_schema_lists_every_api_operation(schema):
    assert {name for name, _ in operations(schema)} == {
        "POST /api/v1/auth/token/",
        "GET /api/v1/entries/",
        "POST /api/v1/entries/",
        "GET /api/v1/entries/{id}/",
        "PUT /api/v1/entries/{id}/",
        "PATCH /api/v1/entries/{id}/",
        "DELETE /api/v1/entries/{id}/",
        "GET /api/v1/foods/",
        "POST /api/v1/foods/",
        "GET /api/v1/foods/{id}/",
        "GET /api/v1/profile/",
        "GET /api/v1/recipes/",
        "POST /api/v1/recipes/",
        "GET /api/v1/recipes/{id}/",
        "PUT /api/v1/recipes/{id}/",
        "PATCH /api/v1/recipes/{id}/",
        "DELETE /api/v1/recipes/{id}/",
        "PUT /api/v1/profile/",
        "PATCH /api/v1/profile/",
        "GET /api/v1/shares/",
        "POST /api/v1/shares/",
        "GET /api/v1/shares/{id}/",
        "DELETE /api/v1/shares/{id}/",
        "GET /api/v1/summary/",
        "GET /api/v1/summary/range/",
        "GET /api/v1/supplements/",
        "POST /api/v1/supplements/",
        "GET /api/v1/supplements/{id}/",
        "PUT /api/v1/supplements/{id}/",
        "PATCH /api/v1/supplements/{id}/",
        "DELETE /api/v1/supplements/{id}/",
    }


def test_every_operation_documents_its_error_responses(schema):
    for name, operation in operations(schema):
        assert ERROR_STATUSES <= set(operation["responses"]), name
        if "requestBody" in operation:
            assert "415" in operation["responses"], name


def test_only_the_token_endpoint_is_open(schema):
    open_operations = {
        name for name, operation in operations(schema) if {} in operation.get("security", [{}])
    }
    assert open_operations == {"POST /api/v1/auth/token/"}


@pytest.mark.parametrize(
    ("component", "serializer", "names"),
    [
        ("EntryRequest", EntrySerializer, ("quantity", "amount_g")),
        ("SupplementRequest", SupplementSerializer, ("elemental_mg", "compound_mg", "doses")),
        ("CustomFoodRequest", CustomFoodSerializer, NUTRIENT_FIELDS),
        ("PortionInputRequest", PortionInputSerializer, ("grams",)),
    ],
)
def test_decimal_inputs_publish_the_pattern_they_are_checked_with(schema, component, serializer, names):
    published = schema["components"]["schemas"][component]["properties"]
    fields = serializer().fields
    for name in names:
        number, string = published[name]["oneOf"]
        assert string["pattern"] == fields[name].pattern.pattern
        assert string["type"] == "string"
        # A JSON number is accepted alike, within the same bounds and decimal places.
        assert number["type"] == "number"
        assert number["multipleOf"] == 10 ** -fields[name].decimal_places
        if fields[name].max_value is not None:
            assert number["maximum"] == float(fields[name].max_value)


def test_supplement_figures_the_server_works_out_are_read_only(schema):
    assert "magnesium_mg" not in schema["components"]["schemas"]["SupplementRequest"]["properties"]
    assert schema["components"]["schemas"]["Supplement"]["properties"]["magnesium_mg"]["readOnly"]


QUANTITY = DecimalString(max_digits=8, decimal_places=3)


@settings(max_examples=300, deadline=None)
@given(st.from_regex(QUANTITY.pattern.pattern, fullmatch=True))
def test_every_string_the_pattern_allows_is_accepted(text):
    assert QUANTITY.to_internal_value(text) >= 0


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.integers(), st.floats(), st.none()))
def test_every_value_the_pattern_refuses_is_refused(value):
    if isinstance(value, str) and re.fullmatch(QUANTITY.pattern.pattern, value):
        return
    if isinstance(value, int | float) and re.fullmatch(QUANTITY.pattern.pattern, plain_number(value) or ""):
        return  # a JSON number is taken as the decimal it writes
    with pytest.raises(ValidationError):
        QUANTITY.to_internal_value(value)


@settings(max_examples=300, deadline=None)
@given(st.decimals(min_value=0, max_value=99999, places=3, allow_nan=False, allow_infinity=False))
def test_a_json_number_is_accepted_as_the_decimal_string_it_writes(value):
    assert QUANTITY.to_internal_value(value) == QUANTITY.to_internal_value(format(value, "f")) == value


def test_the_food_list_documents_what_a_search_showed_results_for(schema):
    response = schema["paths"]["/api/v1/foods/"]["get"]["responses"]["200"]["content"]["application/json"]
    name = response["schema"]["$ref"].rsplit("/", 1)[-1]
    properties = schema["components"]["schemas"][name]["properties"]
    assert properties["showing_results_for"]["type"] == "string"
    assert "showing_results_for" not in schema["components"]["schemas"][name].get("required", [])


AMOUNT = DecimalString(max_digits=9, decimal_places=3, min_value=Decimal("0.1"))


@pytest.mark.parametrize("text, published", [("0", False), ("000.000", False), ("0.05", True), ("12", True)])
def test_above_a_minimum_of_more_than_0_the_published_pattern_refuses_zero(text, published):
    # The schema then says what the server does (schemathesis' coverage phase sent "0" for every
    # supplement amount and found every case refused).
    assert bool(re.fullmatch(AMOUNT.pattern.pattern, text)) is published


def test_a_zero_amount_is_refused_with_the_minimums_message():
    with pytest.raises(ValidationError) as refused:
        AMOUNT.run_validation("0")
    assert "greater than or equal to 0.1" in str(refused.value.detail)


def test_every_list_says_its_pages_start_at_1(schema):
    pages = [
        parameter["schema"]
        for _, operation in operations(schema)
        for parameter in operation.get("parameters", [])
        if parameter["name"] == "page"
    ]
    assert pages and all(page == {"type": "integer", "minimum": 1} for page in pages)
