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
from ..i18n import DEFAULT_LANG, LANGS, LANGUAGE_TAGS, SUFFIX, Catalog, lang_of, other
from ..paths import DATA_DIR, card_path, data_zip, page_path, published
from .cite import page_url

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
    root = page_url(page_path("home", lang), site_url)
    translation = page_url(_in_other_language(docs_path, lang), site_url)
    sources = {s.id: s for s in ds.sources}
    node = {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "@id": url,
        "url": url,
        "name": title,
        "inLanguage": LANGUAGE_TAGS[lang],
        "isPartOf": {"@type": "WebSite", "@id": root, "url": root, "name": cat.text("cite.site_name", lang)},
        # The Chinese pages follow the sources' language; the English ones are their translation.
        ("workTranslation" if lang == "zh" else "translationOfWork"): {
            "@id": translation,
            "inLanguage": LANGUAGE_TAGS[other(lang)],
        },
        "dateModified": today,
        "version": version,
        "license": LICENCE,
        "publisher": {"@type": "Organization", "name": cat.text("cite.publisher", lang)},
    }
    if cited:
        node["isBasedOn"] = [_source(sources[s]) for s in dict.fromkeys(cited)]
    return node


def dataset(ds: Dataset, cat: Catalog, lang: str, tables: list[str], site_url: str | None, version: str) -> dict:
    """The Dataset the /data/ page offers: every table as CSV and JSON, the data package, the zip.
    Google's Dataset fields: name and description (required), licence, creator, version, coverage."""
    base = page_url(page_path("home", DEFAULT_LANG), site_url)  # the downloads are language-neutral, at the root
    files = [
        (f"{table_title(cat, t, lang)} · {kind}", mime, f"{DATA_DIR}/{t}.{ext}")
        for t in tables
        for kind, mime, ext in (("CSV", "text/csv", "csv"), ("JSON", "application/json", "json"))
    ]
    files += [
        ("datapackage.json", "application/json", f"{DATA_DIR}/datapackage.json"),
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


def for_page(context: dict, description: str | None) -> str | None:
    """The JSON-LD of a rendered page: its WebPage node with its description (the meta
    description's text), and on /data/ the Dataset beside it as the page's main entity."""
    node = context.get("structured")
    if not node:
        return None
    node = dict(node, description=description) if description else dict(node)
    if context.get("dataset"):
        data = context["dataset"]
        node = {"@context": node.pop("@context"), "@graph": [dict(node, mainEntity={"@id": data["@id"]}), data]}
    return script_text(node)


def card_url(docs_path: str, site_url: str | None) -> str:
    """Where a page's card (paths.card_path) is published: absolute with the site's address, as
    Open Graph requires; from the root without it (local builds)."""
    lang = lang_of(docs_path)
    return page_url(page_path("home", lang), site_url) + published(card_path(docs_path), lang)


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


def _in_other_language(docs_path: str, lang: str) -> str:
    stem = docs_path[: -len(f"{SUFFIX[lang]}.md")]
    return f"{stem}{SUFFIX[other(lang)]}.md"
