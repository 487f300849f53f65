"""Browser fixtures (a live server on a free port and Debian's Chromium driven by Playwright), shared by
tests/browser and tests/security through pytest_plugins in tests/conftest.py."""
from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from werkzeug.serving import make_server

from tests.conftest import app_lifetime, make_config, require

CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa",
                                                     "best-practice"]}}


class LiveServer:
    def __init__(self, app: object, host: str = "127.0.0.1") -> None:
        self.app = app
        self.server = make_server(host, 0, app, threaded=True)
        self.url = f"http://{host}:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    require(path is not None, "no chromium on PATH (Debian package 'chromium')")
    return path  # type: ignore[return-value]


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright  # noqa: PLC0415  (only browser tests load Playwright)

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_FLAGS)
        yield instance
        instance.close()


@pytest.fixture
def live_config() -> dict[str, object]:
    """Extra settings for the live app; a test module may override this fixture."""
    return {}


@pytest.fixture
def live_app(database_url: str, tmp_path: Path, live_config: dict[str, object]) -> Iterator[object]:
    config = make_config(database_url, tmp_path / "instance", WTF_CSRF_ENABLED=True, SERVER_NAME=None)
    config.update(live_config)
    yield from app_lifetime(config)


@pytest.fixture
def live_server(live_app: object) -> Iterator[LiveServer]:
    with LiveServer(live_app) as server:
        yield server


@pytest.fixture
def page(browser: object, live_server: LiveServer) -> Iterator[object]:
    context = browser.new_context(base_url=live_server.url)  # type: ignore[attr-defined]
    pg = context.new_page()
    pg.set_default_timeout(20_000)
    yield pg
    context.close()


_axe = Axe()


def assert_accessible(page: object) -> None:
    """axe-core (WCAG 2.2 A/AA and best practices) finds no violation on the current page."""
    results = _axe.run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, f"{page.url}:\n{results.generate_report()}"  # type: ignore[attr-defined]


BROWSER_PASSWORD = "browser-secret-phrase-1"


def sign_in_as(page: object, email: str, password: str = BROWSER_PASSWORD) -> None:
    """Sign in through the form and wait for the dashboard."""
    page.goto("/sign-in")  # type: ignore[attr-defined]
    page.get_by_label("Email address").fill(email)  # type: ignore[attr-defined]
    page.get_by_label("Password").fill(password)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Sign in").click()  # type: ignore[attr-defined]
    page.get_by_role("heading", name="Your dashboard").wait_for()  # type: ignore[attr-defined]
