from django import template

from core import once

register = template.Library()


@register.simple_tag(takes_context=True)
def once_field(context) -> str:
    """The hidden token that makes a form write once (core.once)."""
    return once.hidden_field(context.get("request"))
