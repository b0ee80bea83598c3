"""Check a schemathesis run's reports: every selected operation tested, none errored, and
at least MIN_CASES generated cases for each operation (counted from the NDJSON events,
whose total must equal the JSON report's). Prints the figures; exits 1 when one falls short.

    python scripts/fuzz_report.py st.json events.ndjson MIN_CASES
"""

import json
import sys
from collections import Counter

METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE"}


def cases_per_operation(events_path: str) -> Counter:
    """Cases by the operation they test. A scenario of one operation counts all its cases for
    it, its probes with other methods included; a stateful scenario counts each call's own."""
    counts = Counter()
    with open(events_path) as events:
        for line in events:
            recorder = (json.loads(line).get("ScenarioFinished") or {}).get("recorder", {})
            label = recorder.get("label", "")
            for case in recorder.get("cases", {}).values():
                one_operation = label.split(" ")[0] in METHODS
                counts[label if one_operation else f"{case['value']['method']} {case['value']['path']}"] += 1
    return counts


def problems(report: dict, counts: Counter, min_cases: int) -> list[str]:
    operations, generated = report["operations"], report["test_cases"]["generated"]
    found = []
    if operations["tested"] != operations["selected"] or operations["errored"]:
        found.append(f"operations: {operations}")
    if len(counts) != operations["selected"]:
        found.append(f"{len(counts)} operations in the events, {operations['selected']} selected")
    if sum(counts.values()) != generated:
        found.append(f"{sum(counts.values())} cases in the events, {generated} in the report")
    found += [
        f"{name}: {count} cases, fewer than {min_cases}"
        for name, count in counts.items()
        if count < min_cases
    ]
    return found


def main(report_path: str, events_path: str, min_cases: int) -> int:
    with open(report_path) as report_file:
        report = json.load(report_file)
    counts = cases_per_operation(events_path)
    for name, count in sorted(counts.items()):
        print(f"{count:>7,}  {name}")
    print(
        f"{report['operations']['tested']} operations tested, {report['test_cases']['generated']:,} cases, "
        f"fewest {min(counts.values(), default=0):,} for one operation, in {report['running_time']:.0f} s"
    )
    found = problems(report, counts, min_cases)
    for problem in found:
        print(f"FAIL {problem}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
