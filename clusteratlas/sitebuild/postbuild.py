"""What the atlas does to the built site after an engine has written every language, the same for
every engine (MkDocs' glue calls it from its post-build, `clusteratlas build --engine zensical`
after Zensical returns): phone pictures for charts, one search index per language, the bilingual
404 page, redirects. Also what the engine must be told before it starts (prepare_engine).
"""

from __future__ import annotations

import os
from html import escape as attribute
from pathlib import Path
from urllib.parse import urlsplit

from .. import safefs
from ..errors import DataError, Problem
from ..i18n import DEFAULT_LANG, LANGS, Catalog
from ..paths import CARD_DIR, EMBED_DIR, lang_of_location, lang_root
from ..redirects import load_redirects
from .htmlfix import (
    ChromeMissing,
    drop_embed_offers,
    drop_feed_link,
    drop_head_alternates,
    fix_404_language_links,
    notfound_both,
    picture_for_phones,
    svg_size,
    ui_titles_in_language,
)
from .notfound import fill_notfound
from .search import hermetic_jieba, language_search_base, search_counts, split_search_index
from .urls import write_redirects

OFFLINE_POLYFILLS = ["assets/vendor/iframe-worker/shim.js"]  # Web Workers from file:// (search)


def prepare_engine(paths, extra: dict, offline: bool) -> None:
    """Before the engine builds: jieba's cache in the project (search.py), and for the offline
    bundle the polyfill that lets search run from file:// (the website does not need it)."""
    hermetic_jieba(paths.cache)
    if offline:
        extra["polyfills"] = OFFLINE_POLYFILLS


def keep_notfound(site: Path, lang: str, html: str) -> None:
    """A further language's 404 page, kept at /<lang>/404.html until finish_site merges it."""
    (site / lang).mkdir(parents=True, exist_ok=True)
    (site / lang / "404.html").write_text(html, encoding="utf-8")


def finish_site(site: Path, root: Path, offline: bool, site_url: str | None) -> dict[str, int]:
    """Post-process the built `site`; return the number of search entries per language.
    Raises DataError for a redirect that cannot be written."""
    # Under GitHub Pages the site lives below a path (/<repository>/): root-absolute links need it.
    base = urlsplit(site_url or "/").path or "/"
    # mkdocs-static-i18n leaves one index for all languages, split here; Zensical builds each
    # language as a site of its own, with its own index already.
    combined = (site / "search" / "search_index.json").is_file()
    cat = Catalog.load(root / "templates" / "strings.yaml")
    titles = page_titles(cat)
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        fixed = finished_page(html, site, page, combined, offline, titles)
        if fixed != html:
            page.write_text(fixed, encoding="utf-8")
    counts = split_search_index(site) if combined else search_counts(site)
    _merge_notfound(site, cat, base, offline)
    fix_404_language_links(site, offline=offline, base=base)
    write_redirects(site, load_redirects(root / "urls" / "redirects.yaml"), offline=offline)
    if offline:  # cards and embed pages serve other sites, over the web: the bundle does not need them
        for lang in LANGS:
            for folder in (CARD_DIR, EMBED_DIR):
                safefs.remove(site / lang_root(lang) / folder)
    if not site_url:
        # A sitemap lists absolute addresses; without the site's address MkDocs writes <loc>None./</loc>.
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (site / name).unlink(missing_ok=True)
    return counts


def page_titles(cat: Catalog) -> dict[str, tuple[str, str]]:
    """The heading links' titles per language (ui_titles_in_language), as finished_page takes them."""
    return {lang: (cat.text("ui.permalink", lang), cat.text("ui.backlink", lang)) for lang in LANGS}


def finished_page(html: str, site: Path, page: Path, combined: bool, offline: bool, titles: dict) -> str:
    """One built page as finish_site leaves it: a function of the page and the chart files it links
    only (ahead.Ahead applies it to each page as soon as MkDocs has written it)."""

    def size_of(href: str):  # the chart file the page links, as the browser would resolve it
        return svg_size(Path(os.path.normpath(page.parent / href)))

    lang = lang_of_location(page.relative_to(site).as_posix())
    fixed = drop_head_alternates(picture_for_phones(html, size_of))
    fixed = ui_titles_in_language(fixed, *(attribute(t, quote=True) for t in titles[lang]))
    if offline:  # the embed pages are not in the bundle: nor is what offers them
        fixed = drop_feed_link(drop_embed_offers(fixed))
    if lang != DEFAULT_LANG and combined:
        fixed = language_search_base(fixed, lang)
    return fixed


def _merge_notfound(site: Path, cat: Catalog, base: str, offline: bool) -> None:
    """One /404.html for every language (GitHub Pages serves only that one): the default
    language's page, the texts of all, the others' chrome for its script to swap in."""
    page = site / "404.html"
    if not page.is_file():
        return
    html = fill_notfound(page.read_text(encoding="utf-8"), cat, base, offline)
    for lang in LANGS:
        other = site / lang / "404.html"
        if lang != DEFAULT_LANG and other.is_file():
            try:
                html = notfound_both(html, other.read_text(encoding="utf-8"), lang)
            except ChromeMissing as e:
                raise DataError(
                    [Problem("overrides/404.html", 0, "", str(e), "the theme's markup changed: update htmlfix._CHROME")]
                ) from None
            other.unlink()
    page.write_text(html, encoding="utf-8")
