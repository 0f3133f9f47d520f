"""The "How to cite / 引用本页" block at the end of every page, in the page's language.

GB/T 7714-2015 (the Chinese standard for references; web pages are [EB/OL]), APA-style text
and BibTeX, each with the page's canonical URL, title, site name, publisher, year, data
version and access date. The access date is the build date in the file; assets/cite.js
replaces it with the reader's today, so that a copied citation is right on the day it is copied.
"""

from __future__ import annotations

import datetime
import re

from ..i18n import MONTHS_EN, Catalog
from ..paths import lang_of, page_url, versioned_url
from ..settings import Settings

# The names of the styles APA and BibTeX are the same in every language; the rest is in the catalog.
STYLE_NAMES = {"apa": "APA", "bibtex": "BibTeX"}


# BibTeX's special characters, each as LaTeX writes it literally; one pass, so the backslashes the
# replacements bring are not escaped again.
_BIBTEX = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def _bibtex_escape(text: str) -> str:
    return re.sub(r"[\\{}%&$#_~^]", lambda m: _BIBTEX[m.group(0)], text)


def citations(title: str, url: str, lang: str, version: str, today: datetime.date, cat: Catalog) -> dict[str, str]:
    year = today.year
    site, publisher = cat.text("cite.site_name", lang), cat.text("cite.publisher", lang)
    iso = today.isoformat()
    # The home page's title names the site already: "Cluster Atlas. Cluster Atlas: …" reads as an error.
    named = site in title
    gbt = f"{'' if named else site + '. '}{title}[EB/OL]. ({year})[{iso}]. {url}."
    apa_date = f"{MONTHS_EN[today.month - 1]} {today.day}, {year}"  # APA is written in English
    apa = (
        f"{publisher}. ({year}). {title}. {'' if named else f'In {site} '}(Data version {version}). "
        f"Retrieved {apa_date}, from {url}"
    )
    key = "clusteratlas-" + (
        re.sub(r"[^a-z0-9]+", "-", url.split("://")[-1].split("/", 1)[-1].lower()).strip("-") or "home"
    )
    bib = (
        f"@misc{{{key},\n  title        = {{{_bibtex_escape(title)}}},\n"
        f"  author       = {{{{{_bibtex_escape(publisher)}}}}},\n"
        f"  year         = {{{year}}},\n  howpublished = {{\\url{{{url}}}}},\n"
        f"  note         = {{{_bibtex_escape(site)}, data version {version}, accessed {iso}}}\n}}"
    )
    return {"gbt": gbt, "apa": apa, "bibtex": bib}


def cite_markdown(
    title: str,
    url: str,
    lang: str,
    version: str,
    cat: Catalog,
    today: datetime.date,
    version_url: str | None = None,
) -> str:
    """The block appended to a page's Markdown. Indented code blocks: Material adds a copy button.
    `version_url`: where this release of the page stays unchanged (/v/<version>/…), when it is one."""
    c = citations(title, url, lang, version, today, cat)
    labels = dict(STYLE_NAMES, gbt=cat.text("cite.gbt_label", lang))
    out = [
        f"\n\n## {cat.text('cite.heading', lang)} {{ #cite .ca-cite }}\n",
        f'<div class="ca-cite" data-date="{today.isoformat()}" data-search-exclude markdown>\n',
    ]
    for key in ("gbt", "apa", "bibtex"):
        out.append(f"**{labels[key]}**\n")
        out.append("\n".join("    " + line for line in c[key].splitlines()) + "\n")
    if version_url:
        label = cat.text("cite.version_address", lang, version=version)
        out.append(f"**{label}**\n")
        out.append(f"    {version_url}\n")
    out.append("</div>\n")
    return "\n".join(out)


class Citer:
    """The citation block for each page, ended onto its Markdown: the address from the page's path
    and the site's address, this release's version, the build date, and, when this build is a
    release (`released`: its version is in releases/ and the data is what that release kept), the
    address that keeps this version."""

    def __init__(self, cat: Catalog, settings: Settings, released: bool = False):
        self.cat, self.settings, self.released = cat, settings, released

    def __call__(self, docs_path: str, title: str) -> str:
        s = self.settings
        frozen = versioned_url(docs_path, s.site_url, s.version) if self.released else None
        url = page_url(docs_path, s.site_url)
        return cite_markdown(title, url, lang_of(docs_path), s.version, self.cat, s.today, frozen)
