"""Headless Chromium from Debian's packages, driven by Playwright (no browser download)."""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",  # we run as root in CI
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Playwright's sync API runs an event loop in this thread; the ORM calls in fixtures are still
# synchronous, so tell Django not to refuse them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test`, which installs it.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class ConsoleLog:
    def __init__(self, page):
        self.errors = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))
        page.on(
            "requestfailed",
            lambda request: self.errors.append(f"requestfailed: {request.url}"),
        )
        page.on(
            "response",
            lambda response: (
                response.status >= 400
                and self.errors.append(f"HTTP {response.status}: {response.url}")
            ),
        )

    def _on_console(self, message):
        if message.type == "error":
            self.errors.append(f"console: {message.text}")


@pytest.fixture
def phone_page(browser):
    """A page the size of a phone, recording console errors and failed requests."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, locale="zh-CN"
    )
    page = context.new_page()
    page.console_log = ConsoleLog(page)
    yield page
    context.close()
