"""How a food's amounts are shown: per 100 g, per portion, and the claim its reference amount earns."""

from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from django.utils.text import capfirst

from core import ckd, claims, nutrition, racc
from foods.models import Source

# Minerals shown beside magnesium on a food's page, to everyone.
DETAIL_MINERALS = ("magnesium_mg", "calcium_mg", "phosphorus_mg", "potassium_mg")

# The Food columns a food table's row and its Log button read (describe_default_portions,
# default_portions, foods.amounts.starting_amount, foods/templatetags/food_rows.py): a page of
# search results loads only these, not the other twenty.
ROW_FIELDS = (
    "name",
    "category",
    "source",
    "reference_amount_g",
    "racc_category",
    "magnesium_per_100_kcal",
    *ckd.minerals_shown(has_ckd=True),
    *ckd.minerals_shown(has_ckd=False),
)


@dataclass
class Amount:
    """A nutrient of a food: its label, mg per 100 g and mg in a portion (None = unknown)."""

    label: str
    per_100g: Decimal | None
    per_portion: Decimal | None


def nutrient_label(food, name: str) -> str:
    """The field's verbose name without its unit: "Magnesium" for magnesium_mg."""
    return field_label(food._meta.model, name)


@cache  # a few names, asked for twice a row of every search page
def field_label(model, name: str) -> str:
    # The verbose names are plain strings (foods.models.nutrient_field), not lazy translations
    # that a cache would fix in one language.
    return capfirst(model._meta.get_field(name).verbose_name.split(" (")[0])


def amounts(food, names, grams) -> list[Amount]:
    """Each named nutrient of a food per 100 g and in grams of it (per portion None without grams)."""
    return [
        Amount(
            label=nutrient_label(food, name),
            per_100g=getattr(food, name),
            per_portion=nutrition.nutrient_for_amount(getattr(food, name), grams) if grams else None,
        )
        for name in names
    ]


def reference_label(food) -> str:
    """ "30 g (nuts, seeds)" for a food annotated with reference_grams; empty without one."""
    grams = food.reference_grams
    if grams is None:
        return ""
    key = food.racc_category if food.reference_amount_g is not None else racc.SERVING
    return f"{nutrition.plain_decimal(Decimal(grams))} g ({racc.label(key)})"


def default_portions(foods, portions: dict[int, list]) -> None:
    """What foods.search.with_magnesium_measures annotates for showing a food (portion_description,
    portion_grams, reference_grams), from each food's portions in order, by food id
    (foods.search.portions_by_food): the first portion, and the FDA reference amount, else a
    custom food's first portion."""
    for food in foods:
        first = next(iter(portions[food.pk]), None)
        food.portion_description = first.description if first else None
        food.portion_grams = first.grams if first else None
        serving = food.portion_grams if food.source == Source.CUSTOM else None
        food.reference_grams = food.reference_amount_g if food.reference_amount_g is not None else serving


def describe_default_portions(foods, has_ckd: bool) -> None:
    """Give each food (annotated by with_magnesium_measures) its minerals per default portion,
    its reference amount with the magnesium in it, and the claim that amount earns, worded for
    the user."""
    for food in foods:
        food.amounts = amounts(food, ckd.minerals_shown(has_ckd), food.portion_grams)
        grams = None if food.reference_grams is None else Decimal(food.reference_grams)
        food.reference_mg = nutrition.nutrient_for_amount(food.magnesium_mg, grams) if grams else None
        food.reference_label = reference_label(food)
        food.claim = claims.magnesium_claim(food.reference_mg)
        food.claim_label = claims.claim_label(food.claim, has_ckd)
