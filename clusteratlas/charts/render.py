"""Render chart specs to SVG, re-rendering only what changed, on all cores.

A chart's cache key hashes its spec, the source note, the style (draw.py, tilegrid.py), the
matplotlib version and the font files' sizes. Unchanged charts are read back from the cache, so a
no-change rebuild renders nothing; output files are then written only if their bytes differ.
"""
from __future__ import annotations

import hashlib
import json
import os
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import matplotlib

from ..csvsafe import to_csv
from . import draw as draw_module


def style_hash() -> str:
    h = hashlib.sha256()
    here = Path(__file__).parent
    for name in ("draw.py", "tilegrid.py", "render.py"):
        h.update((here / name).read_bytes())
    h.update(matplotlib.__version__.encode())
    for f in draw_module.FONT_FILES:
        p = draw_module.FONT_DIR / f
        h.update(f"{f}:{p.stat().st_size if p.exists() else 0}".encode())
    return h.hexdigest()


def chart_key(spec: dict, note: str, style: str) -> str:
    payload = json.dumps([spec, note, style], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


def _draw_job(args: tuple[dict, str]) -> bytes:
    spec, note = args
    return draw_module.draw(spec, note)


class RenderStats:
    def __init__(self):
        self.rendered = 0
        self.cached = 0
        self.seconds = 0.0


def render_charts(specs: list[dict], notes: dict[str, str], cache_dir: Path, log=print, workers: int | None = None) -> tuple[dict[str, bytes], RenderStats]:
    """chart id → SVG bytes for every spec; renders the cache misses in parallel."""
    stats = RenderStats()
    t0 = time.perf_counter()
    cache_dir.mkdir(parents=True, exist_ok=True)
    style = style_hash()
    keys = {s["id"]: chart_key(s, notes[s["lang"]], style) for s in specs}
    out: dict[str, bytes] = {}
    todo = []
    for s in specs:
        cached = cache_dir / f"{keys[s['id']]}.svg"
        if cached.is_file():
            out[s["id"]] = cached.read_bytes()
        else:
            todo.append(s)
    stats.cached = len(out)
    if todo:
        draw_module.setup()   # fail fast (missing font) before starting workers
        workers = workers or min(len(todo), os.cpu_count() or 1)
        log(f"clusteratlas: rendering {len(todo)} charts on {workers} core{'s' if workers > 1 else ''} "
            f"({stats.cached} unchanged, from cache)")
        jobs = [(s, notes[s["lang"]]) for s in todo]
        if workers > 1:
            with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork")) as pool:
                results = list(pool.map(_draw_job, jobs, chunksize=max(1, len(jobs) // (workers * 4))))
        else:
            results = [_draw_job(j) for j in jobs]
        for s, svg in zip(todo, results, strict=True):
            out[s["id"]] = svg
            tmp = cache_dir / f".{keys[s['id']]}.tmp"
            tmp.write_bytes(svg)
            os.replace(tmp, cache_dir / f"{keys[s['id']]}.svg")
        stats.rendered = len(todo)
    stats.seconds = time.perf_counter() - t0
    return out, stats


def chart_csv(spec: dict) -> bytes:
    """The data table of a chart as CSV, UTF-8 with a BOM so that spreadsheet programs read Chinese correctly."""
    return ("\ufeff" + to_csv(spec["columns"], spec["rows"])).encode("utf-8")
