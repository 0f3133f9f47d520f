"""What every section's page functions are given: the checked data with its lookups, built once per
generation, the build's settings, and the helpers that turn them into escaped, linked, translated
Markdown fragments. One object, called `atlas` wherever it is passed."""

from __future__ import annotations

import functools
import posixpath

from markupsafe import Markup
from markupsafe import escape as html_escape

from ..dataset.cluster_figures import province_clusters
from ..dataset.figures import category_of, winners_by_province, wording_citations
from ..dataset.load import Dataset
from ..dataset.sections import SECTION, SECTIONS
from ..i18n import Catalog, others
from ..markdown import escape, link
from ..paths import HAND_WRITTEN, NAV, chart_path, embed_path, page_path
from ..settings import Settings
from .embeds import snippet


class Atlas:
    def __init__(self, ds: Dataset, cat: Catalog, settings: Settings, history: list, charts: dict[str, dict]):
        self.ds, self.cat = ds, cat
        self.settings = settings
        # What the user's settings make of every page: its address, the build's date; the version.
        self.site_url, self.today, self.version = settings.site_url, settings.day, settings.version
        self.history = history  # releases/history.Entry, newest first
        self.charts = charts  # chart id (with language) → spec, see charts/spec.py
        # Every section's records in its order (policies by date: the timeline's too), by id.
        self.by_id = {s.name: {r.id: r for r in s.ordered(ds.records(s.name))} for s in SECTIONS}
        self.provinces = self.by_id["provinces"]
        self.sectors = self.by_id["sectors"]
        self.policies = self.by_id["policies"]
        self.measures = self.by_id["measures"]
        self.ordered_policies = list(self.policies.values())
        self.total = ds.competition.winners_total
        self.winners = winners_by_province(ds)
        self.category_of = category_of(ds)
        self.example_of = {e.province: e for e in ds.work_reports.examples}
        self.all_lists = wording_citations(ds)
        self.cluster_lists = {x.id: x for x in ds.cluster_lists}
        # The national clusters this site names in each province, a shared one in each it spans.
        self.clusters_in = {p.id: province_clusters(ds, p.id) for p in ds.provinces}
        # Lookups each entity page needs, built once: per page they would cost the size of the data.
        self.sector_winners = {x.id: x.winners for x in ds.sectors}
        self.policies_of_sector: dict[str, list] = {}
        for pol in self.ordered_policies:
            for sid in pol.related_sectors:
                self.policies_of_sector.setdefault(sid, []).append(pol)

    def records(self, section: str) -> list:
        """A section's records in its order (sections.py)."""
        return list(self.by_id[section].values())

    def record(self, section: str, id: str):
        """A section's record by id, or None when there is none (removed since a release)."""
        return self.by_id.get(section, {}).get(id)

    def title_of(self, section: str, record, lang: str) -> str:
        return SECTION[section].title_of(record, lang)

    def tx(self, text, lang: str) -> str:
        return getattr(text, lang)

    def t(self, key: str, lang: str, **args) -> Markup:
        return self.cat.t(key, lang, **args)

    def href(self, target: str, here: str) -> str:
        return _relative(target, posixpath.dirname(here) or ".")

    def plink(self, kind: str, id: str, lang: str, here: str, text) -> Markup:
        return link(text, self.href(page_path(kind, lang, id), here))

    def join(self, items, lang: str) -> Markup:
        return self.cat.join([escape(i) for i in items], lang, Markup)

    def fact(self, f, lang: str, notes) -> Markup:
        """A sourced statement with its notes; where sources disagree, says so first."""
        label = self.t("disagree.label", lang) if f.disagree else Markup("")
        return label + escape(self.tx(f.text, lang)) + notes(f.sources)

    def tied(self, items, lang: str) -> Markup:
        """The others a figure ties with: 'A、B' / 'A and with B' (a name may hold 'and' itself:
        "tied with textiles and apparel and with green food", not a list with a semicolon)."""
        return Markup(html_escape(self.cat.raw("tie_sep", lang))).join(escape(i) for i in items)

    def in_other_languages(self, lang: str, shown) -> Markup:
        """`shown(other)` for every other language, listed: a page names its subject in each, so that
        search finds it by any (江苏 typed on the English site finds Jiangsu)."""
        return self.cat.join([shown(other) for other in others(lang)], lang, Markup)

    def chart(self, name: str, lang: str, here: str) -> dict:
        """What a page shows of a chart: the SVG with its alt text, a data table, two downloads,
        the page others embed and its snippet."""
        spec = self.charts[f"{name}-{lang}"]
        return dict(
            name=spec["name"],
            title=escape(spec["title"]),
            alt=escape(spec["alt"]),
            embed=self.href(embed_path(spec), here),
            snippet=snippet(spec, self.site_url),
            svg=self.href(chart_path(spec, "svg"), here),
            csv=self.href(chart_path(spec, "csv"), here),
            columns=[escape(c) for c in spec["columns"]],
            rows=[[escape(v) for v in r] for r in spec["rows"]],
        )

    def base(self, kind: str, lang: str, id: str | None = None) -> dict:
        """What every page's template gets: its language and path, links to the menu's pages,
        and `s(key)`, the catalog's string in the page's language."""
        path = page_path(kind, lang, id)
        nav = {k: self.href(page_path(k, lang), path) for k in (*NAV, *HAND_WRITTEN)}
        return dict(lang=lang, path=path, links=nav, s=lambda key, **a: self.t(key, lang, **a))


@functools.lru_cache(maxsize=65536)
def _relative(target: str, start: str) -> str:
    # Remembered: ~40 000 links at ×10 data, most of them the same few targets from the same
    # folders, and relpath asks the OS for the working directory twice each time.
    return posixpath.relpath(target, start)
