"""Render chart specs to SVG: each distinct plain chart once, cached by content, on all cores.

A spec's drawing is its plain chart (highlight.plain) with its highlights applied by editing the
SVG (highlight.apply), so the 31 province maps share one rendering. A plain chart's cache key
hashes what the layouts read, the source note, the style (the chart modules' code, matplotlib's
version, the font files' sizes). Unchanged charts are read back from the cache: a no-change
rebuild renders nothing. matplotlib is imported only when something must be drawn.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from concurrent.futures import ProcessPoolExecutor
from importlib.metadata import version
from multiprocessing import get_context
from pathlib import Path
from xml.etree import ElementTree

from ..downloads.csvsafe import to_csv
from ..errors import DataError, Problem
from ..progress import Progress
from ..saferead import read_bytes
from . import highlight
from .fonts import FONT_DIR, FONT_FILES, check_font


def style_hash() -> str:
    h = hashlib.sha256()
    here = Path(__file__).parent
    # Every chart module: a new one changes the key too. Not the cards' (their key adds it), so
    # that a change to the cards redraws no chart.
    for module in sorted(m for m in here.glob("*.py") if m.name != "cards.py"):
        h.update(module.name.encode() + b"\0" + module.read_bytes())
    h.update(version("matplotlib").encode())
    for f in FONT_FILES:
        p = FONT_DIR / f
        h.update(f"{f}:{p.stat().st_size if p.exists() else 0}".encode())
    return h.hexdigest()


def chart_key(plain: dict, note: str, style: str) -> str:
    payload = json.dumps([plain, note, style], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


LAYOUTS = ("wide", "narrow")  # every chart in both: desktop, and phones (narrow.py)


def _draw_job(args: tuple[dict, str, str]) -> bytes:
    from .draw import draw_plain

    plain, note, layout = args
    return draw_plain(plain, note, layout)


class RenderStats:
    def __init__(self):
        self.rendered = 0  # plain charts drawn by matplotlib
        self.derived = 0  # highlighted variants made by editing a plain chart's SVG
        self.cached = 0  # plain charts read from the cache


def render_charts(
    specs: list[dict],
    notes: dict[str, str],
    cache_dir: Path,
    progress: Progress | None = None,
    workers: int | None = None,
) -> tuple[dict[str, dict[str, bytes]], RenderStats]:
    """chart id → {layout: SVG bytes} for every spec; shows the drawing as a step of `progress`."""
    stats = RenderStats()
    _cache_folder(cache_dir)
    style = style_hash()
    plains: dict[str, tuple[dict, str, str]] = {}  # key → (plain spec, note, layout): each distinct drawing once
    key_of: dict[tuple[str, str], str] = {}
    for s in specs:
        p = highlight.plain(s)
        for layout in LAYOUTS:
            key_of[s["id"], layout] = k = chart_key({**p, "layout": layout}, notes[s["lang"]], style)
            plains.setdefault(k, (p, notes[s["lang"]], layout))
    drawn: dict[str, bytes] = {}
    todo = []
    for k in plains:
        svg = _cached(cache_dir / f"{k}.svg")
        if svg is not None:
            drawn[k] = svg
        else:
            todo.append(k)
    stats.cached = len(drawn)
    if todo:
        results, bar = draw_and_store(
            {k: plains[k] for k in todo}, _draw_job, cache_dir, "svg", "charts", progress, workers
        )
        drawn.update(results)
        stats.rendered = len(todo)
    out = {}
    for s in specs:
        out[s["id"]] = {layout: highlight.apply(drawn[key_of[s["id"], layout]], s) for layout in LAYOUTS}
        stats.derived += bool(highlight.highlighted(s))
    if todo:
        bar.finish(f"{stats.cached} cached, {stats.derived} highlighted variants")
    return out, stats


def draw_and_store(
    jobs: dict,
    draw,
    cache_dir: Path,
    ext: str,
    what: str,
    progress: Progress | None = None,
    workers: int | None = None,
    setup: bool = True,
):
    """Draw every job (cache key → the argument of `draw`, a module-level function) on all cores
    and store each result in the cache as <key>.<ext>, written whole or not at all. Returns key →
    bytes and the progress bar, for the caller to finish with its own counts. The charts and the
    cards (cards.py) draw this way."""
    check_font()  # fail fast before starting workers
    if setup:  # the charts: matplotlib and the font loaded once, before forking (each worker inherits them)
        from . import style

        style.setup()
    workers = workers or min(len(jobs), os.cpu_count() or 1)
    bar = (progress or Progress(live=False)).start(
        f"{what}: drawing on {workers} core{'s' if workers > 1 else ''}", len(jobs)
    )
    results = []
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork")) as pool:
            for data in pool.map(draw, jobs.values()):
                results.append(data)
                bar.advance()
    else:
        for job in jobs.values():
            results.append(draw(job))
            bar.advance()
    out = {}
    for k, data in zip(jobs, results, strict=True):
        out[k] = data
        tmp = cache_dir / f".{k}.tmp"
        tmp.write_bytes(data)
        os.replace(tmp, cache_dir / f"{k}.{ext}")
    return out, bar


MAX_ENTRY = 4_000_000  # the largest chart is under 300 kB; a bigger entry is not ours

# What an SVG of ours never holds: script, event handlers, links out, foreign objects.
_UNSAFE = re.compile(
    rb"<script|<foreignObject|\son[a-z]+\s*=|javascript:|xlink:href=\"(?!#)|<!ENTITY|<!DOCTYPE[^>]*\[", re.I
)


def read_entry(path: Path, limit: int = MAX_ENTRY) -> bytes | None:
    """A cache entry's bytes: a regular file (never through a link, never a FIFO), at most `limit`
    bytes, or None. The caller verifies what it holds (the charts' SVG here, the cards' PNG in
    cards.py)."""
    if path.is_symlink():
        return None
    data, problems = read_bytes(path, str(path), limit=limit, kind="cache entry")
    return None if problems else data


def _cached(path: Path) -> bytes | None:
    """A cache entry, verified: a whole SVG (it parses, the root is <svg>) with nothing unsafe in
    it. An empty, truncated or tampered entry is not trusted: None, and the chart is drawn again."""
    data = read_entry(path)
    if not data:
        return None
    digest = hashlib.sha256(data).digest()
    if digest in _VERIFIED:
        return data
    if _UNSAFE.search(data):
        return None
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return None
    if root.tag != "{http://www.w3.org/2000/svg}svg":
        return None
    _VERIFIED.add(digest)
    return data


# Digests of entries that passed: under `mkdocs serve` every rebuild reads the same entries again,
# and the check costs ~5 ms an entry; the same bytes always pass.
_VERIFIED: set[bytes] = set()


def _cache_folder(cache_dir: Path) -> None:
    if cache_dir.is_symlink() or (cache_dir.exists() and not cache_dir.is_dir()):
        raise DataError(
            [
                Problem(
                    str(cache_dir),
                    0,
                    "",
                    "the chart cache is not a folder (a file or a link is in its place)",
                    f"remove it (rm {cache_dir}); the build makes the folder and redraws the charts",
                )
            ]
        )
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
    except (NotADirectoryError, FileExistsError):
        # A file where a folder above it belongs (.cache itself, or CLUSTERATLAS_CACHE_DIR): name it.
        blocker = next((p for p in cache_dir.parents if p.exists() and not p.is_dir()), cache_dir)
        raise DataError(
            [
                Problem(
                    str(blocker),
                    0,
                    "",
                    f"is a file where the build keeps its cache folder ({cache_dir})",
                    f"remove or rename it (rm {blocker}), or set CLUSTERATLAS_CACHE_DIR to a folder",
                )
            ]
        ) from None


def chart_csv(spec: dict) -> bytes:
    """The data table of a chart as CSV, UTF-8 with a BOM so that spreadsheet programs read Chinese correctly."""
    return ("\ufeff" + to_csv(spec["columns"], spec["rows"])).encode("utf-8")
