"""`mkdocs serve` (make serve) survives a broken data edit: the browser shows the error with its
file and line, and the real page again as soon as the data is fixed."""

import json
import subprocess
import sys
import time
import urllib.request

from clusteratlas.dev.bench_serve import free_port

from .helpers import replace_in


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.read().decode("utf-8")
    except OSError:
        return None


def _wait(predicate, seconds: float, what: str):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


def test_serve_survives_broken_data_and_recovers(project, tmp_path):
    (project / "urls/redirects.yaml").write_text("sectors/green-foods/: sectors/green-food/\n", encoding="utf-8")
    port = free_port()
    log = tmp_path / "serve.log"
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}/en/sectors/green-food/"
    try:
        page = _wait(lambda: _get(url), 90, "the first build")
        assert "Green food" in page
        # The same post-build steps as `make site`: one search index per language, redirect pages.
        en = json.loads(_get(f"http://127.0.0.1:{port}/en/search/search_index.json"))
        zh = json.loads(_get(f"http://127.0.0.1:{port}/search/search_index.json"))
        assert en["docs"] and not any(d["location"].startswith("en/") for d in en["docs"] + zh["docs"])
        assert any(d["location"] == "sectors/green-food/" for d in en["docs"])
        assert "url=../../sectors/green-food/" in _get(f"http://127.0.0.1:{port}/sectors/green-foods/")
        data = project / "data/sectors.yaml"
        replace_in(data, "winners: 1\n", "winners: one\n")
        _wait(lambda: "expected a whole number, got 'one'" in log.read_text(), 60, "the error in the serve log")
        error = _wait(
            lambda: (lambda p: p if p and "data/sectors.yaml:" in p else None)(_get(url)), 60, "the error page"
        )
        assert "expected a whole number, got &#x27;one&#x27;" in error and "hint:" in error, error
        assert 'lang="en"' in error and "reloads by itself" in error
        zh_error = _get(f"http://127.0.0.1:{port}/sectors/green-food/")
        assert zh_error and "数据有误" in zh_error
        assert proc.poll() is None, "the server must keep running"
        # One edit mends the data and breaks a UI string: the report then names only the string (the
        # data recovered). A misspelt placeholder once hung the browser's request: now its error page.
        strings = project / "templates/strings.yaml"
        replace_in(strings, "**{total}** {total|cluster|clusters} won", "**{totl}** {total|cluster|clusters} won")
        replace_in(data, "winners: one\n", "winners: 1\n")
        replace_in(data, "en: Green food", "en: Green food products")
        error = _wait(
            lambda: (lambda p: p if p and "templates/strings.yaml:" in p else None)(_get(url)),
            60,
            "the strings error page",
        )
        assert "placeholder {totl} is not given to this string" in error and "data/sectors.yaml" not in error
        # One edit (of templates/), one rebuild: the generator's own writes into docs/ are not watched
        # (the plugin's on_serve).
        builds = lambda: log.read_text().count("Building documentation...")  # noqa: E731
        time.sleep(3)
        before = builds()
        replace_in(strings, "**{totl}** {total|cluster|clusters} won", "**{total}** {total|cluster|clusters} won")
        _wait(
            lambda: "Green food products" in (_get(url) or ""),
            90,
            "the page again, with the data edited while it was broken",
        )
        time.sleep(4)  # a second rebuild, had the edit caused one, would have begun by now
        assert builds() == before + 1, log.read_text()[-3000:]
    finally:
        proc.terminate()
        proc.wait(timeout=20)
