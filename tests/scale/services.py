"""Start real app nodes (gunicorn) and a Celery worker on the test database and REDIS_URL, for
the tests marked `services`; they skip, saying why, where PostgreSQL or Redis is not set up."""

import os
import secrets
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
NODE_PORTS = [int(p) for p in os.environ.get("NODE_PORTS", "8261,8262").split(",")]


def skip_unless_services():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...): SQLite's test database is in memory")
    if not os.environ.get("REDIS_URL"):
        pytest.skip("needs Redis (REDIS_URL=redis://127.0.0.1:6379/5)")


def node_env(**extra) -> dict:
    """The environment of a node or worker: this test run's database, Redis, a fresh key."""
    db = connection.settings_dict
    where = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    url = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{where}"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.scale.settings_node",
        "DATABASE_URL": url,
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(48),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        **extra,
    }


def flush_redis() -> None:
    """Empty this run's Redis database (its own number: REDIS_URL) of old counts and tokens."""
    import redis

    redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()


def wait_for(url: str, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args} ended with {process.returncode}")
        try:
            if requests.get(url, timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise TimeoutError(url)


def stop(processes) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@contextmanager
def app_nodes(ports=NODE_PORTS, workers=2, **env):
    """gunicorn nodes on `ports`; yields their base URLs once each answers /readyz."""
    environment = node_env(**env)
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
            ],
            cwd=ROOT,
            env=environment,
        )
        for port in ports
    ]
    try:
        urls = [f"http://127.0.0.1:{port}" for port in ports]
        for url, process in zip(urls, processes, strict=True):
            wait_for(f"{url}/readyz", process)
        yield urls
    finally:
        stop(processes)


@contextmanager
def celery_worker(**env):
    """A real Celery worker (one process) on REDIS_URL and the test database."""
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "--loglevel=WARNING"],
        cwd=ROOT,
        env=node_env(**env),
    )
    try:
        yield process
    finally:
        stop([process])
