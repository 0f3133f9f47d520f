"""What every chart shows: a plain, JSON-serialisable spec per chart and language.

A spec holds the values, labels, title, alt text (the main finding, stated from the data) and
the data table offered beside the chart. draw.py turns it into an SVG; nothing here knows
about colours or sizes. Golden tests pin these specs.
"""

from __future__ import annotations

import functools

from ..dataset.dates import chronological, position
from ..dataset.figures import category_of, rank, share_text, winners_by_province
from ..dataset.load import Dataset
from ..dataset.model import LEVELS
from ..i18n import LANGS, Catalog, format_date, numeral_zh
from .tilegrid import TILES

NONE_CATEGORY = "not-in-lists"
# Per-page charts stay the same size however large the data grows (cost linear in pages, not
# quadratic): at most this many bars, and this many timeline events around the highlighted one.
# They are also shared: a highlighted chart is a plain chart restyled (highlight.py), so pages
# whose charts differ only in what they highlight cost one drawing. Hence the largest MAX_BARS
# sectors on every sector page (a smaller one is named in the alt text, not added as a bar), and
# timeline windows in fixed blocks of TIMELINE_WINDOW events rather than centred on each policy.
MAX_BARS = 15
TIMELINE_WINDOW = 12
TIMELINE_MAX = 40  # the overview timeline shows the latest 40 (its table lists them too)


def chart_specs(ds: Dataset, cat: Catalog) -> list[dict]:
    out = []
    for lang in LANGS:
        s = _Specs(ds, cat, lang)
        out += [s.map_winners(), s.map_wording(), s.sector_bars(), s.batches(), s.timeline()]
        # A province page shows where the province is on the map; its rank and share are in its
        # text, so a highlighted bar chart would repeat the same numbers a third time.
        out += [s.map_winners(highlight=p.id) for p in ds.provinces]
        out += [s.sector_bars(highlight=x.id) for x in ds.sectors]
        out += [s.timeline(highlight=x.id) for x in ds.policies]
    return out


class _Specs:
    def __init__(self, ds: Dataset, cat: Catalog, lang: str):
        self.ds, self.cat, self.lang = ds, cat, lang
        self.names = {p.id: getattr(p.name, lang) for p in ds.provinces}
        self.winners = winners_by_province(ds)
        self.total = ds.competition.winners_total
        # Orders every highlighted chart needs, computed once (per chart they made ×100 quadratic).
        order = {s.id: i for i, s in enumerate(ds.sectors)}
        self.sectors = sorted(ds.sectors, key=lambda s: (-s.winners, order[s.id]))
        self.sector_rank = {s.id: i for i, s in enumerate(self.sectors)}
        self.chrono = chronological(ds.policies)
        self.chrono_at = {p.id: i for i, p in enumerate(self.chrono)}

    def t(self, key, **args) -> str:
        return self.cat.text(key, self.lang, **args)

    def date(self, value: str) -> str:
        return str(format_date(value, self.lang, self.cat))  # dates contain no Markdown specials

    def join(self, items) -> str:
        return self.cat.join(items, self.lang)

    def base(self, id: str, kind: str, title: str, alt: str, columns: list[str], rows: list[list], **draw) -> dict:
        return dict(
            id=f"{id}-{self.lang}",
            name=id,
            lang=self.lang,
            kind=kind,
            title=title,
            alt=alt,
            columns=columns,
            rows=rows,
            draw=draw,
        )

    # -- tile maps -------------------------------------------------------------------
    def map_winners(self, highlight: str | None = None) -> dict:
        w = self.winners
        top = max(w.values())
        leaders = [self.names[p] for p in w if w[p] == top]
        zero = sum(1 for v in w.values() if v == 0)
        alt = self.t("chart.map_winners_alt", top=self.join(leaders), n=top, zero=zero, total=self.total)
        if highlight:
            n = w[highlight]
            place, _ = rank(n, w)
            # A zero has no rank worth stating ("rank 16" of 31 would rank the absence of winners).
            alt = (
                (
                    self.t("chart.map_highlight_alt", name=self.names[highlight], n=n, rank=place)
                    if n
                    else self.t("chart.map_highlight_alt_none", name=self.names[highlight])
                )
                + self.cat.raw("sentence_sep", self.lang)
                + alt
            )
        tiles = [
            dict(
                id=p.id,
                col=TILES[p.id][0],
                row=TILES[p.id][1],
                label=self.names[p.id],
                value=w[p.id],
                highlight=p.id == highlight,
            )
            for p in self.ds.provinces
        ]
        rows = [[self.names[p.id], w[p.id]] for p in self.ds.provinces]
        return self.base(
            f"map-winners{'-' + highlight if highlight else ''}",
            "tilemap-count",
            self.t("chart.map_winners_title"),
            alt,
            [self.t("col.province"), self.t("col.winners")],
            rows,
            tiles=tiles,
            legend_title=self.t("col.winners"),
        )

    def map_wording(self) -> dict:
        cats = self.ds.work_reports.categories
        of = {pid: c.id for pid, c in category_of(self.ds).items()}
        label = {c.id: getattr(c.term, self.lang) for c in cats}
        label[NONE_CATEGORY] = self.t("not_in_lists")
        biggest = max(cats, key=lambda c: len(c.provinces))
        missing = [self.names[p.id] for p in self.ds.provinces if p.id not in of]
        alt = self.t(
            "chart.map_wording_alt",
            n=len(of),
            total=len(self.ds.provinces),
            term=label[biggest.id],
            k=len(biggest.provinces),
            missing=self.join(missing),
        )
        tiles = [
            dict(
                id=p.id,
                col=TILES[p.id][0],
                row=TILES[p.id][1],
                label=self.names[p.id],
                category=of.get(p.id, NONE_CATEGORY),
                highlight=False,
            )
            for p in self.ds.provinces
        ]
        rows = [[self.names[p.id], label[of.get(p.id, NONE_CATEGORY)]] for p in self.ds.provinces]
        return self.base(
            "map-wording",
            "tilemap-category",
            self.t("chart.map_wording_title"),
            alt,
            [self.t("col.province"), self.t("col.wording")],
            rows,
            tiles=tiles,
            categories=[[c.id, label[c.id]] for c in cats] + [[NONE_CATEGORY, label[NONE_CATEGORY]]],
        )

    # -- bars ------------------------------------------------------------------------
    def sector_bars(self, highlight: str | None = None) -> dict:
        items = self.sectors

        def name(s):
            return getattr(s.name, self.lang)

        top = items[0]
        alt = self.t(
            "chart.sector_bars_alt", n=len(self.ds.sectors), top=name(top), top_n=top.winners, total=self.total
        )
        if highlight:
            s = items[self.sector_rank[highlight]]
            key = "chart.bars_highlight_alt" if self.sector_rank[highlight] < MAX_BARS else "chart.bars_not_shown_alt"
            alt = (
                self.t(key, name=name(s), n=s.winners, share=share_text(s.winners, self.total), k=MAX_BARS)
                + self.cat.raw("sentence_sep", self.lang)
                + alt
            )
        items = items[:MAX_BARS]
        return self.base(
            f"sectors-bars{'-' + highlight if highlight else ''}",
            "bars",
            self.t("chart.sector_bars_title"),
            alt,
            [self.t("col.sector"), self.t("col.winners"), self.t("col.share")],
            [[name(s), s.winners, share_text(s.winners, self.total)] for s in items],
            bars=[dict(id=s.id, label=name(s), value=s.winners, highlight=s.id == highlight) for s in items],
        )

    def batches(self) -> dict:
        bs = self.ds.competition.batches
        labels = [
            self.t("chart.batch_label", number=b.number, number_zh=numeral_zh(b.number), launched=self.date(b.launched))
            for b in bs
        ]
        sep = self.cat.raw("label_sep", self.lang)
        alt = self.t(
            "chart.batches_alt",
            total=self.total,
            parts=self.join(f"{lab}{sep}{b.winners}" for lab, b in zip(labels, bs, strict=True)),
        )
        return self.base(
            "batches",
            "bars",
            self.t("chart.batches_title"),
            alt,
            [self.t("chart.batch_col"), self.t("col.winners")],
            [[lab, b.winners] for lab, b in zip(labels, bs, strict=True)],
            bars=[
                dict(id=b.id, label=lab, value=b.winners, highlight=False) for lab, b in zip(labels, bs, strict=True)
            ],
        )

    # -- timeline --------------------------------------------------------------------
    @functools.cached_property
    def _timeline_summary(self) -> str:
        ps = self.chrono
        return self.t(
            "chart.timeline_alt",
            n=len(ps),
            first=self.date(ps[0].date),
            last=self.date(ps[-1].date),
            national=sum(p.level == "national" for p in ps),
            regional=sum(p.level == "regional" for p in ps),
            provincial=sum(p.level == "provincial" for p in ps),
        )

    def timeline(self, highlight: str | None = None) -> dict:
        ps = self.chrono
        alt = self._timeline_summary
        if highlight:
            h = ps[self.chrono_at[highlight]]
            alt = (
                self.t("chart.timeline_highlight_alt", title=getattr(h.short_title, self.lang), date=self.date(h.date))
                + self.cat.raw("sentence_sep", self.lang)
                + alt
            )
        if highlight and len(ps) > TIMELINE_WINDOW:  # the block of neighbours in time it falls in
            at = self.chrono_at[highlight]
            start = min(at // TIMELINE_WINDOW * TIMELINE_WINDOW, len(ps) - TIMELINE_WINDOW)
            ps = ps[start : start + TIMELINE_WINDOW]
        elif len(ps) > TIMELINE_MAX:
            ps = ps[-TIMELINE_MAX:]
        events = [
            dict(
                id=p.id,
                date=p.date,
                x=position(p.date)[0],
                precise=position(p.date)[1],
                label=getattr(p.short_title, self.lang),
                level=p.level,
                date_label=self.date(p.date),
                highlight=p.id == highlight,
            )
            for p in ps
        ]
        return self.base(
            f"timeline{'-' + highlight if highlight else ''}",
            "timeline",
            self.t("chart.timeline_title"),
            alt,
            [self.t("col.date"), self.t("col.level"), self.t("col.policy")],
            [[e["date_label"], self.t(f"level.{e['level']}"), e["label"]] for e in events],
            events=events,
            legend=[
                *([level, self.t(f"level.{level}")] for level in LEVELS),
                ["year-only", self.t("chart.timeline_year_only")],
            ],
        )
