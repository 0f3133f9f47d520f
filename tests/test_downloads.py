"""Data downloads: files round-trip to the YAML facts, the data package validates, pages link their JSON."""

import csv
import io
import json
import zipfile

import yaml

from clusteratlas.downloads.csvsafe import FORMULA_START
from clusteratlas.settings import project_version

from .conftest import ROOT


def load_yaml(name):
    return yaml.safe_load((ROOT / "data" / name).read_text(encoding="utf-8"))


def test_csv_and_json_round_trip_to_the_yaml_facts(built_site):
    data = built_site / "data"
    provinces = {r["id"]: r for r in csv.DictReader(io.StringIO((data / "provinces.csv").read_text(encoding="utf-8")))}
    by_province = load_yaml("competition.yaml")["winners_by_province"]
    for p in load_yaml("provinces.yaml"):
        row = provinces[p["id"]]
        assert (row["name_zh"], row["name_en"], row["kind"], row["region"]) == (
            p["name"]["zh"],
            p["name"]["en"],
            p["kind"],
            p["region"],
        )
        assert int(row["winners_2019_2020"]) == by_province.get(p["id"], 0)
    sectors = json.loads((data / "sectors.json").read_text(encoding="utf-8"))
    assert [(s["id"], s["name_zh"], s["winners_2019_2020"]) for s in sectors] == [
        (s["id"], s["name"]["zh"], s["winners"]) for s in load_yaml("sectors.yaml")
    ]
    policies = {p["id"]: p for p in json.loads((data / "policies.json").read_text(encoding="utf-8"))}
    for p in load_yaml("policies.yaml"):
        assert policies[p["id"]]["date"] == p["date"] and policies[p["id"]]["title_en"] == p["title"]["en"]
        assert policies[p["id"]]["sources"].startswith("ccid-2021#")
    api = json.loads((built_site / "api/provinces/jiangsu.json").read_text(encoding="utf-8"))
    assert api["winners_2019_2020"] == 8 and api["work_report_2020_category"] == "advanced-manufacturing-clusters"


def test_data_package_validates_with_frictionless(built_site):
    from frictionless import Package

    package = Package(str(built_site / "data" / "datapackage.json"))
    report = package.validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    titles = [f.title for f in package.get_resource("provinces").schema.fields]
    assert "Name (Chinese) · 名称（中文）" in titles, "column titles in both languages"
    assert package.licenses[0]["name"] == "CC-BY-4.0"


def test_zip_holds_everything_with_readme_licence_and_citation(built_site):
    version = project_version()
    with zipfile.ZipFile(built_site / "data" / f"cluster-atlas-data-{version}.zip") as zf:
        names = {n.split("/", 1)[1] for n in zf.namelist()}
        readme = zf.read(f"cluster-atlas-data-{version}/README.txt").decode()
    assert {"README.txt", "LICENSE.txt", "datapackage.json", "provinces.csv", "sources.json"} <= names
    assert "CC BY 4.0" in readme and "Cite:" in readme and version in readme


def test_entity_pages_link_their_own_json_and_the_data_page_exists(built_site):
    for prefix in ("", "en/"):
        page = (built_site / prefix / "provinces/jiangsu/index.html").read_text(encoding="utf-8")
        assert 'api/provinces/jiangsu.json"' in page
        data_page = (built_site / prefix / "data/index.html").read_text(encoding="utf-8")
        assert "datapackage.json" in data_page and "provinces.csv" in data_page


def test_the_clusters_download_names_every_cluster_with_its_lists_and_sources(built_site):
    """A journalist filters the national clusters in a spreadsheet: one row each, its Chinese
    name, provinces and lists as in data/, and the sources that name it."""
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO((built_site / "data/clusters.csv").read_text("utf-8")))}
    clusters = load_yaml("clusters.yaml")
    assert list(rows) == [c["id"] for c in clusters]
    for c in clusters:
        row = rows[c["id"]]
        assert row["name_zh"] == c["name"]["zh"] and row["provinces"].split() == c["provinces"]
        named = {m["list"] for m in c["lists"]}
        assert set(row["lists_named"].split()) == named and named <= set(row["lists"].split())
        cited = {s["source"] for m in c["lists"] for s in m["sources"]}
        assert cited <= set(row["sources"].split("; ")), f"{c['id']}: a source that names it is missing"


def test_the_workbook_holds_every_table_as_its_csv_does(built_site):
    """cluster-atlas.xlsx: the spreadsheet form of the CSV files (Excel garbles a UTF-8 CSV
    without a byte-order mark when it is double-clicked): a sheet per table, the same header and
    cells, numbers as numbers, text as text, and a README sheet in both languages first."""
    import openpyxl

    book = openpyxl.load_workbook(built_site / "data/cluster-atlas.xlsx", read_only=True)
    tables = json.loads((built_site / "data/datapackage.json").read_text("utf-8"))["resources"]
    assert book.sheetnames == ["README"] + [t["name"] for t in tables]
    readme = "\n".join(str(r[0]) for r in book["README"].iter_rows(values_only=True) if r[0])
    assert "CC BY 4.0" in readme and "先进制造业集群图鉴" in readme and project_version() in readme
    for t in tables:
        with_csv = list(csv.reader(io.StringIO((built_site / "data" / t["path"]).read_text("utf-8"))))
        sheet = [["" if v is None else v for v in r] for r in book[t["name"]].iter_rows(values_only=True)]
        assert sheet[0] == with_csv[0], t["name"]
        for got, want in zip(sheet[1:], with_csv[1:], strict=True):
            shown = [{True: "true", False: "false"}.get(v, v) if isinstance(v, bool) else v for v in got]
            # The CSV's apostrophe before a formula-like cell is not needed: the sheet holds text.
            plain = [w[1:] if w[:1] == "'" and w[1:2] in FORMULA_START else w for w in want]
            assert [str(v) for v in shown] == plain, t["name"]
    wuxi = next(r for r in book["clusters"].iter_rows(values_only=True) if r[0] == "wuxi-iot")
    assert "无锡市物联网集群" in wuxi
    header, *rows = book["provinces"].iter_rows(values_only=True)
    winners = [r[header.index("winners_2019_2020")] for r in rows]
    assert all(type(w) is int for w in winners) and sum(winners) == 44, "counts are numbers a sheet can add"
