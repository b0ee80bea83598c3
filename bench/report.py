"""bench/REPORT.md from the figures bench/run.py collected."""

from bench import load
from bench.operations import FLOOR, OPERATIONS

NAMES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
ERROR_BUDGET = f"0 errors at {load.CLIENTS} concurrent clients"
IMPORT_SECONDS, IMPORT_BYTES, IMPORT_PANDAS_RATIO = 30, 1024**3, 3

SETTINGS = """\
- Settings: `bench.settings_bench` = `config.settings_production` (DEBUG off, generated secret key,
  Argon2, django-axes on, CSP, Django's cache in a database table shared by the workers, WhiteNoise
  with the compressed manifest after `collectstatic` into a temporary STATIC_ROOT) with only what
  plain HTTP on 127.0.0.1 needs: no SSL redirect, session and CSRF cookies without `Secure` and
  without the `__Host-` prefix. Its URLconf `bench.urls` adds `/bench/floor/`, which the product
  does not have.
- Server: gunicorn, {workers} sync workers (2 × {cpus} cores: a request waits on the database for
  part of its time, and the load client shares the cores), persistent database connections.
- Load: {clients} concurrent clients (asyncio, aiohttp), each logged in as its own user through the
  login form (so django-axes stays on), on the same cores as the server. Operations run one at a
  time: each client sends one request after another for {seconds} s (those under way then finish),
  after one warm-up request per client and operation. Latency is per request, body read. An error
  is any status but 200 (GET) or 302 (POST), or a failed connection. The floor is a
  `login_required` view rendering a three-line template, measured first and last; ratios use the
  mean of the two p50s.
- Requests: day page = a random day of the data year; log an entry = POST of the entry form (a food
  and portion people log often, today, with the CSRF token); summary API = `/api/v1/summary/?date=`
  a random day; food search = one of 24 real queries over all foods; log in = POST of the login
  form (Argon2 check, new session). Paths are in `bench/operations.py`; an operation whose path does
  not resolve is "not available".
"""

# Why a budget is missed, where it is: what the operation has to do that the floor does not.
# Paired in the report with the figures of the run (the "Where the time goes" table).
WHY_MISSED = {
    "day page": (
        "The day page is the app's fullest page: each entry with a form that changes its amount in "
        "place, the summary against the target with its sources, the supplements and their limit, "
        "the cofactors, foods to log again, on a day below target the foods that would close the "
        "gap, the copy form and the menu. The database answers its queries in under a millisecond; "
        "the rest is Django building those queries and rendering the page. The entry rows are "
        "written in Python and the recent foods read as plain values; what remains is many small "
        "parts of a few tenths of a millisecond each. Caching the page is not allowed (its forms "
        "carry the CSRF token), so the rest would take another template engine (Jinja2) for the "
        "whole layout."
    ),
    "log an entry": (
        "A write does what the floor does not: it finds the food among those the user may log, "
        "reads its measures, counts the request against the per-user limit on page writes (a "
        "cache read and write: with the database cache table of this configuration five "
        "statements, with REDIS_URL two Redis round trips), then in one transaction locks the "
        "food's row and checks again that it may still be logged (a food deleted meanwhile is "
        "refused, not a 500), checks the day's cap of 500 entries and inserts the entry. Each is "
        "a check the hardening issues asked for; together they cost more than a second floor."
    ),
    "summary API": (
        "The summary reads the profile, the day's entries and supplements, works out the target, "
        "the supplement limit and the notices, and writes them as JSON through DRF: about twice "
        "the floor's work, so the ratio sits at its budget and has measured between 1.8× and "
        "2.2× across runs of the same code, as the machine's load varies."
    ),
    "food search": (
        "A search runs the full-text match with synonyms and typo correction and the ranking, then "
        "lists 25 foods, each with its minerals for the amount its Log button starts from (the "
        "user's last amount or the FDA reference amount) and a Log form with every measure of the "
        "food. The rows are written in Python; the rest is the ranking's queries and the page."
    ),
    "trends, 365 days": (
        "A year of trends is 365 days of sums grouped in the database, then each day's figures, "
        "the period averages, the chart and a table of 365 rows. The work grows with the days "
        "shown; a 30-day view is within 4× of the floor."
    ),
}
WHY_IMPORT_MISSED = (
    "pandas alone only parses the files. The import also checks every value against its column's "
    "limits, assigns each food its FDA reference amount by rule, works out the stored measures, "
    "and writes 8,789 foods and 15,438 portions with their search index in one transaction; the "
    "whole of it stays far inside its own budget of 30 s and 1 GB."
)

# A budget's outcome: (held? None when it could not be measured, the figure behind it).
Verdict = tuple[bool | None, str]


def verdict_text(verdict: Verdict) -> str:
    ok, figure = verdict
    if ok is None:
        return figure
    return f"held ({figure})" if ok else f"**missed** ({figure})"


def ms(value: float | None) -> str:
    return "–" if value is None else f"{value:,.1f}"


def table(header: list[str], rows: list[list]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]


def floor_p50(rows: list[dict]) -> float:
    """The floor's p50: the mean of its two measurements, first and last in the run."""
    floors = [row["p50"] for row in rows if row["name"].startswith(FLOOR.name) and "p50" in row]
    return sum(floors) / len(floors)


def budget_name(operation) -> str:
    return f"{operation.name}: p50 ≤ {operation.budget:g}× floor"


def operation_rows(result: dict) -> tuple[list[list], dict[str, Verdict]]:
    """The results table of one database, and the verdict on each of its budgets."""
    measured = {row["name"]: row for row in result["rows"]}
    floor = floor_p50(result["rows"])
    rows, verdicts = [], {}
    for operation in [FLOOR, *OPERATIONS, None]:
        name = operation.name if operation else f"{FLOOR.name} (again, last)"
        budget = f"≤ {operation.budget:g}×" if operation and operation.budget else ""
        row = measured.get(name)
        if row is None:
            rows.append([name, "not available", "", "", "", "", "", "", budget])
            if budget:
                verdicts[budget_name(operation)] = (None, "not available")
            continue
        ratio = row["p50"] / floor if "p50" in row else None
        if budget:
            ok = ratio is not None and ratio <= operation.budget
            verdicts[budget_name(operation)] = (ok, "no p50" if ratio is None else f"{ratio:.2f}×")
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
                budget,
            ]
        )
    errors = sum(sum(row["errors"].values()) for row in result["rows"])
    verdicts[ERROR_BUDGET] = (errors == 0, f"{errors} error" + ("" if errors == 1 else "s"))
    return rows, verdicts


def import_verdicts(result: dict, pandas_seconds: float | None) -> dict[str, Verdict]:
    figures = result["import"]
    if figures is None or pandas_seconds is None:
        return {}
    if figures["exit"] != 0:
        return {f"USDA import ≤ {IMPORT_SECONDS} s": (False, f"exit {figures['exit']}")}
    ratio = figures["seconds"] / pandas_seconds
    return {
        f"USDA import ≤ {IMPORT_SECONDS} s": (
            figures["seconds"] <= IMPORT_SECONDS,
            f"{figures['seconds']:.1f} s",
        ),
        "USDA import peak memory ≤ 1 GB": (
            figures["peak_bytes"] <= IMPORT_BYTES,
            f"{figures['peak_bytes'] / 1024**2:,.0f} MB",
        ),
        f"USDA import ≤ {IMPORT_PANDAS_RATIO}× pandas alone": (ratio <= IMPORT_PANDAS_RATIO, f"{ratio:.1f}×"),
    }


def summary_section(results: dict) -> list[str]:
    databases = list(results["databases"])
    verdicts = {
        database: {
            **operation_rows(result)[1],
            **import_verdicts(result, results["pandas_seconds"]),
        }
        for database, result in results["databases"].items()
    }
    budgets = list(dict.fromkeys(name for database in databases for name in verdicts[database]))
    rows = [
        [name, *(verdict_text(verdicts[database].get(name, (None, "–"))) for database in databases)]
        for name in budgets
    ]
    return ["## Budgets", "", *table(["budget", *(NAMES[d] for d in databases)], rows), ""]


def database_section(database: str, result: dict) -> list[str]:
    build, probe, sizes = result["build"], result["probe"], result["probe"]["sizes"]
    seconds = build["seconds"]
    supplements = sizes["supplements"]
    supplements = "none (no SupplementEntry model yet)" if supplements is None else f"{supplements:,}"
    how = "Reused from the cache, built" if build["cached"] else "Built in this run"
    alongside = ", side by side with the other database's data" if build.get("side_by_side") else ""
    header = [
        "operation",
        "samples",
        "errors",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "req/s",
        "p50 ÷ floor",
        "budget",
    ]
    return [
        f"## {NAMES[database]} ({probe['server']})",
        "",
        f"Data: {sizes['users']:,} users; {sizes['entries']:,} intake entries over {build['days']} days "
        f"({probe['first_day']} to {probe['last_day']}); supplement entries: {supplements}; "
        f"{sizes['foods']:,} foods and {sizes['portions']:,} portions; "
        f"database {sizes['database_bytes'] / 1024**2:,.0f} MB. {how} on {build['built_on']} in "
        f"{seconds['total']:.0f} s (foods {seconds['foods']:.0f} s, users and entries "
        f"{seconds['users_and_entries']:.0f} s){alongside}.",
        "",
        f"Floor p50 (mean of the first and last measurement): {floor_p50(result['rows']):.1f} ms. "
        f"Driving every operation took {result['load_seconds']:.0f} s; the machine's load average "
        f"when it began: {format_load(result['load_average'])}.",
        "",
        *table(header, operation_rows(result)[0]),
        "",
    ]


def costs_section(database: str, result: dict) -> list[str]:
    """Where each budgeted operation's time goes, in-process, and why each missed budget is missed."""
    costs = result["probe"].get("costs")
    if not costs:
        return []
    floor = next(cost["ms"] for cost in costs if cost["operation"] == FLOOR.name)
    _, verdicts = operation_rows(result)
    rows, why = [], []
    for cost in costs:
        rest = cost["ms"] - cost["database_ms"]
        rows.append(
            [
                cost["operation"],
                f"{cost['queries']:g}",
                ms(cost["ms"]),
                ms(cost["database_ms"]),
                ms(rest),
                f"{cost['ms'] / floor:.1f}",
            ]
        )
        operation = next((op for op in OPERATIONS if op.name == cost["operation"]), None)
        if operation is None or not operation.budget:
            continue
        held, figure = verdicts.get(budget_name(operation), (None, ""))
        if held is False:
            why.append(
                f"- **{operation.name}** ({figure} under load, {cost['ms'] / floor:.1f}× in-process): "
                f"{cost['ms']:.1f} ms a request, {cost['database_ms']:.2f} ms of it in the database "
                f"({cost['queries']:g} statements), {rest:.1f} ms in Python; the floor takes "
                f"{floor:.1f} ms. {WHY_MISSED.get(operation.name, '')}"
            )
    header = ["operation", "statements", "ms", "in the database", "in Python", "÷ floor"]
    lines = [f"### {NAMES[database]}", "", *table(header, rows), ""]
    if why:
        lines += ["Budgets missed, and why:", "", *why, ""]
    return lines


def import_section(results: dict) -> list[str]:
    pandas = results["pandas_seconds"]
    if pandas is None:
        return ["## USDA SR28 import", "", "Not measured: no SR28 folder at USDA_SR28.", ""]
    rows = [
        [NAMES[database], *(verdict_text(v) for v in import_verdicts(result, pandas).values())]
        for database, result in results["databases"].items()
    ]
    return [
        "## USDA SR28 import",
        "",
        "`manage.py import_usda` of the full SR28 release into an empty, migrated database, run as a "
        'child process: its wall time and peak resident memory (ru_maxrss from wait4). "pandas alone" '
        "is the time spent inside `pandas.read_csv` while the import's own reader "
        f"(`foods.importing.sr28.read_release`) reads the same files with the same options: {pandas:.2f} s.",
        "",
        *table(
            [
                "database",
                f"wall time (≤ {IMPORT_SECONDS} s)",
                "peak memory (≤ 1 GB)",
                "÷ pandas alone (≤ 3×)",
            ],
            rows,
        ),
        "",
        *(
            [f"Why the ratio to pandas alone is missed: {WHY_IMPORT_MISSED}", ""]
            if any(
                verdict == (False, verdict[1]) and name.endswith("pandas alone")
                for result in results["databases"].values()
                for name, verdict in import_verdicts(result, pandas).items()
            )
            else []
        ),
    ]


def plans_section(database: str, result: dict) -> list[str]:
    lines = [f"### {NAMES[database]}", ""]
    for page in result["probe"]["plans"]:
        lines += [
            f"**{page['operation']}** `GET {page['path']}`: HTTP {page['status']} in {page['ms']:.0f} ms, "
            f"{page['queries']} queries in all, {len(page['plans'])} of them on the log and the foods:",
            "",
        ]
        for query in page["plans"]:
            lines += ["```sql", query["sql"], "```", "```", query["plan"], "```", ""]
    return lines


def render(results: dict) -> str:
    machine = results["machine"]
    versions = ", ".join(f"{name} {number}" for name, number in machine["versions"].items())
    cold = results["cold_start"]
    load_average = f"before {format_load(machine['load_before'])}, after {format_load(machine['load_after'])}"
    settings = SETTINGS.format(
        workers=machine["workers"],
        cpus=machine["cpus"],
        clients=load.CLIENTS,
        seconds=load.SECONDS_PER_OPERATION,
    )
    lines = [
        "# Benchmark report",
        "",
        f"Written by `make bench` (bench/run.py), started {results['started']}; the whole run took "
        f'{results["total_seconds"] / 60:.1f} minutes. See README, "Benchmark".',
        "",
        *summary_section(results),
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
                ["load average (1, 5, 15 min)", load_average],
            ],
        ),
        "",
        settings,
    ]
    for database, result in results["databases"].items():
        lines += database_section(database, result)
    lines += [
        "## Where the time goes",
        "",
        "Each budgeted operation and the floor, sent 60 times one after another in the probe's own "
        "process (Django's test client: no HTTP, no gunicorn, no other load), as a user the load "
        "client does not log in as: the median time of a request, and of it the time inside the "
        "database driver (the SQL sent, run and its rows fetched) and the rest, which is Python "
        "(middleware, building the queries, the view and the template). Under load both an "
        "operation and the floor also carry the cost of HTTP and gunicorn, so the ratios there are "
        "smaller than here.",
        "",
    ]
    for database, result in results["databases"].items():
        lines += costs_section(database, result)
    lines += [
        *import_section(results),
        "## Cold start",
        "",
        f"`git clone` of commit {cold['commit']} into an empty folder, then `make run` (creates the "
        "virtualenv, installs requirements-dev.txt, migrates, loads the USDA foods, starts the server) "
        f"until `/` answers 200: **{cold['seconds']:.0f} s**, with pip's cache warm (every pinned "
        "package already downloaded on this machine; pip still asks the index).",
        "",
        "## Query plans of the hot queries",
        "",
        "Each page's queries on `tracker_*` and `foods_*` tables, captured while rendering it for one "
        "user (in the probe, with Django's test client, one request at a time, so the time shown is "
        "the page's own cost without load), with EXPLAIN QUERY PLAN (SQLite) or EXPLAIN (ANALYZE, "
        "COSTS OFF) (PostgreSQL) on the same data. Each page is rendered for five days spread over "
        "the year (and five searches); the rendering with the most queries is shown, so that a "
        "branch such as the day page's suggestions for a day below target is included.",
        "",
    ]
    for database, result in results["databases"].items():
        lines += plans_section(database, result)
    return "\n".join(lines).rstrip() + "\n"


def format_load(values: list[float]) -> str:
    return " / ".join(f"{value:.1f}" for value in values)
