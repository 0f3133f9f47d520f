"""The data behind the site, for download: CSV and JSON per entity kind, a Frictionless data
package, a zip of it all, and a static JSON API (one file per entity).

Column names are stable English identifiers; every column has a title in both languages in
datapackage.json (and the CSV files for Chinese readers carry the same data). Everything here
is derived from the validated dataset: nothing is typed twice.
"""
from __future__ import annotations

import io
import json
import zipfile

from .csvsafe import to_csv
from .load import Dataset
from .figures import category_of, share_text, winners_by_province

DATA_DIR = "data"          # under docs/: /data/<kind>.csv, /data/<kind>.json, /data/datapackage.json
API_DIR = "api"            # under docs/: /api/<kind>/<id>.json


def _cites(cites) -> str:
    return "; ".join(c.source + (f"#{c.section}" if c.section else "") for c in cites)


# kind → (columns: (name, type, zh title, en title, description)), rows from the dataset
def tables(ds: Dataset) -> dict[str, dict]:
    winners = winners_by_province(ds)
    category = category_of(ds)
    total = ds.competition.winners_total
    t = {}
    t["provinces"] = dict(
        title=("省级行政区", "Provincial-level divisions"),
        fields=[("id", "string", "标识", "ID"), ("name_zh", "string", "名称（中文）", "Name (Chinese)"),
                ("name_en", "string", "名称（英文）", "Name (English)"), ("full_name_zh", "string", "全称（中文）", "Full name (Chinese)"),
                ("full_name_en", "string", "全称（英文）", "Full name (English)"), ("kind", "string", "类别", "Kind"),
                ("region", "string", "地区", "Region"), ("winners_2019_2020", "integer", "2019–2020年初赛胜出集群数", "Winners, 2019–2020 initial rounds"),
                ("work_report_2020_category", "string", "2020年政府工作报告提法类别", "2020 work-report wording category"),
                ("sources", "string", "来源（名称、类别、地区）", "Sources (names, kind, region)"),
                ("winners_sources", "string", "来源（胜出集群数）", "Sources (winners)"),
                ("work_report_sources", "string", "来源（政府工作报告提法）", "Sources (work-report wording)")],
        # Each figure names its own source: the divisions' names and regions come from reference
        # sources, the winner counts and the wording from the article.
        rows=[[p.id, p.name.zh, p.name.en, p.full_name.zh, p.full_name.en, p.kind, p.region, winners[p.id],
               category[p.id].id if p.id in category else "", _cites(p.sources), _cites(ds.competition.sources),
               _cites(category[p.id].sources) if p.id in category else _cites(ds.work_reports.categories[0].sources)]
              for p in ds.provinces])
    t["sectors"] = dict(
        title=("行业", "Sectors"),
        fields=[("id", "string", "标识", "ID"), ("name_zh", "string", "名称（中文）", "Name (Chinese)"),
                ("name_en", "string", "名称（英文）", "Name (English)"), ("winners_2019_2020", "integer", "2019–2020年初赛胜出集群数", "Winners, 2019–2020 initial rounds"),
                ("share", "string", "占比", "Share"), ("sources", "string", "来源", "Sources")],
        rows=[[s.id, s.name.zh, s.name.en, s.winners, share_text(s.winners, total), _cites(s.sources)] for s in ds.sectors])
    t["policies"] = dict(
        title=("政策", "Policies"),
        fields=[("id", "string", "标识", "ID"), ("level", "string", "层级", "Level"), ("province", "string", "省份", "Province"),
                ("date", "string", "时间（原文精度）", "Date (as precise as the source)"),
                ("title_zh", "string", "名称（中文）", "Title (Chinese)"), ("title_en", "string", "名称（英文）", "Title (English)"),
                ("title_en_official", "boolean", "英文名称是否为官方译名", "English title is established"),
                ("summary_zh", "string", "摘要（中文）", "Summary (Chinese)"), ("summary_en", "string", "摘要（英文）", "Summary (English)"),
                ("sources", "string", "来源", "Sources")],
        rows=[[p.id, p.level, p.province or "", p.date, p.title.zh, p.title.en, p.title_en_official, p.summary.zh, p.summary.en,
               _cites(p.sources)] for p in ds.policies])
    t["measures"] = dict(
        title=("集群工具箱措施", "Cluster toolbox measures"),
        fields=[("id", "string", "标识", "ID"), ("number", "integer", "序号", "Number"), ("name_zh", "string", "名称（中文）", "Name (Chinese)"),
                ("name_en", "string", "名称（英文）", "Name (English)"), ("summary_zh", "string", "摘要（中文）", "Summary (Chinese)"),
                ("summary_en", "string", "摘要（英文）", "Summary (English)"), ("sources", "string", "来源", "Sources")],
        rows=[[m.id, m.number, m.name.zh, m.name.en, m.summary.zh, m.summary.en, _cites(m.sources)] for m in ds.measures])
    t["work-report-categories"] = dict(
        title=("2020年政府工作报告提法", "2020 work-report wording categories"),
        fields=[("id", "string", "标识", "ID"), ("term_zh", "string", "提法（中文）", "Wording (Chinese)"),
                ("term_en", "string", "提法（英文）", "Wording (English)"), ("provinces", "string", "省份", "Provinces"),
                ("count", "integer", "省份数", "Number of provinces"), ("sources", "string", "来源", "Sources")],
        rows=[[c.id, c.term.zh, c.term.en, " ".join(c.provinces), len(c.provinces), _cites(c.sources)] for c in ds.work_reports.categories])
    t["batches"] = dict(
        title=("集群竞赛批次（初赛）", "Cluster competition batches (initial rounds)"),
        fields=[("id", "string", "标识", "ID"), ("number", "integer", "批次", "Batch"), ("launched", "string", "启动时间", "Launched"),
                ("winners", "integer", "胜出集群数", "Winners"), ("sources", "string", "来源", "Sources")],
        rows=[[b.id, b.number, b.launched, b.winners, _cites(b.sources)] for b in ds.competition.batches])
    t["milestones"] = dict(
        title=("文章之后的进展（二手报道）", "After the article (secondary reporting)"),
        fields=[("id", "string", "标识", "ID"), ("date", "string", "时间", "Date"), ("title_zh", "string", "标题（中文）", "Title (Chinese)"),
                ("title_en", "string", "标题（英文）", "Title (English)"), ("summary_zh", "string", "摘要（中文）", "Summary (Chinese)"),
                ("summary_en", "string", "摘要（英文）", "Summary (English)"), ("sources", "string", "来源（二手）", "Sources (secondary)")],
        rows=[[m.id, m.date, m.title.zh, m.title.en, m.summary.zh, m.summary.en, _cites(m.sources)] for m in ds.milestones])
    return t


def _csv(fields, rows) -> bytes:
    return to_csv([f[0] for f in fields], rows).encode("utf-8")


def _records(fields, rows) -> list[dict]:
    return [dict(zip([f[0] for f in fields], row)) for row in rows]


def _dump(value) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode("utf-8")


def datapackage(ds: Dataset, version: str, tabs: dict) -> dict:
    return {
        "name": "cluster-atlas", "title": "Cluster Atlas: China's advanced manufacturing clusters · 先进制造业集群图鉴",
        "version": version,
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/", "title": "Creative Commons Attribution 4.0"}],
        "sources": [{"title": f"{s.title.zh} / {s.title.en}", "description": s.note.en if s.note else ""} for s in ds.sources],
        "resources": [{
            "name": kind, "path": f"{kind}.csv", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "title": f"{tab['title'][1]} · {tab['title'][0]}",
            "schema": {"fields": [{"name": n, "type": ty, "title": f"{en} · {zh}"} for n, ty, zh, en in tab["fields"]],
                       "primaryKey": ["id"]},
        } for kind, tab in tabs.items()],
    }


README = """Cluster Atlas · 先进制造业集群图鉴 — data, version {version}

Files: one CSV (UTF-8) and one JSON per table; datapackage.json describes every column in
English and Chinese (Frictionless Data Package). Each row names its sources: ids of
sources.json, with the section after '#'.

数据：每张表一个 CSV（UTF-8）和一个 JSON 文件；datapackage.json 以中英文说明每一列。每行的
sources 列给出来源编号（见 sources.json），“#”后为原文部分。

Licence: CC BY 4.0 — credit "Cluster Atlas" and the sources named in sources.json.
Cite: Cluster Atlas contributors ({year}). Cluster Atlas: China's advanced manufacturing clusters
(data version {version}).
"""


def download_files(ds: Dataset, version: str, year: int, licence_text: str) -> dict[str, bytes]:
    """docs-relative path → bytes for /data/ and /api/."""
    tabs = tables(ds)
    files: dict[str, bytes] = {}
    for kind, tab in tabs.items():
        files[f"{DATA_DIR}/{kind}.csv"] = _csv(tab["fields"], tab["rows"])
        files[f"{DATA_DIR}/{kind}.json"] = _dump(_records(tab["fields"], tab["rows"]))
        if kind in ("provinces", "sectors", "policies", "measures"):
            for rec in _records(tab["fields"], tab["rows"]):
                files[f"{API_DIR}/{kind}/{rec['id']}.json"] = _dump(rec)
    sources = [{"id": s.id, "kind": s.kind, "title_zh": s.title.zh, "title_en": s.title.en, "publisher_zh": s.publisher.zh,
                "publisher_en": s.publisher.en, "date": s.date, "authors": [a.zh for a in s.authors],
                "sections": {x.id: {"zh": x.title.zh, "en": x.title.en} for x in s.sections}} for s in ds.sources]
    files[f"{DATA_DIR}/sources.json"] = _dump(sources)
    files[f"{DATA_DIR}/datapackage.json"] = _dump(datapackage(ds, version, tabs))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(files):
            if name.startswith(DATA_DIR + "/"):
                info = zipfile.ZipInfo(f"cluster-atlas-data-{version}/{name.split('/', 1)[1]}", date_time=(1980, 1, 1, 0, 0, 0))
                zf.writestr(info, files[name])
        for name, data in (("README.txt", README.format(version=version, year=year).encode()), ("LICENSE.txt", licence_text.encode())):
            zf.writestr(zipfile.ZipInfo(f"cluster-atlas-data-{version}/{name}", date_time=(1980, 1, 1, 0, 0, 0)), data)
    files[f"{DATA_DIR}/cluster-atlas-data-{version}.zip"] = buf.getvalue()
    return files
