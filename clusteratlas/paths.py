"""Where everything lives: the project's folders, the site's pages and every generated path, declared once.

Read by every stage (pages/ for links, sitebuild/ for the owned-file bookkeeping and `clusteratlas
clean`), project copies for tests, and a test that every generated path is git-ignored. To add a
page kind, see docs/dev/architecture.md ("Adding a page kind").
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .i18n import LANGS, SUFFIX

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
# with its index (/provinces/) and one page per record (/provinces/<id>/). pages/kinds.py says
# what each one shows; a test checks that the two, mkdocs.yml's nav and the 404 page agree.
SECTIONS = ("provinces", "sectors", "policies", "measures")
NAV = ("home", *SECTIONS, "glossary", "data", "changes")
HAND_WRITTEN = ("about",)  # content/about.md and about.en.md: written by people, copied to docs/ with a citation block

CHART_DIR = "assets/charts"  # docs-relative: chart SVG and CSV per language
DATA_DIR = "data"  # docs-relative: /data/<kind>.csv|json, datapackage.json, the zip
API_DIR = "api"  # docs-relative: /api/<kind>/<id>.json
EMBED_DIR = "embed"  # docs-relative: a page per chart and language for other sites' <iframe>s
CARD_DIR = "assets/cards"  # docs-relative: the picture of each page for shared links, per language

FEEDS = tuple(f"feed{SUFFIX[lang]}.xml" for lang in LANGS)  # Atom, per language: /feed.xml, /en/feed.xml

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


def page_path(kind: str, lang: str, id: str | None = None) -> str:
    """Where a page's Markdown lives under docs/; this fixes its URL (see the URL contract)."""
    sfx = SUFFIX[lang]
    if kind == "home":
        return f"index{sfx}.md"
    if kind in SECTIONS:
        return f"{kind}/{id if id is not None else 'index'}{sfx}.md"
    return f"{kind}{sfx}.md"


def chart_path(spec: dict, ext: str, variant: str = "") -> str:
    """zh: assets/charts/<name>.svg, en: assets/charts/<name>.en.svg — static-i18n's suffix
    convention, so the English files are published under /en/ like the English pages. The phone
    layout (variant "narrow") is <name>.narrow.svg / <name>.narrow.en.svg beside it."""
    return f"{CHART_DIR}/{spec['name']}{'.' + variant if variant else ''}{SUFFIX[spec['lang']]}.{ext}"


def embed_path(spec: dict) -> str:
    """A chart's embed page: 'embed/<name>.html', 'embed/<name>.en.html' (the suffix convention)."""
    return f"{EMBED_DIR}/{spec['name']}{SUFFIX[spec['lang']]}.html"


def card_path(docs_path: str) -> str:
    """A page's card beside the charts: 'provinces/jiangsu.en.md' → 'assets/cards/provinces-jiangsu.en.png'
    (published as /en/assets/cards/provinces-jiangsu.png, static-i18n's suffix convention)."""
    return f"{CARD_DIR}/{docs_path[: -len('.md')].replace('/', '-')}.png"


def published(docs_path: str, lang: str) -> str:
    """Where a file of docs/ is published within its language's root: static-i18n drops the
    language suffix ('embed/x.en.html' → /en/embed/x.html). Static files' own links must use it:
    the engine rewrites links in pages only."""
    stem, ext = docs_path.rsplit(".", 1)
    return (stem[: -len(SUFFIX[lang])] if SUFFIX[lang] and stem.endswith(SUFFIX[lang]) else stem) + "." + ext


def data_zip(version: str) -> str:
    """The zip of all the data of a release (downloads/tables.py writes it, /data/ offers it)."""
    return f"{DATA_DIR}/cluster-atlas-data-{version}.zip"


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
