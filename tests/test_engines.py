"""The second engine: Zensical builds the same site from the same generated pages.

MkDocs + Material stays the default until Material's end of life (docs/dev/engines.md has the plan).
These tests hold what must already agree — every page at its URL, its title, its footnotes, links
that resolve, search in each language — and write what still differs to
test-artifacts/engines.md (the table in docs/dev/engines.md is copied from it).
"""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest

from .conftest import build_project, copy_project, run_cli, shared_build
from .linkcheck import broken_links

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
_TAG = re.compile(r"<[^>]+>")
_NOTE = re.compile(r'<li id="fn:[^"]+"')


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory) -> Path:
    return (
        shared_build(
            tmp_path_factory, "zensical-build", lambda p: build_project(copy_project(p), "--engine", "zensical")
        )
        / "site"
    )


def _pages(site: Path) -> dict[str, Path]:
    """URL path → file, for every page (redirect stubs, which only point elsewhere, left out)."""
    out = {}
    for f in sorted(site.rglob("index.html")):
        if 'http-equiv="refresh"' not in f.read_text(encoding="utf-8"):
            rel = f.parent.relative_to(site).as_posix()
            out["" if rel == "." else rel + "/"] = f
    return out


def _text(html: str) -> str:
    return " ".join(unescape(_TAG.sub("", html)).split())


def _h1(path: Path) -> str:
    m = _H1.search(path.read_text(encoding="utf-8"))
    return _text(m.group(1)).rstrip("¶").strip() if m else ""


def test_zensical_builds_every_page_of_both_languages_at_the_same_url(built_site, zensical_site):
    mkdocs, zensical = _pages(built_site), _pages(zensical_site)
    assert len(mkdocs) > 120
    assert set(zensical) == set(mkdocs), (
        f"only MkDocs: {sorted(set(mkdocs) - set(zensical))[:10]}; "
        f"only Zensical: {sorted(set(zensical) - set(mkdocs))[:10]}"
    )


def test_each_page_has_the_same_heading_title_and_footnotes(built_site, zensical_site):
    mkdocs, zensical = _pages(built_site), _pages(zensical_site)
    for url, page in mkdocs.items():
        a, b = page.read_text(encoding="utf-8"), zensical[url].read_text(encoding="utf-8")
        assert _h1(page) == _h1(zensical[url]), url
        assert _text(_TITLE.search(a).group(1)) == _text(_TITLE.search(b).group(1)), url
        assert len(_NOTE.findall(a)) == len(_NOTE.findall(b)), f"{url}: footnotes differ"
        # The citation block, written by the generator, is the same in both.
        assert ('id="cite"' in a) == ('id="cite"' in b) and ("ca-cite" in b) == ("ca-cite" in a), url


def test_every_link_of_the_zensical_build_resolves(zensical_site):
    assert broken_links(zensical_site) == []


def _search(site: Path, lang: str, word: str) -> set[str]:
    root = site if lang == "zh" else site / lang
    combined = root / "search" / "search_index.json"  # MkDocs after postbuild's split
    entries = (
        json.loads(combined.read_text(encoding="utf-8"))["docs"]
        if combined.is_file()
        else json.loads((root / "search.json").read_text(encoding="utf-8"))["items"]
    )
    return {e["location"].split("#")[0] for e in entries if word in e["title"]}


@pytest.mark.parametrize("lang, word", [("zh", "江苏"), ("en", "Jiangsu")])
def test_search_in_each_language_finds_the_province(built_site, zensical_site, lang, word):
    assert "provinces/jiangsu/" in _search(built_site, lang, word)
    assert "provinces/jiangsu/" in _search(zensical_site, lang, word)
    assert not any(loc.startswith("en/") for loc in _search(zensical_site, lang, word))


_FOOTER_LINK = re.compile(
    r'<a href="([^"]*)" class="md-footer__link md-footer__link--(prev|next)" aria-label="([^"]*)"'
)


def test_previous_and_next_of_every_page_are_the_same_in_both_engines(built_site, zensical_site):
    # Entity pages are outside the nav: their neighbours come from the front matter the generator
    # writes, through overrides/partials/footer.html, which both engines render.
    mkdocs, zensical = _pages(built_site), _pages(zensical_site)
    entity = [url for url in mkdocs if re.fullmatch(r"(en/)?(provinces|sectors|policies|measures)/[^/]+/", url)]
    assert len(entity) > 100

    def links(page: Path) -> list[tuple[str, str, str]]:  # the engines escape an apostrophe differently
        return [
            (href, way, unescape(label)) for href, way, label in _FOOTER_LINK.findall(page.read_text(encoding="utf-8"))
        ]

    for url in entity:
        assert links(mkdocs[url]), url
        assert links(mkdocs[url]) == links(zensical[url]), url
    first, last = "provinces/beijing/", "provinces/xinjiang/"
    assert [way for _, way, _ in links(mkdocs[first])] == ["next"]
    assert [way for _, way, _ in links(mkdocs[last])] == ["prev"]


_JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def test_structured_data_of_every_page_is_the_same_in_both_engines(built_site, zensical_site):
    # The generator writes it (front matter); overrides/main.html prints it in both engines.
    mkdocs, zensical = _pages(built_site), _pages(zensical_site)
    for url, page in mkdocs.items():
        docs = [json.loads(d) for d in _JSONLD.findall(page.read_text(encoding="utf-8"))]
        assert docs, url
        assert docs == [json.loads(d) for d in _JSONLD.findall(zensical[url].read_text(encoding="utf-8"))], url


def test_what_still_differs_is_listed(built_site, zensical_site):
    """Not a gate: the table of differences a maintainer reads before switching engines."""
    jiangsu = "provinces/jiangsu/index.html"
    checks = {
        "previous/next links on an entity page": lambda s: (
            "md-footer__link--prev" in (s / jiangsu).read_text(encoding="utf-8")
        ),
        "card for shared links (og:image)": lambda s: (
            'property="og:image"' in (s / jiangsu).read_text(encoding="utf-8")
        ),
        "section of an entity page marked in the nav": lambda s: (
            "md-nav__item--active" in (s / jiangsu).read_text(encoding="utf-8")
        ),
        "phone layout of charts (<picture>)": lambda s: "<picture>" in (s / jiangsu).read_text(encoding="utf-8"),
        "citation block": lambda s: 'id="cite"' in (s / jiangsu).read_text(encoding="utf-8"),
        "404 page in both languages": lambda s: 'data-ca-lang="en"' in (s / "404.html").read_text(encoding="utf-8"),
        "English chrome for the 404 page": lambda s: (
            'id="ca-chrome-en"' in (s / "404.html").read_text(encoding="utf-8")
        ),
        "footnotes out of search": lambda s: not any("原文：" in t for t in _all_search_text(s)),
        "one search index per language": lambda s: (
            (s / "en" / "search").is_dir() or (s / "en" / "search.json").is_file()
        ),
        "sitemap.xml (needs the site address)": lambda s: (s / "sitemap.xml").is_file(),
    }
    rows = [(name, check(built_site), check(zensical_site)) for name, check in checks.items()]
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "engines.md").write_text(
        "| | MkDocs + Material | Zensical |\n|---|---|---|\n"
        + "".join(f"| {name} | {'yes' if a else 'no'} | {'yes' if b else 'no'} |\n" for name, a, b in rows),
        encoding="utf-8",
    )
    assert all(a for _, a, _ in rows[:-1]), "the MkDocs build lost a feature it had"


def _all_search_text(site: Path) -> list[str]:
    out = []
    for index in [*site.rglob("search_index.json"), *site.rglob("search.json")]:
        data = json.loads(index.read_text(encoding="utf-8"))
        out += [e.get("text", "") for e in data.get("docs", data.get("items", []))]
    return out


@pytest.mark.parametrize("stop", ["SIGTERM", "SIGHUP"])
def test_make_serve_with_zensical_shows_each_saved_edit(built_project, stop):
    """`make serve ENGINE=zensical`: Zensical's server for one language, docs/ generated again
    after each save (sitebuild/preview.py). Stopped by `kill`, or by closing its terminal (SIGHUP
    to the whole process group: round 4 found the atlas's cache left inside .zensical-i18n/)."""
    import signal
    import subprocess
    import sys
    import time
    import urllib.request

    from clusteratlas.dev.bench_serve import free_port

    from .helpers import replace_in

    port = free_port()

    def page() -> str:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/provinces/jiangsu/", timeout=2) as r:
                return r.read().decode("utf-8")
        except OSError:
            return ""

    def until(text: str, seconds: float) -> None:
        end = time.monotonic() + seconds
        while text not in page():
            assert time.monotonic() < end, f"{text!r} not served within {seconds} s"
            time.sleep(0.2)

    # As in a checkout: the atlas's cache and fonts in the project's own .cache, which zensical-i18n
    # moves aside while it serves (it keeps Zensical's cache there).
    import os
    import shutil

    cache = built_project / ".cache"
    for part in ("fonts", "charts", "cards"):
        shutil.copytree(Path(os.environ["CLUSTERATLAS_CACHE_DIR"]) / part, cache / part)
    env = dict(os.environ, CLUSTERATLAS_CACHE_DIR=str(cache), CLUSTERATLAS_FONT_DIR=str(cache / "fonts"))
    log = built_project / "serve.log"
    with open(log, "w") as out:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "clusteratlas",
                "--root",
                str(built_project),
                "serve",
                "--engine",
                "zensical",
                "--lang",
                "en",
                "--dev-addr",
                f"127.0.0.1:{port}",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,  # its own process group, as a terminal's
        )
    try:
        until("<title>Jiangsu - Cluster Atlas", 120)
        assert not (cache / "fonts").exists(), (
            "zensical-i18n moved the project's .cache aside (else this test shows nothing)"
        )
        replace_in(built_project / "data/provinces.yaml", "{zh: 江苏, en: Jiangsu}", "{zh: 江苏, en: Jiangsu Served}")
        until("<title>Jiangsu Served - Cluster Atlas", 60)
    finally:
        # SIGTERM to the atlas alone (`kill`), or SIGHUP to every process of the group (a closed terminal).
        if stop == "SIGTERM":
            server.terminate()
        else:
            os.killpg(server.pid, getattr(signal, stop))
        server.wait(timeout=30)
    time.sleep(1)
    assert page() == "", "Zensical's server stopped with the atlas's"
    assert (cache / "fonts").is_dir() and "font not found" not in log.read_text(encoding="utf-8")
    assert not (built_project / ".zensical-i18n/cache/.project").exists()


def test_a_cache_zensical_left_moved_aside_is_put_back_before_the_atlas_reads_it(project):
    """A server killed outright (SIGKILL) leaves the atlas's cache in .zensical-i18n/cache/.project
    and Zensical's language cache at .cache: the next command puts both where they belong."""
    caches = project / ".zensical-i18n/cache"
    (caches / ".project/fonts").mkdir(parents=True)
    (caches / ".project/fonts/font.ttf").write_bytes(b"the atlas's")
    (caches / ".active").write_text("en")
    (project / ".cache").mkdir()
    (project / ".cache/zensical.bin").write_bytes(b"Zensical's")
    result = run_cli("--root", str(project), "check")
    assert result.returncode == 0, result.stderr
    assert "the cache Zensical had moved aside" in result.stderr
    assert (project / ".cache/fonts/font.ttf").read_bytes() == b"the atlas's"
    assert (caches / "en/zensical.bin").read_bytes() == b"Zensical's" and not (caches / ".active").exists()


def test_a_template_error_under_zensical_is_its_file_and_line_not_a_traceback(project):
    main_html = project / "overrides/main.html"
    lines = main_html.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[63] = lines[63].rstrip("\n") + " {{ broken( }}\n"
    main_html.write_text("".join(lines), encoding="utf-8")
    result = run_cli("--root", str(project), "build", "--engine", "zensical")
    assert result.returncode == 1
    assert "overrides/main.html:64: syntax error" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
