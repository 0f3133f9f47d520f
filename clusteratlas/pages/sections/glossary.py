"""The glossary: terms in both languages, with notes and their sources."""

from __future__ import annotations

from ...markdown import escape
from ..atlas import Atlas
from ..kinds import PageKind
from ..notes import Notes


def context(atlas: Atlas, lang: str, here: str, notes: Notes, id: str | None = None):
    rows = [
        dict(
            zh=escape(g.zh), en=escape(g.en), note=(escape(atlas.tx(g.note, lang)) if g.note else "") + notes(g.sources)
        )
        for g in atlas.ds.glossary
    ]
    return dict(title=atlas.t("glossary.title", lang), lead=atlas.t("glossary.lead", lang), rows=rows)


KINDS = (PageKind("glossary.md.j2", context),)
