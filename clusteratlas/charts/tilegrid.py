"""Fixed tile-grid positions (column, row) of the 31 provincial-level divisions.

One square each, placed to follow geography roughly (north at the top, west on the left); no
borders are drawn. This is layout, not fact: it only decides where a square sits.
"""

TILES: dict[str, tuple[int, int]] = {
    "heilongjiang": (8, 0),
    "neimenggu": (5, 1),
    "beijing": (6, 1),
    "liaoning": (7, 1),
    "jilin": (8, 1),
    "xinjiang": (1, 2),
    "gansu": (2, 2),
    "ningxia": (3, 2),
    "shanxi": (4, 2),
    "hebei": (5, 2),
    "tianjin": (6, 2),
    "qinghai": (2, 3),
    "shaanxi": (3, 3),
    "henan": (4, 3),
    "shandong": (5, 3),
    "xizang": (1, 4),
    "sichuan": (2, 4),
    "chongqing": (3, 4),
    "hubei": (4, 4),
    "anhui": (5, 4),
    "jiangsu": (6, 4),
    "shanghai": (7, 4),
    "yunnan": (2, 5),
    "guizhou": (3, 5),
    "hunan": (4, 5),
    "jiangxi": (5, 5),
    "zhejiang": (6, 5),
    "guangxi": (3, 6),
    "guangdong": (4, 6),
    "fujian": (5, 6),
    "hainan": (4, 7),
}

# Classes of winner counts, shared by the SVG tile maps (draw.py) and the tappable tile map on
# /provinces/ (extra.css .ca-tile--b0 … b4 use the same colours): single-hue sequential blues,
# ordered by lightness, safe for colour-blind readers. (low, high, colour)
COUNT_BINS = [(0, 0, "#EEEEEE"), (1, 1, "#C6DBEF"), (2, 3, "#6BAED6"), (4, 6, "#2171B5"), (7, 10**6, "#08306B")]


def count_bin(value: int) -> int:
    return next(i for i, (lo, hi, _) in enumerate(COUNT_BINS) if lo <= value <= hi)


def count_colour(value: int) -> str:
    return COUNT_BINS[count_bin(value)][2]


def count_legend(top: int) -> list[tuple[int, str, str]]:
    """(class index, colour, label) of the classes up to the largest count `top`: 0, 1, 2–3, 4–6, 7–8."""
    return [
        (i, colour, str(lo) if lo == min(hi, top) else f"{lo}–{min(hi, top)}")
        for i, (lo, hi, colour) in enumerate(COUNT_BINS)
        if lo <= top
    ]


def tile_problems(ds) -> list:
    """Every division has a place on the tile maps: a 32nd one without a position passed the
    data check and crashed the chart step. Located in data/provinces.yaml."""
    return [
        ds.located["provinces.yaml"].problem(
            (i, "id"),
            f"'{p.id}' has no position on the tile map",
            "the map has a tile for each of the 31 provincial-level divisions; a new one needs a "
            "column and row in clusteratlas/charts/tilegrid.py (TILES)",
        )
        for i, p in enumerate(ds.provinces)
        if p.id not in TILES
    ]
