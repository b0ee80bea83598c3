"""The house plan of DESIGN.md "Parts", checked on the source with `ast` (no database, no imports).

Floors, top to bottom: config; tracker and learn; foods and accounts; core. A module imports
only from its own folder and the floors below it; core's rule modules import no Django and no
app; no two modules import each other, even through others; no folder outgrows the rest.
Every import counts, also one inside a function or under `if TYPE_CHECKING:`.
"""

import ast
import sys
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Floor of each app folder, ground floor 0. Templatetags count as part of their app.
FLOORS = {"core": 0, "foods": 1, "accounts": 1, "tracker": 2, "learn": 2, "config": 3}

# Same-floor imports that are really needed, as (importing app, imported app): a pair
# belongs here only with a comment saying why the code cannot move down a floor.
ALLOWED_SAME_FLOOR: set[tuple[str, str]] = set()

# core's rule modules: plain values in, plain values out (DESIGN.md "Parts").
PURE_MODULES = ("core.reference", "core.nutrition", "core.claims", "core.ckd", "core.targets", "core.racc")

MAX_SHARE_OF_LINES = 0.40


@dataclass(frozen=True)
class Import:
    path: str  # the importing file, relative to the project root
    line: int
    source: str  # the statement as written, for the failure message
    target: str  # the imported module, resolved to a project module where it is one


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def _modules() -> dict[str, Path]:
    """Every non-migration module of the apps, by dotted name."""
    modules = {}
    for app in FLOORS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.relative_to(ROOT).parts:
                modules[_module_name(path)] = path
    return modules


def _resolve(name: str) -> str:
    """The longest project module that `name` lies in, else `name` itself (a library)."""
    modules = _modules()
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in modules:
            return candidate
    return name


def _imported_names(node: ast.Import | ast.ImportFrom, module: str, is_package: bool) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level:
        package = module if is_package else module.rpartition(".")[0]
        for _ in range(node.level - 1):
            package = package.rpartition(".")[0]
        base = f"{package}.{node.module}" if node.module else package
    else:
        base = node.module or ""
    # `from core import ckd` imports the module core.ckd; `from core.ckd import notice` imports core.ckd.
    return [f"{base}.{alias.name}" if f"{base}.{alias.name}" in _modules() else base for alias in node.names]


@cache
def _imports() -> dict[str, tuple[Import, ...]]:
    """The imports of every module, by dotted name of the importing module."""
    found = {}
    for module, path in _modules().items():
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text, filename=str(path))
        relative = path.relative_to(ROOT).as_posix()
        imports = []
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                source = ast.get_source_segment(text, node) or ast.dump(node)
                for name in _imported_names(node, module, path.name == "__init__.py"):
                    imports.append(Import(relative, node.lineno, " ".join(source.split()), _resolve(name)))
        found[module] = tuple(sorted(imports, key=lambda i: i.line))
    return found


def _app(module: str) -> str:
    return module.partition(".")[0]


def _where(imp: Import) -> str:
    return f"{imp.path}:{imp.line} `{imp.source}`"


@pytest.mark.parametrize("app", list(FLOORS))
def test_app_imports_only_its_own_folder_and_the_floors_below(app):
    upward, sideways = [], []
    for module, imports in _imports().items():
        if _app(module) != app:
            continue
        for imp in imports:
            other = _app(imp.target)
            if other not in FLOORS or other == app or FLOORS[other] < FLOORS[app]:
                continue
            if FLOORS[other] > FLOORS[app]:
                upward.append(f"  {_where(imp)}: {other}/ is a floor above {app}/")
            elif (app, other) not in ALLOWED_SAME_FLOOR:
                sideways.append(f"  {_where(imp)}: {other}/ is on the same floor as {app}/")
    problems = upward + sideways
    assert not problems, (
        f"{app}/ imports from folders it may not use "
        "(floors, top to bottom: config; tracker, learn; foods, accounts; core):\n"
        + "\n".join(problems)
        + "\nMove the shared code down to a lower floor (pure rules to core/), pass the value in, "
        "or, for a same-floor pair that is really needed, add it to ALLOWED_SAME_FLOOR with the reason."
    )


@pytest.mark.parametrize("module", PURE_MODULES)
def test_core_rule_module_imports_only_the_standard_library_and_pure_core(module):
    assert module in _modules(), f"{module.replace('.', '/')}.py is missing: DESIGN.md 'Parts' names it"
    stdlib = sys.stdlib_module_names | {"__future__"}
    problems = [
        f"  {_where(imp)}: {imp.target} is neither the standard library nor a pure core module"
        for imp in _imports()[module]
        if imp.target not in PURE_MODULES and imp.target.partition(".")[0] not in stdlib
    ]
    assert not problems, (
        f"{module.replace('.', '/')}.py is a pure rule module: no Django, DRF, app or other library, "
        "so it is tested as tables of values:\n"
        + "\n".join(problems)
        + f"\nPure core modules: {', '.join(PURE_MODULES)}. Take plain values or dataclasses instead."
    )


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle through each strongly connected group of two or more modules (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(graph):
        if node not in index:
            visit(node)

    cycles = []
    for group in groups:
        start = min(group)
        # Breadth-first from start back to start inside the group: the shortest cycle through it.
        came_from: dict[str, str] = {}
        frontier = [start]
        while start not in came_from:
            following = []
            for node in frontier:
                for nxt in sorted(graph[node] & group):
                    if nxt not in came_from:
                        came_from[nxt] = node
                        following.append(nxt)
            frontier = following
        path = [start]
        while len(path) == 1 or path[-1] != start:
            path.append(came_from[path[-1]])
        cycles.append(path[::-1])
    return sorted(cycles)


def test_no_import_cycle_between_modules():
    graph: dict[str, set[str]] = defaultdict(set)
    edges: dict[tuple[str, str], Import] = {}
    for module, imports in _imports().items():
        graph.setdefault(module, set())
        for imp in imports:
            if imp.target in _modules() and imp.target != module:
                graph[module].add(imp.target)
                edges.setdefault((module, imp.target), imp)
    messages = []
    for cycle in _cycles(graph):
        steps = "\n".join(f"    {a} -> {b}  ({_where(edges[a, b])})" for a, b in pairwise(cycle))
        messages.append(f"  {' -> '.join(cycle)}\n{steps}")
    assert not messages, (
        "Import cycles (each module needs the other, even if only inside a function):\n"
        + "\n".join(messages)
        + "\nMove what both need into a module below them both."
    )


def test_no_app_holds_more_than_two_fifths_of_the_code():
    lines: dict[str, int] = defaultdict(int)
    for module, path in _modules().items():
        name = path.name
        if name.startswith("test_") or name == "tests.py" or "tests" in path.relative_to(ROOT).parts:
            continue
        lines[_app(module)] += len(path.read_text(encoding="utf-8").splitlines())
    total = sum(lines.values())
    shares = {app: count / total for app, count in lines.items()}
    too_big = [
        f"  {app}/: {lines[app]} of {total} lines ({share:.0%})"
        for app, share in sorted(shares.items(), key=lambda item: -item[1])
        if share > MAX_SHARE_OF_LINES
    ]
    assert not too_big, (
        f"A folder holds more than {MAX_SHARE_OF_LINES:.0%} of the apps' Python lines "
        "(migrations and tests not counted):\n"
        + "\n".join(too_big)
        + "\nSplit it: its parts that serve another app's pages belong in that app, pure rules in core/."
    )
