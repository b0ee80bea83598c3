"""`make bench`: on each database, build (or reuse) the benchmark data, serve it under gunicorn
with production settings, drive it with bench/load.py; then time the USDA import and a cold
`make run`, and write bench/REPORT.md.

Environment: BENCH_DB=sqlite|postgres (both by default), BENCH_REBUILD=1 to rebuild the
cached data, USDA_SR28 (the SR28 release folder for the import measurement), BENCH_PORT (the
first of the three ports it serves on, 8181 by default) and BENCH_PG_PREFIX (the prefix of the
PostgreSQL databases it creates and drops, "bench" by default), so that two people on one
machine do not use each other's ports or databases.
"""

import asyncio
import hashlib
import json
import os
import platform
import secrets
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import closing, contextmanager
from datetime import date, datetime, timedelta
from importlib.metadata import version
from pathlib import Path
from unittest import mock
from zoneinfo import ZoneInfo

import psycopg

from bench import load, report
from bench.operations import OPERATIONS, PASSWORD, USERNAME
from foods.importing import sr28, tables

BASE_DIR = Path(__file__).resolve().parent.parent
CACHE = BASE_DIR / "bench" / ".cache"
REPORT = BASE_DIR / "bench" / "REPORT.md"
POSTGRES = "postgres://postgres@127.0.0.1:5432/"
FIRST_PORT = int(os.environ.get("BENCH_PORT", "8181"))
PORTS = {"sqlite": FIRST_PORT, "postgres": FIRST_PORT + 1}
COLD_START_PORT = FIRST_PORT + 2
# Every PostgreSQL database the benchmark creates (and drops) starts with this.
PG_PREFIX = os.environ.get("BENCH_PG_PREFIX", "bench")
# Sync workers, 2 per core: the app waits on the database for part of each request, and
# the load client shares the same two cores.
WORKERS = 2 * os.cpu_count()
PYTHON = sys.executable


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def django_env(database_url: str, static_root: Path) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if not name.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings_bench",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        BENCH_STATIC_ROOT=str(static_root),
        DATABASE_URL=database_url,
    )
    return env


def manage(env: dict, *args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([PYTHON, "manage.py", *args], cwd=BASE_DIR, env=env, check=True, **kwargs)


def run_json(env: dict, module: str) -> dict:
    output = subprocess.run(
        [PYTHON, "-m", module], cwd=BASE_DIR, env=env, check=True, stdout=subprocess.PIPE, text=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


# --- PostgreSQL databases (all named PG_PREFIX_*) ---


def postgres(*statements: str) -> list[tuple]:
    with psycopg.connect(POSTGRES + "postgres", autocommit=True) as connection:
        rows = []
        for statement in statements:
            cursor = connection.execute(statement)
            rows = cursor.fetchall() if cursor.description else []
        return rows


def recreate_postgres(name: str, template: str | None = None) -> str:
    create = f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")
    postgres(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', create)
    return POSTGRES + name


# --- the data, cached by a hash of what it is made from ---


def today() -> date:
    return datetime.now(ZoneInfo(os.environ.get("DJANGO_TIME_ZONE", "UTC"))).date()


def data_version() -> str:
    """Changes with the data builder, the food fixture, any migration, and the day (the data
    year ends today)."""
    digest = hashlib.sha256(today().isoformat().encode())
    sources = [BASE_DIR / "bench" / "data.py", BASE_DIR / "fixtures" / "foods.json.xz"]
    sources += sorted(BASE_DIR.glob("*/migrations/*.py"))
    for path in sources:
        digest.update(path.relative_to(BASE_DIR).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()[:12]


def cached_data(databases: list[str], static_root: Path) -> dict[str, tuple[dict, str]]:
    """Per database, the build report and URL of its cached benchmark data. Missing data is
    built, the databases side by side (one process each: the build is CPU-bound)."""
    version = data_version()
    CACHE.mkdir(exist_ok=True)
    ready, building = {}, {}
    for database in databases:
        info_file = CACHE / f"{database}-{version}.json"
        if database == "sqlite":
            target = CACHE / f"{database}-{version}.sqlite3"
            label, url, exists = target.name, f"sqlite:///{target}", target.exists()
        else:
            target = label = f"{PG_PREFIX}_{version}"
            url = POSTGRES + target
            exists = bool(postgres(f"SELECT 1 FROM pg_database WHERE datname = '{target}'"))
        if exists and info_file.exists() and os.environ.get("BENCH_REBUILD") != "1":
            log(f"{database}: reusing the benchmark data {label}")
            ready[database] = ({**json.loads(info_file.read_text()), "cached": True}, url)
            continue
        log(f"{database}: building the benchmark data {label} (USDA foods, users, a year of entries)")
        for old in CACHE.glob(f"{database}-*"):
            old.unlink()
        if database == "postgres":
            pattern = f"^{PG_PREFIX}_[0-9a-f]{{12}}$"
            for (old,) in postgres(f"SELECT datname FROM pg_database WHERE datname ~ '{pattern}'"):
                postgres(f'DROP DATABASE "{old}" WITH (FORCE)')
            recreate_postgres(target)
        command = [PYTHON, "-m", "bench.data"]
        env = django_env(url, static_root)
        process = subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=subprocess.PIPE, text=True)
        building[database] = (process, url, info_file, time.perf_counter())
    for database, (process, url, info_file, started) in building.items():
        output, _ = process.communicate()
        if process.returncode:
            raise RuntimeError(f"building the {database} benchmark data failed (exit {process.returncode})")
        info = json.loads(output.strip().splitlines()[-1])
        info["seconds"]["total"] = round(time.perf_counter() - started, 1)
        info["built_on"] = today().isoformat()
        info["side_by_side"] = len(building) > 1
        info_file.write_text(json.dumps(info))
        ready[database] = ({**info, "cached": False}, url)
    return ready


@contextmanager
def working_copy(database: str, url: str, folder: Path):
    """A throwaway copy of the cached data, so that entries logged by the run do not pile up."""
    if database == "sqlite":
        copy = folder / "run.sqlite3"
        # SQLite's backup API, not a file copy: the app runs SQLite in WAL mode, where
        # committed pages may still sit in the -wal file beside the database.
        source, target = sqlite3.connect(url.removeprefix("sqlite:///")), sqlite3.connect(copy)
        with closing(source), closing(target):
            source.backup(target)
        yield f"sqlite:///{copy}"
        copy.unlink()
    else:
        copy = recreate_postgres(f"{PG_PREFIX}_run", template=url.rsplit("/", 1)[1])
        yield copy
        postgres(f'DROP DATABASE "{PG_PREFIX}_run" WITH (FORCE)')


# --- serving and driving ---


def wait_until_serving(url: str, process: subprocess.Popen, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped (exit {process.returncode}) before serving {url}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"nothing served {url} within {seconds:.0f} s")


@contextmanager
def gunicorn(env: dict, port: int, error_log: Path):
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
        raise RuntimeError(f"port {port} is already in use")
    except OSError:
        pass
    command = [PYTHON, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(WORKERS), "--error-logfile", str(error_log), "--no-control-socket"]
    server = subprocess.Popen(command, cwd=BASE_DIR, env=env)
    try:
        wait_until_serving(f"http://127.0.0.1:{port}/accounts/login/", server, 60)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(30)


def bench_database(database: str, build: dict, cached_url: str, folder: Path) -> dict:
    static_root = folder / "static"
    with working_copy(database, cached_url, folder) as url:
        env = django_env(url, static_root)
        manage(env, "createcachetable")
        log(f"{database}: sizes, routes and query plans")
        probe = run_json(env, "bench.probe")
        operations = [op for op in OPERATIONS if op.name in probe["available"]]
        first = date.fromisoformat(probe["first_day"])
        days = [(first + timedelta(days=n)).isoformat() for n in range(build["days"])]
        context = load.Context(
            days=days,
            today=probe["last_day"],
            foods=[tuple(pair) for pair in probe["foods"]],
            usernames=[USERNAME.format(n) for n in range(1, load.CLIENTS + 1)],
            password=PASSWORD,
        )
        log(f"{database}: {len(operations)} operations at {load.CLIENTS} clients")
        load_average = os.getloadavg()
        started = time.perf_counter()
        with gunicorn(env, PORTS[database], folder / f"gunicorn-{database}.log") as base_url:
            rows = asyncio.run(load.drive(base_url, operations, context))
        seconds = time.perf_counter() - started
    return {
        "build": build,
        "probe": probe,
        "rows": rows,
        "load_seconds": round(seconds, 1),
        "load_average": load_average,
        "import": measure_import(database, folder, static_root),
    }


# --- the USDA import, pandas alone, and a cold `make run` ---


def usda_folder() -> Path:
    return (BASE_DIR / os.environ.get("USDA_SR28", "../shared/data/usda-sr28")).resolve()


def measure_import(database: str, folder: Path, static_root: Path) -> dict | None:
    """Wall time and peak memory (max RSS) of import_usda into an empty, migrated database."""
    if not usda_folder().is_dir():
        return None
    log(f"{database}: timing import_usda on an empty database")
    if database == "sqlite":
        url = f"sqlite:///{folder / 'import.sqlite3'}"
    else:
        url = recreate_postgres(f"{PG_PREFIX}_import")
    env = django_env(url, static_root)
    manage(env, "migrate", "--noinput", "-v", "0")
    with open(folder / f"import-{database}.log", "w") as output:
        started = time.perf_counter()
        child = subprocess.Popen(
            [PYTHON, "manage.py", "import_usda", str(usda_folder())], cwd=BASE_DIR, env=env, stdout=output
        )
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if database == "postgres":
        postgres(f'DROP DATABASE "{PG_PREFIX}_import" WITH (FORCE)')
    return {"seconds": seconds, "peak_bytes": usage.ru_maxrss * 1024, "exit": child.returncode}


def pandas_read_seconds() -> float | None:
    """Time spent in pandas.read_csv when the import's own reader reads the release: the
    same files with the same options, without the import's checks and database writes."""
    if not usda_folder().is_dir():
        return None
    spent = 0.0
    read_csv = tables.pd.read_csv

    def timed_read_csv(*args, **kwargs):
        nonlocal spent
        started = time.perf_counter()
        try:
            return read_csv(*args, **kwargs)
        finally:
            spent += time.perf_counter() - started

    with mock.patch.object(tables.pd, "read_csv", timed_read_csv):
        sr28.read_release(usda_folder())
    return spent


def cold_start(folder: Path) -> dict:
    """Seconds from `git clone` of this commit to `make run` serving its first page."""
    log("timing a cold `make run` from a fresh clone")
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=BASE_DIR, check=True, capture_output=True, text=True
    ).stdout.strip()
    clone = folder / "clone"
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "DATABASE_", "BENCH_", "VIRTUAL_ENV", "MAKE"))
    }
    started = time.perf_counter()
    subprocess.run(["git", "clone", "--quiet", str(BASE_DIR), str(clone)], check=True)
    with open(folder / "cold-start.log", "w") as output:
        server = subprocess.Popen(
            ["make", "run", f"PORT={COLD_START_PORT}"],
            cwd=clone,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            wait_until_serving(f"http://127.0.0.1:{COLD_START_PORT}/", server, 600)
            seconds = time.perf_counter() - started
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(30)
    return {"seconds": seconds, "commit": commit}


def machine() -> dict:
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = next(
        (line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if "model name" in line), "?"
    )
    memory_kib = int(
        next(line for line in Path("/proc/meminfo").read_text().splitlines() if "MemTotal" in line).split()[1]
    )
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "memory_gib": memory_kib / 1024**2,
        "os": platform.platform(),
        "python": platform.python_version(),
        "versions": {name: version(name) for name in ["Django", "gunicorn", "psycopg", "aiohttp", "pandas"]},
        "workers": WORKERS,
        "load_before": os.getloadavg(),
    }


def main() -> None:
    started = time.perf_counter()
    choice = os.environ.get("BENCH_DB", "")
    if choice not in ("", "sqlite", "postgres"):
        sys.exit(f"BENCH_DB must be sqlite or postgres (or unset for both), not {choice!r}")
    databases = [choice] if choice else ["sqlite", "postgres"]
    results = {"machine": machine(), "started": datetime.now().isoformat(timespec="minutes"), "databases": {}}
    with tempfile.TemporaryDirectory(prefix="bench-") as name:
        folder = Path(name)
        log("collectstatic into a temporary STATIC_ROOT")
        manage(django_env("sqlite:///:memory:", folder / "static"), "collectstatic", "--noinput", "-v", "0")
        data = cached_data(databases, folder / "static")
        for database in databases:
            results["databases"][database] = bench_database(database, *data[database], folder)
        log("timing pandas alone on the USDA files")
        results["pandas_seconds"] = pandas_read_seconds()
        results["cold_start"] = cold_start(folder)
    results["machine"]["load_after"] = os.getloadavg()
    results["total_seconds"] = time.perf_counter() - started
    (CACHE / "results.json").write_text(json.dumps(results, indent=1))
    REPORT.write_text(report.render(results))
    log(f"wrote {REPORT.relative_to(BASE_DIR)} in {results['total_seconds'] / 60:.1f} min")


if __name__ == "__main__":
    main()
