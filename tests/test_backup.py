"""Backup and restore: dumpdata/loaddata reproduces every user's data exactly (README, Backups)."""

import io
import json
import os
import re
import subprocess
import sys
import uuid
from datetime import date

import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command

from accounts.models import Profile
from tests.factories import make_entry, make_food, make_portion, make_profile
from tracker.models import IntakeEntry

# The models a backup holds, with natural keys so ids of users and content types do not matter.
BACKUP_ARGS = [
    "--natural-foreign",
    "--natural-primary",
    "-e",
    "contenttypes",
    "-e",
    "auth.Permission",
    "-e",
    "sessions",
    "-e",
    "admin.logentry",
    "-e",
    "axes",
]
POSTGRES = "postgres://postgres@127.0.0.1:5432/"


def dump() -> list[dict]:
    out = io.StringIO()
    call_command("dumpdata", *BACKUP_ARGS, stdout=out)
    # Django's serializer keeps timestamps to the millisecond: a time with under 1 ms of
    # microseconds is written "…:24.000Z" and, once loaded, "…:24Z": the same instant.
    text = re.sub(r'\.000Z"', 'Z"', out.getvalue())
    return sorted(json.loads(text), key=lambda row: (row["model"], str(row.get("pk")), str(row["fields"])))


def some_users_data(django_user_model):
    food = make_food()
    portion = make_portion(food, "1 oz", "28.35")
    for name in ("alice", "bob"):
        user = django_user_model.objects.create_user(name, f"{name}@example.com", "a-long-test-password")
        make_profile(user, birth_date=date(1980, 2, 29), has_ckd=name == "bob")
        make_entry(user, food, amount_g="12.345", on=date(2026, 1, 1))
        make_entry(user, food, on=date(2026, 1, 2), portion=portion, quantity="1.5")


@pytest.mark.django_db(transaction=True)
def test_dump_and_load_round_trip_reproduces_every_row(django_user_model, tmp_path):
    some_users_data(django_user_model)
    before = dump()
    backup = tmp_path / "backup.json"
    call_command("dumpdata", *BACKUP_ARGS, "-o", str(backup))
    call_command("flush", "--no-input")
    assert IntakeEntry.objects.count() == Profile.objects.count() == 0
    call_command("loaddata", str(backup))
    assert dump() == before
    assert IntakeEntry.objects.count() == 4


def same_instants(dump_text: str) -> list[dict]:
    """A dump with "…:38.000Z" written as "…:38Z": the same instant (see dump())."""
    return json.loads(re.sub(r'\.000Z"', 'Z"', dump_text))


def manage(database_url: str, *args: str) -> str:
    env = {**os.environ, "DATABASE_URL": database_url}
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def postgres_available() -> bool:
    try:
        psycopg.connect(POSTGRES + "postgres", connect_timeout=3).close()
    except psycopg.OperationalError:
        return False
    return True


@pytest.mark.slow
@pytest.mark.skipif(not postgres_available(), reason="needs PostgreSQL at 127.0.0.1:5432")
def test_a_sqlite_backup_restores_into_postgresql(tmp_path):
    sqlite = f"sqlite:///{tmp_path / 'source.sqlite3'}"
    name = f"restore_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(POSTGRES + "postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        manage(sqlite, "migrate", "-v0")
        manage(sqlite, "shell", "-c", SEED)
        backup = tmp_path / "backup.json"
        manage(sqlite, "dumpdata", *BACKUP_ARGS, "--indent", "1", "-o", str(backup))
        manage(POSTGRES + name, "migrate", "-v0")
        manage(POSTGRES + name, "loaddata", str(backup))
        again = tmp_path / "again.json"
        manage(POSTGRES + name, "dumpdata", *BACKUP_ARGS, "--indent", "1", "-o", str(again))
        assert same_instants(again.read_text()) == same_instants(backup.read_text())
        assert '"tracker.intakeentry"' in backup.read_text()
    finally:
        with psycopg.connect(POSTGRES + "postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


SEED = """
from datetime import date
from decimal import Decimal
from django.contrib.auth.models import User
from foods.models import Food, Portion
from accounts.models import Profile
from tracker.services import save_entry
food = Food.objects.create(name="Almonds", source="usda-sr28", source_id="12061", fdc_id=170567,
                           magnesium_mg=Decimal("270"), potassium_mg=Decimal("733"))
portion = Portion.objects.create(food=food, seq=1, description="1 oz", grams=Decimal("28.35"))
for name in ("alice", "bob"):
    user = User.objects.create_user(name, name + "@example.com", "a-long-test-password")
    Profile.objects.create(user=user, birth_date=date(1975, 12, 31), sex="male", has_ckd=name == "bob")
    save_entry(user=user, food=food, on=date(2026, 3, 1), meal="snack", portion=portion,
               quantity=Decimal("2"), grams=None)
"""
