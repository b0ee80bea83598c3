"""The account jobs of issue 16, item 3: the password-reset e-mail is handed to a worker (and
sent in the request when the queue is down, tried again when the mail server fails), and the
periodic clean-up removes expired sessions and one-time form tokens, keeping live ones."""

import logging
from datetime import timedelta
from smtplib import SMTPException
from unittest import mock

import pytest
import time_machine
from django.conf import settings as django_settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from kombu.exceptions import OperationalError as BrokerDown

from accounts.tasks import remove_expired, send_email
from config.celery import app as celery_app

pytestmark = pytest.mark.django_db


def test_the_reset_email_is_handed_to_a_worker_not_sent_in_the_request(client, user):
    with mock.patch.object(send_email, "delay") as queued:
        response = client.post(reverse("password_reset"), {"email": "alice@example.com"})
    assert response.url == reverse("password_reset_done")
    assert mail.outbox == []
    queued.assert_called_once()
    subject, body, _, to, _ = queued.call_args.args
    assert to == ["alice@example.com"] and "/reset/" in body and subject


def test_the_reset_email_is_sent_in_the_request_when_the_queue_is_down(client, user, caplog):
    caplog.set_level(logging.ERROR, logger="magnesium.jobs")
    with mock.patch.object(send_email, "delay", side_effect=BrokerDown("connection refused")):
        client.post(reverse("password_reset"), {"email": "alice@example.com"})
    assert [message.to for message in mail.outbox] == [["alice@example.com"]]
    assert any("e-mail not queued" in record.getMessage() for record in caplog.records)


def test_a_mail_server_error_is_tried_again():
    with mock.patch(
        "django.core.mail.EmailMultiAlternatives.send", autospec=True, side_effect=[SMTPException("busy"), 1]
    ) as sending:
        result = send_email.apply(args=("Subject", "Body", None, ["alice@example.com"]))
    assert sending.call_count == 2
    assert result.state == "SUCCESS", result.state


def test_the_clean_up_removes_expired_sessions_and_one_time_tokens_only(settings, user):
    settings.CACHES = {"default": django_settings.SHARED_CACHE}  # production without Redis
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    call_command("createcachetable", verbosity=0)
    cache.add("once:1:short", True, 60)
    cache.add("once:1:long", True, 24 * 3600)
    for seconds in (60, 24 * 3600):
        session = SessionStore()
        session["n"] = seconds
        session.set_expiry(seconds)
        session.save()

    with time_machine.travel(timedelta(minutes=5)):
        removed = remove_expired.delay().get()

    assert removed == 1  # the expired token's cache row
    assert [s.get_decoded()["n"] for s in Session.objects.all()] == [24 * 3600]
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM django_cache")
        assert cursor.fetchone() == (1,)
    assert cache.get("once:1:long") is True


def test_every_periodic_job_names_a_task_the_worker_knows():
    celery_app.loader.import_default_modules()
    schedule = django_settings.CELERY_BEAT_SCHEDULE
    assert schedule["remove-expired-sessions-and-tokens"]["task"] == "accounts.tasks.remove_expired"
    assert {entry["task"] for entry in schedule.values()} <= set(celery_app.tasks)
