"""The totals the article states, recomputed from the lists in data/ (validate.py runs these).

Each takes validate's checker: `check.at` records a located problem. The references they read
(a province id) are checked by refs.py, as sections.py declares them.
"""

from __future__ import annotations

from .figures import share_text


def competition_totals(check) -> None:
    """The winners of the batches, the sectors and the provinces each add up to the total."""
    c = check.ds.competition
    total = c.winners_total
    batch_sum = sum(b.winners for b in c.batches)
    if batch_sum != total:
        check.at(
            "competition.yaml",
            ("winners_total",),
            f"the batches add up to {batch_sum} winners ({' + '.join(str(b.winners) for b in c.batches)}), "
            f"but winners_total is {total}",
            "correct the batch count or the total so that both match the article",
        )
    sector_sum = sum(s.winners for s in check.ds.sectors)
    if sector_sum != total:
        check.at(
            "sectors.yaml",
            (0, "winners"),
            f"the {len(check.ds.sectors)} sector counts add up to {sector_sum}, "
            f"but the competition's winners_total is {total} "
            f"(data/competition.yaml:{check.ds.located['competition.yaml'].line(('winners_total',))})",
            "check each sector's 'winners' against the article",
        )
    prov_sum = sum(c.winners_by_province.values())
    if prov_sum != total:
        check.at(
            "competition.yaml",
            ("winners_by_province",),
            f"the province counts add up to {prov_sum}, but winners_total is {total}",
            "check each province's count against the article",
        )


def work_report_totals(check) -> None:
    """Each province in one wording category; the counts and the share the article states agree with the lists."""
    w = check.ds.work_reports
    f = "work_reports.yaml"
    if w.divisions_total != len(check.ds.provinces):
        check.at(
            f,
            ("divisions_total",),
            f"divisions_total is {w.divisions_total}, but data/provinces.yaml lists {len(check.ds.provinces)}",
        )
    where: dict[str, str] = {}
    for i, cat in enumerate(w.categories):
        for j, pid in enumerate(cat.provinces):
            if pid in where:
                check.at(
                    f,
                    ("categories", i, "provinces", j),
                    f"'{pid}' is already in category '{where[pid]}'",
                    "the article puts each province in one wording category",
                )
            where.setdefault(pid, cat.id)
    mentioned = len(where)
    if mentioned != w.mentioned_stated:
        check.at(
            f,
            ("mentioned_stated",),
            f"the categories list {mentioned} provinces, but mentioned_stated is {w.mentioned_stated}",
            "the article names 29; check the category lists",
        )
    computed = share_text(mentioned, w.divisions_total)
    if computed != w.share_stated:
        check.at(
            f,
            ("share_stated",),
            f"{mentioned} of {w.divisions_total} is {computed}, but share_stated is {w.share_stated}",
            "the share is recomputed from the lists; correct the lists or the stated share",
        )
    for i, ex in enumerate(w.examples):
        if ex.province in check.province_ids and ex.province not in where:
            check.at(
                f,
                ("examples", i, "province"),
                f"'{ex.province}' has an example but is in no category",
                "add the province to the category the article gives it",
            )
