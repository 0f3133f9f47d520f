"""Per-page citations, canonical URLs, alternates and sharing meta."""

import re
from html import unescape

import pytest


def cite_blocks(page: str) -> list[str]:
    return re.findall(r'<div class="ca-cite" data-date="[^"]+">(.*?)</div>', page, re.S)


def test_every_page_has_exactly_one_citation_block(built_site):
    for path in built_site.rglob("index.html"):
        rel = path.parent.relative_to(built_site).as_posix()
        if rel.startswith(("assets", "search")):
            continue
        page = path.read_text(encoding="utf-8")
        blocks = cite_blocks(page)
        assert len(blocks) == 1, f"/{rel}/: {len(blocks)} citation blocks"
        url = "/" if rel == "." else f"/{rel}/"
        text = unescape(re.sub(r"<[^>]+>", "", blocks[0]))
        assert f"{url}." in text and f"from {url}" in text and f"\\url{{{url}}}" in text, f"{url}: own URL in all three"
        assert ("[EB/OL]" in text) and "@misc{" in text and "Data version" in text


@pytest.fixture(scope="module")
def published(published_build):
    """The site as the Pages workflow builds it: with the published site URL (conftest)."""
    return published_build / "site"


def test_published_pages_cite_their_canonical_url(published):
    for rel, lang in (("provinces/jiangsu", "zh"), ("en/provinces/jiangsu", "en")):
        page = (published / rel / "index.html").read_text(encoding="utf-8")
        url = f"https://example.org/cluster-atlas/{rel}/"
        assert f'<link rel="canonical" href="{url}">' in page
        text = unescape(re.sub(r"<[^>]+>", "", cite_blocks(page)[0]))
        assert f"{url}." in text and f"\\url{{{url}}}" in text
        assert (
            ("先进制造业集群图鉴. 江苏[EB/OL]." in text) if lang == "zh" else ("Cluster Atlas contributors. (" in text)
        )
        # hreflang pairs are in the sitemap, not <head>: Material fetches sitemap.xml next to every
        # <link rel="alternate"> and each page made two failed requests.
        assert '<link rel="alternate"' not in page
        assert f'<meta property="og:url" content="{url}">' in page
        assert '<meta property="og:locale" content="{}">'.format("zh_CN" if lang == "zh" else "en_US") in page
        assert re.search(r'<meta property="og:title" content="(江苏|Jiangsu) · ', page)
    sitemap = (published / "sitemap.xml").read_text(encoding="utf-8")
    entries = re.findall(r"<url>(.*?)</url>", sitemap, re.S)
    for url in (
        "https://example.org/cluster-atlas/provinces/jiangsu/",
        "https://example.org/cluster-atlas/en/provinces/jiangsu/",
    ):
        [entry] = [e for e in entries if f"<loc>{url}</loc>" in e]  # every language version has its entry…
        pairs = set(re.findall(r'hreflang="([a-z]+)" href="([^"]+)"', entry))  # …naming both versions
        assert pairs == {
            ("zh", "https://example.org/cluster-atlas/provinces/jiangsu/"),
            ("en", "https://example.org/cluster-atlas/en/provinces/jiangsu/"),
        }


def test_citation_cff_is_valid():
    import json

    import jsonschema
    import yaml

    from clusteratlas.settings import project_version

    from .conftest import ROOT

    schema = json.loads((ROOT / "tests/schemas/citation-file-format-1.2.0.json").read_text(encoding="utf-8"))
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    jsonschema.validate(cff, schema, format_checker=jsonschema.FormatChecker())
    assert cff["version"] == project_version(), "CITATION.cff names the project's version"


def test_the_site_name_is_not_doubled_when_the_title_names_the_site():
    import datetime

    from clusteratlas.i18n import Catalog
    from clusteratlas.pages.cite import citations
    from clusteratlas.paths import ROOT

    cat = Catalog.load(ROOT / "templates/strings.yaml")
    day = datetime.date(2026, 11, 26)
    en = citations(
        "Cluster Atlas: China's advanced manufacturing clusters", "https://x.org/en/", "en", "0.1.0", day, cat
    )
    assert en["gbt"].startswith("Cluster Atlas: China's") and "Cluster Atlas. Cluster Atlas" not in en["gbt"]
    assert "In Cluster Atlas" not in en["apa"]
    zh = citations("中国先进制造业集群图鉴", "https://x.org/", "zh", "0.1.0", day, cat)
    assert zh["gbt"].startswith("中国先进制造业集群图鉴[EB/OL]")
    page = citations("Jiangsu", "https://x.org/en/provinces/jiangsu/", "en", "0.1.0", day, cat)
    assert page["gbt"].startswith("Cluster Atlas. Jiangsu[EB/OL]") and "In Cluster Atlas (Data version" in page["apa"]
