"""A figure a sentence states is in the words its citation quotes.

Round 4 of the content audit found footnotes whose quotes were verbatim but did not carry the
sentence: "2019年24个，2020年20个" backed by a quote of the 44 alone; "东北2个" by a quote of
the east's 30. The rule: in the Chinese text of anything that cites quoted words (a summary, a
point, a note, a fact), each count (a number followed by 个, 家, 席, 项, 亿, 万 or %) appears among
the numbers of its citations' quotes. The size of a list used as its name ("the 45", "35个中的…")
is not a count the sentence claims, and the article's 44 is the name of its set of winners: both
are exempt. The same holds for a figure typed as a field beside its citation (`winners: 24`, the
counts of `winners_by_province`): changed alone, the unchanged quote would still seem to prove it.
Ordinals (batch, rank) and a list's `total` (its name states it) are exempt. Numbers written in
Chinese numerals (三个) are not checked; nor are texts whose
citations quote nothing (the provenance rules require quotes where they must be).
"""

from __future__ import annotations

import re

from ..errors import Problem
from .folding import width
from .load import Dataset

_COUNT = re.compile(r"(\d+(?:\.\d+)?)(?=个|家|席|项|亿|万|%|％)")
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")  # ASCII digits: quotes are width-folded first
_TEXTS = ("text", "summary", "in_brief", "note", "points", "practice")


_NUMERALS = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def _quoted_numbers(cites) -> set[str]:
    """The numbers a citation's quotes write, in digits or (one to ten) in Chinese numerals."""
    out = set()
    for c in cites:
        for q in (c.get("quote") or []) if isinstance(c, dict) else []:
            zh = width(str(q.get("zh", ""))) if isinstance(q, dict) else ""  # ２４ is 24
            out.update(_NUMBER.findall(zh))
            out.update(str(v) for ch, v in _NUMERALS.items() if ch + "个" in zh or ch + "家" in zh)
    return out


def quoted_figure_problems(ds: Dataset) -> list[Problem]:
    # A list's size as its name says it ("2022年名单（45个）"), and the article's 44.
    names = {float(n) for x in ds.cluster_lists for n in _NUMBER.findall(x.short.zh + x.name.zh)}
    names |= {float(x.total) for x in ds.cluster_lists} | {float(ds.competition.winners_total)}
    out: list[Problem] = []
    # A count a source states (cluster_counts.yaml) is in that source's words.
    loc = ds.located["cluster_counts.yaml"]
    for i, raw in enumerate(loc.value or []):
        if isinstance(raw, dict) and str(raw.get("count")) not in _quoted_numbers(raw.get("sources") or []):
            out.append(
                loc.problem(
                    (i, "count"),
                    f"the count {raw.get('count')} is in no quote of its sources",
                    "quote the source's words that state the count",
                )
            )
    for file, loc in ds.located.items():
        if file == "sources.yaml":
            continue
        for parts, record in _records_with_citations(loc.value, ()):
            quoted = {
                n
                for c in record["sources"]
                if isinstance(c, dict)
                for q in c.get("quote") or []
                if isinstance(q, dict)
                for n in _NUMBER.findall(width(str(q.get("zh", ""))))
            }
            if not quoted:
                continue
            # A figure typed beside its quote (winners: 24, winners_by_province): changed alone, the
            # quote would still "prove" it.
            # The figures its quotes state, in digits or (一…十) in numerals, as written ("08" is 8).
            stated = quoted | {str(int(n)) for n in _quoted_numbers(record["sources"]) if n.isdigit()}
            for where, n in _figures(record):
                list_size = file == "cluster_lists.yaml" and where == ("total",)  # its name says it ("（45个）")
                if str(n) not in stated and not list_size:
                    out.append(
                        loc.problem(
                            parts + where,
                            f"the figure {n} is in no quote this record cites",
                            "check the figure against the source; quote the words that state it",
                        )
                    )
            for where, zh in _texts(record):
                for m in _COUNT.finditer(zh):
                    n = m.group(1)
                    if n not in quoted and float(n) not in names:
                        out.append(
                            loc.problem(
                                parts + where + ("zh",),
                                f"the count {n} is in no quote this text cites",
                                "add the source's words that state it to the citation's quote:, or cite the "
                                "source that does",
                            )
                        )
    return out


# Ordinals (a batch's number, a rank) and years are not counts a quote states as digits.
FIGURE_EXEMPT = {"number", "batch", "rank", "year", "order"}


def _figures(record: dict):
    """The counts typed in a cited record: its integer fields, and those of a field holding counts by key."""
    for key, value in record.items():
        if key in FIGURE_EXEMPT or isinstance(value, bool):
            continue
        if isinstance(value, int):
            yield (key,), value
        elif (
            isinstance(value, dict)
            and value
            and all(isinstance(v, int) and not isinstance(v, bool) for v in value.values())
        ):
            for k, v in value.items():
                yield (key, k), v


def _records_with_citations(value, parts: tuple):
    if isinstance(value, dict):
        if isinstance(value.get("sources"), list):
            yield parts, value
        for k, v in value.items():
            yield from _records_with_citations(v, parts + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _records_with_citations(v, parts + (i,))


def _texts(record: dict):
    for key in _TEXTS:
        value = record.get(key)
        if isinstance(value, dict) and isinstance(value.get("zh"), str):
            yield (key,), value["zh"]
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, dict) and isinstance(item.get("zh"), str):
                    yield (key, i), item["zh"]
