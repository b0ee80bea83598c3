"""Connection pooling on PostgreSQL, measured (docs/SCALING.md): one gunicorn node (2 workers
x 8 threads) serving /readyz (one SELECT and one cache round trip) to 32 concurrent clients for
10 s, with a new connection per request, a connection kept per thread (CONN_MAX_AGE) and a
pool of 4 per process (DJANGO_DB_POOL_SIZE). Prints requests a second, p50/p95 latency and the
most server connections seen. Usage: DATABASE_URL=postgres://... python -m bench.pool"""

import os
import secrets
import statistics
import subprocess
import sys
import threading
import time

import psycopg
import requests

PORT = int(os.environ.get("POOL_PORT", "8263"))
URL = f"http://127.0.0.1:{PORT}/readyz"
VARIANTS = {
    "new connection per request": {"DJANGO_CONN_MAX_AGE": "0"},
    "kept per thread (CONN_MAX_AGE=60)": {},
    "pool of 4 per process": {"DJANGO_DB_POOL_SIZE": "4"},
}


def run(extra: dict) -> tuple[float, float, float, int]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.scale.settings_node",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    }
    env.update(DJANGO_SECRET_KEY=secrets.token_urlsafe(48), **extra)
    node = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "-b",
            f"127.0.0.1:{PORT}",
            "-w",
            "2",
            "--threads",
            "8",
        ],
        env=env,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                requests.get(URL, timeout=2)
                break
            except requests.RequestException:
                time.sleep(0.2)
        latencies: list[float] = []
        stop = time.monotonic() + 10
        peak = [0]

        def client():
            with requests.Session() as session:
                while time.monotonic() < stop:
                    start = time.monotonic()
                    session.get(URL, timeout=10)
                    latencies.append(time.monotonic() - start)

        def watch():
            dbname = os.environ["DATABASE_URL"].rsplit("/", 1)[1]
            with psycopg.connect(os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres") as conn:
                while time.monotonic() < stop:
                    sql = "SELECT count(*) FROM pg_stat_activity WHERE datname = %s"
                    peak[0] = max(peak[0], conn.execute(sql, [dbname]).fetchone()[0])
                    time.sleep(0.1)

        threads = [threading.Thread(target=client) for _ in range(32)] + [threading.Thread(target=watch)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        cuts = statistics.quantiles(latencies, n=20)
        return len(latencies) / 10, cuts[9] * 1000, cuts[18] * 1000, peak[0]
    finally:
        node.terminate()
        node.wait()


if __name__ == "__main__":
    for name, extra in VARIANTS.items():
        rps, p50, p95, peak = run(extra)
        print(
            f"{name}: {rps:.0f} req/s, p50 {p50:.1f} ms, p95 {p95:.1f} ms, {peak} server connections at most"
        )
