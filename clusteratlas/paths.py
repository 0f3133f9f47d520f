"""Where everything lives, declared once: the project's folders, every generated path, and every
page's address — its Markdown under docs/, where it is served (with the site's address or from the
root), its offline form in the bundle, its language's root.

Read by every stage (pages/ for links and citations, sitebuild/ for the owned-file bookkeeping,
the 404 page, search, redirects and `clusteratlas clean`), project copies for tests, and a test that
every generated path is git-ignored. The sections and the menu come from dataset/sections.py.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass
from pathlib import Path

from .dataset import sections
from .i18n import DEFAULT_LANG, LANGS, SUFFIX

ROOT = Path(__file__).resolve().parent.parent  # the project: the package's parent folder


@dataclass(frozen=True)
class Paths:
    """The folders of one project (the repository, or a copy of it that tests build)."""

    root: Path = ROOT

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def content(self) -> Path:
        return self.root / "content"  # hand-written pages (HAND_WRITTEN)

    @property
    def cache(self) -> Path:
        # Content-addressed, so one cache may serve several checkouts (tests share the repo's).
        return Path(os.environ.get("CLUSTERATLAS_CACHE_DIR", self.root / ".cache"))


# The site's pages, in nav order: single pages (/, /glossary/, /data/) and sections, each a folder
# with its index (/provinces/) and one page per record (/provinces/<id>/), as dataset/sections.py
# declares them; pages/sections/<name>.py says what each one shows.
SECTIONS = tuple(s.name for s in sections.SECTIONS)
NAV = sections.NAV
HAND_WRITTEN = ("about",)  # content/about.md and about.en.md: written by people, copied to docs/ with a citation block

CHART_DIR = "assets/charts"  # docs-relative: chart SVG and CSV per language
DATA_DIR = "data"  # docs-relative: /data/<kind>.csv|json, datapackage.json, the zip
API_DIR = "api"  # docs-relative: /api/<kind>/<id>.json
EMBED_DIR = "embed"  # docs-relative: a page per chart and language for other sites' <iframe>s
CARD_DIR = "assets/cards"  # docs-relative: the picture of each page for shared links, per language

FEED = {lang: f"feed{SUFFIX[lang]}.xml" for lang in LANGS}  # Atom, per language: /feed.xml, /en/feed.xml
FEEDS = tuple(FEED.values())

# What the generator owns under docs/: whole folders, and single files beside hand-written pages.
OWNED_DIRS = (*SECTIONS, CHART_DIR, CARD_DIR, EMBED_DIR, DATA_DIR, API_DIR)
OWNED_FILES = (
    tuple(
        f"{'index' if name == 'home' else name}{SUFFIX[lang]}.md"
        for name in (*(n for n in NAV if n not in SECTIONS), *HAND_WRITTEN)
        for lang in LANGS
    )
    + FEEDS
)
# Build output and scratch, at the project root.
BUILD_OUTPUTS = (
    "site",
    "site.new",
    "site.old",
    "site.offline",
    "site.zensical",
    ".zensical-i18n",
    ".zensical.yml",
    "dist",
    "test-artifacts",
    ".build.lock",
    ".build-state.json",
    ".generate-state.json",
)


VERSIONS_DIR = "v"  # site-relative: each release tag's site, frozen, at /v/<version>/ (releases/versions.py)


def lang_root(lang: str) -> str:
    """Where a language's site starts, relative to the site's root: '' (the default), 'en/'."""
    return "" if lang == DEFAULT_LANG else f"{lang}/"


def lang_of(docs_path: str) -> str:
    """The language of a docs file by its suffix: 'provinces/jiangsu.en.md' → 'en'."""
    return next((lang for lang in LANGS if SUFFIX[lang] and docs_path.endswith(f"{SUFFIX[lang]}.md")), DEFAULT_LANG)


def lang_of_location(location: str) -> str:
    """The language of a site-relative address or file: 'en/provinces/jiangsu/' → 'en'."""
    for lang in LANGS:
        if lang != DEFAULT_LANG and (location == f"{lang}/" or location.startswith(f"{lang}/")):
            return lang
    return DEFAULT_LANG


def page_path(kind: str, lang: str, id: str | None = None) -> str:
    """Where a page's Markdown lives under docs/; this fixes its URL (see the URL contract)."""
    sfx = SUFFIX[lang]
    if kind == "home":
        return f"index{sfx}.md"
    if kind in SECTIONS:
        return f"{kind}/{id if id is not None else 'index'}{sfx}.md"
    return f"{kind}{sfx}.md"


def translation_path(docs_path: str, lang: str) -> str:
    """The same page in another language: ('provinces/jiangsu.md', 'en') → 'provinces/jiangsu.en.md'."""
    stem = docs_path[: -len(f"{SUFFIX[lang_of(docs_path)]}.md")]
    return f"{stem}{SUFFIX[lang]}.md"


def _stem(docs_path: str) -> tuple[str, str]:
    lang = lang_of(docs_path)
    return lang, docs_path[: -len(f"{SUFFIX[lang]}.md")]


def site_path(docs_path: str) -> str:
    """Where a page is served, relative to the site's root, with directory URLs (the URL contract:
    suffix languages): 'provinces/jiangsu.en.md' → 'en/provinces/jiangsu/', 'index.md' → ''."""
    lang, stem = _stem(docs_path)
    folder = stem[: -len("index")] if stem == "index" or stem.endswith("/index") else stem + "/"
    return lang_root(lang) + folder


def offline_path(docs_path: str) -> str:
    """The page's file in the offline bundle (no directory URLs, opened from file://):
    'provinces/jiangsu.en.md' → 'en/provinces/jiangsu.html', 'provinces/index.md' → 'provinces/index.html'."""
    lang, stem = _stem(docs_path)
    return f"{lang_root(lang)}{stem}.html"


def page_url(docs_path: str, site_url: str | None) -> str:
    """The address a page is cited by: '<site>/en/provinces/jiangsu/'; without a site address,
    root-absolute ('/en/provinces/jiangsu/'). The offline bundle cites the same."""
    return f"{(site_url or '/').rstrip('/')}/{site_path(docs_path)}"


def root_url(lang: str, site_url: str | None) -> str:
    """A language's home: '<site>/', '<site>/en/' (or '/', '/en/')."""
    return page_url(page_path("home", lang), site_url)


def versioned_url(docs_path: str, site_url: str | None, version: str) -> str:
    """Where a release keeps the page (releases/versions.py publishes it): '<site>/v/0.2.0/en/provinces/jiangsu/'."""
    return f"{(site_url or '/').rstrip('/')}/{VERSIONS_DIR}/{version}{page_url(docs_path, None)}"


def chart_path(spec: dict, ext: str, variant: str = "") -> str:
    """zh: assets/charts/<name>.svg, en: assets/charts/<name>.en.svg — static-i18n's suffix
    convention, so the English files are published under /en/ like the English pages. The phone
    layout (variant "narrow") is <name>.narrow.svg / <name>.narrow.en.svg beside it."""
    return f"{CHART_DIR}/{spec['name']}{'.' + variant if variant else ''}{SUFFIX[spec['lang']]}.{ext}"


def embed_path(spec: dict) -> str:
    """A chart's embed page: 'embed/<name>.html', 'embed/<name>.en.html' (the suffix convention)."""
    return f"{EMBED_DIR}/{spec['name']}{SUFFIX[spec['lang']]}.html"


def feed_href(docs_path: str) -> str:
    """The page's language's feed, relative to the page's address (for <link rel=alternate>: front
    matter is not rewritten by the engine, so it must be right as written, on the site and offline)."""
    lang = lang_of(docs_path)
    return posixpath.relpath(root_url(lang, None) + published(FEED[lang], lang), page_url(docs_path, None))


def card_url(docs_path: str, site_url: str | None) -> str:
    """Where a page's card (card_path) is published: absolute with the site's address, as Open
    Graph requires; from the root without it (local builds)."""
    lang = lang_of(docs_path)
    return root_url(lang, site_url) + published(card_path(docs_path), lang)


def card_path(docs_path: str) -> str:
    """A page's card beside the charts: 'provinces/jiangsu.en.md' → 'assets/cards/provinces-jiangsu.en.png'
    (published as /en/assets/cards/provinces-jiangsu.png, static-i18n's suffix convention)."""
    return f"{CARD_DIR}/{docs_path[: -len('.md')].replace('/', '-')}.png"


def static_site_path(docs_path: str) -> str:
    """Where the engine publishes a static file of docs/, from the site's root:
    'assets/cards/provinces-jiangsu.en.png' → 'en/assets/cards/provinces-jiangsu.png'."""
    stem = docs_path.rsplit(".", 1)[0]
    lang = next((lang for lang in LANGS if SUFFIX[lang] and stem.endswith(SUFFIX[lang])), DEFAULT_LANG)
    return lang_root(lang) + published(docs_path, lang)


def published(docs_path: str, lang: str) -> str:
    """Where a file of docs/ is published within its language's root: static-i18n drops the
    language suffix ('embed/x.en.html' → /en/embed/x.html). Static files' own links must use it:
    the engine rewrites links in pages only."""
    stem, ext = docs_path.rsplit(".", 1)
    return (stem[: -len(SUFFIX[lang])] if SUFFIX[lang] and stem.endswith(SUFFIX[lang]) else stem) + "." + ext


def data_zip(version: str) -> str:
    """The zip of all the data of a release (downloads/tables.py writes it, /data/ offers it)."""
    return f"{DATA_DIR}/cluster-atlas-data-{version}.zip"


def nav_files() -> list[str]:
    """The site's menu as the engine's `nav` lists it: the menu's pages (dataset/sections.NAV, each
    section by its index), then the hand-written pages. The glue and Zensical's config write it;
    mkdocs.yml holds no nav of its own."""
    return [page_path(name, DEFAULT_LANG) for name in (*NAV, *HAND_WRITTEN)]


def generated_docs_paths() -> tuple[str, ...]:
    """Every docs-relative path the generator owns (folders and files)."""
    return OWNED_DIRS + OWNED_FILES


def hand_written_docs(docs) -> list:
    """What people write under docs/ (stylesheets, scripts, vendored files): everything there the
    generator does not own. `mkdocs serve` watches these, not the generated pages."""
    owned = {f"{docs}/{rel}" for rel in generated_docs_paths()}

    def walk(folder):
        for entry in sorted(folder.iterdir()):
            if str(entry) in owned:
                continue
            if entry.is_dir() and any(o.startswith(f"{entry}/") for o in owned):
                yield from walk(entry)  # a folder holding generated files (assets/ holds charts/)
            else:
                yield entry

    return list(walk(docs))
