"""What a reader notices on a phone (390 px) and a desktop (1280 px), in both languages: the
map as the way in, province pages that lead with the province, search across languages, a 404
page in the reader's language, printing, the data page, no failed request."""

import re
from urllib.parse import urlsplit

import pytest
import yaml

from clusteratlas.dev.pages_server import serve
from clusteratlas.paths import ROOT

from .conftest import Guarded, screenshot, search, settle

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def single(site, path: str) -> str:
    """A single page (not a section): glossary.html, data.html in the bundle."""
    return f"{site.base}/{path.rstrip('/')}.html" if site.offline else site.url(path)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_tap_on_a_tile_opens_the_province(site, viewport):
    page = site.guard.page()
    page.set_viewport_size(viewport)
    for start, name, target in (
        ("provinces/", "江苏", "provinces/jiangsu/"),
        ("en/provinces/", "Jiangsu", "en/provinces/jiangsu/"),
    ):
        page.goto(site.url(start))
        tiles = page.locator("a.ca-tile")
        assert tiles.count() == 31, "every provincial-level division has a tile"
        tile = tiles.filter(has_text=name)
        box = tile.bounding_box()
        assert box["y"] + box["height"] <= viewport["height"], f"{start}: {name} is not on the first screen"
        assert box["height"] >= 24 and box["width"] >= 24, "a tile is big enough to tap"
        screenshot(page, f"{site.name}-{start.replace('/', '-')}tiles-{viewport['width']}")
        with page.expect_navigation():
            tile.click()
        assert site.path_of(page.url) == target


def test_search_finds_a_province_by_its_name_in_the_other_language(site):
    page = site.guard.page()
    page.goto(site.url("en/"))
    assert [site.path_of(u) for u in search(page, "江苏")][0] == "en/provinces/jiangsu/"
    page.goto(site.url(""))
    assert [site.path_of(u) for u in search(page, "Jiangsu")][0] == "provinces/jiangsu/"


def test_a_province_page_leads_with_its_key_figures(site):
    page = site.guard.page()
    page.set_viewport_size(PHONE)
    # First the national clusters later reports name, then the article's initial-round figures.
    named = str(
        sum("jiangsu" in c["provinces"] for c in yaml.safe_load((ROOT / "data/clusters.yaml").read_text("utf-8")))
    )
    for path, figures, wording in (
        ("provinces/jiangsu/", [named, "8", "18.2%", "第1位"], "国家先进制造业集群见于后来的报道"),
        (
            "en/provinces/jiangsu/",
            [named, "8", "18.2%", "1st"],
            "national advanced manufacturing clusters named",
        ),
    ):
        page.goto(site.url(path))
        key = page.locator(".ca-key")
        box = key.bounding_box()
        assert box["y"] < PHONE["height"], f"{path}: the key figures are not on the first screen"
        assert page.locator(".ca-key__value").all_inner_texts() == figures
        assert wording in key.inner_text()
        assert page.locator("figure.ca-chart").count() == 1, "one chart: the map, not the same numbers again as bars"
        screenshot(page, f"{site.name}-{path.replace('/', '-')}key-phone")


def test_province_pages_have_previous_and_next_and_their_section_marked(site):
    page = site.guard.page()
    page.set_viewport_size(DESKTOP)
    for path, previous, following, section in (
        ("provinces/jiangsu/", "上海", "浙江", "provinces/"),
        ("en/provinces/jiangsu/", "Shanghai", "Zhejiang", "en/provinces/"),
    ):
        page.goto(site.url(path))
        assert previous in page.locator("a.md-footer__link--prev").inner_text()
        assert following in page.locator("a.md-footer__link--next").inner_text()
        active = page.locator("nav.md-nav--primary li.md-nav__item--active > a.md-nav__link").first
        assert site.path_of(active.evaluate("a => a.href")) == section
        colour = "a => getComputedStyle(a).color"
        other = page.locator("nav.md-nav--primary li.md-nav__item:not(.md-nav__item--active) > a.md-nav__link").last
        assert active.evaluate(colour) != other.evaluate(colour), "the section is highlighted"
        with page.expect_navigation():
            page.click("a.md-footer__link--next")
        assert site.path_of(page.url) == path.replace("jiangsu", "zhejiang")


def test_the_data_page_previews_each_table(site):
    page = site.guard.page()
    page.set_viewport_size(PHONE)
    for path, label in (("data/", "前3行预览"), ("en/data/", "The first 3 rows")):
        page.goto(single(site, path))
        assert page.locator("code", has_text="winners_2019_2020").count() >= 1, "column names exactly as in the files"
        summary = page.locator("summary", has_text=label).first
        summary.click()
        table = summary.locator("xpath=..").locator("table")
        # The first preview is the clusters table, the section readers come for; provinces follow.
        assert "wuxi-iot" in table.inner_text() and "无锡市物联网集群" in table.inner_text()
        provinces = page.locator("summary", has_text=label).nth(1)
        provinces.click()
        table = provinces.locator("xpath=..").locator("table")
        assert "beijing" in table.inner_text() and "Beijing Municipality" in table.inner_text()


PAGES = [
    "",
    "provinces/",
    "provinces/jiangsu/",
    "provinces/xizang/",
    "sectors/high-end-equipment/",
    "policies/",
    "policies/hunan-2020-opinions/",
    "measures/cluster-governance/",
    "glossary/",
    "data/",
    "changes/",
    "about/",
]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_no_failed_request_and_no_console_error(site, viewport):
    context = site.guard.context
    failed: list[str] = []
    page = context.new_page()
    page.set_viewport_size(viewport)
    page.on("console", lambda m: failed.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("requestfailed", lambda r: failed.append(f"failed: {r.url}") if site.guard.blocked == [] else None)
    page.on("response", lambda r: failed.append(f"{r.status}: {r.url}") if r.status >= 400 else None)
    for path in PAGES + ["en/" + p for p in PAGES]:
        page.goto(single(site, path) if path.endswith(("glossary/", "data/", "changes/", "about/")) else site.url(path))
        settle(page)
        assert not failed, f"/{path}: {failed}"
        screenshot(
            page, f"{site.name}-{path.replace('/', '-') or 'home-'}{viewport['width']}"
        )  # every page kind, both widths


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


def test_a_province_prints_on_at_most_three_a4_pages(browser, server):
    guard = Guarded(browser, (server,))
    page = guard.page()
    for path in ("provinces/jiangsu/", "en/provinces/jiangsu/"):
        page.goto(f"{server}/{path}")
        page.emulate_media(media="print")
        assert not page.locator(".md-sidebar--primary").is_visible(), "no navigation on paper"
        assert not page.locator(".ca-chart-data").first.is_visible(), "no data tables on paper"
        stamp = page.locator(".ca-print-source")
        assert stamp.is_visible() and re.search(r"provinces/jiangsu/ · \d{4}-\d{2}-\d{2}$", stamp.inner_text())
        first = page.evaluate("() => document.querySelector('article h1').getBoundingClientRect().top")
        assert first < 200, "the page's own text starts at the top"
        pages = _pdf_pages(page.pdf(format="A4", print_background=False))
        assert 1 <= pages <= 3, f"{path} prints on {pages} A4 pages"
    guard.context.close()


@pytest.fixture(scope="module")
def pages_server(built_site):
    with serve(built_site) as base:
        yield base.rstrip("/")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_404_speaks_the_readers_language_and_offers_search_and_sections(browser, pages_server, viewport):
    guard = Guarded(browser, (pages_server,))
    page = guard.page()
    page.set_viewport_size(viewport)
    for path, lang, heading, query, first in (
        ("no/such/page/", "zh", "页面未找到", "江苏", "provinces/jiangsu/"),
        ("en/no/such/page/", "en", "Page not found", "Jiangsu", "en/provinces/jiangsu/"),
    ):
        response = page.goto(f"{pages_server}/{path}")
        assert response.status == 404
        assert page.get_attribute("html", "lang") == lang
        visible = page.locator(".ca-notfound:visible")
        assert visible.count() == 1 and heading in visible.locator("h1").inner_text()
        sections = visible.locator("a").evaluate_all("els => els.map(a => new URL(a.href).pathname)")
        assert ("/en/provinces/" if lang == "en" else "/provinces/") in sections
        # The page around it too: title, header, navigation and search box in the reader's language.
        assert page.title() == {"zh": "先进制造业集群图鉴 · Cluster Atlas", "en": "Cluster Atlas"}[lang]
        nav = page.locator(".md-sidebar--primary .md-nav__link").evaluate_all(
            "els => els.map(a => new URL(a.href).pathname)"
        )
        assert ("/en/provinces/" in nav, "/provinces/" in nav) == (lang == "en", lang == "zh"), nav
        assert page.get_attribute(".md-search__input", "placeholder") == {"zh": "搜索", "en": "Search"}[lang]
        assert page.locator(".md-header__topic .md-ellipsis").first.inner_text().strip() == page.title()
        screenshot(page, f"404-{lang}-{viewport['width']}")
        if viewport is DESKTOP:  # on a phone the search field sits behind the search button
            results = search(page, query)
            assert results and urlsplit(results[0]).path == "/" + first, results
    assert guard.errors == [], guard.errors
    guard.context.close()


CHART_PAGES = [
    "",
    "provinces/jiangsu/",
    "provinces/xizang/",
    "provinces/",
    "sectors/high-end-equipment/",
    "sectors/",
    "policies/",
    "policies/hunan-2020-opinions/",
]
# The smallest text of the chart as shown: glyphs are paths scaled from the font's units
# (scale(s -s), s = size in pt / 100), the viewBox is in pt, the image is shown clientWidth px wide.
SMALLEST_TEXT_PX = """async img => {
  const svg = await (await fetch(img.currentSrc)).text();
  const box = svg.match(/viewBox="0 0 ([0-9.]+) /);
  const scales = [...svg.matchAll(/scale\\(([0-9.]+) -[0-9.]+\\)/g)].map(m => parseFloat(m[1]));
  return Math.min(...scales) * 100 * img.clientWidth / parseFloat(box[1]);
}"""


def test_chart_text_is_at_least_11_px_on_a_phone(browser, server):
    guard = Guarded(browser, (server,))
    page = guard.page()
    page.set_viewport_size(PHONE)
    for path in CHART_PAGES + ["en/" + p for p in CHART_PAGES]:
        page.goto(f"{server}/{path}")
        imgs = page.locator("figure.ca-chart img")
        assert imgs.count() >= 1, path
        for i in range(imgs.count()):
            img = imgs.nth(i)
            img.scroll_into_view_if_needed()
            page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=img.element_handle())
            assert img.evaluate("img => img.currentSrc").endswith(".narrow.svg"), (
                f"/{path}: the phone gets the narrow chart"
            )
            smallest = img.evaluate(SMALLEST_TEXT_PX)
            assert smallest >= 11, f"/{path}: chart {i + 1} has text of {smallest:.1f} px on a 390 px phone"
        screenshot(page, f"charts-{path.replace('/', '-') or 'home-'}390")
    page.set_viewport_size(DESKTOP)
    page.goto(f"{server}/provinces/jiangsu/")
    img = page.locator("figure.ca-chart img").first
    assert not img.evaluate("img => img.currentSrc").endswith(".narrow.svg"), "desktops keep the wide chart"
    guard.context.close()


def test_the_policy_list_reads_on_a_phone(site):
    """Each policy of the timeline's list is one block inside a 390 px screen, not a three-column
    table whose titles run off it."""
    page = site.guard.page()
    page.set_viewport_size(PHONE)
    for path in ("policies/", "en/policies/"):
        page.goto(site.url(path))
        rights = page.eval_on_selector_all(".ca-stack td", "els => els.map(e => e.getBoundingClientRect().right)")
        assert len(rights) >= 3 * 10 and max(rights) <= PHONE["width"], (
            f"{path}: a cell runs off the screen ({max(rights):.0f} px)"
        )


def test_the_province_list_fits_a_phone(site):
    """The list of 31 under the tile map: every cell inside a 390 px screen, with each division's
    kind and region under its name (five columns used to run off the screen)."""
    page = site.guard.page()
    page.set_viewport_size(PHONE)
    for path, first in (("provinces/", "北京\n直辖市 · 东部"), ("en/provinces/", "Beijing\nmunicipality · east")):
        page.goto(site.url(path))
        table = page.locator("article table").last
        assert table.locator("tbody tr").count() == 31
        assert table.locator("tbody td").first.inner_text() == first
        rights = table.locator("td, th").evaluate_all("els => els.map(e => e.getBoundingClientRect().right)")
        assert max(rights) <= PHONE["width"], f"{path}: a cell runs off the screen ({max(rights):.0f} px)"
        wrap = table.evaluate(
            "t => { const w = t.closest('.md-typeset__scrollwrap') || t.parentElement; "
            "return w.scrollWidth - w.clientWidth; }"
        )
        assert wrap <= 0, f"{path}: the table scrolls sideways by {wrap} px"


@pytest.mark.parametrize(
    "path, words",
    [
        ("provinces/jiangsu/", "原文：“两批先进制造业集群初赛共有44家集群胜出”"),
        ("en/provinces/jiangsu/", "(this site's translation: “in the initial rounds of the two batches"),
    ],
)
def test_a_tap_on_a_footnote_marker_shows_the_sources_words_in_place(browser, server, path, words):
    """On a phone the first tap shows the note (the article's words) over the text, the reader
    stays where they were; a second tap on the same marker goes to the notes."""
    guard = Guarded(browser, (server,), viewport=PHONE, has_touch=True, is_mobile=True)
    page = guard.page()
    page.goto(f"{server}/{path}")
    marker = page.locator('article a.footnote-ref[href*="ccid-2021--competition"]').first  # the key figure's note
    marker.scroll_into_view_if_needed()
    marker.tap()
    tip = page.locator(".md-tooltip2").filter(has_text=words[:12])
    tip.wait_for(state="visible", timeout=3000)
    assert words in tip.inner_text()
    assert "#fn:" not in page.url, "the first tap must not jump to the notes"
    page.wait_for_timeout(400)  # the tooltip fades in
    screenshot(page, f"footnote-tooltip-{'en' if path.startswith('en/') else 'zh'}-phone")
    marker.tap()
    page.wait_for_timeout(300)
    assert "#fn:" in page.url, "a second tap follows the link to the note"
    assert not guard.errors, guard.errors


def test_the_content_security_policy_refuses_a_script_from_elsewhere(site):
    """Every page carries a Content-Security-Policy: a script, object or base from another origin
    (what an injected <script src="//evil.example/…"> would load) is refused, while the site's own
    scripts — Material, search, the citation box — run (the other browser tests)."""
    page = site.guard.page()
    for path in ("provinces/jiangsu/", "en/"):
        page.goto(site.url(path))
        policy = page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
        assert "script-src 'self'" in policy and "object-src 'none'" in policy and "base-uri 'self'" in policy
        violated = page.evaluate("""() => new Promise(resolve => {
            document.addEventListener("securitypolicyviolation", e => resolve(e.violatedDirective), {once: true});
            const s = document.createElement("script");
            s.src = "http://127.0.0.2:9/evil.js";
            document.head.appendChild(s);
            setTimeout(() => resolve(null), 2000);
        })""")
        assert violated and violated.startswith("script-src"), violated
