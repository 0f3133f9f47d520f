"""JSON read as strictly as data/'s YAML: a kept release's tables were written by a program, but
a hand (or a merge) may have changed them, and what they hold goes onto /changes/ and into the
Atom feeds.

`json.loads` accepts what no program of ours writes and what breaks a page or a feed: a key given
twice (the last wins: a change no release made), NaN and Infinity ("nan → nan"), a 5,000-digit
number, nesting deep enough to exhaust the stack, a lone surrogate (unencodable), control
characters (invalid XML in the feeds). Each is refused here with the file and line.
"""

from __future__ import annotations

import json
import re

from ..dataset.fields import CONTROL_CHAR, DIRECTION_CHAR, HTML_TAG, TEXT_MAX
from ..yamlsource import MAX_DEPTH, MAX_DIGITS

# Beyond the data files' own text rules (fields.CONTROL_CHAR, DIRECTION_CHAR): characters that
# are no characters, which json.loads lets through as escapes and no file can encode.
_NO_CHAR = re.compile("[\ud800-\udfff\ufffe\uffff]")


class Refused(ValueError):
    pass


def loads(text: str):
    """The value of `text`, or Refused / json.JSONDecodeError (with .lineno) saying why not."""

    def pairs(items):
        keys = [k for k, _ in items]
        twice = sorted({k for k in keys if keys.count(k) > 1})
        if twice:
            raise Refused(f"the key {twice[0]!r} twice in one record")
        return dict(items)

    def constant(name):
        raise Refused(f"{name}, which is no number")

    def integer(digits: str):
        if len(digits.lstrip("-")) > MAX_DIGITS:
            raise Refused(f"a number of {len(digits.lstrip('-'))} digits (at most {MAX_DIGITS})")
        return int(digits)

    def real(digits: str):
        if len(digits) > MAX_DIGITS + 10:
            raise Refused(f"a number written with {len(digits)} characters")
        return float(digits)

    _check_depth(text)
    value = json.loads(text, object_pairs_hook=pairs, parse_constant=constant, parse_int=integer, parse_float=real)
    _check_strings(value)
    return value


def _check_depth(text: str) -> None:
    """Nesting counted before parsing (the parser would recurse once per level)."""
    depth, in_string, escaped = 0, False, False
    for ch in text:
        if in_string:
            escaped = not escaped and ch == "\\"
            if ch == '"' and not escaped:
                in_string = False
            continue
        if ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise Refused(f"nesting deeper than {MAX_DEPTH} levels")
        elif ch in "]}":
            depth -= 1


def _check_strings(value) -> None:
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, dict):
            stack.extend(v.keys())
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)
        elif isinstance(v, str):
            _check_text(v)


def _check_text(s: str) -> None:
    if len(s) > TEXT_MAX * 4:
        raise Refused(f"a text of {len(s):,} characters")
    for pattern, what in (
        (_NO_CHAR, "a lone surrogate or non-character, which is no character"),
        (CONTROL_CHAR, "a control character"),
        (DIRECTION_CHAR, "a text-direction control"),
    ):
        if m := pattern.search(s):
            raise Refused(f"{what} (U+{ord(m.group()):04X}) in {s[:40]!r}")
    if HTML_TAG.search(s):
        raise Refused(f"markup in {s[:40]!r}")
