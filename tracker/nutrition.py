"""Nutrient maths for logged amounts (pure; no ORM, no requests). Amounts are Decimal."""

from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)
MILLI = Decimal("0.001")


def amount_in_grams(
    portion_grams: Decimal | None, quantity: Decimal | None, grams: Decimal | None
) -> Decimal:
    """Grams eaten: portion weight × quantity when a portion is chosen, else the grams given."""
    if portion_grams is not None:
        if quantity is None or quantity <= 0:
            raise ValueError("quantity must be more than 0")
        return (portion_grams * quantity).quantize(MILLI, ROUND_HALF_UP)
    if grams is None or grams <= 0:
        raise ValueError("grams must be more than 0")
    return grams


def nutrient_for_amount(per_100g: Decimal | None, amount_g: Decimal) -> Decimal | None:
    """Amount of a nutrient in amount_g of a food, from its value per 100 g; None stays unknown."""
    if per_100g is None:
        return None
    return (per_100g * amount_g / HUNDRED).quantize(MILLI, ROUND_HALF_UP)


def nutrients_for_amount(
    per_100g: Mapping[str, Decimal | None], amount_g: Decimal
) -> dict[str, Decimal | None]:
    """Every nutrient of a food (values per 100 g) scaled to amount_g."""
    return {name: nutrient_for_amount(value, amount_g) for name, value in per_100g.items()}


def percent_of_target(amount_mg: Decimal, target_mg: int | Decimal | None) -> int | None:
    """Whole percent of the target reached; None without a target."""
    if not target_mg:
        return None
    return int((Decimal(amount_mg) * HUNDRED / Decimal(target_mg)).quantize(Decimal(1), ROUND_HALF_UP))


def average(amounts: Sequence[Decimal]) -> Decimal | None:
    """Mean of the amounts to 0.001 (same unit); None when there are none."""
    if not amounts:
        return None
    return (sum(amounts, Decimal(0)) / len(amounts)).quantize(MILLI, ROUND_HALF_UP)
