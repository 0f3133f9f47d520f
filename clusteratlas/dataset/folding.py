"""How a quote is compared with the words it must contain: the same text however its source's copy
wrote the characters' width, its spacing, or (for a reposted copy) its script.

- width: full-width ASCII forms (，（）０-９Ａ-Ｚ) are their ASCII twins, the ideographic space a space
  — and nothing else: NFKC would also turn ⁴ into 4 and ⑥ into 6, and let an altered figure pass;
- white space is ignored;
- `script=True`: traditional characters are read as simplified (OpenCC's t2s) and the pinyin some
  mirror sites insert after a character, 醫(yī), is dropped: the copy's words, as the outlet wrote them.
"""

from __future__ import annotations

import functools
import re

_SPACE = re.compile(r"\s+")
_PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)")
_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def width(text: str) -> str:
    """Full-width ASCII forms as ASCII, the ideographic space as a space."""
    return text.translate(_WIDTH)


@functools.cache
def _t2s():
    import opencc  # a C++ converter, loaded only when a quote is compared across scripts

    return opencc.OpenCC("t2s")


def fold(text: str, script: bool = False) -> str:
    """The form two texts are compared in (see the module's note)."""
    text = _SPACE.sub("", width(text))
    if script:
        text = _t2s().convert(_PINYIN.sub("", text))
    return text
