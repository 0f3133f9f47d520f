"""The provinces section: the index with its tile map, and one page per provincial-level division."""

from __future__ import annotations

from markupsafe import Markup

from ...charts.tilegrid import TILES, count_bin, count_legend
from ...dataset.figures import rank, share_text
from ...i18n import format_date, ordinal_en
from ...markdown import escape, link
from ...paths import page_path
from ..atlas import Atlas
from ..kinds import PageKind
from ..notes import Notes
from . import clusters, policies


def tile_map(atlas: Atlas, lang: str, here: str, counts: dict[str, int]) -> tuple[list[Markup], list[Markup]]:
    """Every division as a tile linking its page, placed as on the tile maps, coloured by `counts`.
    Markdown links (not raw HTML), so MkDocs resolves them for the site and the offline bundle."""
    tiles = [
        link(
            Markup(f"{escape(atlas.tx(p.name, lang))} **{counts[p.id]}**"),
            atlas.href(page_path("provinces", lang, p.id), here),
        )
        + Markup(
            f"{{ .ca-tile .ca-tile--b{count_bin(counts[p.id])} "
            f'style="grid-column: {TILES[p.id][0]}; grid-row: {TILES[p.id][1] + 1}" }}'
        )
        for p in atlas.ds.provinces
    ]
    legend = [
        Markup(f'<span class="ca-tile--b{i}">{label}</span>') for i, _, label in count_legend(max(counts.values()))
    ]
    return tiles, legend


def index(atlas: Atlas, lang: str, here: str, notes: Notes, id: str | None = None):
    named = clusters.named_per_province(atlas)
    rows = []
    for p in atlas.ds.provinces:
        cat = atlas.category_of.get(p.id)
        rows.append(
            dict(
                name=atlas.plink("provinces", p.id, lang, here, atlas.tx(p.name, lang)),
                kind=atlas.t(f"kind.{p.kind}", lang),
                region=atlas.t(f"region.{p.region}", lang),
                winners=atlas.winners[p.id],
                national=named[p.id],
                wording=atlas.t("term_with_original", lang, term=cat.term.zh, term_en=cat.term.en)
                if cat
                else atlas.t("not_in_lists", lang),
            )
        )
    # The way in: every division one tap away, placed as on the tile maps, coloured by its national
    # clusters named here (a shared one counted in each province it spans).
    tiles, legend = tile_map(atlas, lang, here, named)
    return dict(
        title=atlas.t("provinces.title", lang),
        rows=rows,
        tiles=tiles,
        legend=legend,
        tiles_note=atlas.t(
            "provinces.tiles_note",
            lang,
            n=len(atlas.ds.clusters),
            link=atlas.plink("clusters", None, lang, here, atlas.t("clusters.title", lang)),
        ),
        lead=atlas.t("provinces.lead", lang) + notes(atlas.ds.competition.sources) + notes(atlas.all_lists),
    )


def entity(atlas: Atlas, lang: str, here: str, notes: Notes, id: str | None = None):
    p = atlas.provinces[id]
    name = atlas.tx(p.name, lang)
    n = atlas.winners[id]
    comp = atlas.ds.competition
    place, tied = rank(n, atlas.winners, id)
    if n:
        tie = (
            atlas.t(
                "province.tie", lang, others=atlas.tied([atlas.tx(atlas.provinces[o].name, lang) for o in tied], lang)
            )
            if tied
            else ""
        )
        winners_text = atlas.t(
            "province.winners_some",
            lang,
            total=atlas.total,
            name=name,
            n=n,
            share=share_text(n, atlas.total),
            rank=place,
            rank_en=ordinal_en(place),
            tie=tie,
        )
    else:
        winners_text = atlas.t("province.winners_none", lang, total=atlas.total, name=name)
    winners_text += notes(comp.sources)
    winners_open = atlas.t("province.winners_open", lang) if n else ""  # nothing to name where there are none
    cat = atlas.category_of.get(id)
    w = atlas.ds.work_reports
    if cat:
        # In the site's order of provinces (north to south), not the article's: the article's
        # list copied in its order is the article's sentence, unquoted.
        order = list(atlas.provinces)
        members = atlas.join(
            [atlas.tx(atlas.provinces[m].name, lang) for m in sorted(cat.provinces, key=order.index)], lang
        )
        key = "province.report_in" if len(cat.provinces) > 1 else "province.report_in_only"
        report = [
            atlas.t(key, lang, name=name, term=cat.term.zh, term_en=cat.term.en, n=len(cat.provinces), members=members)
            + notes(cat.sources)
        ]
        ex = atlas.example_of.get(id)
        if ex:
            report.append(atlas.t("province.report_example", lang, text=atlas.tx(ex.text, lang)) + notes(ex.sources))
        wording = atlas.t("term_with_original", lang, term=cat.term.zh, term_en=cat.term.en)
    else:
        report = [
            atlas.t("province.report_absent", lang, n=w.mentioned_stated, total=w.divisions_total, name=name)
            + notes(atlas.all_lists)
        ]
        wording = atlas.t("not_in_lists", lang)
    own = [pol for pol in atlas.ordered_policies if pol.province == id]
    programmes = [policies.summary(atlas, pol, lang, here, notes, secondary=True) for pol in own]
    national = clusters.province_summary(atlas, id, lang, here, notes)
    # A decision addressed to one region is shown only to its members, with the source of membership.
    regional = [
        dict(
            lead=atlas.t("province.regional_lead", lang, name=name, region=atlas.tx(pol.region.name, lang))
            + notes(pol.region.sources)
            + Markup(atlas.cat.raw("sentence_sep", lang))
            + atlas.t("province.regional_requirements", lang, region=atlas.tx(pol.region.name, lang)),
            policy=policies.summary(atlas, pol, lang, here, notes),
        )
        for pol in atlas.ordered_policies
        if pol.region is not None and id in pol.region.provinces
    ]

    # The name in the other language is on the page (and so in its search index): 江苏 typed
    # on the English site finds Jiangsu, and Jiangsu on the Chinese site finds 江苏.
    # The full name alone when it begins with the short name (江苏省, Jiangsu Province): "Xizang
    # (Xizang Autonomous Region (Tibet))" said the name twice.
    def names(lg):
        short, full = atlas.tx(p.name, lg), atlas.tx(p.full_name, lg)
        return (
            escape(full) if full.startswith(short) else escape(short) + atlas.t("parenthetical_ascii", lang, text=full)
        )

    identity = [
        (atlas.t("other_name", lang), atlas.in_other_languages(lang, names)),
        (atlas.t("full_name", lang), escape(atlas.tx(p.full_name, lang))),
        (atlas.t("col.kind", lang), atlas.t(f"kind.{p.kind}", lang) + notes(p.sources[:1])),
        (atlas.t("col.region", lang), atlas.t(f"region.{p.region}", lang) + notes(p.sources[1:])),
    ]
    # Key figures first: the province's own numbers, each from its source, before any context —
    # the national clusters later reports name (their sources are in the section the label links
    # to), then the article's initial-round figures.
    named = national["named"]
    key = [
        dict(
            value=named,
            label=link(
                atlas.t("province.key_national" if named else "province.key_national_none", lang, n=named),
                "#national-clusters",
            ),
        ),
        dict(value=n, label=atlas.t("province.key_winners", lang, n=n, total=atlas.total) + notes(comp.sources)),
    ]
    if n:
        key += [
            dict(value=share_text(n, atlas.total), label=atlas.t("province.key_share", lang)),
            dict(
                value=atlas.t("province.key_rank_value", lang, rank=place, rank_en=ordinal_en(place)),
                label=atlas.t("province.key_rank", lang, count=len(atlas.winners))
                + (atlas.t("province.key_tied", lang) if tied else ""),
            ),
        ]
    key_lines = [(atlas.t("province.wording_label", lang), wording + notes(cat.sources if cat else atlas.all_lists))]
    key_lines += [
        (
            atlas.t("province.programme_label", lang),
            link(atlas.tx(pol.short_title, lang), "#programme")
            + atlas.t("parenthetical", lang, text=format_date(pol.date, lang, atlas.cat)),
        )
        for pol in own
    ]
    return dict(
        title=escape(name),
        identity=identity,
        key=key,
        key_lines=key_lines,
        winners_text=winners_text,
        winners_open=winners_open,
        report=report,
        programmes=programmes,
        regional=regional,
        national=national,
        national_lead=national["lead"],
        timeline=atlas.t(
            "province.national_lead",
            lang,
            timeline=link(atlas.t("province.timeline_link", lang), atlas.href(page_path("policies", lang), here)),
        ),
    )


KINDS = (
    PageKind("provinces.md.j2", index, charts=("map-wording",)),
    PageKind("province.md.j2", entity, charts=("map-winners-{id}",), per_record=True, lead="national_lead"),
)
