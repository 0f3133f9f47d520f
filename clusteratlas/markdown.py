"""Make text from data safe to place in Markdown: it renders as the same text, never as markup.

Data is written by analysts, not programmers: a '|' must not split a table cell, a '#' must not
start a heading, '<script>' must show as text, and '{{' must stay literal. Every value a
template prints passes through `escape` unless it is Markup built by our own helpers.
"""
from __future__ import annotations

import re

from markupsafe import Markup

# Inline-syntax characters, escaped with a backslash (all are in Python-Markdown's escapable set:
# emphasis, code, links/footnotes, attr_list braces, table pipes).
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}|])")
# At the start of a block these open a heading, list or numbered list.
_LEADING = re.compile(r"^(#|[+-](?=\s)|\d+\.(?=\s))")
_WS = re.compile(r"\s+")
# Anything escape() would change; most texts (and every number) have none: skip the work.
_NEEDS_WORK = re.compile(r"[&<>\\`*_\[\]{}|]|\s\s|[\t\n\r\f\v]|^\s|\s$|^(?:#|[+-]\s|\d+\.\s)")


def escape(value: object) -> Markup:
    if isinstance(value, Markup):
        return value
    text = str(value)
    if not _NEEDS_WORK.search(text):
        return Markup(text)
    text = _WS.sub(" ", text).strip()   # one line: safe inside table cells and list items
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _LEADING.sub(lambda m: "\\" + m.group(1) if not m.group(1)[0].isdigit() else m.group(1)[:-1] + "\\.", text)
    return Markup(text)


def link(text: object, href: str) -> Markup:
    return Markup(f"[{escape(text)}]({href})")
