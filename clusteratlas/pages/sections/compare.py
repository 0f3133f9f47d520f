"""/compare/: provinces side by side — their national clusters (the names found and the counts the
sources state), their winners of the 2019–2020 initial rounds and their 2020 work reports' wording.
Every province is on the page (without JavaScript, all of them); a reader picks some to compare."""

from __future__ import annotations

from markupsafe import Markup
from markupsafe import escape as html

from ...markdown import escape
from ..atlas import Atlas
from ..kinds import PageKind
from ..notes import Notes
from .clusters import grouped, stated_counts


def context(atlas: Atlas, lang: str, here: str, notes: Notes, id: str | None = None) -> dict:
    items = []
    for p in atlas.records("provinces"):
        mine = atlas.clusters_in[p.id]
        groups = grouped(atlas, mine, p.id, lang, here)
        stated = stated_counts(atlas, p.id, lang, notes)
        cat = atlas.category_of.get(p.id)
        wording = (
            atlas.t("term_with_original", lang, term=cat.term.zh, term_en=cat.term.en) + notes(cat.sources)
            if cat
            else atlas.t("not_in_lists", lang) + notes(atlas.all_lists)
        )
        items.append(
            dict(
                id=p.id,
                name=atlas.plink("provinces", p.id, lang, here, atlas.tx(p.name, lang)),
                count=len(mine),
                groups=groups,
                stated=Markup(atlas.cat.raw("clause_sep", lang)).join(stated)
                if stated
                else atlas.t("compare.none_stated", lang),
                winners=Markup(str(atlas.winners[p.id])) + notes(atlas.ds.competition.sources),
                wording=wording,
            )
        )
    return dict(
        title=atlas.t("compare.title", lang),
        lead=atlas.t("compare.lead", lang),
        items=items,
        form=dict(
            label=html(atlas.cat.text("compare.choose", lang)),
            provinces=[(p.id, html(atlas.tx(p.name, lang))) for p in atlas.records("provinces")],
            reset_label=html(atlas.cat.text("compare.clear", lang)),
        ),
        initial_note=escape(atlas.cat.text("compare.initial_note", lang)),
    )


KINDS = (PageKind("compare.md.j2", context),)
