"""Account jobs: e-mails sent by a worker, and the hourly removal of expired sessions and
one-time form tokens (celery beat, settings.CELERY_BEAT_SCHEDULE)."""

import logging
from importlib import import_module
from smtplib import SMTPException

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from core.cache import remove_expired_entries

logger = logging.getLogger("magnesium.jobs")


@shared_task(autoretry_for=(SMTPException, OSError), retry_backoff=5, max_retries=5)
def send_email(subject: str, body: str, from_email: str | None, to: list[str], html: str | None = None):
    message = EmailMultiAlternatives(subject, body, from_email, to)
    if html:
        message.attach_alternative(html, "text/html")
    message.send()


def queue_email(subject, body, from_email, to, html=None) -> None:
    """Send by a worker; when the queue cannot be reached, send now rather than not at all."""
    try:
        send_email.delay(subject, body, from_email, to, html)
    except Exception as error:  # kombu raises several kinds; any means "not queued"
        logger.error("e-mail not queued, sent in the request: %s: %s", type(error).__name__, error)
        send_email.apply(args=(subject, body, from_email, to, html), throw=True)


@shared_task
def remove_expired() -> int:
    """Expired sessions (from the database; Redis drops its copies itself) and expired cache
    rows, which hold the one-time tokens when the cache is the database table."""
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
    return remove_expired_entries()
