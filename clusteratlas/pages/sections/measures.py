"""The measures section: the article's cluster "toolbox", one page per measure."""

from __future__ import annotations

from ...markdown import escape
from ..atlas import Atlas
from ..kinds import PageKind
from ..notes import Notes
from . import policies

# Catalog keys chosen by a record's values, spelled out (a test finds every key the code uses).
_MEASURE_HEADINGS = {
    "practice": ("measure.points_heading.practice", "measure.reported_as.practice"),
    "recommendation": ("measure.points_heading.recommendation", "measure.reported_as.recommendation"),
}


def index(atlas: Atlas, lang: str, here: str, notes: Notes, id: str | None = None):
    rows = [
        dict(
            number=atlas.t("measure.number", lang, n=m.number),
            name=atlas.plink("measures", m.id, lang, here, atlas.tx(m.name, lang)),
            summary=escape(atlas.tx(m.summary, lang)) + notes(m.sources),
        )
        for m in sorted(atlas.ds.measures, key=lambda m: m.number)
    ]
    return dict(title=atlas.t("measures.title", lang), lead=atlas.t("measures.lead", lang), rows=rows)


def entity(atlas: Atlas, lang: str, here: str, notes: Notes, id: str | None = None):
    m = next(x for x in atlas.ds.measures if x.id == id)
    return dict(
        title=escape(atlas.tx(m.name, lang)),
        number=atlas.t("measure.number", lang, n=m.number),
        points_heading=atlas.t(_MEASURE_HEADINGS[m.reported_as][0], lang),
        reported_as=atlas.t(_MEASURE_HEADINGS[m.reported_as][1], lang),
        summary=escape(atlas.tx(m.summary, lang)) + notes(m.sources),
        points=[escape(atlas.tx(x, lang)) for x in m.points],
        practice=[policies.summary(atlas, atlas.policies[x], lang, here, None) for x in m.related_policies],
    )


KINDS = (
    PageKind("measures.md.j2", index),
    PageKind("measure.md.j2", entity, per_record=True, lead="summary"),
)
