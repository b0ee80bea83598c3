"""Writes to the intake log."""

from datetime import date
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser

from foods.models import NUTRIENT_FIELDS, Food, Portion
from tracker import nutrition
from tracker.models import IntakeEntry


def save_entry(
    *,
    user: AbstractBaseUser,
    food: Food,
    on: date,
    meal: str,
    portion: Portion | None,
    quantity: Decimal | None,
    grams: Decimal | None,
    entry: IntakeEntry | None = None,
) -> IntakeEntry:
    """Create or update an entry, copying the food's nutrients for the amount eaten."""
    if portion is not None and portion.food_id != food.pk:
        raise ValueError("the portion belongs to another food")
    amount_g = nutrition.amount_in_grams(portion.grams if portion else None, quantity, grams)
    entry = entry or IntakeEntry(user=user)
    entry.date, entry.meal, entry.food, entry.portion = on, meal, food, portion
    entry.quantity = quantity if portion else 1
    entry.amount_g = amount_g
    per_100g = {name: getattr(food, name) for name in NUTRIENT_FIELDS}
    for name, value in nutrition.nutrients_for_amount(per_100g, amount_g).items():
        setattr(entry, name, value)
    entry.full_clean(exclude=["user", "food", "portion"])
    entry.save()
    return entry
