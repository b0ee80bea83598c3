"""How a food's amounts are shown: per 100 g, per portion, and the claim a portion earns."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.text import capfirst

from core import ckd, claims, nutrition

# Minerals shown beside magnesium on a food's page, to everyone.
DETAIL_MINERALS = ("magnesium_mg", "calcium_mg", "phosphorus_mg", "potassium_mg")


@dataclass
class Amount:
    """A nutrient of a food: its label, mg per 100 g and mg in a portion (None = unknown)."""

    label: str
    per_100g: Decimal | None
    per_portion: Decimal | None


def nutrient_label(food, name: str) -> str:
    """The field's verbose name without its unit: "Magnesium" for magnesium_mg."""
    return capfirst(food._meta.get_field(name).verbose_name.split(" (")[0])


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


def describe_default_portions(foods, has_ckd: bool) -> None:
    """Give each food (annotated by with_magnesium_measures) its minerals per default portion
    and the magnesium claim that portion earns, worded for the user."""
    for food in foods:
        food.amounts = amounts(food, ckd.minerals_shown(has_ckd), food.portion_grams)
        food.claim = claims.magnesium_claim(food.amounts[0].per_portion)
        food.claim_label = claims.claim_label(food.claim, has_ckd)
