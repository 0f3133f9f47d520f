"""The wide (desktop) layout of every chart kind, and `draw`, which draws a spec in either layout
(the phone layout is narrow.py; the colours, font and rcParams both share are in style.py).

matplotlib (Agg) → SVG with glyphs as paths. A missing glyph is an error (not a warning that
leaves a tofu box). Changing any chart module changes the style hash, so every chart is
re-rendered once.
"""

from __future__ import annotations

import io
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.markers import MarkerStyle  # noqa: E402
from matplotlib.patches import PathPatch, Rectangle  # noqa: E402
from matplotlib.transforms import Affine2D, ScaledTranslation  # noqa: E402

from ..i18n import LANGUAGE
from . import highlight  # noqa: E402
from .style import (  # noqa: E402
    BAR,
    INK,
    LEVEL_MARKS,
    MUTED,
    WIDTH,
    category_colours,
    count_colour,
    count_legend,
    legend_marks,
    setup,
    text_colour,
)


def draw(spec: dict, source_note: str, layout: str = "wide") -> bytes:
    """The chart of a spec: its plain chart with its highlights applied (see highlight.py)."""
    return highlight.apply(draw_plain(highlight.plain(spec), source_note, layout), spec)


def draw_plain(spec: dict, source_note: str, layout: str = "wide") -> bytes:
    """Render highlight.plain(spec): every element that can be highlighted is tagged, none is."""
    setup()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph … missing from font" must fail, never draw tofu
        buf = io.BytesIO()
        if layout == "narrow":
            from . import narrow

            fig = narrow.draw(spec, source_note)
            fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})  # drawn at its shown size
        else:
            fig = {"tilemap-count": _tilemap, "tilemap-category": _tilemap, "bars": _bars, "timeline": _timeline}[
                spec["kind"]
            ](spec)
            if spec["kind"].startswith("tilemap"):
                # Just under the map, not at the figure's foot: the figure is taller than the
                # equal-aspect map, and a note at the bottom kept that empty band in the SVG.
                fig.axes[0].annotate(
                    source_note,
                    xy=(0, 0),
                    xycoords="axes fraction",
                    xytext=(0, -4),
                    textcoords="offset points",
                    fontsize=7,
                    color=MUTED,
                    ha="left",
                    va="top",
                )
            else:
                fig.text(0.01, 0.005, source_note, fontsize=7, color=MUTED, ha="left", va="bottom")
            fig.savefig(
                buf, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight", pad_inches=0.1
            )
        plt.close(fig)
    return buf.getvalue()


def _marker(fig, ax, shape: str, x: float, y: float, size_pt: float = 8.5, **style) -> PathPatch:
    """A marker as a patch of its own, `size_pt` across, at (x, y) in data coordinates. Not
    ax.scatter: matplotlib's SVG writer shares one <defs> path among markers of the same style, so
    restyling one highlighted marker would restyle them all."""
    m = MarkerStyle(shape)
    path = m.get_path().transformed(m.get_transform())
    transform = Affine2D().scale(size_pt / 72) + fig.dpi_scale_trans + ScaledTranslation(x, y, ax.transData)
    return PathPatch(path, transform=transform, **style)


def _title(ax, text):
    ax.set_title(text, loc="left", fontsize=12, fontweight="bold", color=INK, pad=10)


def _tilemap(spec: dict):
    d = spec["draw"]
    tiles = d["tiles"]
    cols = max(t["col"] for t in tiles) + 1
    rows = max(t["row"] for t in tiles) + 1
    is_count = spec["kind"] == "tilemap-count"
    # The category legend sits in a band below the tiles, inside the axes, so nothing overlaps.
    band = 0 if is_count else (len(d["categories"]) + 1) // 2 * 0.42 + 0.2
    fig, ax = plt.subplots(figsize=(WIDTH, WIDTH * (rows + band) / cols * 0.92 + 0.9))
    colour_of = {} if is_count else category_colours(d["categories"])
    label_size = 9 if LANGUAGE[spec["lang"]].names_fit_tiles else 5.8  # 北京 fits a tile; Inner Mongolia, smaller
    for t in tiles:
        colour = count_colour(t["value"]) if is_count else colour_of[t["category"]]
        x, y = t["col"], rows - 1 - t["row"]
        ax.add_patch(
            Rectangle(
                (x + 0.04, y + 0.04),
                0.92,
                0.92,
                facecolor=colour,
                edgecolor="white",
                linewidth=1,
                gid=f"ca-tile-{t['id']}",
            )
        )
        ink = text_colour(colour)
        label = t["label"].replace(" (", "\n(").replace("Inner Mongolia", "Inner\nMongolia")
        if is_count:
            ax.text(x + 0.5, y + 0.62, label, ha="center", va="center", fontsize=label_size, color=ink, linespacing=0.9)
            ax.text(
                x + 0.5, y + 0.27, str(t["value"]), ha="center", va="center", fontsize=11, fontweight="bold", color=ink
            )
        else:
            ax.text(x + 0.5, y + 0.5, label, ha="center", va="center", fontsize=label_size, color=ink, linespacing=0.9)
    ax.set_xlim(0, cols)
    ax.set_ylim(-band, rows)
    ax.set_aspect("equal")
    ax.axis("off")
    _title(ax, spec["title"])
    if is_count:
        top = max(t["value"] for t in tiles)
        legend = count_legend(top)
        handles = [Rectangle((0, 0), 1, 1, facecolor=c, edgecolor="#BBBBBB", linewidth=0.5) for _, c, _ in legend]
        labels = [label for _, _, label in legend]
        ax.legend(
            handles,
            labels,
            title=d["legend_title"],
            loc="lower left",
            bbox_to_anchor=(0.0, 0.0),
            frameon=False,
            fontsize=8,
            title_fontsize=8,
            alignment="left",
        )
    else:
        handles = [Rectangle((0, 0), 1, 1, facecolor=colour_of[cid]) for cid, _ in d["categories"]]
        ax.legend(
            handles,
            [lab for _, lab in d["categories"]],
            loc="lower left",
            bbox_to_anchor=(0.0, 0.0),
            frameon=False,
            fontsize=8,
            ncol=2,
        )  # in the band below the map: stays inside a phone-width figure
    return fig


def _bars(spec: dict):
    bars = spec["draw"]["bars"]
    n = len(bars)
    fig, ax = plt.subplots(figsize=(WIDTH, 0.9 + 0.32 * n))
    ys = list(range(n))[::-1]
    rects = ax.barh(ys, [b["value"] for b in bars], color=BAR, height=0.7)
    ax.set_yticks(ys, [b["label"] for b in bars], fontsize=9)
    for y, b, rect in zip(ys, bars, rects, strict=True):
        rect.set_gid(f"ca-bar-{b['id']}")
        ax.text(b["value"] + 0.1, y, str(b["value"]), va="center", fontsize=9, color=INK, gid=f"ca-value-{b['id']}")
    for label, b in zip(ax.get_yticklabels(), bars, strict=True):
        label.set_gid(f"ca-label-{b['id']}")
    ax.set_xlim(0, max(b["value"] for b in bars) * 1.12 + 0.5)
    ax.xaxis.set_visible(False)
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", length=0)
    _title(ax, spec["title"])
    return fig


def _timeline(spec: dict):
    events = spec["draw"]["events"]
    n = len(events)
    fig, ax = plt.subplots(figsize=(WIDTH, 0.9 + 0.36 * n))
    xs = [(e["x"], e["precise"]) for e in events]  # placed by dates.position: year-only mid-year, hollow
    lo = min(x for x, _ in xs)
    hi = max(x for x, _ in xs)
    for i, (e, (x, precise)) in enumerate(zip(events, xs, strict=True)):
        y = n - 1 - i
        marker, colour = LEVEL_MARKS[e["level"]]
        ax.plot([lo - 0.3, x], [y, y], color="#EEEEEE", linewidth=1, zorder=1)
        ax.add_patch(
            _marker(
                fig,
                ax,
                marker,
                x,
                y,
                facecolor=colour if precise else "white",
                edgecolor=colour,
                linewidth=1.5,
                zorder=3,
                gid=f"ca-mark-{e['id']}",
            )
        )
        ax.text(
            x + 0.12,
            y,
            f"{e['label']}  {e['date_label']}",
            va="center",
            fontsize=8.5,
            color=INK,
            gid=f"ca-label-{e['id']}",
        )
    years = list(range(int(lo), int(hi) + 2))
    ax.set_xticks(years, [str(y) for y in years], fontsize=8)
    ax.set_xlim(lo - 0.3, hi + 2.6)
    ax.set_ylim(-0.8, n - 0.2)
    ax.yaxis.set_visible(False)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    handles = [
        plt.Line2D([], [], marker=shape, linestyle="", markerfacecolor=face, markeredgecolor=edge)
        for shape, face, edge in legend_marks()
    ]
    ax.legend(handles, [lab for _, lab in spec["draw"]["legend"]], loc="upper right", frameon=False, fontsize=8)
    _title(ax, spec["title"])
    return fig
