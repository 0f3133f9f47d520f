"""Highlighted charts are the plain chart with a few elements restyled, not a render of their own.

Most charts on entity pages are a national chart with one province, sector or policy picked out.
draw.py tags every element that can be picked out with an id (`Artist.set_gid`: ca-tile-<id>,
ca-bar-<id>, ca-label-<id>, ca-value-<id>, ca-mark-<id>); a highlighted variant is the plain
chart's SVG with the style attributes inside those groups changed. So 31 province pages share one
rendering of the map, and a highlight can only change colours and line widths, never the layout.

No matplotlib here: render.py decides what to draw without importing it.
"""

from __future__ import annotations

import copy
import re

HIGHLIGHT = "#D55E00"  # vermillion: outlines, bars, markers
HIGHLIGHT_TEXT = "#A33A00"  # a darker vermillion for text: 6.6:1 on white (the bright one is 3.9:1)

# What a highlight does to each kind of tagged element.
RESTYLE = {
    "tile": {"stroke": HIGHLIGHT, "stroke-width": "3.5"},
    "bar": {"fill": HIGHLIGHT},
    "label": {"fill": HIGHLIGHT_TEXT},
    "value": {"fill": HIGHLIGHT_TEXT},
    "mark": {"stroke": HIGHLIGHT, "stroke-width": "2.5"},
}
# The tile map's labels sit on coloured tiles with their own contrast; only the outline changes.
ROLES = {
    "tilemap-count": ("tile",),
    "tilemap-category": ("tile",),
    "bars": ("bar", "label", "value"),
    "timeline": ("mark", "label"),
}

_ITEMS = ("tiles", "bars", "events")


def plain(spec: dict) -> dict:
    """What draw.py reads of a spec, with every highlight removed: specs that differ only in what
    they highlight have the same plain form and share one rendering."""
    d = copy.deepcopy(spec["draw"])
    for key in _ITEMS:
        for item in d.get(key, []):
            item["highlight"] = False
    return {"kind": spec["kind"], "lang": spec["lang"], "title": spec["title"], "draw": d}


def highlighted(spec: dict) -> list[str]:
    return [item["id"] for key in _ITEMS for item in spec["draw"].get(key, []) if item.get("highlight")]


def apply(svg: bytes, spec: dict) -> bytes:
    """The plain chart's SVG with this spec's highlighted items restyled."""
    ids = highlighted(spec)
    if not ids:
        return svg
    text = svg.decode("utf-8")
    for id in ids:
        for role in ROLES[spec["kind"]]:
            text = restyle(text, f"ca-{role}-{id}", RESTYLE[role])
    return text.encode("utf-8")


_OPEN = re.compile(r"<g\b|</g>")
_STYLE = re.compile(r'style="([^"]*)"')


def group_span(svg: str, gid: str) -> tuple[int, int]:
    """Start and end of the element `<g id="gid">…</g>` in svg. A gid that is not in the SVG is an
    error: a highlight must never be silently lost."""
    start = svg.find(f'<g id="{gid}">')
    if start < 0:
        raise ValueError(f"chart has no element {gid!r} to highlight")
    depth = 0
    for m in _OPEN.finditer(svg, start):
        depth += 1 if m.group(0) == "<g" else -1
        if depth == 0:
            return start, m.end()
    raise ValueError(f"unclosed group {gid!r}")


def restyle(svg: str, gid: str, props: dict[str, str]) -> str:
    """Set CSS properties in every style attribute inside the group `<g id="gid">`."""
    start, end = group_span(svg, gid)

    def edit(m: re.Match) -> str:
        decls = dict(d.split(":", 1) for d in (x.strip() for x in m.group(1).split(";")) if d)
        decls = {k.strip(): v.strip() for k, v in decls.items()} | props
        return 'style="' + "; ".join(f"{k}: {v}" for k, v in decls.items()) + '"'

    return svg[:start] + _STYLE.sub(edit, svg[start:end]) + svg[end:]
