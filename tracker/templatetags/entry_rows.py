"""{% entry_rows %}: the rows of a meal's table on the day page, built in Python.

Each row holds a link, an amount form that saves in place, the minerals and the edit and
delete links. As template code (an include a row) that was the day page's largest cost
(bench/REPORT.md). Written as the search's rows are (foods/templatetags/food_rows.py): text
escaped with esc(), URLs from pk_url, the whole marked safe once a table."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from foods.templatetags.food_rows import csrf_input, esc
from foods.templatetags.nutrients import amount, grams, plain
from foods.templatetags.urls import pk_url

register = template.Library()


def amount_form(entry, name: str, edit_url: str, csrf: str) -> str:
    """The entry's amount, changed where it is shown: the quantity of its portion, or its grams,
    posted to the entry's edit view with its date, meal and portion unchanged; name is the
    food's name already escaped."""
    if entry.portion_id:
        field = (
            f'<label class="visually-hidden" for="quantity-{entry.pk}">Quantity of {name}</label>'
            f'<input id="quantity-{entry.pk}" type="number" name="quantity" value="{plain(entry.quantity)}"'
            ' min="0.001" step="any" inputmode="decimal" required>'
            f"<span>× {esc(entry.portion.description)} <small>({grams(entry.amount_g)})</small></span>"
        )
    else:
        field = (
            f'<label class="visually-hidden" for="grams-{entry.pk}">Grams of {name}</label>'
            f'<input id="grams-{entry.pk}" type="number" name="grams" value="{plain(entry.amount_g)}"'
            ' min="0.001" step="any" inputmode="decimal" required>'
            "<span>g</span>"
        )
    return (
        f'<form method="post" action="{edit_url}" class="amount-form">{csrf}'
        f'<input type="hidden" name="date" value="{entry.date.isoformat()}">'
        f'<input type="hidden" name="meal" value="{esc(entry.meal)}">'
        f'<input type="hidden" name="portion" value="{entry.portion_id or ""}">'
        f"{field}"
        f'<button type="submit" class="small">Save<span class="visually-hidden"> the amount of {name}</span>'
        "</button></form>"
    )


@register.simple_tag(takes_context=True)
def entry_rows(context, entries, has_ckd: bool) -> SafeString:
    """A meal's entries as table rows: food, amount form, magnesium (with CKD, phosphorus and
    potassium too) and the edit and delete links."""
    csrf = csrf_input(context)
    rows = []
    for entry in entries:
        name = esc(entry.food.name)
        edit_url = pk_url(context, "tracker:entry_edit", entry.pk)
        minerals = f'<td class="num" data-label="Mg">{amount(entry.magnesium_mg)}</td>'
        if has_ckd:
            minerals += (
                f'<td class="num" data-label="P">{amount(entry.phosphorus_mg)}</td>'
                f'<td class="num" data-label="K">{amount(entry.potassium_mg)}</td>'
            )
        rows.append(
            "<tr>"
            f'<td><a href="{pk_url(context, "foods:detail", entry.food_id)}">{name}</a></td>'
            f"<td>{amount_form(entry, name, edit_url, csrf)}</td>"
            f"{minerals}"
            '<td class="actions">'
            f'<a href="{edit_url}">Edit<span class="visually-hidden"> {name}</span></a>\n'
            f'<a href="{pk_url(context, "tracker:entry_delete", entry.pk)}">Delete'
            f'<span class="visually-hidden"> {name}</span></a>'
            "</td></tr>"
        )
    return mark_safe("\n".join(rows))
