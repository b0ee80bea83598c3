from datetime import date, timedelta

import pytest

from core.reference import (
    CITATIONS,
    DAILY_VALUE,
    NoReferenceValue,
    age_in_months,
    clinician_target,
    reference_intake,
    supplement_upper_limit_mg,
)
from tests.core.reference_tables import BOUNDARIES, OLDEST, born_months_before, cases, value_at

ON = date(2026, 6, 15)

CASES = [
    pytest.param(*case, id="{}-{}mo-{}-{}".format(*case[:4]))
    for case in cases()  # every row of the three tables, at both edges, for each sex and life stage
]


@pytest.mark.parametrize(("standard", "months", "sex", "stage", "expected", "kind"), CASES)
def test_every_table_row_by_row_at_both_edges_of_each_band(standard, months, sex, stage, expected, kind):
    birth = born_months_before(months, ON)
    if expected is None:
        with pytest.raises(NoReferenceValue):
            reference_intake(birth, sex, stage, ON, standard)
        return
    result = reference_intake(birth, sex, stage, ON, standard)
    assert (result.mg, result.kind, result.source) == (expected, kind, standard)


@pytest.mark.parametrize(("standard", "months"), BOUNDARIES, ids=[f"{s}-{m}mo" for s, m in BOUNDARIES])
def test_the_new_band_starts_on_the_birthday_itself(standard, months):
    birth = born_months_before(months, ON)
    on_the_day = reference_intake(birth, "male", "none", ON, standard)
    assert on_the_day.mg == value_at(standard, months)
    if value_at(standard, months - 1) is None:  # EFSA sets nothing under 7 months
        with pytest.raises(NoReferenceValue):
            reference_intake(birth, "male", "none", ON - timedelta(days=1), standard)
    else:
        before = reference_intake(birth, "male", "none", ON - timedelta(days=1), standard)
        assert before.mg == value_at(standard, months - 1)
        assert before.label != on_the_day.label  # a new band, even where the value stays


def test_age_counts_the_day_of_the_birthday():
    birth = date(1990, 6, 15)
    assert reference_intake(birth, "male", "none", date(2021, 6, 14)).mg == 400  # 30 years old
    assert reference_intake(birth, "male", "none", date(2021, 6, 15)).mg == 420  # 31 today


def test_acceptance_woman_born_1990_is_320_mg_in_2026():
    result = reference_intake(date(1990, 6, 15), "female", "none", date(2026, 11, 26))
    assert result.mg == 320
    assert result.label == "NIH RDA, females, 31–50 years"


@pytest.mark.parametrize(
    ("standard", "sex", "stage", "months", "label", "kind_name"),
    [
        ("nih", "female", "none", 40 * 12, "NIH RDA, females, 31–50 years", "Recommended Dietary Allowance"),
        ("nih", "male", "none", 3, "NIH AI, birth to 6 months", "Adequate Intake"),
        ("efsa", "male", "none", 40 * 12, "EFSA AI, males, 18 years and over", "Adequate Intake"),
        ("efsa", "female", "pregnant", 30 * 12, "EFSA AI, pregnant, 18 years and over", "Adequate Intake"),
        ("efsa", "female", "none", 5 * 12, "EFSA AI, 3 to under 10 years", "Adequate Intake"),
        (
            "uk",
            "female",
            "lactating",
            30 * 12,
            "UK RNI, lactating, 19 years and over",
            "Reference Nutrient Intake",
        ),
        ("uk", "male", "none", 12 * 12, "UK RNI, 11–14 years", "Reference Nutrient Intake"),
    ],
)
def test_labels_name_the_standard_kind_and_band(standard, sex, stage, months, label, kind_name):
    result = reference_intake(born_months_before(months, ON), sex, stage, ON, standard)
    assert (result.label, result.kind_name) == (label, kind_name)
    assert result.description == f"{label} ({kind_name})"


def test_daily_value_and_clinician_descriptions_are_their_labels():
    assert DAILY_VALUE.description == "US Daily Value (food labels)"
    assert clinician_target(300).description == "Personal target from your clinician"


@pytest.mark.parametrize(
    ("standard", "cited"),
    [
        ("nih", "Institute of Medicine, Dietary Reference Intakes for Calcium, Phosphorus, Magnesium"),
        ("efsa", "EFSA Journal 2015;13(7):4186"),
        ("uk", "Dietary Reference Values for Food Energy and Nutrients for the United Kingdom"),
    ],
)
def test_each_standard_cites_its_source(standard, cited):
    result = reference_intake(date(1980, 1, 1), "female", "none", ON, standard)
    assert cited in result.citation
    assert result.citation == CITATIONS[standard]


def test_clinician_target_is_its_own_kind_and_source():
    target = clinician_target(250)
    assert (target.mg, target.kind, target.source, target.kind_name) == (
        250,
        "clinician",
        "clinician",
        "personal target",
    )
    assert "clinician" in target.citation


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


@pytest.mark.parametrize("standard", ["nih", "uk"])
def test_every_age_from_birth_to_120_years_has_a_value_for_both_sexes(standard):
    for months in range(0, OLDEST + 1):
        birth = born_months_before(months, ON)
        assert reference_intake(birth, "female", "none", ON, standard).mg > 0
        assert reference_intake(birth, "male", "none", ON, standard).mg > 0


def test_efsa_has_a_value_from_7_months_to_120_years_and_none_before():
    for months in range(0, OLDEST + 1):
        birth = born_months_before(months, ON)
        if months < 7:
            with pytest.raises(NoReferenceValue):
                reference_intake(birth, "female", "none", ON, "efsa")
        else:
            assert reference_intake(birth, "female", "none", ON, "efsa").mg > 0


@pytest.mark.parametrize(
    ("sex", "stage", "standard"),
    [
        ("other", "none", "nih"),
        ("female", "unknown", "nih"),
        ("male", "pregnant", "nih"),
        ("male", "lactating", "uk"),
        ("female", "none", "who"),
    ],
)
def test_unknown_or_impossible_combinations_raise(sex, stage, standard):
    with pytest.raises(ValueError):
        reference_intake(date(1990, 1, 1), sex, stage, ON, standard)


def test_date_before_birth_raises():
    with pytest.raises(ValueError):
        reference_intake(date(2027, 1, 1), "female", "none", ON)


def test_daily_value_is_420_mg():
    assert (DAILY_VALUE.mg, DAILY_VALUE.kind) == (420, "DV")
    assert "21 CFR 101.9" in DAILY_VALUE.citation


@pytest.mark.parametrize(
    ("months", "limit"),
    [(0, None), (11, None), (12, 65), (47, 65), (48, 110), (107, 110), (108, 350), (1000, 350)],
)
def test_supplement_upper_limit_by_age(months, limit):
    assert supplement_upper_limit_mg(months) == limit
