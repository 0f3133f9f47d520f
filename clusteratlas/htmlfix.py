"""Small fixes to the HTML Material and static-i18n render, where no template block or partial
offers a place for them (the search dialog's name is a partial override: overrides/partials/).
Applied by the MkDocs hook; tests fail if a fix stops matching after an upgrade.
"""
from __future__ import annotations

import re
from pathlib import Path

_ALTERNATE = re.compile(r'(<a href=")([^"]*)(" hreflang="([a-z]+)" class="md-select__link")')


def fix_404_language_links(site: Path, default_lang: str, offline: bool = False, base: str = "/") -> bool:
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
        folder = "" if lang == default_lang else f"{lang}/"
        return f"{folder}index.html" if offline else f"{base.rstrip('/')}/{folder}"
    fixed = _ALTERNATE.sub(lambda m: f"{m.group(1)}{home(m.group(4))}{m.group(3)}", html)
    page.write_text(fixed, encoding="utf-8")
    return fixed != html


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
PHONE_MEDIA = "screen and (max-width: 44.9375em)"   # Material's own breakpoint for the one-column layout


def picture_for_phones(html: str) -> str:
    """Offer every chart's phone layout (<name>.narrow.svg, charts/narrow.py) to narrow screens:
    <picture> with a <source> for the phone media query around the wide chart's <img>. Done on
    the rendered page because only then is the image's final address known (it differs between
    the site and the offline bundle, and MkDocs rewrites only <img src>, not <source srcset>).
    Charts load lazily: on a slow line they competed with the page's script and text. Measured
    with `make lighthouse` (docs/dev/lighthouse.md): eager charts 82–93; lazy 87–98; the first
    chart eager and the rest lazy 80–96 (the first chart is below the first screen on most pages)."""
    return _CHART_IMG.sub(lambda m: f'{m.group(1)}<picture><source media="{PHONE_MEDIA}" srcset="{m.group(3)}.narrow.svg">'
                                    f'{m.group(2)[:-3]} loading="lazy" decoding="async" /></picture>', html)
