"""Write generated files into docs/ only when their bytes change, and remove stale ones.

Writing unchanged files would make `mkdocs serve` rebuild forever and every rebuild slower.
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    charts_rendered: int = 0


def write_tree(root: Path, files: dict[str, bytes], owned_dirs: list[str], owned_files: list[str]) -> WriteReport:
    """Make root/<path> hold exactly `files` inside what the generator owns.

    owned_dirs are wholly the generator's (anything else inside them is stale); owned_files are
    single generated files beside hand-written ones.
    """
    report = WriteReport()
    for rel, data in sorted(files.items()):
        target = root / rel
        if target.is_file() and target.read_bytes() == data:
            report.unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        # Write to a temporary file and rename, so a reader (mkdocs serve) never sees half a file.
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
        report.written.append(rel)
    for d in owned_dirs:
        base = root / d
        if not base.exists():
            continue
        for p in sorted(base.rglob("*")):
            rel = p.relative_to(root).as_posix()
            if p.is_file() and rel not in files:
                p.unlink()
                report.removed.append(rel)
        for p in sorted(base.rglob("*"), reverse=True):   # then empty folders, deepest first
            if p.is_dir() and not any(p.iterdir()):
                p.rmdir()
    for rel in owned_files:
        p = root / rel
        if rel not in files and p.is_file():
            p.unlink()
            report.removed.append(rel)
    return report
