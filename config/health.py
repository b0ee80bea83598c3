"""/healthz and /readyz for a load balancer (DESIGN.md, RELIABILITY.md check 27).

/healthz: the process answers. /readyz: the database, the cache and the job broker answer;
503 naming each that does not. Neither says anything else (no versions, no counts, no error
text: the reason goes to the log).
"""

import logging

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse

from config.celery import app as celery_app

logger = logging.getLogger("magnesium.health")
PROBE_KEY = "readyz-probe"


def database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def shared_cache() -> None:
    cache.set(PROBE_KEY, 1, 10)
    if cache.get(PROBE_KEY) != 1:
        raise RuntimeError("the cache did not keep a value")


def broker() -> None:
    with celery_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)


def checks() -> dict:
    found = {"database": database, "cache": shared_cache}
    # Jobs that run in the request (no broker configured) need no broker.
    if not celery_app.conf.task_always_eager:
        found["broker"] = broker
    return found


def healthz(request):
    return JsonResponse({"status": "ok"})


def readyz(request):
    states = {}
    for name, check in checks().items():
        try:
            check()
            states[name] = "ok"
        except Exception as error:  # any failure means "not ready"; the reason is logged
            logger.error("readyz: %s is down: %s: %s", name, type(error).__name__, error)
            states[name] = "down"
    down = [name for name, state in states.items() if state == "down"]
    body = {"status": "unavailable" if down else "ok", "down": down, **states}
    return JsonResponse(body, status=503 if down else 200)
