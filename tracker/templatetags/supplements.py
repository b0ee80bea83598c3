from decimal import Decimal

from django import template

from core.nutrition import mg_text

register = template.Library()


@register.filter
def mg(value: Decimal) -> str:
    """Supplement magnesium to one decimal place, as entered or worked out: 301.5 mg, 400 mg."""
    return mg_text(value)
