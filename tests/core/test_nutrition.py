from decimal import Decimal as D

import pytest

from core.nutrition import (
    COMPOUND_NAMES,
    ELEMENTAL_PERCENT,
    amount_in_grams,
    amount_text,
    dish_totals,
    elemental_mg_per_dose,
    mg_text,
    nutrient_for_amount,
    nutrients_for_amount,
    over_supplement_limit,
    per_100g,
    percent_of_target,
    plain_decimal,
    supplement_magnesium_mg,
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


# DESIGN.md, "Elemental magnesium by weight": 1000 mg of each compound holds this many mg.
ELEMENTAL_PER_GRAM = [
    ("oxide", D("603")),
    ("hydroxide", D("417")),
    ("carbonate", D("288")),
    ("chloride", D("255")),
    ("chloride_hexahydrate", D("120")),
    ("sulfate", D("202")),
    ("sulfate_heptahydrate", D("99")),
    ("citrate", D("162")),
    ("malate", D("155")),
    ("glycinate", D("141")),
    ("lactate", D("120")),
    ("aspartate", D("84")),
]


@pytest.mark.parametrize(("form", "expected"), ELEMENTAL_PER_GRAM)
def test_elemental_magnesium_of_1000_mg_of_each_compound(form, expected):
    assert elemental_mg_per_dose(None, D("1000"), form) == expected


def test_every_form_but_other_has_a_percentage():
    assert set(ELEMENTAL_PERCENT) == {value for value in COMPOUND_NAMES if value != "other"}
    assert {form for form, _ in ELEMENTAL_PER_GRAM} == set(ELEMENTAL_PERCENT)


def test_acceptance_500_mg_magnesium_oxide_is_301_5_mg_elemental():
    assert elemental_mg_per_dose(None, D("500"), "oxide") == D("301.5")


@pytest.mark.parametrize(
    ("compound_mg", "form", "expected"),
    [
        (D("250"), "citrate", D("40.500")),
        (D("333"), "glycinate", D("46.953")),
        (D("0.1"), "aspartate", D("0.008")),  # 0.0084 rounds to 0.008
        (D("0.5"), "sulfate_heptahydrate", D("0.050")),  # 0.0495 rounds half up
    ],
)
def test_elemental_amount_is_rounded_to_a_thousandth_of_a_mg(compound_mg, form, expected):
    assert elemental_mg_per_dose(None, compound_mg, form) == expected


@pytest.mark.parametrize("form", ["oxide", "citrate", "other"])
def test_the_label_figure_wins_over_the_compound(form):
    assert elemental_mg_per_dose(D("250"), D("500"), form) == D("250")
    assert elemental_mg_per_dose(D("120"), None, form) == D("120")


@pytest.mark.parametrize(("label", "compound", "form"), [(None, D("500"), "other"), (None, None, "oxide")])
def test_elemental_amount_needs_the_label_or_a_known_compound(label, compound, form):
    with pytest.raises(ValueError):
        elemental_mg_per_dose(label, compound, form)


@pytest.mark.parametrize(
    ("per_dose", "doses", "expected"),
    [(D("200"), D("2"), D("400.000")), (D("301.5"), D("0.5"), D("150.750")), (D("100"), D("1"), D("100"))],
)
def test_supplement_magnesium_is_elemental_per_dose_times_doses(per_dose, doses, expected):
    assert supplement_magnesium_mg(per_dose, doses) == expected


@pytest.mark.parametrize("doses", [D("0"), D("-1")])
def test_supplement_magnesium_refuses_non_positive_doses(doses):
    with pytest.raises(ValueError):
        supplement_magnesium_mg(D("100"), doses)


@pytest.mark.parametrize(
    ("supplement_mg", "limit", "expected"),
    [
        (D("400"), 350, True),
        (D("350"), 350, False),  # exactly at the limit: no warning
        (D("350.001"), 350, True),
        (D("0"), 350, False),
        (D("66"), 65, True),
        (D("65"), 65, False),
        (D("1000"), None, False),  # no limit set (under 1 year)
    ],
)
def test_over_supplement_limit_only_above_the_limit(supplement_mg, limit, expected):
    assert over_supplement_limit(supplement_mg, limit) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(D("400.000"), "400 mg"), (D("301.5"), "301.5 mg"), (D("150.75"), "150.8 mg"), (D("0"), "0 mg")],
)
def test_mg_text_keeps_one_decimal_and_drops_a_trailing_zero(value, expected):
    assert mg_text(value) == expected


@pytest.mark.parametrize(
    ("amount", "portion_grams", "expected"),
    [
        (D("30"), D("250"), D("12.000")),  # a 250 ml glass of mineral water
        (D("64"), D("28.35"), D("225.750")),
        (D("1"), D("3"), D("33.333")),
        (D("0"), D("40"), D("0.000")),
        (D("50"), D("100"), D("50.000")),
    ],
)
def test_per_100g_from_a_portion(amount, portion_grams, expected):
    assert per_100g(amount, portion_grams) == expected


@pytest.mark.parametrize("portion_grams", [D("0"), D("-5")])
def test_per_100g_refuses_a_portion_without_weight(portion_grams):
    with pytest.raises(ValueError):
        per_100g(D("10"), portion_grams)


@pytest.mark.parametrize(
    "parts, total, unknown",
    [
        ([], None, 0),  # no ingredients: nothing known
        ([(D("28.35"), D("592")), (D("180"), D("87"))], D("324.432"), 0),
        ([(D("30"), D("592")), (D("250"), None)], None, 1),  # one unknown: the dish's is unknown
        ([(D("50"), None), (D("50"), None)], None, 2),
        ([(D("100"), D("0"))], D("0.000"), 0),  # a known 0 is 0
    ],
)
def test_dish_totals_count_unknowns_instead_of_summing_them_as_zero(parts, total, unknown):
    totals, unknowns = dish_totals([(grams, {"magnesium_mg": mg}) for grams, mg in parts], ["magnesium_mg"])
    assert (totals["magnesium_mg"], unknowns["magnesium_mg"]) == (total, unknown)


@pytest.mark.parametrize(
    "grams, portion, quantity, text",
    [(D("180.000"), None, D(1), "180 g"), (D("56.700"), "1 oz", D("2.000"), "2 × 1 oz (56.7 g)")],
)
def test_amount_text(grams, portion, quantity, text):
    assert amount_text(grams, portion, quantity) == text
