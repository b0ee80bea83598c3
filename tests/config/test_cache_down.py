"""What the app does when Redis, its shared cache, is down (core/cache.py): limits that guard
credentials refuse, other limits and one-time tokens let the request through, sessions work
from the database, and each failure is logged. Redis here is a port nothing listens on."""

import logging

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from config.settings import REDIS_CACHES
from tracker.models import IntakeEntry

pytestmark = pytest.mark.django_db
DOWN = "redis://127.0.0.1:9/0"  # the discard port: connection refused at once


@pytest.fixture
def redis_down(settings, caplog):
    settings.CACHES = {alias: {**cache, "LOCATION": DOWN} for alias, cache in REDIS_CACHES.items()}
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.SESSION_CACHE_ALIAS = "sessions"
    caplog.set_level(logging.ERROR, logger="magnesium.cache")
    return caplog


def logged(caplog, what):
    return any("cache unreachable" in r.getMessage() and what in r.getMessage() for r in caplog.records)


def test_the_api_token_limit_refuses_while_the_cache_is_down(redis_down, user):
    response = APIClient().post(
        reverse("api:token"), {"username": "alice", "password": "a-long-test-password"}, format="json"
    )
    assert response.status_code == 429
    assert logged(redis_down, "throttle token")


def test_the_sign_up_and_password_reset_forms_refuse_while_the_cache_is_down(redis_down):
    assert Client().post(reverse("accounts:signup"), {"username": "carol"}).status_code == 429
    assert Client().post(reverse("password_reset"), {"email": "a@example.com"}).status_code == 429


def test_api_writes_and_reads_go_on_while_the_cache_is_down(redis_down, user, pumpkin):
    client = APIClient()
    client.force_authenticate(user)
    entry = {"date": timezone.localdate().isoformat(), "meal": "lunch", "food": pumpkin.pk, "amount_g": "50"}
    assert client.post(reverse("api:entry-list"), entry, format="json").status_code == 201
    assert client.get(reverse("api:entry-list")).status_code == 200
    assert logged(redis_down, "throttle writes")


def test_a_session_made_while_the_cache_is_down_works_from_the_database(redis_down, user, pumpkin):
    client = Client()
    response = client.post(reverse("login"), {"username": "alice", "password": "a-long-test-password"})
    assert response.status_code == 302
    assert client.get(reverse("tracker:today")).context["user"] == user
    assert logged(redis_down, "set")


def test_a_one_time_token_lets_the_form_through_while_the_cache_is_down(redis_down, alice_client, pumpkin):
    data = {
        "date": timezone.localdate().isoformat(),
        "meal": "lunch",
        "portion": pumpkin.portions.first().pk,
        "quantity": "1",
        "once": "token-1",
    }
    response = alice_client.post(reverse("tracker:entry_new", args=[pumpkin.pk]), data)
    assert response.status_code == 302
    assert IntakeEntry.objects.count() == 1
    assert logged(redis_down, "one-time token")


def test_login_lockout_does_not_depend_on_the_cache(redis_down, user):
    """django-axes keeps its counts in the database: five wrong passwords lock the account
    even while Redis is down (it fails closed)."""
    client = Client()
    for _ in range(5):
        client.post(reverse("login"), {"username": "alice", "password": "wrong-password-here"})
    response = client.post(reverse("login"), {"username": "alice", "password": "a-long-test-password"})
    assert response.status_code == 429
