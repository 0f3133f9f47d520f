"""Where the chart font lives, and the error when it does not. Kept apart from draw.py so that
code which only needs to know about the font (the CLI, the MkDocs hook, the glyph check's
callers) does not import matplotlib (~0.7 s)."""

from __future__ import annotations

import functools
import os
from pathlib import Path

FONT_DIR = Path(os.environ.get("CLUSTERATLAS_FONT_DIR", Path(__file__).resolve().parents[2] / ".cache" / "fonts"))
FONT_FILES = ("NotoSansSC-Regular.ttf", "NotoSansSC-Bold.ttf")
FAMILY = "Noto Sans SC"


class FontMissing(RuntimeError):
    pass


def check_font() -> None:
    missing = [f for f in FONT_FILES if not (FONT_DIR / f).is_file()]
    if missing:
        raise FontMissing(
            f"chart font not found: {', '.join(str(FONT_DIR / f) for f in missing)} — run `make fonts` "
            "(or scripts/fetch-fonts.sh .cache/fonts), or set CLUSTERATLAS_FONT_DIR"
        )
    for f in FONT_FILES:
        st = (FONT_DIR / f).stat()
        _check_readable(str(FONT_DIR / f), st.st_size, st.st_mtime_ns)


@functools.lru_cache(maxsize=8)
def _check_readable(path: str, size: int, mtime: int) -> None:
    """A damaged font file (a cut download, a file of something else) opened by FreeType: its
    error was "internal error: RuntimeError: FT_Open_Face" from deep inside matplotlib."""
    from PIL import ImageFont  # the cards' renderer; opening the face is what FreeType checks

    try:
        ImageFont.truetype(path, 12)
    except OSError as e:
        raise FontMissing(
            f"chart font {path} cannot be read as a font ({e}) — remove it and run `make fonts` again: rm {path}"
        ) from None
