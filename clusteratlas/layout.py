"""Where everything generated lives: page kinds and every generated path, declared once.

Read by page generation (context.py), the owned-file bookkeeping of output.py, `clusteratlas
clean`, project copies for tests, and a test that every generated path is git-ignored. To add a
page kind, see docs/dev/architecture.md ("Adding a page kind").
"""
from __future__ import annotations

from dataclasses import dataclass

from .i18n import LANGS, SUFFIX


@dataclass(frozen=True)
class PageKind:
    name: str                    # the URL: a section (/provinces/…) or a single page (/glossary/)
    template: str                # templates/pages/<template>
    builder: str                 # the context.Builder method that makes the page's context
    collection: str | None = None  # a Dataset list: one page per record, at /<name>/<id>/
    section: bool = False        # a folder of pages: its index is /<name>/ (docs/<name>/index.md)


# In nav order. A section has an index kind (collection None) and an entity kind.
PAGE_KINDS = (
    PageKind("home", "home.md.j2", "home"),
    PageKind("provinces", "provinces.md.j2", "province_index", section=True),
    PageKind("provinces", "province.md.j2", "province", collection="provinces", section=True),
    PageKind("sectors", "sectors.md.j2", "sector_index", section=True),
    PageKind("sectors", "sector.md.j2", "sector", collection="sectors", section=True),
    PageKind("policies", "policies.md.j2", "policy_index", section=True),
    PageKind("policies", "policy.md.j2", "policy", collection="policies", section=True),
    PageKind("measures", "measures.md.j2", "measure_index", section=True),
    PageKind("measures", "measure.md.j2", "measure", collection="measures", section=True),
    PageKind("glossary", "glossary.md.j2", "glossary"),
    PageKind("data", "data.md.j2", "data"),
)
SECTIONS = tuple(dict.fromkeys(k.name for k in PAGE_KINDS if k.section))
HAND_WRITTEN = ("about",)        # content/about.md and about.en.md: written by people, copied to docs/ with a citation block

CHART_DIR = "assets/charts"      # docs-relative: chart SVG and CSV per language
DATA_DIR = "data"                # docs-relative: /data/<kind>.csv|json, datapackage.json, the zip
API_DIR = "api"                  # docs-relative: /api/<kind>/<id>.json

# What the generator owns under docs/: whole folders, and single files beside hand-written pages.
OWNED_DIRS = (*SECTIONS, CHART_DIR, DATA_DIR, API_DIR)
OWNED_FILES = tuple(f"{name}{SUFFIX[lang]}.md" for name in (*(k.name if k.name != "home" else "index"
                    for k in PAGE_KINDS if not k.section), *HAND_WRITTEN) for lang in LANGS)
# Build output and scratch, at the project root.
BUILD_OUTPUTS = ("site", "site.new", "site.old", "site.offline", "site.zensical", ".zensical-i18n", ".zensical.yml", "dist",
                  "test-artifacts", ".build.lock", ".build-state.json", ".generate-state.json")


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
                yield from walk(entry)   # a folder holding generated files (assets/ holds charts/)
            else:
                yield entry
    return list(walk(docs))
