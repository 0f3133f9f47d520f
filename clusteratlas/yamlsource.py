"""Read one YAML file into plain Python values plus a map from field path to line number.

PyYAML's composed node tree keeps every node's position; we walk it ourselves so that every
later check (schema, references, totals) can name the exact line. Timestamps stay strings:
dates are validated by the schema, not guessed by the YAML resolver.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import Problem

MAX_BYTES = 2_000_000  # data files are small; anything larger is a mistake, refused unread


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


def read_yaml(path: Path, display: str) -> tuple[Located | None, list[Problem]]:
    """Parse `path`; on failure return (None, problems) with the parser's own position."""
    try:
        size = path.stat().st_size
    except OSError as e:
        return None, [Problem(display, 0, "", f"cannot read the file: {e.strerror}")]
    if size > MAX_BYTES:
        return None, [Problem(display, 0, "", f"file is {size:,} bytes, over the {MAX_BYTES:,}-byte limit for a data file",
                              "split it or remove what does not belong; data files are hand-edited YAML")]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        return None, [Problem(display, line, "", f"not valid UTF-8 (byte 0x{raw[e.start]:02x} at offset {e.start})",
                              "save the file as UTF-8 (most editors: 'Save with encoding' → UTF-8)")]
    if not text.strip():
        return None, [Problem(display, 0, "", "the file is empty", "restore its content from git: git checkout -- " + display)]
    for n, ln in enumerate(text.splitlines(), 1):
        stripped = ln.lstrip(" ")
        if stripped.startswith("\t"):
            return None, [Problem(display, n, "", "indented with a tab; YAML allows only spaces for indentation",
                                  "replace the tab at the start of the line with spaces")]
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
            return None, [Problem(display, quote, "", f"YAML syntax error: a quote opened on this line is not closed "
                                  f"(the parser stopped at line {line}: {what})", "close the quote, or remove it")]
        return None, [Problem(display, line, "", f"YAML syntax error: {what}{ctx}",
                              "check indentation, colons and quotes on this line and the one before; quote text that contains ': ' or starts with a special character")]
    except yaml.YAMLError as e:
        return None, [Problem(display, 0, "", f"YAML error: {e}")]
    lines: dict[tuple, int] = {}
    problems: list[Problem] = []
    try:
        value = _walk(node, (), lines, problems, display, loader)
    except yaml.YAMLError as e:  # e.g. an unknown !tag
        return None, [Problem(display, getattr(getattr(e, "problem_mark", None), "line", -1) + 1, "", f"YAML error: {e}")]
    finally:
        loader.dispose()
    return Located(display, value, lines), problems


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
                problems.append(Problem(display, knode.start_mark.line + 1, fmt_path(parts), f"unusable key {key!r}",
                                        "keys are plain words such as id, name, sources"))
                continue
            key = str(key)
            if key in out:
                problems.append(Problem(display, knode.start_mark.line + 1, fmt_path(parts + (key,)),
                                        f"key '{key}' appears twice in the same block (first on line {lines[parts + (key,)]})",
                                        "remove one of them; YAML would silently keep only the last"))
                continue
            out[key] = _walk(vnode, parts + (key,), lines, problems, display, loader)
            lines[parts + (key,)] = knode.start_mark.line + 1  # a field's line is its key's line
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_walk(v, parts + (i,), lines, problems, display, loader) for i, v in enumerate(node.value)]
    return loader.construct_object(node, deep=True)
