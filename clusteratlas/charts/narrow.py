"""Charts for phone screens: the same specs laid out for a ~360 pt column, all text ≥ 11.5 pt.

A wide chart (draw.py) is ~500 pt across and shrinks to ~0.7× on a 390 px phone, which leaves its
labels at 4–7 CSS px. These layouts are drawn at the width they are shown (so 1 pt ≈ 1 CSS px)
and stack what the wide ones put side by side: a bar's label above the bar, a timeline as a
list, the English tile map as a ranked list (English names do not fit an eighth of a phone). Pages
offer them with <picture> (see htmlfix.picture_for_phones). Element ids follow highlight.py, so
highlighted variants are made the same way as for wide charts.

Everything is placed in points on one axes spanning the figure (y grows downwards): a first
pass lays out rows and measures the height, a second draws.
"""

from __future__ import annotations

import re
import unicodedata

import matplotlib.pyplot as plt
from matplotlib.markers import MarkerStyle
from matplotlib.patches import PathPatch, Rectangle
from matplotlib.transforms import Affine2D

from ..i18n import LANGUAGE
from .style import BAR, INK, LEVEL_MARKS, MUTED, category_colours, count_colour, count_legend, legend_marks, text_colour

WIDTH_PT = 356.0  # a 390 px phone shows ~358 px of column: drawn at that width, 1 pt ≈ 1 px
TEXT = 11.5  # every text; the floor is 11 CSS px
TITLE = 13.0
LINE = 1.3  # line height, in font sizes


def _width(text: str, size: float) -> float:
    """Rough advance width: CJK characters are one em, others ~0.56 em (Noto Sans)."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else 0.56 * size for c in text)


_TOKEN = re.compile(r"\s+|[^\s\u2E80-\u9FFF\uFF00-\uFFEF]+|.")


def wrap(text: str, size: float, width: float) -> list[str]:
    """Greedy lines that fit `width` pt, breaking between words and between CJK characters."""
    lines, line = [], ""
    for token in _TOKEN.findall(text):
        if line and _width((line + token).rstrip(), size) > width:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    return lines + ([line.rstrip()] if line.strip() else []) or [text]


class Canvas:
    """Drawing operations in points, recorded while laying out, replayed once the height is known."""

    def __init__(self, width: float = WIDTH_PT):
        self.width, self.y, self.ops = width, 0.0, []

    def text(self, x, y, s, size=TEXT, **kw):
        self.ops.append(("text", x, y, s, size, kw))

    def rect(self, x, y, w, h, **kw):
        self.ops.append(("rect", x, y, w, h, kw))

    def marker(self, shape, x, y, size, **kw):
        self.ops.append(("marker", shape, x, y, size, kw))

    def paragraph(self, s, size=TEXT, x=0.0, width=None, **kw) -> None:
        """Wrapped text from the current y; advances y."""
        lines = wrap(s, size, (width or self.width) - x)
        self.text(x, self.y, "\n".join(lines), size, linespacing=LINE, **kw)
        self.y += len(lines) * size * LINE

    def figure(self, bottom_pad: float = 4.0):
        height = self.y + bottom_pad
        fig = plt.figure(figsize=(self.width / 72, height / 72))
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_xlim(0, self.width)
        ax.set_ylim(height, 0)
        ax.axis("off")
        for op in self.ops:
            if op[0] == "text":
                _, x, y, s, size, kw = op
                ax.text(x, y, s, fontsize=size, va="top", ha=kw.pop("ha", "left"), **kw)
            elif op[0] == "rect":
                _, x, y, w, h, kw = op
                ax.add_patch(Rectangle((x, y), w, h, **kw))
            else:
                _, shape, x, y, size, kw = op
                m = MarkerStyle(shape)
                path = m.get_path().transformed(m.get_transform() + Affine2D().scale(size, -size).translate(x, y))
                ax.add_patch(PathPatch(path, **kw))
        return fig


def draw(spec: dict, note: str) -> plt.Figure:
    """The phone layout of a plain spec (colours and helpers are draw.py's)."""
    c = Canvas()
    c.paragraph(spec["title"], TITLE, fontweight="bold", color=INK)
    c.y += 8
    kind, tiles_fit = spec["kind"], LANGUAGE[spec["lang"]].names_fit_tiles
    if kind == "tilemap-count" and not tiles_fit:  # names too long for a phone's tile: a list instead
        _ranked(c, spec)
    elif kind.startswith("tilemap") and not tiles_fit:
        _grouped(c, spec)
    elif kind.startswith("tilemap"):
        _tiles(c, spec)
    elif kind == "bars":
        _bars(c, spec)
    else:
        _timeline(c, spec)
    c.y += 10
    c.paragraph(note, TEXT, color=MUTED)
    return c.figure()


def _tiles(c: Canvas, spec: dict) -> None:
    """The tile map, Chinese names: an eighth of the column per tile fits three characters."""
    d = spec["draw"]
    tiles = d["tiles"]
    first = min(t["col"] for t in tiles)
    cols = max(t["col"] for t in tiles) - first + 1
    size = c.width / cols
    top = c.y
    is_count = spec["kind"] == "tilemap-count"
    colour_of = {} if is_count else category_colours(d["categories"])
    for t in tiles:
        x, y = (t["col"] - first) * size, top + t["row"] * size
        colour = count_colour(t["value"]) if is_count else colour_of[t["category"]]
        ink = text_colour(colour)
        c.rect(
            x + 1.5,
            y + 1.5,
            size - 3,
            size - 3,
            facecolor=colour,
            edgecolor="white",
            linewidth=1,
            gid=f"ca-tile-{t['id']}",
        )
        if is_count:
            c.text(x + size / 2, y + 6, t["label"], TEXT, ha="center", color=ink)
            c.text(
                x + size / 2,
                y + 6 + TEXT * 1.25,
                str(t["value"]),
                TEXT + 1.5,
                ha="center",
                color=ink,
                fontweight="bold",
            )
        else:
            c.text(x + size / 2, y + size / 2 - TEXT * 0.65, t["label"], TEXT, ha="center", color=ink)
    c.y = top + (max(t["row"] for t in tiles) + 1) * size + 8
    if is_count:
        c.paragraph(d["legend_title"], TEXT, color=INK)
        x = 0.0
        for _, colour, label in count_legend(max(t["value"] for t in tiles)):
            c.rect(x, c.y + 2, 14, 14, facecolor=colour, edgecolor="#BBBBBB", linewidth=0.5)
            c.text(x + 18, c.y + 1, label, TEXT, color=INK)
            x += 18 + _width(label, TEXT) + 14
        c.y += TEXT * LINE + 4
    else:
        _category_legend(c, d["categories"], colour_of)


def _category_legend(c: Canvas, categories, colour_of) -> None:
    for cid, label in categories:
        c.rect(0, c.y + 2, 14, 14, facecolor=colour_of[cid], edgecolor="none")
        c.paragraph(label, TEXT, x=20, color=INK)


def _ranked(c: Canvas, spec: dict) -> None:
    """The English tile map on a phone: every division as a row, most winners first. The row is
    the element a highlight outlines (ca-tile-<id>), so a zero still shows."""
    tiles = sorted(spec["draw"]["tiles"], key=lambda t: -t["value"])  # stable: data order within a value
    name_w = max(_width(t["label"], TEXT) for t in tiles) + 8
    top_value = max(t["value"] for t in tiles) or 1
    row = TEXT * 1.55
    bar_w = c.width - name_w - 30
    for t in tiles:
        y = c.y
        c.rect(
            name_w - 3,
            y,
            c.width - name_w + 3,
            row - 2,
            facecolor="#F5F5F5",
            edgecolor="white",
            linewidth=1,
            gid=f"ca-tile-{t['id']}",
        )
        c.text(0, y + 2, t["label"], TEXT, color=INK)
        w = bar_w * t["value"] / top_value
        if w:
            c.rect(name_w, y + 3, w, row - 8, facecolor=count_colour(t["value"]), edgecolor="none")
        c.text(name_w + w + 4, y + 2, str(t["value"]), TEXT, color=INK)
        c.y += row


def _grouped(c: Canvas, spec: dict) -> None:
    """The English wording map on a phone: each category with its divisions, as a list."""
    d = spec["draw"]
    colour_of = category_colours(d["categories"])
    members = {cid: [t["label"] for t in d["tiles"] if t["category"] == cid] for cid, _ in d["categories"]}
    for cid, label in d["categories"]:
        if not members[cid]:
            continue
        c.rect(0, c.y + 2, 14, 14, facecolor=colour_of[cid], edgecolor="none")
        c.paragraph(f"{label} ({len(members[cid])})", TEXT, x=20, color=INK, fontweight="bold")
        c.paragraph(", ".join(members[cid]), TEXT, x=20, color=INK)
        c.y += 5


def _bars(c: Canvas, spec: dict) -> None:
    """Bars with their labels above them: long sector names get the full column."""
    bars = spec["draw"]["bars"]
    top_value = max(b["value"] for b in bars) or 1
    bar_w = c.width - 30
    for b in bars:
        c.paragraph(b["label"], TEXT, color=INK, gid=f"ca-label-{b['id']}")
        w = max(bar_w * b["value"] / top_value, 1.0)
        c.rect(0, c.y + 1, w, 10, facecolor=BAR, edgecolor="none", gid=f"ca-bar-{b['id']}")
        c.text(w + 4, c.y - 1.5, str(b["value"]), TEXT, color=INK, gid=f"ca-value-{b['id']}")
        c.y += 19


def _timeline(c: Canvas, spec: dict) -> None:
    """The timeline as a dated list: marker (shape and fill as on the wide chart), date, title."""
    for e in spec["draw"]["events"]:
        shape, colour = LEVEL_MARKS[e["level"]]
        c.marker(
            shape,
            7,
            c.y + TEXT * 0.65,
            10,
            facecolor=colour if e["precise"] else "white",
            edgecolor=colour,
            linewidth=1.5,
            gid=f"ca-mark-{e['id']}",
        )
        c.paragraph(e["date_label"], TEXT, x=20, color=MUTED)
        c.paragraph(e["label"], TEXT, x=20, color=INK, gid=f"ca-label-{e['id']}")
        c.y += 6
    c.y += 4
    for (_, label), (shape, face, edge) in zip(spec["draw"]["legend"], legend_marks(), strict=True):
        c.marker(shape, 7, c.y + TEXT * 0.65, 10, facecolor=face, edgecolor=edge, linewidth=1.5)
        c.paragraph(label, TEXT, x=20, color=INK)
