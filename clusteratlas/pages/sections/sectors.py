"""The sectors section: the winners by industrial sector, and one page per sector."""

from __future__ import annotations

from ...dataset.fields import Cite
from ...dataset.figures import rank, share_text
from ...i18n import category_name, in_sentence, ordinal_en
from ...markdown import escape
from ..atlas import Atlas
from ..kinds import PageKind
from ..notes import Notes
from . import policies


def every_sector(atlas: Atlas) -> Cite:
    """One citation of the article's sector list with every category's words: the lead's claim
    is the whole list, not its first item."""
    first = atlas.ds.sectors[0].sources[0]
    quotes = {q.zh: q for s in atlas.ds.sectors for c in s.sources for q in c.quote}
    return Cite(source=first.source, section=first.section, quote=list(quotes.values()))


def index(atlas: Atlas, lang: str, here: str, notes: Notes, id: str | None = None):
    rows = [
        dict(
            name=atlas.plink("sectors", s.id, lang, here, atlas.tx(s.name, lang)),
            winners=s.winners,
            share=share_text(s.winners, atlas.total),
        )
        for s in atlas.ds.sectors
    ]
    return dict(
        title=atlas.t("sectors.title", lang),
        rows=rows,
        total=atlas.total,
        lead=atlas.t("sectors.lead", lang, total=atlas.total, n=len(atlas.ds.sectors)) + notes([every_sector(atlas)]),
    )


def entity(atlas: Atlas, lang: str, here: str, notes: Notes, id: str | None = None):
    s = atlas.sectors[id]
    counts = atlas.sector_winners
    place, tied = rank(s.winners, counts, id)
    tie = (
        atlas.t(
            "province.tie",
            lang,
            others=atlas.tied([in_sentence(atlas.tx(atlas.sectors[o].name, lang), lang) for o in tied], lang),
        )
        if tied
        else ""
    )
    name = category_name(s.name, lang)
    text = atlas.t(
        "sector.winners_sentence",
        lang,
        total=atlas.total,
        name=name,
        n=s.winners,
        share=share_text(s.winners, atlas.total),
        count=len(counts),
        rank=place,
        rank_en=ordinal_en(place),
        tie=tie,
    ) + notes(s.sources)
    focus = [
        atlas.t(
            "sector.focus",
            lang,
            field=atlas.tx(f, lang),
            field_cap=atlas.tx(f, lang)[:1].upper() + atlas.tx(f, lang)[1:],
        )
        + notes(atlas.ds.competition.focus_sources or atlas.ds.competition.sources)
        for f in atlas.ds.competition.focus_fields
        if f.zh == s.name.zh
    ]
    related = [policies.summary(atlas, p, lang, here, None) for p in atlas.policies_of_sector.get(id, [])]
    identity = [(atlas.t("other_name", lang), atlas.in_other_languages(lang, lambda o: escape(atlas.tx(s.name, o))))]
    return dict(
        title=escape(atlas.tx(s.name, lang)),
        identity=identity,
        text=text,
        focus=focus,
        open=atlas.t("sector.open", lang),
        not_national=atlas.t("sector.not_national", lang),
        related=related,
    )


KINDS = (
    PageKind("sectors.md.j2", index, charts=("sectors-bars",)),
    PageKind("sector.md.j2", entity, charts=("sectors-bars-{id}",), per_record=True, lead="text"),
)
