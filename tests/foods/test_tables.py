import pandas as pd
import pytest
from django.db.backends.base.operations import BaseDatabaseOperations

from foods.importing import tables
from foods.models import NUTRIENT_FIELDS, Food, Portion


def field(model, name):
    return model._meta.get_field(name)


def integer_range(model, name) -> tuple[int, int]:
    # The range PostgreSQL enforces (it keeps Django's base ranges); SQLite would store more.
    return BaseDatabaseOperations.integer_field_ranges[field(model, name).get_internal_type()]


@pytest.mark.parametrize(
    ("limit", "model", "name"),
    [
        (tables.NAME_MAX_LENGTH, Food, "name"),
        (tables.CATEGORY_MAX_LENGTH, Food, "category"),
        (tables.DESCRIPTION_MAX_LENGTH, Portion, "description"),
    ],
)
def test_length_limits_are_the_model_max_lengths(limit, model, name):
    assert limit == field(model, name).max_length


@pytest.mark.parametrize(
    ("digits", "model", "name"),
    [
        *[(tables.NUTRIENT_DIGITS, Food, name) for name in NUTRIENT_FIELDS],
        (tables.GRAMS_DIGITS, Portion, "grams"),
    ],
)
def test_digit_limits_are_the_model_max_digits_and_decimal_places(digits, model, name):
    assert digits == (field(model, name).max_digits, field(model, name).decimal_places)


def test_seq_limit_is_the_range_of_portion_seq():
    minimum, maximum = integer_range(Portion, "seq")

    assert tables.SEQ_MAX == maximum
    assert minimum <= 0  # FDC seq_num 0 is imported as it is


def test_fdc_id_limit_is_the_range_of_food_fdc_id():
    minimum, maximum = integer_range(Food, "fdc_id")

    assert tables.FDC_ID_MAX == maximum
    assert minimum <= 1  # the readers take fdc_id from 1


def test_largest_fdc_id_fits_food_source_id():
    assert len(str(tables.FDC_ID_MAX)) <= field(Food, "source_id").max_length


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("Error tokenizing data. C error: Expected 18 fields in line 7, saw 19\n", 7),
        ("Error tokenizing data. C error: EOF inside string starting at row 6", 7),  # rows count from 0
        ("something else", None),
    ],
)
def test_pandas_parser_errors_keep_their_line(text, line):
    error = tables._parser_error("NUT_DATA.txt", pd.errors.ParserError(text))

    assert (error.file, error.line, error.message) == ("NUT_DATA.txt", line, text.strip())
