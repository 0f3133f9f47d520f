"""Checks across records and files: unique ids, references that resolve, totals that agree.

Each check names where the editor should look (file, line, field) and what would fix it.
Derived figures (shares, ranks) are never typed into data/; where the article states one, we
recompute it from the lists and report a mismatch.
"""

from __future__ import annotations

import difflib
from collections import Counter

from ..errors import DataError, Problem
from .cluster_rules import cluster_problems
from .load import Dataset
from .provenance import citation_places
from .quoted_figures import quoted_figure_problems
from .refs import reference_problems
from .totals import competition_totals, work_report_totals


def validate(ds: Dataset) -> Dataset:
    problems = _Checker(ds).run()
    if problems:
        raise DataError(problems)
    return ds


class _Checker:
    def __init__(self, ds: Dataset):
        self.ds = ds
        self.problems: list[Problem] = []
        self.province_ids = {p.id for p in ds.provinces}
        self.policy_ids = {p.id for p in ds.policies}
        self.sections = {s.id: {sec.id for sec in s.sections} for s in ds.sources}

    def at(self, file: str, parts: tuple, message: str, hint: str = "") -> None:
        self.problems.append(self.ds.located[file].problem(parts, message, hint))

    def run(self) -> list[Problem]:
        ds = self.ds
        # Top-level ids are checked for duplicates by load(), on the raw values.
        for i, s in enumerate(ds.sources):
            self.unique("sources.yaml", (i, "sections"), s.sections)
        self.unique("competition.yaml", ("batches",), ds.competition.batches)
        self.unique_numbers("competition.yaml", ("batches",), ds.competition.batches, "batch")
        self.unique_numbers("measures.yaml", (), ds.measures, "measure")
        self.sources()
        self.unique("work_reports.yaml", ("categories",), ds.work_reports.categories)
        self.citations()
        self.disagreements()
        self.report_dates()
        refs = reference_problems(ds)  # what sections.py declares
        self.problems += refs
        # The clusters' rules count clusters by province, list and source: on an unknown id they
        # would report a consequence (or fail) instead of the cause, which refs has just named.
        if not refs:
            self.problems += cluster_problems(ds)
        self.problems += quoted_figure_problems(ds)
        competition_totals(self)
        work_report_totals(self)
        self.policies()
        self.measures()
        self.secondary()
        return self.problems

    def unique(self, file: str, parts: tuple, items: list) -> None:
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            if item.id in seen:
                self.at(
                    file,
                    parts + (i, "id"),
                    f"duplicate id '{item.id}' "
                    f"(first at line {self.ds.located[file].line(parts + (seen[item.id], 'id'))})",
                    "ids must be unique within the file: they become page URLs",
                )
            seen.setdefault(item.id, i)

    def unique_numbers(self, file: str, parts: tuple, items: list, what: str) -> None:
        seen: dict[int, int] = {}
        for i, item in enumerate(items):
            if item.number in seen:
                self.at(
                    file,
                    parts + (i, "number"),
                    f"{what} number {item.number} is used twice "
                    f"(first at line {self.ds.located[file].line(parts + (seen[item.number], 'number'))})",
                    f"number the {what}s 1, 2, 3 … as the article does",
                )
            seen.setdefault(item.number, i)

    def sources(self) -> None:
        primary = [i for i, s in enumerate(self.ds.sources) if s.kind == "primary"]
        if len(primary) != 1:
            where = (primary[1], "kind") if len(primary) > 1 else (0, "kind")
            self.at(
                "sources.yaml",
                where,
                f"{len(primary)} sources have kind: primary; the site needs exactly one",
                "the primary source is the article the site is built on (see content/about.md); "
                "mark it, and only it, primary",
            )

    def ref(self, file: str, parts: tuple, value: str, known: set[str], what: str, where: str) -> None:
        if value not in known:
            close = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else f"use an id from data/{where}"
            self.at(file, parts, f"unknown {what} '{value}'", hint)

    def report_dates(self) -> None:
        """A date of something a report says happened "recently" (近日) is the report's own day:
        `date_is: report` on a milestone, `kind: reported` on a list's date (pages then say so)."""
        for i, m in enumerate(self.ds.milestones):
            said = " ".join([m.title.zh, m.title.en, m.summary.zh, m.summary.en])
            if m.date_is == "event" and ("近日" in said or "recently" in said):
                self.at(
                    "milestones.yaml",
                    (i, "date"),
                    "the report says this happened “recently” (近日): its date is the report's, not the event's",
                    "add date_is: report",
                )
        for i, x in enumerate(self.ds.cluster_lists):
            for j, d in enumerate(x.dates):
                if d.kind == "event" and ("近日" in d.what.zh or "recently" in d.what.en):
                    self.at(
                        "cluster_lists.yaml",
                        (i, "dates", j, "kind"),
                        "the report says this happened “recently” (近日): its date is the report's, not the event's",
                        "write kind: reported",
                    )

    def disagreements(self) -> None:
        """A statement marked `disagree: true` shows sources that disagree: it cites two at least."""
        for file, loc in self.ds.located.items():
            for parts in loc.lines:
                if not parts or parts[-1] != "disagree":
                    continue
                owner = loc.value
                for p in parts[:-1]:
                    owner = owner[p]
                cited = {c.get("source") for c in owner.get("sources") or [] if isinstance(c, dict)}
                if owner.get("disagree") is True and len(cited) < 2:
                    self.at(
                        file,
                        parts,
                        f"disagree: true, but it cites {len(cited)} source{'s' if len(cited) != 1 else ''}",
                        "cite each source that states its side, with its words; or drop disagree:",
                    )

    def citations(self) -> None:
        """Every `sources:` entry names a source in sources.yaml, and a section it has."""
        for file, parts, cite in citation_places(self.ds):
            src, sec = cite.get("source"), cite.get("section")
            if src not in self.sections:
                self.ref(file, parts + ("source",), src, set(self.sections), "source", "sources.yaml")
            elif sec is not None and sec not in self.sections[src]:
                self.ref(
                    file,
                    parts + ("section",),
                    sec,
                    self.sections[src],
                    f"section of source '{src}'",
                    "sources.yaml (its sections)",
                )

    def policies(self) -> None:
        f = "policies.yaml"
        for i, p in enumerate(self.ds.policies):
            if p.level == "provincial" and p.province is None:
                self.at(
                    f,
                    (i, "province"),
                    "a provincial policy needs 'province:'",
                    "add the province id, e.g. province: jiangsu",
                )
            if p.level != "provincial" and p.province is not None:
                self.at(
                    f,
                    (i, "province"),
                    f"a {p.level} policy has no 'province:'",
                    "remove the field, or set level: provincial",
                )
            if p.level == "regional" and p.region is None:
                self.at(
                    f,
                    (i, "region"),
                    "a regional requirement needs 'region:'",
                    "name the region the article gives, and cite a source for its member provinces",
                )
            if p.region is not None:
                if p.level != "regional":
                    self.at(
                        f,
                        (i, "level"),
                        "a policy with a 'region:' is a regional requirement",
                        "set level: regional (the article's 从区域层面), or remove the region",
                    )
            for field_name in ("related_sectors", "related_policies"):
                dup = [k for k, n in Counter(getattr(p, field_name)).items() if n > 1]
                if dup:
                    self.at(f, (i, field_name), f"'{dup[0]}' is listed twice")

    def measures(self) -> None:
        for i, m in enumerate(self.ds.measures):
            for j, pid in enumerate(m.related_policies):
                if pid in self.policy_ids and next(p for p in self.ds.policies if p.id == pid).level != "provincial":
                    self.at(
                        "measures.yaml",
                        (i, "related_policies", j),
                        f"'{pid}' is not a provincial programme",
                        "a measure links to the provincial practice that illustrates it",
                    )

    def secondary(self) -> None:
        """Later reporting is kept apart: what is filed as secondary cites secondary sources only,
        so a secondary figure can never pass for the article's."""
        kinds = {s.id: s.kind for s in self.ds.sources}

        def only_secondary(file: str, parts: tuple, cites) -> None:
            for k, c in enumerate(cites):
                if kinds.get(c.source, "secondary") != "secondary":
                    self.at(
                        file,
                        parts + (k, "source"),
                        f"'{c.source}' is a {kinds[c.source]} source, but this is secondary reporting",
                        "cite the report this comes from (a source with kind: secondary)",
                    )

        for i, p in enumerate(self.ds.policies):
            for j, fact in enumerate(p.secondary):
                only_secondary("policies.yaml", (i, "secondary", j, "sources"), fact.sources)
        for i, m in enumerate(self.ds.milestones):
            only_secondary("milestones.yaml", (i, "sources"), m.sources)
