"""The picture a shared link shows (Open Graph / Twitter card): 1200×630 PNG per page and language,
drawn with the charts' font and colours — the section, the page's title, its key sentence (the
meta description, which holds the page's key figure) and the site's name.

Cached by content like the charts (a card's key hashes its text and the chart style), so a build
where no page's title or description changed draws none.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import re
import unicodedata
import zlib
from pathlib import Path

from ..progress import Progress
from .render import _cache_folder, draw_and_store, style_hash
from .tilegrid import COUNT_BINS

WIDTH, HEIGHT = 1200, 630  # pixels: the size Open Graph and X (Twitter) large cards show
_PNG = b"\x89PNG\r\n\x1a\n"


@functools.cache
def _own_code() -> str:
    return Path(__file__).read_text(encoding="utf-8")  # read once, not once a card


def card_key(card: dict, style: str) -> str:
    # The charts' style (their modules, matplotlib, the font) and this module's own code.
    payload = json.dumps([card, style, _own_code()], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


def card_spec(lang: str, title: str, site: str, text: str = "", kicker: str = "") -> dict:
    """What a card shows: the section of an entity page (kicker, or none), the title, the key
    sentence, the site's name; plain text, in the page's language."""
    return dict(lang=lang, kicker=kicker, title=title, text=text, site=site)


def render_cards(
    cards: dict[str, dict], cache_dir: Path, progress: Progress | None = None, workers: int | None = None
) -> tuple[dict[str, bytes], int]:
    """docs-relative path → PNG for every card spec ({lang, kicker, title, text, site}), and how
    many were drawn (the rest came from the cache). `workers`: processes to draw on (all cores)."""
    style = style_hash()
    out, missing = cached_cards(cards, cache_dir, style)
    keys = {path: card_key(card, style) for path, card in missing.items()}
    todo = {k: missing[path] for path, k in keys.items()}
    if todo:
        drawn, bar = draw_and_store(todo, draw_card, cache_dir, "png", "cards", progress, workers, setup=False)
        bar.finish(f"{len(cards) - len(todo)} cached")
        out.update({path: drawn[k] for path, k in keys.items()})
    return out, len(todo)


def cached_cards(
    cards: dict[str, dict], cache_dir: Path, style: str | None = None
) -> tuple[dict[str, bytes], dict[str, dict]]:
    """The cards the cache holds (path → PNG), and the specs of those it does not (path → spec).
    `style`: style_hash(), when the caller has it (it reads every chart module)."""
    _cache_folder(cache_dir)
    style = style or style_hash()
    out, missing = {}, {}
    for path, card in cards.items():
        png = _cached(cache_dir / f"{card_key(card, style)}.png")
        if png is None:
            missing[path] = card
        else:
            out[path] = png
    return out, missing


def draw_card(card: dict) -> bytes:
    """The card, drawn with Pillow's own text rendering and the charts' OFL font straight into the
    card's 63 colours (issue 34): each text colour's anti-aliased coverage becomes one of its 19
    blends with white, the strip its exact colours — no figure, no quantising afterwards. Sizes
    are the matplotlib version's (points at 100 dpi), positions its baselines: the cards look as
    they did, ~15 ms each where the figure took ~55 (BENCHMARKS.md)."""
    from PIL import Image, ImageDraw

    from . import style as house

    texts: dict[str, list] = {house.INK: [], house.MUTED: [], SITE_BLUE: []}  # colour → (xy, text, font, anchor)
    left, y = 64, 88
    if card["kicker"]:  # the section of an entity page
        texts[house.MUTED].append(((left, y), card["kicker"], _font(26), "ls"))
    title_lines = _wrap(card["title"], 54, WIDTH - 128, 3, bold=True)
    y += 86
    for line in title_lines:
        texts[house.INK].append(((left, y), line, _font(54, bold=True), "ls"))
        y += 72
    if card.get("text"):
        y += 14
        for line in _wrap(card["text"], 28, WIDTH - 128, max(1, 6 - len(title_lines))):
            texts[house.INK].append(((left, y), line, _font(28), "ls"))
            y += 42
    texts[SITE_BLUE].append(((left, HEIGHT - 48), card["site"], _font(28, bold=True), "ls"))
    texts[house.MUTED].append(((WIDTH - left, HEIGHT - 48), "CC BY 4.0", _font(22), "rs"))

    image = Image.new("P", (WIDTH, HEIGHT), 0)  # palette index 0: white
    image.putpalette(_palette().getpalette())
    draw = ImageDraw.Draw(image)
    # A strip of the tile maps' count colours along the top: the atlas's palette, no data in it.
    for i in range(len(COUNT_BINS)):
        x0, x1 = round(i * WIDTH / len(COUNT_BINS)), round((i + 1) * WIDTH / len(COUNT_BINS))
        draw.rectangle((x0, 0, x1 - 1, 13), fill=1 + i)
    steps = [round(a * _BLENDS / 255) for a in range(256)]  # coverage → blend (0: white, no paint)
    painted = [255 if k else 0 for k in steps]
    for j, items in enumerate(texts.values()):
        coverage = Image.new("L", (WIDTH, HEIGHT), 0)
        ink = ImageDraw.Draw(coverage)
        for xy, text, font, anchor in items:
            ink.text(xy, text, font=font, fill=255, anchor=anchor)
        first = 1 + len(COUNT_BINS) + j * _BLENDS  # this colour's blends, lightest first
        image.paste(coverage.point([first + k - 1 if k else 0 for k in steps]), mask=coverage.point(painted))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


@functools.lru_cache(maxsize=8)
def _font(size_pt: float, bold: bool = False):
    """The charts' font at a card's size: points at 100 dpi, as the cards were first drawn."""
    from PIL import ImageFont

    from .fonts import FONT_DIR, FONT_FILES, check_font

    check_font()
    return ImageFont.truetype(str(FONT_DIR / FONT_FILES[1 if bold else 0]), round(size_pt * 100 / 72))


SITE_BLUE = "#0072B2"  # the site's name on a card (Okabe–Ito blue, as the national level's mark)
_BLENDS = 19  # shades per text colour between white and the colour itself


@functools.lru_cache(maxsize=1)
def _palette():
    """White, the tile maps' count colours (the strip along the top) and 19 blends of each text
    colour with white: every pixel a card draws is one of these or between two of them."""
    from matplotlib.colors import to_rgb
    from PIL import Image

    from . import style as house

    rgb = lambda c: tuple(round(v * 255) for v in to_rgb(c))  # noqa: E731
    colours = [(255, 255, 255)] + [rgb(c) for *_, c in COUNT_BINS]
    for text in (house.INK, house.MUTED, SITE_BLUE):
        colours += [tuple(round(255 + (v - 255) * k / _BLENDS) for v in rgb(text)) for k in range(1, _BLENDS + 1)]
    image = Image.new("P", (1, 1))
    image.putpalette([v for c in colours for v in c])
    return image


def _width(text: str, size_px: float, bold: bool = False) -> float:
    # Wide (CJK) characters take a full em; Noto Sans's Latin letters about half of one (measured
    # on the cards: 0.45 regular, 0.5 bold), rounded up so that a line ends before the edge.
    narrow = 0.53 if bold else 0.48
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else narrow for c in text) * size_px


# A line may break before a wide character or a word, never before closing punctuation.
_TOKENS = re.compile(r"\s+|[^\s\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]+|.")
_NO_BREAK_BEFORE = set("，。、；：？！）》」』”’…,.;:?!)")


def _wrap(text: str, size_pt: float, width_px: float, max_lines: int, bold: bool = False) -> list[str]:
    """Lines that fit `width_px`, at most `max_lines`, the last cut with an ellipsis; English words
    are kept whole, CJK text breaks between characters, never before closing punctuation."""
    size_px = size_pt * 100 / 72
    lines, line = [], ""
    for token in _TOKENS.findall(text):
        if not line and token.isspace():
            continue
        if (
            _width(line + token, size_px, bold) <= width_px
            or not line
            or token[0] in _NO_BREAK_BEFORE
            or token.isspace()
        ):
            line += token
        else:
            lines.append(line.rstrip())
            line = token
    lines.append(line.rstrip())
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and _width(last + "…", size_px, bold) > width_px:
            last = last[:-1]
        lines[-1] = last.rstrip(" ,;:，；：、") + "…"
    return lines


def _cached(path: Path) -> bytes | None:
    """A cache entry, verified by what it holds: a PNG of the card's size, at most CARD_MAX bytes,
    made of the chunks a card has (IHDR, PLTE, IDAT, IEND), each with its checksum, and nothing
    after the end. A 16 MB file with a card's signature and size once became the og:image of the
    home page and went into the zip; anything else is drawn again."""
    from .render import read_entry

    data = read_entry(path, CARD_MAX) or b""
    return data if _is_card_png(data) else None


CARD_MAX = 512_000  # cards are 3–45 kB
_CHUNKS = {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"}


def _is_card_png(data: bytes) -> bool:
    if not data.startswith(_PNG) or len(data) < 45:
        return False
    at, first = len(_PNG), True
    while at + 12 <= len(data):
        size = int.from_bytes(data[at : at + 4], "big")
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + size]
        crc = data[at + 8 + size : at + 12 + size]
        if kind not in _CHUNKS or len(body) != size or len(crc) != 4:
            return False
        if zlib.crc32(kind + body).to_bytes(4, "big") != crc:
            return False
        if first and (kind != b"IHDR" or size != 13):
            return False
        if first and (int.from_bytes(body[0:4], "big"), int.from_bytes(body[4:8], "big")) != (WIDTH, HEIGHT):
            return False
        first = False
        at += 12 + size
        if kind == b"IEND":
            return at == len(data)  # nothing after the end
    return False
