"""{% food_rows %}: the rows of includes/food_table.html, built in Python.

A search page lists 25 foods, each with a link, its minerals and a Log form; as template code that
was about half of the page's time (bench/REPORT.md). The rows say what the template said; the
template keeps the table's head and the comment on what each food carries."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from core import once
from foods.templatetags.nutrients import amount, grams
from foods.templatetags.urls import pk_url

register = template.Library()


def claim_badge(food, has_ckd: bool) -> SafeString:
    """The FDA claim of the food's default portion (core.claims); neutral for a user with CKD."""
    label = getattr(food, "claim_label", "")
    if not label:
        return mark_safe("")
    style = "badge-neutral" if has_ckd else f"badge-{food.claim}"
    return format_html('<span class="badge {}">{}</span>', style, label)


def name_cell(food, hide_category: bool, has_ckd: bool, detail_url: str) -> SafeString:
    category = (
        format_html("<br><small>{}</small>", food.category) if food.category and not hide_category else ""
    )
    reference = ""
    if getattr(food, "reference_label", ""):
        reference = format_html(
            '<br><small class="reference">{} in the reference amount, {}</small>',
            amount(food.reference_mg),
            food.reference_label,
        )
    return format_html(
        '<td class="food-name"><a href="{}">{}</a>\n        {}\n        {}{}</td>',
        detail_url,
        food.name,
        category,
        claim_badge(food, has_ckd),
        reference,
    )


def portion_cell(food) -> SafeString:
    portion_grams = getattr(food, "portion_grams", None)
    description = getattr(food, "portion_description", "")
    if portion_grams and description:
        text = format_html('{} <span class="nowrap">({})</span>', description, grams(portion_grams))
    elif portion_grams:
        text = grams(portion_grams)
    else:
        text = mark_safe("<small>No portion listed</small>")
    return format_html('<td class="portion" data-label="Portion">{}</td>', text)


def amount_cells(food, sort: str) -> SafeString:
    cells = []
    for number, mineral in enumerate(getattr(food, "amounts", [])):
        if mineral.per_100g is None:
            text = "unknown"
        else:
            per_portion = (
                format_html("{} ", amount(mineral.per_portion))
                if getattr(food, "portion_grams", None)
                else ""
            )
            per_kcal = ""
            if number == 0 and sort == "energy":
                per_kcal = format_html(
                    ' <small class="per-100g">{}/100 kcal</small>', amount(food.magnesium_per_100_kcal)
                )
            text = format_html(
                '{}<small class="per-100g">{}/100 g</small>{}',
                per_portion,
                amount(mineral.per_100g),
                per_kcal,
            )
        cells.append(format_html('<td class="num" data-label="{}">{}</td>', mineral.label, text))
    return mark_safe("\n      ".join(cells))


def log_cell(food, log_url: str, log_to, log, csrf: SafeString, request) -> SafeString:
    if not getattr(food, "log_measures", None):
        query = format_html("?date={}&amp;meal={}", log["date"].isoformat(), log["meal"]) if log else ""
        return format_html(
            '<td class="log"><a class="button" href="{}{}">Log<span class="visually-hidden"> {}</span></a>'
            "</td>",
            log_url,
            query,
            food.name,
        )
    day, meal = log_to["date"].isoformat(), log_to["meal"]
    options = format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (key, mark_safe(" selected") if key == food.log_measure else "", label)
            for key, label in food.log_measures
        ),
    )
    return format_html(
        '<td class="log"><form method="post" action="{url}?date={day}&amp;meal={meal}" class="log-row">'
        "{csrf}{once}"
        '<input type="hidden" name="date" value="{day}">'
        '<input type="hidden" name="meal" value="{meal}">'
        '<label for="quantity-{pk}" class="visually-hidden">Quantity of {name}</label>'
        '<input type="number" id="quantity-{pk}" name="quantity" value="{quantity}" min="0.01" '
        'step="any" inputmode="decimal" class="quantity">'
        '<label for="measure-{pk}" class="visually-hidden">Measure of {name}</label>'
        '<select id="measure-{pk}" name="portion">{options}</select>'
        '<button type="submit" class="primary">Log{hidden_name}</button></form>'
        '<a href="{url}?date={day}&amp;meal={meal}"><small>More options'
        '<span class="visually-hidden"> for {name}</span></small></a></td>',
        url=log_url,
        day=day,
        meal=meal,
        csrf=csrf,
        once=once.hidden_field(request),
        pk=food.pk,
        name=food.name,
        hidden_name=format_html('<span class="visually-hidden"> {}</span>', food.name),
        quantity=food.log_quantity,
        options=options,
    )


@register.simple_tag(takes_context=True)
def food_rows(context, foods) -> SafeString:
    """The table's rows: name, claim, portion and minerals; with a logged-in user and without
    without_log, a Log form (or link) a row."""
    request = context.get("request")
    user = context.get("user")
    with_log = bool(user and user.is_authenticated and not context.get("without_log"))
    csrf = ""
    if with_log:
        token = context.get("csrf_token")
        csrf = format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)
    has_ckd, sort = context.get("has_ckd"), context.get("sort")
    hide_category = context.get("hide_category")
    rows = []
    for food in foods:
        cells = [
            name_cell(food, hide_category, has_ckd, pk_url(context, "foods:detail", food.pk)),
            portion_cell(food),
            amount_cells(food, sort),
        ]
        if with_log:
            log_url = pk_url(context, "tracker:entry_new", food.pk)
            cells.append(log_cell(food, log_url, context.get("log_to"), context.get("log"), csrf, request))
        rows.append(format_html("    <tr>\n      {}\n    </tr>", mark_safe("\n      ".join(cells))))
    return mark_safe("\n".join(rows))
