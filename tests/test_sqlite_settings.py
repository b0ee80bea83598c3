"""SQLite as the app configures it: write-ahead log, commits without an fsync each."""

import pytest
from django.conf import settings
from django.db.backends.sqlite3.base import DatabaseWrapper


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3", reason="SQLite only"
)
def test_a_sqlite_database_file_runs_in_wal_mode_with_normal_sync(tmp_path, django_db_blocker):
    """And its transactions begin IMMEDIATE (they wait for another process's write)."""
    wrapper = DatabaseWrapper({**settings.DATABASES["default"], "NAME": str(tmp_path / "app.sqlite3")}, "wal")
    try:
        with django_db_blocker.unblock(), wrapper.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            journal = cursor.fetchone()[0]
            cursor.execute("PRAGMA synchronous")
            synchronous = cursor.fetchone()[0]
    finally:
        wrapper.close()
    assert (journal, synchronous) == ("wal", 1)  # 1 is NORMAL
    assert wrapper.transaction_mode == "IMMEDIATE"
