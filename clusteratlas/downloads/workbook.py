"""/data/cluster-atlas.xlsx: every table of /data/ as a sheet of one workbook, for readers who
open data in Excel or WPS. Double-clicked, a UTF-8 CSV without a byte-order mark opens there as
mojibake (锟斤拷 for 无锡); the CSV files stay plain UTF-8, as the data package declares and as
pandas, R and csvkit read them, and the workbook is the spreadsheet form.

Cells keep their kind: text is written with write_string, which Excel never reads as a formula (so
a value starting with = needs no apostrophe here), numbers as numbers, true/false as booleans,
an empty value as an empty cell. The first sheet says what the workbook is, in both languages.
The same inputs give the same bytes: XlsxWriter dates the archive's members 1980-01-01, and the
document's creation time is the build's date (SOURCE_DATE_EPOCH's day), not the clock.
"""

from __future__ import annotations

import datetime
import io

import xlsxwriter

WORKBOOK = "cluster-atlas.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
README_SHEET = "README"
WIDTH_MIN, WIDTH_MAX = 8, 60  # characters: a long title or source list wraps inside its cell


def workbook(tabs: dict[str, dict], readme: list[str], title: str, day: datetime.date) -> bytes:
    """`tabs`: table name → {"fields": [(name, kind)], "rows": [[value]]} (downloads/tables.py);
    `readme`: the lines of the first sheet."""
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False})
    book.set_properties({"title": title, "created": datetime.datetime(day.year, day.month, day.day)})
    bold = book.add_format({"bold": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})

    sheet = book.add_worksheet(README_SHEET)
    sheet.set_column(0, 0, 100, wrap)
    for r, line in enumerate(readme):
        sheet.write_string(r, 0, line, bold if r == 0 else wrap)

    for name, tab in tabs.items():
        sheet = book.add_worksheet(name[:31])  # Excel's limit on a sheet name
        header = [f for f, _ in tab["fields"]]
        for c, h in enumerate(header):
            sheet.write_string(0, c, h, bold)
        widths = [len(h) for h in header]
        for r, row in enumerate(tab["rows"], 1):
            for c, value in enumerate(row):
                _write(sheet, r, c, value)
                widths[c] = max(widths[c], _width(value))
        for c, w in enumerate(widths):
            sheet.set_column(c, c, min(max(w + 1, WIDTH_MIN), WIDTH_MAX))
        sheet.freeze_panes(1, 0)
        if tab["rows"]:
            sheet.autofilter(0, 0, len(tab["rows"]), len(header) - 1)
    book.close()
    return buf.getvalue()


def _write(sheet, row: int, col: int, value) -> None:
    if value is None or value == "":
        return
    if isinstance(value, bool):
        sheet.write_boolean(row, col, value)
    elif isinstance(value, (int, float)):
        sheet.write_number(row, col, value)
    else:
        sheet.write_string(row, col, str(value))


def _width(value) -> int:
    """Roughly the columns a value takes: a Chinese character is two."""
    text = "" if value is None else str(value)
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
