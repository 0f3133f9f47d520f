"""File operations that never follow a symbolic link, and the check that no tree the build reads
links out of the project.

A link in docs/ or overrides/ is copied into the site by MkDocs as the file it points to
(docs/env.txt -> /proc/self/environ once published the build's environment); a link at a name
the build owns (site.new, .build.lock, a generated folder) makes a write, truncate or delete
land on the link's target. Git carries links, even at ignored paths, so a clone can hold them.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
from pathlib import Path

from .errors import Problem

# The trees the build reads besides data/ (yamlsource refuses links there itself).
READ_TREES = ("docs", "overrides", "templates", "urls", "content", "releases")


def remove(path: Path) -> None:
    """Remove a file, a link (the link itself) or a folder; nothing there is fine."""
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)


def open_nofollow(path: Path, flags: int = os.O_WRONLY) -> int:
    """A file descriptor for the file at `path`, made if missing: a link there is removed (never
    followed), an existing file is opened as it is, and the open refuses a link raced into place."""
    if path.is_symlink():
        path.unlink()
    return os.open(path, flags | os.O_CREAT | os.O_NOFOLLOW, 0o644)


def write_new(path: Path, data: bytes) -> None:
    remove(path)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)


def os_reason(e: OSError) -> str:
    """What the file system said, in words a user can act on."""
    where = f" ({e.filename})" if e.filename else ""
    if e.errno == errno.ENOSPC:
        return f"the disk is full{where}: free some space and build again"
    return f"{e.strerror or e}{where}"


def link_problems(root: Path, trees=READ_TREES) -> list[Problem]:
    """Every symbolic link in the trees the build reads whose target is outside the project (or
    missing): each a located problem. Links that stay inside the project are left alone."""
    problems = []
    top = root.resolve()
    for tree in trees:
        base = root / tree
        if base.is_symlink():
            problems.append(_problem(root, base, top))
            continue
        for folder, dirs, files in os.walk(base, followlinks=False):
            for name in sorted(dirs + files):
                p = Path(folder) / name
                if p.is_symlink():
                    problem = _problem(root, p, top)
                    if problem:
                        problems.append(problem)
    return problems


_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def name_problems(root: Path, trees=("docs",)) -> list[Problem]:
    """File and folder names in docs/ become page titles and URLs: Material puts a heading-less
    page's title (its file name) into search results as HTML, so '<img onerror=…>.md' ran script.
    Names are letters, digits, '.', '_' and '-'."""
    problems = []
    for tree in trees:
        for folder, dirs, files in os.walk(root / tree, followlinks=False):
            for name in sorted(dirs + files):
                if not _SAFE_NAME.fullmatch(name):
                    rel = (Path(folder) / name).relative_to(root).as_posix()
                    problems.append(
                        Problem(
                            ascii(rel)[1:-1],
                            0,
                            "",
                            "has a name with characters a page address cannot hold",
                            "rename it with letters, digits, '.', '_' and '-' only (it becomes a URL and a title)",
                        )
                    )
    return problems


def _problem(root: Path, link: Path, top: Path) -> Problem | None:
    target = os.readlink(link)
    rel = link.relative_to(root).as_posix()
    try:
        resolved = link.resolve(strict=True)
    except (OSError, RuntimeError) as e:
        resolved = None
        if isinstance(e, RuntimeError) or getattr(e, "errno", None) == errno.ELOOP:
            return _loop(rel, target)
    if resolved is not None and resolved.is_dir() and link.parent.resolve().is_relative_to(resolved):
        return _loop(rel, target)  # a folder holding the link: MkDocs walked it until "Too many levels"
    if resolved is not None and resolved.is_relative_to(top):
        return None
    where = "a missing file" if resolved is None else "outside the project"
    return Problem(
        rel,
        0,
        "",
        f"is a symbolic link to {ascii(target)}, {where}; the build would publish what it points to",
        f"replace the link with the file itself, or remove it: rm {rel}",
    )


def _loop(rel: str, target: str) -> Problem:
    return Problem(
        rel,
        0,
        "",
        f"is a symbolic link to {ascii(target)}, which leads back to itself (a loop the build would walk forever)",
        f"remove the link: rm {rel}",
    )
