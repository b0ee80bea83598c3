"""FDA reference amounts customarily consumed (RACC) and the rules that give a food one
(pure; no ORM, no requests). Amounts in grams.

Source: 21 CFR 101.12(b), Table 2 (general food supply), as amended by the Nutrition Facts
and serving-size final rule of 27 May 2016 (81 FR 34000), the edition in force since then;
values checked against the FDA guidance "Reference Amounts Customarily Consumed: List of
Products for Each Product Category" (2018), which reproduces the table. Only the rows below
are used; a food that none of the rules places gets no reference amount, and so no claim
(docs/REFERENCE_AMOUNTS.md lists the rules and what is left out on purpose).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

TABLE_EDITION = (
    "21 CFR 101.12(b) Table 2, as amended 27 May 2016 (81 FR 34000); FDA guidance "
    "Reference Amounts Customarily Consumed: List of Products for Each Product Category (2018)."
)

# One US cup is 236.5882365 mL; milk's RACC of 240 mL is worked out from a food's cup weight.
CUP_ML = Decimal("236.5882365")


@dataclass(frozen=True)
class Category:
    key: str
    label: str  # shown beside the amount: "30 g (nuts, seeds)"
    table_row: str  # the product category of Table 2 (abridged)
    amount: Decimal
    unit: str  # "g", "tbsp" or "mL": a household measure is turned into grams by the food's portions


CATEGORIES = {
    c.key: c
    for c in (
        Category("nuts_seeds", "nuts, seeds", "Nuts, seeds and mixtures, all types", Decimal(30), "g"),
        Category(
            "nut_butters",
            "nut and seed butters",
            "Nut and seed butters, pastes, or creams",
            Decimal(2),
            "tbsp",
        ),
        Category("nut_flours", "nut and seed flours", "Coconut, nut and seed flours", Decimal(15), "g"),
        Category(
            "vegetables",
            "vegetables",
            "All other vegetables without sauce: fresh or frozen",
            Decimal(85),
            "g",
        ),
        Category(
            "vegetables_canned",
            "vegetables, canned",
            "All other vegetables without sauce: canned in liquid, pumpkin, winter squash",
            Decimal(130),
            "g",
        ),
        Category(
            "potatoes", "potatoes", "Potatoes and sweet potatoes, plain: fresh or frozen", Decimal(110), "g"
        ),
        Category("legumes_cooked", "cooked beans, peas, lentils", "Beans, plain: prepared", Decimal(90), "g"),
        Category(
            "grains_cooked", "cooked grains", "Grains, e.g. rice, barley, plain: prepared", Decimal(140), "g"
        ),
        Category("milk", "milk", "Milk", Decimal(240), "mL"),
        Category(
            "sweet_spreads",
            "honey, jams, molasses",
            "Honey, jams, jellies, fruit butter, molasses",
            Decimal(1),
            "tbsp",
        ),
        Category("candies", "chocolate", "All other candies", Decimal(30), "g"),
        Category("cocoa", "cocoa powder", "Cocoa powder, carob powder, unsweetened", Decimal(1), "tbsp"),
        Category("avocado", "avocado", "Avocado", Decimal(50), "g"),
    )
}
# Not a RACC: a custom food's reference amount is the serving its author gave.
SERVING = "serving"
SERVING_LABEL = "the author's serving"

NUTS, VEGETABLES, LEGUMES, GRAINS = (
    "Nut and Seed Products",
    "Vegetables and Vegetable Products",
    "Legumes and Legume Products",
    "Cereal Grains and Pasta",
)
DAIRY, SWEETS, FRUITS = "Dairy and Egg Products", "Sweets", "Fruits and Fruit Juices"

# Words that put a vegetable in another Table 2 row (dried, garnish, juice, sauce, pickles,
# fries...) whose amount the app does not use: no reference amount rather than a wrong one.
VEGETABLE_EXCLUDED = (
    "dried", "dehydrated", "powder", "juice", "paste", "sauce", "puree", "pickle", "relish",
    "soup", "cheese", "cream", "in butter", "with butter", "butter sauce", "fried", "fries",
    "french", "hash", "mashed", "au gratin", "scalloped", "seasoned", "flakes", "sprouted",
    "seaweed", "parsley", "pimento", "jalapeno", "chili", "peppers, hot", "onions, spring",
    "chips", "puffs", "stuffed", "salad", "pancake", "flour", "catsup", "breaded", "battered",
    "glazed", "candied", "whipped",
)  # fmt: skip
POTATO_STARTS = ("Potatoes,", "Potato,", "Sweet potato,", "Sweet potatoes,", "Yam,")
PASTA_STARTS = ("Pasta", "Noodles", "Spaghetti", "Macaroni")


def has_any(name: str, words: Iterable[str]) -> bool:
    return any(word in name for word in words)


def category_for(food_group: str, name: str) -> str | None:
    """The key of the Table 2 row a USDA food belongs to, by its food group and name; None when
    no row of CATEGORIES fits."""
    lower = name.lower()
    if food_group == NUTS:
        if has_any(lower, ("coconut milk", "coconut cream", "coconut water", "coconut meat", "oil")):
            return None
        if has_any(lower, ("butter", "paste")):
            return "nut_butters"
        if "flour" in lower:
            return "nut_flours"
        if has_any(lower, ("meal", "formulated")):
            return None
        return "nuts_seeds"
    if food_group == LEGUMES:
        if name.startswith("Peanut butter"):
            return "nut_butters"
        if name.startswith("Peanuts,") and not has_any(lower, ("flour", "spread")):
            return "nuts_seeds"
        # Beans, peas and lentils cooked plain; canned ones and bean dishes are another row.
        cooked = has_any(lower, ("cooked", "boiled"))
        other = has_any(
            lower,
            ("canned", "sauce", "fried", "sprouted", "tofu", "soymilk", "miso", "natto", "tempeh", "flour"),
        )
        return "legumes_cooked" if cooked and not other else None
    if food_group == VEGETABLES:
        if has_any(lower, VEGETABLE_EXCLUDED):
            return None
        if name.startswith(POTATO_STARTS):
            return "potatoes" if "canned" not in lower else None
        if "canned" in lower or name.startswith(("Pumpkin,", "Squash, winter")):
            return "vegetables_canned"
        return "vegetables"
    if food_group == GRAINS:
        plain_cooked = "cooked" in lower and not has_any(lower, ("flour", "sauce", "fried"))
        return "grains_cooked" if plain_cooked and not name.startswith(PASTA_STARTS) else None
    if food_group == DAIRY:
        milk = name.startswith("Milk,") and not has_any(
            lower, ("dry", "dried", "powder", "condensed", "evaporated", "human", "imitation", "filled")
        )
        return "milk" if milk else None
    if food_group == SWEETS:
        if name == "Honey" or name.startswith(("Molasses", "Jams and preserves", "Jellies")):
            return "sweet_spreads"
        if name.startswith("Chocolate, dark"):
            return "candies"
        if name.startswith("Cocoa, dry powder, unsweetened"):
            return "cocoa"
        return None
    if food_group == FRUITS and name.startswith("Avocados, raw"):
        return "avocado"
    return None


# A portion's description as the import writes it: "2 tbsp", "1 serving 1 tbsp", "1 cup".
MEASURE = re.compile(r"(?P<n>\d*\.?\d+) (?:serving (?P<m>\d*\.?\d+) )?(?P<unit>tbsp|cup)")


def grams_per(unit: str, portions: Iterable[tuple[str, Decimal]]) -> Decimal | None:
    """Grams of one tbsp or one cup of a food, from the first of its portions in that measure."""
    for description, grams in portions:
        match = MEASURE.fullmatch(description.strip())
        if match and match["unit"] == unit and grams and grams > 0:
            count = Decimal(match["n"]) * Decimal(match["m"] or 1)
            if count > 0:
                return grams / count
    return None


def reference_amount_g(key: str, portions: Iterable[tuple[str, Decimal]] = ()) -> Decimal | None:
    """A category's reference amount in grams for a food with these portions (description,
    grams): grams as they are, a tablespoon or 240 mL by the food's own tbsp or cup weight;
    None when the food has no portion in that measure. Rounded to 0.1 g."""
    category = CATEGORIES[key]
    if category.unit == "g":
        return category.amount
    portions = list(portions)
    if category.unit == "tbsp":
        per = grams_per("tbsp", portions)
        grams = per * category.amount if per else None
    else:  # mL, milk: the cup's weight scaled from 236.6 mL to 240 mL
        per = grams_per("cup", portions)
        grams = per * category.amount / CUP_ML if per else None
    return grams.quantize(Decimal("0.1")) if grams else None


def assign(food_group: str, name: str, portions: Iterable[tuple[str, Decimal]]) -> tuple[Decimal, str] | None:
    """(reference amount in grams, category key) for a USDA food, or None when no rule fits."""
    key = category_for(food_group, name)
    if key is None:
        return None
    grams = reference_amount_g(key, portions)
    return (grams, key) if grams else None


def label(key: str) -> str:
    """The words shown after the amount: "nuts, seeds", "1 tbsp, honey, jams, molasses" (a
    household measure is named), a custom food's "the author's serving"."""
    if key == SERVING:
        return SERVING_LABEL
    category = CATEGORIES[key]
    if category.unit == "g":
        return category.label
    return f"{category.amount.normalize():f} {category.unit}, {category.label}"
