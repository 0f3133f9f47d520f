"""Fixed tile-grid positions (column, row) of the 31 provincial-level divisions.

One square each, placed to follow geography roughly (north at the top, west on the left); no
borders are drawn. This is layout, not fact: it only decides where a square sits.
"""
TILES: dict[str, tuple[int, int]] = {
    "heilongjiang": (8, 0),
    "neimenggu": (5, 1), "beijing": (6, 1), "liaoning": (7, 1), "jilin": (8, 1),
    "xinjiang": (1, 2), "gansu": (2, 2), "ningxia": (3, 2), "shanxi": (4, 2), "hebei": (5, 2), "tianjin": (6, 2),
    "qinghai": (2, 3), "shaanxi": (3, 3), "henan": (4, 3), "shandong": (5, 3),
    "xizang": (1, 4), "sichuan": (2, 4), "chongqing": (3, 4), "hubei": (4, 4), "anhui": (5, 4), "jiangsu": (6, 4), "shanghai": (7, 4),
    "yunnan": (2, 5), "guizhou": (3, 5), "hunan": (4, 5), "jiangxi": (5, 5), "zhejiang": (6, 5),
    "guangxi": (3, 6), "guangdong": (4, 6), "fujian": (5, 6),
    "hainan": (4, 7),
}
