"""The house style both chart layouts share (draw.py: wide, narrow.py: phones): colours, the
timeline's level marks, the font and every rcParam that affects the bytes of an SVG.

Deterministic: a fixed hash salt, no date in the metadata, fonts by file path.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
from matplotlib import font_manager  # noqa: E402

from .fonts import FAMILY, FONT_DIR, FONT_FILES, check_font  # noqa: E402
from .tilegrid import count_colour, count_legend  # noqa: E402,F401  (both layouts colour tiles by count)

# Okabe–Ito: distinguishable with the common colour-vision deficiencies.
OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"]
NONE_GREY = "#D9D9D9"
BAR = "#7B9CC4"
INK = "#222222"
MUTED = "#666666"
# Timeline markers by level: (shape, colour); hollow when the source gives the year only.
LEVEL_MARKS = {"national": ("o", "#0072B2"), "regional": ("s", "#009E73"), "provincial": ("D", "#E69F00")}
WIDTH = 6.4  # inches; SVGs scale to the column, text stays legible at phone width


_ready = False


def setup() -> None:
    """Register the project's OFL font once per process and fix every rcParam that affects bytes."""
    global _ready
    if _ready:
        return
    check_font()
    for f in FONT_FILES:
        font_manager.fontManager.addfont(str(FONT_DIR / f))
    # matplotlib's own defaults, not a matplotlibrc found in the working folder or the user's
    # config (one in the project root once restyled every published chart): the charts depend
    # on this code and the font only, which is what the cache key hashes.
    matplotlib.rcdefaults()
    matplotlib.rcParams.update(
        {
            "font.family": FAMILY,
            "font.size": 10,
            "svg.fonttype": "path",
            "svg.hashsalt": "cluster-atlas",
            # Text from data is text: '$\\foo$' in a name must show as typed, not be parsed as TeX.
            "text.parse_math": False,
            "axes.unicode_minus": False,
            "figure.dpi": 72,
            "savefig.dpi": 72,
            "axes.edgecolor": MUTED,
            "axes.labelcolor": INK,
            "xtick.color": MUTED,
            "ytick.color": INK,
            "text.color": INK,
        }
    )
    _ready = True


def legend_marks() -> list[tuple[str, str, str]]:
    """(shape, fill, edge) for the timeline legend's entries: each level, then year only."""
    return [(shape, colour, colour) for shape, colour in LEVEL_MARKS.values()] + [("o", "white", MUTED)]


def text_colour(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return "white" if 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5 else INK


def category_colours(categories) -> dict[str, str]:
    """Okabe–Ito per wording category, grey for the last ("not in the article's lists")."""
    return {cid: (OKABE_ITO[i] if i < len(categories) - 1 else NONE_GREY) for i, (cid, _) in enumerate(categories)}
