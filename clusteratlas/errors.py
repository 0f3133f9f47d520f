"""Data problems reported to the people who edit data/: file, line, field, what, how to fix."""

from __future__ import annotations

import html
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str  # path as the editor sees it, e.g. "data/sectors.yaml"
    line: int  # 1-based; 0 when the problem concerns the whole file
    field: str  # dotted path inside the file, e.g. "[3].winners"
    message: str  # what is wrong
    hint: str = ""  # how to fix it

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        field = f" [{self.field}]" if self.field else ""
        text = f"{where}:{field} {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return _printable(text)


def _printable(text: str) -> str:
    """Control characters from a key or a value (an escape sequence could erase the report's
    header on a terminal, or fake "data/ is valid") shown as escapes, never sent raw."""
    return "".join(c if c.isprintable() or c == "\n" else ascii(c)[1:-1] for c in text)


class DataError(Exception):
    """Raised with every problem found in one run, not only the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        n = len(self.problems)
        places = sorted({p.file.split("/", 1)[0] + "/" if "/" in p.file else p.file for p in self.problems})
        head = f"{n} problem{'s' if n != 1 else ''} in {', '.join(places)} — nothing was written:"
        return "\n".join([head, *(f"  {p}" for p in self.problems)])


# Kept here, not in templates/strings.yaml: this page must show even when that file is broken.
_ERROR_PAGE = {
    "zh": ("数据有误，网站未能更新", "修改下列文件并保存：本页会自动刷新，显示更新后的页面。"),
    "en": (
        "The data has errors; the site was not updated",
        "Fix the files below and save: this page reloads by itself and shows the updated page.",
    ),
}


def error_page(report: str, lang: str) -> str:
    """The page `mkdocs serve` shows in place of every page while the data has errors."""
    heading, advice = _ERROR_PAGE.get(lang, _ERROR_PAGE["en"])
    return (
        f'<!doctype html><html lang="{html.escape(lang)}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{heading}</title></head>'
        f'<body style="font-family: system-ui, sans-serif; margin: 2rem; max-width: 60rem">'
        f"<h1>{heading}</h1><p>{advice}</p>"
        f'<pre style="white-space: pre-wrap; background: #fff3f0; padding: 1rem; border-left: 4px solid #d55e00">'
        f"{html.escape(report)}</pre></body></html>\n"
    )


class BuildFailed(RuntimeError):
    """A step of the build failed (an engine, the file system); the previous site/ and dist/ stay."""
