"""Tap targets of at least 24 × 24 CSS px (WCAG 2.2, SC 2.5.8 Target Size (Minimum)) at 375 px:
the small controls in the day page's tables and forms (Edit, Delete, Save, link buttons), the
favourite star and the food list's pages. Links inside a sentence are exempt (the SC's "inline"
exception) and are not measured."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.e2e.test_logging_at_the_table import log_in, pumpkin  # noqa: F401 (a fixture)
from tests.factories import make_entry, make_food, make_supplement
from tracker.food_pages import PAGE_SIZE

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
MINIMUM = 24  # CSS px

# Every control in a table, every link button and small button, the favourite star, the pages
# of a list and the day's navigation: not links within a sentence.
CONTROLS = ", ".join(
    [
        "main table a",
        "main table button",
        "main .link-button",
        "main button.small",
        "main .star",
        "main .pagination a",
        "main .day-nav a",
        "main .products button",
        "main .button",
    ]
)
MEASURE = """selector => [...document.querySelectorAll(selector)]
    .filter(element => element.getClientRects().length)
    .map(element => {
        const box = element.getBoundingClientRect();
        return [element.outerHTML.slice(0, 100), box.width, box.height];
    })"""


def small_targets(page) -> tuple[int, list[str]]:
    measured = page.evaluate(MEASURE, CONTROLS)
    small = [
        f"{html} ({width:.1f} × {height:.1f})"
        for html, width, height in measured
        if min(width, height) < MINIMUM
    ]
    return len(measured), small


def test_the_small_controls_are_at_least_24_px_square_at_375_px(page, live_server, pumpkin):  # noqa: F811
    user = log_in(page, live_server, "tess", 375)
    today = timezone.localdate()
    ounce = pumpkin.portions.get(description="1 oz")
    make_entry(user, pumpkin, on=today, meal="breakfast", portion=ounce, quantity="1")
    make_entry(user, pumpkin, on=today, meal="lunch", amount_g="50")
    make_entry(user, pumpkin, on=today - timedelta(days=1), meal="dinner", amount_g="20")
    make_supplement(user, on=today, name="Magnesium glycinate 120 mg")
    for number in range(PAGE_SIZE + 1):
        make_food(f"Seeds, test variety {number}")
    pages = {
        "day": reverse("tracker:today"),
        "food list, page 1": "/foods/?q=seeds",
        "food list, page 2": "/foods/?q=seeds&page=2",
        "food": reverse("foods:detail", args=[pumpkin.pk]),
        "supplements": reverse("tracker:supplements"),
    }
    failures, counts = [], {}
    for name, path in pages.items():
        page.goto(f"{live_server.url}{path}")
        counts[name], small = small_targets(page)
        failures += [f"{name}: {target}" for target in small]
        scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert scroll <= inner, f"{name}: {scroll} px wide"
    # The day page has its Edit, Delete and Save controls, the food list its pages, the food its star.
    assert counts["day"] >= 10 and counts["food list, page 2"] >= 1 and counts["food"] >= 1, counts
    assert failures == [], "\n".join(failures)
