"""The benchmark harness: its settings, floor route, data, load client and report maths.
The benchmark itself (make bench) is not run here."""

import asyncio
import json
import random
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.urls import Resolver404, resolve

from bench import load, report
from bench.operations import FLOOR, OPERATIONS, PASSWORD, Operation
from bench.probe import DatabaseTime
from tests.factories import make_food, make_portion
from tracker.models import IntakeEntry
from tracker.services import save_entry


def test_the_product_has_no_floor_route():
    with pytest.raises(Resolver404):
        resolve(FLOOR.path)


@pytest.fixture
def bench_urls(settings):
    settings.ROOT_URLCONF = "bench.urls"
    template_dirs = [*settings.TEMPLATES[0]["DIRS"], settings.BASE_DIR / "bench" / "templates"]
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": template_dirs}]


def test_the_floor_needs_a_login_and_renders_a_tiny_page(bench_urls, client, user):
    assert client.get(FLOOR.path).status_code == 302
    client.force_login(user)
    response = client.get(FLOOR.path)
    assert response.status_code == 200
    assert b"Hello, alice." in response.content
    assert len(response.content) < 200


def test_the_bench_settings_change_only_what_plain_http_needs():
    script = (
        "import json, config.settings_production as p, bench.settings_bench as b;"
        "print(json.dumps(sorted(n for n in dir(b) if n.isupper() and getattr(p, n, None) != getattr(b, n))))"
    )
    env = {"PATH": "", "DJANGO_SECRET_KEY": "k" * 40 + "-bench-test-key-7Qz9"}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=django_settings.BASE_DIR, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        "CSRF_COOKIE_NAME",
        "CSRF_COOKIE_SECURE",
        "ROOT_URLCONF",
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_NAME",
        "SESSION_COOKIE_SECURE",
        "STATIC_ROOT",
        "TEMPLATES",
    ]


@pytest.mark.django_db
def test_the_bench_urlconf_keeps_the_products_error_handlers(bench_urls, client):
    """Under /api/ an unknown address is a JSON 404, as with the product's URLconf."""
    response = client.get("/api/v1/no-such-thing/")
    assert (response.status_code, response["Content-Type"]) == (404, "application/json")


def test_generated_entries_carry_the_snapshot_the_app_would_save(user):
    from bench import data

    food = make_food(fiber_g=Decimal("6.5"))
    portion = make_portion(food, "1 cup", "129")
    catalogue_food = {
        "id": food.pk,
        "portions": [(portion.pk, portion.grams)],
        **{name: getattr(food, name) for name in data.NUTRIENT_FIELDS},
    }
    for seed in range(20):
        item = data.usual_item(random.Random(seed), catalogue_food)
        saved = save_entry(
            user=user,
            food=food,
            on=date(2026, 1, 1),
            meal="lunch",
            portion=portion if item["portion_id"] else None,
            quantity=item["quantity"],
            grams=None if item["portion_id"] else item["amount_g"],
        )
        assert item["amount_g"] == saved.amount_g
        for name in data.NUTRIENT_FIELDS:
            assert item[name] == getattr(saved, name), name


def test_operations_resolve_only_where_the_urlconf_has_them(bench_urls):
    from bench.probe import is_available

    values = {"day": "2026-01-01", "today": "2026-01-02", "food": 1, "portion": 1, "query": "almond"}
    assert is_available(FLOOR, values)
    assert is_available(next(op for op in OPERATIONS if op.name == "day page"), values)
    assert not is_available(Operation("missing", "/no-such-page/{day}/"), values)


@pytest.mark.django_db(transaction=True)
def test_the_load_client_logs_in_and_posts_the_entry_form(live_server, django_user_model):
    django_user_model.objects.create_user("bench001", password=PASSWORD)
    food = make_food()
    portion = make_portion(food)
    context = load.Context(
        days=["2026-01-01"],
        today="2026-01-02",
        foods=[(food.pk, portion.pk)],
        usernames=["bench001"],
        password=PASSWORD,
    )
    log_entry = next(op for op in OPERATIONS if op.name == "log an entry")

    async def log_in_and_log():
        client = load.Client(live_server.url, "bench001", context, random.Random(1))
        try:
            await client.log_in()
            return await client.send(log_entry)
        finally:
            await client.close()

    # In its own thread: the browser tests leave Playwright's event loop running in this one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        status, seconds = pool.submit(asyncio.run, log_in_and_log()).result()
    assert status == log_entry.expected_status == 302
    assert seconds > 0
    entry = IntakeEntry.objects.get()
    assert (entry.user.username, entry.date, entry.portion, entry.meal) == (
        "bench001",
        date(2026, 1, 2),
        portion,
        "snack",
    )


def test_a_result_has_percentiles_and_throughput():
    result = load.Result("day page", latencies=[n / 1000 for n in range(1, 101)], seconds=2.0)
    result.errors["HTTP 500"] += 2
    row = result.summary()
    assert row["samples"] == 100
    assert row["errors"] == {"HTTP 500": 2}
    assert row["throughput"] == 51
    assert row["p50"] == pytest.approx(50.5)
    assert row["p95"] == pytest.approx(95.05)
    assert row["p99"] == pytest.approx(99.01)


def measured(name, p50, errors=None):
    return {
        "name": name,
        "samples": 10,
        "errors": errors or {},
        "throughput": 1.0,
        "p50": p50,
        "p95": p50,
        "p99": p50,
    }


def test_budgets_are_ratios_to_the_mean_floor_and_missing_operations_are_not_available():
    rows = [
        measured("floor", 10.0),
        measured("day page", 44.0),  # 4.0 × the floor's 11 ms: held
        measured("food search", 33.1),  # just over 3×: missed
        measured("log an entry", 5.0, errors={"HTTP 403": 1}),
        measured("floor (again, last)", 12.0),
    ]
    table, verdicts = report.operation_rows({"rows": rows})
    assert verdicts == {
        "day page: p50 ≤ 4× floor": (True, "4.00×"),
        "log an entry: p50 ≤ 2× floor": (True, "0.45×"),
        "summary API: p50 ≤ 2× floor": (None, "not available"),
        "trends, 365 days: p50 ≤ 4× floor": (None, "not available"),
        "food search: p50 ≤ 3× floor": (False, "3.01×"),
        report.ERROR_BUDGET: (False, "1 error"),
    }
    by_name = {row[0]: row for row in table}
    assert by_name["day page"][7] == "4.00"
    assert by_name["trends, 30 days"][1] == "not available"


def test_import_budgets_compare_with_pandas_alone():
    result = {"import": {"seconds": 12.0, "peak_bytes": 300 * 1024**2, "exit": 0}}
    assert report.import_verdicts(result, pandas_seconds=3.0) == {
        "USDA import ≤ 30 s": (True, "12.0 s"),
        "USDA import peak memory ≤ 1 GB": (True, "300 MB"),
        "USDA import ≤ 3× pandas alone": (False, "4.0×"),
    }
    failed = {"import": {"seconds": 1.0, "peak_bytes": 1, "exit": 1}}
    assert report.import_verdicts(failed, pandas_seconds=3.0) == {"USDA import ≤ 30 s": (False, "exit 1")}


def test_where_the_time_goes_splits_database_and_python_and_says_why_a_budget_is_missed():
    rows = [
        measured("floor", 10.0),
        measured("day page", 40.0),  # 4×: held
        measured("food search", 50.0),  # 5×: missed
        measured("floor (again, last)", 10.0),
    ]
    costs = [
        {"operation": "floor", "ms": 2.0, "database_ms": 0.1, "queries": 2},
        {"operation": "day page", "ms": 9.0, "database_ms": 0.5, "queries": 8},
        {"operation": "food search", "ms": 12.0, "database_ms": 0.5, "queries": 7},
    ]
    lines = report.costs_section("sqlite", {"rows": rows, "probe": {"costs": costs}})
    text = "\n".join(lines)
    assert "| food search | 7 | 12.0 | 0.5 | 11.5 | 6.0 |" in text
    assert "| day page | 8 | 9.0 | 0.5 | 8.5 | 4.5 |" in text
    why = [line for line in lines if line.startswith("- **")]
    assert len(why) == 1 and why[0].startswith("- **food search** (5.00× under load, 6.0× in-process)")
    assert report.WHY_MISSED["food search"] in why[0]
    assert report.costs_section("sqlite", {"rows": rows, "probe": {}}) == []


@pytest.mark.django_db
def test_the_probe_times_the_database_driver_and_counts_its_statements(user):
    timer = DatabaseTime()
    with connection.execute_wrapper(timer):
        list(get_user_model().objects.all())
        get_user_model().objects.filter(pk=user.pk).update(first_name="A")
    assert timer.queries == 2 and timer.seconds > 0
