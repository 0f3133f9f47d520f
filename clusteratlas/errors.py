"""Data problems reported to the people who edit data/: file, line, field, what, how to fix."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str          # path as the editor sees it, e.g. "data/sectors.yaml"
    line: int          # 1-based; 0 when the problem concerns the whole file
    field: str         # dotted path inside the file, e.g. "[3].winners"
    message: str       # what is wrong
    hint: str = ""     # how to fix it

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        field = f" [{self.field}]" if self.field else ""
        text = f"{where}:{field} {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


class DataError(Exception):
    """Raised with every problem found in one run, not only the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in data/ — nothing was written:"
        return "\n".join([head, *(f"  {p}" for p in self.problems)])
