"""Structured data (schema.org JSON-LD) for every page: what search engines and scholarly crawlers
read — the page and its translation, when it was built, the sources it rests on, the licence; on
/data/ also the Dataset with its downloads. The generator writes it into the page's front matter
(`ca_jsonld`); `overrides/main.html` prints it in <head>, in both engines.
"""

from __future__ import annotations

import json

from ..dataset.dates import position
from ..dataset.load import Dataset
from ..downloads.tables import table_title
from ..downloads.workbook import WORKBOOK, XLSX
from ..i18n import DEFAULT_LANG, LANGS, LANGUAGE_TAGS, SOURCE_LANG, Catalog, others
from ..paths import DATA_DIR, data_zip, page_path, page_url, root_url, translation_path

LICENCE = "https://creativecommons.org/licenses/by/4.0/"  # the site's text and data (LICENSE, part 2)


def page_data(
    ds: Dataset,
    cat: Catalog,
    docs_path: str,
    lang: str,
    title: str,
    cited: list[str],
    site_url: str | None,
    today: str,
    version: str,
) -> dict:
    """The WebPage node of one page. `cited`: the ids of the sources its footnotes cite, in order."""
    url = page_url(docs_path, site_url)
    root = root_url(lang, site_url)
    sources = {s.id: s for s in ds.sources}
    node = {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "@id": url,
        "url": url,
        "name": title,
        "inLanguage": LANGUAGE_TAGS[lang],
        "isPartOf": {"@type": "WebSite", "@id": root, "url": root, "name": cat.text("cite.site_name", lang)},
        **_translations(docs_path, lang, site_url),
        "dateModified": today,
        "version": version,
        "license": LICENCE,
        "publisher": {"@type": "Organization", "name": cat.text("cite.publisher", lang)},
    }
    if cited:
        node["isBasedOn"] = [_source(sources[s]) for s in dict.fromkeys(cited)]
    return node


def _translations(docs_path: str, lang: str, site_url: str | None) -> dict:
    """The pages in the sources' language are the works; the pages of every other language are
    their translations (schema.org's workTranslation / translationOfWork)."""

    def node(other: str) -> dict:
        return {"@id": page_url(translation_path(docs_path, other), site_url), "inLanguage": LANGUAGE_TAGS[other]}

    if lang != SOURCE_LANG:
        return {"translationOfWork": node(SOURCE_LANG)}
    translations = [node(other) for other in others(lang)]
    return {"workTranslation": translations[0] if len(translations) == 1 else translations}


def dataset(ds: Dataset, cat: Catalog, lang: str, tables: list[str], site_url: str | None, version: str) -> dict:
    """The Dataset the /data/ page offers: every table as CSV and JSON, the data package, the zip.
    Google's Dataset fields: name and description (required), licence, creator, version, coverage."""
    base = root_url(DEFAULT_LANG, site_url)  # the downloads are language-neutral, at the root
    files = [
        (f"{table_title(cat, t, lang)} · {kind}", mime, f"{DATA_DIR}/{t}.{ext}")
        for t in tables
        for kind, mime, ext in (("CSV", "text/csv", "csv"), ("JSON", "application/json", "json"))
    ]
    files += [
        ("datapackage.json", "application/json", f"{DATA_DIR}/datapackage.json"),
        (WORKBOOK, XLSX, f"{DATA_DIR}/{WORKBOOK}"),
        (data_zip(version).rsplit("/", 1)[1], "application/zip", data_zip(version)),
    ]
    dated = [x.date for x in (*ds.policies, *ds.milestones)]
    first, last = min(dated, key=lambda d: position(d)[0]), max(dated, key=lambda d: position(d)[0])
    return {
        "@type": "Dataset",
        "@id": page_url(page_path("data", lang), site_url) + "#dataset",
        "name": cat.text("data.dataset_name", lang),
        "description": cat.text("data.dataset_description", lang),
        "url": page_url(page_path("data", lang), site_url),
        "license": LICENCE,
        "version": version,
        "isAccessibleForFree": True,
        "inLanguage": [LANGUAGE_TAGS[x] for x in LANGS],
        "creator": {"@type": "Organization", "name": cat.text("cite.publisher", lang), "url": base},
        # From the earliest to the latest dated record (policies and later events), as the data holds them.
        "temporalCoverage": f"{first}/{last}",
        "spatialCoverage": {"@type": "Place", "name": cat.text("data.spatial_coverage", lang)},
        "distribution": [
            {"@type": "DataDownload", "name": name, "encodingFormat": mime, "contentUrl": base + path}
            for name, mime, path in files
        ],
        "isBasedOn": [_source(s) for s in ds.sources],
    }


def for_page(webpage: dict, description: str | None, main_entity: dict | None = None) -> str:
    """The JSON-LD of a page: its WebPage node with its description (the meta description's
    text), and, where the page has one (/data/: the Dataset), its main entity beside it."""
    node = dict(webpage, description=description) if description else dict(webpage)
    if main_entity:
        node = {
            "@context": node.pop("@context"),
            "@graph": [dict(node, mainEntity={"@id": main_entity["@id"]}), main_entity],
        }
    return script_text(node)


def script_text(node: dict) -> str:
    """The JSON for a <script type="application/ld+json">: nothing in it can end the element or
    start markup (<, >, & as \\u escapes), and the line separators JavaScript refuses are escaped."""
    text = json.dumps(node, ensure_ascii=False, separators=(",", ":"))
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def _source(s) -> dict:
    """A source as schema.org describes a work: in its own language (the titles the sources give are
    Chinese; an English title is this site's translation unless the source has an official one)."""
    node = {
        "@type": "Article" if s.kind in ("primary", "secondary") else "CreativeWork",
        # A described source's title says what it is, not what it is called.
        ("description" if s.described else "name"): s.title.en if s.title_en_official else s.title.zh,
        "publisher": {"@type": "Organization", "name": s.publisher.zh, "alternateName": s.publisher.en},
    }
    if s.date:
        node["datePublished"] = s.date
    if s.authors:
        node["author"] = [{"@type": "Person", "name": a.zh} for a in s.authors]
    if s.url:  # the page read; a repost or mirror is not the work's own address
        node["sameAs" if s.url_is_copy else "url"] = s.url
    return node
