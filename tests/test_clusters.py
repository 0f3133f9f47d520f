"""The national clusters' coverage as the pages say it, counted here again from data/ without the
site's own code: each list's names found, each province's count, the home page's summary. A page
that said "names of 17" when data/ holds 16 would be a wrong fact on the page readers cite."""

import re

import pytest
import yaml

from clusteratlas.paths import ROOT
from clusteratlas.sitebuild.generate import render_all


def load(name):
    return yaml.safe_load((ROOT / "data" / name).read_text(encoding="utf-8"))


CLUSTERS, LISTS, PROVINCES = load("clusters.yaml"), load("cluster_lists.yaml"), load("provinces.yaml")
PART_OF = {x["id"]: x.get("part_of") for x in LISTS}


def on(cluster) -> set[str]:
    """The lists a cluster is on: those a source names it on, and the lists they are part of."""
    out = set()
    for m in cluster["lists"]:
        x = m["list"]
        while x:
            out.add(x)
            x = PART_OF[x]
    return out


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return {k: v.decode() for k, v in render_all(log=lambda *_: None).items() if k.endswith(".md")}


def test_each_lists_coverage_is_the_names_in_data(pages):
    zh, en = pages["clusters/index.md"], pages["clusters/index.en.md"]
    for x in LISTS:
        found = sum(x["id"] in on(c) for c in CLUSTERS)
        assert f"{x['short']['en']}: {x['total']} by the sources' count" in en
        said = re.search(re.escape(x["short"]["en"]) + r": .*?this site has found the names? of (\d+)", en)
        assert said and int(said.group(1)) == found, f"{x['id']}: the page says {said and said.group(1)}, data {found}"
        assert re.search(re.escape(x["short"]["zh"]) + rf"：来源称共{x['total']}个.*?本站找到其中{found}个的名称", zh)
    assert f"names of the {len(CLUSTERS)} clusters" in en


def test_each_provinces_page_counts_its_clusters_as_data_does(pages):
    for p in PROVINCES:
        mine = [c for c in CLUSTERS if p["id"] in c["provinces"]]
        en = pages[f"provinces/{p['id']}.en.md"]
        if mine:
            word = "cluster" if len(mine) == 1 else "clusters"
            assert f"Later reports name {len(mine)} national advanced manufacturing {word} in {p['name']['en']}" in en
            for c in mine:
                assert f"(../clusters/{c['id']}.en.md)" in en, f"{p['id']}: {c['id']} is not on its page"
        else:
            assert f"neither name a national advanced manufacturing cluster of {p['name']['en']}" in en
        zh = pages[f"provinces/{p['id']}.md"]
        assert (f"点名了{p['name']['zh']}的{len(mine)}个" if mine else "没有点名") in zh


def test_the_home_page_says_how_many_names_of_each_list_are_known(pages):
    of45 = sum("list-2022" in on(c) for c in CLUSTERS)
    of35 = sum("list-2024" in on(c) for c in CLUSTERS)
    assert f"45个中{of45}个、35个中{of35}个的名称" in pages["index.md"]


def test_every_cluster_has_a_page_in_both_languages_with_its_chinese_name(pages):
    for c in CLUSTERS:
        zh, en = pages[f"clusters/{c['id']}.md"], pages[f"clusters/{c['id']}.en.md"]
        assert f"# {c['name']['zh']}" in zh and f"# {c['name']['en']}" in en
        assert c["name"]["zh"] in en, f"{c['id']}: its Chinese name is not on the English page"


def test_eighty_is_a_sum_not_a_roster(pages):
    assert "not a verified current roster" in pages["clusters/index.en.md"]
    assert "不是一份核实过的现行名单" in pages["clusters/index.md"]
