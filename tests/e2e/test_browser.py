"""What a reader does in a real browser, online (127.0.0.1) and from the unzipped offline bundle."""

import json
from pathlib import Path

import pytest

from .conftest import Guarded, screenshot, search

SWITCH_PAGES = ["provinces/jiangsu/", "sectors/high-end-equipment/", "policies/hunan-2020-opinions/"]


def test_chinese_search_finds_the_province_page_and_only_chinese_pages(site):
    page = site.guard.page()
    page.goto(site.url(""))
    results = [site.path_of(u) for u in search(page, "江苏")]
    screenshot(page, f"{site.name}-search-zh")
    assert results[0] == "provinces/jiangsu/"
    assert not any(r.startswith("en/") for r in results)


def test_two_character_policy_term_finds_policy_pages(site):
    page = site.guard.page()
    page.goto(site.url("policies/"))
    results = [site.path_of(u) for u in search(page, "集群")]
    assert any(r.startswith("policies/") for r in results)


def test_english_search_finds_the_english_page_only(site):
    page = site.guard.page()
    page.goto(site.url("en/"))
    results = [site.path_of(u) for u in search(page, "Jiangsu")]
    screenshot(page, f"{site.name}-search-en")
    assert results[0] == "en/provinces/jiangsu/"
    assert all(r.startswith("en/") for r in results)


def test_numbers_common_to_both_languages_stay_in_the_page_language(site):
    for start, english in (("", False), ("en/", True)):
        page = site.guard.page()
        page.goto(site.url(start))
        results = [site.path_of(u) for u in search(page, "2020")]
        assert results and all(r.startswith("en/") == english for r in results), results
        page.close()


@pytest.mark.parametrize("path", SWITCH_PAGES)
def test_language_switch_leads_to_the_same_page(site, path):
    page = site.guard.page()
    for here, there, lang in ((path, "en/" + path, "en"), ("en/" + path, path, "zh")):
        page.goto(site.url(here))
        page.hover(".md-header__option .md-select")
        with page.expect_navigation():
            page.click(f'.md-select__link[hreflang="{lang}"]')
        assert site.path_of(page.url) == there, f"{here} → {page.url}"
        assert page.get_attribute("html", "lang") == lang


def test_province_page_shows_its_charts(site):
    page = site.guard.page()
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    for path in ("provinces/jiangsu/", "en/provinces/jiangsu/"):
        page.goto(site.url(path))
        chart = page.locator("figure.ca-chart img").first
        chart.scroll_into_view_if_needed()
        assert chart.is_visible()
        # Charts load lazily: scrolled into view, the image must arrive.
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=chart.element_handle(), timeout=10000)
        box = chart.bounding_box()
        assert box["width"] <= 390 and box["width"] > 300, "the chart fits the phone screen"
        screenshot(page, f"{site.name}-{path.replace('/', '-')}phone")


def test_glossary_and_citations_read_on_a_phone(site):
    """Every glossary note and every line of the citation block stays inside a 390 px screen."""
    page = site.guard.page()
    page.set_viewport_size({"width": 390, "height": 844})
    for path in ("glossary/", "en/glossary/"):
        # A single page, not a section: glossary.html in the bundle.
        page.goto(f"{site.base}/{path.rstrip('/')}.html" if site.offline else site.url(path))
        rights = page.eval_on_selector_all(".ca-glossary td", "els => els.map(e => e.getBoundingClientRect().right)")
        assert rights and max(rights) <= 390, f"{path}: a glossary cell runs off the screen ({max(rights):.0f} px)"
        code = page.locator(".ca-cite pre > code").first
        code.scroll_into_view_if_needed()
        assert page.evaluate("c => c.scrollWidth <= c.clientWidth + 1", code.element_handle()), (
            f"{path}: a citation line is cut off"
        )
        screenshot(page, f"{site.name}-{path.replace('/', '-')}phone")


AXE_PAGES = ["", "provinces/jiangsu/", "sectors/high-end-equipment/"]


@pytest.mark.parametrize("path", AXE_PAGES + ["en/" + p for p in AXE_PAGES])
def test_no_serious_accessibility_violations(browser, server, axe_script: Path, path):
    guard = Guarded(browser, (server,))
    page = guard.page()
    page.goto(f"{server}/{path}")
    page.add_script_tag(path=str(axe_script))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    guard.context.close()
    assert not serious, "\n".join(serious)


def _structured(page) -> list[dict]:
    return [
        json.loads(s)
        for s in page.eval_on_selector_all('script[type="application/ld+json"]', "els => els.map(e => e.textContent)")
    ]


def test_structured_data_of_a_province_page_and_of_the_data_page(browser, server):
    # What a crawler reads in the rendered page (the local build has no site address: paths from the root).
    guard = Guarded(browser, (server,))
    page = guard.page()
    page.goto(f"{server}/en/provinces/jiangsu/")
    [doc] = _structured(page)
    assert doc["@type"] == "WebPage" and doc["name"] == "Jiangsu" and doc["inLanguage"] == "en"
    assert doc["url"] == "/en/provinces/jiangsu/" and doc["translationOfWork"]["@id"] == "/provinces/jiangsu/"
    assert doc["license"].startswith("https://creativecommons.org/licenses/by/4.0") and doc["dateModified"]
    assert any(s.get("name") == "CMIC:央地协同培育发展先进制造业集群" for s in doc["isBasedOn"])
    page.goto(f"{server}/data/")
    [doc] = _structured(page)
    webpage, dataset = doc["@graph"]
    assert webpage["mainEntity"]["@id"] == dataset["@id"] and dataset["@type"] == "Dataset"
    assert dataset["name"].startswith("先进制造业集群图鉴") and len(dataset["description"]) >= 50
    csv = [d["contentUrl"] for d in dataset["distribution"] if d["encodingFormat"] == "text/csv"]
    assert "/data/provinces.csv" in csv
    for url in csv:  # every download the Dataset names is served
        assert page.request.get(f"{server}{url}").ok, url
    assert guard.blocked == []
