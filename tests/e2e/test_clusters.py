"""The national clusters as a reader meets them, on a phone and a desktop, in both languages,
online and from the offline bundle: the list filters by name, city, province, list and field and
keeps the choice in its address; without scripts it is the whole table; search finds a cluster
by its name in either language; a cluster's page and /compare/ read on a phone."""

import pytest
import yaml

from clusteratlas.paths import ROOT

from .conftest import Guarded, screenshot, search, settle
from .test_readers import DESKTOP, PHONE, single

CLUSTERS = yaml.safe_load((ROOT / "data/clusters.yaml").read_text(encoding="utf-8"))
JIANGSU = sorted(c["id"] for c in CLUSTERS if "jiangsu" in c["provinces"])


def shown(page) -> list[str]:
    """The ids of the rows the filter leaves visible."""
    return sorted(
        page.locator(".ca-clusters tbody tr:not([hidden]) a[data-ca-lists]").evaluate_all(
            "els => els.map(a => a.getAttribute('href').split('/').filter(Boolean).pop().replace('.html', ''))"
        )
    )


def overflow(page) -> float:
    """How far the page's widest element runs past the screen's right edge (0: nothing does)."""
    return page.evaluate(
        "() => Math.max(0, ...[...document.querySelectorAll('article *')]"
        # what a reader sees: not inside a closed <details>, not a chart's data table (those scroll on purpose)
        ".filter(e => e.checkVisibility() && !e.closest('.ca-chart-data'))"
        ".map(e => e.getBoundingClientRect().right)) - document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_list_filters_by_province_and_by_a_city_in_the_other_language(site, viewport):
    page = site.guard.page()
    page.set_viewport_size(viewport)
    for path, count in (("clusters/", f"显示{len(JIANGSU)}个，共{len(CLUSTERS)}个"), ("en/clusters/", None)):
        page.goto(site.url(path))
        settle(page)
        assert len(shown(page)) == len(CLUSTERS), "everything shows before a choice"
        page.select_option("form.ca-filter select[name=province]", "jiangsu")
        assert shown(page) == JIANGSU
        text = page.locator(".ca-filter__count").inner_text()
        assert text == (count or f"{len(JIANGSU)} of {len(CLUSTERS)} shown")
        assert "province=jiangsu" in page.url, "the choice is kept in the address"
        screenshot(page, f"{site.name}-{path.replace('/', '-')}filter-{viewport['width']}")
        assert overflow(page) <= 1, f"{path}: something runs off a {viewport['width']} px screen"
        page.select_option("form.ca-filter select[name=province]", "")
        # Chinese typed on the English page and English on the Chinese page both find Wuxi.
        page.fill("form.ca-filter input[name=q]", "无锡" if path.startswith("en/") else "Wuxi")
        assert "wuxi-iot" in shown(page) and all(
            "wuxi" in c or "无锡" in str(next(x for x in CLUSTERS if x["id"] == c)) for c in shown(page)
        )


def test_a_shared_address_reopens_the_filtered_list(site):
    page = site.guard.page()
    page.set_viewport_size(PHONE)
    page.goto(site.url("en/clusters/") + "?list=list-2024&field=&q=")
    settle(page)
    on_2024 = sorted(c["id"] for c in CLUSTERS if any(m["list"] == "list-2024" for m in c["lists"]))
    assert shown(page) == on_2024
    assert page.locator("form.ca-filter select[name=list]").input_value() == "list-2024"


def test_a_province_page_links_to_its_clusters_in_the_list(site):
    page = site.guard.page()
    page.set_viewport_size(PHONE)
    page.goto(site.url("en/provinces/jiangsu/"))
    with page.expect_navigation():
        page.locator("a", has_text="See them in the list of all clusters").click()
    settle(page)
    assert shown(page) == JIANGSU


def test_without_scripts_the_whole_table_shows_and_no_empty_form(browser, server):
    guard = Guarded(browser, (server,), java_script_enabled=False)
    page = guard.page()
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        page.goto(f"{server}/clusters/?province=jiangsu")
        rows = page.locator(".ca-clusters tbody tr")
        assert rows.count() == len(CLUSTERS) and rows.first.is_visible()
        assert not page.locator("form.ca-filter").is_visible(), "a form that cannot work is not shown"
        assert overflow(page) <= 1, f"the table runs off a {viewport['width']} px screen"
    guard.context.close()


def test_search_finds_a_cluster_by_its_name_in_either_language(site):
    page = site.guard.page()
    page.goto(site.url("en/"))
    assert "en/clusters/wuxi-iot/" in [site.path_of(u) for u in search(page, "无锡市物联网集群")][:3]
    page.goto(site.url(""))
    assert "clusters/wuxi-iot/" in [site.path_of(u) for u in search(page, "Wuxi Internet of Things")][:3]
    # Another form a report uses, and a city (a fresh page each: the last results stay until replaced).
    page.goto(site.url(""))
    assert (
        "clusters/chengde-energy-equipment/" in [site.path_of(u) for u in search(page, "成德高端能源装备产业集群")][:3]
    )
    page.goto(site.url("en/"))
    assert "en/clusters/changchun-automotive/" in [site.path_of(u) for u in search(page, "Changchun")][:3]


@pytest.mark.parametrize("path", ["clusters/wuxi-iot/", "en/clusters/yrd-large-aircraft/"])
def test_a_cluster_page_reads_on_a_phone_with_its_sources_words(site, path):
    page = site.guard.page()
    page.set_viewport_size(PHONE)
    page.goto(site.url(path))
    settle(page)
    assert overflow(page) <= 1, f"{path} runs off a phone screen"
    notes = page.locator(".footnote li")
    assert notes.count() >= 1
    words = "报道原话" if not path.startswith("en/") else "The report's words"
    assert all(words in t or "同注" in t or "Same source" in t for t in notes.all_inner_texts() if "http" in t)
    screenshot(page, f"{site.name}-{path.replace('/', '-')}phone")


def test_compare_shows_only_the_provinces_picked(site):
    page = site.guard.page()
    page.set_viewport_size(PHONE)
    page.goto(single(site, "en/compare/"))
    settle(page)
    items = page.locator(".ca-compare__item[data-ca-province]")
    assert items.count() >= 2
    page.check("form.ca-compare-form input[value=jiangsu]")
    page.check("form.ca-compare-form input[value=guangdong]")
    visible = [i.get_attribute("data-ca-province") for i in items.all() if i.is_visible()]
    assert sorted(visible) == ["guangdong", "jiangsu"]
    assert "p=" in page.url and "jiangsu" in page.url
    assert overflow(page) <= 1
    screenshot(page, f"{site.name}-compare-picked-phone")


@pytest.mark.parametrize(
    "path", ["en/sectors/", "sectors/", "en/sources/", "sources/", "en/provinces/guangdong/", "provinces/sichuan/"]
)
def test_pages_of_lists_fit_a_phone(site, path):
    """Nothing runs off a 390 px screen: /en/sectors/ had a 679 px table (its long category names
    kept on one line)."""
    page = site.guard.page()
    page.set_viewport_size(PHONE)
    page.goto(single(site, path) if path.rstrip("/").split("/")[-1] in ("sources", "compare") else site.url(path))
    settle(page)
    assert overflow(page) <= 1, f"{path}: {overflow(page):.0f} px off the screen"
    assert "{ #" not in page.locator("article").inner_text(), f"{path}: attribute markup shown as text"
