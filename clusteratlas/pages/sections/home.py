"""The home page: the key figures of the article, its assessment, and what happened since."""

from __future__ import annotations

from ...dataset.cluster_figures import names_found
from ...dataset.figures import share_text
from ...i18n import format_date, in_sentence, numeral_zh
from ...markdown import escape
from ..atlas import Atlas
from ..kinds import PageKind
from ..notes import Cite, Notes
from . import clusters, policies, sectors
from .provinces import tile_map


def context(atlas: Atlas, lang: str, here: str, notes: Notes, id: str | None = None):
    ds, c = atlas.ds, atlas.ds.competition
    batches = atlas.join(
        [
            atlas.t(
                "home.fig_batch",
                lang,
                number=b.number,
                number_zh=numeral_zh(b.number),
                launched=format_date(b.launched, lang, atlas.cat),
                winners=b.winners,
            )
            for b in c.batches
        ],
        lang,
    )
    top_p = max(atlas.ds.provinces, key=lambda p: atlas.winners[p.id])
    top_s = max(ds.sectors, key=lambda s: s.winners)
    w = ds.work_reports
    n_mentioned = sum(len(cat.provinces) for cat in w.categories)
    figures = [
        # The total and, from the batches' own citations, their launch months and winners.
        atlas.t("home.fig_winners", lang, total=c.winners_total, batches=batches)
        + notes([c.sources[0], *(b.sources[0] for b in c.batches)]),
        atlas.t(
            "home.fig_provinces",
            lang,
            n=sum(1 for v in atlas.winners.values() if v),
            top=atlas.plink("provinces", top_p.id, lang, here, atlas.tx(top_p.name, lang)),
            top_n=atlas.winners[top_p.id],
        )
        + notes(c.sources),
        atlas.t(
            "home.fig_sectors",
            lang,
            n=len(ds.sectors),
            total=atlas.total,
            top=atlas.plink("sectors", top_s.id, lang, here, in_sentence(atlas.tx(top_s.name, lang), lang)),
            top_n=top_s.winners,
        )
        + notes([sectors.every_sector(atlas)]),
        atlas.t(
            "home.fig_reports",
            lang,
            n=n_mentioned,
            total=w.divisions_total,
            share=share_text(n_mentioned, w.divisions_total),
        )
        + notes(w.categories[0].sources),
        atlas.t(
            "home.fig_policies",
            lang,
            national=sum(p.level == "national" for p in ds.policies),
            regional=sum(p.level == "regional" for p in ds.policies),
            provincial=sum(p.level == "provincial" for p in ds.policies),
            measures=len(ds.measures),
        ),
    ]
    primary = next(s for s in ds.sources if s.kind == "primary")
    assessment = (
        escape(atlas.tx(primary.summary, lang)) + notes([Cite(primary.id, quote=tuple(primary.summary_quote))])
        if primary.summary
        else ""
    )
    tiles, legend = tile_map(atlas, lang, here, clusters.named_per_province(atlas))
    lists = clusters.lists(atlas)
    national = atlas.t(
        "home.national",
        lang,
        found45=len(names_found(ds, "list-2022")),
        found35=len(names_found(ds, "list-2024")),
        clusters=atlas.plink("clusters", None, lang, here, atlas.t("home.national_all", lang)),
        compare=atlas.plink("compare", None, lang, here, atlas.t("compare.title", lang)),
    ) + notes([c for x in ("list-2022", "list-2024") for c in lists[x].sources])
    return dict(
        national=national,
        tiles=tiles,
        legend=legend,
        title=atlas.t("home.title", lang),
        lead=atlas.t("home.lead", lang),
        figures=figures,
        assessment=assessment,
        since=policies.since(atlas, lang, here, notes),
        since_intro=atlas.t("home.since", lang, total=c.winners_total),
        since_link=atlas.plink("policies", "miit-cluster-competition", lang, here, atlas.t("home.since_link", lang))
        if "miit-cluster-competition" in atlas.policies
        else "",
        source_line=atlas.t("home.source_line", lang, source=atlas.tx(primary.title, lang)) + notes([Cite(primary.id)]),
    )


KINDS = (PageKind("home.md.j2", context, charts=("map-winners", "batches")),)
