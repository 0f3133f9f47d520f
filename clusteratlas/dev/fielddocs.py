"""Every field of every data file is documented in docs/dev/data.md, under its file's heading.

A record type's own fields must be rows of its file's table (`| `field` | meaning |`); the fields
of the records nested in it (a policy's region, a batch) must be named in backticks within that
file's part of the page; the building blocks every file shares (texts, citations, quotes) in the
page's common rules or its citations table. `python -m clusteratlas.dev.fielddocs` lists what is
missing (tests/test_docs.py, and the section recipe's test on a copy, run it).
"""

from __future__ import annotations

import re
import sys
import types
import typing
from pathlib import Path

from pydantic import BaseModel

from ..dataset import fields
from ..dataset.sections import FILES
from ..paths import ROOT

_HEADING = re.compile(r"^## (\S+)", re.M)
_ROW = re.compile(r"^\| `([a-z_]+)` \|", re.M)
_SPAN = re.compile(r"`([^`]+)`")
_WORD = re.compile(r"[a-z_]+")
SHARED = {v for v in vars(fields).values() if isinstance(v, type) and issubclass(v, BaseModel)}


def _parts(doc: str) -> dict[str, str]:
    """The page's parts by their heading's first word: 'provinces.yaml' → its text."""
    starts = [(m.group(1), m.start()) for m in _HEADING.finditer(doc)]
    return {
        name: doc[at : (starts[i + 1][1] if i + 1 < len(starts) else len(doc))] for i, (name, at) in enumerate(starts)
    }


def _named(text: str) -> set[str]:
    """Every field name written in backticks: `name`, or inside a span such as `{text, sources}`."""
    return {word for span in _SPAN.findall(text) for word in _WORD.findall(span)}


def _nested(record: type) -> set[type]:
    """The record types inside a record's fields (lists, optional and annotated ones unwrapped)."""
    found: set[type] = set()

    def visit(t) -> None:
        origin = typing.get_origin(t)
        if origin in (typing.Annotated, list, dict, typing.Union, types.UnionType):
            for arg in typing.get_args(t):
                visit(arg)
        elif isinstance(t, type) and issubclass(t, BaseModel) and t not in SHARED and t not in found:
            found.add(t)
            for info in t.model_fields.values():
                visit(info.annotation)

    for info in record.model_fields.values():
        visit(info.annotation)
    return found


def undocumented(root: Path = ROOT) -> list[str]:
    doc = (root / "docs" / "dev" / "data.md").read_text(encoding="utf-8")
    parts = _parts(doc)
    named_anywhere = _named(doc)
    missing = []
    for data_file in FILES:
        part = parts.get(data_file.file)
        if part is None:
            missing.append(f"{data_file.file}: no '## {data_file.file} — …' part")
            continue
        rows, named = set(_ROW.findall(part)), _named(part)
        missing += [f"{data_file.record.__name__}.{f}" for f in data_file.record.model_fields if f not in rows]
        for nested in sorted(_nested(data_file.record), key=lambda t: t.__name__):
            missing += [f"{nested.__name__}.{f} (in {data_file.file})" for f in nested.model_fields if f not in named]
    for shared in sorted(SHARED - {fields.Record}, key=lambda t: t.__name__):
        missing += [f"{shared.__name__}.{f}" for f in shared.model_fields if f not in named_anywhere]
    return missing


if __name__ == "__main__":
    gaps = undocumented()
    for gap in gaps:
        print(f"docs/dev/data.md: not documented: {gap}", file=sys.stderr)
    sys.exit(1 if gaps else 0)
