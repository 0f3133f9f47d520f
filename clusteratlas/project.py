"""Copies of the project, for tests and benchmarks that must not touch the checkout."""
from __future__ import annotations

import shutil
from pathlib import Path

from .context import CHART_DIR, SECTIONS
from .site import OWNED_FILES, ROOT

# What a copy needs to build: data, templates, hand-written docs, config, hook.
PROJECT_PARTS = ["data", "templates", "scripts", "mkdocs.yml", "docs", "urls", "overrides"]


def _not_generated(folder, names):
    """copytree ignore: leave out what the generator writes into docs/ (the copy makes its own)."""
    rel = Path(folder).resolve().relative_to(ROOT).as_posix()
    skip = {"__pycache__"}
    if rel == "docs":
        skip |= set(SECTIONS) | set(OWNED_FILES) | {"data", "api"}
    if rel == "docs/" + CHART_DIR.rsplit("/", 1)[0]:
        skip.add(CHART_DIR.rsplit("/", 1)[1])
    return [n for n in names if n in skip]


def copy_project(dest: Path) -> Path:
    for part in PROJECT_PARTS:
        src = ROOT / part
        target = dest / part
        target.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, target, ignore=_not_generated)
        else:
            shutil.copy2(src, target)
    return dest
