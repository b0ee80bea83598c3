from datetime import date

import pytest

from tracker.reference import (
    DAILY_VALUE,
    NoReferenceValue,
    age_in_months,
    reference_intake,
    supplement_upper_limit_mg,
)

ON = date(2026, 6, 15)


def born_months_before(months: int, on: date = ON) -> date:
    total = on.year * 12 + on.month - 1 - months
    return date(total // 12, total % 12 + 1, on.day)


# DESIGN.md, NIH ODS / IOM 1997: (first month of the band, last month of the band,
# male, female, pregnant, lactating, kind). None = no value in the table.
NIH_ROWS = [
    (0, 6, 30, 30, None, None, "AI"),
    (7, 11, 75, 75, None, None, "AI"),
    (12, 47, 80, 80, None, None, "RDA"),
    (48, 107, 130, 130, None, None, "RDA"),
    (108, 167, 240, 240, None, None, "RDA"),
    (168, 227, 410, 360, 400, 360, "RDA"),
    (228, 371, 400, 310, 350, 310, "RDA"),
    (372, 611, 420, 320, 360, 320, "RDA"),
    (612, 1440, 420, 320, None, None, "RDA"),
]
CASES = [
    pytest.param(months, sex, stage, expected, kind, id=f"{months}mo-{sex}-{stage}")
    for first, last, male, female, pregnant, lactating, kind in NIH_ROWS
    for months in (first, last)
    for sex, stage, expected in (
        ("male", "none", male),
        ("female", "none", female),
        ("female", "pregnant", pregnant),
        ("female", "lactating", lactating),
    )
]


@pytest.mark.parametrize(("months", "sex", "stage", "expected", "kind"), CASES)
def test_nih_table_row_by_row_at_both_edges_of_each_band(months, sex, stage, expected, kind):
    birth = born_months_before(months)
    if expected is None:
        with pytest.raises(NoReferenceValue):
            reference_intake(birth, sex, stage, ON)
        return
    result = reference_intake(birth, sex, stage, ON)
    assert (result.mg, result.kind, result.source) == (expected, kind, "nih")


def test_age_counts_the_day_of_the_birthday():
    birth = date(1990, 6, 15)
    assert reference_intake(birth, "male", "none", date(2021, 6, 14)).mg == 400  # 30 years old
    assert reference_intake(birth, "male", "none", date(2021, 6, 15)).mg == 420  # 31 today


def test_acceptance_woman_born_1990_is_320_mg_in_2026():
    result = reference_intake(date(1990, 6, 15), "female", "none", date(2026, 11, 26))
    assert result.mg == 320
    assert result.label == "NIH RDA, females, 31–50 years"


@pytest.mark.parametrize(
    ("birth", "on", "months"),
    [
        (date(2000, 1, 31), date(2000, 2, 29), 0),
        (date(2000, 1, 31), date(2000, 3, 1), 1),
        (date(2000, 2, 29), date(2001, 2, 28), 11),
        (date(2000, 2, 29), date(2001, 3, 1), 12),
        (date(2026, 6, 15), date(2026, 6, 15), 0),
    ],
)
def test_age_in_completed_months(birth, on, months):
    assert age_in_months(birth, on) == months


def test_every_age_from_birth_to_120_years_has_a_value_for_both_sexes():
    for months in range(0, 121 * 12):
        birth = born_months_before(months)
        assert reference_intake(birth, "female", "none", ON).mg > 0
        assert reference_intake(birth, "male", "none", ON).mg > 0


@pytest.mark.parametrize(
    ("sex", "stage"), [("other", "none"), ("female", "unknown"), ("male", "pregnant"), ("male", "lactating")]
)
def test_unknown_or_impossible_combinations_raise(sex, stage):
    with pytest.raises(ValueError):
        reference_intake(date(1990, 1, 1), sex, stage, ON)


def test_date_before_birth_raises():
    with pytest.raises(ValueError):
        reference_intake(date(2027, 1, 1), "female", "none", ON)


def test_daily_value_is_420_mg():
    assert (DAILY_VALUE.mg, DAILY_VALUE.kind) == (420, "DV")


@pytest.mark.parametrize(
    ("months", "limit"),
    [(0, None), (11, None), (12, 65), (47, 65), (48, 110), (107, 110), (108, 350), (1000, 350)],
)
def test_supplement_upper_limit_by_age(months, limit):
    assert supplement_upper_limit_mg(months) == limit
