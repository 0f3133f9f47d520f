"""The whole built site: every URL in both languages, the language switch, facts, links, search."""

import json
import posixpath
import re
from html import unescape
from pathlib import Path

import pytest

from clusteratlas.pages.kinds import page_kinds
from clusteratlas.paths import HAND_WRITTEN, page_path
from clusteratlas.sitebuild.check import check
from clusteratlas.sitebuild.htmlfix import ChromeMissing, notfound_both

from .conftest import run_cli
from .helpers import replace_in
from .linkcheck import broken_links, third_party_loads

DS = check()
ENTITY_IDS = {
    "provinces": [p.id for p in DS.provinces],
    "sectors": [s.id for s in DS.sectors],
    "policies": [p.id for p in DS.policies],
    "measures": [m.id for m in DS.measures],
    "clusters": [c.id for c in DS.clusters],
}


def _url(path: str) -> str:
    """docs-relative Markdown path → page URL: 'index.md' → '', 'provinces/jiangsu.md' → 'provinces/jiangsu/'."""
    stem = path.removesuffix(".md").removesuffix("index")
    return stem if not stem or stem.endswith("/") else stem + "/"


# Every page the layout declares (one per record of each kind), and the hand-written ones.
PAGES = [
    _url(page_path(k.name, "zh", id))
    for k in page_kinds()
    for id in ([x.id for x in DS.records(k.name)] if k.per_record else [None])
] + [f"{h}/" for h in HAND_WRITTEN]


def html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def text_of(page: str) -> str:
    body = page.split("<article", 1)[1].split("</article>", 1)[0]
    return unescape(re.sub(r"<[^>]+>", "", body))


def test_every_page_exists_in_both_languages(built_site):
    missing = [u for u in PAGES for prefix in ("", "en/") if not (built_site / prefix / u / "index.html").is_file()]
    assert not missing, f"missing pages: {missing}"
    assert (
        len(PAGES) == len(set(PAGES)) == 12 + sum(len(ids) for ids in ENTITY_IDS.values())
    )  # 12: home, 5 indexes, compare, sources, glossary, data, changes, about


@pytest.mark.parametrize(
    "url",
    [
        "provinces/jiangsu/",
        "sectors/high-end-equipment/",
        "policies/hunan-2020-opinions/",
        "measures/cluster-governance/",
        "",
    ],
)
def test_language_switch_leads_to_the_same_page(built_site, url):
    for prefix, other, other_prefix in [("", "en", "en/"), ("en/", "zh", "")]:
        page = html(built_site, prefix + url)
        m = re.search(rf'<a href="([^"]+)" hreflang="{other}" class="md-select__link"', page)
        assert m, f"/{prefix}{url}: no link to {other}"
        target = posixpath.normpath(posixpath.join("/" + prefix + url, m.group(1))) + "/"
        assert target.replace("//", "/") == ("/" + other_prefix + url).replace("//", "/"), f"/{prefix}{url} → {target}"


def test_html_lang_attribute(built_site):
    assert '<html lang="zh"' in html(built_site, "provinces/jiangsu/")
    assert '<html lang="en"' in html(built_site, "en/provinces/jiangsu/")


def test_each_province_page_shows_its_winners_and_cites_the_article(built_site):
    for p in DS.provinces:
        n = DS.competition.winners_by_province.get(p.id, 0)
        for prefix, name in (("", p.name.zh), ("en/", p.name.en)):
            page = html(built_site, f"{prefix}provinces/{p.id}/")
            text = text_of(page)
            assert name in text
            if n:
                assert f"<strong>{n}</strong>" in page, f"{prefix}{p.id}: winners {n} not shown"
            else:
                assert ("没有胜出集群" if not prefix else "had no winner") in text
            assert 'class="footnote"' in page and ("侯彦全" in text if not prefix else "Hou Yanquan" in text)


def test_jiangsu_page_facts(built_site):
    zh = text_of(html(built_site, "provinces/jiangsu/"))
    assert "江苏有 8 个，占18.2%，居各省级行政区第1位" in zh
    assert "先进制造业集群" in zh and "13个先进制造业集群" in zh
    en = text_of(html(built_site, "en/provinces/jiangsu/"))
    assert "8 are in Jiangsu: 18.2% of the total, ranking 1st" in en
    assert "Guiding Opinions on Accelerating the Cultivation of Advanced Manufacturing Clusters" in en


def test_inference_is_labelled_on_provinces_missing_from_the_lists(built_site):
    for pid in ("sichuan", "xizang"):
        assert "推断" in text_of(html(built_site, f"provinces/{pid}/"))
        assert "inference" in text_of(html(built_site, f"en/provinces/{pid}/"))


def test_sector_and_policy_pages_show_their_figures(built_site):
    for s in DS.sectors:
        assert f"<strong>{s.winners}</strong>" in html(built_site, f"sectors/{s.id}/")
        assert f"<strong>{s.winners}</strong>" in html(built_site, f"en/sectors/{s.id}/")
    home = text_of(html(built_site, ""))
    assert "44" in home and "93.5%" in home


def test_no_template_residue_empty_text_or_broken_footnote(built_site):
    for path in built_site.rglob("*.html"):
        page = path.read_text(encoding="utf-8")
        # BibTeX protects a corporate author with double braces: the citation block may hold '{{'.
        page = re.sub(r'<div class="ca-cite".*?</div>', "", page, flags=re.S)
        for marker in ("{{", "{%", "[^", "None</", "StrictUndefined"):
            assert marker not in page, f"{path.relative_to(built_site)} contains {marker!r}"


def test_internal_links_and_anchors_resolve(built_site):
    broken = broken_links(built_site)
    assert not broken, "\n".join(broken[:20])


def test_offline_bundle_links_and_anchors_resolve(offline_bundle):
    broken = broken_links(offline_bundle, offline=True)
    assert not broken, "\n".join(broken[:20])


@pytest.mark.parametrize("which", ["site", "offline"])
def test_no_third_party_requests(built_site, offline_bundle, which):
    root = built_site if which == "site" else offline_bundle
    loads = third_party_loads(root)
    assert not loads, "\n".join(loads[:20])
    for page in root.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text and "unpkg.com" not in text, page


def test_one_search_index_per_language_with_chinese_segmented(built_site):
    zh = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    en = json.loads((built_site / "en/search/search_index.json").read_text(encoding="utf-8"))
    zh_locations = {d["location"] for d in zh["docs"]}
    en_locations = {d["location"] for d in en["docs"]}
    # English locations are relative to /en/, where English pages now resolve search from.
    assert "provinces/jiangsu/" in zh_locations and "provinces/jiangsu/" in en_locations
    assert not any(loc.startswith("en/") for loc in zh_locations)
    assert len(zh["docs"]) == len(en["docs"]), "the same pages and sections in both languages"
    jiangsu = next(d for d in zh["docs"] if d["location"] == "provinces/jiangsu/")
    assert "\u200b" in jiangsu["text"], "Chinese text is segmented by jieba for search"
    assert "Jiangsu" in next(d for d in en["docs"] if d["location"] == "provinces/jiangsu/")["title"]
    assert '"base": "../../../en/"' in (built_site / "en/provinces/jiangsu/index.html").read_text(encoding="utf-8")


def test_offline_bundle_is_versioned_and_complete(built_site):
    import zipfile

    from clusteratlas.settings import project_version

    bundle = built_site.parent / "dist" / f"cluster-atlas-offline-{project_version()}.zip"
    with zipfile.ZipFile(bundle) as zf:
        names = set(zf.namelist())
    top = f"cluster-atlas-offline-{project_version()}/"
    for name in (
        "index.html",
        "en/index.html",
        "provinces/jiangsu.html",
        "en/provinces/jiangsu.html",
        "README.txt",
        "search/search_index.js",
        "en/search/search_index.js",
        "assets/vendor/iframe-worker/shim.js",
        "assets/vendor/iframe-worker/LICENSE",
        "assets/charts/map-winners-jiangsu.svg",
    ):
        assert top + name in names, name


@pytest.mark.slow  # two site builds of its own
def test_bad_data_fails_the_build_and_keeps_the_previous_site(built_project):
    project = built_project
    site = project / "site"
    before = {p.relative_to(site): p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}
    replace_in(project / "data/sectors.yaml", "winners: 9", "winners: 10")
    result = run_cli("--root", str(project), "build")
    assert result.returncode == 1
    assert re.search(r"data/sectors\.yaml:\d+: \[\[0\]\.winners\] the 11 sector counts add up to 45", result.stderr), (
        result.stderr
    )
    after = {p.relative_to(site): p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}
    assert after == before, "the previous site/ must stay untouched"
    assert not (project / "site.new").exists()


def test_404_page_language_switch_leads_to_the_home_pages(built_site):
    page = (built_site / "404.html").read_text(encoding="utf-8")
    links = dict(
        (lang, href)
        for href, lang in re.findall(r'<a href="([^"]+)" hreflang="([a-z]+)" class="md-select__link"', page)
    )
    assert links == {"zh": "/", "en": "/en/"}


def test_404_page_keeps_the_other_languages_header_for_its_script(built_site):
    """/404.html is the Chinese build's page (static-i18n's English build would replace it) with the
    English header and navigation in a <template>; the browser test checks the swap."""
    page = (built_site / "404.html").read_text(encoding="utf-8")
    assert '<html lang="zh"' in page
    outside, _, template = page.partition('<template id="ca-chrome-en">')
    assert 'href="/provinces/" class="md-nav__link' in outside.replace("\n", "")
    assert "<title>Cluster Atlas</title>" in template and 'placeholder="Search"' in template
    with pytest.raises(ChromeMissing, match="Material's markup changed"):
        notfound_both(page, page.replace('class="md-header', 'class="md-top-bar'), "en")


def test_data_tables_and_citations_stay_out_of_the_search_index(built_site):
    """Material skips elements with data-search-exclude: a chart's 31-row data table or a citation
    block would otherwise make every page match every province (江苏 matched 46 pages, now 15)."""
    zh = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    en = json.loads((built_site / "en/search/search_index.json").read_text(encoding="utf-8"))["docs"]
    assert not any("GB/T 7714" in d["text"] or "@misc" in d["text"] for d in zh + en), "citation blocks are indexed"
    jiangsu_zh = {d["location"].split("#")[0] for d in zh if "江苏" in d["text"] + d["title"]}
    jiangsu_en = {d["location"].split("#")[0] for d in en if "Jiangsu" in d["text"] + d["title"]}
    for pages in (jiangsu_zh, jiangsu_en):
        assert "provinces/jiangsu/" in pages
        assert not any(p.startswith("sectors/") for p in pages), "sector pages mention Jiangsu only in chart tables"
        assert "provinces/xizang/" not in pages


def test_a_build_without_the_site_address_has_no_sitemap(built_site):
    """A sitemap needs absolute addresses: a local or offline build once listed <loc>None./</loc>."""
    assert not (built_site / "sitemap.xml").exists() and not (built_site / "sitemap.xml.gz").exists()


_UI_ATTRIBUTE = re.compile(r'\b(?:title|aria-label|placeholder)="([^"]*)"')


def test_interface_text_is_in_the_pages_language(built_site):
    """Round 4 (L08): Python-Markdown wrote "Permanent link" and "Jump back to footnote 3 in the
    text" on all 65 Chinese pages. No English interface text on a Chinese page (Atom is a name),
    and no Chinese in the interface text of an English page. /404.html speaks both on purpose."""
    english = re.compile(r"[A-Za-z][A-Za-z ,.'’-]{3,}")
    for page in sorted(built_site.rglob("*.html")):
        rel = page.relative_to(built_site).as_posix()
        if rel.startswith(("v/", "embed/", "en/embed/")) or rel.endswith("404.html"):
            continue
        values = _UI_ATTRIBUTE.findall(page.read_text(encoding="utf-8"))
        if rel.startswith("en/"):
            assert not [v for v in values if re.search(r"[\u4e00-\u9fff]", v)], rel
        else:
            assert not [v for v in values if english.fullmatch(v) and v != "Atom"], rel
    zh = (built_site / "provinces/jiangsu/index.html").read_text(encoding="utf-8")
    assert 'title="本段链接"' in zh and 'title="返回正文第1处"' in zh
    en = (built_site / "en/provinces/jiangsu/index.html").read_text(encoding="utf-8")
    assert 'title="Permanent link"' in en and 'title="Jump back to footnote 1 in the text"' in en
