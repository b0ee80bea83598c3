"""Reference amounts (core.racc): the Table 2 row a food's group and name give, in grams, and the
claim made on it. Names, groups, portions and magnesium are the USDA SR28 rows."""

from decimal import Decimal

import pytest

from core import racc
from core.claims import GOOD, HIGH, magnesium_claim
from core.nutrition import nutrient_for_amount

NUTS, VEG, LEG, GRAINS = racc.NUTS, racc.VEGETABLES, racc.LEGUMES, racc.GRAINS
CUP, TBSP = ("1 cup", Decimal(180)), ("1 tbsp", Decimal(16))

# SR28 food group, name, portions (description, grams), magnesium per 100 g, then the reference
# amount (g), its category and the claim the issue's acceptance asks for.
ACCEPTANCE = [
    (
        VEG,
        "Spinach, cooked, boiled, drained, without salt",
        [("1 cup", Decimal(180))],
        87,
        85,
        "vegetables",
        GOOD,
    ),
    (
        LEG,
        "Beans, black, mature seeds, cooked, boiled, without salt",
        [("1 cup", Decimal(172))],
        70,
        90,
        "legumes_cooked",
        GOOD,
    ),
    (NUTS, "Nuts, almonds", [("1 cup, whole", Decimal(143))], 270, 30, "nuts_seeds", GOOD),
    (
        racc.SWEETS,
        "Molasses",
        [("1 cup", Decimal(337)), ("1 serving 1 tbsp", Decimal(20))],
        242,
        20,
        "sweet_spreads",
        GOOD,
    ),
    (
        racc.FRUITS,
        "Avocados, raw, all commercial varieties",
        [("1 cup, cubes", Decimal(150))],
        29,
        50,
        "avocado",
        None,
    ),
    (
        NUTS,
        "Seeds, pumpkin and squash seed kernels, dried",
        [("1 cup", Decimal(129))],
        592,
        30,
        "nuts_seeds",
        HIGH,
    ),
    (NUTS, "Nuts, cashew nuts, raw", [("1 oz", Decimal("28.35"))], 292, 30, "nuts_seeds", HIGH),
]


@pytest.mark.parametrize(("group", "name", "portions", "mg", "grams", "key", "claim"), ACCEPTANCE)
def test_the_issues_foods_get_their_reference_amount_and_claim(group, name, portions, mg, grams, key, claim):
    assert racc.assign(group, name, portions) == (Decimal(grams), key)
    assert magnesium_claim(nutrient_for_amount(Decimal(mg), Decimal(grams))) == claim


@pytest.mark.parametrize(
    ("group", "name", "portions", "expected"),
    [
        (NUTS, "Nuts, almond butter, plain, without salt added", [TBSP], (Decimal(32), "nut_butters")),
        (
            LEG,
            "Peanut butter, smooth style, with salt",
            [("2 tbsp", Decimal(32))],
            (Decimal(32), "nut_butters"),
        ),
        (LEG, "Peanuts, all types, raw", [CUP], (Decimal(30), "nuts_seeds")),
        (NUTS, "Seeds, sesame flour, low-fat", [], (Decimal(15), "nut_flours")),
        (VEG, "Spinach, raw", [CUP], (Decimal(85), "vegetables")),
        (VEG, "Carrots, canned, regular pack, drained solids", [], (Decimal(130), "vegetables_canned")),
        (VEG, "Pumpkin, raw", [], (Decimal(130), "vegetables_canned")),
        (VEG, "Potatoes, baked, flesh, without salt", [], (Decimal(110), "potatoes")),
        (GRAINS, "Rice, brown, long-grain, cooked", [], (Decimal(140), "grains_cooked")),
        # 240 mL of milk by its own cup (236.6 mL): 244 g x 240 / 236.59
        (
            racc.DAIRY,
            "Milk, whole, 3.25% milkfat, with added vitamin D",
            [("1 cup", Decimal(244))],
            (Decimal("247.5"), "milk"),
        ),
        (
            racc.SWEETS,
            "Honey",
            [("1 cup", Decimal(339)), ("1 tbsp", Decimal(21))],
            (Decimal(21), "sweet_spreads"),
        ),
        (racc.SWEETS, "Chocolate, dark, 70-85% cacao solids", [], (Decimal(30), "candies")),
    ],
)
def test_rules_by_group_name_and_own_measure(group, name, portions, expected):
    assert racc.assign(group, name, portions) == expected


@pytest.mark.parametrize(
    ("group", "name", "portions"),
    [
        (LEG, "Mothbeans, mature seeds, raw", [("1 cup", Decimal(196))]),  # dry beans: not a row used
        (LEG, "Beans, black, mature seeds, canned, low sodium", [CUP]),  # canned beans: not verified
        (VEG, "Spinach, canned, regular pack, drained solids, with cheese sauce", [CUP]),
        (VEG, "Seaweed, kelp, raw", [CUP]),
        (VEG, "Peppers, jalapeno, raw", [CUP]),
        (GRAINS, "Spaghetti, cooked, enriched, without added salt", [CUP]),
        (GRAINS, "Rice, brown, long-grain, raw", [CUP]),
        (NUTS, "Nuts, coconut milk, raw (liquid expressed from grated meat and water)", [CUP]),
        (racc.DAIRY, "Milk, dry, whole, with added vitamin D", [CUP]),
        (
            racc.DAIRY,
            "Milk, whole, 3.25% milkfat, with added vitamin D",
            [("1 quart", Decimal(976))],
        ),  # no cup
        (racc.SWEETS, "Molasses", [("1 cup", Decimal(337))]),  # no tablespoon to weigh one by
        ("Poultry Products", "Turkey, whole, breast, meat only, roasted", [("1 breast", Decimal(1171))]),
        ("Spices and Herbs", "Spices, basil, dried", [("1 tsp", Decimal("0.7"))]),
        ("", "Something", []),
    ],
)
def test_foods_no_row_fits_get_no_reference_amount(group, name, portions):
    assert racc.assign(group, name, portions) is None


def test_every_category_has_a_positive_amount_and_a_label():
    for key, category in racc.CATEGORIES.items():
        assert category.amount > 0 and category.unit in ("g", "tbsp", "mL"), key
        assert racc.label(key).endswith(category.label)
    assert racc.label("nuts_seeds") == "nuts, seeds"
    assert racc.label("sweet_spreads") == "1 tbsp, honey, jams, molasses"
    assert racc.label("milk") == "240 mL, milk"
    assert racc.label(racc.SERVING) == "the author's serving"


@pytest.mark.parametrize(
    ("description", "unit", "grams_each"),
    [
        ("1 tbsp", "tbsp", Decimal(16)),
        ("2 tbsp", "tbsp", Decimal(8)),
        ("1 serving 1 tbsp", "tbsp", Decimal(16)),
        ("0.5 cup", "cup", Decimal(32)),
        ("1 cup, chopped", "cup", None),  # another measure than a plain cup
        ("1 tbspn", "tbsp", None),
    ],
)
def test_a_measure_is_weighed_by_the_foods_own_portion(description, unit, grams_each):
    assert racc.grams_per(unit, [(description, Decimal(16))]) == grams_each
