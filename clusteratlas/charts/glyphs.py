"""Can the chart font draw every character a chart will show? Checked by `check`, before any
chart is drawn, so that an emoji or a rare character (𠀀) in a name is a located data error,
not a failure halfway through rendering."""

from __future__ import annotations

import functools
import unicodedata

from ..dataset.load import Dataset
from ..errors import Problem
from .fonts import FAMILY, FONT_DIR, FONT_FILES


@functools.cache
def _charmap() -> frozenset[int] | None:
    """Code points of the regular chart font, or None when it is not installed yet."""
    path = FONT_DIR / FONT_FILES[0]
    if not path.is_file():
        return None
    from matplotlib.ft2font import FT2Font

    return frozenset(FT2Font(str(path)).get_charmap())


def _fields(value, parts=()):
    """(path, text) for every string in nested lists and dicts (a data file's values, a chart spec)."""
    if isinstance(value, str):
        yield parts, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _fields(v, parts + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _fields(v, parts + (i,))


def missing_glyphs(specs: list[dict], extra: list[str] = ()) -> set[str]:
    """Characters the charts would draw that the font lacks (empty when the font is absent:
    then drawing fails with its own message asking for `make fonts`)."""
    charmap = _charmap()
    if charmap is None:
        return set()
    drawn = set().union(*(text for spec in specs for _, text in _fields([spec["title"], spec["draw"], *extra])))
    return {ch for ch in drawn if not ch.isspace() and ord(ch) not in charmap}


def glyph_problems(ds: Dataset, specs: list[dict], extra: list[str] = ()) -> list[Problem]:
    missing = missing_glyphs(specs, extra)
    if not missing:
        return []
    problems = []
    for loc in ds.located.values():
        for parts, text in _fields(loc.value):
            for ch in sorted(set(text) & missing):
                label = unicodedata.name(ch, "no name")
                problems.append(
                    loc.problem(
                        parts,
                        f"contains '{ch}' (U+{ord(ch):04X} {label}), which the chart font "
                        f"({FAMILY}) cannot draw, and this text is shown in a chart",
                        "write the text without it (an emoji or a rare character), or with a common variant",
                    )
                )
    return problems or [
        Problem(
            "templates/strings.yaml",
            0,
            "",
            "a chart label holds characters the chart font cannot draw: " + " ".join(sorted(missing)),
            "use characters of the chart font in chart strings",
        )
    ]
