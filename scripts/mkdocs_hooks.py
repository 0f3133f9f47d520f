"""MkDocs glue: generate docs/ from data/ before every build (and every `mkdocs serve` rebuild).

All logic lives in clusteratlas/; this file translates its errors into MkDocs' own (and, under
`mkdocs serve`, into an error page in the browser).
mkdocs-static-i18n runs a nested build per extra language, so this fires once per language;
the second run finds nothing changed and writes nothing. `python -m clusteratlas build` has
generated already and says so (CLUSTERATLAS_GENERATED=1): then the hook skips the work.
"""
from __future__ import annotations

import functools
import logging
import os
import posixpath
import re
import time
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import CountHandler

from clusteratlas.bundle import project_version
from clusteratlas.charts.fonts import FontMissing
from clusteratlas.cite import cite_markdown
from clusteratlas.environment import check_environment
from clusteratlas.errors import DataError, error_page
from clusteratlas.htmlfix import ChromeMissing, drop_head_alternates, notes_out_of_search, notfound_both, picture_for_phones, svg_size
from clusteratlas.i18n import DEFAULT_LANG, Catalog, lang_of
from clusteratlas.layout import chart_path
from clusteratlas.postbuild import finish_site
from clusteratlas.search import hermetic_jieba
from clusteratlas.site import Paths, generate
from clusteratlas.timing import record

log = logging.getLogger("mkdocs.hooks.clusteratlas")
_times: dict = {}   # language → start of its build, for `make bench`


_error: str | None = None   # the report of the data error this build shows, if any
_building: list[str] = []   # languages being built, outermost first (static-i18n nests the others)


def _root(config) -> Path:
    # The project is the folder holding mkdocs.yml (tests build copies of it elsewhere).
    return Path(config.config_file_path).resolve().parent
# `mkdocs serve` shows data errors in the browser instead of stopping. MkDocs loads this file
# afresh with every rebuild's config (module globals reset), so the flag lives in the process
# environment, set once by on_startup.
_SERVING = "CLUSTERATLAS_SERVING"


def on_startup(command, dirty):
    if command == "serve":
        os.environ[_SERVING] = "1"


def _serving() -> bool:
    return os.environ.get(_SERVING) == "1"


OFFLINE_POLYFILLS = ["assets/vendor/iframe-worker/shim.js"]   # Web Workers from file:// (search)


def on_config(config):
    # The published address lands in every page's <head>: refuse a bad one before building.
    try:
        check_environment()
    except DataError as e:
        raise PluginError(e.report()) from e
    if os.environ.get("CLUSTERATLAS_OFFLINE") == "true":
        config.extra["polyfills"] = OFFLINE_POLYFILLS
    hermetic_jieba(Paths(Path(config.config_file_path).parent).cache)
    return config


def on_pre_build(config, **kwargs):
    global _error
    _building.append(config.theme.get("language"))
    _times[config.theme.get("language")] = time.perf_counter()
    _error = None
    if os.environ.get("CLUSTERATLAS_GENERATED") == "1":
        return
    try:
        generate(Paths(_root(config)), log=log.info)
    except FontMissing as e:
        raise PluginError(str(e)) from e
    except DataError as e:
        if not _serving():
            raise PluginError(e.report()) from e
        # MkDocs' server holds every request until a build succeeds, so a failed build leaves the
        # browser spinning with the message only in the terminal. Instead the build goes on with
        # the last good pages (nothing was written), and every page shows the error until the
        # data is fixed; the server's live reload then brings the real page back.
        _error = e.report()
        _stop_counting_warnings()   # the error below (and a fresh tree's missing pages) must not abort
        log.error(_error)


def _stop_counting_warnings() -> None:
    """Strict mode counts warnings with a handler that MkDocs attaches before any hook runs (so
    setting config.strict here is too late). While serving an error page, detach it."""
    logger = logging.getLogger("mkdocs")
    for handler in list(logger.handlers):
        if isinstance(handler, CountHandler):
            logger.removeHandler(handler)


def on_page_markdown(markdown, page, config, files):
    # Every page ends with one "How to cite / 引用本页" block, with its own canonical URL.
    lang = lang_of(page.file.src_uri)
    base = (config.site_url or "/").rstrip("/")
    url = f"{base}/{page.url}" if page.url else f"{base}/"
    if not config.use_directory_urls:   # the offline bundle still cites the published address
        url = re.sub(r"(index)?\.html$", "", url)
        url = url if url.endswith("/") else url + "/"
    # The generator's plain title (front matter); page.title is the escaped Markdown heading.
    title = page.meta.get("ca_title") or page.title or config.site_name
    return markdown + cite_markdown(title, url, lang, project_version(), _catalog(config))


@functools.cache
def _catalog_at(path: Path) -> Catalog:
    return Catalog.load(path)


def _catalog(config) -> Catalog:
    return _catalog_at(_root(config) / "templates" / "strings.yaml")


def on_env(env, config, files):
    # Theme overrides (the bilingual 404 page) take their texts from the same catalog as pages.
    env.globals["ca_text"] = _catalog(config).text
    return env


_files = None           # this language build's files (static-i18n gives each language its own)
_marked: list = []      # nav items marked active for the page being rendered


def on_nav(nav, config, files):
    # Kept from on_nav, not on_files: static-i18n replaces the files after the hooks' on_files,
    # and by now every documentation file has its Page (file.page).
    global _files
    _files = files
    return nav


def on_page_context(context, page, config, nav):
    """Entity pages (a province, a sector, …) are outside the nav, which stays small. Give them
    what nav pages have: Material's previous/next footer links, from the neighbours their front
    matter names, and their section highlighted in the navigation."""
    for attr, key in (("previous_page", "ca_previous"), ("next_page", "ca_next")):
        target = _files.get_file_from_path(page.meta[key]) if key in page.meta and _files else None
        if target is not None and target.page is not None:
            setattr(page, attr, target.page)
    if page not in nav.pages:
        section = posixpath.dirname(page.file.src_uri)
        index = next((p for p in nav.pages if section and posixpath.dirname(p.file.src_uri) == section
                      and posixpath.basename(p.file.src_uri).startswith("index.")), None)
        if index is not None:
            index.active = True   # also marks its parents
            _marked.append(index)
    return context


def on_page_content(html, page, config, files):
    docs, lang = Path(config["docs_dir"]), config.theme.get("language")

    def size_of(name: str, variant: str = ""):
        # The chart file of this page's language, else the default language's (static-i18n's fallback).
        for each in dict.fromkeys((lang, DEFAULT_LANG)):
            size = svg_size(docs / chart_path({"name": name, "lang": each}, "svg", variant))
            if size:
                return size
        return None
    return notes_out_of_search(picture_for_phones(html, size_of))


def on_post_page(output, page, config):
    while _marked:
        _marked.pop().active = False
    if _error:
        return error_page(_error, config.theme.get("language"))
    return drop_head_alternates(output)


_notfound: dict = {}   # the default language's 404 page, kept while static-i18n builds the others


def on_post_template(output_content, template_name, config):
    if template_name != "404.html":
        return output_content
    lang = config.theme.get("language")
    if _error:
        return error_page(_error, lang)
    if lang == DEFAULT_LANG:
        _notfound["page"] = output_content
        return output_content
    # A later language's 404 would replace the default one at /404.html: keep the default page and
    # give it this language's header and navigation for its script to swap in.
    try:
        return notfound_both(_notfound["page"], output_content, lang) if "page" in _notfound else output_content
    except ChromeMissing as e:
        raise PluginError(str(e)) from None


@event_priority(-200)   # after static-i18n (0) has built every language and Material's offline plugin (-100)
def on_post_build(config, **kwargs):
    # static-i18n builds the other languages inside the default one's post-build, so the default
    # language's figure includes theirs; bench subtracts them.
    lang = _building.pop() if _building else config.theme.get("language")
    offline = not config.use_directory_urls   # Material's offline plugin turns directory URLs off
    record("mkdocs-language", {"lang": lang, "offline": offline, "seconds": time.perf_counter() - _times.get(lang, time.perf_counter())})
    if _building:   # a nested language build: the outermost one finishes the whole site
        return
    try:
        counts = finish_site(Path(config.site_dir), _root(config), offline=offline, site_url=config.site_url)
    except DataError as e:
        raise PluginError(e.report()) from e
    log.info("search entries: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
