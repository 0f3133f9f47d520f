"""Where the chart font lives, and the error when it does not. Kept apart from draw.py so that
code which only needs to know about the font (the CLI, the MkDocs hook, the glyph check's
callers) does not import matplotlib (~0.7 s)."""

from __future__ import annotations

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
