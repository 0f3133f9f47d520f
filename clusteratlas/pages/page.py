"""A page of the site, as one typed object: what it is, where it lives, and every part the
generator writes beside its text (pages/assemble.py builds it; pages/templating.py renders it)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .notes import Notes


@dataclass
class Page:
    kind: str  # a name of the menu (paths.NAV) or of a hand-written page (paths.HAND_WRITTEN)
    id: str | None  # the record's id on a section's page; None for single pages and section indexes
    lang: str
    path: str  # docs-relative Markdown path (paths.page_path): this fixes its URL
    title: str  # plain text: the heading, the citation's title, the card's, the neighbours' links
    description: str | None  # plain text of the lead (meta description, JSON-LD), or None
    card: dict  # the picture of a shared link (charts/cards.py spec)
    card_url: str  # where that picture is published (og:image)
    feed: str  # the language's Atom feed, relative to the page (<link rel="alternate feed">)
    webpage: dict  # its schema.org WebPage node (pages/structured.py)
    citation: str  # the "How to cite" block that ends its Markdown (pages/cite.py)
    charts: list[dict] = field(default_factory=list)  # what it shows of each chart (Atlas.chart)
    notes: Notes | None = None  # its footnotes (hand-written pages have their own, in their text)
    template: str | None = None  # templates/pages/<template>; None: a hand-written page
    vars: dict = field(default_factory=dict)  # the template's variables
    body: str = ""  # a hand-written page's Markdown
    main_entity: dict | None = None  # a node beside the WebPage in JSON-LD (the data page's Dataset)
    neighbours: dict = field(default_factory=dict)  # ca_previous / ca_next: {id, title} of the pages beside it
    home: bool = False  # the site's home (the theme's title shows the site's name alone)
