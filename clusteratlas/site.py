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

import jinja2

from . import timing
from .bundle import bundle_name, project_version, write_zip
from .charts.render import chart_csv, render_charts
from .charts.spec import chart_specs
from .cite import build_date
from .context import build_pages
from .downloads import download_files
from .environment import check_environment
from .errors import DataError, Problem
from .i18n import LANGS, Catalog, bilingual
from .layout import OWNED_DIRS, OWNED_FILES, chart_path
from .load import Dataset, load
from .lock import build_lock
from .output import WriteReport, write_tree
from .render import environment, render, template_problem
from .urls import load_redirects

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
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


@dataclass
class Checked:
    """What check() read and found sound, handed on so that generation reads nothing twice."""
    ds: Dataset
    catalog: Catalog
    specs: list[dict]


def checked(paths: Paths = Paths()) -> Checked:
    """Everything a build reads, checked before anything is written: the environment, the data,
    the string catalog, the redirects, and the characters charts will draw. Raises DataError
    listing every problem found."""
    from .charts.glyphs import glyph_problems
    from .validate import validate
    problems: list[Problem] = []

    def collect(step):   # every file's problems in one report, not only the first file's
        try:
            return step()
        except DataError as e:
            problems.extend(e.problems)

    collect(check_environment)
    ds = collect(lambda: validate(load(paths.data)))
    catalog = collect(lambda: Catalog.load(paths.templates / "strings.yaml"))
    collect(lambda: load_redirects(paths.root / "urls" / "redirects.yaml"))
    if problems:
        raise DataError(problems)
    specs = chart_specs(ds, catalog)
    problems += glyph_problems(ds, specs, [catalog.text("chart.source", lang) for lang in LANGS])
    if problems:
        raise DataError(problems)
    return Checked(ds, catalog, specs)


def check(paths: Paths = Paths()) -> Dataset:
    """checked(), for callers that need only the dataset."""
    return checked(paths).ds


def render_all(paths: Paths = Paths(), log=print) -> dict[str, bytes]:
    """Every generated file, in memory: docs-relative path → bytes. Writes nothing to docs/.
    Inside timing.collecting(), timings and counts are recorded for reports and benchmarks."""
    with timing.step("load_validate"):
        c = checked(paths)
    ds, catalog, specs = c.ds, c.catalog, c.specs
    with timing.step("render"):
        files = _render_pages(paths, ds, catalog, specs)
    with timing.step("charts"):
        svgs, chart_stats = render_charts(specs, {lang: catalog.text("chart.source", lang) for lang in LANGS},
                                          paths.cache / "charts", log=log)
    with timing.step("render"):
        for spec in specs:
            files[chart_path(spec, "svg")] = svgs[spec["id"]]
            files[chart_path(spec, "csv")] = chart_csv(spec)
        licence = (paths.root / "LICENSE").read_text(encoding="utf-8") if (paths.root / "LICENSE").exists() else "CC BY 4.0"
        files.update(download_files(ds, catalog, project_version(), build_date().year, licence))
    timing.count(pages=sum(p.endswith(".md") for p in files), charts=len(specs), charts_rendered=chart_stats.rendered)
    return files


def _render_pages(paths: Paths, ds: Dataset, catalog: Catalog, specs: list[dict]) -> dict[str, bytes]:
    # Pages first: they need the chart specs, not the drawings, and a template mistake should
    # be reported in a second, not after every chart has been drawn.
    env = environment(paths.templates)
    files: dict[str, bytes] = {}
    problems: list[Problem] = []
    failed: dict[Problem, list[str]] = {}   # one report per template mistake, naming the pages it broke
    for page in build_pages(ds, catalog, {s["id"]: s for s in specs}):
        if page.path in files:  # two pages must never write one file
            problems.append(Problem("data/", 0, page.path, f"two pages would be written to {page.path}"))
        try:
            files[page.path] = render(page, env).encode("utf-8")
        except jinja2.TemplateError as e:
            failed.setdefault(template_problem(e, paths.templates), []).append(page.path)
    for p, pages in failed.items():
        more = f", and {len(pages) - 1} more page{'s' if len(pages) > 2 else ''}" if len(pages) > 1 else ""
        problems.append(Problem(p.file, p.line, p.field, f"{p.message} (while writing {pages[0]}{more})", p.hint))
    if problems:
        raise DataError(problems)
    return files


def generate(paths: Paths = Paths(), log=print) -> WriteReport:
    with build_lock(paths.root, log=log):
        return _generate(paths, log)


def _generate(paths: Paths, log) -> WriteReport:
    t0 = time.perf_counter()
    with timing.collecting() as stats:
        files = render_all(paths, log=log)
    report = write_tree(paths.docs, files, owned_dirs=list(OWNED_DIRS), owned_files=list(OWNED_FILES))
    report.charts_rendered = stats["charts_rendered"]
    stats.update(written=len(report.written), removed=len(report.removed), generate_s=time.perf_counter() - t0)
    timing.record("generate", stats)
    log(f"clusteratlas: {len(files)} files — {len(report.written)} written, {report.unchanged} unchanged, "
        f"{len(report.removed)} removed; {stats['charts_rendered']} of {stats['charts']} charts rendered "
        f"({time.perf_counter() - t0:.2f} s)")
    return report


def build(paths: Paths = Paths(), site_dir: Path | None = None, log=print, offline: bool = True) -> Path:
    """Generate; build site/ (and the offline zip in dist/) into new folders; swap in on success.

    Nothing that existed before is replaced unless every step succeeded.
    """
    with build_lock(paths.root, log=log):
        return _build(paths, site_dir or paths.root / "site", log, offline)


def _build(paths: Paths, site_dir: Path, log, offline: bool) -> Path:
    generate(paths, log=log)
    new_site = _mkdocs(paths, site_dir.with_name(site_dir.name + ".new"), offline=False, log=log)
    bundle = None
    if offline:
        offline_dir = _mkdocs(paths, site_dir.with_name(site_dir.name + ".offline"), offline=True, log=log)
        t0 = time.perf_counter()
        readme = bilingual(Catalog.load(paths.templates / "strings.yaml"), "readme.bundle", version=project_version())
        bundle = write_zip(offline_dir, paths.root / "dist" / f"{bundle_name()}.zip", readme)
        shutil.rmtree(offline_dir)
        timing.record("zip", {"seconds": time.perf_counter() - t0})
    old = site_dir.with_name(site_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    new_site.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
    log(f"clusteratlas: site in {site_dir}" + (f", offline bundle {bundle.relative_to(paths.root)}" if bundle else ""))
    return site_dir


def _mkdocs(paths: Paths, out: Path, offline: bool, log=print) -> Path:
    """`mkdocs build --strict` into `out`: the same build as a plain `mkdocs build` (the hook does
    the post-processing, see postbuild.py). Raises BuildFailed."""
    shutil.rmtree(out, ignore_errors=True)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", CLUSTERATLAS_OFFLINE="true" if offline else "false",
               CLUSTERATLAS_GENERATED="1")   # generate() just ran: the hook need not repeat it
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(paths.root / "mkdocs.yml"), "-d", str(out)]
    t0 = time.perf_counter()
    result = subprocess.run(cmd, cwd=paths.root, env=env)
    if result.returncode != 0:
        shutil.rmtree(out, ignore_errors=True)
        raise BuildFailed(f"mkdocs build{' (offline)' if offline else ''} failed (exit {result.returncode}); "
                          "the previous site/ and dist/ are untouched")
    timing.record("mkdocs", {"offline": offline, "seconds": time.perf_counter() - t0})
    log(f"clusteratlas: mkdocs {'offline ' if offline else ''}build {time.perf_counter() - t0:.1f} s")
    return out


def clean(paths: Paths = Paths()) -> list[str]:
    """Remove every generated and built path (layout.py lists them); return what was removed.
    The chart cache (.cache/) stays: it is content-addressed and saves minutes."""
    from .layout import BUILD_OUTPUTS, generated_docs_paths
    removed = []
    with build_lock(paths.root):
        for rel, base in [*((r, paths.docs) for r in generated_docs_paths()), *((r, paths.root) for r in BUILD_OUTPUTS)]:
            target = base / rel
            if target.is_dir() and not target.is_symlink():
                shutil.rmtree(target)
            elif target.exists() or target.is_symlink():
                target.unlink()
            else:
                continue
            removed.append(target.relative_to(paths.root).as_posix())
    return removed


class BuildFailed(RuntimeError):
    pass
