from decimal import ROUND_HALF_UP, Decimal

from django import template

from core.nutrition import plain_decimal

register = template.Library()


@register.filter
def amount(value: Decimal | None, unit: str = "mg") -> str:
    """A nutrient amount for display: whole numbers from 10 (once rounded) and for 0, one decimal
    below; None is unknown."""
    if value is None:
        return "unknown"
    value = Decimal(value)
    # An empty day reads "0 mg", like the supplements beside it, not "0.0 mg".
    places = Decimal(1) if abs(value) >= Decimal("9.95") or not value else Decimal("0.1")
    return f"{value.quantize(places, ROUND_HALF_UP):,} {unit}".strip()


@register.filter
def plain(value: Decimal) -> str:
    """A number as a form field shows it: no trailing zeros, no thousands separator (2, 0.5)."""
    return str(plain_decimal(Decimal(value)))


@register.filter
def grams(value: Decimal) -> str:
    """Grams without trailing zeros: 28.35 g, 180 g."""
    return f"{plain_decimal(Decimal(value))} g"
