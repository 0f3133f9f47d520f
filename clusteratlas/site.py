"""Orchestration: check the data, generate docs/, build the site with MkDocs.

`ensure_generated` is what the engine glue calls; `build` adds the safe swap of site/: MkDocs builds
into a fresh folder, and only a successful strict build replaces the previous site.
"""
from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import jinja2

from . import buildstate, safefs, timing
from .bundle import bundle_name, project_version, write_zip
from .charts.fonts import FontMissing
from .charts.render import chart_csv, render_charts
from .charts.spec import chart_specs
from .cite import Citer, build_date
from .context import build_pages
from .downloads import download_files
from .engine.runs import MkDocsRun, ZensicalRun, wait
from .environment import check_environment
from .errors import BuildFailed, DataError, Problem
from .i18n import LANGS, Catalog, bilingual
from .layout import HAND_WRITTEN, OWNED_DIRS, OWNED_FILES, chart_path, page_path
from .load import Dataset, load
from .lock import build_lock
from .markdown import first_heading, plain
from .output import WriteReport, write_tree
from .progress import Progress
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
    def content(self) -> Path: return self.root / "content"   # hand-written pages (layout.HAND_WRITTEN)
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
    unverified: list[str]   # stored copies of sources not found: their quotes went unchecked


def checked(paths: Paths = Paths()) -> Checked:
    """Everything a build reads, checked before anything is written: the environment, the data,
    the string catalog, the redirects, and the characters charts will draw. Raises DataError
    listing every problem found."""
    from .charts.glyphs import glyph_problems
    from .validate import validate
    problems: list[Problem] = []
    unverified: list[str] = []

    def collect(step):   # every file's problems in one report, not only the first file's
        try:
            return step()
        except DataError as e:
            problems.extend(e.problems)

    collect(check_environment)
    from .safefs import link_problems, name_problems
    problems.extend(link_problems(paths.root) + name_problems(paths.root))
    ds = collect(lambda: validate(load(paths.data)))
    if ds is not None:
        from .provenance import provenance
        checked_quotes = provenance(ds, paths.root)
        problems.extend(checked_quotes.problems)
        unverified = checked_quotes.unverified
    catalog = collect(lambda: Catalog.load(paths.templates / "strings.yaml"))
    collect(lambda: load_redirects(paths.root / "urls" / "redirects.yaml"))
    if problems:
        raise DataError(problems)
    specs = chart_specs(ds, catalog)
    problems += glyph_problems(ds, specs, [catalog.text("chart.source", lang) for lang in LANGS])
    if problems:
        raise DataError(problems)
    return Checked(ds, catalog, specs, unverified)


def check(paths: Paths = Paths()) -> Dataset:
    """checked(), for callers that need only the dataset."""
    return checked(paths).ds


def render_all(paths: Paths = Paths(), log=print, progress: Progress | None = None) -> dict[str, bytes]:
    """Every generated file, in memory: docs-relative path → bytes. Writes nothing to docs/.
    Inside timing.collecting(), timings and counts are recorded for reports and benchmarks."""
    with timing.step("load_validate"):
        c = checked(paths)
    ds, catalog, specs = c.ds, c.catalog, c.specs
    with timing.step("render"):
        files = _render_pages(paths, ds, catalog, specs)
    with timing.step("charts"):
        svgs, chart_stats = render_charts(specs, {lang: catalog.text("chart.source", lang) for lang in LANGS},
                                          paths.cache / "charts", progress=progress or Progress(log=log, live=False))
    with timing.step("render"):
        for spec in specs:
            files[chart_path(spec, "svg")] = svgs[spec["id"]]["wide"]
            files[chart_path(spec, "svg", variant="narrow")] = svgs[spec["id"]]["narrow"]
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
    cite = Citer(catalog)
    for page in build_pages(ds, catalog, {s["id"]: s for s in specs}):
        if page.path in files:  # two pages must never write one file
            problems.append(Problem("data/", 0, page.path, f"two pages would be written to {page.path}"))
        try:
            files[page.path] = (render(page, env) + cite(page.path, plain(page.context["title"]))).encode("utf-8")
        except jinja2.TemplateError as e:
            failed.setdefault(template_problem(e, paths.templates, f"pages/{page.template}"), []).append(page.path)
    for p, pages in failed.items():
        more = f", and {len(pages) - 1} more page{'s' if len(pages) > 2 else ''}" if len(pages) > 1 else ""
        problems.append(Problem(p.file, p.line, p.field, f"{p.message} (while writing {pages[0]}{more})", p.hint))
    if problems:
        raise DataError(problems)
    for name in HAND_WRITTEN:   # content/about.md → docs/about.md, with its citation block
        for lang in LANGS:
            path = page_path(name, lang)
            text = (paths.content / path).read_text(encoding="utf-8")
            files[path] = (text + cite(path, first_heading(text))).encode("utf-8")
    return files


def generate(paths: Paths = Paths(), log=print, progress: Progress | None = None) -> WriteReport:
    with build_lock(paths.root, log=log):
        return _generate(paths, log, progress)


def ensure_generated(paths: Paths = Paths(), log=print) -> WriteReport | None:
    """generate(), unless docs/ already holds what it would write (the engine glue calls this
    before every engine build; under `clusteratlas build` the pages were generated just before)."""
    if buildstate.generated_fresh(paths.root):
        return None
    from .lock import held_by_parent
    if held_by_parent(paths.root):   # generating would wait for the build that started this engine
        raise DataError([Problem("docs/", 0, "", "an input of the pages changed while the build was running",
                                 "run the build again (`make site`)")])
    try:
        return generate(paths, log=log)
    except FontMissing as e:   # as a located problem: `mkdocs serve` shows it in the browser
        raise DataError([Problem(".cache/fonts/", 0, "", str(e), "run `make fonts`")]) from e


def _generate(paths: Paths, log, progress: Progress | None = None) -> WriteReport:
    t0 = time.perf_counter()
    key = buildstate.generate_key(paths.root)
    buildstate.forget(paths.root, buildstate.GENERATE_STATE)
    with timing.collecting() as stats:
        files = render_all(paths, log=log, progress=progress)
    report = write_tree(paths.docs, files, owned_dirs=list(OWNED_DIRS), owned_files=list(OWNED_FILES))
    buildstate.record_generated(paths.root, key)
    report.charts_rendered = stats["charts_rendered"]
    stats.update(written=len(report.written), removed=len(report.removed), generate_s=time.perf_counter() - t0)
    timing.record("generate", stats)
    log(f"clusteratlas: {len(files)} files — {len(report.written)} written, {report.unchanged} unchanged, "
        f"{len(report.removed)} removed; {stats['charts_rendered']} of {stats['charts']} charts rendered "
        f"({time.perf_counter() - t0:.2f} s)")
    return report


ENGINES = ("mkdocs", "zensical")


def build(paths: Paths = Paths(), site_dir: Path | None = None, log=print, offline: bool = True, force: bool = False,
          engine: str = "mkdocs") -> Path:
    """Generate; build site/ (and the offline zip in dist/) into new folders; swap in on success.

    Nothing that existed before is replaced unless every step succeeded. When no input of the
    build changed since the last successful one (buildstate.py), the site and bundle are reused.
    With engine "zensical" (engine/zensical.py) the site is built by Zensical, without the bundle.
    """
    with build_lock(paths.root, log=log), Progress(log=log) as progress:
        return _build(paths, site_dir or paths.root / "site", log, offline and engine == "mkdocs", force, progress, engine)


def _build(paths: Paths, site_dir: Path, log, offline: bool, force: bool, progress: Progress, engine: str = "mkdocs") -> Path:
    bundle = paths.root / "dist" / f"{bundle_name()}.zip"
    outputs = [site_dir, bundle] if offline else [site_dir]
    key = buildstate.inputs_key(paths.root, site_dir, offline, engine=engine)
    if not force and buildstate.unchanged(paths.root, key, outputs):
        log(f"clusteratlas: no input changed since the last build; {_relative(site_dir, paths.root)}"
            + (f" and {_relative(bundle, paths.root)}" if offline else "") + " are up to date (`clusteratlas build --force` rebuilds)")
        timing.record("reused", {})
        return site_dir
    buildstate.forget(paths.root)   # from here on the outputs change; only success records them again
    generate(paths, log=log, progress=progress)
    # Both MkDocs builds at once: each is one busy core for most of its run.
    engine_run = ZensicalRun if engine == "zensical" else MkDocsRun
    runs = [engine_run(paths, site_dir.with_name(site_dir.name + ".new"), False, progress)]
    if offline:
        runs.append(MkDocsRun(paths, site_dir.with_name(site_dir.name + ".offline"), True, progress))
    wait(runs)
    # site/ and dist/ change together or not at all: the zip is made beside its place, the site
    # swapped in, and only then the zip renamed into place. Any failure (a full disk, a read-only
    # site/, dist/ that is a file) removes the scratch and leaves both as they were.
    new_bundle = bundle.with_name(bundle.name + ".new")
    try:
        if offline:
            zipping = progress.start("offline bundle: zip")
            readme = bilingual(Catalog.load(paths.templates / "strings.yaml"), "readme.bundle", version=project_version())
            write_zip(runs[1].out, new_bundle, readme)
            safefs.remove(runs[1].out)
            timing.record("zip", {"seconds": zipping.finish(_relative(bundle, paths.root))})
        old = site_dir.with_name(site_dir.name + ".old")
        safefs.remove(old)
        if site_dir.exists() or site_dir.is_symlink():
            site_dir.rename(old)   # a link is renamed as a link: its target is never touched
        try:
            runs[0].out.rename(site_dir)
        except OSError:
            if old.exists() or old.is_symlink():
                old.rename(site_dir)   # put the previous site back
            raise
        if offline:
            os.replace(new_bundle, bundle)
        safefs.remove(old)
    except OSError as e:
        for scratch in (*(run.out for run in runs), new_bundle, new_bundle.with_name(new_bundle.name + ".tmp")):
            try:
                safefs.remove(scratch)
            except OSError:
                pass
        raise BuildFailed(f"{safefs.os_reason(e)}; the scratch was removed and the previous site/ and dist/ are untouched") from e
    # The key of the inputs as they are now (generation rewrote docs/): the next build compares with it.
    buildstate.record(paths.root, buildstate.inputs_key(paths.root, site_dir, offline, engine=engine), outputs)
    log(f"clusteratlas: site in {site_dir}" + (f", offline bundle {_relative(bundle, paths.root)}" if offline else ""))
    return site_dir


def _relative(p: Path, root: Path) -> str:
    return p.relative_to(root).as_posix() if p.is_relative_to(root) else str(p)


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


