"""Facts about a benchmark database for bench/run.py, printed as one JSON object: which
operations exist (their path resolves in the URLconf), data sizes, foods people log, and
the query plans of the queries each page runs on the intake log and the food list."""

import json
import os
import sys
import time
from urllib.parse import quote_plus

import django

django.setup()

from django.apps import apps  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count, Max, Min  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import Resolver404, resolve  # noqa: E402

from bench.operations import FLOOR, OPERATIONS, PASSWORD, SEARCHES, USERNAME, USERS, Operation  # noqa: E402
from foods.models import Food, Portion  # noqa: E402
from tracker.models import IntakeEntry  # noqa: E402

SAMPLES = 5  # days (spread over the year) and searches each page is rendered for
LOGGED_FOODS = 100
COST_REPEATS = 60  # requests per operation when timing where its time goes


def is_available(operation: Operation, values: dict) -> bool:
    try:
        resolve(operation.path.format(**values).split("?")[0])
    except Resolver404:
        return False
    return True


def database_bytes() -> int:
    if connection.vendor == "sqlite":
        return os.path.getsize(settings.DATABASES["default"]["NAME"])
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        return cursor.fetchone()[0]


def server() -> str:
    if connection.vendor == "sqlite":
        return f"SQLite {connection.Database.sqlite_version}"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0]}"


def sizes() -> dict:
    counts = {
        "foods": Food.objects.count(),
        "portions": Portion.objects.count(),
        "users": get_user_model().objects.count(),
        "entries": IntakeEntry.objects.count(),
    }
    try:
        counts["supplements"] = apps.get_model("tracker", "SupplementEntry").objects.count()
    except LookupError:
        counts["supplements"] = None
    return {**counts, "database_bytes": database_bytes()}


def logged_foods() -> list[tuple[int, int]]:
    """The (food, portion) pairs logged most often: what people log again."""
    pairs = (
        IntakeEntry.objects.filter(portion__isnull=False, food__is_active=True, food__created_by=None)
        .values_list("food", "portion")
        .annotate(times=Count("pk"))
        .order_by("-times", "food", "portion")
    )
    return [(food, portion) for food, portion, _ in pairs[:LOGGED_FOODS]]


def explain(sql: str) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF) {sql}")
            return "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        depth, lines = {0: -1}, []
        for node, parent, _, detail in cursor.fetchall():
            depth[node] = depth.get(parent, -1) + 1
            lines.append("  " * depth[node] + detail)
        return "\n".join(lines)


def page_queries(client: Client, path: str) -> dict:
    """One rendering of a page: its status, time, number of queries, and those on the log and
    the foods with their plans."""
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as captured:
        status = client.get(path).status_code
    milliseconds = (time.perf_counter() - started) * 1000
    queries = [query["sql"] for query in captured if '"tracker_' in query["sql"] or '"foods_' in query["sql"]]
    return {"path": path, "status": status, "ms": milliseconds, "queries": len(captured), "plans": queries}


def plans(operations: list[Operation], samples: list[dict], user) -> list[dict]:
    """Each GET page's queries on the intake log and the foods, with their plans. A page is
    rendered for every sample (days and searches) and the rendering with the most queries is
    kept: the one that takes the most branches (a day below target also looks up suggestions)."""
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    found = []
    for operation in operations:
        if operation.method != "GET":
            continue
        client.get(operation.path.format(**samples[0]))  # warm-up: first-request costs
        pages = [page_queries(client, operation.path.format(**values)) for values in samples]
        page = max(pages, key=lambda page: page["queries"])
        page["plans"] = [{"sql": sql, "plan": explain(sql)} for sql in page["plans"]]
        found.append({"operation": operation.name, **page})
    return found


class DatabaseTime:
    """An execute wrapper (connection.execute_wrapper) adding up the time spent in the database
    driver: SQL sent, run and its rows fetched (SQLite runs in this process, PostgreSQL beside it)."""

    def __init__(self):
        self.seconds, self.queries = 0.0, 0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.queries += 1


def median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def cost(client: Client, operation: Operation, samples: list[dict]) -> dict:
    """Where one operation's time goes, one request at a time in this process (no HTTP, no load):
    the medians of its whole time and of the time in the database driver, and its queries."""
    requests = [operation.path.format(**values) for values in samples]
    forms = [{key: value.format(**values) for key, value in operation.form.items()} for values in samples]
    send = client.post if operation.method == "POST" else client.get
    for path, form in zip(requests, forms, strict=True):  # warm-up: first-request costs
        send(path, form) if operation.method == "POST" else send(path)
    whole, database, queries = [], [], []
    for n in range(COST_REPEATS):
        path, form = requests[n % len(requests)], forms[n % len(forms)]
        timer = DatabaseTime()
        started = time.perf_counter()
        with connection.execute_wrapper(timer):
            status = (send(path, form) if operation.method == "POST" else send(path)).status_code
        whole.append((time.perf_counter() - started) * 1000)
        if status != operation.expected_status:
            raise RuntimeError(f"{operation.name}: {path} answered {status} in the probe")
        database.append(timer.seconds * 1000)
        queries.append(timer.queries)
    return {
        "operation": operation.name,
        "ms": median(whole),
        "database_ms": median(database),
        "queries": median(queries),
    }


def costs(operations: list[Operation], samples: list[dict]) -> list[dict]:
    """The floor's and each budgeted operation's cost in this process, for a user the load client
    does not log in as (so that its entries and request limits are its own)."""
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(username=USERNAME.format(USERS)))
    budgeted = [operation for operation in operations if operation.budget or operation is FLOOR]
    return [cost(client, operation, samples) for operation in budgeted]


def probe() -> dict:
    span = IntakeEntry.objects.aggregate(first=Min("date"), last=Max("date"))
    first, last = span["first"], span["last"]
    user = get_user_model().objects.get(username=USERNAME.format(1))
    foods = logged_foods()
    step = (last - first) // SAMPLES
    samples = [
        {
            "day": (first + step * (n + 1)).isoformat(),
            "today": last.isoformat(),
            "food": foods[0][0],
            "portion": foods[0][1],
            "query": quote_plus(SEARCHES[n]),
            "username": user.username,
            "password": PASSWORD,
        }
        for n in range(SAMPLES)
    ]
    available = [op for op in [FLOOR, *OPERATIONS] if is_available(op, samples[0])]
    return {
        "vendor": connection.vendor,
        "server": server(),
        "first_day": first.isoformat(),
        "last_day": last.isoformat(),
        "available": [op.name for op in available],
        "sizes": sizes(),
        "foods": foods,
        "plans": plans([op for op in available if op is not FLOOR], samples, user),
        "costs": costs(available, samples),
    }


if __name__ == "__main__":
    json.dump(probe(), sys.stdout)
