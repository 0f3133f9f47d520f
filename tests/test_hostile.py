"""Hostile values in data/ that pass `check` must still land as plain text wherever they go:
HTML attributes, Markdown blocks, CSV cells, chart SVG; online and in the offline bundle.

One project copy carries a payload of each class; it is built once (site and offline zip) and
read back as a reader's browser or spreadsheet would see it.
"""

import csv
import io
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from clusteratlas.cli import main

from .conftest import copy_project
from .helpers import replace_in

# A '"' closes an attribute: in Open Graph meta it once made the page redirect (http-equiv).
ATTRIBUTE = '0;url=/pwned.html" http-equiv="refresh" x="'
# Block Markdown at the start of a list item: a details box, a warning box, a horizontal rule.
BLOCKS = ['???+ note "Injected details"', '!!! warning "Injected warning"', "---", '=== "Tab"', ": definition"]
FORMULA = '=HYPERLINK("https://evil.example/","Click")'
TEX = r"Green $\frac{a}{b}$ food"
# Characters Markdown escapes and BibTeX must escape (round 3: the citation once read Q&amp;A on R\_D).
TITLE = r"Q&A on R_D *and* [x] \ ~ ^ 50% #1"
ENTITY = "R&amp;D city"  # typed as such: a reader must see "&amp;", not "&"


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    data = root / "data"
    replace_in(data / "provinces.yaml", "name: {zh: 北京, en: Beijing}", f"name: {{zh: 北京, en: '{ATTRIBUTE}'}}")
    points = "".join(f"    - zh: 示例{i}\n      en: '{b}'\n" for i, b in enumerate(BLOCKS))
    replace_in(data / "measures.yaml", "  points:\n", "  points:\n" + points)
    replace_in(data / "measures.yaml", "en: Strengthen collaborative innovation in clusters}", f"en: '{FORMULA}'}}")
    replace_in(data / "sectors.yaml", "en: Green food}", f"en: '{TEX}'}}")
    replace_in(data / "provinces.yaml", "name: {zh: 天津, en: Tianjin}", f"name: {{zh: 天津, en: '{TITLE}'}}")
    replace_in(data / "provinces.yaml", "name: {zh: 上海, en: Shanghai}", f"name: {{zh: 上海, en: '{ENTITY}'}}")
    assert main(["--root", str(root), "build"]) == 0
    return root


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def _pages(root: Path, online: bool) -> dict[str, str]:
    """The English Beijing and measure pages, online (site/) or from the offline zip."""
    if online:
        site = root / "site"
        return {
            "beijing": (site / "en/provinces/beijing/index.html").read_text(encoding="utf-8"),
            "measure": (site / "en/measures/collaborative-innovation/index.html").read_text(encoding="utf-8"),
        }
    [bundle] = (root / "dist").glob("cluster-atlas-offline-*.zip")
    with zipfile.ZipFile(bundle) as zf:

        def read(suffix):
            [name] = [n for n in zf.namelist() if n.endswith(suffix)]
            return zf.read(name).decode("utf-8")

        return {
            "beijing": read("/en/provinces/beijing.html"),
            "measure": read("/en/measures/collaborative-innovation.html"),
        }


@pytest.mark.parametrize("online", [True, False], ids=["online", "offline"])
def test_a_quote_in_a_name_stays_inside_its_attribute(hostile_build, online):
    page = _pages(hostile_build, online)["beijing"]
    found = tags(page)
    # The page's own http-equiv is its Content-Security-Policy; a data value must add none (a refresh).
    assert [a["http-equiv"] for t, a in found if t == "meta" and "http-equiv" in a] == ["Content-Security-Policy"], (
        "a data value added a meta refresh"
    )
    og = {a.get("property"): a.get("content") for t, a in found if t == "meta" and a.get("property")}
    assert og["og:title"].startswith(ATTRIBUTE), og["og:title"]  # the whole value, as text


@pytest.mark.parametrize("online", [True, False], ids=["online", "offline"])
def test_block_markdown_in_a_list_item_is_text(hostile_build, online):
    page = _pages(hostile_build, online)["measure"]
    found = tags(page)
    classes = " ".join(a.get("class") or "" for _, a in found)
    assert "admonition" not in classes, "'!!! warning' became a warning box"
    article = page[
        page.index("<article") : page.index('<div class="footnote"')
    ]  # the footnotes have a rule of their own
    assert "<details" not in article, "'???+ note' became a details block"
    assert "<hr" not in article, "'---' became a rule"
    assert "<dl" not in article
    for text in ("???+ note", "!!! warning", "<li>---</li>", "=== ", ": definition"):
        plain = article.replace("&#63;", "?").replace("&#61;", "=").replace("&#58;", ":").replace("&quot;", '"')
        assert text in plain, f"{text!r} is not shown as typed"


def test_a_formula_in_a_name_is_text_in_the_csv(hostile_build):
    rows = list(csv.reader(io.StringIO((hostile_build / "docs/data/measures.csv").read_text(encoding="utf-8"))))
    [row] = [r for r in rows if r[0] == "collaborative-innovation"]
    name_en = row[rows[0].index("name_en")]
    assert name_en == "'" + FORMULA, "a spreadsheet would run this cell as a formula"
    numbers = [r[rows[0].index("number")] for r in rows[1:]]
    assert numbers == ["1", "2", "3", "4", "5"], "numeric cells must stay numbers"


def test_a_formula_in_a_name_is_text_in_the_workbook(hostile_build):
    import openpyxl

    sheet = openpyxl.load_workbook(hostile_build / "docs/data/cluster-atlas.xlsx")["measures"]
    header = [c.value for c in sheet[1]]
    [row] = [r for r in sheet.iter_rows(min_row=2) if r[0].value == "collaborative-innovation"]
    cell = row[header.index("name_en")]
    assert (cell.value, cell.data_type) == (FORMULA, "s"), "a spreadsheet would run this cell as a formula"


def test_tex_in_a_chart_label_is_drawn_as_typed(hostile_build):
    svg = (hostile_build / "docs/assets/charts/sectors-bars.en.svg").read_text(encoding="utf-8")
    # matplotlib writes each text's string in a comment before its glyph paths; mathtext would
    # have drawn a fraction and written the TeX source in a different form.
    assert f"<!-- {TEX} -->" in svg


class _Code(HTMLParser):
    """The text of every <code> block, as a reader copies it."""

    def __init__(self):
        super().__init__()
        self.blocks, self._in = [], False

    def handle_starttag(self, tag, attrs):
        if tag == "code":
            self._in = True
            self.blocks.append("")

    def handle_endtag(self, tag):
        if tag == "code":
            self._in = False

    def handle_data(self, data):
        if self._in:
            self.blocks[-1] += data


def test_citations_quote_a_title_exactly_in_each_format(hostile_build):
    page = (hostile_build / "site/en/provinces/tianjin/index.html").read_text(encoding="utf-8")
    parser = _Code()
    parser.feed(page)
    gbt, apa, bib = [b for b in parser.blocks if "tianjin" in b and "<iframe" not in b][
        :3
    ]  # not the charts' embed snippets
    assert f"Cluster Atlas. {TITLE}[EB/OL]." in gbt
    assert f". {TITLE}. In Cluster Atlas" in apa
    assert (
        r"title        = {Q\&A on R\_D *and* [x] \textbackslash{} \textasciitilde{} \textasciicircum{} 50\% \#1}" in bib
    )
    for block in (gbt, apa, bib):
        assert "&amp;" not in block and r"R\_D \*" not in block


class _Title(HTMLParser):
    def __init__(self):
        super().__init__()
        self.title, self._in = "", False

    def handle_starttag(self, tag, attrs):
        self._in = tag == "title"

    def handle_endtag(self, tag):
        self._in = False

    def handle_data(self, data):
        if self._in:
            self.title += data


@pytest.mark.parametrize("province, name", [("shanghai", ENTITY), ("tianjin", TITLE)])
def test_the_title_bar_shows_a_name_as_typed(hostile_build, province, name):
    parser = _Title()
    parser.feed((hostile_build / f"site/en/provinces/{province}/index.html").read_text(encoding="utf-8"))
    assert parser.title == f"{name} - Cluster Atlas"


def test_structured_data_holds_hostile_names_as_typed(hostile_build):
    # JSON-LD is a script element: a name must neither end it nor change its JSON.
    import json
    import re

    for path, name in (
        ("en/provinces/beijing/index.html", ATTRIBUTE),
        ("en/provinces/tianjin/index.html", TITLE),
        ("en/provinces/shanghai/index.html", ENTITY),
    ):
        html = (hostile_build / "site" / path).read_text(encoding="utf-8")
        [script] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        assert "<" not in script and json.loads(script)["name"] == name, path
