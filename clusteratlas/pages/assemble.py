"""Every page of the site, built in one place: for each page kind of each section (kinds.py) and
each language, its variables from the section's function, then everything the generator adds to
every page — title, description, card, charts, footnotes, JSON-LD, feed, neighbours, citation —
as the fields of a typed Page. The hand-written pages (content/) come out as Pages too.
"""

from __future__ import annotations

from ..charts.cards import card_spec
from ..dataset.sections import SECTION
from ..i18n import DEFAULT_LANG, LANGS
from ..markdown import description, first_heading, link, plain
from ..paths import API_DIR, HAND_WRITTEN, card_url, feed_href, page_path
from . import structured
from .atlas import Atlas
from .changelog import page_changes
from .cite import Citer
from .kinds import PageKind, page_kinds
from .notes import Notes
from .page import Page


def build_pages(atlas: Atlas, cite: Citer) -> list[Page]:
    """Every page of every kind, in every language, with its neighbours linked."""
    out: list[Page] = []
    for lang in LANGS:
        for kind in page_kinds():
            # In the data file's order: a section's own order (policies by date) is for lists and neighbours.
            ids = [x.id for x in atlas.ds.records(kind.name)] if kind.per_record else [None]
            out += [_page(atlas, cite, kind, lang, id) for id in ids]
    _link_neighbours(out, atlas)
    return out


def _page(atlas: Atlas, cite: Citer, kind: PageKind, lang: str, id: str | None) -> Page:
    notes = Notes(atlas.ds, lang, atlas.cat)
    path = page_path(kind.name, lang, id)
    variables = atlas.base(kind.name, lang, id)
    variables.update(kind.context(atlas, lang, path, notes, id))
    charts = [atlas.chart(name.format(id=id), lang, path) for name in kind.charts]
    if id is not None:  # every entity page links the JSON of its own record (/api/<kind>/<id>.json)
        variables["changes"] = page_changes(atlas, lang, kind.name, id)  # "Last changed" and the page's changes
        api = atlas.href(f"{API_DIR}/{kind.name}/{id}.json", path)
        variables["json_link"] = link(atlas.t("data.entity_json", lang), api)
    lead = variables.get(kind.lead) or None
    title = plain(variables["title"])
    return Page(
        kind=kind.name,
        id=id,
        lang=lang,
        path=path,
        title=title,
        description=description(lead) if lead else None,
        # The picture a shared link shows: the section, the title, the key sentence, the site's name.
        card=card_spec(
            lang,
            title,
            atlas.cat.text("cite.site_name", lang),
            text=description(lead, limit=300) if lead else "",
            kicker=plain(atlas.t(kind.name, lang)) if kind.per_record else "",
        ),
        card_url=card_url(path, atlas.site_url),
        feed=feed_href(path),
        webpage=structured.page_data(
            atlas.ds,
            atlas.cat,
            path,
            lang,
            title,
            [c.source for c in notes.cites.values()],
            atlas.site_url,
            atlas.today,
            atlas.version,
        ),
        citation=cite(path, title),
        charts=charts,
        notes=notes,
        template=kind.template,
        vars=variables,
        main_entity=kind.structured(atlas, lang) if kind.structured else None,
        home=kind.name == "home" and lang == DEFAULT_LANG,
    )


def _link_neighbours(pages: list[Page], atlas: Atlas) -> None:
    """Each entity page names the pages before and after it, with their titles, for the footer's
    previous/next links (overrides/partials/footer.html, the same in both engines): in the
    section's order (provinces in the official order, policies by date)."""
    entity = {(p.kind, p.lang, p.id): p for p in pages if p.id is not None}
    for kind in (k for k in page_kinds() if k.per_record):
        ids = [x.id for x in SECTION[kind.name].ordered(atlas.ds.records(kind.name))]
        for lang in LANGS:
            for before, id, after in zip([None, *ids[:-1]], ids, [*ids[1:], None], strict=True):
                entity[kind.name, lang, id].neighbours = {
                    "ca_previous": _neighbour(entity.get((kind.name, lang, before))),
                    "ca_next": _neighbour(entity.get((kind.name, lang, after))),
                }


def _neighbour(page: Page | None) -> dict | None:
    # A sibling in the same folder: the template makes its address for the site or the bundle.
    return {"id": page.id, "title": page.title} if page else None


def hand_written_pages(texts: dict[str, str], atlas: Atlas, cite: Citer) -> list[Page]:
    """The pages people write (content/about.md and its English twin; `texts`: docs path → text as
    check read it), with what the generator adds to every page: structured data and the card in
    front matter, the citation block."""
    out = []
    for name in HAND_WRITTEN:
        for lang in LANGS:
            path = page_path(name, lang)
            text = texts[path]
            title = first_heading(text)
            out.append(
                Page(
                    kind=name,
                    id=None,
                    lang=lang,
                    path=path,
                    title=title,
                    description=None,
                    card=card_spec(lang, title, atlas.cat.text("cite.site_name", lang)),
                    card_url=card_url(path, atlas.site_url),
                    feed=feed_href(path),
                    webpage=structured.page_data(
                        atlas.ds, atlas.cat, path, lang, title, [], atlas.site_url, atlas.today, atlas.version
                    ),
                    citation=cite(path, title),
                    body=text,
                )
            )
    return out
