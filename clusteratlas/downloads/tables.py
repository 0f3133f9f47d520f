"""The data behind the site, for download: CSV and JSON per entity kind, a Frictionless data
package, a zip of it all, and a static JSON API (one file per entity).

Column names are stable English identifiers; every column has a title in both languages in
datapackage.json (and the CSV files for Chinese readers carry the same data). Everything here
is derived from the validated dataset: nothing is typed twice.
"""

from __future__ import annotations

import datetime
import io
import json
import types
import typing
import zipfile

from pydantic import BaseModel

from ..dataset.cluster_figures import counted, lists_of, names_found
from ..dataset.fields import DATA_LANGS, Cite
from ..dataset.figures import category_of, share_text, winners_by_province, wording_citations
from ..dataset.load import Dataset
from ..dataset.sections import SECTION, SECTIONS
from ..i18n import FILE_ORDER, Catalog, bilingual
from ..paths import API_DIR, DATA_DIR, data_zip
from .csvsafe import to_csv
from .workbook import WORKBOOK, workbook


def _cites(cites) -> str:
    return "; ".join(c.source + (f"#{c.section}" if c.section else "") for c in cites)


# Each table: its columns (name, type) and rows from the dataset. Titles of tables and columns, in both
# languages, are in the catalog (templates/strings.yaml): table.<table>, column.<table>.<name>
# (`make check` says which are missing). A section whose table is not written here gets one
# derived from its record type (`derived`).


def _provinces(ds: Dataset) -> dict:
    winners = winners_by_province(ds)
    category = category_of(ds)
    return dict(
        fields=[
            ("id", "string"),
            ("name_zh", "string"),
            ("name_en", "string"),
            ("full_name_zh", "string"),
            ("full_name_en", "string"),
            ("kind", "string"),
            ("region", "string"),
            ("winners_2019_2020", "integer"),
            ("work_report_2020_category", "string"),
            ("sources", "string"),
            ("winners_sources", "string"),
            ("work_report_sources", "string"),
        ],
        # Each figure names its own source: the divisions' names and regions come from reference
        # sources, the winner counts and the wording from the article.
        rows=[
            [
                p.id,
                p.name.zh,
                p.name.en,
                p.full_name.zh,
                p.full_name.en,
                p.kind,
                p.region,
                winners[p.id],
                category[p.id].id if p.id in category else "",
                _cites(p.sources),
                _cites(ds.competition.sources),
                _cites(category[p.id].sources) if p.id in category else _cites(wording_citations(ds)),
            ]
            for p in ds.provinces
        ],
    )


def _sectors(ds: Dataset) -> dict:
    total = ds.competition.winners_total
    return dict(
        fields=[
            ("id", "string"),
            ("name_zh", "string"),
            ("name_en", "string"),
            ("winners_2019_2020", "integer"),
            ("share", "string"),
            ("sources", "string"),
        ],
        rows=[
            [s.id, s.name.zh, s.name.en, s.winners, share_text(s.winners, total), _cites(s.sources)] for s in ds.sectors
        ],
    )


def _policies(ds: Dataset) -> dict:
    return dict(
        fields=[
            ("id", "string"),
            ("level", "string"),
            ("province", "string"),
            ("date", "string"),
            ("title_zh", "string"),
            ("title_en", "string"),
            ("title_en_official", "boolean"),
            ("summary_zh", "string"),
            ("summary_en", "string"),
            ("sources", "string"),
        ],
        rows=[
            [
                p.id,
                p.level,
                p.province or "",
                p.date,
                p.title.zh,
                p.title.en,
                p.title_en_official,
                p.summary.zh,
                p.summary.en,
                _cites(p.sources),
            ]
            for p in ds.policies
        ],
    )


def _measures(ds: Dataset) -> dict:
    return dict(
        fields=[
            ("id", "string"),
            ("number", "integer"),
            ("name_zh", "string"),
            ("name_en", "string"),
            ("summary_zh", "string"),
            ("summary_en", "string"),
            ("sources", "string"),
        ],
        rows=[
            [m.id, m.number, m.name.zh, m.name.en, m.summary.zh, m.summary.en, _cites(m.sources)] for m in ds.measures
        ],
    )


def _work_report_categories(ds: Dataset) -> dict:
    return dict(
        fields=[
            ("id", "string"),
            ("term_zh", "string"),
            ("term_en", "string"),
            ("provinces", "string"),
            ("count", "integer"),
            ("sources", "string"),
        ],
        rows=[
            [c.id, c.term.zh, c.term.en, " ".join(c.provinces), len(c.provinces), _cites(c.sources)]
            for c in ds.work_reports.categories
        ],
    )


def _batches(ds: Dataset) -> dict:
    return dict(
        fields=[
            ("id", "string"),
            ("number", "integer"),
            ("launched", "string"),
            ("winners", "integer"),
            ("sources", "string"),
        ],
        rows=[[b.id, b.number, b.launched, b.winners, _cites(b.sources)] for b in ds.competition.batches],
    )


def _milestones(ds: Dataset) -> dict:
    return dict(
        fields=[
            ("id", "string"),
            ("date", "string"),
            ("title_zh", "string"),
            ("title_en", "string"),
            ("summary_zh", "string"),
            ("summary_en", "string"),
            ("sources", "string"),
        ],
        rows=[
            [m.id, m.date, m.title.zh, m.title.en, m.summary.zh, m.summary.en, _cites(m.sources)] for m in ds.milestones
        ],
    )


def _clusters(ds: Dataset) -> dict:
    lists = {x.id: x for x in ds.cluster_lists}
    rank = lambda c, list_id: next((m.rank for m in c.lists if m.list == list_id and m.rank), "")  # noqa: E731
    batch = lambda c: next((m.batch for m in c.lists if m.batch), "")  # noqa: E731
    return dict(
        fields=[
            ("id", "string"),
            ("name_zh", "string"),
            ("name_en", "string"),
            ("name_is_short_form", "boolean"),
            ("other_forms", "string"),
            ("provinces", "string"),
            ("cities_zh", "string"),
            ("cities_en", "string"),
            ("place_stated", "boolean"),
            ("lists", "string"),
            ("lists_named", "string"),
            ("batch_2021", "integer"),
            ("rank_2024", "integer"),
            ("field", "string"),
            ("field_read", "string"),
            ("lead_zh", "string"),
            ("sources", "string"),
        ],
        rows=[
            [
                c.id,
                c.name.zh,
                c.name.en,
                c.short_form,
                " / ".join(a.zh for a in c.aliases),
                " ".join(c.provinces),
                "、".join(x.zh for x in c.cities),
                "; ".join(x.en for x in c.cities),
                c.place_stated,
                " ".join(lists_of(c, lists)),
                " ".join(m.list for m in c.lists),
                batch(c),
                rank(c, "list-2024"),
                c.field.field if c.field else "",
                c.field_read or "",
                c.lead.text.zh if c.lead else "",
                "; ".join(dict.fromkeys(_cites(m.sources) for m in c.lists)),
            ]
            for c in ds.clusters
        ],
    )


def _cluster_lists(ds: Dataset) -> dict:
    return dict(
        fields=[
            ("id", "string"),
            ("name_zh", "string"),
            ("name_en", "string"),
            ("total", "integer"),
            ("batches", "string"),
            ("part_of", "string"),
            ("names_found", "integer"),
            ("dates", "string"),
            ("sources", "string"),
        ],
        rows=[
            [
                x.id,
                x.name.zh,
                x.name.en,
                x.total,
                " + ".join(str(b) for b in x.batches),
                x.part_of or "",
                len(names_found(ds, x.id)),
                "; ".join(f"{d.date} ({d.kind})" for d in x.dates),
                _cites(x.sources),
            ]
            for x in ds.cluster_lists
        ],
    )


def _cluster_counts(ds: Dataset) -> dict:
    return dict(
        fields=[
            ("id", "string"),
            ("list", "string"),
            ("count", "integer"),
            ("province", "string"),
            ("city_zh", "string"),
            ("field", "string"),
            ("region", "string"),
            ("shared_clusters", "string"),
            ("aggregator", "boolean"),
            ("names_found", "integer"),
            ("sources", "string"),
        ],
        rows=[
            [
                n.id,
                n.list,
                n.count,
                n.province or "",
                n.city.zh if n.city else "",
                n.field or "",
                n.region or "",
                n.shared,
                n.aggregator,
                len(counted(ds, n)),
                _cites(n.sources),
            ]
            for n in ds.cluster_counts
        ],
    )


# The tables written column by column: a section's records (its API files, its pages' JSON links)
# and the lists that have no pages of their own. Every other section's table is derived.
SECTION_TABLES = {
    "clusters": _clusters,
    "provinces": _provinces,
    "sectors": _sectors,
    "policies": _policies,
    "measures": _measures,
}
LIST_TABLES = {
    "work-report-categories": _work_report_categories,
    "batches": _batches,
    "milestones": _milestones,
    "cluster-lists": _cluster_lists,
    "cluster-counts": _cluster_counts,
}


def tables(ds: Dataset) -> dict[str, dict]:
    """table name → {fields: [(name, type)], rows: [[value, …]]}: each section's, in the menu's
    order, then the lists'."""
    out = {}
    for section in SECTIONS:
        build = SECTION_TABLES.get(section.name)
        out[section.name] = build(ds) if build else derived(section.record, ds.records(section.name))
    out.update({name: build(ds) for name, build in LIST_TABLES.items()})
    return out


def derived(record_type, records: list) -> dict:
    """A table from a record type's fields, in their order: a plain value is a column of its own, a
    text in both languages two (`name_zh`, `name_en`), a list of ids one (joined by spaces), the
    citations one (`sources`). Nested records (lists of facts) are left to the JSON API's authors."""
    columns: list[tuple[str, str, object]] = []
    for name, info in record_type.model_fields.items():
        kind = _column_kind(info.annotation)
        if kind == "text":
            columns += [(f"{name}_{lang}", "string", _text(name, lang)) for lang in DATA_LANGS]
        elif kind == "cites":
            columns.append(("sources" if name == "sources" else f"{name}_sources", "string", _cite_column(name)))
        elif kind == "ids":
            columns.append((name, "string", _joined(name)))
        elif kind is not None:
            columns.append((name, kind, _plain(name)))
    return dict(fields=[(n, t) for n, t, _ in columns], rows=[[get(r) for _, _, get in columns] for r in records])


def _column_kind(annotation) -> str | None:
    t = annotation
    while typing.get_origin(t) is typing.Annotated:
        t = typing.get_args(t)[0]
    args = [a for a in typing.get_args(t) if a is not type(None)]
    if typing.get_origin(t) in (typing.Union, types.UnionType) and len(args) == 1:
        t = args[0]
        while typing.get_origin(t) is typing.Annotated:
            t = typing.get_args(t)[0]
    if t in (str,):
        return "string"
    if t is bool:
        return "boolean"
    if t is int:
        return "integer"
    if isinstance(t, type) and issubclass(t, BaseModel) and set(DATA_LANGS) <= set(t.model_fields):
        return "text"
    if typing.get_origin(t) is list:
        inner = typing.get_args(t)[0]
        while typing.get_origin(inner) is typing.Annotated:
            inner = typing.get_args(inner)[0]
        if inner is Cite:
            return "cites"
        if inner is str:
            return "ids"
    return None


def _text(name: str, lang: str):
    return lambda r: getattr(getattr(r, name), lang) if getattr(r, name) is not None else ""


def _plain(name: str):
    return lambda r: "" if getattr(r, name) is None else getattr(r, name)


def _joined(name: str):
    return lambda r: " ".join(getattr(r, name))


def _cite_column(name: str):
    return lambda r: _cites(getattr(r, name) or [])


def _csv(fields, rows) -> bytes:
    return to_csv([f[0] for f in fields], rows).encode("utf-8")


def _records(fields, rows) -> list[dict]:
    return [dict(zip([f[0] for f in fields], row, strict=True)) for row in rows]


def records(ds: Dataset) -> dict[str, list[dict]]:
    """Every table as the JSON files hold it (what a release keeps; releases/history compares)."""
    return {kind: _records(tab["fields"], tab["rows"]) for kind, tab in tables(ds).items()}


def _dump(value) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode("utf-8")


def table_title(cat: Catalog, kind: str, lang: str) -> str:
    return cat.text(f"table.{kind}", lang)


def column_title(cat: Catalog, kind: str, name: str, lang: str) -> str:
    return cat.text(f"column.{kind}.{name}", lang)


def datapackage(ds: Dataset, version: str, tabs: dict, cat: Catalog) -> dict:
    return {
        "name": "cluster-atlas",
        "title": "Cluster Atlas: China's advanced manufacturing clusters · 先进制造业集群图鉴",
        "version": version,
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "Creative Commons Attribution 4.0",
            }
        ],
        "sources": [
            {"title": f"{s.title.zh} / {s.title.en}", "description": s.note.en if s.note else ""} for s in ds.sources
        ],
        "resources": [
            {
                "name": kind,
                "path": f"{kind}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "title": " · ".join(table_title(cat, kind, lang) for lang in FILE_ORDER),
                "schema": {
                    "fields": [
                        {
                            "name": n,
                            "type": ty,
                            "title": " · ".join(column_title(cat, kind, n, lang) for lang in FILE_ORDER),
                        }
                        for n, ty in tab["fields"]
                    ],
                    "primaryKey": ["id"],
                },
            }
            for kind, tab in tabs.items()
        ],
    }


def download_files(ds: Dataset, cat: Catalog, version: str, day: datetime.date, licence_text: str) -> dict[str, bytes]:
    """docs-relative path → bytes for /data/ and /api/."""
    tabs = tables(ds)
    year = day.year
    files: dict[str, bytes] = {}
    for kind, tab in tabs.items():
        files[f"{DATA_DIR}/{kind}.csv"] = _csv(tab["fields"], tab["rows"])
        files[f"{DATA_DIR}/{kind}.json"] = _dump(_records(tab["fields"], tab["rows"]))
        if kind in SECTION and SECTION[kind].api:
            for rec in _records(tab["fields"], tab["rows"]):
                files[f"{API_DIR}/{kind}/{rec['id']}.json"] = _dump(rec)
    sources = [
        {
            "id": s.id,
            "kind": s.kind,
            "title_zh": s.title.zh,
            "title_en": s.title.en,
            "publisher_zh": s.publisher.zh,
            "publisher_en": s.publisher.en,
            "date": s.date,
            "authors": [a.zh for a in s.authors],
            "sections": {x.id: {lang: getattr(x.title, lang) for lang in DATA_LANGS} for x in s.sections},
        }
        for s in ds.sources
    ]
    files[f"{DATA_DIR}/sources.json"] = _dump(sources)
    files[f"{DATA_DIR}/datapackage.json"] = _dump(datapackage(ds, version, tabs, cat))
    readme = bilingual(cat, "readme.workbook", version=version, year=year).splitlines()
    title = " / ".join(cat.text("readme.workbook_title", lang, version=version) for lang in FILE_ORDER)
    files[f"{DATA_DIR}/{WORKBOOK}"] = workbook(tabs, readme, title, day)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(files):
            if name.startswith(DATA_DIR + "/"):
                info = zipfile.ZipInfo(
                    f"cluster-atlas-data-{version}/{name.split('/', 1)[1]}", date_time=(1980, 1, 1, 0, 0, 0)
                )
                zf.writestr(info, files[name])
        for name, data in (
            ("README.txt", bilingual(cat, "readme.data", version=version, year=year).encode()),
            ("LICENSE.txt", licence_text.encode()),
        ):
            zf.writestr(zipfile.ZipInfo(f"cluster-atlas-data-{version}/{name}", date_time=(1980, 1, 1, 0, 0, 0)), data)
    files[data_zip(version)] = buf.getvalue()
    return files
