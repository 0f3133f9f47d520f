"""The releases kept in the repository: releases/<version>/ holds what `make release` froze —
release.json (version and date) and data/, the JSON tables of the data package as /data/
published them that day. Later builds compare today's tables with these, field by field.

Everything read here was written by a program but may have been edited by hand: a folder that
is not a version, a file that is not JSON, a table that is not a list of records with ids is a
located problem, never a traceback.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from pathlib import Path

from .. import safefs
from ..dataset.fields import ID_RE
from ..errors import DataError, Problem
from ..saferead import decode, read_bytes
from . import strictjson

RELEASES_DIR = "releases"
VERSION = re.compile(r"(0|[1-9][0-9]{0,5})\.(0|[1-9][0-9]{0,5})\.(0|[1-9][0-9]{0,5})")  # MAJOR.MINOR.PATCH
ID = re.compile(ID_RE)  # ids become links and page addresses on /changes/
TABLE_NAME = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\.json")


@dataclass(frozen=True)
class Release:
    version: str
    date: str  # YYYY-MM-DD, the day it was cut
    tables: dict[str, list[dict]]  # table name (provinces, sectors, …) → its records


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(x) for x in version.split("."))


def is_version(text: str) -> bool:
    return VERSION.fullmatch(text) is not None


def read_releases(root: Path) -> list[Release]:
    """Every release under releases/, oldest first; DataError naming each bad file."""
    folder = root / RELEASES_DIR
    if not folder.is_dir():
        return []
    problems: list[Problem] = []
    out = []
    for entry in sorted(folder.iterdir()):
        shown = f"{RELEASES_DIR}/{entry.name}"
        if entry.name.startswith(".") or entry.name == "README.md":
            continue
        if not entry.is_dir() or entry.is_symlink() or not is_version(entry.name):
            problems.append(
                Problem(
                    shown,
                    0,
                    "",
                    "not a release folder: releases/ holds one folder per version, named MAJOR.MINOR.PATCH",
                    "remove it, or rename it to the version it holds (`make release` writes these folders)",
                )
            )
            continue
        release, errs = _read_release(root, entry)
        problems += errs
        if release:
            out.append(release)
    if problems:
        raise DataError(problems)
    return sorted(out, key=lambda r: version_key(r.version))


def _read_json(root: Path, path: Path) -> tuple[object, list[Problem]]:
    shown = path.relative_to(root).as_posix()
    raw, errs = read_bytes(path, shown, inside=root)
    if raw is None:
        return None, errs
    text, errs = decode(raw, shown)
    if text is None:
        return None, errs
    try:
        return strictjson.loads(text), []
    except (json.JSONDecodeError, strictjson.Refused) as e:
        what = f"not JSON ({e.msg})" if isinstance(e, json.JSONDecodeError) else f"holds {e}"
        return None, [
            Problem(
                shown,
                getattr(e, "lineno", 0),
                "",
                f"{what}: not as `make release` wrote it",
                f"restore it from git: git checkout -- {shown}",
            )
        ]


def _read_release(root: Path, folder: Path) -> tuple[Release | None, list[Problem]]:
    shown = f"{RELEASES_DIR}/{folder.name}"
    meta, problems = _read_json(root, folder / "release.json")
    if meta is None:
        return None, problems
    if not (isinstance(meta, dict) and meta.get("version") == folder.name and _is_day(meta.get("date"))):
        return None, [
            Problem(
                f"{shown}/release.json",
                0,
                "",
                f'must be {{"version": "{folder.name}", "date": "YYYY-MM-DD"}}',
                f"restore it from git: git checkout -- {shown}/release.json",
            )
        ]
    tables: dict[str, list[dict]] = {}
    data = folder / "data"
    for path in sorted(data.iterdir()) if data.is_dir() else []:
        if not TABLE_NAME.fullmatch(path.name) or path.name in ("datapackage.json", "sources.json"):
            continue
        value, errs = _read_json(root, path)
        problems += errs
        if value is None:
            continue
        if not (
            isinstance(value, list)
            and all(isinstance(r, dict) and isinstance(r.get("id"), str) and ID.fullmatch(r["id"]) for r in value)
        ):
            problems.append(
                Problem(
                    path.relative_to(root).as_posix(),
                    0,
                    "",
                    "must be a list of records, each with an 'id' as data/ writes them (a-z, 0-9, -)",
                    f"restore it from git: git checkout -- {path.relative_to(root).as_posix()}",
                )
            )
            continue
        tables[path.name[: -len(".json")]] = value
    if not tables:
        problems.append(
            Problem(
                f"{shown}/data",
                0,
                "",
                "holds no table: a release keeps the JSON tables of its data package",
                f"restore it from git: git checkout -- {shown}",
            )
        )
    return (Release(folder.name, meta["date"], tables) if not problems else None), problems


def _is_day(value) -> bool:
    try:
        return isinstance(value, str) and datetime.date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


def write_release(root: Path, version: str, date: str, files: dict[str, bytes]) -> Path:
    """releases/<version>/: release.json and the data package's JSON files (`files`: name → bytes).
    Written to a scratch folder and renamed, so a failure leaves no half release."""
    folder = root / RELEASES_DIR / version
    scratch = folder.with_name(f".{version}.new")
    # An interrupted release's scratch (this name is ours alone) would block every later one.
    safefs.remove(scratch)
    (scratch / "data").mkdir(parents=True, exist_ok=False)
    (scratch / "release.json").write_text(
        json.dumps({"version": version, "date": date}, indent=1) + "\n", encoding="utf-8"
    )
    for name, data in sorted(files.items()):
        (scratch / "data" / name).write_bytes(data)
    scratch.rename(folder)
    return folder
