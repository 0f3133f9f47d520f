"""Figures derived from the data, computed in one place for pages, charts and downloads alike.

Nothing here is typed into data/: shares, ranks and per-province counts follow from the lists the
article gives, so a page, its chart and the CSV can never disagree.
"""

from __future__ import annotations

from .load import Dataset
from .model import Category


def share_text(part: int, whole: int) -> str:
    """A share as the article writes it: one decimal and a percent sign (29/31 → '93.5%')."""
    return f"{round(100 * part / whole + 1e-9, 1):.1f}%"


def rank(value: int, values: dict[str, int], me: str | None = None) -> tuple[int, list[str]]:
    """Competition rank (1 + how many are strictly larger) and who else has the same value."""
    return 1 + sum(1 for v in values.values() if v > value), [k for k, v in values.items() if v == value and k != me]


def winners_by_province(ds: Dataset) -> dict[str, int]:
    """Every province's winners in the data's province order; 0 where the article lists none."""
    return {p.id: ds.competition.winners_by_province.get(p.id, 0) for p in ds.provinces}


def category_of(ds: Dataset) -> dict[str, Category]:
    """Province id → the 2020 work-report wording category the article puts it in."""
    return {pid: c for c in ds.work_reports.categories for pid in c.provinces}


def wording_citations(ds: Dataset) -> list:
    """Every wording list's citation: "not in the article's lists" rests on all seven of them."""
    return [c for cat in ds.work_reports.categories for c in cat.sources]
