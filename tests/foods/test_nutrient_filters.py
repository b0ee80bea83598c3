from decimal import Decimal

import pytest

from foods.templatetags.nutrients import amount


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (None, "mg", "unknown"),
        (Decimal(0), "mg", "0 mg"),
        (Decimal("0.00"), "µg", "0 µg"),
        (Decimal("0.04"), "mg", "0.0 mg"),
        (Decimal("0.05"), "µg", "0.1 µg"),
        (Decimal("9.94"), "mg", "9.9 mg"),
        (Decimal("9.96"), "mg", "10 mg"),  # not "10.0 mg"
        (Decimal(10), "mg", "10 mg"),
        (Decimal("1800.4"), "mg", "1,800 mg"),
    ],
)
def test_amount_rounds_by_size_and_writes_zero_as_0(value, unit, expected):
    assert amount(value, unit) == expected
