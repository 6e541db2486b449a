"""Headless Chromium for page tests: Debian's /usr/bin/chromium driven by Playwright.

Screenshots go to ``tests/artifacts/`` (kept after the run, not committed).
"""

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parent / "artifacts"
# Without these, Chromium keeps dialling Google services this machine cannot reach.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def chromium() -> Iterator:
    """A headless Chromium browser shared by one test module's page tests.

    Module-scoped: Playwright's sync API keeps an event loop running in the main
    thread while it is started, which later tests using ``async_to_sync`` must
    not find.
    """
    from playwright.sync_api import sync_playwright

    # That same loop looks like async code to Django around database teardown.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            open_context = browser.new_context

            def new_context(**options):
                context = open_context(**options)
                close_when_settled(context)
                return context

            browser.new_context = new_context
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def close_when_settled(context, timeout: float = 10.0) -> None:
    """Make ``context.close()`` wait for the context's requests to finish.

    A page test can end while its page still has a request in flight (marking
    a conversation read, say). Closing the browser does not stop the server
    from answering it, and a query it runs then can deadlock with the TRUNCATE
    that empties the test database after a transactional test.
    """
    in_flight = set()
    context.on("request", lambda request: in_flight.add(request))
    context.on("requestfinished", lambda request: in_flight.discard(request))
    context.on("requestfailed", lambda request: in_flight.discard(request))
    close = context.close

    def close_settled(**options) -> None:
        deadline = time.monotonic() + timeout
        while in_flight and context.pages and time.monotonic() < deadline:
            # Waiting on a page lets Playwright deliver the request events.
            context.pages[0].wait_for_timeout(20)
        close(**options)

    context.close = close_settled


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot as ``tests/artifacts/<name>.png``."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


AXE = Path(__file__).parent.parent / "node_modules" / "axe-core" / "axe.min.js"


def serious_accessibility_violations(frame) -> list[str]:
    """axe-core's serious and critical violations on a page or frame, as
    ``rule: selectors`` lines (axe-core from the root package.json: ``npm ci``)."""
    assert AXE.exists(), "run: npm ci"
    frame.evaluate(AXE.read_text())
    results = frame.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{rule['id']}: {[node['target'] for node in rule['nodes']]}"
        for rule in results["violations"]
        if rule["impact"] in ("serious", "critical")
    ]
