"""Write generated files into docs/ only when their bytes change, and remove stale ones.

Writing unchanged files would make `mkdocs serve` rebuild forever and every rebuild slower.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DataError, Problem


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    charts_rendered: int = 0
    key: str = ""  # the generate key the files were made under (buildstate.generate_key)


def write_tree(
    root: Path, files: dict[str, bytes], owned_dirs: list[str], owned_files: list[str], keep: set[str] = frozenset()
) -> WriteReport:
    """Make root/<path> hold exactly `files` inside what the generator owns.

    owned_dirs are wholly the generator's (anything else inside them is stale, except `keep`:
    files written later, see generate.place_deferred_cards); owned_files are single generated
    files beside hand-written ones.
    """
    _refuse_links(root, files, owned_dirs)
    report = write_files(root, files)
    _remove_stale(root, {*files, *keep}, owned_dirs, owned_files, report)
    return report


def write_files(root: Path, files: dict[str, bytes], report: WriteReport | None = None) -> WriteReport:
    """Write each of `files` under `root` whose bytes differ, whole or not at all."""
    report = report or WriteReport()
    for rel, data in sorted(files.items()):
        target = root / rel
        if target.is_file() and target.read_bytes() == data:
            report.unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        # Write to a temporary file and rename, so a reader (mkdocs serve) never sees half a file.
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, target)
        except BaseException:
            # A full disk (or Ctrl-C) leaves no half-written scratch behind. A signal handled just
            # after the rename (SIGTERM under `make serve ENGINE=zensical`) finds the scratch gone:
            # a traceback of FileNotFoundError would replace the stop it asked for.
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise
        report.written.append(rel)
    return report


def _remove_stale(root: Path, files: set[str], owned_dirs: list[str], owned_files: list[str], report: WriteReport):
    for d in owned_dirs:
        base = root / d
        if not base.is_dir():
            continue
        # os.walk with followlinks=False: a link inside is removed as a link, never entered.
        for folder, dirs, names in os.walk(base, topdown=False, followlinks=False):
            for name in sorted(names) + sorted(n for n in dirs if (Path(folder) / n).is_symlink()):
                p = Path(folder) / name
                rel = p.relative_to(root).as_posix()
                if rel not in files or p.is_symlink():
                    p.unlink()
                    report.removed.append(rel)
            if Path(folder) != base and not any(Path(folder).iterdir()):  # then empty folders, deepest first
                Path(folder).rmdir()
    for rel in owned_files:
        p = root / rel
        if rel not in files and (p.is_file() or p.is_symlink()):
            p.unlink()
            report.removed.append(rel)


def _refuse_links(root: Path, files: dict[str, bytes], owned_dirs: list[str]) -> None:
    """A generated folder (or a folder on the way to a generated file) that is a link would make
    the generator write and delete files wherever the link points: stop before touching anything."""
    seen, problems = set(), []
    for rel in [*owned_dirs, *files]:
        parts = Path(rel).parts
        for i in range(1, len(parts) + (1 if rel in owned_dirs else 0)):
            sub = Path(*parts[:i])
            if sub in seen:
                continue
            seen.add(sub)
            if (root / sub).is_symlink():
                shown = f"{root.name}/{sub.as_posix()}"
                problems.append(
                    Problem(
                        shown,
                        0,
                        "",
                        "is a symbolic link; the generator owns this path and would write and delete through it",
                        f"remove the link (rm {shown}): the build makes the folder itself",
                    )
                )
    if problems:
        raise DataError(problems)
