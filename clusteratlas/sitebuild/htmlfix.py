"""Small fixes to the HTML Material and static-i18n render, where no template block or partial
offers a place for them (the search dialog's name is a partial override: overrides/partials/).
Applied after the build by postbuild.py; tests fail if a fix stops matching after an upgrade.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..paths import offline_path, page_path, site_path

_ALTERNATE = re.compile(r'(<a href=")([^"]*)(" hreflang="([a-z]+)" class="md-select__link")')


def fix_404_language_links(site: Path, offline: bool = False, base: str = "/") -> bool:
    """mkdocs-static-i18n gives 404.html the language links of the last page it built (seen:
    /sectors/textiles-apparel/). On a page that does not exist, the switch leads to each
    language's home page instead."""
    page = site / "404.html"
    if not page.is_file():
        return False
    html = page.read_text(encoding="utf-8")

    # Served, the 404 page answers at any depth, so its links are root-absolute like Material's
    # own; in the offline bundle it is a file at the root, opened from file://.
    def home(lang: str) -> str:
        docs_path = page_path("home", lang)
        return offline_path(docs_path) if offline else f"{base.rstrip('/')}/{site_path(docs_path)}"

    fixed = _ALTERNATE.sub(lambda m: f"{m.group(1)}{home(m.group(4))}{m.group(3)}", html)
    page.write_text(fixed, encoding="utf-8")
    return fixed != html


# The parts of a page that Material renders in the build's language around the page's own content.
_CHROME = [
    re.compile(p, re.S)
    for p in (
        r"<title>.*?</title>",
        r'<header class="md-header.*?</header>',
        r'<button type="button" class="md-top md-icon".*?</button>',
        r'<div class="md-sidebar md-sidebar--primary".*?(?=<div class="md-sidebar md-sidebar--secondary")',
        r'<footer class="md-footer">.*?</footer>',
        r'<script id="__config" type="application/json">.*?</script>',
    )
]


class ChromeMissing(ValueError):
    """A part of Material's page was not found: the theme's markup changed (see `notfound_both`)."""


def notfound_both(page: str, other: str, other_lang: str) -> str:
    """GitHub Pages serves one /404.html, built once per language (static-i18n writes each over the
    last). Keep the default language's page and carry the other language's title, header,
    navigation, footer and Material's config (search texts) in a <template>; the page's script
    (overrides/404.html) swaps them in when the missing address is under /<lang>/."""
    parts = []
    for pattern in _CHROME:
        m = pattern.search(other)
        if not m or not pattern.search(page):
            raise ChromeMissing(f"404 page: Material's markup changed, {pattern.pattern[:40]!r} not found")
        parts.append(m.group(0))
    at = page.index('<script id="__config"')
    template = f'<template id="ca-chrome-{other_lang}">' + "\n".join(parts) + "</template>\n"
    return page[:at] + template + page[at:]


_HEAD_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]+" hreflang="[^"]+">')


def drop_head_alternates(html: str) -> str:
    """Remove the hreflang <link rel="alternate"> tags static-i18n puts in <head>.

    Material's JavaScript fetches `sitemap.xml` relative to every such link (it expects links to
    language roots), so each page made two failed requests (…/provinces/jiangsu/sitemap.xml).
    Search engines get the same hreflang pairs from sitemap.xml, where static-i18n lists every
    language version with its alternates (with site_url set; tests/test_citation.py checks it),
    one of the three methods Google documents; the language switch in the header is unaffected."""
    return _HEAD_ALTERNATE.sub("", html)


_CHART_IMG = re.compile(r'(<figure class="ca-chart">\s*(?:<p>)?)(<img alt="[^"]*" src="([^"]+)\.svg" />)')
PHONE_MEDIA = "screen and (max-width: 44.9375em)"  # Material's own breakpoint for the one-column layout
_SVG_SIZE = re.compile(r'<svg\b[^>]*?\swidth="([\d.]+)pt"\s+height="([\d.]+)pt"')


def svg_size(path: Path) -> tuple[int, int] | None:
    """The CSS pixel size matplotlib wrote on an SVG's root (`width="447.02pt"`), or None."""
    try:
        with path.open(encoding="utf-8") as f:
            m = _SVG_SIZE.search(f.read(4096))
    except OSError:
        return None
    return (round(float(m.group(1)) * 4 / 3), round(float(m.group(2)) * 4 / 3)) if m else None


def picture_for_phones(html: str, size_of=lambda href: None) -> str:
    """Offer every chart's phone layout (<name>.narrow.svg, charts/narrow.py) to narrow screens:
    <picture> with a <source> for the phone media query around the wide chart's <img>. Done on
    the rendered page because only then is the image's final address known (it differs between
    the site and the offline bundle, and MkDocs rewrites only <img src>, not <source srcset>).

    `size_of(href)` gives the (width, height) of the chart file at an address as the page links it
    ("../../assets/charts/map-winners-jiangsu.narrow.svg"); both layouts get width/height attributes so the browser
    keeps their space before they load (without, each chart that arrived pushed the text below
    it down: Lighthouse measured a layout shift of 0.22 on sector pages). The first chart is
    fetched early (it is the largest element in the first screen on sector pages); the others
    load lazily, since on a slow line they competed with the page's script and text."""

    def dims(href: str) -> str:
        size = size_of(href)
        return f' width="{size[0]}" height="{size[1]}"' if size else ""

    first = True

    def picture(m: re.Match) -> str:
        nonlocal first
        src = m.group(3)
        loading = ' fetchpriority="high"' if first else ' loading="lazy"'
        first = False
        return (
            f'{m.group(1)}<picture><source media="{PHONE_MEDIA}" srcset="{src}.narrow.svg"{dims(src + ".narrow.svg")}>'
            f'{m.group(2)[:-3]}{dims(src + ".svg")}{loading} decoding="async" /></picture>'
        )

    return _CHART_IMG.sub(picture, html)


_EMBED_OFFER = re.compile(r'<details class="note ca-embed">.*?</details>', re.S)  # and the blanks before


_FEED_LINK = re.compile(r'<link rel="alternate feed" type="application/atom\+xml"[^>]*>')  # and the blanks before


def drop_feed_link(html: str) -> str:
    """The offline bundle's pages without the feed in <head> (overrides/main.html): a page read
    from file:// is not followed by a feed reader, and the link is made for directory URLs."""
    return _drop(_FEED_LINK, html)


def drop_embed_offers(html: str) -> str:
    """The offline bundle's pages without the charts' embed boxes (templates/partials/charts.md.j2:
    one <details class="note ca-embed"> of a paragraph and a code block each, none nested)."""
    return _drop(_EMBED_OFFER, html)


def _drop(pattern: re.Pattern, html: str) -> str:
    """pattern.sub("", html) for a pattern of leading whitespace and a literal start: the same
    result, found from the literal (a leading \\s* made the search try every blank: 0.5 s a site)."""
    out, last = [], 0
    for m in pattern.finditer(html):
        start = m.start()
        while start > last and html[start - 1].isspace():  # the blanks the old leading \s* took
            start -= 1
        out.append(html[last:start])
        last = m.end()
    return "".join(out) + html[last:] if out else html


# Titles Python-Markdown writes in English whatever the page's language: the heading anchors'
# (toc's permalink_title) and the notes' back links (footnotes' BACKLINK_TITLE).
_PERMALINK = re.compile(r'(<a class="headerlink" href="[^"]*" title=")Permanent link(")')
_BACKLINK = re.compile(r'(<a class="footnote-backref" href="[^"]*" title=")Jump back to footnote (\d+) in the text(")')


def ui_titles_in_language(html: str, permalink: str, backlink: str) -> str:
    """`permalink`: the anchor's title in the page's language; `backlink`: the back link's, with
    {n} for the note's number (escaped by the caller for an attribute)."""
    html = _PERMALINK.sub(lambda m: m.group(1) + permalink + m.group(2), html)
    return _BACKLINK.sub(lambda m: m.group(1) + backlink.replace("{n}", m.group(2)) + m.group(3), html)
