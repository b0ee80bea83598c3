from decimal import Decimal as D

import pytest

from tracker.nutrition import (
    amount_in_grams,
    nutrient_for_amount,
    nutrients_for_amount,
    percent_of_target,
    plain_decimal,
)


@pytest.mark.parametrize(
    ("portion_grams", "quantity", "grams", "expected"),
    [
        (D("28.35"), D("1"), None, D("28.350")),
        (D("180"), D("0.5"), None, D("90.000")),
        (D("28.35"), D("2"), D("999"), D("56.700")),  # a chosen portion wins over grams
        (None, None, D("42.5"), D("42.5")),
    ],
)
def test_amount_in_grams(portion_grams, quantity, grams, expected):
    assert amount_in_grams(portion_grams, quantity, grams) == expected


@pytest.mark.parametrize(
    ("portion_grams", "quantity", "grams"),
    [
        (D("10"), D("0"), None),
        (D("10"), None, None),
        (None, None, None),
        (None, None, D("0")),
        (None, None, D("-1")),
    ],
)
def test_amount_in_grams_refuses_missing_or_non_positive_amounts(portion_grams, quantity, grams):
    with pytest.raises(ValueError):
        amount_in_grams(portion_grams, quantity, grams)


@pytest.mark.parametrize(
    ("per_100g", "amount_g", "expected"),
    [
        (D("592"), D("28.35"), D("167.832")),
        (D("87"), D("180"), D("156.600")),
        (D("592"), D("0"), D("0.000")),
        (D("0"), D("250"), D("0.000")),
        (D("1.5"), D("0.1"), D("0.002")),  # 0.0015 rounds half up
    ],
)
def test_nutrient_for_amount_scales_from_100_g(per_100g, amount_g, expected):
    assert nutrient_for_amount(per_100g, amount_g) == expected


def test_unknown_nutrient_stays_unknown_not_zero():
    assert nutrient_for_amount(None, D("100")) is None


def test_nutrient_amount_is_linear_in_the_amount():
    for grams in (D("1"), D("7.5"), D("100"), D("333.3")):
        assert nutrient_for_amount(D("87"), grams * 2) == (nutrient_for_amount(D("87"), grams) * 2).quantize(
            D("0.001")
        )


def test_nutrients_for_amount_keeps_each_name_and_unknowns():
    result = nutrients_for_amount({"magnesium_mg": D("592"), "vitamin_k_ug": None}, D("50"))
    assert result == {"magnesium_mg": D("296.000"), "vitamin_k_ug": None}


@pytest.mark.parametrize(
    ("amount", "target", "expected"),
    [
        (D("324.432"), 320, 101),
        (D("0"), 320, 0),
        (D("160"), 320, 50),
        (D("1.6"), 320, 1),
        (D("100"), None, None),
    ],
)
def test_percent_of_target(amount, target, expected):
    assert percent_of_target(amount, target) == expected


@pytest.mark.parametrize(
    ("value", "text"), [(D("50.000"), "50"), (D("28.350"), "28.35"), (D("0.500"), "0.5"), (D("100"), "100")]
)
def test_plain_decimal_drops_trailing_zeros_without_exponent(value, text):
    assert str(plain_decimal(value)) == text
