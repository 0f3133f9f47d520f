"""/sources/: every source the site cites, by kind, each as its footnotes describe it — the
article, the later reports and other pages (with the address read), the reference sources. Made
from data/sources.yaml, so the list cannot fall behind the data."""

from __future__ import annotations

from ...markdown import escape
from ..atlas import Atlas
from ..kinds import PageKind
from ..notes import Notes

KINDS_IN_ORDER = ("primary", "secondary", "reference")
# Catalog keys chosen by a record's values, spelled out (a test finds every key the code uses).
_HEADINGS = {
    "primary": ("sources.primary", "sources.primary_lead"),
    "secondary": ("sources.secondary", "sources.secondary_lead"),
    "reference": ("sources.reference", "sources.reference_lead"),
}


def context(atlas: Atlas, lang: str, here: str, notes: Notes, id: str | None = None) -> dict:
    groups = []
    for kind in KINDS_IN_ORDER:
        items = [
            dict(
                id=s.id,
                text=notes.describe(s.id),
                note=escape(atlas.tx(s.note, lang)) if s.note else "",
            )
            for s in atlas.ds.sources
            if s.kind == kind
        ]
        heading, lead = _HEADINGS[kind]
        groups.append(dict(heading=atlas.t(heading, lang), lead=atlas.t(lead, lang), entries=items))
    return dict(
        title=atlas.t("sources.title", lang), lead=atlas.t("sources.lead", lang, n=len(atlas.ds.sources)), groups=groups
    )


KINDS = (PageKind("sources.md.j2", context),)
