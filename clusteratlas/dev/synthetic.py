"""Synthetic but valid data, the real data scaled ×N, for benchmarks (never written into data/).

The 31 provincial-level divisions stay as they are (there are 31); everything that grows with
time is multiplied: sectors, policies, measures, glossary terms, and the competition's counts
(so that every total still adds up). Copies get ids and names suffixed with their copy number.
"""

from __future__ import annotations

import copy
from pathlib import Path

import yaml


def _suffixed(text: dict, k: int) -> dict:
    return {"zh": f"{text['zh']}（{k}）", "en": f"{text['en']} ({k})"}


SYNTHETIC_SOURCE = {
    "id": "synthetic",
    "kind": "secondary",
    "title": {"zh": "合成数据", "en": "Synthetic data"},
    "title_en_official": False,
    "publisher": {"zh": "基准测试", "en": "Benchmark"},
    "url": "https://example.org/synthetic",
}


def _synthetic_cite(figures: list[int]) -> dict:
    words = "、".join(str(n) for n in sorted(set(figures)))
    return {"source": "synthetic", "quote": [{"zh": f"合成数字{words}", "en": "(synthetic)"}]}


def scale_data(src: Path, dest: Path, factor: int) -> None:
    def load(name):
        return yaml.safe_load((src / name).read_text(encoding="utf-8"))

    dest.mkdir(parents=True, exist_ok=True)
    out = {
        name: load(name)
        for name in ("sources.yaml", "provinces.yaml", "work_reports.yaml", "milestones.yaml", "changes.yaml")
    }

    sectors = load("sectors.yaml")
    out["sectors.yaml"] = sectors + [
        dict(copy.deepcopy(s), id=f"{s['id']}-s{k}", name=_suffixed(s["name"], k))
        for k in range(2, factor + 1)
        for s in sectors
    ]
    comp = load("competition.yaml")
    comp["winners_total"] *= factor
    for b in comp["batches"]:
        b["winners"] *= factor
        b["sources"].append(_synthetic_cite([b["winners"]]))
    comp["winners_by_province"] = {p: n * factor for p, n in comp["winners_by_province"].items()}
    comp["sources"].append(_synthetic_cite([comp["winners_total"], *comp["winners_by_province"].values()]))
    out["competition.yaml"] = comp
    # A figure must be in a quote of its record (quoted_figures.py): the scaled ones are "quoted"
    # from a source that says it is made up, never from the article.
    out["sources.yaml"].append(SYNTHETIC_SOURCE)

    policies = load("policies.yaml")
    copies = []
    for k in range(2, factor + 1):
        for p in policies:
            c = copy.deepcopy(p)
            c["id"] = f"{p['id']}-s{k}"
            c["title"], c["short_title"] = _suffixed(p["title"], k), _suffixed(p["short_title"], k)
            c["related_policies"] = [f"{r}-s{k}" for r in p.get("related_policies", [])]
            copies.append(c)
    out["policies.yaml"] = policies + copies
    measures = load("measures.yaml")
    n = len(measures)
    out["measures.yaml"] = measures + [
        dict(copy.deepcopy(m), id=f"{m['id']}-s{k}", number=m["number"] + n * (k - 1), name=_suffixed(m["name"], k))
        for k in range(2, factor + 1)
        for m in measures
    ]
    terms = load("glossary.yaml")
    out["glossary.yaml"] = terms + [
        dict(copy.deepcopy(t), id=f"{t['id']}-s{k}", zh=f"{t['zh']}（{k}）", en=f"{t['en']} ({k})")
        for k in range(2, factor + 1)
        for t in terms
    ]
    out.update(_clusters(load, factor))
    for name, value in out.items():
        # Leaf mappings in flow style, lines unwrapped: ×100's clusters.yaml in block style is
        # 8.2 MB, over the data files' 8 MB limit (yamlsource); this way 7.8 MB.
        text = yaml.safe_dump(value, allow_unicode=True, sort_keys=False, default_flow_style=None, width=100_000)
        (dest / name).write_text(text, encoding="utf-8")


def _clusters(load, factor: int) -> dict:
    """The national clusters ×N: each copy's names suffixed, and quoted as such (every name must be
    in a quote cited for it); the lists' totals and the stated counts ×N, so no count falls below the
    names."""
    lists = load("cluster_lists.yaml")
    for x in lists:
        x["total"] *= factor
        x["batches"] = [b * factor for b in x.get("batches", [])]
    counts = load("cluster_counts.yaml")
    for n in counts:
        n["count"] *= factor
        n["sources"][0]["quote"].append({"zh": f"合成数字{n['count']}个", "en": f"{n['count']} (synthetic)"})
    clusters = load("clusters.yaml")
    copies = []
    for k in range(2, factor + 1):
        for c in clusters:
            d = copy.deepcopy(c)
            d["id"], d["name"] = f"{c['id']}-s{k}", _suffixed(c["name"], k)
            d["lists"][0]["sources"][0]["quote"].append({"zh": d["name"]["zh"], "en": d["name"]["en"]})
            for a in d.get("aliases", []):
                a["zh"] = f"{a['zh']}（{k}）"
                a["sources"][0]["quote"].append({"zh": a["zh"], "en": "(synthetic)"})
            d.pop("rank", None)
            for m in d["lists"]:
                m.pop("rank", None)
            copies.append(d)
    return {
        "cluster_lists.yaml": lists,
        "cluster_fields.yaml": load("cluster_fields.yaml"),
        "cluster_counts.yaml": counts,
        "clusters.yaml": clusters + copies,
    }
