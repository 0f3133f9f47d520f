"""What changed, as readers see it: /changes/ (every release, newest first, with the pages it
touched and each field's old and new value), and on every entity page "Last changed" with that
page's own changes. Derived from the data (releases/history.py); the editor's notes
(data/changes.yaml) are shown beside, as the editor's words.
"""

from __future__ import annotations

from markupsafe import Markup

from ..i18n import LANGS
from ..markdown import escape
from ..paths import FEEDS, page_path
from ..releases.history import Change, Entry, anchor, of_page, page_ref
from .notes import Notes
from .tools import Tools

FEED = dict(zip(LANGS, FEEDS, strict=True))  # docs-relative: published /feed.xml, /en/feed.xml


def label(atlas: Tools, entry: Entry, lang: str, since: str | None) -> Markup:
    """'version 0.2.0 (2026-12-01)', or the changes not yet released."""
    if entry.released:
        return atlas.t("changes.release", lang, version=entry.version, date=entry.date)
    return (
        atlas.t("changes.pending", lang, since=since)
        if since
        else atlas.t("changes.unreleased", lang, version=entry.version)
    )


def _last_release(entries: list[Entry]) -> str | None:
    return next((e.version for e in entries if e.released), None)


def _value(atlas: Tools, value, lang: str) -> str:
    if value is None or value == "":
        return atlas.cat.text("changes.empty", lang)
    if isinstance(value, bool):
        return atlas.cat.text("changes.yes" if value else "changes.no", lang)
    return str(value)


def change_plain(atlas: Tools, change: Change, lang: str, named: bool) -> str:
    """One change in words: 'Winners: 8 → 9'. `named`: the page lists several records, so the
    record's id goes first ('batch-1 · Winners: 24 → 25')."""
    who = f"{change.id} · " if named else ""  # ids are checked as data/'s (releases/store.py)
    if change.field is None:
        return who + atlas.cat.text("changes.added" if change.old is None else "changes.removed", lang)
    key = f"column.{change.table}.{change.field}"
    name = atlas.cat.text(key, lang) if key in atlas.cat.strings else change.field
    sep = atlas.cat.text("label_sep", lang)
    return f"{who}{name}{sep}{_value(atlas, change.old, lang)} → {_value(atlas, change.new, lang)}"


def change_text(atlas: Tools, change: Change, lang: str, named: bool) -> Markup:
    return escape(change_plain(atlas, change, lang, named))


def editor_notes(atlas: Tools, version: str, page: str | None, lang: str) -> list[str]:
    return [getattr(n.note, lang) for n in atlas.ds.editor_notes if n.release == version and n.page == page]


def _notes(atlas: Tools, version: str, page: str | None, lang: str) -> list[Markup]:
    return [escape(n) for n in editor_notes(atlas, version, page, lang)]


def page_changes(atlas: Tools, lang: str, kind: str, id: str) -> dict | None:
    """The "Changes" section of an entity page: the last release that touched it, and each entry
    with the page's changes (none listed for the entry that first published it); None when no
    entry touched it."""
    mine = of_page(atlas.history, kind, id)
    if not mine:
        return None
    since = _last_release(atlas.history)
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
                notes=_notes(atlas, entry.version, page_ref(kind, id), lang),
            )
        )
    last = next((x for x in items if x["released"]), None)
    return dict(
        last=last["label"] if last else None,
        entries=items,
        all=atlas.href(page_path("changes", lang), page_path(kind, lang, id)),
    )


def context(atlas: Tools, lang: str, here: str, notes: Notes, id: str | None = None) -> dict:
    since = _last_release(atlas.history)
    entries = []
    for entry in atlas.history:
        pages = [_listed(atlas, entry, kind, pid, lang, here) for kind, pid in listed_pages(atlas, entry)]
        entries.append(
            dict(
                label=label(atlas, entry, lang, since),
                anchor=Markup(f"{{ #{anchor(entry.version)} }}"),
                first=entry.first,
                count=len(entry.pages),
                pages=pages,
                notes=_notes(atlas, entry.version, None, lang),
                released=entry.released,
            )
        )
    return dict(
        title=atlas.t("changes.title", lang),
        lead=atlas.t("changes.lead", lang),
        entries=entries,
        feed=atlas.href(FEED[lang], here),
    )


def listed_pages(atlas: Tools, entry: Entry) -> list[tuple[str, str | None]]:
    """The pages a release lists (on /changes/ and in the feed): those it changed; for the first
    release (all pages new) only those an editor's note is about."""
    if not entry.first:
        return list(entry.pages)
    noted = {n.page for n in atlas.ds.editor_notes if n.release == entry.version and n.page}
    return [(k, i) for k, i in entry.pages if page_ref(k, i) in noted]


def _listed(atlas: Tools, entry: Entry, kind: str, pid: str | None, lang: str, here: str) -> dict:
    """One page as /changes/ lists it under a release: linked (unless it is gone), its changes, its notes."""
    title = page_title(atlas, kind, pid, lang)
    link = (
        title
        if not exists(atlas, kind, pid)
        else atlas.plink(kind, pid, lang, here, title)
        if pid
        else Markup(f"[{title}]({atlas.href(page_path(kind, lang), here)})")
    )
    return dict(
        link=link,
        changes=[change_text(atlas, c, lang, pid is None) for c in entry.changes if c.page == (kind, pid)],
        notes=_notes(atlas, entry.version, page_ref(kind, pid), lang),
    )


def exists(atlas: Tools, kind: str, id: str | None) -> bool:
    """Whether the page is in today's site (a record removed since has no page to link)."""
    return id is None or id in getattr(atlas, kind)


def page_title(atlas: Tools, kind: str, id: str | None, lang: str) -> Markup:
    if id is None:
        return atlas.t(kind, lang)
    rec = getattr(atlas, kind).get(id)  # Tools' lookups by id, one per section
    if rec is None:  # removed since: its id is all that is left
        return escape(id)
    return escape(getattr(rec.title if kind == "policies" else rec.name, lang))
