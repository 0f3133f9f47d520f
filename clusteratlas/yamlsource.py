"""Read one YAML file into plain Python values plus a map from field path to line number.

PyYAML's composed node tree keeps every node's position; we walk it ourselves so that every
later check (schema, references, totals) can name the exact line. Timestamps stay strings:
dates are validated by the schema, not guessed by the YAML resolver.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem
from .saferead import decode, read_bytes

MAX_DIGITS = 15  # the largest figure is a count; 15 digits is already far past any
MAX_DEPTH = 16  # the deepest data file nests 6 levels; deeper is a mistake (or an attack)

# YAML 1.1 (PyYAML) reads 010 as 8, 0x9 as 9, 1_000 as 1000, 1:20 as 80 and yes/no/on/off as
# booleans. YAML 1.2's core schema does not. Data files accept only the forms both agree on.
_PLAIN_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_PLAIN_FLOAT = re.compile(r"[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?")
_PLAIN_BOOL = {"true", "false", "True", "False", "TRUE", "FALSE"}


# libyaml's parser when PyYAML has it (the PyPI wheels do): ~5× faster, same nodes and marks.
class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    pass


# Drop the timestamp resolver: "2019-08-01" stays the string the editor typed.
_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def fmt_path(parts: tuple) -> str:
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


class Located:
    """The values of one file and the line of every field in it."""

    def __init__(self, file: str, value: Any, lines: dict[tuple, int]):
        self.file = file
        self.value = value
        self.lines = lines

    def line(self, parts: tuple) -> int:
        # The nearest enclosing node with a known line: a missing field points at its parent.
        parts = tuple(parts)
        while parts and parts not in self.lines:
            parts = parts[:-1]
        return self.lines.get(parts, 1)

    def problem(self, parts: tuple, message: str, hint: str = "") -> Problem:
        return Problem(self.file, self.line(parts), fmt_path(tuple(parts)), message, hint)


def read_yaml(path: Path, display: str, inside: Path | None = None) -> tuple[Located | None, list[Problem]]:
    """Parse `path`; on failure return (None, problems) with the parser's own position. The file
    is read every time; its parse is remembered by content (a process that checks the data again —
    `mkdocs serve`, the fuzz test — parses only the files that changed). Nothing changes a Located."""
    raw, problems = read_bytes(path, display, inside)
    if raw is None:
        return None, problems
    loc, found = _parse(display, raw)
    return loc, list(found)


@functools.lru_cache(maxsize=64)
def _parse(display: str, raw: bytes) -> tuple[Located | None, tuple[Problem, ...]]:
    loc, problems = _parse_uncached(display, raw)
    return loc, tuple(problems)


def _parse_uncached(display: str, raw: bytes) -> tuple[Located | None, list[Problem]]:
    text, problems = decode(raw, display)
    if text is None:
        return None, problems
    if not text.strip():
        return None, [
            Problem(display, 0, "", "the file is empty", "restore its content from git: git checkout -- " + display)
        ]
    for n, ln in enumerate(text.splitlines(), 1):
        stripped = ln.lstrip(" ")
        if stripped.startswith("\t"):
            return None, [
                Problem(
                    display,
                    n,
                    "",
                    "indented with a tab; YAML allows only spaces for indentation",
                    "replace the tab at the start of the line with spaces",
                )
            ]
    shape = _check_shape(text, display)
    if shape:
        return None, shape
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else 0
        what = e.problem or str(e)
        ctx = f" ({e.context})" if e.context else ""
        quote = _unclosed_quote(text, line)
        if quote:
            # An unclosed quote runs on until the next quote in the file, so the parser stops far
            # below the mistake: point at the line that opened it.
            return None, [
                Problem(
                    display,
                    quote,
                    "",
                    f"YAML syntax error: a quote opened on this line is not closed "
                    f"(the parser stopped at line {line}: {what})",
                    "close the quote, or remove it",
                )
            ]
        return None, [
            Problem(
                display,
                line,
                "",
                f"YAML syntax error: {what}{ctx}",
                "check indentation, colons and quotes on this line and the one before; "
                "quote text that contains ': ' or starts with a special character",
            )
        ]
    except yaml.YAMLError as e:
        return None, [Problem(display, 0, "", f"YAML error: {e}")]
    if node is None:  # only comments: no value at all (callers say whether that is allowed)
        loader.dispose()
        return Located(display, None, {}), []
    lines: dict[tuple, int] = {}
    problems: list[Problem] = []
    try:
        value = _walk(node, (), lines, problems, display, loader)
    except yaml.YAMLError as e:  # e.g. an unknown !tag
        return None, [
            Problem(display, getattr(getattr(e, "problem_mark", None), "line", -1) + 1, "", f"YAML error: {e}")
        ]
    finally:
        loader.dispose()
    return Located(display, value, lines), problems


def _check_shape(text: str, display: str) -> list[Problem]:
    """Refuse anchors, aliases and deep nesting before building anything from the file.

    An alias bomb (a few lines whose aliases expand to billions of values) or a thousand nested
    brackets must be stopped while reading events, which costs memory in proportion to the file.
    Syntax errors are left to the composer, which reports them with its own position.
    """
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            line = event.start_mark.line + 1
            if isinstance(event, yaml.AliasEvent):
                return [
                    Problem(
                        display,
                        line,
                        "",
                        f"YAML alias '*{event.anchor}' is not allowed in data files",
                        "write the value out in full; anchors and aliases hide what a record contains",
                    )
                ]
            if getattr(event, "anchor", None):
                return [
                    Problem(
                        display,
                        line,
                        "",
                        f"YAML anchor '&{event.anchor}' is not allowed in data files",
                        "remove the anchor and write each value out in full",
                    )
                ]
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return [
                        Problem(
                            display,
                            line,
                            "",
                            f"nested more than {MAX_DEPTH} levels deep",
                            "data records nest a few levels at most: check the indentation and brackets",
                        )
                    ]
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return []
    return []


def _scalar(node, loader, display: str, parts: tuple, problems: list) -> Any:
    """A scalar's value, refusing the YAML 1.1 forms that YAML 1.2 (and most editors) read otherwise."""
    tag, raw, line = node.tag, node.value, node.start_mark.line + 1
    plain = not node.style  # quoted scalars are always text (libyaml says '' for plain, PyYAML None)
    if plain and tag == "tag:yaml.org,2002:int" and not _PLAIN_INT.fullmatch(raw):
        problems.append(
            Problem(
                display,
                line,
                fmt_path(parts),
                f"'{raw}' is not a plain decimal number (YAML 1.1 reads it as {loader.construct_object(node)})",
                "write the number with the digits 0-9 only and no leading zero, e.g. 8; quote it if it is text",
            )
        )
        return raw
    if plain and tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float") and len(raw.lstrip("-+")) > MAX_DIGITS:
        # Python refuses to read an int of over 4,300 digits (and would spend seconds on one); no
        # figure in this subject has more than a few.
        problems.append(
            Problem(
                display,
                line,
                fmt_path(parts),
                f"a number of {len(raw)} digits",
                f"figures here have at most {MAX_DIGITS} digits; check for a pasted value",
            )
        )
        return raw
    if plain and tag == "tag:yaml.org,2002:float" and not _PLAIN_FLOAT.fullmatch(raw):
        problems.append(
            Problem(
                display,
                line,
                fmt_path(parts),
                f"'{raw}' is not a plain decimal number",
                "write digits 0-9 with an optional '.', e.g. 93.5; quote it if it is text",
            )
        )
        return raw
    if plain and tag == "tag:yaml.org,2002:bool" and raw not in _PLAIN_BOOL:
        problems.append(
            Problem(
                display,
                line,
                fmt_path(parts),
                f"'{raw}' would be read as {str(loader.construct_object(node)).lower()} (a YAML 1.1 boolean)",
                f"write true or false; if '{raw}' is text, put it in quotes",
            )
        )
        return raw
    return loader.construct_object(node, deep=True)


def _unclosed_quote(text: str, upto: int) -> int:
    """The first line before `upto` whose value opens a double quote it does not close, or 0."""
    for n, line in enumerate(text.splitlines()[: max(upto - 1, 0)], 1):
        body = line.split(" #", 1)[0]
        value = body.split(": ", 1)[1].strip() if ": " in body else body.strip().removeprefix("- ")
        if value.startswith('"') and (len(value) == 1 or not value.rstrip(",]}").endswith('"')):
            return n
    return 0


def _walk(node, parts: tuple, lines: dict, problems: list, display: str, loader) -> Any:
    lines[parts] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict = {}
        for knode, vnode in node.value:
            key = loader.construct_object(knode, deep=True) if isinstance(knode, yaml.ScalarNode) else None
            if not isinstance(key, (str, int)) or isinstance(key, bool):
                problems.append(
                    Problem(
                        display,
                        knode.start_mark.line + 1,
                        fmt_path(parts),
                        f"unusable key {key!r}",
                        "keys are plain words such as id, name, sources",
                    )
                )
                continue
            key = str(key)
            if key in out:
                problems.append(
                    Problem(
                        display,
                        knode.start_mark.line + 1,
                        fmt_path(parts + (key,)),
                        f"key '{key}' appears twice in the same block (first on line {lines[parts + (key,)]})",
                        "remove one of them; YAML would silently keep only the last",
                    )
                )
                continue
            out[key] = _walk(vnode, parts + (key,), lines, problems, display, loader)
            lines[parts + (key,)] = knode.start_mark.line + 1  # a field's line is its key's line
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_walk(v, parts + (i,), lines, problems, display, loader) for i, v in enumerate(node.value)]
    return _scalar(node, loader, display, parts, problems)
