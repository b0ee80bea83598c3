import importlib
from decimal import Decimal

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.core.cache import cache
from hypothesis import settings as hypothesis_settings

from config.celery import app as celery_app
from tests.factories import make_food, make_portion

create_group = importlib.import_module("foods.migrations.0003_food_curators_group").create_group
grant_synonyms = importlib.import_module("foods.migrations.0011_curators_edit_synonyms").grant_synonyms

# 1,000 examples a property, the same ones every run (RELIABILITY.md check 13).
hypothesis_settings.register_profile("ci", max_examples=1000, deadline=None, derandomize=True)
hypothesis_settings.load_profile("ci")


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def jobs_run_in_the_request(request):
    """Background jobs run eagerly in tests, even where a broker is configured (REDIS_URL in
    CI's PostgreSQL pass); tests marked `services` send them to a real worker."""
    if request.node.get_closest_marker("services"):
        yield
        return
    saved = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = saved


@pytest.fixture(autouse=True)
def empty_cache():
    """Throttle counters live in the cache: every test starts with none."""
    cache.clear()


@pytest.fixture
def user(django_user_model):
    return django_user_model.objects.create_user("alice", "alice@example.com", "a-long-test-password")


@pytest.fixture
def other_user(django_user_model):
    return django_user_model.objects.create_user("bob", "bob@example.com", "a-long-test-password")


@pytest.fixture
def alice_client(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def curators_group(db) -> Group:
    """The "Food curators" group the foods migrations make. A transactional test flushes the
    database, migration data included, so it is made again here by the same functions."""
    create_group(django_apps, None)
    grant_synonyms(django_apps, None)
    return Group.objects.get(name="Food curators")


@pytest.fixture
def curator(django_user_model, curators_group):
    """A staff member in the "Food curators" group."""
    member = django_user_model.objects.create_user("curator", "curator@example.com", "a-long-test-password")
    member.is_staff = True
    member.save()
    member.groups.add(curators_group)
    return member


@pytest.fixture
def curator_client(client, curator):
    client.force_login(curator)
    return client


@pytest.fixture
def pumpkin(db):
    food = make_food(fdc_id=170188)
    make_portion(food, "1 oz", "28.35")
    make_portion(food, "1 cup", "138")
    return food


@pytest.fixture
def spinach(db):
    food = make_food(
        "Spinach, cooked, boiled, drained, without salt",
        category="Vegetables and Vegetable Products",
        magnesium_mg=Decimal("87"),
        calcium_mg=Decimal("136"),
        phosphorus_mg=Decimal("56"),
        potassium_mg=Decimal("466"),
    )
    make_portion(food, "1 cup", "180")
    return food


def pytest_terminal_summary(terminalreporter):
    """The bad-input corpus figures (tests/test_bad_input.py), when it ran."""
    from tests.bad_input import TALLY

    if TALLY["inputs"]:
        terminalreporter.write_line(
            f"bad-input corpus: {TALLY['inputs']} inputs, {TALLY['server_errors']} responses >= 500, "
            f"{TALLY['writes']} with rows written"
        )
