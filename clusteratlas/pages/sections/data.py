"""The data page: every download with its columns and a preview, the API, the data package."""

from __future__ import annotations

from markupsafe import Markup

from ...downloads.tables import column_title, table_title, tables
from ...downloads.workbook import WORKBOOK
from ...markdown import escape
from ...paths import API_DIR, DATA_DIR, data_zip
from .. import structured
from ..atlas import Atlas
from ..kinds import PageKind
from ..notes import Notes


def context(atlas: Atlas, lang: str, here: str, notes: Notes, id: str | None = None):
    version = atlas.version
    every = tables(atlas.ds)
    # Column names are shown in code spans exactly as in the files (name_zh, not name\_zh).
    rows = [
        dict(
            title=escape(table_title(atlas.cat, kind, lang)),
            csv=atlas.href(f"{DATA_DIR}/{kind}.csv", here),
            json=atlas.href(f"{DATA_DIR}/{kind}.json", here),
            rows=len(tab["rows"]),
            columns=[
                dict(
                    name=Markup(f"`{name}`"),
                    title=escape(column_title(atlas.cat, kind, name, lang)),
                    preview=[_preview(row[i]) for row in tab["rows"][:PREVIEW_ROWS]],
                )
                for i, (name, _) in enumerate(tab["fields"])
            ],
            preview_rows=min(PREVIEW_ROWS, len(tab["rows"])),
        )
        for kind, tab in every.items()
    ]
    api = [
        dict(kind=k, example=atlas.href(f"{API_DIR}/{k}/{ex}.json", here), example_id=ex)
        for k, ex in (
            ("provinces", "jiangsu"),
            ("sectors", "high-end-equipment"),
            ("policies", "jiangsu-2018-guidance"),
            ("measures", "cluster-governance"),
        )
        if ex in {x.id for x in getattr(atlas.ds, k)}
    ]
    return dict(
        title=atlas.t("data.title", lang),
        lead=atlas.t("data.lead", lang),
        tables=rows,
        api=api,
        workbook=atlas.href(f"{DATA_DIR}/{WORKBOOK}", here),
        package=atlas.href(f"{DATA_DIR}/datapackage.json", here),
        sources=atlas.href(f"{DATA_DIR}/sources.json", here),
        zip=atlas.href(data_zip(version), here),
        version=version,
    )


def dataset_node(atlas: Atlas, lang: str) -> dict:
    """The Dataset /data/ offers, beside its WebPage in JSON-LD (pages/structured.py)."""
    return structured.dataset(atlas.ds, atlas.cat, lang, list(tables(atlas.ds)), atlas.site_url, atlas.version)


PREVIEW_ROWS = 3


def _preview(value, limit: int = 36) -> Markup:
    """A cell of a table preview, as the CSV file holds it, shortened, in a code span: names and
    ids read exactly, and nothing in a value from data is read as markup (a backtick, which would
    end the span, becomes ’)."""
    text = "" if value is None else " ".join(str(value).split())  # one line: a table row
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return Markup(f"`{text.replace('`', chr(8217))}`") if text else Markup("")


KINDS = (PageKind("data.md.j2", context, structured=dataset_node),)
