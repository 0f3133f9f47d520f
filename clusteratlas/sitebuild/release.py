"""`make release`: freeze this version's data package in releases/<version>/ for later builds to
compare with. The version is pyproject.toml's (bumped by hand, with CITATION.cff, beforehand)."""

from __future__ import annotations

from ..downloads.tables import download_files
from ..errors import DataError, Problem
from ..paths import DATA_DIR, Paths
from ..releases.store import RELEASES_DIR, version_key, write_release
from .check import checked


def cut_release(paths: Paths | None = None, log=print) -> str:
    """Write releases/<version>/ from the checked data; refuse a version already released or not
    above the last one. Returns the version."""
    paths = paths or Paths()
    c = checked(paths)  # reads releases/ too (a bad one is reported with the data)
    version = c.version
    released = [e.version for e in c.history if e.released]  # newest first
    hint = "bump `version` in pyproject.toml (and CITATION.cff), then run `make release` again"
    if version in released:
        raise DataError(
            [
                Problem(
                    "pyproject.toml", 0, "version", f"{version} is released already ({RELEASES_DIR}/{version}/)", hint
                )
            ]
        )
    if released and version_key(version) < version_key(released[0]):
        raise DataError(
            [Problem("pyproject.toml", 0, "version", f"{version} is older than the last release, {released[0]}", hint)]
        )
    changes = c.history[0].changes if not c.history[0].released else ()
    if released and not changes:
        log(f"clusteratlas: note — the data is unchanged since {released[0]}; {version} records no data change")
    files = download_files(c.ds, c.catalog, version, c.settings.today, "")
    tables = {
        name.split("/", 1)[1]: data
        for name, data in files.items()
        if name.startswith(DATA_DIR + "/") and name.endswith(".json")
    }
    folder = write_release(paths.root, version, c.settings.day, tables)
    what = (
        "the first release"
        if not released
        else f"{len(changes)} change(s) on {len({x.page for x in changes})} page(s)"
        if changes
        else "no data change"
    )
    log(
        f"clusteratlas: released {version} ({what}) into {folder.relative_to(paths.root).as_posix()}/ — commit it "
        f"(make versions finds the commit that adds it; a tag, git tag v{version}, is optional)"
    )
    return version
