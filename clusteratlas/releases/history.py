"""What changed in each release, derived from the data: the tables of one release compared with
the next, record by record and field by field, and today's tables with the last release's (the
changes not yet released). Each change belongs to the page that shows it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..dataset.sections import NAV, SECTIONS
from .store import Release

# Which page shows a table's records: each section's table has a page per record (dataset/sections.py);
# the lists without pages of their own are shown on the page named here, anything else on /data/.
ENTITY_TABLES = tuple(s.name for s in SECTIONS)
LISTED_ON = {
    "work-report-categories": "provinces",
    "batches": "home",
    "milestones": "policies",
    "cluster-lists": "clusters",
    "cluster-counts": "clusters",
}


@dataclass(frozen=True)
class Change:
    table: str
    id: str
    field: str | None  # None: the whole record was added (old None) or removed (new None)
    old: object = None
    new: object = None

    @property
    def page(self) -> tuple[str, str | None]:
        """(page kind, id) of the page that shows the record: ('provinces', 'jiangsu'), ('home', None)."""
        if self.table in ENTITY_TABLES:
            return self.table, self.id
        return LISTED_ON.get(self.table, "data"), None


@dataclass(frozen=True)
class Entry:
    """One release's changes (or, with date None, the changes since the last release)."""

    version: str
    date: str | None  # None: not released yet
    first: bool  # the first release: every record is new, nothing is compared
    changes: tuple[Change, ...] = ()
    pages: tuple[tuple[str, str | None], ...] = field(default=())  # pages its changes touch, in order

    def __post_init__(self):
        # Each page's changes, found once: every entity page and /changes/ ask for a page's own, and
        # scanning every change for each of them grew with the square of the data (×10: 0.9 s).
        index: dict[tuple[str, str | None], list[Change]] = {page: [] for page in self.pages}
        for c in self.changes:
            if (page := c.page) in index:
                index[page].append(c)
        object.__setattr__(self, "_changes_by_page", index)  # not a field: equality and hash ignore it

    def changes_on(self, page: tuple[str, str | None]) -> list[Change]:
        """This entry's changes shown on one page, in order."""
        if page in self._changes_by_page:
            return list(self._changes_by_page[page])
        return [c for c in self.changes if c.page == page]

    @property
    def released(self) -> bool:
        return self.date is not None


def diff_tables(old: dict[str, list[dict]], new: dict[str, list[dict]]) -> list[Change]:
    """Every difference, in the tables' order, records in the new table's order, fields in column order."""
    out: list[Change] = []
    for table in [*new, *(t for t in old if t not in new)]:
        before = {r["id"]: r for r in old.get(table, [])}
        after = {r["id"]: r for r in new.get(table, [])}
        for id, rec in after.items():
            if id not in before:
                out.append(Change(table, id, None, None, rec))
                continue
            was = before[id]
            for name in [*rec, *(k for k in was if k not in rec)]:
                if name != "id" and was.get(name) != rec.get(name):
                    out.append(Change(table, id, name, was.get(name), rec.get(name)))
        out += [Change(table, id, None, rec, None) for id, rec in before.items() if id not in after]
    return out


def _entry(version: str, date: str | None, first: bool, changes: list[Change], tables: dict) -> Entry:
    if first:  # every page of the release appears in it
        pages = [Change(t, r["id"], None).page for t, recs in tables.items() for r in recs]
    else:
        pages = [c.page for c in changes]
    return Entry(version, date, first, tuple(changes), tuple(dict.fromkeys(pages)))


def history(releases: list[Release], today: dict[str, list[dict]], version: str) -> list[Entry]:
    """Newest first: the changes not yet released (when today's tables differ from the last
    release's, named after this build's version), then every release."""
    out = []
    for i, rel in enumerate(releases):
        changes = diff_tables(releases[i - 1].tables, rel.tables) if i else []
        out.append(_entry(rel.version, rel.date, i == 0, changes, rel.tables))
    if releases:
        pending = diff_tables(releases[-1].tables, today)
        if pending:
            out.append(_entry(version, None, False, pending, today))
    else:
        out.append(_entry(version, None, True, [], today))  # nothing released yet: all of it is new
    return out[::-1]


def with_notes(entries: list[Entry], noted: list[tuple[str, str | None]], version: str) -> list[Entry]:
    """The entries with the pages the editor's notes name (`noted`: (release, page) of each note,
    page as 'provinces/jiangsu', 'home' or None): a note on a page its release did not change is
    still shown there, and notes on this build's version before any data change get its entry."""
    out = list(entries)
    if any(release == version for release, _ in noted) and not any(e.version == version for e in out):
        out.insert(0, Entry(version, None, False))
    named = {}
    for release, page in noted:
        if page:
            named.setdefault(release, []).append(parse_ref(page))
    return [
        replace(e, pages=tuple(dict.fromkeys([*e.pages, *named.get(e.version, [])]))) if e.version in named else e
        for e in out
    ]


def of_page(entries: list[Entry], kind: str, id: str | None) -> list[tuple[Entry, list[Change]]]:
    """The entries that touch one page, newest first, each with that page's changes."""
    return [(e, e.changes_on((kind, id))) for e in entries if (kind, id) in e._changes_by_page]


def is_release(entries: list[Entry], version: str) -> bool:
    """Whether this build is a release: its version is kept and the data is what it kept."""
    return bool(entries) and entries[0].released and entries[0].version == version


def page_ref(kind: str, id: str | None) -> str:
    """A page as data/changes.yaml names it: 'provinces/jiangsu', 'home'."""
    return f"{kind}/{id}" if id else kind


def parse_ref(ref: str) -> tuple[str, str | None]:
    kind, _, id = ref.partition("/")
    return kind, id or None


def anchor(version: str) -> str:
    """A release's anchor on /changes/: 'v0-2-0'."""
    return "v" + version.replace(".", "-")


def note_problems(ds, versions: list[str]) -> list:
    """data/changes.yaml: each note's release is one of `versions` (released, or this build's),
    and its page is a page of the site."""
    ids = {s.name: {x.id for x in ds.records(s.name)} for s in SECTIONS}
    loc = ds.located["changes.yaml"]
    out = []
    for i, note in enumerate(ds.editor_notes):
        if note.release not in versions:
            out.append(
                loc.problem(
                    (i, "release"),
                    f"release {note.release} is neither in releases/ nor this build's version",
                    "known: " + ", ".join(dict.fromkeys(versions)),  # this build's version is often the last kept
                )
            )
        if note.page:
            kind, id = parse_ref(note.page)
            if kind not in NAV or (kind in ids) != bool(id) or (id and id not in ids[kind]):
                out.append(
                    loc.problem(
                        (i, "page"),
                        f"no page '{note.page}'",
                        "write <section>/<id> (provinces/jiangsu: a record's id) or a single page: "
                        + ", ".join(k for k in NAV if k not in ids),
                    )
                )
    return out
