"""Charts: the data behind each chart (golden), files embedded in pages, determinism, the font, the cache."""

import json
import os
import re
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from clusteratlas.charts import draw, highlight
from clusteratlas.charts.fonts import FONT_DIR
from clusteratlas.charts.spec import chart_specs
from clusteratlas.i18n import LANGS, Catalog
from clusteratlas.paths import ROOT, Paths
from clusteratlas.sitebuild.check import check
from clusteratlas.sitebuild.generate import generate

from .helpers import replace_in

GOLDEN = Path(__file__).parent / "golden" / "chart-data.json"
CATALOG = Catalog.load(ROOT / "templates/strings.yaml")
SPECS = chart_specs(check(), CATALOG)


def spec_data(specs) -> dict:
    """What a reader learns from each chart: title, alt text and table (colours and sizes are draw.py's)."""
    return {s["id"]: {"title": s["title"], "alt": s["alt"], "columns": s["columns"], "rows": s["rows"]} for s in specs}


def test_chart_data_golden():
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert spec_data(SPECS) == expected, "chart data changed; if intended: python -m tests.goldens, review the diff"


def test_chart_figures_match_the_data():
    by_id = {s["id"]: s for s in SPECS}
    ds = check()
    rows = dict(map(tuple, by_id["map-winners-en"]["rows"]))
    assert rows["Jiangsu"] == 8 and rows["Fujian"] == 0 and sum(rows.values()) == ds.competition.winners_total
    sectors = by_id["sectors-bars-zh"]["rows"]
    assert sectors[0][:2] == ["高端装备", 9] and sum(r[1] for r in sectors) == 44
    assert [r[1] for r in by_id["batches-en"]["rows"]] == [24, 20]
    assert "Sichuan" in by_id["map-wording-en"]["alt"] and "Xizang" in by_id["map-wording-en"]["alt"]


def test_every_chart_has_both_languages_and_alt_text():
    ids = {s["id"] for s in SPECS}
    for s in SPECS:
        twin = s["id"].rsplit("-", 1)[0] + "-" + ("en" if s["lang"] == "zh" else "zh")
        assert twin in ids
        assert len(s["alt"]) > 20 and s["title"]
    assert len(SPECS) == 2 * (5 + 31 + 11 + 10)


def _chart_texts():
    texts = {CATALOG.text("chart.source", lang) for lang in LANGS}
    for s in SPECS:
        texts |= {s["title"], *(str(c) for c in s["columns"])}
        d = s["draw"]
        texts |= {t["label"] for t in d.get("tiles", [])} | {b["label"] for b in d.get("bars", [])}
        texts |= {e["label"] + e["date_label"] for e in d.get("events", [])}
        texts |= {label for _, label in d.get("categories", []) + d.get("legend", [])}
        texts |= {str(d.get("legend_title", ""))}
    return texts


def test_font_covers_every_character_drawn():
    with TTFont(FONT_DIR / "NotoSansSC-Regular.ttf", lazy=True) as font:
        cmap = font.getBestCmap()
    missing = sorted({ch for text in _chart_texts() for ch in text if not ch.isspace() and ord(ch) not in cmap})
    assert not missing, f"characters without a glyph in Noto Sans SC: {missing}"


def test_missing_glyph_is_an_error_not_tofu():
    spec = next(s for s in SPECS if s["id"] == "batches-en")
    broken = json.loads(json.dumps(spec))
    broken["title"] = "Winners \U0001f600"  # an emoji: not in the font
    with pytest.raises(UserWarning, match="missing from font"):
        draw.draw(broken, "note")


def test_same_data_gives_byte_identical_svg():
    spec = next(s for s in SPECS if s["id"] == "map-winners-jiangsu-zh")
    code = (
        "import json,sys; from clusteratlas.charts.draw import draw; "
        "sys.stdout.buffer.write(draw(json.loads(sys.stdin.read()), 'n'))"
    )
    outputs = [
        subprocess.run(
            [sys.executable, "-c", code], input=json.dumps(spec).encode(), capture_output=True, check=True
        ).stdout
        for _ in range(2)
    ]
    assert outputs[0] == outputs[1] and outputs[0].startswith(b"<?xml")
    assert b"<text" not in outputs[0], "glyphs are drawn as paths, so SVGs look the same everywhere"
    assert draw.draw(spec, "n") == outputs[0]


def test_cache_renders_only_what_changed(project, tmp_path, monkeypatch):
    # An empty chart cache; the cards' cache copied from the checkout's (this is about the charts).
    shared = Path(os.environ["CLUSTERATLAS_CACHE_DIR"])
    if (shared / "cards").is_dir():
        shutil.copytree(shared / "cards", tmp_path / "cache" / "cards")
    monkeypatch.setenv("CLUSTERATLAS_CACHE_DIR", str(tmp_path / "cache"))
    quiet = dict(log=lambda *_: None)
    first = generate(Paths(project), **quiet)
    # Each distinct plain chart is drawn twice: the wide layout and the phone layout.
    assert first.charts_rendered == 2 * len({json.dumps(highlight.plain(s), sort_keys=True) for s in SPECS}) == 20
    second = generate(Paths(project), **quiet)
    assert second.charts_rendered == 0 and second.written == []
    # An English sector name appears only in the English sector bar charts: one drawing per layout,
    # from which the overview and the 11 highlighted variants are made.
    replace_in(project / "data/sectors.yaml", "en: Green food", "en: Green foods")
    third = generate(Paths(project), **quiet)
    assert third.charts_rendered == 2
    changed_svgs = sorted(p for p in third.written if p.endswith(".svg"))
    assert len(changed_svgs) == 2 * 12 and all(p.endswith(".en.svg") and "sectors-bars" in p for p in changed_svgs)


def test_pages_embed_existing_charts_in_both_languages(built_site):
    for kind, ids in (("provinces", [p.id for p in check().provinces]), ("sectors", [s.id for s in check().sectors])):
        for id in ids:
            for prefix in ("", "en/"):
                page_dir = built_site / prefix / kind / id
                page = (page_dir / "index.html").read_text(encoding="utf-8")
                imgs = re.findall(r'<img alt="([^"]+)" src="([^"]+\.svg)"', page)
                assert imgs, f"/{prefix}{kind}/{id}/ has no chart"
                for alt, src in imgs:
                    svg = (page_dir / src).resolve()
                    assert svg.is_file(), f"/{prefix}{kind}/{id}/: {src} missing"
                    assert svg.is_relative_to((built_site / prefix / "assets/charts").resolve())
                    assert len(unescape(alt)) > 20
                    csv = svg.with_suffix(".csv")
                    assert csv.is_file() and csv.name in page, "the chart's data is downloadable"


def _without_styles(svg: bytes) -> bytes:
    return re.sub(rb'style="[^"]*"', b"", svg)


@pytest.mark.parametrize("layout", ["wide", "narrow"])
@pytest.mark.parametrize(
    "chart",
    [
        "map-winners-jiangsu-zh",
        "map-winners-jiangsu-en",
        "sectors-bars-green-food-en",
        "timeline-hunan-2020-opinions-en",
    ],
)
def test_highlighted_chart_is_the_plain_chart_restyled(chart, layout):
    spec = next(s for s in SPECS if s["id"] == chart)
    plain = draw.draw_plain(highlight.plain(spec), "n", layout)
    marked = draw.draw(spec, "n", layout)
    # Same shapes in the same places: only style attributes differ, and only inside the highlighted item.
    assert marked != plain and _without_styles(marked) == _without_styles(plain)
    item = highlight.highlighted(spec)[0]

    def group(svg, gid):
        start, end = highlight.group_span(svg.decode(), gid)
        return svg.decode()[start:end]

    gids = re.findall(r'<g id="(ca-[a-z]+-[a-z0-9-]+)">', plain.decode())
    changed = [g for g in gids if group(plain, g) != group(marked, g)]
    assert changed and all(g.endswith("-" + item) for g in changed), changed
    assert highlight.HIGHLIGHT.lower().encode() in marked.lower()


def test_highlighting_an_element_the_chart_lacks_is_an_error():
    spec = json.loads(json.dumps(next(s for s in SPECS if s["id"] == "sectors-bars-green-food-en")))
    svg = draw.draw_plain(highlight.plain(spec), "n")
    spec["draw"]["bars"][0]["id"] = "no-such-sector"
    spec["draw"]["bars"][0]["highlight"] = True
    with pytest.raises(ValueError, match="no element 'ca-bar-no-such-sector'"):
        highlight.apply(svg, spec)
