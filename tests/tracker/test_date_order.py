"""Dates shown in the order the user's browser types them (core/dates.py): month first for a
browser in US English, whose date fields read 12/04/2026; day first otherwise."""

import re
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from core.dates import FORMATS
from tests.factories import make_entry, make_food

pytestmark = pytest.mark.django_db

ON = date(2026, 12, 3)
DAY = f"/day/{ON.isoformat()}/"
US = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}
UK = {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}


def heading(page: str) -> str:
    return re.search(r"<h1>(.*?)</h1>", page, re.S).group(1).strip()


@pytest.mark.parametrize(
    "headers, shown",
    [
        (US, "Thursday, December 3, 2026"),
        (UK, "Thursday 3 December 2026"),
        ({"HTTP_ACCEPT_LANGUAGE": "de-DE,de;q=0.9"}, "Thursday 3 December 2026"),  # types 03.12.2026
        ({}, "Thursday 3 December 2026"),
    ],
)
def test_the_day_is_shown_in_the_order_its_browser_types_dates(alice_client, headers, shown):
    page = alice_client.get(DAY, **headers).content.decode()
    assert heading(page) == shown


@pytest.mark.parametrize("headers", [US, UK, {}])
def test_date_fields_are_given_iso_dates_whatever_the_language(alice_client, user, headers):
    make_entry(user, make_food("Seeds"), on=ON)
    page = alice_client.get(DAY, **headers).content.decode()
    assert 'name="copy-date" value="2026-12-04"' in page  # an <input type="date"> reads only ISO
    response = alice_client.get(f"/entries/{user.entries.get().pk}/edit/", **headers)
    assert 'value="2026-12-03"' in response.content.decode()


def test_a_date_out_of_range_is_named_in_the_users_order(alice_client, user):
    food = make_food("Seeds")
    fields = {"date": "2099-01-01", "meal": "lunch", "portion": "", "grams": "30"}
    us = alice_client.post(f"/log/{food.pk}/", fields, **US).context["form"].errors["date"][0]
    uk = alice_client.post(f"/log/{food.pk}/", fields, **UK).context["form"].errors["date"][0]
    assert re.search(r"between [A-Z][a-z]+ \d+, \d{4} and [A-Z][a-z]+ \d+, \d{4}", us), us
    assert re.search(r"between \d+ [A-Z][a-z]+ \d{4} and \d+ [A-Z][a-z]+ \d{4}", uk), uk


def test_every_date_format_the_templates_use_has_its_month_first_twin():
    used = set()
    for template in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        used |= set(re.findall(r'\|shown:"([^"]*)"', template.read_text()))
        assert "|date:" not in template.read_text(), f"{template}: use |shown: (core/dates.py)"
    assert used and used <= FORMATS.keys(), used - FORMATS.keys()


@pytest.mark.parametrize("typed", ["04/12/2026", "12/04/2026", "4 Dec 2026"])
@pytest.mark.parametrize("headers", [US, UK])
def test_a_date_is_read_only_as_iso_never_guessed_from_the_language(alice_client, headers, typed):
    """03/04 is a different day to a British and an American user: only 2026-12-04 is read."""
    food = make_food("Seeds")
    fields = {"date": typed, "meal": "lunch", "portion": "", "grams": "30"}
    response = alice_client.post(f"/log/{food.pk}/", fields, **headers)
    assert response.status_code == 200 and "date" in response.context["form"].errors


@pytest.mark.parametrize("headers, pattern", [(US, "%a, %b %-d, %Y"), (UK, "%a %-d %b %Y")])
def test_the_trends_and_report_tables_name_each_day_in_the_users_order(alice_client, user, headers, pattern):
    today = timezone.localdate()
    make_entry(user, make_food("Seeds"), on=today)
    for url in ("/trends/?days=7", f"/report/?start={today}&end={today}"):
        page = alice_client.get(url, **headers).content.decode()
        assert f'<a href="/day/{today}/">{today.strftime(pattern)}</a></th>' in page, url
