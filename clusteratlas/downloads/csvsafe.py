"""CSV that is safe to open in a spreadsheet program.

A text cell that starts with =, +, -, @, a tab or a carriage return is read by Excel, LibreOffice
and Google Sheets as a formula (`=HYPERLINK(…)` becomes a live link, `=cmd|…` worse). As OWASP
recommends, such a cell gets a leading apostrophe, which spreadsheets show as text and hide.
Numbers are written as numbers: a negative count stays -3, never '-3.
"""

from __future__ import annotations

import csv
import io

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> object:
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def to_csv(header: list[str], rows: list[list]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([cell(h) for h in header])
    w.writerows([[cell(v) for v in row] for row in rows])
    return buf.getvalue()
