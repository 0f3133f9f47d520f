"""Render pages (pages/page.py) to Markdown, with the environment of template_envs.py.

StrictUndefined: a misspelt variable is an error, never an empty string. `finalize` escapes
every printed value for Markdown unless it is Markup made by our own helpers, so text from
data can never inject markup (see markdown.py).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import jinja2

from ..errors import Problem
from . import structured
from .notes import NOTE_AGAIN
from .page import Page

_BLANKS = re.compile(r"\n{3,}")


def render(page: Page, env: jinja2.Environment) -> str:
    """The page's whole Markdown: front matter, text, citation block."""
    if page.template is None:  # hand-written: its text as people wrote it
        body = page.body
    else:
        variables = dict(page.vars, charts=page.charts, notes=page.notes.items())
        text = env.get_template(f"pages/{page.template}").render(variables)
        if "{{" in text or "{%" in text:
            raise ValueError(f"{page.path}: unrendered template marker in output")
        body = _BLANKS.sub("\n\n", _order_footnotes(text, page.notes.repeats)).strip() + "\n"
    return front_matter(meta(page)) + body + page.citation


def meta(page: Page) -> dict:
    """What the theme reads from the page's front matter (overrides/main.html, partials/footer.html)."""
    out = {"description": html.escape(page.description, quote=True)} if page.description else {}
    if page.home:
        # The site's home for the theme's title, as MkDocs' page.is_homepage (false in Zensical; and
        # static-i18n's English home is a page like others: "Cluster Atlas: China's … - Cluster Atlas").
        out["ca_home"] = True
    # Pages outside the nav name their neighbours; overrides/partials/footer.html links them.
    out.update({k: v for k, v in page.neighbours.items() if v})
    out["ca_jsonld"] = structured.for_page(page.webpage, page.description, page.main_entity)  # <head>
    out["ca_feed"] = page.feed  # <link rel=alternate type=application/atom+xml> (overrides/main.html)
    out["ca_card"] = page.card_url  # og:image (overrides/main.html); drawn by charts/cards.py
    return out


def front_matter(meta: dict) -> str:
    """YAML front matter MkDocs reads into page.meta (JSON strings are YAML). Material writes
    page.meta.description into an attribute without escaping it, so render() HTML-escapes it."""
    return "---\n" + "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in meta.items()) + "---\n\n"


_FOOTNOTE_DEF = re.compile(r"^\[\^([^\]]+)\]: .*$", re.M)
_NOTE_AGAIN = re.compile(re.escape(NOTE_AGAIN) + r"([^\]]+)\]\]")


def _order_footnotes(text: str, repeats=None) -> str:
    # Python-Markdown numbers footnotes in the order of their definitions: put the definitions
    # in the order the reader meets the references, so the numbers on a page run 1, 2, 3.
    defs = {m.group(1): m.group(0) for m in _FOOTNOTE_DEF.finditer(text)}
    if not defs:
        return text
    body = _FOOTNOTE_DEF.sub("", text).rstrip()
    ordered = sorted(defs, key=lambda label: body.find(f"[^{label}]"))
    if repeats is not None:  # a source written out once, later notes name its number (Notes.repeats)
        defs.update({label: f"[^{label}]: {short}" for label, short in repeats(ordered).items()})
    number = {label: n for n, label in enumerate(ordered, 1)}
    # Links to a note past its first REF_MAX references (context.Notes), shown as its reference is.
    body = _NOTE_AGAIN.sub(
        lambda m: f'<sup><a class="footnote-ref" href="#fn:{m.group(1)}">{number[m.group(1)]}</a></sup>', body
    )
    return body + "\n\n" + "\n".join(defs[label] for label in ordered) + "\n"


def template_problem(error: jinja2.TemplateError, templates: Path, rendering: str | None = None) -> Problem:
    """A template error as a located problem: the template file and line, not a traceback.

    Syntax errors carry their position; errors while rendering (an undefined variable, a failing
    filter) are found in the traceback, where Jinja maps template code to template lines."""
    # Some lexer errors ("Missing end of comment tag") carry no file name: then it is the
    # template being rendered (`rendering`, relative to templates/).
    name, line = getattr(error, "filename", None), getattr(error, "lineno", None)
    if name is None and rendering is not None:
        name = str(templates / rendering)
    if not isinstance(error, jinja2.TemplateSyntaxError):
        tb = error.__traceback__
        while tb is not None:
            if tb.tb_frame.f_code.co_filename.endswith(".j2"):
                name, line = tb.tb_frame.f_code.co_filename, tb.tb_lineno
            tb = tb.tb_next
    shown = f"{templates.name}/"
    if name:
        path = Path(name).resolve()
        shown += path.relative_to(templates.resolve()).as_posix() if path.is_relative_to(templates.resolve()) else name
    hint = (
        "check the template's syntax at this line or just before it: {{ … }}, {% … %} and {# … #} must close"
        if isinstance(error, jinja2.TemplateSyntaxError)
        else "fix the template at this line; the variables a page offers are made by its kind's module in "
        "clusteratlas/pages/"
    )
    return Problem(shown, line or 0, "", f"{type(error).__name__}: {error.message or error}", hint)
