"""The Jinja environments of templates/: Markdown pages (StrictUndefined; `finalize` escapes every
printed value for Markdown unless it is Markup made by our own helpers) and HTML (autoescaped:
the embed pages). One environment per state of the folder, for the life of the process."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

import jinja2

from ..markdown import escape


def environment(templates: Path) -> jinja2.Environment:
    """The Markdown pages' environment: StrictUndefined, every printed value escaped by finalize."""
    return _environment(templates, _digest(templates), html=False)


def html_environment(templates: Path) -> jinja2.Environment:
    """For the HTML templates (embed pages): autoescaped."""
    return _environment(templates, _digest(templates), html=True)


# One environment per state of the templates folder: under `mkdocs serve` each rebuild would
# otherwise compile every template again (~0.1 s). Keyed by the bytes of every template, so an
# edit (however soon after the last) gets a new environment; an edit of data reuses it.
@functools.lru_cache(maxsize=8)
def _environment(templates: Path, digest: str, html: bool) -> jinja2.Environment:
    if html:
        return jinja2.Environment(
            loader=jinja2.FileSystemLoader(templates), autoescape=True, undefined=jinja2.StrictUndefined
        )
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # Markdown, not HTML: escaping is done by finalize
        finalize=escape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _digest(templates: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(templates.rglob("*")) if templates.is_dir() else ():
        if p.is_file():
            h.update(p.relative_to(templates).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()
