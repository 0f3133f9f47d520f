"""One build at a time in one project folder.

Two builds in one tree write the same docs/, site.new/ and dist/ files: the first may finish
"successfully" with the second one's half-written search index. Every command that writes
takes an exclusive lock on <project>/.build.lock; a second one says whose build it waits for,
then waits. The operating system releases the lock when a process ends, however it ends, so a
crashed build never leaves a stale lock behind.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from pathlib import Path

from .. import safefs

LOCK_NAME = ".build.lock"
_held: set[Path] = set()  # re-entrant within one process (build → generate)


class LockError(Exception):
    """The lock file cannot be made (something the user put at its name)."""


@contextlib.contextmanager
def build_lock(root: Path, log=print):
    path = root.resolve() / LOCK_NAME  # the folder resolved, never the lock file: it may be a link
    if path in _held:
        yield
        return
    try:
        # A link here would have its target truncated: it is removed, never followed.
        fd = safefs.open_nofollow(path, os.O_RDWR)
    except IsADirectoryError:
        raise LockError(f"{path} is a folder; the build keeps its lock file there: remove the folder") from None
    with os.fdopen(fd, "r+", encoding="utf-8") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip() or "another process"
            log(f"clusteratlas: waiting for the build already running in {root} ({holder}) …")
            fcntl.flock(fh, fcntl.LOCK_EX)
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()}, since {time.strftime('%H:%M:%S')}\n")
        fh.flush()
        _held.add(path)
        try:
            yield
        finally:
            _held.discard(path)
            fh.seek(0)
            fh.truncate()
            fcntl.flock(fh, fcntl.LOCK_UN)


def held_by_parent(root: Path) -> bool:
    """True when the lock is held by the process that started this one (`clusteratlas build`
    running an engine): waiting for it would wait forever."""
    try:
        return (root.resolve() / LOCK_NAME).read_text(encoding="utf-8").startswith(f"pid {os.getppid()},")
    except OSError:
        return False
