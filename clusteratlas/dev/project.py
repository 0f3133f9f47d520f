"""Copies of the project, for tests and benchmarks that must not touch the checkout."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..checkout import own_package_env
from ..paths import OWNED_DIRS, OWNED_FILES, ROOT

# What a copy needs to build: data, templates, hand-written pages and docs, config, theme overrides.
PROJECT_PARTS = [
    "data",
    "templates",
    "content",
    "scripts",
    "mkdocs.yml",
    "docs",
    "urls",
    "overrides",
    "releases",
    "pyproject.toml",
]
_GENERATED = {f"docs/{p}" for p in (*OWNED_DIRS, *OWNED_FILES)}


def _not_generated(folder, names):
    """copytree ignore: leave out what the generator writes into docs/ (the copy makes its own)."""
    rel = Path(folder).resolve().relative_to(ROOT).as_posix()
    return [n for n in names if n == "__pycache__" or f"{rel}/{n}" in _GENERATED]


def copy_package(dest: Path) -> dict[str, str]:
    """The clusteratlas package copied into the project copy `dest`, for tests that change the code;
    returns the environment that makes a process import the copy (checkout.own_package_env)."""
    shutil.copytree(ROOT / "clusteratlas", dest / "clusteratlas", ignore=shutil.ignore_patterns("__pycache__"))
    return own_package_env(dest)


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
