"""The picture a shared link shows: one 1200×630 PNG per page and language (charts/cards.py),
named by og:image on every page of both languages, drawn only when its text changed."""

import os
import re
from pathlib import Path

from clusteratlas.charts.cards import HEIGHT, WIDTH, _cached, _width, _wrap, draw_card, render_cards
from clusteratlas.charts.glyphs import _charmap
from clusteratlas.sitebuild.check import checked

from .helpers import pages_of

JIANGSU = dict(
    lang="zh",
    kicker="省级行政区",
    title="江苏",
    site="先进制造业集群图鉴",
    text="在工业和信息化部先进制造业集群竞赛2019年、2020年两批初赛的44个胜出集群中，江苏有 8 个，占18.2%。",
)


def _size(png: bytes) -> tuple[int, int]:
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def test_a_card_is_a_1200_by_630_png_and_the_same_bytes_every_time():
    first = draw_card(JIANGSU)
    assert _size(first) == (WIDTH, HEIGHT) and first == draw_card(JIANGSU)
    assert draw_card(dict(JIANGSU, title="浙江")) != first


def test_the_strip_shows_the_tile_maps_colours_exactly_and_the_text_keeps_its_colours():
    import io

    from PIL import Image

    from clusteratlas.charts.cards import SITE_BLUE
    from clusteratlas.charts.style import INK
    from clusteratlas.charts.tilegrid import COUNT_BINS

    card = Image.open(io.BytesIO(draw_card(JIANGSU))).convert("RGB")

    def hexes(xy):
        return "#{:02X}{:02X}{:02X}".format(*card.getpixel(xy))

    assert [hexes((int((i + 0.5) * WIDTH / len(COUNT_BINS)), 6)) for i in range(len(COUNT_BINS))] == [
        c for *_, c in COUNT_BINS
    ]
    colours = {c for _, c in card.getcolors(256)}
    assert {INK, SITE_BLUE} <= {"#{:02X}{:02X}{:02X}".format(*c) for c in colours}, (
        "the title's ink and the site's blue, unchanged"
    )
    assert len(colours) <= 64


def test_lines_break_inside_the_card_and_never_before_closing_punctuation():
    text = "在44个胜出集群中，江苏有 8 个，占18.2%，居各省级行政区第1位。" * 3
    lines = _wrap(text, 28, WIDTH - 128, 5)
    assert len(lines) > 1 and all(_width(line, 28 * 100 / 72) <= WIDTH - 128 + 40 for line in lines)
    assert not any(line[0] in "，。、；：" for line in lines)
    english = _wrap(
        "Proposals of the CPC Central Committee for Formulating the 14th Five-Year Plan " * 3,
        54,
        WIDTH - 128,
        3,
        bold=True,
    )
    assert len(english) == 3 and english[-1].endswith("…") and all(" " not in (w[0], w[-1]) for w in english)


def test_cards_are_drawn_once_and_again_only_when_their_text_changes(tmp_path):
    cards = {"assets/cards/a.png": JIANGSU, "assets/cards/b.png": dict(JIANGSU, title="浙江")}
    pictures, drawn = render_cards(cards, tmp_path)
    assert drawn == 2 and set(pictures) == set(cards)
    again, drawn = render_cards(cards, tmp_path)
    assert drawn == 0 and again == pictures
    _, drawn = render_cards(dict(cards, **{"assets/cards/b.png": dict(JIANGSU, title="上海")}), tmp_path)
    assert drawn == 1


def test_a_damaged_card_in_the_cache_is_drawn_again(tmp_path):
    render_cards({"assets/cards/a.png": JIANGSU}, tmp_path)
    [entry] = list(tmp_path.glob("*.png"))
    good = entry.read_bytes()
    for damaged in (b"", good[: len(good) // 2], b"<svg/>", good.replace(good[16:24], (10).to_bytes(4, "big") * 2)):
        entry.write_bytes(damaged)
        assert _cached(entry) is None
        pictures, drawn = render_cards({"assets/cards/a.png": JIANGSU}, tmp_path)
        assert drawn == 1 and pictures["assets/cards/a.png"] == good


def test_the_chart_font_has_every_character_of_every_card():
    c = checked()
    charmap = _charmap()
    texts = [v for page in pages_of(c) for v in page.card.values()]
    missing = {ch for text in texts for ch in text if not ch.isspace() and ord(ch) not in charmap}
    assert not missing, sorted(missing)


def test_every_page_of_both_languages_names_its_card_and_the_card_is_there(built_site: Path):
    pages = [p for p in built_site.rglob("index.html") if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")]
    assert len(pages) >= 130
    for page in pages:
        html = page.read_text(encoding="utf-8")
        [url] = re.findall(r'<meta property="og:image" content="([^"]+)"', html)
        assert '<meta name="twitter:card" content="summary_large_image">' in html, page
        assert _size((built_site / url.lstrip("/")).read_bytes()) == (WIDTH, HEIGHT), page
    assert (built_site / "en/assets/cards/provinces-jiangsu.png").read_bytes() != (
        built_site / "assets/cards/provinces-jiangsu.png"
    ).read_bytes()


def test_the_offline_bundle_leaves_the_cards_and_embed_pages_out(offline_bundle: Path):
    # Both serve other sites over the web; the embed pages' links back are addresses on the web.
    assert not list(offline_bundle.rglob("assets/cards")) and not list(offline_bundle.rglob("embed"))


def _chunk(kind: bytes, body: bytes) -> bytes:
    import zlib

    return len(body).to_bytes(4, "big") + kind + body + zlib.crc32(kind + body).to_bytes(4, "big")


def test_a_card_entry_trusted_by_its_shape_alone_is_drawn_again(tmp_path):
    """Round 4: a 16 MB PNG with a card's signature and size became the home page's og:image."""
    render_cards({"assets/cards/a.png": JIANGSU}, tmp_path)
    [entry] = list(tmp_path.glob("*.png"))
    good = entry.read_bytes()
    iend = good.index(b"IEND") - 4
    huge_idat = _chunk(b"IDAT", b"\0" * 16_000_000)
    pixel_flip = bytearray(good)
    pixel_flip[good.index(b"IDAT") + 10] ^= 0xFF  # a changed picture, its checksum left as it was
    for damaged in (
        good[:iend] + huge_idat + good[iend:],  # right signature, size and end: 16 MB
        good[:iend] + _chunk(b"tEXt", b"Comment\0<script>") + good[iend:],  # a chunk no card has
        bytes(pixel_flip),
        good + b"trailing bytes",
    ):
        entry.write_bytes(damaged)
        assert _cached(entry) is None
        pictures, drawn = render_cards({"assets/cards/a.png": JIANGSU}, tmp_path)
        assert drawn == 1 and pictures["assets/cards/a.png"] == good
    entry.unlink()
    os.mkfifo(entry)  # a FIFO is not read (it would wait forever)
    assert _cached(entry) is None
