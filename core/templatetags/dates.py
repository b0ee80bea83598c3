"""{{ day|shown:"l j F Y" }}: a date in the order the user's browser types dates (core.dates)."""

from django import template

from core.dates import date_text

register = template.Library()


@register.filter(expects_localtime=True)
def shown(value, day_first_format: str) -> str:
    return date_text(value, day_first_format)
