"""Property-based checks of the nutrient maths and the reference lookup (hypothesis)."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from core import reference
from core.nutrition import nutrient_for_amount, percent_of_target

per_100g = st.decimals(min_value=0, max_value=40_000, places=3)
grams = st.decimals(min_value=0, max_value=10_000, places=3)
ON = date(2026, 6, 15)


@given(per_100g, grams)
def test_nutrient_amount_is_never_negative_and_zero_grams_give_zero(value, amount):
    result = nutrient_for_amount(value, amount)
    assert result >= 0
    assert nutrient_for_amount(value, Decimal(0)) == 0


@given(per_100g, grams, grams)
def test_nutrient_amount_is_additive_within_rounding(value, first, second):
    together = nutrient_for_amount(value, first + second)
    apart = nutrient_for_amount(value, first) + nutrient_for_amount(value, second)
    assert abs(together - apart) <= Decimal("0.001")


@given(st.lists(st.tuples(per_100g, grams), max_size=20), st.randoms())
def test_a_day_total_does_not_depend_on_entry_order(entries, random):
    amounts = [nutrient_for_amount(value, amount) for value, amount in entries]
    shuffled = amounts[:]
    random.shuffle(shuffled)
    assert sum(amounts, Decimal(0)) == sum(shuffled, Decimal(0))


@given(st.decimals(min_value=0, max_value=100_000, places=3), st.integers(min_value=1, max_value=2000))
def test_percent_grows_with_the_amount(amount, target):
    assert percent_of_target(amount, target) <= percent_of_target(amount + 1, target)


@given(
    st.integers(min_value=0, max_value=120 * 366),
    st.sampled_from(["female", "male"]),
    st.sampled_from(["none", "pregnant", "lactating"]),
    st.sampled_from(["nih", "efsa", "uk"]),
)
def test_every_age_sex_life_stage_and_standard_has_one_value_or_a_clear_refusal(
    days_old, sex, stage, standard
):
    birth = ON - timedelta(days=days_old)
    months = reference.age_in_months(birth, ON)
    holding = [
        band
        for band in reference.STANDARD_TABLES[standard]
        if band.min_months <= months and (band.max_months is None or months < band.max_months)
    ]
    assert len(holding) <= 1  # bands never overlap
    if stage != "none" and sex == "male":
        return  # refused as a ValueError: tested in test_reference.py
    try:
        result = reference.reference_intake(birth, sex, stage, ON, standard)
    except reference.NoReferenceValue:
        # only where the table has no band, or no value for that life stage in it
        assert not holding or getattr(holding[0], stage) is None
        return
    assert len(holding) == 1
    assert result.mg == getattr(holding[0], sex if stage == "none" else stage) > 0
