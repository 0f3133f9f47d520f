"""`make release`: freeze this version's data package in releases/<version>/ for later builds to
compare with. The version is pyproject.toml's (bumped by hand, with CITATION.cff, beforehand)."""
from __future__ import annotations

from ..downloads.tables import download_files
from ..errors import DataError, Problem
from ..paths import DATA_DIR, Paths
from ..releases.store import RELEASES_DIR, read_releases, version_key, write_release
from ..settings import build_date


def cut_release(paths: Paths | None = None, log=print) -> str:
    """Write releases/<version>/ from the checked data; refuse a version already released or not
    above the last one. Returns the version."""
    from .check import checked
    paths = paths or Paths()
    c = checked(paths)          # also reads releases/ (a bad one is reported with the data)
    version, released = c.version, read_releases(paths.root)
    hint = "bump `version` in pyproject.toml (and CITATION.cff), then run `make release` again"
    if released and version in {r.version for r in released}:
        raise DataError([Problem("pyproject.toml", 0, "version", f"{version} is released already ({RELEASES_DIR}/{version}/)", hint)])
    if released and version_key(version) < version_key(released[-1].version):
        raise DataError([Problem("pyproject.toml", 0, "version", f"{version} is older than the last release, {released[-1].version}", hint)])
    pending = c.history[0] if c.history and not c.history[0].released else None
    if released and not (pending and pending.changes):
        log(f"clusteratlas: note — the data is unchanged since {released[-1].version}; {version} records no data change")
    files = download_files(c.ds, c.catalog, version, build_date().year, "")
    tables = {name.split("/", 1)[1]: data for name, data in files.items()
              if name.startswith(DATA_DIR + "/") and name.endswith(".json")}
    folder = write_release(paths.root, version, build_date().isoformat(), tables)
    what = ("the first release" if not released else
            f"{len(pending.changes)} change(s) on {len({c.page for c in pending.changes})} page(s)" if pending and pending.changes else "no data change")
    log(f"clusteratlas: released {version} ({what}) into {folder.relative_to(paths.root).as_posix()}/ — commit it, "
        f"then tag it: git tag v{version}")
    return version
