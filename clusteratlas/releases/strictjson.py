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

from ..dataset.fields import HTML_TAG, TEXT_MAX
from ..yamlsource import MAX_DEPTH, MAX_DIGITS

# Characters XML 1.0 cannot hold, and those the data files refuse (controls, bidi overrides).
_BAD_CHAR = {
    **{c: "a control character" for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)]},
    **{c: "a line or paragraph separator" for c in (0x2028, 0x2029)},
    **{c: "a text-direction control" for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C]},
    **{c: "a non-character" for c in (0xFFFE, 0xFFFF)},
}


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
    for ch in s:
        if 0xD800 <= ord(ch) <= 0xDFFF:
            raise Refused(f"a lone surrogate (\\u{ord(ch):04x}), which is no character")
        what = _BAD_CHAR.get(ord(ch))
        if what:
            raise Refused(f"{what} (U+{ord(ch):04X}) in {s[:40]!r}")
    if HTML_TAG.search(s):
        raise Refused(f"markup in {s[:40]!r}")
