"""Generation: the checked data rendered into docs/ (pages, charts, downloads, About with its
citation block), written only where bytes changed. `ensure_generated` is what the engine glue
calls before every engine build.
"""

from __future__ import annotations

import shutil
import time

import jinja2

from .. import timing
from ..charts.cards import cached_cards, render_cards
from ..charts.fonts import FontMissing
from ..charts.render import chart_csv, render_charts
from ..dataset.provenance import unverified_note
from ..downloads.tables import download_files
from ..errors import DataError, Problem
from ..i18n import LANGS
from ..pages.assemble import build_pages, hand_written_pages
from ..pages.atlas import Atlas
from ..pages.cite import Citer
from ..pages.embeds import EMBED_TEMPLATE, embed_pages
from ..pages.feed import feeds
from ..pages.template_envs import environment
from ..pages.templating import render, template_problem
from ..paths import BUILD_OUTPUTS, OWNED_DIRS, OWNED_FILES, Paths, card_path, chart_path, generated_docs_paths
from ..progress import Progress
from ..releases.history import is_release
from . import buildstate
from .check import checked
from .lock import build_lock, held_by_parent
from .output import WriteReport, write_files, write_tree


def render_all(
    paths: Paths = Paths(), log=print, progress: Progress | None = None, settings=None, defer_cards: dict | None = None
) -> dict[str, bytes]:
    """Every generated file, in memory: docs-relative path → bytes. Writes nothing to docs/.
    Inside timing.collecting(), timings and counts are recorded for reports and benchmarks.
    `settings`: the build's (settings.read_settings), read here when not given. `defer_cards`: a
    dict that receives the cards the cache does not hold (path → spec), left out of the files, for
    the build to draw while the engine runs (cards.py; no page or engine reads a card)."""
    with timing.step("load_validate"):
        c = checked(paths, settings)
    for path in c.unverified:  # said on every build, not only by `make check`
        log(unverified_note(path))
    ds, catalog, specs = c.ds, c.catalog, c.specs
    with timing.step("render"):
        atlas = Atlas(ds, catalog, c.settings, c.history, {s["id"]: s for s in specs})
        files, cards, shown_on = _render_pages(paths, atlas, c.hand_written)
    progress = progress or Progress(log=log, live=False)
    with timing.step("charts"):
        svgs, chart_stats = render_charts(
            specs,
            {lang: catalog.text("chart.source", lang) for lang in LANGS},
            paths.cache / "charts",
            progress=progress,
        )
        if defer_cards is None:
            pictures, cards_drawn = render_cards(cards, paths.cache / "cards", progress=progress)
        else:
            pictures, missing = cached_cards(cards, paths.cache / "cards")
            defer_cards.update(missing)
            cards_drawn = 0
        files.update(pictures)
    with timing.step("render"):
        for spec in specs:
            files[chart_path(spec, "svg")] = svgs[spec["id"]]["wide"]
            files[chart_path(spec, "svg", variant="narrow")] = svgs[spec["id"]]["narrow"]
            files[chart_path(spec, "csv")] = chart_csv(spec)
        try:
            files.update(embed_pages(specs, shown_on, catalog, paths.templates, c.settings.site_url))
        except jinja2.TemplateError as e:  # templates/embed.html.j2 is edited by people: its file and line
            raise DataError([template_problem(e, paths.templates, EMBED_TEMPLATE)]) from e
        files.update(download_files(ds, catalog, c.settings.version, c.settings.today, c.licence))
        files.update(feeds(atlas))
    timing.count(
        pages=sum(p.endswith(".md") for p in files),
        charts=len(specs),
        charts_rendered=chart_stats.rendered,
        cards=len(cards),
        cards_drawn=cards_drawn,
    )
    return files


def _render_pages(
    paths: Paths, atlas: Atlas, hand_written: dict[str, str]
) -> tuple[dict[str, bytes], dict[str, dict], dict[str, str]]:
    """Every page's Markdown (docs-relative path → bytes), every card to draw (card path → spec),
    and for every chart the page that shows it (chart id → docs path; the embed's link back)."""
    # Pages first: they need the chart specs, not the drawings, and a template mistake should
    # be reported in a second, not after every chart has been drawn.
    env = environment(paths.templates)
    files: dict[str, bytes] = {}
    cards: dict[str, dict] = {}
    shown_on: dict[str, str] = {}
    problems: list[Problem] = []
    failed: dict[Problem, list[str]] = {}  # one report per template mistake, naming the pages it broke
    # Only a build of a release's own data offers /v/<version>/: later edits are not in that copy.
    cite = Citer(atlas.cat, atlas.settings, released=is_release(atlas.history, atlas.version))
    pages = build_pages(atlas, cite) + hand_written_pages(hand_written, atlas, cite)
    for page in pages:
        if page.path in files:  # two pages must never write one file
            problems.append(Problem("data/", 0, page.path, f"two pages would be written to {page.path}"))
        try:
            files[page.path] = render(page, env).encode("utf-8")
            cards[card_path(page.path)] = page.card
            for chart in page.charts:
                shown_on.setdefault(f"{chart['name']}-{page.lang}", page.path)
        except jinja2.TemplateError as e:
            failed.setdefault(template_problem(e, paths.templates, f"pages/{page.template}"), []).append(page.path)
    for p, broken in failed.items():
        more = f", and {len(broken) - 1} more page{'s' if len(broken) > 2 else ''}" if len(broken) > 1 else ""
        problems.append(Problem(p.file, p.line, p.field, f"{p.message} (while writing {broken[0]}{more})", p.hint))
    if problems:
        raise DataError(problems)
    return files, cards, shown_on


def generate(
    paths: Paths = Paths(), log=print, progress: Progress | None = None, settings=None, defer_cards: dict | None = None
) -> WriteReport:
    with build_lock(paths.root, log=log):
        return _generate(paths, log, progress, settings, defer_cards)


def draw_deferred_cards(paths: Paths, cards: dict[str, dict], progress: Progress | None = None) -> dict[str, bytes]:
    """The cards generate() left to draw (`defer_cards`), drawn in this process — on the core the
    engine leaves free (`clusteratlas build` runs this while MkDocs builds)."""
    with timing.step("cards"):
        pictures, drawn = render_cards(cards, paths.cache / "cards", progress=progress, workers=1)
    timing.count(cards_drawn=drawn)
    return pictures


def place_deferred_cards(paths: Paths, pictures: dict[str, bytes], key: str) -> None:
    """The deferred cards written into docs/ (as generate() would have), and docs/ recorded as
    fresh again under the key generation was given (the inputs it read)."""
    write_files(paths.docs, pictures)
    buildstate.record_generated(paths.root, key)


def ensure_generated(paths: Paths = Paths(), log=print) -> WriteReport | None:
    """generate(), unless docs/ already holds what it would write (the engine glue calls this
    before every engine build; under `clusteratlas build` the pages were generated just before)."""
    if buildstate.generated_fresh(paths.root):
        return None
    if held_by_parent(paths.root):  # generating would wait for the build that started this engine
        raise DataError(
            [
                Problem(
                    "docs/",
                    0,
                    "",
                    "an input of the pages changed while the build was running",
                    "run the build again (`make site`)",
                )
            ]
        )
    try:
        return generate(paths, log=log)
    except FontMissing as e:  # as a located problem: `mkdocs serve` shows it in the browser
        raise DataError([Problem(".cache/fonts/", 0, "", str(e), "run `make fonts`")]) from e


def _generate(
    paths: Paths, log, progress: Progress | None = None, settings=None, defer_cards: dict | None = None
) -> WriteReport:
    t0 = time.perf_counter()
    key = buildstate.generate_key(paths.root)
    buildstate.forget(paths.root, buildstate.GENERATE_STATE)
    with timing.collecting() as stats:
        files = render_all(paths, log=log, progress=progress, settings=settings, defer_cards=defer_cards)
    # Deferred cards are not written yet, but they are not stale either: left where they are.
    keep = {p for p in defer_cards or () if (paths.docs / p).is_file()}
    report = write_tree(paths.docs, files, owned_dirs=list(OWNED_DIRS), owned_files=list(OWNED_FILES), keep=keep)
    report.key = key
    buildstate.record_generated(paths.root, key)
    report.charts_rendered = stats["charts_rendered"]
    stats.update(written=len(report.written), removed=len(report.removed), generate_s=time.perf_counter() - t0)
    timing.record("generate", stats)
    log(
        f"clusteratlas: {len(files)} files — {len(report.written)} written, {report.unchanged} unchanged, "
        f"{len(report.removed)} removed; {stats['charts_rendered']} of {stats['charts']} charts rendered "
        f"({time.perf_counter() - t0:.2f} s)"
    )
    return report


def clean(paths: Paths = Paths()) -> list[str]:
    """Remove every generated and built path (paths.py lists them); return what was removed.
    The chart cache (.cache/) stays: it is content-addressed and saves minutes."""
    removed = []
    with build_lock(paths.root):
        for rel, base in [
            *((r, paths.docs) for r in generated_docs_paths()),
            *((r, paths.root) for r in BUILD_OUTPUTS),
        ]:
            target = base / rel
            if target.is_dir() and not target.is_symlink():
                shutil.rmtree(target)
            elif target.exists() or target.is_symlink():
                target.unlink()
            else:
                continue
            removed.append(target.relative_to(paths.root).as_posix())
    return removed
