"""`clusteratlas build`: generate docs/, run the engine, derive the offline bundle from the built
site (offline.py), swap the new site in only when every step succeeded, or reuse the last site when
no input changed."""

from __future__ import annotations

import os
from pathlib import Path

from .. import safefs, timing
from ..errors import BuildFailed, DataError
from ..i18n import Catalog, bilingual
from ..paths import Paths, static_site_path
from ..progress import Progress
from ..settings import read_settings
from . import buildstate
from .ahead import Ahead
from .bundle import ZipStream, bundle_name
from .engine.runs import MkDocsRun, ZensicalRun, wait
from .generate import draw_deferred_cards, generate, place_deferred_cards
from .lock import build_lock
from .offline import derive_offline

ENGINES = ("mkdocs", "zensical")


def build(
    paths: Paths = Paths(),
    site_dir: Path | None = None,
    log=print,
    offline: bool = True,
    force: bool = False,
    engine: str = "mkdocs",
) -> Path:
    """Generate; build site/ (and the offline zip in dist/) into new folders; swap in on success.

    Nothing that existed before is replaced unless every step succeeded. When no input of the
    build changed since the last successful one (buildstate.py), the site and bundle are reused.
    With engine "zensical" (engine/zensical.py) the site is built by Zensical, without the bundle.
    """
    with build_lock(paths.root, log=log), Progress(log=log) as progress:
        return _build(
            paths, site_dir or paths.root / "site", log, offline and engine == "mkdocs", force, progress, engine
        )


def _build(
    paths: Paths, site_dir: Path, log, offline: bool, force: bool, progress: Progress, engine: str = "mkdocs"
) -> Path:
    settings = read_settings(paths.root)  # the site's address, the date, the version: once, for every stage
    bundle = paths.root / "dist" / f"{bundle_name(settings.version)}.zip"
    outputs = buildstate.build_outputs(paths.root, [site_dir, bundle] if offline else [site_dir])
    # Taken before anything is read: a save during the build makes the next build's key differ.
    key = buildstate.inputs_key(paths.root, site_dir, offline, engine=engine)
    if not force and buildstate.unchanged(paths.root, key, outputs):
        log(
            f"clusteratlas: no input changed since the last build; {_relative(site_dir, paths.root)}"
            + (f" and {_relative(bundle, paths.root)}" if offline else "")
            + " are up to date (`clusteratlas build --force` rebuilds)"
        )
        timing.record("reused", {})
        return site_dir
    buildstate.forget(paths.root)  # from here on the outputs change; only success records them again
    deferred: dict[str, dict] = {}  # the cards the cache lacks: drawn while the engine runs
    new_site = site_dir.with_name(site_dir.name + ".new")
    offline_dir = site_dir.with_name(site_dir.name + ".offline")
    new_bundle = bundle.with_name(bundle.name + ".new")
    # MkDocs starts now and loads its modules and jieba's dictionary while the pages are generated
    # (engine/mkdocs_child.py); it builds once they are, naming each page it writes: the bundle's
    # pages are derived from them meanwhile (ahead.Ahead), on the core MkDocs leaves idle.
    ahead = Ahead(new_site, offline_dir, paths.root, settings.site_url) if offline else None
    if engine == "zensical":
        run = ZensicalRun(paths, new_site, False, progress, settings)
    else:
        run = MkDocsRun(paths, new_site, False, progress, settings, written=ahead.page_written if ahead else None)
    try:
        try:
            report = generate(paths, log=log, progress=progress, settings=settings, defer_cards=deferred)
            if ahead:
                ahead.start()
        except BaseException:
            run.cancel()
            raise
        run.go()
        runs = [run]
        _draw_cards_beside(paths, runs, deferred, report.key, progress)
    except BaseException:  # the engine's scratch is gone already: so goes what was derived ahead
        if ahead:
            ahead.close()
            safefs.remove(offline_dir)
        raise
    stream = None
    # site/ and dist/ change together or not at all: the bundle is derived and zipped beside its
    # place, the site swapped in, and only then the zip renamed into place. Any failure (a page the
    # derivation cannot place, a full disk, a read-only site/, dist/ that is a file) removes the
    # scratch and leaves both as they were.
    try:
        if offline:
            # The bundle's pages are the site's, re-linked for file:// (offline.py): a second MkDocs
            # build took a core for as long as the site's, the core the cards are drawn on now. The
            # zip is written by a thread while the pages are derived (bundle.ZipStream).
            deriving = progress.start("offline bundle: derived from the site")
            readme = bilingual(
                Catalog.load(paths.templates / "strings.yaml"), "readme.bundle", version=settings.version
            )
            stream = ZipStream(offline_dir, new_bundle, readme, settings.version, deflated=ahead.deflated)
            taken = derive_offline(runs[0].out, offline_dir, paths.root, settings.site_url, stream.add, ahead)
            ahead.close()  # what it deflated is kept for the zip: its workers have all ended
            timing.record("offline", {"seconds": deriving.finish(f"{taken} pages while MkDocs built"), "ahead": taken})
            zipping = progress.start("offline bundle: zip")
            stream.finish()  # what is left to compress once the pages are derived
            safefs.remove(offline_dir)
            note = (
                f"{_relative(bundle, paths.root)}, {stream.ahead} of {stream.entries} files deflated while MkDocs built"
            )
            timing.record("zip", {"seconds": zipping.finish(note), "entries": stream.entries, "ahead": stream.ahead})
        old = site_dir.with_name(site_dir.name + ".old")
        safefs.remove(old)
        if site_dir.exists() or site_dir.is_symlink():
            site_dir.rename(old)  # a link is renamed as a link: its target is never touched
        try:
            runs[0].out.rename(site_dir)
        except OSError:
            if old.exists() or old.is_symlink():
                old.rename(site_dir)  # put the previous site back
            raise
        if offline:
            os.replace(new_bundle, bundle)
        safefs.remove(old)
    except (BuildFailed, DataError, OSError) as e:
        if ahead:
            ahead.close()  # before the scratch goes: no worker writes into it afterwards
        if stream is not None:
            stream.abort()
        for scratch in (runs[0].out, offline_dir, new_bundle, new_bundle.with_name(new_bundle.name + ".tmp")):
            try:
                safefs.remove(scratch)
            except OSError:
                pass
        reason = safefs.os_reason(e) if isinstance(e, OSError) else str(e) if isinstance(e, BuildFailed) else e.report()
        raise BuildFailed(f"{reason}; the scratch was removed and the previous site/ and dist/ are untouched") from e
    finally:
        if ahead:
            ahead.close()  # Ctrl-C: no worker left behind
    # Recorded with the key taken before generation, and only if the inputs are still what it
    # describes: an input saved during the build (an edit, a `git pull`, `make release`) may or may
    # not be in this site, so nothing is recorded and the next build rebuilds.
    if buildstate.inputs_key(paths.root, site_dir, offline, engine=engine) == key:
        buildstate.record(paths.root, key, outputs)
    else:
        log("clusteratlas: an input changed during the build; the next build will build again")
    log(f"clusteratlas: site in {site_dir}" + (f", offline bundle {_relative(bundle, paths.root)}" if offline else ""))
    return site_dir


def _draw_cards_beside(paths: Paths, runs: list, cards: dict[str, dict], key: str, progress: Progress) -> None:
    """Wait for the engine, drawing meanwhile the cards generation left out (no page and no engine
    reads a card: MkDocs is one busy core, the cards take the other); then put them into docs/ and
    into the built site, where the engine would have copied them. docs/ counts as fresh only once
    they are there: a failure forgets the generate state, and the next build generates again."""
    try:
        pictures = draw_deferred_cards(paths, cards, progress) if cards else {}
        wait(runs)
        for path, png in pictures.items():
            target = runs[0].out / static_site_path(path)
            target.parent.mkdir(parents=True, exist_ok=True)
            safefs.write_new(target, png)
        if pictures:
            place_deferred_cards(paths, pictures, key)
    except BaseException:  # a card, the engine, a full disk, Ctrl-C: no scratch left, docs/ not "fresh"
        for run in runs:
            if run.proc.poll() is None:
                run.proc.terminate()
                run.proc.wait()
            safefs.remove(run.out)
        if cards:
            buildstate.forget(paths.root, buildstate.GENERATE_STATE)
        raise


def _relative(p: Path, root: Path) -> str:
    return p.relative_to(root).as_posix() if p.is_relative_to(root) else str(p)
