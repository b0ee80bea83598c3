"""{% pk_url %}: {% url %} for the rows of a table, reversed once per template rather than per row.

Reversing is a regular-expression walk of the URL tree, and a table of foods has a link and a
Log button a row (bench/REPORT.md has the figures). The URL is reversed once with a placeholder
pk, kept in the template's render context, and each row's pk replaces it.
"""

from django import template
from django.urls import reverse

register = template.Library()

PLACEHOLDER = 987654321  # a pk, matching <int:...>, that no other part of a URL holds


@register.simple_tag(takes_context=True)
def pk_url(context, viewname: str, pk: int) -> str:
    """The same text as {% url viewname pk %}, for an integer pk."""
    key = (__name__, viewname)
    pattern = context.render_context.get(key)
    if pattern is None:
        pattern = context.render_context[key] = reverse(viewname, args=[PLACEHOLDER])
    return pattern.replace(str(PLACEHOLDER), str(int(pk)))
