"""Real-browser tests: Debian's chromium driven by Playwright, every outside request blocked.

No browser: the tests skip with a loud reason, except under CI=true, where they fail.
"""

import functools
import http.server
import os
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from ..conftest import ROOT

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"


def _require_browser():
    if Path(CHROMIUM).is_file():
        return
    reason = (
        f"NO BROWSER: {CHROMIUM} not found — the end-to-end tests did not run. "
        "Install Debian's chromium (apt-get install chromium) or set CHROMIUM=/path/to/chromium."
    )
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
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
        TRAFFIC[self.context] = Traffic(self.context)

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


class Site:
    """Page addresses for the served site (directory URLs) or the bundle (file:// and .html)."""

    def __init__(self, base: str, offline: bool):
        self.base, self.offline = base.rstrip("/"), offline

    def url(self, path: str) -> str:
        """'provinces/jiangsu/' → served as is; offline 'provinces/jiangsu.html', 'policies/index.html'."""
        if self.offline:
            lang, rest = ("en/", path[3:]) if path.startswith("en/") else ("", path)
            segments = [s for s in rest.split("/") if s]
            rest = (
                "/".join(segments) + ".html"
                if len(segments) == 2
                else "".join(s + "/" for s in segments) + "index.html"
            )
            path = lang + rest
        return f"{self.base}/{path}"

    def path_of(self, url: str) -> str:
        """A result or page URL as a site path in the served form ('en/provinces/jiangsu/')."""
        p = unquote(urlsplit(url).path)
        p = p[len(urlsplit(self.base).path) :].lstrip("/")
        if self.offline:
            p = p.removesuffix("index.html")
            p = p[:-5] + "/" if p.endswith(".html") else p
        return p


class Traffic:
    """The requests in flight in a browser context: its pages' and their workers' (Material's
    search worker fetches lunr and the index after `load`), counted from the context's events."""

    def __init__(self, context):
        self.open, self.last = 0, time.monotonic()
        for event, step in (("request", 1), ("requestfinished", -1), ("requestfailed", -1)):
            context.on(event, lambda _request, step=step: self._count(step))

    def _count(self, step: int) -> None:
        self.open, self.last = self.open + step, time.monotonic()

    def settle(self, page, quiet: float = 0.2, limit: float = 30) -> None:
        """Wait for `load`, then until no request has been in flight for `quiet` seconds.

        Playwright's "networkidle" is the same wait with 500 ms of quiet: ~0.55 s a page, 13 s of
        each 21-second page tour. The gaps between the requests of one chain here (the worker's
        script, then lunr; `load`, then the favicon) are under 50 ms."""
        page.wait_for_load_state("load")
        end = time.monotonic() + limit
        while self.open > 0 or time.monotonic() - self.last < quiet:
            if time.monotonic() > end:
                raise PlaywrightTimeout(f"{self.open} request(s) still in flight after {limit} s")
            page.wait_for_timeout(25)  # Playwright delivers the events while it waits


TRAFFIC: dict = {}  # browser context → its Traffic (every test's context is a Guarded one)


def settle(page) -> None:
    """Wait until the page's requests have settled (Traffic.settle)."""
    TRAFFIC[page.context].settle(page)


def search(page, query: str) -> list[str]:
    """Type a query as a reader would and return the result links.

    Material reads the query on keyup; a query typed before its worker has the index can stay
    unanswered (from file:// Material never even updates its "Initializing search" line), so
    after typing, wait, and if nothing shows, press a key again, as an impatient reader would.
    """
    settle(page)
    page.fill("input.md-search__input", query)
    for attempt in range(4):
        page.press("input.md-search__input", "End")  # a keyup that leaves the text as it is
        try:
            page.wait_for_selector(".md-search-result__item a", timeout=4000)
            break
        except PlaywrightTimeout:
            if attempt == 3:
                raise
    return page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")


@pytest.fixture(params=["online", "offline"])
def site(request, browser, server, offline_bundle):
    if request.param == "online":
        guard = Guarded(browser, (server,))
        s = Site(server, offline=False)
    else:
        guard = Guarded(browser, ("file://",))
        s = Site(offline_bundle.as_uri(), offline=True)
    s.name, s.guard = request.param, guard
    yield s
    assert guard.blocked == [], f"requests left the machine: {guard.blocked}"
    assert guard.errors == [], f"JavaScript errors: {guard.errors}"
    guard.context.close()
