from decimal import Decimal as D

import pytest

from core.amounts import GRAM, OUNCE, TABLESPOON, extra_measures, nearest_measure, starting_measure

CUP_FIRST = [("1 cup", D(129)), ("1 oz", D("28.35"))]


def test_ounces_and_grams_are_always_offered_and_a_tablespoon_comes_from_the_cup():
    measures = extra_measures([("1 cup", D(128))])
    assert [(m.key, m.grams) for m in measures] == [
        (OUNCE, D("28.349523125")),
        (TABLESPOON, D("8.0")),
        (GRAM, D(1)),
    ]


@pytest.mark.parametrize(
    ("portions", "keys"),
    [
        ([("1 oz", D("28.35")), ("1 cup", D(129))], [TABLESPOON, GRAM]),  # USDA has the ounce
        ([("1 cup", D(240)), ("1 tbsp", D(15))], [OUNCE, GRAM]),  # and the tablespoon
        ([("1 medium", D(150))], [OUNCE, GRAM]),  # no cup: no tablespoon guessed
        ([], [OUNCE, GRAM]),
        ([("1 cup, chopped", D(0))], [OUNCE, GRAM]),
    ],
)
def test_measures_the_food_lists_are_not_offered_twice(portions, keys):
    assert [m.key for m in extra_measures(portions)] == keys


@pytest.mark.parametrize(
    ("reference", "measures", "expected"),
    [
        (D(30), CUP_FIRST, ("1 oz", D(1))),  # pumpkin seeds: 1 oz, never the cup
        (D(30), [("1 cup", D(129)), (OUNCE, D("28.349523125"))], (OUNCE, D(1))),
        (D(85), [("1 cup", D(180))], (GRAM, D(85))),  # nothing near: the reference amount in grams
        (D(100), [("a", D(75)), ("b", D(125))], ("a", D(1))),  # both at 25 %: the first listed
        (D(100), [("a", D("74.9"))], (GRAM, D(100))),  # just outside 25 %
        (D(1), [(GRAM, D(1))], (GRAM, D(1))),  # grams is never the "nearest portion"
        (None, CUP_FIRST, ("1 cup", D(1))),  # no reference amount: the first measure
        (None, [(GRAM, D(1))], (GRAM, D(100))),
        (D(0), CUP_FIRST, ("1 cup", D(1))),
    ],
)
def test_a_new_entry_starts_from_the_reference_amount_or_the_measure_nearest_it(
    reference, measures, expected
):
    assert starting_measure(reference, measures) == expected


def test_nearest_measure_is_none_for_a_zero_reference():
    assert nearest_measure(D(0), CUP_FIRST) is None
