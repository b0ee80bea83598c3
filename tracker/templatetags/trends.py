"""The rows of a trend's table and the bars of its chart, written in Python.

A year is 365 rows and 365 bars, and template loops (a {% url %}, a date filter and several
amount filters a row) were most of the year's page time (bench/REPORT.md). Here they are
f-strings: every text is escaped with html.escape, numbers need none.
"""

from html import escape

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe

from core.dates import date_pattern
from core.nutrition import mg_text
from foods.templatetags.nutrients import amount

register = template.Library()

# Day links are /day/<date>/: reversed once per table, not once per row.
PLACEHOLDER = "0001-01-01"


def cell(text: str) -> str:
    return f'<td class="num">{escape(text)}</td>'


@register.simple_tag
def trend_rows(trend, links=True):
    """One <tr> a day of tracker.trends.Trend: the date linked to its day page (unless not
    links: a shared report leads nowhere into the account), then food,
    supplement and total magnesium (with CKD phosphorus and potassium too) and how many foods
    had a known magnesium value; "Not logged" across the row when nothing was."""
    url = escape(reverse("tracker:day", args=[PLACEHOLDER]))
    pattern = date_pattern("D j M Y")  # in the user's order: Fri 6 Mar 2026 or Fri, Mar 6, 2026
    not_logged = f'<td colspan="{6 if trend.has_ckd else 4}" class="not-logged">Not logged</td>'
    rows = []
    for day in trend.days:
        cells = not_logged
        if day.is_logged:
            kidney = ""
            if trend.has_ckd:
                kidney = cell(amount(day.totals["phosphorus_mg"])) + cell(amount(day.totals["potassium_mg"]))
            foods = "food" if day.entries == 1 else "foods"
            cells = (
                cell(amount(day.food_magnesium_mg))
                + cell(mg_text(day.supplement_magnesium_mg))
                + cell(amount(day.total_magnesium_mg))
                + kidney
                + cell(f"{day.entries_with_magnesium} of {day.entries} {foods}")
            )
        shown = day.date.strftime(pattern)
        if links:
            shown = f'<a href="{url.replace(PLACEHOLDER, day.date.isoformat())}">{shown}</a>'
        rows.append(f'<tr><th scope="row">{shown}</th>{cells}</tr>')
    return mark_safe("\n".join(rows))  # noqa: S308 (every text above is escaped)


@register.simple_tag
def chart_bars(chart):
    """The stacked bars of tracker.trends.chart: food, and supplements on top when any.
    Coordinates are floats, written as str() writes them (as {% localize off %} does); x and
    width are percent of the plot's width."""
    bars = []
    for bar in chart.bars:
        supplement = ""
        if bar.supplement_height:
            supplement = (
                f'<rect x="{bar.x}%" y="{bar.supplement_y}" width="{bar.width}%" '
                f'height="{bar.supplement_height}" fill="#8fc1a9"/>'
            )
        food = (
            f'<rect x="{bar.x}%" y="{bar.food_y}" width="{bar.width}%" '
            f'height="{bar.food_height}" fill="#0b6e4f"/>'
        )
        bars.append(f"<g><title>{escape(bar.title)}</title>{food}{supplement}</g>")
    return mark_safe("".join(bars))  # noqa: S308 (the titles are escaped, the rest are numbers)
