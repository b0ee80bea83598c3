"""PostgreSQL as the app configures it: no JIT compilation of queries."""

import pytest
from django.db import connection


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
@pytest.mark.django_db
def test_postgresql_connections_run_without_jit():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
@pytest.mark.django_db
def test_db_pool_size_gives_each_process_a_psycopg_pool_of_that_size():
    """Issue 16, item 2: DJANGO_DB_POOL_SIZE turns on Django 5.2's psycopg pool (and persistent
    connections off); without it, connections are kept per thread (CONN_MAX_AGE)."""
    import os
    import subprocess
    import sys

    from django.conf import settings

    db = connection.settings_dict
    where = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    url = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{where}"
    code = (
        "from django.db import connection as c; "
        "c.cursor().execute('SELECT 1'); "
        "print(type(c.pool).__name__ if c.pool else None, c.pool and c.pool.max_size, "
        "c.settings_dict['CONN_MAX_AGE'])"
    )

    def run(pool_size: str) -> str:
        env = {**os.environ, "DATABASE_URL": url, "DJANGO_DB_POOL_SIZE": pool_size}
        env.pop("DJANGO_CONN_MAX_AGE", None)
        result = subprocess.run(
            [sys.executable, "manage.py", "shell", "-v", "0", "-c", code],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
        )
        return result.stdout.strip() or result.stderr

    assert run("3") == "ConnectionPool 3 0"
    assert run("0") == "None None 60"
