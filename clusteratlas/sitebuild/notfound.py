"""The texts of the bilingual 404 page, written into the engine's page after the build.

GitHub Pages serves one /404.html for every missing address, Chinese or English. The engine's
theme renders the page's frame with a slot (overrides/404.html); this fills the slot with every
language's heading, lead and section links (from templates/strings.yaml) and gives the page's
script the site's root. A small script then shows the reader's language (English under /en/).
"""

from __future__ import annotations

import html
import json

from ..errors import DataError, Problem
from ..i18n import LANGS, Catalog
from ..paths import NAV, offline_path, page_path, site_path

SLOT = '<div id="ca-notfound"></div>'
ROOT_MARK = '"__CA_ROOT__"'


def _links(lang: str, base: str, offline: bool) -> list[tuple[str, str]]:
    # Served, the page answers at any depth: root-absolute links. The offline bundle opens it as a
    # file at the bundle's root: relative links to files (…/index.html, glossary.html).
    def href(kind: str) -> str:
        docs_path = page_path(kind, lang)
        return offline_path(docs_path) if offline else f"{base.rstrip('/')}/{site_path(docs_path)}"

    return [(href(kind), f"{kind}.title") for kind in NAV]


def notfound_block(cat: Catalog, base: str, offline: bool) -> str:
    out = []
    for lang in LANGS:

        def text(key: str, lang: str = lang) -> str:  # UI strings hold no markup (i18n.py refuses it)
            return html.escape(cat.text(key, lang), quote=False)

        items = "".join(
            f'\n      <li><a href="{html.escape(href)}">{text(key)}</a></li>'
            for href, key in _links(lang, base, offline)
        )
        out.append(
            f'\n  <div class="ca-notfound" lang="{lang}" data-ca-lang="{lang}">'
            f"\n    <h1>404 · {text('notfound.title')}</h1>"
            f"\n    <p>{text('notfound.lead')}</p>\n    <ul>{items}\n    </ul>\n  </div>"
        )
    return "".join(out)


def fill_notfound(page: str, cat: Catalog, base: str, offline: bool) -> str:
    if SLOT not in page or ROOT_MARK not in page:
        raise DataError(
            [
                Problem(
                    "overrides/404.html",
                    0,
                    "",
                    f"the built 404 page has no {SLOT} or no {ROOT_MARK}",
                    "keep both in the template: the texts and the site's root are written into them after the build",
                )
            ]
        )
    return page.replace(SLOT, notfound_block(cat, base, offline), 1).replace(
        ROOT_MARK, json.dumps(base.rstrip("/") + "/"), 1
    )
