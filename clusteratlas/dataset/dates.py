"""Dates at the precision the source gives ("2020", "2020-05", "2020-05-18"), ordered and placed
on a time axis the same way everywhere: lists of policies, the timeline chart and its table.

Sorting the strings would put "2020" before "2020-05" (a shorter string sorts first), although
a year-only date may be any month. A year-only date is placed mid-year, where the chart draws
it (hollow, to show the month is unknown).
"""

from __future__ import annotations

from .model import LEVELS


def position(value: str) -> tuple[float, bool]:
    """(fractional year, precise): '2020' → (2020.5, False); '2020-05' → (2020.375, True)."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return parts[0] + 0.5, False
    if len(parts) == 2:
        return parts[0] + (parts[1] - 0.5) / 12, True
    return parts[0] + (parts[1] - 1 + (parts[2] - 0.5) / 31) / 12, True


def chronological(policies) -> list:
    """Oldest first; at the same position national, then regional, then provincial, then by id (stable)."""
    return sorted(policies, key=lambda p: (position(p.date)[0], LEVELS.index(p.level), p.id))
