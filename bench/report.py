"""bench/REPORT.md from the figures bench/run.py collected."""

from bench import load
from bench.operations import FLOOR, OPERATIONS

ERROR_BUDGET = f"0 errors at {load.CLIENTS} concurrent clients"
IMPORT_BUDGET = {"seconds": 30, "peak_bytes": 1024**3, "pandas_ratio": 3}
NAMES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}


def held(ok: bool) -> str:
    return "held" if ok else "**missed**"


def ms(value: float | None) -> str:
    return "–" if value is None else f"{value:,.1f}"


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]


def floor_p50(rows: list[dict]) -> float:
    """The floor's p50: the mean of its two measurements, first and last in the run."""
    floors = [row["p50"] for row in rows if row["name"].startswith(FLOOR.name) and "p50" in row]
    return sum(floors) / len(floors)


def operation_rows(result: dict) -> tuple[list[list[str]], list[tuple[str, bool]]]:
    """The results table of one database, and (budget, held) for each budget."""
    measured = {row["name"]: row for row in result["rows"]}
    floor = floor_p50(result["rows"])
    rows, verdicts = [], []
    names = [FLOOR.name, *(op.name for op in OPERATIONS), f"{FLOOR.name} (again, last)"]
    budgets = {op.name: op.budget for op in OPERATIONS}
    for name in names:
        row = measured.get(name)
        budget = budgets.get(name)
        limit = f"≤ {budget:g}×" if budget else ""
        if row is None:
            rows.append(
                [name, "not available", "", "", "", "", "", "", limit, "not available" if budget else ""]
            )
            if budget:
                verdicts.append((f"{name} p50 {limit} floor", None))
            continue
        ratio = row["p50"] / floor if "p50" in row else None
        verdict = ""
        if budget:
            verdict = held(ratio is not None and ratio <= budget)
            verdicts.append((f"{name} p50 {limit} floor", ratio is not None and ratio <= budget))
        errors = ", ".join(f"{count} × {kind}" for kind, count in row["errors"].items()) or "0"
        rows.append(
            [
                name,
                row["samples"],
                errors,
                ms(row.get("p50")),
                ms(row.get("p95")),
                ms(row.get("p99")),
                f"{row['throughput']:.1f}",
                "–" if ratio is None else f"{ratio:.2f}",
                limit,
                verdict,
            ]
        )
    errors = sum(sum(row["errors"].values()) for row in result["rows"])
    verdicts.append((ERROR_BUDGET, errors == 0))
    return rows, verdicts


def database_section(database: str, result: dict) -> list[str]:
    build, probe, sizes = result["build"], result["probe"], result["probe"]["sizes"]
    seconds = build["seconds"]
    supplements = (
        "no SupplementEntry model yet" if sizes["supplements"] is None else f"{sizes['supplements']:,}"
    )
    how = "reused from the cache" if build["cached"] else "built in this run"
    lines = [
        f"## {NAMES[database]} ({probe['server']})",
        "",
        f"Data ({how}; built on {build['built_on']} in {seconds['total']:.0f} s: "
        f"foods {seconds['foods']:.0f} s, users and entries {seconds['users_and_entries']:.0f} s): "
        f"{sizes['users']:,} users, "
        f"{sizes['entries']:,} intake entries over {build['days']} days ({probe['first_day']} to "
        f"{probe['last_day']}), supplement entries: {supplements}, {sizes['foods']:,} foods, "
        f"{sizes['portions']:,} portions; database {sizes['database_bytes'] / 1024**2:,.0f} MB.",
        "",
        f"Floor p50 (mean of its first and last measurement): {floor_p50(result['rows']):.1f} ms. "
        f"Driving all operations took {result['load_seconds']:.0f} s.",
        "",
    ]
    rows, verdicts = operation_rows(result)
    header = ["operation", "samples", "errors", "p50 ms", "p95 ms", "p99 ms", "req/s", "p50 ÷ floor"]
    lines += table([*header, "budget", ""], rows)
    lines += ["", "Budgets: " + "; ".join(f"{name}: {verdict_text(ok)}" for name, ok in verdicts) + ".", ""]
    return lines


def verdict_text(ok: bool | None) -> str:
    return "not available" if ok is None else held(ok)


def import_section(results: dict) -> list[str]:
    pandas = results["pandas_seconds"]
    if pandas is None:
        return ["## USDA SR28 import", "", "Not measured: the SR28 folder (USDA_SR28) was not found.", ""]
    rows = []
    for database, result in results["databases"].items():
        figures = result["import"]
        ratio = figures["seconds"] / pandas
        rows.append(
            [
                NAMES[database],
                "ok" if figures["exit"] == 0 else f"**exit {figures['exit']}**",
                f"{figures['seconds']:.1f} s ({held(figures['seconds'] <= IMPORT_BUDGET['seconds'])})",
                f"{figures['peak_bytes'] / 1024**2:,.0f} MB "
                f"({held(figures['peak_bytes'] <= IMPORT_BUDGET['peak_bytes'])})",
                f"{ratio:.1f}× ({held(ratio <= IMPORT_BUDGET['pandas_ratio'])})",
            ]
        )
    return [
        "## USDA SR28 import",
        "",
        "`manage.py import_usda` of the full SR28 release into an empty, migrated database, as a child "
        'process: wall time and its peak resident memory (ru_maxrss from wait4). "pandas alone" is the '
        "time spent inside `pandas.read_csv` when the import's own reader (`foods.usda.read_release`) "
        f"reads the same files with the same options: {pandas:.2f} s. "
        "Budgets: ≤ 30 s, ≤ 1 GB, ≤ 3× pandas alone.",
        "",
        *table(["database", "result", "wall time", "peak memory", "÷ pandas alone"], rows),
        "",
    ]


def plans_section(database: str, result: dict) -> list[str]:
    lines = [f"### {NAMES[database]}", ""]
    for page in result["probe"]["plans"]:
        lines += [
            f"**{page['operation']}** `GET {page['path']}`: HTTP {page['status']}, {page['queries']} queries "
            f"in all, {len(page['plans'])} on the log and the foods:",
            "",
        ]
        for query in page["plans"]:
            lines += ["```sql", query["sql"], "```", "```", query["plan"], "```", ""]
    return lines


def render(results: dict) -> str:
    machine = results["machine"]
    versions = ", ".join(f"{name} {number}" for name, number in machine["versions"].items())
    cold = results["cold_start"]
    load_before, load_after = format_load(machine["load_before"]), format_load(machine["load_after"])
    lines = [
        "# Benchmark report",
        "",
        f"Written by `make bench` (bench/run.py), started {results['started']}; the whole run took "
        f'{results["total_seconds"] / 60:.1f} minutes. Rerun it after changes; see README, "Benchmark".',
        "",
        "## Machine and settings",
        "",
        *table(
            ["", ""],
            [
                ["CPU", f"{machine['cpus']} × {machine['cpu_model']}"],
                ["memory", f"{machine['memory_gib']:.1f} GiB"],
                ["OS", machine["os"]],
                ["Python", machine["python"]],
                ["packages", versions],
                ["load average (1, 5, 15 min)", f"before {load_before}, after {load_after}"],
            ],
        ),
        "",
        "- Settings: `bench.settings_bench` = `tracker.settings_production` (DEBUG off, generated "
        "secret key, Argon2, django-axes on, CSP, WhiteNoise with the compressed manifest after "
        "`collectstatic` into a temporary STATIC_ROOT) with only what plain HTTP on 127.0.0.1 needs: "
        "no SSL redirect, session and CSRF cookies without `Secure` and without the `__Host-` prefix. "
        "Its URLconf `bench.urls` adds `/bench/floor/`, which the product does not have.",
        f"- Server: gunicorn, {machine['workers']} sync workers (2 × {machine['cpus']} cores), "
        "persistent database connections (CONN_MAX_AGE 60).",
        f"- Load: {load.CLIENTS} concurrent clients (asyncio, aiohttp), each logged in as its own user "
        "through the login form; operations one at a time, each client sending one request after "
        f"another, {load.REQUESTS_PER_CLIENT} per client or {load.SECONDS_PER_OPERATION} s, whichever "
        "ends first; one warm-up request per client and operation before measuring. The client runs "
        "on the same cores as the server. Latency is per request, body read; an error is any "
        "other status than 200 (GET) or 302 (POST), or a failed connection. The floor is a "
        "`login_required` view rendering a three-line template, measured first and last; ratios "
        "use the mean of the two p50s.",
        "- Requests: day page = a random day of the data year; log an entry = POST of the entry "
        "form (a food and portion people log often, today, CSRF token); summary API = "
        "`/api/v1/summary/?date=` a random day; food search = one of "
        "24 real queries over all foods; log in = POST of the login form (Argon2 check, new "
        "session). Paths are in `bench/operations.py`; an operation whose path does not resolve "
        'is "not available".',
        "",
    ]
    for database, result in results["databases"].items():
        lines += database_section(database, result)
    lines += import_section(results)
    lines += [
        "## Cold start",
        "",
        f"`git clone` of commit {cold['commit']} into an empty folder, then `make run` (creates the "
        "virtualenv, installs requirements-dev.txt, migrates, loads the USDA foods, starts the server) "
        f"until `/` answers 200: **{cold['seconds']:.0f} s**, with pip's cache warm (every pinned "
        "package was already downloaded on this machine; pip still asks the index).",
        "",
        "## Query plans of the hot queries",
        "",
        "Each page's queries on `tracker_*` and `foods_*` tables, captured while rendering it once for "
        'one user (a day in the middle of the year; the search "almond"), with EXPLAIN QUERY PLAN '
        "(SQLite) or EXPLAIN (ANALYZE, COSTS OFF) (PostgreSQL) on the same data.",
        "",
    ]
    for database, result in results["databases"].items():
        lines += plans_section(database, result)
    return "\n".join(lines).rstrip() + "\n"


def format_load(values: list[float]) -> str:
    return " / ".join(f"{value:.1f}" for value in values)
