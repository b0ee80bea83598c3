"""{% food_rows %}: the rows of includes/food_table.html, built in Python.

A search page lists 25 foods, each with a link, its minerals and a Log form; as template code that
was about half of the page's time (bench/REPORT.md). The rows say what the template said; the
template keeps the table's head and the comment on what each food carries.

The rows are f-strings, every text escaped with esc() and the whole marked safe once: format_html
escapes through lazy wrappers at a cost that, at some 300 calls a page, was most of the rows'
time. Numbers formatted here (amounts, grams, pks, dates) hold no markup and go in as they are.
"""

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe

from core import once
from foods.templatetags.nutrients import amount, grams
from foods.templatetags.urls import pk_url

register = template.Library()


def esc(value) -> str:
    """Text as HTML: what django.utils.html.escape does (quotes too), without its lazy wrapper."""
    return escape(str(value))


def csrf_input(context) -> str:
    """The CSRF token's hidden input, for rows that each hold a form."""
    return f'<input type="hidden" name="csrfmiddlewaretoken" value="{esc(context.get("csrf_token"))}">'


def claim_badge(food, has_ckd: bool) -> str:
    """The FDA claim of the food's default portion (core.claims); neutral for a user with CKD."""
    label = getattr(food, "claim_label", "")
    if not label:
        return ""
    style = "badge-neutral" if has_ckd else f"badge-{esc(food.claim)}"
    return f'<span class="badge {style}">{esc(label)}</span>'


def name_cell(food, name: str, hide_category: bool, has_ckd: bool, detail_url: str) -> str:
    """The name's cell; name is the food's name already escaped."""
    category = f"<br><small>{esc(food.category)}</small>" if food.category and not hide_category else ""
    reference = ""
    if getattr(food, "reference_label", ""):
        reference = (
            f'<br><small class="reference">{amount(food.reference_mg)} in the reference amount, '
            f"{esc(food.reference_label)}</small>"
        )
    return (
        f'<td class="food-name"><a href="{esc(detail_url)}">{name}</a>\n        {category}\n        '
        f"{claim_badge(food, has_ckd)}{reference}</td>"
    )


def portion_cell(food) -> str:
    portion_grams = getattr(food, "portion_grams", None)
    description = getattr(food, "portion_description", "")
    if portion_grams and description:
        text = f'{esc(description)} <span class="nowrap">({grams(portion_grams)})</span>'
    elif portion_grams:
        text = grams(portion_grams)
    else:
        text = "<small>No portion listed</small>"
    return f'<td class="portion" data-label="Portion">{text}</td>'


def amount_cells(food, sort: str) -> str:
    cells = []
    per_portion_shown = bool(getattr(food, "portion_grams", None))
    for number, mineral in enumerate(getattr(food, "amounts", [])):
        if mineral.per_100g is None:
            text = "unknown"
        else:
            per_portion = f"{amount(mineral.per_portion)} " if per_portion_shown else ""
            per_kcal = ""
            if number == 0 and sort == "energy":
                per_kcal = f' <small class="per-100g">{amount(food.magnesium_per_100_kcal)}/100 kcal</small>'
            text = f'{per_portion}<small class="per-100g">{amount(mineral.per_100g)}/100 g</small>{per_kcal}'
        cells.append(f'<td class="num" data-label="{esc(mineral.label)}">{text}</td>')
    return "\n      ".join(cells)


def log_cell(food, name: str, log_url: str, log_to, log, csrf: str, request) -> str:
    """The Log form's cell (or, for a food without measures, a link); name is the food's name
    already escaped, csrf the token's hidden input."""
    url = esc(log_url)
    if not getattr(food, "log_measures", None):
        query = f"?date={log['date'].isoformat()}&amp;meal={esc(log['meal'])}" if log else ""
        return (
            f'<td class="log"><a class="button" href="{url}{query}">Log'
            f'<span class="visually-hidden"> {name}</span></a></td>'
        )
    day, meal = log_to["date"].isoformat(), esc(log_to["meal"])
    action = f"{url}?date={day}&amp;meal={meal}"
    chosen = food.log_measure
    options = "".join(
        f'<option value="{esc(key)}"{" selected" if key == chosen else ""}>{esc(label)}</option>'
        for key, label in food.log_measures
    )
    pk = int(food.pk)
    return (
        f'<td class="log"><form method="post" action="{action}" class="log-row">'
        f"{csrf}{once.hidden_field(request)}"
        f'<input type="hidden" name="date" value="{day}">'
        f'<input type="hidden" name="meal" value="{meal}">'
        f'<label for="quantity-{pk}" class="visually-hidden">Quantity of {name}</label>'
        f'<input type="number" id="quantity-{pk}" name="quantity" value="{esc(food.log_quantity)}" '
        'min="0.01" step="any" inputmode="decimal" class="quantity">'
        f'<label for="measure-{pk}" class="visually-hidden">Measure of {name}</label>'
        f'<select id="measure-{pk}" name="portion">{options}</select>'
        f'<button type="submit" class="primary">Log<span class="visually-hidden"> {name}</span>'
        "</button></form>"
        f'<a href="{action}"><small>More options'
        f'<span class="visually-hidden"> for {name}</span></small></a></td>'
    )


@register.simple_tag(takes_context=True)
def food_rows(context, foods) -> SafeString:
    """The table's rows: name, claim, portion and minerals; with a logged-in user and without
    without_log, a Log form (or link) a row."""
    request = context.get("request")
    user = context.get("user")
    with_log = bool(user and user.is_authenticated and not context.get("without_log"))
    csrf = csrf_input(context) if with_log else ""
    has_ckd, sort = context.get("has_ckd"), context.get("sort")
    hide_category = context.get("hide_category")
    log_to, log = context.get("log_to"), context.get("log")
    rows = []
    for food in foods:
        name = esc(food.name)
        cells = [
            name_cell(food, name, hide_category, has_ckd, pk_url(context, "foods:detail", food.pk)),
            portion_cell(food),
            amount_cells(food, sort),
        ]
        if with_log:
            log_url = pk_url(context, "tracker:entry_new", food.pk)
            cells.append(log_cell(food, name, log_url, log_to, log, csrf, request))
        rows.append("    <tr>\n      " + "\n      ".join(cells) + "\n    </tr>")
    return mark_safe("\n".join(rows))
