"""The national advanced manufacturing clusters: /clusters/ (coverage per list, field and province,
and every cluster the sources name in one table a reader can filter) and one page per cluster."""

from __future__ import annotations

import re

from markupsafe import Markup
from markupsafe import escape as html

from ...dataset.cluster_figures import field_of as field_id
from ...dataset.cluster_figures import lists_of, names_found
from ...dataset.dates import position
from ...i18n import SOURCE_LANG, format_date
from ...markdown import escape, link
from ...paths import page_path
from ..atlas import Atlas
from ..kinds import PageKind
from ..notes import Notes

INITIAL_ROUNDS = "miit-cluster-competition"
# Catalog keys chosen by a record's values, spelled out (a test finds every key the code uses).
_SHARED = {
    "each": "clusters.shared_each",
    "apart": "clusters.shared_apart",
}  # the policy page of the competition and its 44 initial-round winners


def named_per_province(atlas: Atlas) -> dict[str, int]:
    """How many national clusters this site names in each province (a shared one in each it spans)."""
    return {p: len(mine) for p, mine in atlas.clusters_in.items()}


def lists(atlas: Atlas) -> dict:
    """MIIT's lists by id (built once, on the Atlas)."""
    return atlas.cluster_lists


def list_label(atlas: Atlas, m, lang: str) -> Markup:
    """A cluster's place on one list: 'the 2021 finals (25), first batch, 2nd'."""
    known = lists(atlas)[m.list]
    text = escape(atlas.tx(known.short, lang))
    if m.batch:
        text += atlas.t("clusters.batch", lang, n=m.batch)
    if m.rank:
        text += atlas.t("clusters.rank_place" if m.rank_is == "place" else "clusters.rank", lang, n=m.rank)
    return text


def dated(atlas: Atlas, d, lang: str, notes: Notes) -> Markup:
    """A list's date as its source gives it: the event's day, or 'reported on' the report's."""
    key = "clusters.date_event" if d.kind == "event" else "clusters.date_reported"
    return atlas.t(key, lang, date=format_date(d.date, lang, atlas.cat), what=atlas.tx(d.what, lang)) + notes(d.sources)


def place(atlas: Atlas, c, lang: str, here: str, notes: Notes) -> Markup:
    provinces = atlas.join(
        [atlas.plink("provinces", p, lang, here, atlas.tx(atlas.provinces[p].name, lang)) for p in c.provinces], lang
    )
    text = provinces
    if c.cities:
        text += atlas.t("parenthetical", lang, text=atlas.join([atlas.tx(x, lang) for x in c.cities], lang))
    if c.place_stated:
        return text + notes(c.place_sources)
    return text + atlas.t("clusters.place_from_name", lang)


def field_of(atlas: Atlas, c, lang: str, notes: Notes | None) -> Markup:
    """Its field as a source states it (with the source), as this site reads it from the name
    (said so), or that neither is known."""
    names = {f.id: f.name for f in atlas.ds.cluster_fields}
    if c.field is not None:
        return escape(atlas.tx(names[c.field.field], lang)) + (notes(c.field.sources) if notes else Markup(""))
    if c.field_read is not None:
        return escape(atlas.tx(names[c.field_read], lang)) + atlas.t("clusters.field_read", lang)
    return atlas.t("clusters.field_not_stated", lang)


_ASCII_MARKS = re.compile(r"[!-,./:-@\[-`{-~]")  # ASCII punctuation but the hyphen


def search_text(atlas: Atlas, c) -> str:
    """Every name a reader may type for a cluster, in both languages: its names and other forms,
    its provinces and cities, lowercased, without ASCII punctuation. It goes into an attribute that
    attr_list must parse: a quote, a brace or a bracket in it would leave the attribute unparsed and
    the text read as Markdown (a [link](javascript:…) from data became a link). clusters.js folds
    what a reader types the same way."""
    words = [c.name.zh, c.name.en, *(a.zh for a in c.aliases)]
    for p in c.provinces:
        words += [atlas.provinces[p].name.zh, atlas.provinces[p].name.en]
    words += [x for city in c.cities for x in (city.zh, city.en)]
    return " ".join(_ASCII_MARKS.sub(" ", " ".join(words).lower()).split())


def row(atlas: Atlas, c, lang: str, here: str) -> dict:
    on = lists_of(c, lists(atlas))
    attrs = (
        f'data-ca-provinces="{" ".join(c.provinces)}" data-ca-lists="{" ".join(on)}" '
        f'data-ca-field="{field_id(c) or ""}" data-ca-text="{search_text(atlas, c)}"'
    )
    name = link(atlas.tx(c.name, lang), atlas.href(page_path("clusters", lang, c.id), here)) + Markup(
        "{ " + attrs + " }"
    )
    named = {m.list for m in c.lists}
    shown = [list_label(atlas, m, lang) for m in c.lists]
    shown += [escape(atlas.tx(lists(atlas)[x].short, lang)) for x in on if x not in named]  # the 45 for the 25
    return dict(
        name=name,
        other=escape(c.name.en if lang == SOURCE_LANG else c.name.zh),  # the name in the other data language
        short=c.short_form,
        provinces=atlas.join([atlas.tx(atlas.provinces[p].name, lang) for p in c.provinces], lang),
        cities=atlas.join([atlas.tx(x, lang) for x in c.cities], lang),
        lists=Markup("<br>").join(shown),
        field=field_of(atlas, c, lang, None) if field_id(c) else atlas.t("clusters.field_blank", lang),
    )


def coverage(atlas: Atlas, lang: str, notes: Notes) -> list[Markup]:
    """Per list: the total its sources state and the names this site found."""
    out = []
    for x in atlas.ds.cluster_lists:
        found = len(names_found(atlas.ds, x.id))
        key = "clusters.coverage_part" if x.part_of else "clusters.coverage"
        part = atlas.tx(lists(atlas)[x.part_of].short, lang) if x.part_of else ""
        out.append(
            atlas.t(key, lang, list=atlas.tx(x.short, lang), total=x.total, n=found, part=part) + notes(x.sources)
        )
    return out


def fields_table(atlas: Atlas, lang: str, here: str, notes: Notes) -> list[dict]:
    rows = []
    for f in atlas.ds.cluster_fields:
        stated = [n for n in atlas.ds.cluster_counts if n.field == f.id]
        named = [c for c in atlas.ds.clusters if c.field and c.field.field == f.id]
        read = [c for c in atlas.ds.clusters if c.field_read == f.id]
        rows.append(
            dict(
                name=link(atlas.tx(f.name, lang), f"?field={f.id}#all"),  # the filter, with this field chosen
                stated=Markup(", ").join(Markup(f"{n.count}") + notes(n.sources) for n in stated) or "—",
                named=len(named),
                read=len(read),
            )
        )
    return rows


def count_text(atlas: Atlas, n, lang: str, notes: Notes) -> Markup:
    """A stated count: '7 (a data aggregator's table)'; its convention for shared clusters."""
    marks = [atlas.t("clusters.aggregator", lang)] if n.aggregator else []
    if n.shared != "unstated":
        marks.append(atlas.t(_SHARED[n.shared], lang))
    text = Markup(str(n.count))
    if marks:
        text += atlas.t("parenthetical", lang, text=Markup(atlas.cat.raw("clause_sep", lang)).join(marks))
    return text + notes(n.sources)


def provinces_table(atlas: Atlas, lang: str, here: str, notes: Notes) -> list[dict]:
    """Every province with a cluster or a stated count: per list, what sources count and the names found."""
    rows = []
    for p in atlas.records("provinces"):
        cells = []
        for x in atlas.ds.cluster_lists:
            if x.part_of:
                continue  # the 25 and the 20 are counted within the 45
            stated = [n for n in atlas.ds.cluster_counts if n.province == p.id and n.list == x.id]
            found = [c for c in names_found(atlas.ds, x.id) if p.id in c.provinces]
            cells.append(
                dict(
                    found=len(found),
                    stated=Markup(atlas.cat.raw("clause_sep", lang)).join(
                        count_text(atlas, n, lang, notes) for n in stated
                    ),
                )
            )
        if any(c["found"] or c["stated"] for c in cells):
            rows.append(dict(name=atlas.plink("provinces", p.id, lang, here, atlas.tx(p.name, lang)), cells=cells))
    return rows


def index(atlas: Atlas, lang: str, here: str, notes: Notes, id: str | None = None) -> dict:
    ds = atlas.ds
    rows = [row(atlas, c, lang, here) for c in atlas.records("clusters")]
    return dict(
        title=atlas.t("clusters.title", lang),
        lead=atlas.t("clusters.lead", lang, total=len(ds.clusters)),
        coverage=coverage(atlas, lang, notes),
        list_notes=[atlas.fact(f, lang, notes) for x in ds.cluster_lists for f in x.notes],
        initial=atlas.t(
            "clusters.initial_apart",
            lang,
            link=atlas.plink("policies", INITIAL_ROUNDS, lang, here, atlas.t("clusters.initial_link", lang)),
        ),
        fields=fields_table(atlas, lang, here, notes),
        list_columns=[escape(atlas.tx(x.short, lang)) for x in ds.cluster_lists if not x.part_of],
        provinces=provinces_table(atlas, lang, here, notes),
        rows=rows,
        # The filter is raw HTML (a form the script shows): its texts are escaped for HTML, not Markdown.
        form=dict(
            label=html(atlas.cat.text("clusters.filter_label", lang)),
            text=html(atlas.cat.text("clusters.filter_text", lang)),
            province=html(atlas.cat.text("col.province", lang)),
            list=html(atlas.cat.text("clusters.col_lists", lang)),
            field=html(atlas.cat.text("clusters.col_field", lang)),
            any=html(atlas.cat.text("clusters.filter_any", lang)),
            count=html(atlas.cat.text("clusters.filter_count", lang)),
            provinces=[
                (p.id, html(atlas.tx(p.name, lang)))
                for p in atlas.records("provinces")
                if any(p.id in c.provinces for c in ds.clusters)
            ],
            lists=[(x.id, html(atlas.tx(x.short, lang))) for x in ds.cluster_lists],
            fields=[(f.id, html(atlas.tx(f.name, lang))) for f in ds.cluster_fields],
        ),
    )


def entity(atlas: Atlas, lang: str, here: str, notes: Notes, id: str | None = None) -> dict:
    c = atlas.record("clusters", id)
    known = lists(atlas)
    names = [
        (
            atlas.t("clusters.name_zh", lang),
            escape(c.name.zh) + (atlas.t("clusters.short_form", lang) if c.short_form else ""),
        ),
        (atlas.t("clusters.name_en", lang), escape(c.name.en) + atlas.t("clusters.site_rendering", lang)),
    ]
    names += [(atlas.t("clusters.other_form", lang), escape(a.zh) + notes(a.sources)) for a in c.aliases]
    memberships = []
    for m in c.lists:
        x = known[m.list]
        memberships.append(
            dict(
                label=list_label(atlas, m, lang) + notes(m.sources),
                dates=[dated(atlas, d, lang, notes) for d in sorted(x.dates, key=lambda d: position(d.date)[0])],
                note=escape(atlas.tx(m.note, lang)) if m.note else "",
                within=atlas.t("clusters.within", lang, list=atlas.tx(known[x.part_of].short, lang))
                if x.part_of
                else "",
            )
        )
    shared = (
        atlas.t(
            "clusters.shared_note",
            lang,
            n=len(c.provinces),
            link=link(atlas.t("clusters.title", lang), atlas.href(page_path("clusters", lang), here) + "#provinces"),
        )
        if len(c.provinces) > 1
        else ""
    )
    return dict(
        title=escape(atlas.tx(c.name, lang)),
        lead=atlas.t(
            "clusters.entity_lead",
            lang,
            # A short form (泛家居) reads as a name only in quotation marks, as the report's word.
            name=atlas.t("clusters.short_name", lang, name=atlas.tx(c.name, lang))
            if c.short_form
            else atlas.tx(c.name, lang),
            lists=atlas.join([atlas.tx(known[x].short, lang) for x in lists_of(c, known)], lang),
        ),
        names=names,
        place=place(atlas, c, lang, here, notes),
        shared=shared,
        memberships=memberships,
        field=field_of(atlas, c, lang, notes),
        lead_applicant=escape(atlas.tx(c.lead.text, lang)) + notes(c.lead.sources) if c.lead else "",
        notes_list=[atlas.fact(n, lang, notes) for n in c.notes],
        all_link=link(atlas.t("clusters.all", lang), atlas.href(page_path("clusters", lang), here) + "#all"),
    )


def grouped(atlas: Atlas, mine: list, province: str, lang: str, here: str) -> list[dict]:
    """A province's clusters grouped by the first list each is on (the 2021 finals, the third
    round, the 45 without a stated round, the 35): one label per group instead of the same lists
    on every line; a cluster shared with other provinces says with which."""
    known = lists(atlas)
    groups: dict[str, list] = {}
    for c in mine:
        groups.setdefault(lists_of(c, known)[0], []).append(c)
    named = []
    for first in (x for x in known if x in groups):
        label = escape(atlas.tx(known[first].short, lang))
        if known[first].part_of:
            part = atlas.tx(known[known[first].part_of].short, lang)
            label = atlas.t("clusters.group_within", lang, list=atlas.tx(known[first].short, lang), part=part)
        items = []
        for c in groups[first]:
            others = [p for p in c.provinces if p != province]
            shared_with = atlas.join([atlas.tx(atlas.provinces[p].name, lang) for p in others], lang)
            shared = Markup(" ") + atlas.t("clusters.shared_with", lang, others=shared_with) if others else ""
            items.append(atlas.plink("clusters", c.id, lang, here, atlas.tx(c.name, lang)) + shared)
        named.append(dict(label=label, clusters=items))
    return named


def stated_counts(atlas: Atlas, province: str, lang: str, notes: Notes) -> list[Markup]:
    """What sources count for a province, a line per count: 'the 2022 list of 45: 10 (…)'."""
    known = lists(atlas)
    return [
        atlas.t(
            "clusters.count_line",
            lang,
            list=atlas.tx(known[n.list].short, lang),
            count=count_text(atlas, n, lang, notes),
        )
        for n in atlas.ds.cluster_counts
        if n.province == province
    ]


def province_summary(atlas: Atlas, province: str, lang: str, here: str, notes: Notes) -> dict:
    """What a province page says first: its national clusters — the counts sources state, the names
    this site found, each with its lists, shared ones marked — or that none are known."""
    ds, known = atlas.ds, lists(atlas)
    name = atlas.tx(atlas.provinces[province].name, lang)
    mine = atlas.clusters_in[province]
    counts = stated_counts(atlas, province, lang, notes)
    found = [
        atlas.t("clusters.found_in", lang, n=n, list=atlas.tx(x.short, lang))
        for x in ds.cluster_lists
        if not x.part_of and (n := len([c for c in mine if x.id in lists_of(c, known)]))
    ]
    if mine:
        lead = atlas.t("clusters.province_lead", lang, name=name, n=len(mine), found=atlas.join(found, lang))
    else:
        lead = atlas.t("clusters.none_known", lang, name=name)
    named = grouped(atlas, mine, province, lang, here)
    explainer = link(
        atlas.t("province.national_link", lang),
        atlas.href(page_path("policies", lang, INITIAL_ROUNDS), here) + "#stages-batches-rounds",
    )
    return dict(
        named=len(mine),
        lead=lead,
        counts=counts,
        groups=named,
        shared_convention=atlas.t("clusters.convention", lang) if any(len(c.provinces) > 1 for c in mine) else "",
        note=atlas.t("province.national_note", lang, total=atlas.total, link=explainer),
        all_link=link(
            atlas.t("clusters.province_filter", lang),
            atlas.href(page_path("clusters", lang), here) + f"?province={province}#all",
        )
        if mine
        else "",
    )


KINDS = (
    PageKind("clusters.md.j2", index),
    PageKind("cluster.md.j2", entity, per_record=True),
)
