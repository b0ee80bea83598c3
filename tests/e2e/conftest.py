"""Browser tests: Playwright drives Debian's chromium (never a downloaded browser)."""

import os
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe

# Playwright's sync API runs an event loop in this thread; the test code still touches
# the database directly (fixtures and their teardown), which Django only allows with this
# flag. It is set for the whole test session; the deploy-check test removes it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def pytest_collection_modifyitems(items):
    if CHROMIUM is None:
        skip = pytest.mark.skip(reason="Debian's chromium is not installed (apt-get install chromium)")
        for item in items:
            if "e2e" in item.nodeid:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(autouse=True)
def short_timeouts(request):
    if "page" in request.fixturenames:
        request.getfixturevalue("page").set_default_timeout(10_000)


@pytest.fixture
def console_errors(page):
    """Console errors and CSP refusals seen by the page; a test asserts this stays empty."""
    errors: list[str] = []

    def on_console(message):
        # Scripts the test injects (axe) have no URL; on the admin pages axe sets an inline
        # style that the CSP refuses. Only the pages' own errors count.
        if message.type == "error" and message.location.get("url") != "":
            errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


@pytest.fixture
def check_a11y(page):
    """Run axe-core on the current page: WCAG 2.1 A and AA, no violation allowed."""
    axe = Axe()
    checked: list[str] = []

    def check():
        result = axe.run(page, options=WCAG_AA)
        violations = [
            f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes, e.g. {v['nodes'][0]['html'][:120]})"
            for v in result.response["violations"]
        ]
        assert violations == [], f"{page.url}: {violations}"
        checked.append(page.url)

    check.pages = checked
    return check
