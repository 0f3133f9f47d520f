"""Make text from data safe to place in Markdown: it renders as the same text, never as markup.

Data is written by analysts, not programmers: a '|' must not split a table cell, a '#' must not
start a heading, '<script>' must show as text, and '{{' must stay literal. Every value a
template prints passes through `escape` unless it is Markup built by our own helpers.
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup

# Inline-syntax characters, escaped with a backslash (all are in Python-Markdown's escapable set:
# emphasis, code, links/footnotes, attr_list braces, table pipes).
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}|])")
# At the start of a line these open a block: heading (#), list (+ - 1.), rule (---), admonition
# (!!!), details (???), fenced code (~~~), setext underline (===), definition (:). A value may
# land at the start of a line (a list item, a paragraph), so its first character is neutralised
# wherever it goes: a backslash where Python-Markdown honours one, else a character reference.
_LEADING = re.compile(r"^(?:[#+!-]|\d+\.(?=\s))")
_LEADING_REF = {"?": "&#63;", "=": "&#61;", "~": "&#126;", ":": "&#58;"}
_WS = re.compile(r"\s+")
# Anything escape() would change; most texts (and every number) have none: skip the work.
_NEEDS_WORK = re.compile(r"[&<>\\`*_\[\]{}|]|\s\s|[\t\n\r\f\v]|^\s|\s$|^(?:[#+!?=~:-]|\d+\.\s)")


def escape(value: object) -> Markup:
    if isinstance(value, Markup):
        return value
    text = str(value)
    if not _NEEDS_WORK.search(text):
        return Markup(text)
    text = _WS.sub(" ", text).strip()  # one line: safe inside table cells and list items
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    if text[:1] in _LEADING_REF:
        return Markup(_LEADING_REF[text[0]] + text[1:])
    text = _LEADING.sub(lambda m: m.group(0)[:-1] + "\\." if m.group(0)[0].isdigit() else "\\" + m.group(0), text)
    return Markup(text)


_UNESCAPE = re.compile(r"\\([\\`*_\[\]{}|#+!.-])")


def plain(markdown: object) -> str:
    """The text escape() was given: backslash escapes and character references undone, once.
    For places that need the words themselves (a citation's title), not Markdown."""
    return html.unescape(_UNESCAPE.sub(r"\1", str(markdown)))


def link(text: object, href: str) -> Markup:
    return Markup(f"[{escape(text)}]({href})")


def first_heading(markdown: str) -> str:
    """The text of a hand-written page's first '# ' heading (its title), or '' if it has none."""
    return next((line[2:].strip() for line in markdown.splitlines() if line.startswith("# ")), "")


# The context value a page's meta description is taken from: its lead sentence or summary.
LEAD_KEYS = ("lead", "summary", "text", "winners_text")
_FOOTNOTE_REF = re.compile(r"\[\^[^\]]+\]")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"\*\*|\\(?=[\\`*_\[\]{}|#+!.-])")


def description(markdown: str, limit: int = 160) -> str:
    """Plain text for <meta name="description">: the Markdown's words, no footnote marks or link
    targets, cut at a word boundary. Search engines show about 160 characters."""
    text = _MARKUP.sub("", _LINK.sub(r"\1", _FOOTNOTE_REF.sub("", str(markdown))))
    text = " ".join(html.unescape(text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut[limit // 2 :] else cut).rstrip(",;:，；：、") + "…"
