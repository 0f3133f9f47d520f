"""The pages people write (content/about.md and its English twin): copied into docs/ with what the
generator adds to every page — structured data and the card in front matter, the citation block."""

from __future__ import annotations

from pathlib import Path

from ..charts.cards import card_spec
from ..dataset.load import Dataset
from ..i18n import LANGS, Catalog
from ..markdown import first_heading
from ..paths import HAND_WRITTEN, card_path, page_path
from ..settings import build_date, site_url
from . import structured
from .cite import Citer
from .feed import feed_href
from .templating import front_matter


def hand_written_pages(
    content: Path, ds: Dataset, catalog: Catalog, cite: Citer, version: str
) -> tuple[dict[str, bytes], dict[str, dict]]:
    """docs-relative path → Markdown, and card path → card spec, for every hand-written page."""
    files, cards = {}, {}
    for name in HAND_WRITTEN:
        for lang in LANGS:
            path = page_path(name, lang)
            text = (content / path).read_text(encoding="utf-8")
            title = first_heading(text)
            node = structured.page_data(
                ds, catalog, path, lang, title, [], site_url(), build_date().isoformat(), version
            )
            meta = {
                "ca_jsonld": structured.script_text(node),
                "ca_card": structured.card_url(path, site_url()),
                "ca_feed": feed_href(path),
            }
            files[path] = (front_matter(meta) + text + cite(path, title)).encode("utf-8")
            cards[card_path(path)] = card_spec(lang, title, catalog.text("cite.site_name", lang))
    return files, cards
