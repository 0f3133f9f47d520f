"""Orchestration: check the data, generate docs/, build the site with MkDocs.

`generate` is what the MkDocs hook calls; `build` adds the safe swap of site/: MkDocs builds
into a fresh folder, and only a successful strict build replaces the previous site.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from .charts.render import chart_csv, render_charts
from .charts.spec import chart_specs
from .context import CHART_DIR, SECTIONS, build_pages, chart_path
from .errors import DataError, Problem
from .i18n import LANGS, SUFFIX, Catalog
from .load import Dataset, load
from .output import WriteReport, write_tree
from .render import environment, render

ROOT = Path(__file__).resolve().parent.parent
# Files the generator owns beside hand-written pages in docs/ (sections are wholly owned).
OWNED_FILES = [f"{name}{SUFFIX[lang]}.md" for name in ("index", "glossary") for lang in LANGS]


@dataclass
class Paths:
    root: Path = ROOT

    @property
    def data(self) -> Path: return self.root / "data"
    @property
    def templates(self) -> Path: return self.root / "templates"
    @property
    def docs(self) -> Path: return self.root / "docs"
    @property
    def cache(self) -> Path:
        # Content-addressed, so one cache may serve several checkouts (tests share the repo's).
        return Path(os.environ.get("CLUSTERATLAS_CACHE_DIR", self.root / ".cache"))


def check(paths: Paths = Paths()) -> Dataset:
    """Load and validate all data; raise DataError listing every problem."""
    from .validate import validate
    ds = load(paths.data)
    validate(ds)
    return ds


def render_all(paths: Paths = Paths(), log=print, stats: dict | None = None) -> dict[str, bytes]:
    """Every generated file, in memory: docs-relative path → bytes. Writes nothing to docs/.

    `stats`, if given, receives counts for reports and benchmarks (charts rendered/cached).
    """
    ds = check(paths)
    catalog = Catalog.load(paths.templates / "strings.yaml")
    env = environment(paths.templates)
    specs = chart_specs(ds, catalog)
    svgs, chart_stats = render_charts(specs, {lang: catalog.text("chart.source", lang) for lang in LANGS},
                                      paths.cache / "charts", log=log)
    if stats is not None:
        stats.update(charts=len(specs), charts_rendered=chart_stats.rendered, charts_seconds=chart_stats.seconds)
    files: dict[str, bytes] = {}
    for spec in specs:
        files[chart_path(spec, "svg")] = svgs[spec["id"]]
        files[chart_path(spec, "csv")] = chart_csv(spec)
    problems = []
    for page in build_pages(ds, catalog, {s["id"]: s for s in specs}):
        if page.path in files:  # two pages must never write one file
            problems.append(Problem("data/", 0, page.path, f"two pages would be written to {page.path}"))
        files[page.path] = render(page, env).encode("utf-8")
    if problems:
        raise DataError(problems)
    return files


def generate(paths: Paths = Paths(), log=print) -> WriteReport:
    t0 = time.perf_counter()
    stats: dict = {}
    files = render_all(paths, log=log, stats=stats)
    report = write_tree(paths.docs, files, owned_dirs=[*SECTIONS, CHART_DIR], owned_files=OWNED_FILES)
    report.charts_rendered = stats["charts_rendered"]
    log(f"clusteratlas: {len(files)} files — {len(report.written)} written, {report.unchanged} unchanged, "
        f"{len(report.removed)} removed; {stats['charts_rendered']} of {stats['charts']} charts rendered "
        f"({time.perf_counter() - t0:.2f} s)")
    return report


def build(paths: Paths = Paths(), site_dir: Path | None = None, log=print) -> Path:
    """Generate, then `mkdocs build --strict` into a new folder and swap it in on success."""
    site_dir = site_dir or paths.root / "site"
    generate(paths, log=log)
    tmp = site_dir.with_name(site_dir.name + ".new")
    old = site_dir.with_name(site_dir.name + ".old")
    for p in (tmp, old):
        shutil.rmtree(p, ignore_errors=True)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(paths.root / "mkdocs.yml"), "-d", str(tmp)]
    t0 = time.perf_counter()
    result = subprocess.run(cmd, cwd=paths.root, env=env)
    if result.returncode != 0:
        shutil.rmtree(tmp, ignore_errors=True)
        raise BuildFailed(f"mkdocs build failed (exit {result.returncode}); the previous {site_dir.name}/ is untouched")
    if site_dir.exists():
        site_dir.rename(old)
    tmp.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
    log(f"clusteratlas: site built in {site_dir} ({time.perf_counter() - t0:.1f} s)")
    return site_dir


class BuildFailed(RuntimeError):
    pass
