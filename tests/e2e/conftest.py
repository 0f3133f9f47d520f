"""Real-browser tests: Debian's chromium driven by Playwright, every outside request blocked.

No browser: the tests skip with a loud reason, except under CI=true, where they fail.
"""
import functools
import http.server
import os
import threading
from pathlib import Path

import pytest

from ..conftest import ROOT

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"


def _require_browser():
    if Path(CHROMIUM).is_file():
        return
    reason = (f"NO BROWSER: {CHROMIUM} not found — the end-to-end tests did not run. "
              "Install Debian's chromium (apt-get install chromium) or set CHROMIUM=/path/to/chromium.")
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    _require_browser()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run", "--disable-sync"])
        yield b
        b.close()


class Guarded:
    """A browser context that lets through only `allowed` URL prefixes and records the rest."""

    def __init__(self, browser, allowed: tuple[str, ...], **kwargs):
        self.context = browser.new_context(**kwargs)
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.allowed = allowed
        self.context.route("**/*", self._route)

    def _route(self, route):
        url = route.request.url
        if url.startswith(self.allowed) or url.startswith(("data:", "blob:", "about:")):
            return route.continue_()
        self.blocked.append(url)
        return route.abort()

    def page(self):
        page = self.context.new_page()
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        return page


@pytest.fixture(scope="session")
def server(built_site):
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def axe_script(npm_tools) -> Path:
    """axe-core from the npm registry (tools/package.json)."""
    return npm_tools / "axe-core" / "axe.min.js"


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)
