"""Every kind of page, and the loop that makes every page of every kind in every language.

A page kind is a row that a section's module declares (pages/sections/<name>.py, `KINDS`): its
template, the function that computes the template's variables, the charts it shows, and whether it
is one page per record of the section. The menu's names (dataset/sections.NAV) say which modules
there are; a section has two kinds (its index and its records' pages), a single page one.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from dataclasses import dataclass, replace

from ..dataset.sections import SECTION
from ..paths import NAV

SECTIONS_PACKAGE = f"{__package__}.sections"


@dataclass(frozen=True)
class PageKind:
    template: str  # templates/pages/<template>
    context: Callable[..., dict]  # (atlas, lang, path, notes, id) → the template's variables
    charts: tuple[str, ...] = ()  # names of chart specs (charts/spec.py); "{id}" is the record's id
    per_record: bool = False  # one page per record of the section, at /<name>/<id>/
    lead: str = "lead"  # the variable whose text leads the page (its meta description and card)
    # A page's own node beside its WebPage in JSON-LD (the data page's Dataset): (atlas, lang) → dict.
    structured: Callable[..., dict] | None = None
    name: str = ""  # the menu's name (set from the module it is declared in)


class ShapeError(Exception):
    """A piece of a section the code lacks: a module, its kinds. Reported by `make check`."""


@functools.cache
def page_kinds() -> tuple[PageKind, ...]:
    """Every page kind, in the menu's order. Raises ShapeError naming what a section lacks."""
    out = []
    for name in NAV:
        try:
            module = importlib.import_module(f"{SECTIONS_PACKAGE}.{name}")
        except ModuleNotFoundError as e:
            if e.name != f"{SECTIONS_PACKAGE}.{name}":
                raise
            raise ShapeError(
                f"clusteratlas/pages/sections/{name}.py is missing: '{name}' is in the menu "
                "(dataset/sections.py, NAV) but no module says what its pages show"
            ) from None
        kinds = getattr(module, "KINDS", None)
        if not kinds:
            raise ShapeError(f"clusteratlas/pages/sections/{name}.py declares no KINDS (its page kinds)")
        expected = [False, True] if name in SECTION else [False]
        if [k.per_record for k in kinds] != expected:
            raise ShapeError(
                f"clusteratlas/pages/sections/{name}.py: KINDS must be "
                + ("its index, then its records' pages (per_record=True)" if name in SECTION else "one page kind")
            )
        out += [replace(k, name=name) for k in kinds]
    return tuple(out)
