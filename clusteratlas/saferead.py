"""One way to read a file the build did not write: data/, content/, the kept releases, the stored
copy of the article.

Such a file may be anything a clone or a hand can put at its name: a link out of the project
(content/about.en.md -> /proc/self/environ once published the build's environment), a FIFO
(reading it waits forever), /dev/zero (never ends), a gigabyte, bytes that are not UTF-8. Only a
regular file is read, opened without blocking and checked on the open descriptor (a file swapped
for a FIFO between a look and the open is still refused), inside `inside` when given, never past
`limit` bytes; every refusal is a located Problem, never a traceback.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import Problem

_WHY = {"data file": "; data files are hand-edited YAML"}
MAX_BYTES = 8_000_000  # data files are under 100 kB, the ×100 benchmark data 2.2 MB; larger is a mistake


def read_bytes(
    path: Path,
    display: str,
    inside: Path | None = None,
    limit: int = MAX_BYTES,
    kind: str = "data file",
    fix: str = "replace it with the YAML file of that name",
) -> tuple[bytes | None, list[Problem]]:
    """The bytes of the regular file at `path`, or (None, [a Problem naming `display`]).
    `kind` names what the file should be in messages; `fix` says how to mend a wrong kind of file."""

    def refuse(message: str, hint: str) -> tuple[None, list[Problem]]:
        return None, [Problem(display, 0, "", message, hint)]

    try:
        if inside is not None and not path.resolve().is_relative_to(inside.resolve()):
            return refuse(
                f"is a link to {path.resolve()}, outside {inside.name}/",
                f"put the file itself in {inside.name}/ instead of a link",
            )
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except (OSError, RuntimeError) as e:  # RuntimeError: a link loop, on older Pythons
        return refuse(
            f"cannot read the file: {getattr(e, 'strerror', None) or e}",
            "check that it exists and that you may read it (ls -l)",
        )
    st = os.fstat(fd)  # of what was opened, not of what was there a moment before
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        what = "a folder" if stat.S_ISDIR(st.st_mode) else "not a regular file (a device, pipe or socket)"
        return refuse(f"is {what}, not a {kind}", fix)
    with os.fdopen(fd, "rb") as fh:
        if st.st_size > limit:
            return refuse(*_too_big(st.st_size, limit, kind))
        try:
            raw = fh.read(limit + 1)
        except OSError as e:
            return refuse(f"cannot read the file: {e.strerror or e}", "check that you may read it (ls -l)")
    if len(raw) > limit:  # it grew while we looked
        return refuse(*_too_big(len(raw), limit, kind))
    return raw, []


def read_text(
    path: Path,
    display: str,
    inside: Path | None = None,
    limit: int = MAX_BYTES,
    kind: str = "text file",
    fix: str = "replace it with the text file of that name",
) -> tuple[str | None, list[Problem]]:
    """read_bytes, decoded as UTF-8; bytes that are not UTF-8 are a Problem at their line."""
    raw, problems = read_bytes(path, display, inside, limit, kind, fix)
    return (None, problems) if raw is None else decode(raw, display)


def decode(raw: bytes, display: str) -> tuple[str | None, list[Problem]]:
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        return None, [
            Problem(
                display,
                line,
                "",
                f"not valid UTF-8 (byte 0x{raw[e.start]:02x} at offset {e.start})",
                "save the file as UTF-8 (most editors: 'Save with encoding' → UTF-8)",
            )
        ]


def _too_big(size: int, limit: int, kind: str) -> tuple[str, str]:
    return (
        f"file is {size:,} bytes, over the {limit:,}-byte limit for a {kind}",
        "split it or remove what does not belong"
        + ("; data files are hand-edited YAML" if kind == "data file" else ""),
    )
