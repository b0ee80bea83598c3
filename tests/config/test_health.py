"""/healthz and /readyz (config/health.py): for a load balancer, by address, over plain HTTP;
/readyz names the dependency that is down, and says nothing else."""

import json
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client

from config import health
from config.settings import REDIS_CACHES

pytestmark = pytest.mark.django_db


def probe(path):
    # A load balancer asks by address: no allowed host name, no HTTPS.
    response = Client(HTTP_HOST="10.1.2.3").get(path)
    return response.status_code, json.loads(response.content)


def test_healthz_answers_when_the_process_runs():
    assert probe("/healthz") == (200, {"status": "ok"})


def test_readyz_answers_ok_when_database_and_cache_answer():
    assert probe("/readyz") == (200, {"status": "ok", "down": [], "database": "ok", "cache": "ok"})


def test_readyz_names_the_database_when_it_is_down(caplog):
    with mock.patch.object(
        health.connection, "cursor", side_effect=OperationalError("no route to db.internal")
    ):
        status, body = probe("/readyz")
    assert (status, body) == (
        503,
        {"status": "unavailable", "down": ["database"], "database": "down", "cache": "ok"},
    )
    assert "db.internal" not in json.dumps(body)
    assert "readyz: database is down" in caplog.text


def test_readyz_names_the_cache_when_redis_is_down(settings):
    settings.CACHES = {
        alias: {**cache, "LOCATION": "redis://127.0.0.1:9/0"} for alias, cache in REDIS_CACHES.items()
    }
    assert probe("/readyz") == (
        503,
        {"status": "unavailable", "down": ["cache"], "database": "ok", "cache": "down"},
    )


def test_readyz_names_the_broker_when_jobs_are_queued_and_it_is_down():
    saved = health.celery_app.conf.broker_url
    health.celery_app.conf.task_always_eager = False
    health.celery_app.conf.broker_url = "redis://127.0.0.1:9/0"
    try:
        status, body = probe("/readyz")
    finally:
        health.celery_app.conf.task_always_eager = True
        health.celery_app.conf.broker_url = saved
    assert (status, body["down"], body["broker"]) == (503, ["broker"], "down")


def test_probes_set_no_cookie_and_are_not_cached():
    response = Client(HTTP_HOST="10.1.2.3").get("/readyz")
    assert response.cookies == {}
    assert "no-store" in response["Cache-Control"]
