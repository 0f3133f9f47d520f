"""The policies section: the timeline of policies and later events, one page per policy, and the
policy summaries other sections show."""

from __future__ import annotations

from markupsafe import Markup

from ...dataset.dates import position
from ...i18n import SOURCE_LANG, format_date
from ...markdown import escape
from ..atlas import Atlas
from ..kinds import PageKind
from ..notes import Notes


def summary(atlas: Atlas, pol, lang, here, notes, secondary: bool = False) -> dict:
    return dict(
        title=atlas.plink("policies", pol.id, lang, here, atlas.tx(pol.title, lang)),
        province=atlas.plink("provinces", pol.province, lang, here, atlas.tx(atlas.provinces[pol.province].name, lang))
        if pol.province
        else "",
        date=format_date(pol.date, lang, atlas.cat),
        when=atlas.t("parenthetical", lang, text=format_date(pol.date, lang, atlas.cat)),
        level=atlas.t(f"level.{pol.level}", lang),
        # Only where the page shows them: a footnote must never be defined without its reference.
        secondary=[atlas.fact(f, lang, notes) for f in pol.secondary] if secondary else [],
        summary=escape(atlas.tx(pol.summary, lang)) + (notes(pol.sources) if notes else ""),
        brief=escape(atlas.tx(pol.in_brief, lang)) + notes(pol.sources) if secondary and pol.in_brief else "",
    )


def since(atlas: Atlas, lang, here, notes, follows: str | None = None) -> list[dict]:
    """Events after the article (secondary reporting), oldest first; all, or those continuing one policy."""
    return [
        dict(
            date=format_date(m.date, lang, atlas.cat)
            + (atlas.t("date.report_day", lang) if m.date_is == "report" else Markup("")),
            title=escape(atlas.tx(m.title, lang)),
            summary=escape(atlas.tx(m.summary, lang)),
            cite=notes(m.sources),
            points=[escape(atlas.tx(x, lang)) for x in m.points],
        )
        for m in sorted(atlas.ds.milestones, key=lambda m: position(m.date)[0])
        if follows is None or m.follows == follows
    ]


def index(atlas: Atlas, lang: str, here: str, notes: Notes, id: str | None = None):
    return dict(
        title=atlas.t("policies.title", lang),
        lead=atlas.t("policies.lead", lang),
        since=since(atlas, lang, here, notes),
        since_lead=atlas.t("policies.since_lead", lang, total=atlas.total),
        rows=[summary(atlas, p, lang, here, notes) for p in atlas.ordered_policies],
    )


def entity(atlas: Atlas, lang: str, here: str, notes: Notes, id: str | None = None):
    p = atlas.policies[id]
    meta = [
        (atlas.t("policy.date", lang), format_date(p.date, lang, atlas.cat)),
        (atlas.t("policy.level", lang), atlas.t(f"level.{p.level}", lang)),
    ]
    if p.issuer:
        role = "policy.organiser" if p.issuer_role == "organiser" else "policy.issuer"
        meta.append((atlas.t(role, lang), escape(atlas.tx(p.issuer, lang))))
    if p.province:
        prov = atlas.provinces[p.province]
        meta.append(
            (atlas.t("policy.province", lang), atlas.plink("provinces", prov.id, lang, here, atlas.tx(prov.name, lang)))
        )
    if p.region:
        members = atlas.join([atlas.tx(atlas.provinces[m].name, lang) for m in p.region.provinces], lang)
        meta.append(
            (
                atlas.t("policy.region", lang),
                escape(atlas.tx(p.region.name, lang))
                + atlas.t("parenthetical", lang, text=members)
                + notes(p.region.sources),
            )
        )

    # The title in the other languages, always: search finds the page by any (the English title of
    # a document without an official one is marked as the site's translation).
    def other_title(other: str):
        translated = other != SOURCE_LANG and not p.title_en_official
        return escape(atlas.tx(p.title, other)) + (atlas.t("policy.translated_mark", lang) if translated else "")

    meta.append((atlas.t("policy.other_title", lang), atlas.in_other_languages(lang, other_title)))
    related = [atlas.plink("sectors", s, lang, here, atlas.tx(atlas.sectors[s].name, lang)) for s in p.related_sectors]
    related += [
        atlas.plink("policies", o, lang, here, atlas.tx(atlas.policies[o].title, lang)) for o in p.related_policies
    ]
    return dict(
        title=escape(atlas.tx(p.title, lang)),
        meta=meta,
        title_note=atlas.t("policy.title_note", lang) if lang != SOURCE_LANG and not p.title_en_official else "",
        summary=escape(atlas.tx(p.summary, lang)) + notes(p.sources),
        points=[escape(atlas.tx(x, lang)) for x in p.points],
        practice=[escape(atlas.tx(x, lang)) for x in p.practice],
        slogans=Markup(" · ").join(Markup("“") + escape(x) + Markup("”") for x in p.slogans),
        open_questions=[escape(atlas.tx(x, lang)) for x in p.open_questions],
        secondary=[atlas.fact(f, lang, notes) for f in p.secondary],
        explainer=[escape(atlas.tx(f.text, lang)) + notes(f.sources) for f in p.explainer],
        since=since(atlas, lang, here, notes, follows=id),
        since_lead=atlas.t("policy.since_lead", lang, total=atlas.total),
        related=related,
    )


KINDS = (
    PageKind("policies.md.j2", index, charts=("timeline",)),
    PageKind("policy.md.j2", entity, charts=("timeline-{id}",), per_record=True, lead="summary"),
)
