"""The check that proves the schemathesis run's figures must fail when they fall short."""

import importlib.util
import json
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "fuzz_report.py"
spec = importlib.util.spec_from_file_location("fuzz_report", SCRIPT)
fuzz_report = importlib.util.module_from_spec(spec)
spec.loader.exec_module(fuzz_report)


def scenario(label, *calls):
    cases = {f"c{n}": {"value": {"method": method, "path": path}} for n, (method, path) in enumerate(calls)}
    return {"ScenarioFinished": {"recorder": {"label": label, "cases": cases}}}


@pytest.fixture
def run(tmp_path):
    def write(events, generated, selected=2, tested=2, errored=0):
        report = {
            "operations": {"selected": selected, "tested": tested, "errored": errored},
            "test_cases": {"generated": generated},
            "running_time": 12.0,
        }
        (tmp_path / "st.json").write_text(json.dumps(report))
        (tmp_path / "events.ndjson").write_text("\n".join(json.dumps(event) for event in events) + "\n")
        return fuzz_report.main(str(tmp_path / "st.json"), str(tmp_path / "events.ndjson"), 3)

    return write


ONE = ("GET", "/api/v1/one/")
TWO = ("POST", "/api/v1/two/")


def test_cases_count_for_their_operation_probes_and_stateful_calls_included(tmp_path, run, capsys):
    events = [
        scenario("GET /api/v1/one/", ONE, ONE, ("TRACE", "/api/v1/one/")),  # a probe counts for GET one
        scenario("POST /api/v1/two/", TWO, TWO),
        scenario("Stateful tests", TWO, ONE),
        {"PhaseStarted": {}},
    ]
    assert run(events, generated=7) == 0
    assert fuzz_report.cases_per_operation(str(tmp_path / "events.ndjson")) == {
        "GET /api/v1/one/": 4,
        "POST /api/v1/two/": 3,
    }
    assert "2 operations tested, 7 cases, fewest 3" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("events", "report", "problem"),
    [
        (
            [scenario("GET /api/v1/one/", ONE, ONE, ONE), scenario("POST /api/v1/two/", TWO, TWO)],
            {},
            "fewer than 3",
        ),
        (
            [scenario("GET /api/v1/one/", ONE, ONE, ONE)],
            {"generated": 3},
            "1 operations in the events, 2 selected",
        ),
        (
            [scenario("GET /api/v1/one/", *[ONE] * 3), scenario("POST /api/v1/two/", *[TWO] * 3)],
            {"generated": 9},
            "6 cases",
        ),
        (
            [scenario("GET /api/v1/one/", *[ONE] * 3), scenario("POST /api/v1/two/", *[TWO] * 3)],
            {"tested": 1},
            "operations",
        ),
        (
            [scenario("GET /api/v1/one/", *[ONE] * 3), scenario("POST /api/v1/two/", *[TWO] * 3)],
            {"errored": 1},
            "operations",
        ),
    ],
)
def test_a_shortfall_fails_the_run(run, capsys, events, report, problem):
    counts = sum(len(event["ScenarioFinished"]["recorder"]["cases"]) for event in events)
    assert run(events, **{"generated": counts, **report}) == 1
    assert problem in capsys.readouterr().out
