import threading
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from tests.factories import make_food
from tracker.models import IntakeEntry
from tracker.summary import day_summary

ROUNDS = 200
DAY = date(2026, 2, 2)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_two_clients_logging_to_one_day_at_once_lose_nothing(user, settings):
    # 400 posts in a few seconds: this test is about lost writes, not the per-user form limit.
    settings.ACCOUNT_THROTTLE_RATES = {**settings.ACCOUNT_THROTTLE_RATES, "page_writes": "1000/minute"}
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers are checked on PostgreSQL (SQLite serialises writers)")
    food = make_food(magnesium_mg=Decimal("87"))
    url = reverse("tracker:entry_new", args=[food.pk])
    barrier = threading.Barrier(2)
    statuses: list[int] = []

    def log_many(grams: str):
        client = Client()
        client.force_login(user)
        try:
            for _ in range(ROUNDS):
                barrier.wait()
                response = client.post(url, {"date": DAY.isoformat(), "meal": "lunch", "grams": grams})
                statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=log_many, args=(grams,)) for grams in ("100", "50")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses.count(302) == 2 * ROUNDS
    entries = IntakeEntry.objects.filter(user=user, date=DAY)
    assert entries.count() == 2 * ROUNDS
    expected = sum(entry.magnesium_mg for entry in entries)
    assert expected == ROUNDS * (Decimal("87") + Decimal("43.5"))
    assert day_summary(user, DAY).food_magnesium_mg == expected
