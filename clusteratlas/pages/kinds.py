"""Every kind of page, one row each, and the loop that makes every page of every kind in both languages.

A row says what a page is: its place (a name of paths.NAV: the URL), its template, the function
that computes its context, the charts it shows and, for one page per record, the Dataset list it
is made from. To add a page kind, see docs/dev/architecture.md ("Adding a page kind").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..charts.cards import card_spec
from ..dataset.load import Dataset
from ..i18n import LANGS, Catalog
from ..markdown import LEAD_KEYS, description, link, plain
from ..paths import API_DIR, page_path
from . import changes, data, glossary, home, measures, policies, provinces, sectors, structured
from .notes import Notes
from .tools import Tools


@dataclass(frozen=True)
class PageKind:
    name: str  # a name of paths.NAV: a section (/provinces/…) or a single page (/glossary/)
    template: str  # templates/pages/<template>
    context: Callable[..., dict]  # (tools, lang, path, notes, id) → the template's variables
    charts: tuple[str, ...] = ()  # names of chart specs (charts/spec.py); "{id}" is the record's id
    collection: str | None = None  # a Dataset list: one page per record, at /<name>/<id>/


# In nav order. A section has an index kind (collection None) and an entity kind.
PAGE_KINDS = (
    PageKind("home", "home.md.j2", home.context, charts=("map-winners", "batches")),
    PageKind("provinces", "provinces.md.j2", provinces.index, charts=("map-wording",)),
    PageKind("provinces", "province.md.j2", provinces.entity, charts=("map-winners-{id}",), collection="provinces"),
    PageKind("sectors", "sectors.md.j2", sectors.index, charts=("sectors-bars",)),
    PageKind("sectors", "sector.md.j2", sectors.entity, charts=("sectors-bars-{id}",), collection="sectors"),
    PageKind("policies", "policies.md.j2", policies.index, charts=("timeline",)),
    PageKind("policies", "policy.md.j2", policies.entity, charts=("timeline-{id}",), collection="policies"),
    PageKind("measures", "measures.md.j2", measures.index),
    PageKind("measures", "measure.md.j2", measures.entity, collection="measures"),
    PageKind("glossary", "glossary.md.j2", glossary.context),
    PageKind("data", "data.md.j2", data.context),
    PageKind("changes", "changes.md.j2", changes.context),
)


@dataclass
class Page:
    kind: str  # home, glossary, data, or a section: provinces, sectors, policies, measures
    id: str | None  # entity id; None for single pages and section index pages
    lang: str
    path: str  # docs-relative Markdown path
    template: str  # templates/pages/<template>
    context: dict = field(default_factory=dict)


def build_pages(ds: Dataset, cat: Catalog, charts: dict[str, dict], version: str, history: list) -> list[Page]:
    """Every page of every kind in PAGE_KINDS, in both languages. `history`: the releases'
    changes (releases/history.py), newest first."""
    tools = Tools(ds, cat, charts, version, history)
    out: list[Page] = []
    for lang in LANGS:
        for kind in PAGE_KINDS:
            ids = [x.id for x in getattr(ds, kind.collection)] if kind.collection else [None]
            out += [_page(tools, kind, lang, id) for id in ids]
    _link_neighbours(out, tools)
    return out


def _page(tools: Tools, kind: PageKind, lang: str, id: str | None) -> Page:
    notes = Notes(tools.ds, lang, tools.cat)
    path = page_path(kind.name, lang, id)
    ctx = tools.base(kind.name, lang, id)
    ctx.update(kind.context(tools, lang, path, notes, id))
    ctx["charts"] = [tools.chart(name.format(id=id), lang, path) for name in kind.charts]
    if id is not None:  # every entity page links the JSON of its own record (/api/<kind>/<id>.json)
        ctx["changes"] = changes.page_changes(tools, lang, kind.name, id)  # "Last changed" and the page's changes
        ctx["json_link"] = link(tools.t("data.entity_json", lang), tools.href(f"{API_DIR}/{kind.name}/{id}.json", path))
    lead = next((ctx[key] for key in LEAD_KEYS if ctx.get(key)), None)
    ctx["description"] = description(lead) if lead else None
    title = plain(ctx["title"])
    # The picture a shared link shows: the section, the title, the key sentence, the site's name.
    ctx["card"] = card_spec(
        lang,
        title,
        tools.cat.text("cite.site_name", lang),
        text=description(lead, limit=300) if lead else "",
        kicker=plain(tools.t(kind.name, lang)) if kind.collection else "",
    )
    ctx["card_url"] = structured.card_url(path, tools.site_url)
    ctx["structured"] = structured.page_data(
        tools.ds,
        tools.cat,
        path,
        lang,
        title,
        [c.source for c in notes.cites.values()],
        tools.site_url,
        tools.today,
        tools.version,
    )
    ctx["notes"] = notes.items()
    ctx["notes_repeats"] = notes.repeats  # render() asks once it knows the notes' order
    return Page(kind=kind.name, id=id, lang=lang, path=path, template=kind.template, context=ctx)


def _link_neighbours(pages: list[Page], tools: Tools) -> None:
    """Each entity page names the pages before and after it, with their titles, for the footer's
    previous/next links (overrides/partials/footer.html, the same in both engines): in the data's
    order (provinces in the official order), policies by date."""
    entity = {(p.kind, p.lang, p.id): p for p in pages if p.id is not None}
    for kind in (k for k in PAGE_KINDS if k.collection):
        records = tools.ordered_policies if kind.collection == "policies" else getattr(tools.ds, kind.collection)
        ids = [x.id for x in records]
        for lang in LANGS:
            for before, id, after in zip([None, *ids[:-1]], ids, [*ids[1:], None], strict=True):
                entity[kind.name, lang, id].context["sequence"] = {
                    "ca_previous": _neighbour(entity.get((kind.name, lang, before))),
                    "ca_next": _neighbour(entity.get((kind.name, lang, after))),
                }


def _neighbour(page: Page | None) -> dict | None:
    # A sibling in the same folder: the template makes its address for the site or the bundle.
    return {"id": page.id, "title": plain(page.context["title"])} if page else None
