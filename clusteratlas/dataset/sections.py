"""The site's shape, declared once: every data file, and the sections of the site that are made of
its records (one page per record at /<section>/<id>/, an index at /<section>/).

Everything else that knows about sections is derived from these tables: the files `load` reads
and the `Dataset` it returns, the references `validate` checks, the site's nav and page kinds
(paths.NAV, pages/kinds.py finds pages/sections/<name>.py), the download tables and the JSON API
(downloads/tables.py), and which page a release's change belongs to (releases/history.py).
`check_shape` (run by `make check`) says what a new section still lacks. To add one, see
docs/dev/architecture.md ("Adding a section").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import model
from .dates import chronological


@dataclass(frozen=True)
class Ref:
    """A field that names a record of a section by its id. `path` walks from a record: names joined
    by '.', a name ending in '[]' for each item of a list, '{}' for each key of a mapping
    ('region.provinces[]', 'winners_by_province{}'). Checked by `make check` with file and line."""

    path: str
    to: str  # the data file (a list of records with ids, a section's or another) whose ids it names
    not_self: bool = False  # a record may not name itself (a policy's related policies)


@dataclass(frozen=True)
class DataFile:
    """One file of data/: the `Dataset` attribute it becomes, its record type, its references."""

    name: str  # the Dataset attribute: ds.provinces
    file: str  # under data/
    record: type  # the type of one record (model.py)
    many: bool = True  # a list of records; False: the file is one record
    refs: tuple[Ref, ...] = ()
    one: str = ""  # one record, in messages ("unknown province") and, for a section, its template (province.md.j2)

    @property
    def root_type(self) -> object:
        """What the whole file holds, for the schema check."""
        return list[self.record] if self.many else self.record


@dataclass(frozen=True)
class Section(DataFile):
    """A data file whose every record has a page: /<name>/<id>/ in each language, and an index."""

    title: str = "name"  # the field that names a record (a bilingual Name or Title)
    order: Callable[[list], list] | None = None  # the order of lists and neighbours (default: the file's)
    api: bool = True  # /api/<name>/<id>.json, the record as the download table holds it

    def ordered(self, records: list) -> list:
        return self.order(records) if self.order else list(records)

    def title_of(self, record, lang: str) -> str:
        return getattr(getattr(record, self.title), lang)


SECTIONS: tuple[Section, ...] = (
    Section(
        "clusters",
        "clusters.yaml",
        model.Cluster,
        one="cluster",
        refs=(
            Ref("provinces[]", "provinces"),
            Ref("lists[].list", "cluster_lists"),
            Ref("field.field", "cluster_fields"),
            Ref("field_read", "cluster_fields"),
        ),
    ),
    Section("provinces", "provinces.yaml", model.Province, one="province"),
    Section("sectors", "sectors.yaml", model.Sector, one="sector"),
    Section(
        "policies",
        "policies.yaml",
        model.Policy,
        one="policy",
        title="title",
        order=chronological,  # every list of policies, and the timeline, by date
        refs=(
            Ref("province", "provinces"),
            Ref("region.provinces[]", "provinces"),
            Ref("related_sectors[]", "sectors"),
            Ref("related_policies[]", "policies", not_self=True),
        ),
    ),
    Section("measures", "measures.yaml", model.Measure, one="measure", refs=(Ref("related_policies[]", "policies"),)),
)

# Every data file, sections included, in the order problems are reported.
FILES: tuple[DataFile, ...] = (
    DataFile("sources", "sources.yaml", model.Source),
    *SECTIONS,
    DataFile(
        "competition",
        "competition.yaml",
        model.Competition,
        many=False,
        refs=(Ref("winners_by_province{}", "provinces"),),
    ),
    DataFile(
        "work_reports",
        "work_reports.yaml",
        model.WorkReports,
        many=False,
        refs=(Ref("categories[].provinces[]", "provinces"), Ref("examples[].province", "provinces")),
    ),
    DataFile("glossary", "glossary.yaml", model.Term),
    DataFile("milestones", "milestones.yaml", model.Milestone, refs=(Ref("follows", "policies"),)),
    DataFile("editor_notes", "changes.yaml", model.EditorNote),
    DataFile(
        "cluster_lists",
        "cluster_lists.yaml",
        model.ClusterList,
        one="cluster list",
        refs=(Ref("part_of", "cluster_lists", not_self=True),),
    ),
    DataFile("cluster_fields", "cluster_fields.yaml", model.ClusterField, one="cluster field"),
    DataFile(
        "cluster_counts",
        "cluster_counts.yaml",
        model.StatedCount,
        one="stated count",
        refs=(Ref("list", "cluster_lists"), Ref("province", "provinces"), Ref("field", "cluster_fields")),
    ),
)

# The site's pages in the menu's order: single pages and sections (each a folder).
NAV = (
    "home",
    "clusters",
    "provinces",
    "compare",
    "sectors",
    "policies",
    "measures",
    "glossary",
    "sources",
    "data",
    "changes",
)

BY_NAME = {f.name: f for f in FILES}
SECTION = {s.name: s for s in SECTIONS}
BY_FILE = {f.file: f for f in FILES}


def _declared_once() -> None:
    """The tables agree with themselves: each name and file once, each section in the nav, each
    reference to a section that exists. A mistake here is the code's, found at import."""
    names, files = [f.name for f in FILES], [f.file for f in FILES]
    for label, values in (("name", names), ("file", files)):
        twice = sorted({v for v in values if values.count(v) > 1})
        if twice:
            raise ValueError(f"clusteratlas/dataset/sections.py: data file {label} {twice[0]!r} is declared twice")
    for s in SECTIONS:
        if s.name not in NAV:
            raise ValueError(f"clusteratlas/dataset/sections.py: section {s.name!r} is not in NAV (the menu's order)")
        if not s.one:
            raise ValueError(f"clusteratlas/dataset/sections.py: section {s.name!r} needs one= (a record, singular)")
    for f in FILES:
        for r in f.refs:
            if r.to not in BY_NAME or not BY_NAME[r.to].many or not BY_NAME[r.to].one:
                where = f"clusteratlas/dataset/sections.py: {f.name}.{r.path}"
                raise ValueError(f"{where} refers to {r.to!r}, which is not a data file of records (with one=)")


_declared_once()
