"""What changed, in words: each change of a release as a reader reads it (field, old → new), the
editor's notes, and an entity page's "Changes" section. Shared by /changes/ (sections/changes.py),
every entity page (kinds.py) and the feeds (feed.py); derived from the data (releases/history.py).
"""

from __future__ import annotations

from markupsafe import Markup

from ..markdown import escape
from ..paths import page_path
from ..releases.history import Change, Entry, of_page, page_ref
from .atlas import Atlas


def label(atlas: Atlas, entry: Entry, lang: str, since: str | None) -> Markup:
    """'version 0.2.0 (2026-12-01)', or the changes not yet released."""
    if entry.released:
        return atlas.t("changes.release", lang, version=entry.version, date=entry.date)
    return (
        atlas.t("changes.pending", lang, since=since)
        if since
        else atlas.t("changes.unreleased", lang, version=entry.version)
    )


def last_release(entries: list[Entry]) -> str | None:
    return next((e.version for e in entries if e.released), None)


def _value(atlas: Atlas, value, lang: str) -> str:
    if value is None or value == "":
        return atlas.cat.text("changes.empty", lang)
    if isinstance(value, bool):
        return atlas.cat.text("changes.yes" if value else "changes.no", lang)
    return str(value)


def change_plain(atlas: Atlas, change: Change, lang: str, named: bool) -> str:
    """One change in words: 'Winners: 8 → 9'. `named`: the page lists several records, so the
    record's id goes first ('batch-1 · Winners: 24 → 25')."""
    who = f"{change.id} · " if named else ""  # ids are checked as data/'s (releases/store.py)
    if change.field is None:
        return who + atlas.cat.text("changes.added" if change.old is None else "changes.removed", lang)
    key = f"column.{change.table}.{change.field}"
    name = atlas.cat.text(key, lang) if key in atlas.cat.strings else change.field
    sep = atlas.cat.text("label_sep", lang)
    return f"{who}{name}{sep}{_value(atlas, change.old, lang)} → {_value(atlas, change.new, lang)}"


def change_text(atlas: Atlas, change: Change, lang: str, named: bool) -> Markup:
    return escape(change_plain(atlas, change, lang, named))


def editor_notes(atlas: Atlas, version: str, page: str | None, lang: str) -> list[str]:
    return [getattr(n.note, lang) for n in atlas.ds.editor_notes if n.release == version and n.page == page]


def notes_of(atlas: Atlas, version: str, page: str | None, lang: str) -> list[Markup]:
    return [escape(n) for n in editor_notes(atlas, version, page, lang)]


def page_changes(atlas: Atlas, lang: str, kind: str, id: str) -> dict | None:
    """The "Changes" section of an entity page: the last release that touched it, and each entry
    with the page's changes (none listed for the entry that first published it); None when no
    entry touched it."""
    mine = of_page(atlas.history, kind, id)
    if not mine:
        return None
    since = last_release(atlas.history)
    items = []
    for entry, changes in mine:
        added = entry.first or any(
            c.table == kind and c.id == id and c.field is None and c.old is None for c in changes
        )
        items.append(
            dict(
                label=label(atlas, entry, lang, since),
                released=entry.released,
                added=added,
                changes=[] if added else [change_text(atlas, c, lang, False) for c in changes],
                notes=notes_of(atlas, entry.version, page_ref(kind, id), lang),
            )
        )
    last = next((x for x in items if x["released"]), None)
    return dict(
        last=last["label"] if last else None,
        entries=items,
        all=atlas.href(page_path("changes", lang), page_path(kind, lang, id)),
    )


def listed_pages(atlas: Atlas, entry: Entry) -> list[tuple[str, str | None]]:
    """The pages a release lists (on /changes/ and in the feed): those it changed; for the first
    release (all pages new) only those an editor's note is about."""
    if not entry.first:
        return list(entry.pages)
    noted = {n.page for n in atlas.ds.editor_notes if n.release == entry.version and n.page}
    return [(k, i) for k, i in entry.pages if page_ref(k, i) in noted]


def exists(atlas: Atlas, kind: str, id: str | None) -> bool:
    """Whether the page is in today's site (a record removed since has no page to link)."""
    return id is None or atlas.record(kind, id) is not None


def page_title(atlas: Atlas, kind: str, id: str | None, lang: str) -> Markup:
    if id is None:
        return atlas.t(kind, lang)
    rec = atlas.record(kind, id)
    if rec is None:  # removed since: its id is all that is left
        return escape(id)
    return escape(atlas.title_of(kind, rec, lang))
