"""The picture a shared link shows (Open Graph / Twitter card): 1200×630 PNG per page and language,
drawn with the charts' font and colours — the section, the page's title, its key sentence (the
meta description, which holds the page's key figure) and the site's name.

Cached by content like the charts (a card's key hashes its text and the chart style), so a build
where no page's title or description changed draws none. matplotlib only when one must be drawn.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import re
import unicodedata
from pathlib import Path

from ..progress import Progress
from .render import _cache_folder, draw_and_store, style_hash
from .tilegrid import COUNT_BINS

WIDTH, HEIGHT = 1200, 630  # pixels: the size Open Graph and X (Twitter) large cards show
_PNG = b"\x89PNG\r\n\x1a\n"


def card_key(card: dict, style: str) -> str:
    # The charts' style (their modules, matplotlib, the font) and this module's own code.
    payload = json.dumps([card, style, Path(__file__).read_text(encoding="utf-8")], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


def card_spec(lang: str, title: str, site: str, text: str = "", kicker: str = "") -> dict:
    """What a card shows: the section of an entity page (kicker, or none), the title, the key
    sentence, the site's name; plain text, in the page's language."""
    return dict(lang=lang, kicker=kicker, title=title, text=text, site=site)


def render_cards(
    cards: dict[str, dict], cache_dir: Path, progress: Progress | None = None
) -> tuple[dict[str, bytes], int]:
    """docs-relative path → PNG for every card spec ({lang, kicker, title, text, site}), and how
    many were drawn (the rest came from the cache)."""
    _cache_folder(cache_dir)
    style = style_hash()
    keys = {path: card_key(card, style) for path, card in cards.items()}
    out, todo = {}, {}
    for path, k in keys.items():
        png = _cached(cache_dir / f"{k}.png")
        if png is None:
            todo.setdefault(k, cards[path])
        else:
            out[path] = png
    if todo:
        drawn, bar = draw_and_store(todo, draw_card, cache_dir, "png", "cards", progress)
        bar.finish(f"{len(cards) - len(todo)} cached")
        out.update({path: drawn[k] for path, k in keys.items() if k in drawn})
    return out, len(todo)


def draw_card(card: dict) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from PIL import Image

    from . import style as house

    house.setup()
    fig = Figure(figsize=(WIDTH / 100, HEIGHT / 100), dpi=100, facecolor="white")
    # A strip of the tile maps' count colours along the top: the atlas's palette, no data in it.
    for i, (_, _, colour) in enumerate(COUNT_BINS):
        fig.patches.append(_band(fig, i / len(COUNT_BINS), (i + 1) / len(COUNT_BINS), colour))
    left, y = 64 / WIDTH, 1 - 88 / HEIGHT
    if card["kicker"]:  # the section of an entity page
        fig.text(left, y, card["kicker"], fontsize=26, color=house.MUTED, va="baseline")
    title_lines = _wrap(card["title"], 54, WIDTH - 128, 3, bold=True)
    y -= 86 / HEIGHT
    for line in title_lines:
        fig.text(left, y, line, fontsize=54, weight="bold", color=house.INK, va="baseline")
        y -= 72 / HEIGHT
    if card.get("text"):
        y -= 14 / HEIGHT
        for line in _wrap(card["text"], 28, WIDTH - 128, max(1, 6 - len(title_lines))):
            fig.text(left, y, line, fontsize=28, color=house.INK, va="baseline")
            y -= 42 / HEIGHT
    fig.text(left, 48 / HEIGHT, card["site"], fontsize=28, weight="bold", color=SITE_BLUE, va="baseline")
    fig.text(1 - left, 48 / HEIGHT, "CC BY 4.0", fontsize=22, color=house.MUTED, va="baseline", ha="right")
    # The canvas's pixels straight into Pillow: the same pixels as savefig's PNG, without encoding
    # and decoding a PNG on the way (a third of a card's time).
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    pixels = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    # A card holds a few colours and their anti-aliased blends with white: 63 fixed ones (_palette)
    # keep the look and a third of the bytes. Mapping to them takes ~20 ms where median cut took
    # 50 ms a card, and PNG's default compression 7 ms where `optimize` took 60 ms (~30 KB a card).
    rgb = pixels.convert("RGB")
    image = _exact(rgb, rgb.quantize(palette=_palette(), dither=Image.Dither.NONE))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


SITE_BLUE = "#0072B2"  # the site's name on a card (Okabe–Ito blue, as the national level's mark)
_BLENDS = 19  # shades per text colour between white and the colour itself


def _exact(rgb, image):
    """Pixels that are a palette colour get that colour: Pillow maps by coarse colour buckets,
    which moved the strip's third blue by 4 levels to a nearby blend."""
    import numpy as np
    from PIL import Image

    palette = _palette().getpalette()
    a, p = np.asarray(rgb, dtype=np.uint32), np.asarray(palette, dtype=np.uint32).reshape(-1, 3)
    packed, known = (a[..., 0] << 16) | (a[..., 1] << 8) | a[..., 2], (p[:, 0] << 16) | (p[:, 1] << 8) | p[:, 2]
    order = np.argsort(known)
    at = np.minimum(np.searchsorted(known[order], packed), len(known) - 1)
    hit = known[order][at] == packed
    indices = np.asarray(image).copy()
    indices[hit] = order[at[hit]]
    fixed = Image.fromarray(indices.astype(np.uint8), mode="P")
    fixed.putpalette(palette)
    return fixed


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


def _band(fig, x0: float, x1: float, colour: str):
    from matplotlib.patches import Rectangle

    return Rectangle((x0, 1 - 14 / HEIGHT), x1 - x0, 14 / HEIGHT, transform=fig.transFigure, color=colour, linewidth=0)


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
    """A cache entry, verified: a whole PNG of the card's size; anything else is drawn again."""
    from .render import read_entry

    data = read_entry(path) or b""
    if not data.startswith(_PNG) or not data.endswith(b"IEND\xaeB`\x82") or len(data) < 33:
        return None
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    return data if (width, height) == (WIDTH, HEIGHT) else None
