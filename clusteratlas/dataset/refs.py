"""The references between records that sections.py declares (`Ref`), checked: every id a record
names must be a record of the section it points to, reported at its file and line."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from ..errors import Problem
from .sections import BY_NAME, FILES, DataFile, Ref


def walk(value, steps: list[str], parts: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(position in the file, id) of every id at `steps` below `value` (see Ref.path)."""
    if not steps:
        yield parts, value
        return
    step, rest = steps[0], steps[1:]
    name = step.removesuffix("[]").removesuffix("{}")
    inner = getattr(value, name, None)
    if inner is None:  # an optional field left out
        return
    if step.endswith("[]"):
        for j, item in enumerate(inner):
            yield from walk(item, rest, (*parts, name, j))
    elif step.endswith("{}"):
        for key in inner:
            yield from walk(key, rest, (*parts, name, key))
    else:
        yield from walk(inner, rest, (*parts, name))


def places(ds, data_file: DataFile, ref: Ref) -> Iterator[tuple[tuple, str, str | None]]:
    """(position, id named, id of the record that names it) for one declared reference."""
    value = getattr(ds, data_file.name)
    records = list(enumerate(value)) if data_file.many else [(None, value)]
    for i, record in records:
        prefix = () if i is None else (i,)
        for parts, named in walk(record, ref.path.split("."), prefix):
            yield parts, named, getattr(record, "id", None)


def reference_problems(ds) -> list[Problem]:
    """Every declared reference of every data file that names no record of its section."""
    ids = {name: [r.id for r in getattr(ds, name)] for name in {r.to for f in FILES for r in f.refs}}
    problems = []
    for data_file in FILES:
        for ref in data_file.refs:
            known = set(ids[ref.to])
            for parts, named, own in places(ds, data_file, ref):
                allowed = known - {own} if ref.not_self else known
                if named not in allowed:
                    problems.append(unknown(ds, data_file.file, parts, named, allowed, BY_NAME[ref.to]))
    return problems


def unknown(ds, file: str, parts: tuple, value: str, known: set[str], target: DataFile) -> Problem:
    close = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else f"use an id from data/{target.file}"
    return ds.located[file].problem(parts, f"unknown {target.one} '{value}'", hint)
