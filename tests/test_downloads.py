"""Data downloads: files round-trip to the YAML facts, the data package validates, pages link their JSON."""

import csv
import io
import json
import zipfile

import yaml

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
