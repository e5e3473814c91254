"""Browser tests drive Debian's Chromium through pytest-playwright.

Where no Chromium is installed they skip, unless REQUIRE_BROWSER=1 (set by
.ci/run), which turns the skip into a failure.
"""

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # live_server + sync Playwright

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
HAS_CHROMIUM = os.path.exists(CHROMIUM)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)
    if HAS_CHROMIUM:
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(f"REQUIRE_BROWSER=1 but no Chromium at {CHROMIUM}")
    skip = pytest.mark.skip(reason="Chromium is not installed (apt-get install -y chromium)")
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "zh-CN", "viewport": {"width": 1024, "height": 800}}


@pytest.fixture
def csp_violations(page):
    """Collects every CSP violation and console error the page reports."""
    found: list[str] = []
    page.on(
        "console",
        lambda msg: (
            found.append(msg.text)
            if msg.type == "error" and "Content Security Policy" in msg.text
            else None
        ),
    )
    return found


_axe = Axe()


def assert_accessible(page) -> None:
    """axe-core (WCAG 2 A/AA rules) finds no violations on the current page."""
    results = _axe.run(page)
    assert results.violations_count == 0, results.generate_report()


# Screenshots that people look at after a run (not compared by any test).
SCREENSHOTS = Path(tempfile.gettempdir(), "shots", "learnerways")
